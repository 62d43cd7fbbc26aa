//! English: the run charts and the chart toolkit.

use crate::report::text::ChartsText;

/// English.
pub(super) const CHARTS: ChartsText = ChartsText {
    year: "year",
    median_of: |label| format!("{label}: median"),
    band_p25_p75: "P25–P75 (middle half of the draws)",
    band_p5_p95: "P5–P95 (90% of the draws)",
    meur_per_year: "M EUR per year",
    market_title: "Digital-health market per year (M EUR)",
    total_market: "Total market",
    domestic_median: "Domestic: median",
    export_median: "Export: median",
    target_line: |label, level| format!("{label} ({level})"),
    target_probability: |year, p| format!("Target {year}: probability {p}"),
    adoption_title: "Adopted share by segment",
    adoption: "Adoption",
    adoption_target: |year, level, p| format!("{year} target {level}: P = {p}"),
    target: "Target",
    observed: "Observed (± 2 sd)",
    prior_median: "Median before calibration",
    adopted_share: "adopted share",
    funding_title: "Planned public spending per year by axis (M EUR)",
    executed_median: "Executed (median)",
    no_spending: "No public spending is planned in this scenario",
    effects_title: "Effect level of each axis (median and P5–P95)",
    effects_band: "P5–P95 band (in each axis' colour)",
    effect_level: "effect level (share of the full effect)",
    no_effect: "No axis has any effect in this scenario",
    distribution_title: |year, draws| {
        format!("Total market in {year}: distribution over {draws} draws")
    },
    share_per_bin: "Share of draws per bin",
    marker_tags: ["P5", "median", "P95", "target"],
    marker_value: |tag, v| format!("{tag} = {v} M EUR"),
    distribution_target: |label, sign, level, p| format!("{label}: P(total {sign} {level}) = {p}"),
    beyond_axis: |share| format!("{share} of draws lie beyond the axis"),
    total_market_axis: "total market, M EUR per year",
    share_of_draws: "share of draws",
    deliverables_title: "Cumulative deliverables (units)",
    deliverables: "Cumulative deliverables",
    deliverable_panel: |name, axis| {
        // `regulation_graduates` -> `Regulation graduates`.
        let s = name.replace(['_', '-'], " ");
        let mut c = s.chars();
        let human = match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
            None => s,
        };
        format!("{human} ({axis})")
    },
    units: "units",
};
