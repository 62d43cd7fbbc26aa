//! The words of the sensitivity report, its charts, its caveats and its
//! terminal tables.

use super::FigureText;

/// Names listed in a sentence (parameter paths).
pub type Names<'a> = &'a [&'a str];

/// The words of the sensitivity report.
#[derive(Debug)]
pub struct SensitivityText {
    /// The page title: metric, year, scenario title.
    pub title: fn(metric: &str, year: i32, scenario: &str) -> String,
    /// Under the title: name, short hash, seed, sampling, version, metric,
    /// unit, year.
    pub intro: fn(
        name: &str,
        hash: &str,
        seed: u64,
        sampling: &str,
        version: &str,
        metric: &str,
        unit: &str,
        year: i32,
    ) -> String,
    /// A caveat on the page.
    pub warning: fn(text: &str) -> String,
    /// Heading of the rank method.
    pub rank_heading: &'static str,
    /// What the rank method does, on this many draws (formatted).
    pub rank_intro: fn(draws: &str) -> String,
    /// When no tornado chart can be drawn.
    pub no_tornado_chart: &'static str,
    /// Heading of the Sobol method.
    pub sobol_heading: &'static str,
    /// What the Sobol indices mean, for a metric.
    pub sobol_intro: fn(metric: &str) -> String,
    /// When no Sobol chart can be drawn in a year.
    pub no_sobol_chart: fn(year: i32) -> String,
    /// When no heatmap can be drawn, for a metric.
    pub no_heatmap: fn(metric: &str) -> String,
    /// "Files".
    pub files_heading: &'static str,
    /// The files, as a list item each: tornado, Sobol, JSON.
    pub files: [&'static str; 3],
    /// The metric's mean over the draws: metric, year, draws, mean
    /// (formatted).
    pub mean_line: fn(metric: &str, year: i32, draws: &str, mean: &str) -> String,
    /// When the metric does not vary: metric, year.
    pub no_rank: fn(metric: &str, year: i32) -> String,
    /// Column names of the tornado table.
    pub tornado_columns: [&'static str; 5],
    /// How many more parameters `tornado.csv` holds.
    pub more_in_tornado: fn(n: usize) -> String,
    /// The Sobol sample: N, model runs (formatted), resamples, confidence
    /// (formatted percentage).
    pub sobol_sample: fn(n: &str, runs: &str, resamples: usize, confidence: &str) -> String,
    /// When the indices are not defined: metric, year.
    pub no_indices: fn(metric: &str, year: i32) -> String,
    /// Column names of the Sobol table.
    pub sobol_columns: [&'static str; 3],
    /// How many more parameters `sobol.csv` holds.
    pub more_in_sobol: fn(n: usize) -> String,
    /// The sum of first-order indices (formatted) and how to read it.
    pub s1_sum: fn(sum: &str) -> String,
    /// A value that is not defined.
    pub not_available: &'static str,
    /// Caveat: a correlation the Sobol samples ignore.
    pub correlation: fn(a: &str, b: &str, rho: f64) -> String,
    /// Caveat: the ignored correlations (count, list).
    pub ignored_correlations: fn(n: usize, pairs: &str) -> String,
    /// Caveat: Sobol rows left out.
    pub sobol_excluded: fn(excluded: usize, n: usize) -> String,
    /// Caveat: the metric is constant in the year.
    pub sobol_constant: fn(metric: &str, year: i32) -> String,
    /// Caveat: the metric is not finite in the year.
    pub sobol_not_finite: fn(metric: &str, year: i32) -> String,
    /// Caveat: rank-method draws left out.
    pub rank_excluded: fn(n: usize) -> String,
    /// The tornado on the page.
    pub tornado_figure: FigureText,
    /// The Sobol chart on the page: heading for a year.
    pub sobol_figure_heading: fn(year: i32) -> String,
    /// The Sobol chart's caption.
    pub sobol_figure_caption: &'static str,
    /// The heatmap on the page.
    pub heatmap_figure: FigureText,
    /// `tornado`: the bars' legends: lowest decile, highest decile.
    pub tornado_sides: [&'static str; 2],
    /// `tornado`: the mean line's legend (formatted mean).
    pub tornado_mean: fn(mean: &str) -> String,
    /// `tornado`: title: metric, year.
    pub tornado_title: fn(metric: &str, year: i32) -> String,
    /// `tornado`: horizontal axis: metric, year, unit.
    pub tornado_axis: fn(metric: &str, year: i32, unit: &str) -> String,
    /// `tornado`: Spearman's rho beside a bar (formatted with two decimals).
    pub rho: fn(rho: &str) -> String,
    /// `sobol`: title: metric, year.
    pub sobol_title: fn(metric: &str, year: i32) -> String,
    /// `sobol`: subtitle: scenario title, N (formatted), resamples.
    pub sobol_subtitle: fn(title: &str, n: &str, resamples: usize) -> String,
    /// `sobol`: legends of S1 and ST.
    pub sobol_legend: [&'static str; 2],
    /// `sobol`: the whiskers' legend (formatted confidence percentage).
    pub sobol_interval: fn(confidence: &str) -> String,
    /// `sobol`: the whiskers' legend without resamples.
    pub sobol_no_interval: &'static str,
    /// `sobol`: horizontal axis.
    pub sobol_axis: &'static str,
    /// `sobol-heatmap`: title for a metric.
    pub heatmap_title: fn(metric: &str) -> String,
    /// `sobol-heatmap`: subtitle: scenario title, rows, year.
    pub heatmap_subtitle: fn(title: &str, rows: usize, year: i32) -> String,
    /// `sobol-heatmap`: the hatched cells' legend for a metric.
    pub heatmap_undefined: fn(metric: &str) -> String,
    /// `sobol-heatmap`: the colour bar's label.
    pub heatmap_bar: &'static str,
    /// Terminal: the heading of the tornado table (metric, year).
    pub terminal_rank: fn(metric: &str, year: i32) -> String,
    /// Terminal: the heading of the Sobol table.
    pub terminal_sobol: &'static str,
    /// `--against`: how a difference of a metric is named.
    pub difference_metric: fn(metric: &str) -> String,
    /// `--against`: the charts' subtitle: ALT and BASE names.
    pub difference_subtitle: fn(alt: &str, base: &str) -> String,
    /// `--against`: the page title: metric, year, ALT and BASE names.
    pub difference_title: fn(metric: &str, year: i32, alt: &str, base: &str) -> String,
    /// `--against`: under the title: ALT and BASE names with short hashes,
    /// seed, sampling, version.
    pub difference_intro: fn(
        alt: &str,
        alt_hash: &str,
        base: &str,
        base_hash: &str,
        seed: u64,
        sampling: &str,
        version: &str,
    ) -> String,
    /// `--against`: what the page analyses: metric, unit, year.
    pub difference_question: fn(metric: &str, unit: &str, year: i32) -> String,
    /// `--against`: the inputs: their number, how many both scenarios draw,
    /// ALT's name and its own inputs, BASE's name and its own inputs, the
    /// parameters drawn differently in each (split in two).
    pub difference_inputs: fn(
        total: usize,
        shared: usize,
        alt: &str,
        alt_only: Names<'_>,
        base: &str,
        base_only: Names<'_>,
        split: Names<'_>,
    ) -> String,
    /// `--against`: the command that regenerates the page: ALT and BASE
    /// names, the flags.
    pub difference_regenerate: fn(alt: &str, base: &str, flags: &str) -> String,
}
