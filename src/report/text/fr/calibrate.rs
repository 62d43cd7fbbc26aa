//! French: the calibration report.

use crate::report::text::{CalibrateText, FigureText};

/// The calibration report in French.
pub(super) const CALIBRATE: CalibrateText = CalibrateText {
    title: |t| format!("{t}\u{202f}: calibré sur les chiffres observés"),
    intro: |l, draws, n| {
        let observed = if n == 1 {
            "le chiffre observé".to_string()
        } else {
            format!("les {n} chiffres observés")
        };
        format!(
            "Le Monte-Carlo conditionné par {observed} du scénario (`[[observed]]`) par \
             pondération d'importance\u{202f}: chacun des {} tirages de la loi a priori compte en \
             proportion de la vraisemblance des observations (erreurs normales indépendantes de \
             l'écart type donné). Chaque statistique ci-dessous est pondérée\u{202f}; «\u{202f}a priori\u{202f}» \
             désigne la simulation non pondérée.",
            l.thousands(draws as f64, 0)
        )
    },
    regenerate: |command| {
        format!(
            "Pour régénérer ce rapport\u{202f}: `{command}`, où [`scenario.toml`](scenario.toml) \
             est le scénario tel que ce calibrage l'a lu\u{202f}; les mêmes entrées donnent les \
             mêmes octets."
        )
    },
    reliability: "Fiabilité",
    reliability_rows: [
        "tirages",
        "taille d'échantillon effective (Kish)",
        "plus grand poids (part du total)",
        "k-hat de Pareto des poids",
    ],
    reliability_note: "La loi a posteriori ne vaut que ce que valent les tirages qui la portent. \
                       La taille d'échantillon effective vaut `(sum w)^2 / sum w^2`\u{202f}; k-hat est \
                       la forme de la queue des poids (Vehtari et al., Pareto smoothed \
                       importance sampling, 2024)\u{202f}: au-delà de 0,7, les estimations ne sont pas \
                       fiables.",
    reliable: |ess| {
        format!(
            "La loi a posteriori repose sur {ess} tirages effectifs et une queue de poids \
             modérée."
        )
    },
    unreliable: |ess, khat, draws| {
        format!(
            "**La loi a posteriori repose sur trop peu de tirages** (taille d'échantillon \
             effective {ess}, k-hat {khat}). Ne la lisez pas comme un résultat\u{202f}: relancez avec \
             `--draws {draws}` ou plus (la taille d'échantillon effective croît en proportion \
             des tirages), ou vérifiez que les observations et leur écart type correspondent \
             aux définitions du scénario."
        )
    },
    backtest_prior: "Validation rétrospective avant calibrage",
    backtest_posterior: "Validation rétrospective après calibrage",
    moved: "Comment les projections ont bougé",
    moved_note: |year| {
        format!("P5, médiane et P95 en {year}, avant (a priori) et après calibrage (a posteriori).")
    },
    moved_columns: [
        "indicateur",
        "unité",
        "P5 a priori",
        "médiane a priori",
        "P95 a priori",
        "P5 a posteriori",
        "médiane a posteriori",
        "P95 a posteriori",
    ],
    parameters: "Paramètres que les observations ont le plus déplacés",
    parameters_note: "Moyenne et P5–P95 de chaque paramètre incertain avant et après calibrage, \
                      classés selon le déplacement de la moyenne en écarts types a priori\u{202f}; \
                      tous les paramètres figurent dans [`parameters.csv`](parameters.csv).",
    parameters_columns: ["paramètre", "a priori", "a posteriori", "déplacement"],
    shift: |sd| format!("{sd}\u{202f}σ"),
    data_files: "Les données\u{202f}: [`summary.csv`](summary.csv) et [`summary.json`](summary.json) \
                 (la loi a posteriori de chaque indicateur pour chaque année, avec la validation \
                 rétrospective), [`parameters.csv`](parameters.csv), \
                 [`calibration.json`](calibration.json).",
    figures: [
        FigureText {
            heading: "Adoption après calibrage",
            caption: "Part de chaque segment ayant adopté, par année, après calibrage\u{202f}: ligne \
                      médiane, bandes P25-P75 et P5-P95 des tirages pondérés\u{202f}; la ligne grise en \
                      tirets est la médiane avant calibrage\u{202f}; les points avec barres sont les \
                      chiffres observés, ± 2 écarts types.",
        },
        FigureText {
            heading: "Marché après calibrage",
            caption: "Marché total par année après calibrage (médiane et bandes pondérées), la \
                      médiane avant calibrage en tirets gris, et tout chiffre de marché observé \
                      ± 2 écarts types.",
        },
        FigureText {
            heading: "Paramètres avant et après",
            caption: "Pour les paramètres que les observations ont le plus déplacés\u{202f}: \
                      dispersion des tirages avant calibrage (gris) et après (en couleur), en \
                      parts par classe.",
        },
    ],
    parameters_title: "A priori et a posteriori des paramètres les plus déplacés",
    prior: "avant calibrage (a priori)",
    posterior: "après calibrage (a posteriori)",
    share: "part des tirages",
    value: "valeur du paramètre",
    summary: |ess, khat, w| {
        format!("taille d'échantillon effective {ess}, k-hat {khat}, plus grand poids {w} du total")
    },
    written: |dir| format!("rapport calibré écrit dans {dir}"),
};
