//! English: the terminal.

use crate::report::text::TerminalText;

/// English.
pub(super) const TERMINAL: TerminalText = TerminalText {
    scenario: |name, title| format!("scenario      {name} ({title})"),
    files: |files| format!("files         {}", files.join(" <- extends ")),
    horizon: |from, to, years| format!("horizon       {from}-{to} ({years} years)"),
    simulation: |draws, seed, sampling| {
        format!("simulation    {draws} draws, seed {seed}, sampling {sampling}")
    },
    axes: |n, total| format!("axes          {n} ({total} M EUR of public money)"),
    axis: |id, budget, years, execution, lag, half| {
        format!(
            "  {id:<18} {budget:>9} M EUR  {years:<10} execution {execution}, lag {lag}, \
             half-saturation {half}"
        )
    },
    no_schedule: "no schedule",
    deliverable: |name, rate| format!("      deliverable {name} per M EUR: {rate}"),
    segments: |n| format!("segments      {n}"),
    segment: |id, [population, initial, p, q, ceiling]| {
        format!(
            "  {id:<18} population {population}, initial {initial}, p {p}, q {q}, \
             ceiling {ceiling}"
        )
    },
    uncertain: |n| format!("uncertain     {n} parameters"),
    correlations: |n| format!("correlations  {n}"),
    correlation: |a, b, rho| format!("  {a} ~ {b}  rho {rho}"),
    targets: |n| format!("targets       {n}"),
    optimize: |objective, axes| {
        let objective = if objective.is_empty() {
            "No objective: give one with --objective."
        } else {
            objective
        };
        let axes = if axes.is_empty() {
            "every axis with a schedule"
        } else {
            axes
        };
        format!("optimize      {objective} Free axes: {axes}.")
    },
    hash: |hash| format!("hash          {hash}"),
    valid: "valid",
    results: |name, draws, seed, sampling, year| {
        format!("{name}: {draws} draws, seed {seed}, {sampling} sampling. Results in {year}:")
    },
    results_columns: ["metric", "P5", "P50", "P95"],
    money_metric: |name| format!("{name} (M EUR)"),
    targets_heading: "Targets:",
    target: |label, p, margin| format!("  {label:<50} {p:>7} (± {margin})"),
    report_written: |dir| format!("Report written to {dir}"),
    draws_written: |file| format!("Draws written to {file}"),
    comparison_written: |dir| format!("Comparison written to {dir}"),
    sensitivity_written: |dir| format!("Sensitivity report written to {dir}"),
    overflow: |prefix, metric, year, n| {
        format!(
            "{prefix}{metric} in {year}: {n} draws overflowed to a non-finite value and are left \
             out of the statistics; check the scale of the inputs"
        )
    },
    simulation_unused: |name| {
        format!(
            "the [simulation] settings of {name} are not used: every scenario runs with the \
             base's seed, draws and sampling (or the flags'), so that draws share their random \
             numbers"
        )
    },
};
