//! The words of the run charts and of the chart toolkit: titles, legends,
//! axis labels, markers.

/// The words of the run charts and of the chart toolkit.
#[derive(Debug)]
pub struct ChartsText {
    /// The horizontal axis over calendar years.
    pub year: &'static str,
    /// Legend of a fan's median: the fan's label.
    pub median_of: fn(label: &str) -> String,
    /// Legend of the P25-P75 band.
    pub band_p25_p75: &'static str,
    /// Legend of the P5-P95 band.
    pub band_p5_p95: &'static str,
    /// Vertical axis of money per year.
    pub meur_per_year: &'static str,
    /// `market`: title.
    pub market_title: &'static str,
    /// `market`: the total market's fan.
    pub total_market: &'static str,
    /// `market`: the domestic and export medians.
    pub domestic_median: &'static str,
    /// `market`: the export median.
    pub export_median: &'static str,
    /// `market`: a target line on the plot: label and level.
    pub target_line: fn(label: &str, level: &str) -> String,
    /// `market`: a target in the legend: year and probability.
    pub target_probability: fn(year: i32, probability: &str) -> String,
    /// `adoption`: title.
    pub adoption_title: &'static str,
    /// `adoption`: the neutral fan of the legend.
    pub adoption: &'static str,
    /// `adoption`: a target line: year, level, probability.
    pub adoption_target: fn(year: i32, level: &str, probability: &str) -> String,
    /// `adoption`: the legend of target lines.
    pub target: &'static str,
    /// An observed figure with its +/- 2 sd bar, in the legend.
    pub observed: &'static str,
    /// The prior's median beside a calibrated fan, in the legend.
    pub prior_median: &'static str,
    /// `adoption`: vertical axis.
    pub adopted_share: &'static str,
    /// `funding`: title.
    pub funding_title: &'static str,
    /// `funding`: the executed line.
    pub executed_median: &'static str,
    /// `funding`: when nothing is planned.
    pub no_spending: &'static str,
    /// `effects`: title.
    pub effects_title: &'static str,
    /// `effects`: the band legend.
    pub effects_band: &'static str,
    /// `effects`: vertical axis.
    pub effect_level: &'static str,
    /// `effects`: when no axis has any effect.
    pub no_effect: &'static str,
    /// `market-distribution`: title, with the year and the formatted draws.
    pub distribution_title: fn(year: i32, draws: &str) -> String,
    /// `market-distribution`: the bars.
    pub share_per_bin: &'static str,
    /// `market-distribution`: the markers' tags: P5, median, P95, target.
    pub marker_tags: [&'static str; 4],
    /// `market-distribution`: a marker in the legend: tag and value.
    pub marker_value: fn(tag: &str, value: &str) -> String,
    /// `market-distribution`: a target in the legend: label, sign, level,
    /// probability.
    pub distribution_target: fn(label: &str, sign: &str, level: &str, p: &str) -> String,
    /// `market-distribution`: the share of draws beyond the axis.
    pub beyond_axis: fn(share: &str) -> String,
    /// `market-distribution`: horizontal axis.
    pub total_market_axis: &'static str,
    /// `market-distribution`: vertical axis.
    pub share_of_draws: &'static str,
    /// `deliverables`: title.
    pub deliverables_title: &'static str,
    /// `deliverables`: the neutral fan of the legend.
    pub deliverables: &'static str,
    /// `deliverables`: a panel's caption from the deliverable's name and
    /// its axis' label.
    pub deliverable_panel: fn(name: &str, axis: &str) -> String,
    /// `deliverables`: vertical axis.
    pub units: &'static str,
}
