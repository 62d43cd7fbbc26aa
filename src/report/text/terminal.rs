//! What the commands print on the terminal: `esante check`'s description
//! of a scenario, `esante run`'s key results, and the messages of every
//! command.

/// What the commands print.
#[derive(Debug)]
pub struct TerminalText {
    /// `check`: name and title.
    pub scenario: fn(name: &str, title: &str) -> String,
    /// `check`: the files of the `extends` chain, most derived first.
    pub files: fn(files: &[String]) -> String,
    /// `check`: the horizon.
    pub horizon: fn(from: i32, to: i32, years: usize) -> String,
    /// `check`: the `[simulation]` settings.
    pub simulation: fn(draws: u64, seed: u64, sampling: &str) -> String,
    /// `check`: number of axes and total public money (formatted).
    pub axes: fn(n: usize, total: &str) -> String,
    /// `check`: one axis: id, budget, years, execution, lag, half-saturation.
    pub axis:
        fn(id: &str, budget: &str, years: &str, execution: &str, lag: usize, half: &str) -> String,
    /// `check`: the years of an axis without a schedule.
    pub no_schedule: &'static str,
    /// `check`: a deliverable and its rate.
    pub deliverable: fn(name: &str, per_meur: &str) -> String,
    /// `check`: number of segments.
    pub segments: fn(n: usize) -> String,
    /// `check`: one segment: id, population, initial, p, q, ceiling.
    pub segment: fn(id: &str, params: [&str; 5]) -> String,
    /// `check`: number of uncertain parameters.
    pub uncertain: fn(n: usize) -> String,
    /// `check`: number of correlations.
    pub correlations: fn(n: usize) -> String,
    /// `check`: one correlation.
    pub correlation: fn(a: &str, b: &str, rho: f64) -> String,
    /// `check`: number of targets.
    pub targets: fn(n: usize) -> String,
    /// The `[optimize]` question: the objective (worded), the free axes
    /// (listed, or empty for the default).
    pub optimize: fn(objective: &str, axes: &str) -> String,
    /// `check`: the scenario hash.
    pub hash: fn(hash: &str) -> String,
    /// `check`: the last line.
    pub valid: &'static str,
    /// `run`: the first line: scenario, draws, seed, sampling, year.
    pub results: fn(name: &str, draws: u64, seed: u64, sampling: &str, year: i32) -> String,
    /// `run`: column names of the results table: metric, P5, P50, P95.
    pub results_columns: [&'static str; 4],
    /// `run`: a money metric's row label.
    pub money_metric: fn(name: &str) -> String,
    /// `run`: the targets heading.
    pub targets_heading: &'static str,
    /// `run`: a target, its probability and 95% margin (formatted).
    pub target: fn(label: &str, p: &str, margin: &str) -> String,
    /// `run`: where the report went.
    pub report_written: fn(dir: &str) -> String,
    /// `run --export-draws`: where the draws went.
    pub draws_written: fn(file: &str) -> String,
    /// `compare`: where the comparison went.
    pub comparison_written: fn(dir: &str) -> String,
    /// `sensitivity`: where the analysis went.
    pub sensitivity_written: fn(dir: &str) -> String,
    /// Warning: draws of a metric overflowed (prefix, metric, year, count).
    pub overflow: fn(prefix: &str, metric: &str, year: i32, n: u64) -> String,
    /// Note: an alternative's own `[simulation]` is not used.
    pub simulation_unused: fn(name: &str) -> String,
}
