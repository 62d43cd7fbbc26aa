//! French: the run charts and the chart toolkit.

use crate::report::text::ChartsText;

/// French.
pub(super) const CHARTS: ChartsText = ChartsText {
    year: "année",
    median_of: |label| format!("{label}\u{202f}: médiane"),
    band_p25_p75: "P25–P75 (moitié centrale des tirages)",
    band_p5_p95: "P5–P95 (90\u{202f}% des tirages)",
    meur_per_year: "M€ par an",
    market_title: "Marché de la santé numérique par année (M€)",
    total_market: "Marché total",
    domestic_median: "Intérieur\u{202f}: médiane",
    export_median: "Export\u{202f}: médiane",
    target_line: |label, level| format!("{label} ({level})"),
    target_probability: |year, p| format!("Cible {year}\u{202f}: probabilité {p}"),
    adoption_title: "Part d'adoptants par segment",
    adoption: "Adoption",
    adoption_target: |year, level, p| format!("Cible {year} {level}\u{202f}: P = {p}"),
    target: "Cible",
    observed: "Observé (± 2 écarts types)",
    prior_median: "Médiane avant calibrage",
    adopted_share: "part d'adoptants",
    funding_title: "Dépense publique prévue par année et par axe (M€)",
    executed_median: "Exécuté (médiane)",
    no_spending: "Ce scénario ne prévoit aucune dépense publique",
    effects_title: "Niveau d'effet de chaque axe (médiane et P5–P95)",
    effects_band: "Bande P5–P95 (couleur de chaque axe)",
    effect_level: "niveau d'effet (part de l'effet plein)",
    no_effect: "Aucun axe n'a d'effet dans ce scénario",
    distribution_title: |year, draws| {
        format!("Marché total en {year}\u{202f}: distribution sur {draws} tirages")
    },
    share_per_bin: "Part des tirages par classe",
    marker_tags: ["P5", "médiane", "P95", "cible"],
    marker_value: |tag, v| format!("{tag} = {v}\u{202f}M€"),
    distribution_target: |label, sign, level, p| {
        format!("{label}\u{202f}: P(total {sign} {level}) = {p}")
    },
    beyond_axis: |share| format!("{share} des tirages au-delà de l'axe"),
    total_market_axis: "marché total, M€ par an",
    share_of_draws: "part des tirages",
    deliverables_title: "Livrables cumulés (unités)",
    deliverables: "Livrables cumulés",
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
    units: "unités",
};
