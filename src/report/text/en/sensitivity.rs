//! English: the sensitivity report.

use crate::report::text::{FigureText, SensitivityText};

/// English.
pub(super) const SENSITIVITY: SensitivityText = SensitivityText {
    title: |metric, year, scenario| format!("Sensitivity of `{metric}` in {year}: {scenario}"),
    intro: |name, hash, seed, sampling, version, metric, unit, year| {
        format!(
            "Scenario `{name}` (`{hash}`), seed {seed}, {sampling} sampling, esante {version}. \
             Which uncertain inputs drive `{metric}` ({unit}) in {year}?"
        )
    },
    warning: |w| format!("> **Warning.** {w}"),
    rank_heading: "Rank correlations (tornado)",
    rank_intro: |draws| {
        format!(
            "On the {draws} draws of the run itself (correlations included): each bar runs from \
             the mean of the metric over the draws where the parameter is in its lowest decile \
             to the mean where it is in its highest decile. Spearman's rho measures how \
             monotonically the metric follows the parameter (-1 to 1)."
        )
    },
    no_tornado_chart: "No tornado chart: no parameter has a defined rank correlation.",
    sobol_heading: "Variance-based (Sobol) indices",
    sobol_intro: |metric| {
        format!(
            "S1 is the share of the variance of `{metric}` that the parameter explains on its \
             own; ST adds its interactions with the others (ST - S1). A parameter with ST near 0 \
             can be fixed at any value of its range without changing the result. Saltelli \
             sampling with the Saltelli (2010) estimator for S1 and Jansen's for ST, assuming \
             independent inputs."
        )
    },
    no_sobol_chart: |year| format!("No chart of the indices in {year}: they are not defined."),
    no_heatmap: |metric| format!("No heatmap: `{metric}` has no Sobol index in any year."),
    files_heading: "Files",
    files: [
        "`tornado.csv` (every parameter)",
        "`sobol.csv` (indices with intervals in the chosen year), `sobol-years.csv` (point \
         estimates for every year)",
        "`sensitivity.json` (everything, with provenance)",
    ],
    mean_line: |metric, year, draws, mean| {
        format!("Mean of `{metric}` in {year} over all {draws} draws: {mean}.")
    },
    no_rank: |metric, year| format!("No rank correlations: `{metric}` does not vary in {year}."),
    tornado_columns: [
        "parameter",
        "Spearman rho",
        "mean, lowest decile",
        "mean, highest decile",
        "bar width",
    ],
    more_in_tornado: |n| format!("The other {n} parameters are in `tornado.csv`."),
    sobol_sample: |n, runs, resamples, confidence| {
        format!(
            "Base sample N = {n} ({runs} model runs), {resamples} bootstrap resamples; \
             brackets: {confidence} bootstrap percentile intervals."
        )
    },
    no_indices: |metric, year| {
        format!("No indices: `{metric}` does not vary (or is not finite) in {year}.")
    },
    sobol_columns: ["parameter", "S1 (first order)", "ST (total)"],
    more_in_sobol: |n| format!("The other {n} parameters are in `sobol.csv`."),
    s1_sum: |sum| {
        format!(
            "Sum of first-order indices: {sum}. Close to 1, the parameters act mostly one by one \
             (additively); well below 1, interactions matter (ST exceeds S1 for the parameters \
             involved)."
        )
    },
    not_available: "n/a",
    correlation: |a, b, rho| format!("{a} ~ {b} (rho {rho})"),
    ignored_correlations: |n, pairs| {
        format!(
            "Sobol indices assume independent inputs: the Sobol samples ignore the scenario's {n} \
             correlation(s) [{pairs}], so they describe the uncorrelated model. The rank method \
             (tornado) keeps the correlations."
        )
    },
    sobol_excluded: |excluded, n| {
        format!("Sobol: {excluded} of {n} base rows gave a non-finite value and were left out.")
    },
    sobol_constant: |metric, year| {
        format!("Sobol: {metric} is the same in every draw in {year}: no variance to apportion.")
    },
    sobol_not_finite: |metric, year| {
        format!("Sobol: {metric} is not finite in {year}: no indices.")
    },
    rank_excluded: |n| format!("Rank method: {n} draws gave a non-finite value and were left out."),
    tornado_figure: FigureText {
        heading: "Tornado chart",
        caption: "Each bar runs from the mean of the metric over the draws where the parameter \
                  is in its lowest decile to the mean where it is in its highest, around the \
                  black line at the mean of all draws: vermillion on the lowest-decile side, \
                  blue on the highest, so a blue part pointing left marks a parameter that \
                  lowers the metric; the widest bars matter most.",
    },
    sobol_figure_heading: |year| format!("Sobol indices in {year}"),
    sobol_figure_caption: "For the parameters with the largest total index: the orange bar is \
                           S1 (variance explained alone), the blue bar ST (with interactions), \
                           whiskers the bootstrap intervals; a long blue bar with a short orange \
                           one means interactions.",
    heatmap_figure: FigureText {
        heading: "Total indices by year",
        caption: "Total index ST of each parameter (row) in each year (column), darker purple \
                  near 0, yellow near 1: how the drivers of the metric shift over time; hatched \
                  grey cells are years where the metric does not vary.",
    },
    tornado_sides: [
        "parameter in its lowest 10% of draws",
        "parameter in its highest 10% of draws",
    ],
    tornado_mean: |mean| format!("mean over all draws: {mean}"),
    tornado_title: |metric, year| {
        format!("What drives {metric} in {year}: mean by lowest / highest decile of each parameter")
    },
    tornado_axis: |metric, year, unit| {
        format!(
            "{metric} in {year} ({unit}), mean over the draws in the parameter's lowest / highest \
             decile"
        )
    },
    rho: |rho| format!("ρ = {rho}").replace('-', "−"),
    sobol_title: |metric, year| format!("Sobol indices of {metric} in {year}"),
    sobol_subtitle: |title, n, resamples| {
        format!("{title} · base sample N = {n}, {resamples} bootstrap resamples")
    },
    sobol_legend: [
        "S1: first order (the parameter alone)",
        "ST: total (with its interactions)",
    ],
    sobol_interval: |confidence| format!("{confidence} bootstrap interval"),
    sobol_no_interval: "no bootstrap interval (0 resamples)",
    sobol_axis: "share of the variance (0 = none, 1 = all)",
    heatmap_title: |metric| format!("Total Sobol index ST of {metric} by year"),
    heatmap_subtitle: |title, rows, year| {
        format!(
            "{title} · rows: the {rows} parameters with the largest ST, ordered by ST in {year}"
        )
    },
    heatmap_undefined: |metric| {
        format!("no index: {metric} does not vary (or is not finite) that year")
    },
    heatmap_bar: "ST",
    terminal_rank: |metric, year| format!("Rank correlations, {metric} in {year}:"),
    terminal_sobol: "Sobol indices:",
    difference_metric: |metric| format!("Δ {metric}"),
    difference_subtitle: |alt, base| {
        format!("Δ = {alt} − {base}, draw by draw (common random numbers)")
    },
    difference_title: |metric, year, alt, base| {
        format!("Sensitivity of the difference {alt} − {base} in `{metric}`, {year}")
    },
    difference_intro: |alt, alt_hash, base, base_hash, seed, sampling, version| {
        format!(
            "ALT: scenario `{alt}` (`{alt_hash}`); BASE: scenario `{base}` (`{base_hash}`); seed \
             {seed}, {sampling} sampling, esante {version}."
        )
    },
    difference_question: |metric, unit, year| {
        format!(
            "This page analyses the **difference** Δ {metric} = ALT − BASE of `{metric}` \
             ({unit}) in {year}, draw by draw: both scenarios run on the same draws with common \
             random numbers, so Δ is the effect of what differs between them. Which uncertain \
             inputs drive that effect? An input that moves both scenarios alike drives their \
             levels but not Δ (`esante sensitivity` of one scenario analyses its levels). Each \
             model run below steps both scenarios."
        )
    },
    difference_inputs: |total, shared, alt, alt_only, base, base_only, split| {
        let list = |xs: &[&str]| {
            if xs.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = xs.iter().map(|x| format!("`{x}`")).collect();
                format!(": {}", names.join(", "))
            }
        };
        let mut o = format!(
            "Inputs: the {total} uncertain parameters of either scenario, by path. {shared} are \
             drawn in both, one shared draw each (through each scenario's own distribution when \
             they differ); {} only in `{alt}`{}; {} only in `{base}`{}.",
            alt_only.len(),
            list(alt_only),
            base_only.len(),
            list(base_only)
        );
        if !split.is_empty() {
            o.push_str(&format!(
                " Correlated differently in the two scenarios, so drawn from different random \
                 numbers in each and counted as two inputs (`path [scenario]`){}.",
                list(split)
            ));
        }
        o
    },
    difference_regenerate: |alt, base, flags| {
        format!(
            "Regenerate with `esante sensitivity ALT.toml --against BASE.toml{flags}`, where \
             ALT.toml is the file of `{alt}` and BASE.toml that of `{base}`: the same inputs \
             give the same bytes."
        )
    },
};
