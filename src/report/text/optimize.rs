//! The words of the optimisation report, its charts and what `esante
//! optimize` prints.

use super::FigureText;

/// The words of the optimisation report.
#[derive(Debug)]
pub struct OptimizeText {
    /// The page title: scenario title.
    pub title: fn(scenario: &str) -> String,
    /// Under the title: name, short hash, seed, sampling, version.
    pub intro: fn(name: &str, hash: &str, seed: u64, sampling: &str, version: &str) -> String,
    /// The objective: statistic (already worded), metric, unit, years.
    pub objective: fn(statistic: &str, metric: &str, unit: &str, first: i32, last: i32) -> String,
    /// A statistic in words: `mean`, `P10`, `probability that ... >= 5`.
    pub statistic_mean: &'static str,
    /// A percentile, in words.
    pub statistic_percentile: fn(p: u8) -> String,
    /// A probability of reaching (`true`) or staying below a level (formatted).
    pub statistic_prob: fn(at_least: bool, level: &str) -> String,
    /// The search: envelope (formatted), axes, grid part (formatted share),
    /// grid splits, evaluated splits, draws, model evaluations (formatted).
    pub method: fn(
        envelope: &str,
        axes: &str,
        step: &str,
        grid: &str,
        evaluated: &str,
        draws: &str,
        evaluations: &str,
    ) -> String,
    /// The bounds, as one sentence, when there are any.
    pub bounds: fn(list: &str) -> String,
    /// A minimum in the bounds list: axis, M EUR (formatted).
    pub bound_min: fn(axis: &str, meur: &str) -> String,
    /// A maximum in the bounds list.
    pub bound_max: fn(axis: &str, meur: &str) -> String,
    /// "Result".
    pub result_heading: &'static str,
    /// A free axis' row of the splits table: its id, in M EUR.
    pub axis_row: fn(axis: &str) -> String,
    /// The columns of the three splits' table.
    pub splits_columns: [&'static str; 4],
    /// Row names of the splits table after the axes: the statistic in and
    /// out of sample, the gain out of sample (P5 to P95), the probability of
    /// beating the current split.
    pub splits_rows: [&'static str; 4],
    /// A gain in the splits table: its mean, P5 and P95 (formatted).
    pub gain_cell: fn(mean: &str, p5: &str, p95: &str) -> String,
    /// How to read the result: best gain (formatted), probability
    /// (formatted), draws (formatted).
    pub verdict: fn(gain: &str, prob: &str) -> String,
    /// Why out-of-sample figures are the ones to quote.
    pub out_of_sample_note: &'static str,
    /// On the calibrated projection: what weighs the draws, with the
    /// effective sample sizes in and out of sample (formatted).
    pub calibrated: fn(in_sample: &str, out_of_sample: &str) -> String,
    /// A calibrated search whose weights are worth too few draws (the
    /// smaller effective sample size, formatted).
    pub few_effective: fn(ess: &str) -> String,
    /// "Marginal returns".
    pub marginal_heading: &'static str,
    /// What the marginal returns are.
    pub marginal_intro: &'static str,
    /// Columns of the marginal returns table.
    pub marginal_columns: [&'static str; 3],
    /// "Shortlist".
    pub shortlist_heading: &'static str,
    /// What the shortlist is.
    pub shortlist_intro: &'static str,
    /// Columns of the shortlist table after the axes.
    pub shortlist_columns: [&'static str; 4],
    /// The frontier chart.
    pub frontier_figure: FigureText,
    /// The allocations chart.
    pub allocation_figure: FigureText,
    /// The gain chart.
    pub gain_figure: FigureText,
    /// The marginal returns chart.
    pub marginal_figure: FigureText,
    /// "Files".
    pub files_heading: &'static str,
    /// The files, one list item each.
    pub files: [&'static str; 2],
    /// Names of the three splits: current, best, robust.
    pub names: [&'static str; 3],
    /// Frontier chart: title.
    pub frontier_title: &'static str,
    /// Frontier chart legend: candidates, Pareto set.
    pub frontier_legend: [&'static str; 2],
    /// Frontier chart axes: mean, P10, with the unit.
    pub frontier_axes: fn(unit: &str) -> [String; 2],
    /// Allocations chart: title and x axis.
    pub allocation_title: &'static str,
    /// Allocations chart x axis.
    pub allocation_axis: &'static str,
    /// Gain chart: title.
    pub gain_title: &'static str,
    /// Gain chart x axis, with the unit.
    pub gain_axis: fn(unit: &str) -> String,
    /// Gain chart y axis.
    pub gain_share: &'static str,
    /// Marginal chart: title.
    pub marginal_title: &'static str,
    /// Marginal chart x axis: the statistic's change per M EUR.
    pub marginal_axis: &'static str,
    /// Marginal chart legend: current, best.
    pub marginal_legend: [&'static str; 2],
    /// A difference of two shares, in percentage points (formatted number).
    pub points: fn(points: &str) -> String,
    /// Terminal: where the report went.
    pub written: fn(dir: &str) -> String,
}
