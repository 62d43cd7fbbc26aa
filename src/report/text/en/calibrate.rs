//! English: the calibration report.

use crate::report::text::{CalibrateText, FigureText};

/// The calibration report in English.
pub(super) const CALIBRATE: CalibrateText = CalibrateText {
    title: |t| format!("{t}: calibrated on observed figures"),
    intro: |l, draws, n| {
        format!(
            "The Monte Carlo conditioned on the scenario's {n} observed figure{} \
             (`[[observed]]`) by importance weighting: each of the {} draws of the prior \
             counts in proportion to the likelihood of the observations (independent normal \
             errors of the given sd). Every statistic below is weighted; \"prior\" is the \
             unweighted run.",
            if n == 1 { "" } else { "s" },
            l.thousands(draws as f64, 0)
        )
    },
    regenerate: |command| {
        format!(
            "Regenerate with `{command}`, where [`scenario.toml`](scenario.toml) is the \
             scenario as this calibration read it: the same inputs give the same bytes."
        )
    },
    reliability: "Reliability",
    reliability_rows: [
        "draws",
        "effective sample size (Kish)",
        "largest weight (share of the total)",
        "Pareto k-hat of the weights",
    ],
    reliability_note: "The posterior is only as good as the draws that carry it. The \
                       effective sample size is `(sum w)^2 / sum w^2`; k-hat is the shape of \
                       the weights' tail (Vehtari et al., Pareto smoothed importance sampling, \
                       2024): above 0.7 the estimates are unreliable.",
    reliable: |ess| {
        format!("The posterior rests on an effective {ess} draws and a tame weight tail.")
    },
    unreliable: |ess, khat, draws| {
        format!(
            "**The posterior rests on too few draws** (effective sample size {ess}, \
             k-hat {khat}). Do not read it as a result: rerun with `--draws {draws}` or more \
             (the effective sample size grows in proportion to the draws), or check that the \
             observations and their sd fit the scenario's definitions."
        )
    },
    backtest_prior: "Backtest before calibration",
    backtest_posterior: "Backtest after calibration",
    moved: "How the projections moved",
    moved_note: |year| {
        format!("P5, median and P95 in {year}, before (prior) and after calibration (posterior).")
    },
    moved_columns: [
        "metric",
        "unit",
        "prior P5",
        "prior median",
        "prior P95",
        "posterior P5",
        "posterior median",
        "posterior P95",
    ],
    parameters: "Parameters the observations moved most",
    parameters_note: "Mean and P5–P95 of each uncertain parameter before and after \
                      calibration, ordered by how far the mean moved in prior standard \
                      deviations; every parameter is in [`parameters.csv`](parameters.csv).",
    parameters_columns: ["parameter", "prior", "posterior", "move"],
    shift: |sd| format!("{sd} sd"),
    data_files: "The data: [`summary.csv`](summary.csv) and [`summary.json`](summary.json) \
                 (the posterior of every metric in every year, with the backtest), \
                 [`parameters.csv`](parameters.csv), [`calibration.json`](calibration.json).",
    figures: [
        FigureText {
            heading: "Adoption after calibration",
            caption: "Share of each segment that has adopted, per year, after calibration: \
                      median line, P25-P75 and P5-P95 bands of the weighted draws; the dashed \
                      grey line is the median before calibration; dots with bars are the \
                      observed figures, ± 2 sd.",
        },
        FigureText {
            heading: "Market after calibration",
            caption: "Total market per year after calibration (weighted median and bands), \
                      the median before calibration dashed in grey, and any observed market \
                      figure ± 2 sd.",
        },
        FigureText {
            heading: "Parameters before and after",
            caption: "For the parameters the observations moved most: how the draws spread \
                      before calibration (grey) and after (coloured), as shares per bin.",
        },
    ],
    parameters_title: "Prior and posterior of the parameters that moved most",
    prior: "before calibration (prior)",
    posterior: "after calibration (posterior)",
    share: "share of draws",
    value: "parameter value",
    summary: |ess, khat, w| {
        format!("effective sample size {ess}, k-hat {khat}, largest weight {w} of the total")
    },
    written: |dir| format!("calibrated report written to {dir}"),
};
