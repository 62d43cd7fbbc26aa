//! The words of the comparison report, its charts and its terminal summary.

use super::FigureText;

/// The words of the comparison report.
#[derive(Debug)]
pub struct CompareText {
    /// The page title: the alternatives' names (in backquotes, joined) and
    /// the base's.
    pub title: fn(alts: &str, base: &str) -> String,
    /// Under the title: the shared draws (formatted), seed, sampling,
    /// version.
    pub intro: fn(draws: &str, seed: u64, sampling: &str, version: &str) -> String,
    /// In a calibrated comparison: whose observed figures weight the draws
    /// and the effective sample size.
    pub calibrated: fn(scenario: &str, ess: &str) -> String,
    /// Column names of the scenarios table.
    pub scenario_columns: [&'static str; 5],
    /// The roles of the scenarios table: base, alternative.
    pub roles: [&'static str; 2],
    /// Heading of an alternative's section: its title and the base's.
    pub versus: fn(alt: &str, base: &str) -> String,
    /// What an alternative's table shows: year, the two names.
    pub difference_in: fn(year: i32, alt: &str, base: &str) -> String,
    /// Column names of an alternative's table.
    pub diff_columns: [&'static str; 7],
    /// The unit of a share's row (differences in points).
    pub share_unit: &'static str,
    /// Extra spending and market over the shared years (formatted medians and
    /// P5-P95).
    pub extras: fn(from: i32, to: i32, spend: [&str; 3], market: [&str; 3]) -> String,
    /// When the alternative spends nothing extra.
    pub no_extra_spending: &'static str,
    /// The market per extra public M EUR: median, P5, P95 (formatted).
    pub per_meur: fn(p50: &str, p5: &str, p95: &str) -> String,
    /// With `[economics]`: the sentence saying that the extra spending, the
    /// extra market and their ratio are present values, at `rate` (a
    /// percentage, [`Locale::rate`](super::Locale::rate)) to `base_year`.
    pub present_values: fn(rate: &str, base_year: i32) -> String,
    /// Before the list of what differs besides the programme: the two names.
    pub mismatch_intro: fn(alt: &str, base: &str) -> String,
    /// A segment only one scenario has: its id and that scenario's name.
    pub mismatch_segment: fn(id: &str, only_in: &str) -> String,
    /// A parameter set differently: its path, the base's and the
    /// alternative's setting (as text).
    pub mismatch_parameter: fn(path: &str, base: &str, alt: &str) -> String,
    /// Different start years: the base's and the alternative's.
    pub mismatch_start: fn(base: i32, alt: i32) -> String,
    /// The domestic market differs in the first shared year: the year and
    /// the difference's mean, P5 and P95 (formatted).
    pub start_gap: fn(year: i32, mean: &str, p5: &str, p95: &str) -> String,
    /// "Warning", the word before a report's warning.
    pub warning: &'static str,
    /// "Charts".
    pub charts: &'static str,
    /// Where every row is.
    pub data_files: &'static str,
    /// The charts on the page: market, adoption, market per M EUR.
    pub figures: [FigureText; 3],
    /// A difference chart on the page: heading from the two names.
    pub difference_heading: fn(alt: &str, base: &str) -> String,
    /// A difference chart's caption from the two names.
    pub difference_caption: fn(alt: &str, base: &str) -> String,
    /// Terminal: the settings line.
    pub terminal_base: fn(base: &str, draws: u64, seed: u64, sampling: &str) -> String,
    /// Terminal: an alternative's total market difference: name, year, P5,
    /// P50, P95, probability (formatted).
    pub terminal_alt: fn(name: &str, year: i32, q: [&str; 3], p: &str) -> String,
    /// Terminal: the market per extra public M EUR (formatted).
    pub terminal_per_meur: fn(p50: &str, p5: &str, p95: &str) -> String,
    /// With `[economics]`: the terminal line under the market per extra M
    /// EUR saying it is in present values.
    pub terminal_present_values: fn(rate: &str, base_year: i32) -> String,
    /// Charts: the scenarios of the provenance line, base first.
    pub provenance_names: fn(names: &[&str]) -> String,
    /// Charts: the subtitle naming the base and the alternatives.
    pub subtitle: fn(base: &str, alts: &[&str]) -> String,
    /// Charts: the base's legend label.
    pub base_label: fn(name: &str) -> String,
    /// Charts: the P25-P75 band of overlaid fans.
    pub band_p25_p75: &'static str,
    /// Charts: the P5-P95 band of overlaid fans.
    pub band_p5_p95: &'static str,
    /// `market`: title.
    pub market_title: &'static str,
    /// `adoption`: title.
    pub adoption_title: &'static str,
    /// `difference-<alt>`: the panels: total market, domestic market.
    pub difference_panels: [&'static str; 2],
    /// `difference-<alt>`: the fan's label from the two names.
    pub difference_label: fn(alt: &str, base: &str) -> String,
    /// `difference-<alt>`: the median's legend from the label.
    pub median_difference: fn(label: &str) -> String,
    /// `difference-<alt>`: the zero line's legend.
    pub zero_line: &'static str,
    /// `difference-<alt>`: title.
    pub difference_title: &'static str,
    /// `difference-<alt>`: subtitle from the two titles.
    pub difference_subtitle: fn(alt: &str, base: &str) -> String,
    /// `difference-<alt>`: vertical axis.
    pub difference_axis: &'static str,
    /// `market-per-meur`: title.
    pub ratio_title: &'static str,
    /// `market-per-meur`: legend of the bar, of the whisker, of the line at 1.
    pub ratio_legend: [&'static str; 3],
    /// `market-per-meur`: horizontal axis over one window of shared years.
    pub ratio_axis: fn(from: i32, to: i32) -> String,
    /// `market-per-meur`: horizontal axis when the windows differ.
    pub ratio_axis_mixed: &'static str,
    /// [`CompareText::ratio_axis`] with `[economics]`: present values at
    /// `rate` (a percentage) to `base_year`.
    pub ratio_axis_pv: fn(from: i32, to: i32, rate: &str, base_year: i32) -> String,
    /// [`CompareText::ratio_axis_mixed`] with `[economics]`.
    pub ratio_axis_mixed_pv: fn(rate: &str, base_year: i32) -> String,
    /// `market-per-meur`: the numbers beside a bar (formatted).
    pub ratio_numbers: fn(p50: &str, p5: &str, p95: &str) -> String,
    /// `market-per-meur`: the draws left out (formatted count).
    pub ratio_left_out: fn(n: &str) -> String,
    /// `market-per-meur`: when the ratio is not defined.
    pub ratio_undefined: &'static str,
}
