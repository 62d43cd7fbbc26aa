//! Français : la section des données d'entrée d'un rapport de calcul.

use crate::report::text::InputsText;

/// La section des données d'entrée en français.
pub(super) const INPUTS: InputsText = InputsText {
    heading: "Données d'entrée",
    note: "Toutes les hypothèses du modèle telles que ce calcul les a lues (après `extends` et \
           `--set`\u{202f}; [`scenario.toml`](scenario.toml) les réunit dans un fichier). Les \
           valeurs fixes sont données telles quelles, les valeurs incertaines par leur loi.",
    axes: "Axes",
    axes_columns: [
        "axe",
        "budget (M€)",
        "années",
        "taux d'exécution",
        "effet de levier",
        "délai (ans)",
        "dépréciation (par an)",
        "demi-saturation (M€)",
    ],
    no_schedule: "aucun calendrier",
    deliverables: "Livrables",
    deliverables_columns: ["axe", "livrable", "unités par M€ dépensé"],
    segments: "Segments",
    segments_columns: [
        "segment",
        "population",
        "unité",
        "adoption initiale",
        "p",
        "q",
        "plafond",
    ],
    market: "Marché",
    market_note: "Ce qu'un adoptant dépense en santé numérique par an la première année (en \
                  euros), et la croissance annuelle de ce montant.",
    market_columns: [
        "segment",
        "valeur par adoptant (€/an)",
        "croissance de la valeur (par an)",
    ],
    export_ratio: |ratio| format!("Exportations, en part du marché intérieur\u{202f}: {ratio}."),
    lifts: "Effets du programme sur les paramètres",
    lifts_note: "Comment l'effet E de chaque axe (de 0 à 1) relève un paramètre\u{202f}: le \
                 paramètre multiplié par (1 + la somme sur les axes de l'effet × E), le plafond \
                 limité à 100\u{202f}%.",
    lifts_columns: ["paramètre", "axe", "effet"],
    lifted: |parameter, segment| format!("{parameter} de {segment}"),
    lifted_export: "taux d'exportation",
    no_lift: "Aucun axe ne relève de paramètre\u{202f}: les dépenses du programme ne changent \
              ni l'adoption ni le marché.",
    correlations: "Corrélations",
    correlations_note: "Corrélations de rang de Spearman imposées entre paramètres incertains \
                        (copule gaussienne).",
    correlations_columns: ["paramètre", "paramètre", "corrélation de rang"],
};
