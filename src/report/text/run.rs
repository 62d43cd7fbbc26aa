//! The words of the run report's page.

use super::Locale;

/// A figure as a page shows it: a heading and one line on how to read it.
#[derive(Debug, Clone, Copy)]
pub struct FigureText {
    /// Heading above the chart (also its alternative text).
    pub heading: &'static str,
    /// How to read the chart.
    pub caption: &'static str,
}

/// The words of the run report's `index.md`.
#[derive(Debug)]
pub struct RunText {
    /// The sentence under the title: draws and horizon.
    pub intro: fn(&Locale, draws: u64, from: i32, to: i32) -> String,
    /// "Provenance".
    pub provenance: &'static str,
    /// Row labels of the provenance table: scenario, scenario hash, horizon,
    /// draws, seed, sampling, random generator, esante version.
    pub provenance_rows: [&'static str; 8],
    /// The provenance row of the `--set` values, when a run has any.
    pub overrides_row: &'static str,
    /// The horizon cell: first and last year, number of years.
    pub horizon: fn(from: i32, to: i32, years: usize) -> String,
    /// How to regenerate the report: the command with the seed, draws,
    /// sampling and the other flags it needs (`set`: the `--set` and
    /// `--lang` flags, empty or starting with a space).
    pub regenerate: fn(seed: u64, draws: u64, sampling: &str, set: &str) -> String,
    /// "Inputs".
    pub inputs: &'static str,
    /// How inputs are shown.
    pub inputs_note: &'static str,
    /// "Axes".
    pub axes: &'static str,
    /// Column names of the axes table.
    pub axes_columns: [&'static str; 7],
    /// The years cell of an axis without a schedule.
    pub no_schedule: &'static str,
    /// "Segments".
    pub segments: &'static str,
    /// Column names of the segments table.
    pub segments_columns: [&'static str; 7],
    /// "Key results".
    pub key_results: &'static str,
    /// First columns of the key results table: metric, unit.
    pub key_columns: [&'static str; 2],
    /// The three columns of a year: P5, median, P95 in `year`.
    pub key_year_columns: fn(year: i32) -> [String; 3],
    /// "Monte Carlo precision".
    pub precision: &'static str,
    /// What the precision table shows, for a run of `draws` draws (Latin
    /// hypercube when `lhs`).
    pub precision_note: fn(draws: &str, lhs: bool) -> String,
    /// The columns after metric and unit: the mean in `year` and the
    /// standard errors of the mean, P5, median and P95.
    pub precision_columns: fn(year: i32) -> [String; 5],
    /// Rows of the market totals: total, domestic, export.
    pub market_rows: [&'static str; 3],
    /// Row of a segment's adoption.
    pub adoption_row: fn(label: &str) -> String,
    /// Unit of the market rows.
    pub market_unit: &'static str,
    /// Unit of the adoption rows.
    pub adoption_unit: &'static str,
    /// "Targets".
    pub targets: &'static str,
    /// When the scenario sets no target.
    pub no_target: &'static str,
    /// What the targets table shows.
    pub targets_note: &'static str,
    /// Column names of the targets table.
    pub targets_columns: [&'static str; 6],
    /// "Backtest".
    pub backtest: &'static str,
    /// What the backtest table shows.
    pub backtest_note: &'static str,
    /// Column names of the backtest table: metric, year, observed, P5,
    /// median, P95, percentile, verdict, source.
    pub backtest_columns: [&'static str; 9],
    /// The verdicts: below P5, within P5-P95, above P95.
    pub verdicts: [&'static str; 3],
    /// A one-line summary: how many observations, how many inside P5-P95.
    pub backtest_summary: fn(observed: usize, within: usize) -> String,
    /// "Charts".
    pub charts: &'static str,
    /// Where the data of every metric is.
    pub data_files: &'static str,
    /// The run charts, in report order: market, adoption, funding, effects,
    /// market distribution, deliverables.
    pub figures: [FigureText; 6],
}
