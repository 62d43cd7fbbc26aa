//! Français : le contrôle de la précision (`run --precision`).

use crate::report::text::ControlText;

/// Le contrôle de la précision en français.
pub(super) const CONTROL: ControlText = ControlText {
    heading: "Contrôle de la précision",
    summary: |goal, draws, rounds, met, max| {
        let rounds = format!("{rounds} série{}", if rounds == 1 { "" } else { "s" });
        if met {
            format!(
                "Précision demandée de ±{goal}\u{202f}: atteinte après {draws} tirages \
                 ({rounds})\u{202f}; chaque statistique suivie ci-dessous est connue à {goal} \
                 près de sa valeur."
            )
        } else {
            format!(
                "Précision demandée de ±{goal}\u{202f}: **non atteinte** dans la limite de \
                 {max} tirages ({rounds})\u{202f}; les statistiques marquées *non* ci-dessous \
                 sont moins précises. Relevez `--max-draws` ou demandez une précision moindre."
            )
        }
    },
    note: |lhs| {
        let mut s = "Le calcul a tiré par séries, chacune doublant le nombre de tirages, et \
                     s'est arrêté à la première série où l'intervalle Monte-Carlo à \
                     95\u{202f}% de la moyenne, de P5, de la médiane et de P95 de chaque \
                     sortie suivie (les indicateurs des cibles, ou le marché total la \
                     dernière année faute de cible) tenait dans la part demandée de la \
                     valeur. Les contrôles ont lieu entre les séries, à des blocs entiers de \
                     tirages\u{202f}: le point d'arrêt dépend du scénario, de la graine, de \
                     l'échantillonnage, des premiers tirages et de la précision, jamais du \
                     nombre de fils d'exécution."
            .to_string();
        if lhs {
            s.push_str(
                " En hypercube latin, chaque série est un nouvel hypercube de la taille de la \
                 série et les intervalles sont ceux de tirages indépendants, qui surestiment \
                 l'erreur des estimations LHS\u{202f}: l'arrêt est prudent.",
            );
        } else {
            s.push_str(
                " Chaque série ajoute de nouveaux tirages aux précédents\u{202f}: les \
                 résultats sont ceux d'un calcul ordinaire du même nombre de tirages.",
            );
        }
        s
    },
    columns: [
        "indicateur",
        "année",
        "statistique",
        "valeur",
        "± (95\u{202f}%)",
        "± en part de la valeur",
        "atteinte",
    ],
    statistics: ["moyenne", "P5", "médiane", "P95"],
    met: ["oui", "non"],
    rounds_columns: ["tirages", "plus grand ± en part de la valeur"],
    not_met: |goal, draws, widest| {
        format!(
            "la précision de ±{goal} n'a pas été atteinte en {draws} tirages (plus grand \
             intervalle à 95\u{202f}%\u{202f}: ±{widest} de sa valeur)\u{202f}; relevez \
             --max-draws ou demandez une précision moindre"
        )
    },
    round_line: |l, draws, widest| {
        format!(
            "précision\u{202f}: {} tirages, plus grand intervalle à 95\u{202f}% ±{} de sa valeur",
            l.thousands(draws as f64, 0),
            crate::report::run::share_text(widest, l)
        )
    },
};
