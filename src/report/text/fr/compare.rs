//! French: the comparison report.

use crate::report::text::{CompareText, FigureText};

/// French.
pub(super) const COMPARE: CompareText = CompareText {
    title: |alts, base| format!("Comparaison\u{202f}: {alts} face à `{base}`"),
    intro: |draws, seed, sampling, version| {
        format!(
            "Tous les scénarios ont tourné sur les mêmes {draws} tirages (graine {seed}, \
             échantillonnage {sampling}, esante {version})\u{202f}: le tirage *i* de chaque scénario \
             utilise les mêmes nombres aléatoires pour chaque paramètre qu'ils partagent, si bien \
             que les écarts ci-dessous montrent l'effet du changement et non le bruit \
             d'échantillonnage."
        )
    },
    scenario_columns: ["rôle", "scénario", "titre", "années", "empreinte"],
    roles: ["base", "variante"],
    versus: |alt, base| format!("{alt} face à {base}"),
    difference_in: |year, alt, base| {
        format!("Écart tirage par tirage VAR - BASE en {year} (VAR = `{alt}`, BASE = `{base}`).")
    },
    diff_columns: [
        "indicateur",
        "moyenne base",
        "moyenne variante",
        "écart P5",
        "écart P50",
        "écart P95",
        "P(variante > base)",
    ],
    share_unit: "%, écart en points",
    extras: |from, to, [s50, s5, s95], [m50, m5, m95]| {
        format!(
            "Sur {from}-{to}\u{202f}: dépense publique exécutée supplémentaire {s50}\u{202f}M€ (P5-P95 de {s5} \
             à {s95}), marché intérieur supplémentaire {m50}\u{202f}M€ (P5-P95 de {m5} à {m95}), \
             médianes."
        )
    },
    no_extra_spending: "La variante ne dépense aucun argent public supplémentaire\u{202f}: pas de \
                        marché par M€ supplémentaire.",
    calibrated: |name, ess| {
        format!(
            "**Calibré**\u{202f}: chaque tirage est pondéré par la vraisemblance des chiffres observés \
             de `{name}` (`[[observed]]`, pondération par importance), si bien que chaque \
             statistique ci-dessous porte sur la projection calibrée\u{202f}; les poids valent {ess} \
             tirages indépendants (taille d'échantillon effective de Kish)."
        )
    },
    mismatch_intro: |alt, base| {
        format!("`{alt}` et la base `{base}` diffèrent par plus que l'argent du programme")
    },
    mismatch_segment: |id, only_in| format!("le segment `{id}` n'existe que dans `{only_in}`"),
    mismatch_parameter: |path, base, alt| {
        format!("`{path}` vaut {base} dans la base et {alt} dans la variante")
    },
    mismatch_start: |base, alt| format!("la base commence en {base}, la variante en {alt}"),
    start_gap: |year, mean, p5, p95| {
        format!(
            "le marché intérieur diffère déjà en {year} (moyenne {mean}\u{202f}M€, P5-P95 de {p5} à \
             {p95})\u{202f}: les écarts ne sont pas dus au seul programme"
        )
    },
    warning: "Attention",
    per_meur: |p50, p5, p95| {
        format!(
            "Marché intérieur supplémentaire par M€ public supplémentaire\u{202f}: **{p50}** (P5-P95 de \
             {p5} à {p95})."
        )
    },
    present_values: |rate, base_year| {
        format!(
            "Dépense supplémentaire, marché supplémentaire et leur rapport sont des valeurs \
             actualisées\u{202f}: l'argent de chaque année actualisé à {rate} par an, en euros \
             de {base_year} (`[economics]`)."
        )
    },
    charts: "Graphiques",
    data_files: "Chaque indicateur et chaque année en commun figurent dans `comparison.csv` \
                 (une ligne par variante, indicateur et année) et `comparison.json`.",
    figures: [
        FigureText {
            heading: "Marché total par scénario",
            caption: "Marché total par année dans chaque scénario (une couleur chacun)\u{202f}: la ligne \
                      est la médiane des tirages, la bande claire contient 90\u{202f}% des tirages \
                      (P5-P95\u{202f}; avec deux scénarios, la bande foncée contient la moitié \
                      centrale)\u{202f}; les tirages partagent leurs nombres aléatoires, si bien que \
                      l'écart entre les lignes est l'effet du changement.",
        },
        FigureText {
            heading: "Adoption par segment et par scénario",
            caption: "Part d'adoptants de chaque segment de la base, par année, une couleur par \
                      scénario\u{202f}: ligne médiane et bande P5-P95 sur les tirages.",
        },
        FigureText {
            heading: "Marché par M€ public supplémentaire",
            caption: "Pour chaque variante, marché intérieur supplémentaire sur les années \
                      communes par M€ de dépense publique supplémentaire, tirage par tirage\u{202f}: la \
                      barre est la médiane, la moustache P5-P95\u{202f}; à droite de la ligne en tirets \
                      à 1, le marché gagne plus que ce que l'État dépense.",
        },
    ],
    difference_heading: |alt, base| format!("Écart\u{202f}: {alt} − {base}"),
    difference_caption: |alt, base| {
        format!(
            "Écart tirage par tirage `{alt}` moins `{base}` du marché total (à gauche) et \
             intérieur (à droite) par année\u{202f}: ligne médiane, bandes P25-P75 et P5-P95\u{202f}; \
             au-dessus de la ligne grise du zéro, la variante fait mieux."
        )
    },
    terminal_base: |base, draws, seed, sampling| {
        format!("Base {base}\u{202f}: {draws} tirages, graine {seed}, échantillonnage {sampling}.")
    },
    terminal_alt: |name, year, [p5, p50, p95], p| {
        format!(
            "  {name}\u{202f}: market.total en {year}, VAR - BASE\u{202f}: P5 {p5} / P50 {p50} / P95 {p95}\u{202f}M€, \
             P(variante > base) {p}"
        )
    },
    terminal_per_meur: |p50, p5, p95| {
        format!(
            "    marché intérieur supplémentaire par M€ public supplémentaire\u{202f}: {p50} (P5-P95 de \
             {p5} à {p95})"
        )
    },
    terminal_present_values: |rate, base_year| {
        format!("    (valeurs actualisées à {rate} par an, en euros de {base_year})")
    },
    provenance_names: |names| names.join(" / "),
    subtitle: |base, alts| {
        let which = if alts.len() == 1 {
            "Variante"
        } else {
            "Variantes"
        };
        format!(
            "Base\u{202f}: {base}. {which}\u{202f}: {}.",
            alts.join("\u{202f}; ")
        )
    },
    base_label: |name| format!("{name} (base)"),
    band_p25_p75: "P25–P75",
    band_p5_p95: "P5–P95 des tirages",
    market_title: "Marché total de la santé numérique par année, par scénario (M€)",
    adoption_title: "Part d'adoptants par segment, par scénario",
    difference_panels: ["Marché total", "Marché intérieur"],
    difference_label: |alt, base| format!("{alt} − {base}"),
    median_difference: |label| format!("{label}\u{202f}: écart médian"),
    zero_line: "0\u{202f}: aucun écart",
    difference_title: "Écart de marché, variante − base, tirage par tirage (M€ par an)",
    difference_subtitle: |alt, base| format!("{alt}  moins  {base}"),
    difference_axis: "VAR − BASE, M€ par an",
    ratio_title: "Marché intérieur supplémentaire par M€ public supplémentaire, face à la base",
    ratio_legend: [
        "médiane des tirages",
        "P5–P95 des tirages (chiffres\u{202f}: médiane, P5 à P95)",
        "1\u{202f}: un M€ de marché par M€ public",
    ],
    ratio_axis_pv: |from, to, rate, base_year| {
        format!(
            "valeurs actualisées à {rate} par an, euros de {base_year}\u{202f}: M€ de marché \
             intérieur supplémentaire ({from}-{to}) par M€ public supplémentaire"
        )
    },
    ratio_axis_mixed_pv: |rate, base_year| {
        format!(
            "valeurs actualisées à {rate} par an, euros de {base_year}\u{202f}: M€ de marché \
             intérieur supplémentaire (années communes) par M€ public supplémentaire"
        )
    },
    ratio_axis: |from, to| {
        format!(
            "M€ de marché intérieur supplémentaire ({from}-{to}, cumulés) par M€ public \
             supplémentaire"
        )
    },
    ratio_axis_mixed: "M€ de marché intérieur supplémentaire (années communes, cumulées) par M€ \
                       public supplémentaire",
    ratio_numbers: |p50, p5, p95| format!("{p50} ({p5} à {p95})"),
    ratio_left_out: |n| format!("\u{202f}; {n} tirages sans dépense supplémentaire écartés"),
    ratio_undefined: "aucune dépense publique supplémentaire\u{202f}: le ratio n'est pas défini",
};
