//! French: the terminal.

use crate::report::text::TerminalText;

/// French.
pub(super) const TERMINAL: TerminalText = TerminalText {
    scenario: |name, title| format!("scénario      {name} ({title})"),
    files: |files| format!("fichiers      {}", files.join(" <- étend ")),
    horizon: |from, to, years| format!("horizon       {from}-{to} ({years} ans)"),
    simulation: |draws, seed, sampling| {
        format!("simulation    {draws} tirages, graine {seed}, échantillonnage {sampling}")
    },
    axes: |n, total| format!("axes          {n} ({total}\u{202f}M€ d'argent public)"),
    axis: |id, budget, years, execution, lag, half| {
        format!(
            "  {id:<18} {budget:>9}\u{202f}M€  {years:<10} exécution {execution}, délai {lag}, \
             demi-saturation {half}"
        )
    },
    no_schedule: "sans calendrier",
    deliverable: |name, rate| format!("      livrable {name} par M€\u{202f}: {rate}"),
    segments: |n| format!("segments      {n}"),
    segment: |id, [population, initial, p, q, ceiling]| {
        format!(
            "  {id:<18} population {population}, adoption initiale {initial}, p {p}, q {q}, \
             plafond {ceiling}"
        )
    },
    uncertain: |n| format!("incertains    {n} paramètres"),
    correlations: |n| format!("corrélations  {n}"),
    correlation: |a, b, rho| format!("  {a} ~ {b}  rho {}", super::exact(rho)),
    targets: |n| format!("cibles        {n}"),
    optimize: |objective, axes| {
        let objective = if objective.is_empty() {
            "Aucun objectif\u{202f}: donnez-en un avec --objective."
        } else {
            objective
        };
        let axes = if axes.is_empty() {
            "tous les axes dotés d'un calendrier"
        } else {
            axes
        };
        format!("optimisation  {objective} Axes libres\u{202f}: {axes}.")
    },
    hash: |hash| format!("empreinte     {hash}"),
    valid: "valide",
    results: |name, draws, seed, sampling, year| {
        format!(
            "{name}\u{202f}: {draws} tirages, graine {seed}, échantillonnage {sampling}. Résultats en {year}\u{202f}:"
        )
    },
    results_columns: ["indicateur", "P5", "P50", "P95"],
    money_metric: |name| format!("{name} (M€)"),
    targets_heading: "Cibles\u{202f}:",
    target: |label, p, margin| format!("  {label:<50} {p:>7} (± {margin})"),
    report_written: |dir| format!("Rapport écrit dans {dir}"),
    draws_written: |file| format!("Tirages écrits dans {file}"),
    comparison_written: |dir| format!("Comparaison écrite dans {dir}"),
    sensitivity_written: |dir| format!("Rapport de sensibilité écrit dans {dir}"),
    overflow: |prefix, metric, year, n| {
        format!(
            "{prefix}{metric} en {year}\u{202f}: {n} tirages ont débordé vers une valeur non finie et sont \
             exclus des statistiques\u{202f}; vérifiez l'échelle des entrées"
        )
    },
    simulation_unused: |name| {
        format!(
            "les réglages [simulation] de {name} ne sont pas utilisés\u{202f}: chaque scénario tourne avec \
             la graine, les tirages et l'échantillonnage du scénario de base (ou ceux des options), \
             afin que les tirages partagent leurs nombres aléatoires"
        )
    },
};
