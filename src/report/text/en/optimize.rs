//! English: the optimisation report.

use crate::report::text::{FigureText, OptimizeText};

/// English.
pub(super) const OPTIMIZE: OptimizeText = OptimizeText {
    title: |scenario| format!("Best split of the envelope: {scenario}"),
    intro: |name, hash, seed, sampling, version| {
        format!("Scenario `{name}` (`{hash}`), seed {seed}, {sampling} sampling, esante {version}.")
    },
    objective: |statistic, metric, unit, first, last| {
        if first == last {
            format!("Objective: maximise the {statistic} of `{metric}` ({unit}) in {first}.")
        } else {
            format!(
                "Objective: maximise the {statistic} of `{metric}` ({unit}) summed over \
                 {first}-{last}."
            )
        }
    },
    statistic_mean: "mean",
    statistic_percentile: |p| format!("P{p}"),
    statistic_prob: |at_least, level| {
        if at_least {
            format!("probability of reaching {level}")
        } else {
            format!("probability of staying at or below {level}")
        }
    },
    method: |envelope, axes, step, grid, evaluated, draws, evaluations| {
        format!(
            "The envelope of {envelope} M EUR is split over {axes}; each axis keeps the shape of \
             its schedule. Every split is evaluated on the same {draws} draws (common random \
             numbers): the grid of the simplex in parts of {step} of the envelope ({grid} \
             splits), then a pattern search below the grid step around the three best, to \
             within 0.5% of the envelope ({evaluated} splits in all, {evaluations} model \
             evaluations)."
        )
    },
    bounds: |list| format!("Bounds: {list}."),
    bound_min: |axis, meur| format!("`{axis}` at least {meur} M EUR"),
    bound_max: |axis, meur| format!("`{axis}` at most {meur} M EUR"),
    result_heading: "Result",
    axis_row: |axis| format!("`{axis}` (M EUR)"),
    splits_columns: ["", "current", "best", "robust"],
    splits_rows: [
        "objective, search draws",
        "objective, independent draws",
        "gain over current, independent draws (P5 to P95)",
        "probability of beating current, independent draws",
    ],
    gain_cell: |mean, p5, p95| format!("{mean} ({p5} to {p95})"),
    verdict: |gain, prob| {
        format!(
            "On independent draws, the best split changes the objective by {gain} over the \
             current split and does better in {prob} of the draws."
        )
    },
    out_of_sample_note: "The best split is chosen on the search's draws, which flatters it; \
                         the figures on independent draws (other random streams, same count) \
                         are the ones to quote. The robust split has the highest P10 among \
                         the splits whose mean is within 1% of the best mean.",
    calibrated: |inside, outside| {
        format!(
            "**Calibrated**: every draw is weighted by the likelihood of the scenario's observed \
             figures (`[[observed]]`, importance weighting, as `esante calibrate`) under its own \
             budgets, so every statistic below is on the calibrated projection; the weights are \
             worth {inside} independent draws on the search's draws and {outside} on the \
             independent ones (Kish's effective sample size)."
        )
    },
    few_effective: |ess| {
        format!(
            "**The calibrated statistics rest on too few draws** (effective sample size {ess}): \
             rerun with more `--draws` (the effective sample size grows in proportion to them)."
        )
    },
    marginal_heading: "Marginal returns",
    marginal_intro: "Change of the objective per extra M EUR in each axis (central difference \
                     of +/- 0.5 M EUR on the search's draws, forward below 0.5 M EUR). At an \
                     interior optimum they are equal across the funded axes: the next million \
                     goes where the return is highest.",
    marginal_columns: ["axis", "at current split", "at best split"],
    shortlist_heading: "Shortlist",
    shortlist_intro: "The best splits of the search, checked on independent draws.",
    shortlist_columns: [
        "search draws",
        "independent draws",
        "gain (mean)",
        "P(beats current)",
    ],
    frontier_figure: FigureText {
        heading: "Robust frontier",
        caption: "Every split evaluated: mean against P10 of the objective. The Pareto set \
                  (no split has both a higher mean and a higher P10) is highlighted.",
    },
    allocation_figure: FigureText {
        heading: "Allocations",
        caption: "M EUR per axis in the current, best and robust splits.",
    },
    gain_figure: FigureText {
        heading: "Gain of the best split",
        caption: "Distribution over independent draws of the objective under the best split \
                  minus under the current split, draw by draw.",
    },
    marginal_figure: FigureText {
        heading: "Marginal returns",
        caption: "Objective gained per extra M EUR in each axis, at the current and at the \
                  best split.",
    },
    files_heading: "Files",
    files: [
        "`candidates.csv` (every split evaluated, best first)",
        "`optimize.json` (everything, with provenance)",
    ],
    names: ["current", "best", "robust"],
    frontier_title: "Robust frontier: mean and P10 of every split",
    frontier_legend: ["split", "Pareto set"],
    frontier_axes: |unit| [format!("mean ({unit})"), format!("P10 ({unit})")],
    allocation_title: "Allocation of the envelope",
    allocation_axis: "M EUR",
    gain_title: "Best minus current, draw by draw (independent draws)",
    gain_axis: |unit| format!("gain ({unit})"),
    gain_share: "share of draws",
    marginal_title: "Objective gained per extra M EUR",
    marginal_axis: "change of the objective per M EUR",
    marginal_legend: ["at current split", "at best split"],
    points: |points| format!("{points} points"),
    written: |dir| format!("Optimisation report written to {dir}"),
};
