//! English: the run report.

use crate::report::text::{FigureText, RunText};

/// The run report's page in English.
pub(super) const RUN: RunText = RunText {
    intro: |l, draws, from, to| {
        format!(
            "Report of an `esante` run: {} Monte Carlo draws of the yearly model from {from} \
             to {to}. Percentiles (P5, P25, median, P75, P95) are over the draws; a band from \
             P5 to P95 holds 90% of them.",
            l.thousands(draws as f64, 0)
        )
    },
    provenance: "Provenance",
    overrides_row: "set on the command line",
    discount_row: "discounting",
    discount_value: |rate, base_year| {
        format!("{rate} a year; present values (`pv.*`) in {base_year} euros (`[economics]`)")
    },
    provenance_rows: [
        "scenario",
        "scenario hash",
        "horizon",
        "draws",
        "seed",
        "sampling",
        "random generator",
        "esante version",
    ],
    horizon: |from, to, years| {
        format!(
            "{from}–{to} ({years} year{})",
            if years == 1 { "" } else { "s" }
        )
    },
    regenerate: |command| {
        format!(
            "Regenerate with `{command}`, where [`scenario.toml`](scenario.toml) is the \
             scenario as this run read it: the same inputs give the same bytes."
        )
    },
    key_results: "Key results",
    key_columns: ["metric", "unit"],
    key_year_columns: |y| [format!("P5 {y}"), format!("median {y}"), format!("P95 {y}")],
    precision: "Monte Carlo precision",
    precision_note: |draws, lhs| {
        let mut s = format!(
            "How much the figures above would move with another set of {draws} draws: \
             Monte Carlo standard errors (a 95% interval is 1.96 of them either side). \
             The mean's is sd / √n; a percentile's is read from its distribution-free \
             95% interval between order statistics. `summary.json` gives them for every \
             metric and year (`mcse`)."
        );
        if lhs {
            s.push_str(
                " The draws are a Latin hypercube sample: these errors are those of \
                 independent draws, which overstate the error of LHS estimates.",
            );
        }
        s
    },
    precision_columns: |y| {
        [
            format!("mean {y}"),
            "± mean".to_string(),
            "± P5".to_string(),
            "± median".to_string(),
            "± P95".to_string(),
        ]
    },
    market_rows: ["Market, total", "Market, domestic", "Market, export"],
    adoption_row: |label| format!("Adoption, {label}"),
    pv_total_row: "Market, total, cumulative present value",
    pv_unit: "M EUR",
    market_unit: "M EUR/year",
    adoption_unit: "% adopted",
    targets: "Targets",
    no_target: "The scenario sets no target.",
    targets_note: "Probability that a metric reaches a level: the share of draws that do, \
                   with its 95% Monte Carlo margin.",
    targets_columns: ["target", "metric", "year", "level", "probability", "±"],
    backtest: "Backtest",
    backtest_note: "Each observed figure of the scenario (`[[observed]]`) against the \
                    projection of its metric in its year: the projection's P5, median and \
                    P95, and the observation's percentile in it (50% is dead centre; below \
                    5% or above 95% the projection missed).",
    backtest_columns: [
        "metric",
        "year",
        "observed",
        "P5",
        "median",
        "P95",
        "percentile",
        "verdict",
        "source",
    ],
    verdicts: [
        "**miss**: below P5 (projection too high)",
        "within P5–P95",
        "**miss**: above P95 (projection too low)",
    ],
    backtest_summary: |n, within| {
        format!(
            "{within} of {n} observation{} inside the projection's P5–P95 band.",
            if n == 1 { "" } else { "s" }
        )
    },
    charts: "Charts",
    data_files: "The data of every metric in every year: [`summary.csv`](summary.csv), \
                 [`summary.json`](summary.json).",
    figures: [
        FigureText {
            heading: "Market",
            caption: "Total market per year: the line is the median over draws, the dark \
                      band holds the middle 50% of draws (P25-P75), the light band 90% \
                      (P5-P95); the domestic and export lines are their own medians; dashed \
                      lines are targets.",
        },
        FigureText {
            heading: "Adoption by segment",
            caption: "Share of each segment that has adopted, per year: median line, \
                      P25-P75 and P5-P95 bands over draws.",
        },
        FigureText {
            heading: "Public funding",
            caption: "Planned public spending per year, stacked by axis; the black line is \
                      the executed spending (sum of the axes' medians: planned x execution).",
        },
        FigureText {
            heading: "Programme effects",
            caption: "Effect level of each axis (0% = no effect, 100% = full effect): median \
                      line and P5-P95 band over draws.",
        },
        FigureText {
            heading: "Market at the horizon",
            caption: "How the draws spread out for the total market in the last year: bar \
                      height is the share of draws per bin; vertical lines mark P5, the \
                      median, P95 and targets.",
        },
        FigureText {
            heading: "Deliverables",
            caption: "Cumulative deliverables of the axes per year: median line, P25-P75 and \
                      P5-P95 bands over draws.",
        },
    ],
};
