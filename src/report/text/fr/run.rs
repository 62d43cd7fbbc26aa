//! French: the run report.

use crate::report::text::{FigureText, RunText};

/// The run report's page in French.
pub(super) const RUN: RunText = RunText {
    intro: |l, draws, from, to| {
        format!(
            "Rapport d'une simulation `esante`\u{202f}: {} tirages Monte-Carlo du modèle annuel de {from} \
             à {to}. Les centiles (P5, P25, médiane, P75, P95) portent sur les tirages\u{202f}; une bande \
             de P5 à P95 en contient 90\u{202f}%.",
            l.thousands(draws as f64, 0)
        )
    },
    provenance: "Provenance",
    overrides_row: "fixé en ligne de commande",
    provenance_rows: [
        "scénario",
        "empreinte du scénario",
        "horizon",
        "tirages",
        "graine",
        "échantillonnage",
        "générateur aléatoire",
        "version d'esante",
    ],
    horizon: |from, to, years| {
        format!(
            "{from}–{to} ({years} an{})",
            if years == 1 { "" } else { "s" }
        )
    },
    regenerate: |command| {
        format!(
            "Pour régénérer ce rapport\u{202f}: `{command}`, où [`scenario.toml`](scenario.toml) \
             est le scénario tel que ce calcul l'a lu\u{202f}; les mêmes entrées donnent les mêmes \
             octets."
        )
    },
    discount_row: "actualisation",
    discount_value: |rate, base_year| {
        format!(
            "{rate} par an\u{202f}; valeurs actualisées (`pv.*`) en euros de {base_year} (`[economics]`)"
        )
    },
    pv_total_row: "Marché total, valeur actualisée cumulée",
    pv_unit: "M€",
    key_results: "Résultats clés",
    key_columns: ["indicateur", "unité"],
    key_year_columns: |y| {
        [
            format!("P5 {y}"),
            format!("médiane {y}"),
            format!("P95 {y}"),
        ]
    },
    precision: "Précision Monte-Carlo",
    precision_note: |draws, lhs| {
        let mut s = format!(
            "De combien les chiffres ci-dessus varieraient avec un autre jeu de {draws} tirages\u{202f}: \
             les erreurs types Monte-Carlo (un intervalle à 95\u{202f}% s'étend sur 1,96 erreur type de \
             part et d'autre). Celle de la moyenne vaut écart type / √n\u{202f}; celle d'un centile se lit \
             dans son intervalle à 95\u{202f}% non paramétrique entre statistiques d'ordre. \
             `summary.json` les donne pour chaque indicateur et chaque année (`mcse`)."
        );
        if lhs {
            s.push_str(
                " Les tirages forment un échantillon en hypercube latin\u{202f}: ces erreurs sont celles \
                 de tirages indépendants, qui surestiment l'erreur des estimations LHS.",
            );
        }
        s
    },
    precision_columns: |y| {
        [
            format!("moyenne {y}"),
            "± moyenne".to_string(),
            "± P5".to_string(),
            "± médiane".to_string(),
            "± P95".to_string(),
        ]
    },
    market_rows: ["Marché total", "Marché intérieur", "Marché à l'export"],
    adoption_row: |label| format!("Adoption, {label}"),
    market_unit: "M€/an",
    adoption_unit: "% d'adoptants",
    targets: "Cibles",
    no_target: "Le scénario ne fixe aucune cible.",
    targets_note: "Probabilité qu'un indicateur atteigne un niveau\u{202f}: la part des tirages qui \
                   l'atteignent, avec sa marge Monte-Carlo à 95\u{202f}%.",
    targets_columns: ["cible", "indicateur", "année", "niveau", "probabilité", "±"],
    backtest: "Validation rétrospective",
    backtest_note: "Chaque chiffre observé du scénario (`[[observed]]`) confronté à la projection \
                    de son indicateur pour son année\u{202f}: P5, médiane et P95 de la projection, et le \
                    centile de l'observation dans celle-ci (50\u{202f}% en plein centre\u{202f}; sous 5\u{202f}% ou \
                    au-delà de 95\u{202f}%, la projection a manqué sa cible).",
    backtest_columns: [
        "indicateur",
        "année",
        "observé",
        "P5",
        "médiane",
        "P95",
        "centile",
        "verdict",
        "source",
    ],
    verdicts: [
        "**écart**\u{202f}: sous P5 (projection trop haute)",
        "entre P5 et P95",
        "**écart**\u{202f}: au-dessus de P95 (projection trop basse)",
    ],
    backtest_summary: |n, within| {
        let s = if n == 1 { "" } else { "s" };
        format!("{within} observation{s} sur {n} dans la bande P5–P95 de la projection.")
    },
    charts: "Graphiques",
    data_files: "Les données de chaque indicateur pour chaque année\u{202f}: \
                 [`summary.csv`](summary.csv), [`summary.json`](summary.json).",
    figures: [
        FigureText {
            heading: "Marché",
            caption: "Marché total par année\u{202f}: la ligne est la médiane des tirages, la bande \
                      foncée contient la moitié centrale des tirages (P25-P75), la bande claire \
                      90\u{202f}% d'entre eux (P5-P95)\u{202f}; les lignes du marché intérieur et de l'export \
                      sont leurs propres médianes\u{202f}; les lignes en tirets sont les cibles.",
        },
        FigureText {
            heading: "Adoption par segment",
            caption: "Part de chaque segment ayant adopté, par année\u{202f}: ligne médiane, bandes \
                      P25-P75 et P5-P95 sur les tirages.",
        },
        FigureText {
            heading: "Financement public",
            caption: "Dépense publique prévue par année, empilée par axe\u{202f}; la ligne noire est la \
                      dépense exécutée (somme des médianes des axes\u{202f}: prévu × taux d'exécution).",
        },
        FigureText {
            heading: "Effets du programme",
            caption: "Niveau d'effet de chaque axe (0\u{202f}% = aucun effet, 100\u{202f}% = effet plein)\u{202f}: \
                      ligne médiane et bande P5-P95 sur les tirages.",
        },
        FigureText {
            heading: "Marché à l'horizon",
            caption: "Dispersion des tirages du marché total la dernière année\u{202f}: la hauteur de \
                      chaque barre est la part des tirages par classe\u{202f}; les lignes verticales \
                      marquent P5, la médiane, P95 et les cibles.",
        },
        FigureText {
            heading: "Livrables",
            caption: "Livrables cumulés des axes par année\u{202f}: ligne médiane, bandes P25-P75 et \
                      P5-P95 sur les tirages.",
        },
    ],
};
