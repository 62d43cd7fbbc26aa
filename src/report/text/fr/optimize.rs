//! French: the optimisation report.

use crate::report::text::{FigureText, OptimizeText};

/// French.
pub(super) const OPTIMIZE: OptimizeText = OptimizeText {
    title: |scenario| format!("Meilleure répartition de l'enveloppe\u{202f}: {scenario}"),
    intro: |name, hash, seed, sampling, version| {
        format!(
            "Scénario `{name}` (`{hash}`), graine {seed}, échantillonnage {sampling}, esante \
             {version}."
        )
    },
    objective: |statistic, metric, unit, first, last| {
        if first == last {
            format!("Objectif\u{202f}: maximiser {statistic} de `{metric}` ({unit}) en {first}.")
        } else {
            format!(
                "Objectif\u{202f}: maximiser {statistic} de `{metric}` ({unit}) cumulé sur \
                 {first}-{last}."
            )
        }
    },
    statistic_mean: "la moyenne",
    statistic_percentile: |p| format!("le P{p}"),
    statistic_prob: |at_least, level| {
        if at_least {
            format!("la probabilité d'atteindre {level}")
        } else {
            format!("la probabilité de rester au plus à {level}")
        }
    },
    method: |envelope, axes, step, grid, evaluated, draws, evaluations| {
        format!(
            "L'enveloppe de {envelope}\u{202f}M€ est répartie entre {axes}\u{202f}; chaque axe garde la forme \
             de son calendrier. Chaque répartition est évaluée sur les mêmes {draws} tirages \
             (nombres aléatoires communs)\u{202f}: la grille du simplexe par pas de {step} de \
             l'enveloppe ({grid} répartitions), puis une recherche par motifs sous le pas de la \
             grille autour des trois meilleures, jusqu'à 0,5\u{202f}% de l'enveloppe ({evaluated} \
             répartitions en tout, {evaluations} évaluations du modèle)."
        )
    },
    bounds: |list| format!("Bornes\u{202f}: {list}."),
    bound_min: |axis, meur| format!("`{axis}` au moins {meur}\u{202f}M€"),
    bound_max: |axis, meur| format!("`{axis}` au plus {meur}\u{202f}M€"),
    result_heading: "Résultat",
    axis_row: |axis| format!("`{axis}` (M€)"),
    splits_columns: ["", "actuelle", "meilleure", "robuste"],
    splits_rows: [
        "objectif, tirages de la recherche",
        "objectif, tirages indépendants",
        "gain sur l'actuelle, tirages indépendants (P5 à P95)",
        "probabilité de battre l'actuelle, tirages indépendants",
    ],
    gain_cell: |mean, p5, p95| format!("{mean} ({p5} à {p95})"),
    verdict: |gain, prob| {
        format!(
            "Sur des tirages indépendants, la meilleure répartition change l'objectif de {gain} \
             par rapport à la répartition actuelle et fait mieux dans {prob} des tirages."
        )
    },
    out_of_sample_note: "La meilleure répartition est choisie sur les tirages de la recherche, \
                         ce qui la flatte\u{202f}; les chiffres sur tirages indépendants (autres flux \
                         aléatoires, même nombre) sont ceux à citer. La répartition robuste a le \
                         P10 le plus élevé parmi les répartitions dont la moyenne est à moins de \
                         1\u{202f}% de la meilleure moyenne.",
    calibrated: |inside, outside| {
        format!(
            "**Calibré**\u{202f}: chaque tirage est pondéré par la vraisemblance des chiffres observés \
             du scénario (`[[observed]]`, pondération par importance, comme `esante calibrate`) \
             sous ses propres budgets, si bien que chaque statistique ci-dessous porte sur la \
             projection calibrée\u{202f}; les poids valent {inside} tirages indépendants sur les \
             tirages de la recherche et {outside} sur les tirages indépendants (taille \
             d'échantillon effective de Kish)."
        )
    },
    few_effective: |ess| {
        format!(
            "**Les statistiques calibrées reposent sur trop peu de tirages** (taille \
             d'échantillon effective {ess})\u{202f}: relancez avec davantage de `--draws` (la taille \
             d'échantillon effective croît en proportion)."
        )
    },
    marginal_heading: "Rendements marginaux",
    marginal_intro: "Variation de l'objectif par M€ supplémentaire dans chaque axe (différence \
                     centrée de ± 0,5\u{202f}M€ sur les tirages de la recherche, avant sous 0,5\u{202f}M€). \
                     À un optimum intérieur, ils sont égaux entre les axes financés\u{202f}: le \
                     million suivant va là où le rendement est le plus élevé.",
    marginal_columns: ["axe", "répartition actuelle", "meilleure répartition"],
    shortlist_heading: "Présélection",
    shortlist_intro: "Les meilleures répartitions de la recherche, vérifiées sur des tirages \
                      indépendants.",
    shortlist_columns: [
        "tirages de la recherche",
        "tirages indépendants",
        "gain (moyenne)",
        "P(bat l'actuelle)",
    ],
    frontier_figure: FigureText {
        heading: "Frontière robuste",
        caption: "Chaque répartition évaluée\u{202f}: moyenne contre P10 de l'objectif. L'ensemble de \
                  Pareto (aucune répartition n'a à la fois une moyenne et un P10 plus élevés) \
                  est mis en évidence.",
    },
    allocation_figure: FigureText {
        heading: "Répartitions",
        caption: "M€ par axe dans les répartitions actuelle, meilleure et robuste.",
    },
    gain_figure: FigureText {
        heading: "Gain de la meilleure répartition",
        caption: "Distribution sur des tirages indépendants de l'objectif sous la meilleure \
                  répartition moins sous la répartition actuelle, tirage par tirage.",
    },
    marginal_figure: FigureText {
        heading: "Rendements marginaux",
        caption: "Objectif gagné par M€ supplémentaire dans chaque axe, pour la répartition \
                  actuelle et pour la meilleure.",
    },
    files_heading: "Fichiers",
    files: [
        "`candidates.csv` (chaque répartition évaluée, la meilleure en tête)",
        "`optimize.json` (l'ensemble, avec la provenance)",
    ],
    names: ["actuelle", "meilleure", "robuste"],
    frontier_title: "Frontière robuste\u{202f}: moyenne et P10 de chaque répartition",
    frontier_legend: ["répartition", "ensemble de Pareto"],
    frontier_axes: |unit| [format!("moyenne ({unit})"), format!("P10 ({unit})")],
    allocation_title: "Répartition de l'enveloppe",
    allocation_axis: "M€",
    gain_title: "Meilleure moins actuelle, tirage par tirage (tirages indépendants)",
    gain_axis: |unit| format!("gain ({unit})"),
    gain_share: "part des tirages",
    marginal_title: "Objectif gagné par M€ supplémentaire",
    marginal_axis: "variation de l'objectif par M€",
    marginal_legend: ["répartition actuelle", "meilleure répartition"],
    points: |points| format!("{points}\u{202f}pt"),
    written: |dir| format!("Rapport d'optimisation écrit dans {dir}"),
};
