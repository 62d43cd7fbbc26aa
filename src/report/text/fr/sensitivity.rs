//! French: the sensitivity report.

use crate::report::text::{FigureText, SensitivityText};

/// French.
pub(super) const SENSITIVITY: SensitivityText = SensitivityText {
    title: |metric, year, scenario| {
        format!("Sensibilité de `{metric}` en {year}\u{202f}: {scenario}")
    },
    intro: |name, hash, seed, sampling, version, metric, unit, year| {
        format!(
            "Scénario `{name}` (`{hash}`), graine {seed}, échantillonnage {sampling}, esante \
             {version}. Quelles entrées incertaines pilotent `{metric}` ({unit}) en {year}\u{202f}?"
        )
    },
    warning: |w| format!("> **Attention.** {w}"),
    rank_heading: "Corrélations de rang (diagramme en tornade)",
    rank_intro: |draws| {
        format!(
            "Sur les {draws} tirages de la simulation elle-même (corrélations comprises)\u{202f}: chaque \
             barre va de la moyenne de l'indicateur sur les tirages où le paramètre est dans son \
             premier décile à la moyenne sur ceux où il est dans son dernier décile. Le rho de \
             Spearman mesure à quel point l'indicateur suit le paramètre de façon monotone \
             (de -1 à 1)."
        )
    },
    no_tornado_chart: "Pas de diagramme en tornade\u{202f}: aucun paramètre n'a de corrélation de rang \
                       définie.",
    sobol_heading: "Indices fondés sur la variance (Sobol)",
    sobol_intro: |metric| {
        format!(
            "S1 est la part de la variance de `{metric}` que le paramètre explique à lui seul\u{202f}; \
             ST y ajoute ses interactions avec les autres (ST - S1). Un paramètre dont ST est \
             proche de 0 peut être fixé à n'importe quelle valeur de son domaine sans changer le \
             résultat. Échantillonnage de Saltelli, estimateur de Saltelli (2010) pour S1 et de \
             Jansen pour ST, entrées supposées indépendantes."
        )
    },
    no_sobol_chart: |year| {
        format!("Pas de graphique des indices en {year}\u{202f}: ils ne sont pas définis.")
    },
    no_heatmap: |metric| {
        format!(
            "Pas de carte de chaleur\u{202f}: `{metric}` n'a d'indice de Sobol pour aucune année."
        )
    },
    files_heading: "Fichiers",
    files: [
        "`tornado.csv` (tous les paramètres)",
        "`sobol.csv` (indices et intervalles pour l'année choisie), `sobol-years.csv` \
         (estimations ponctuelles pour chaque année)",
        "`sensitivity.json` (l'ensemble, avec la provenance)",
    ],
    mean_line: |metric, year, draws, mean| {
        format!(
            "Moyenne de `{metric}` en {year} sur l'ensemble des {draws} tirages\u{202f}: {mean}."
        )
    },
    no_rank: |metric, year| {
        format!("Pas de corrélations de rang\u{202f}: `{metric}` ne varie pas en {year}.")
    },
    tornado_columns: [
        "paramètre",
        "rho de Spearman",
        "moyenne, premier décile",
        "moyenne, dernier décile",
        "largeur de la barre",
    ],
    more_in_tornado: |n| format!("Les {n} autres paramètres sont dans `tornado.csv`."),
    sobol_sample: |n, runs, resamples, confidence| {
        format!(
            "Échantillon de base N = {n} ({runs} évaluations du modèle), {resamples} \
             rééchantillonnages bootstrap\u{202f}; entre crochets\u{202f}: intervalles bootstrap des centiles \
             à {confidence}."
        )
    },
    no_indices: |metric, year| {
        format!("Pas d'indices\u{202f}: `{metric}` ne varie pas (ou n'est pas fini) en {year}.")
    },
    sobol_columns: ["paramètre", "S1 (premier ordre)", "ST (total)"],
    more_in_sobol: |n| format!("Les {n} autres paramètres sont dans `sobol.csv`."),
    s1_sum: |sum| {
        format!(
            "Somme des indices de premier ordre\u{202f}: {sum}. Proche de 1, les paramètres agissent \
             surtout un par un (de façon additive)\u{202f}; nettement sous 1, les interactions comptent \
             (ST dépasse S1 pour les paramètres en jeu)."
        )
    },
    not_available: "n.d.",
    correlation: |a, b, rho| format!("{a} ~ {b} (rho {})", super::exact(rho)),
    ignored_correlations: |n, pairs| {
        format!(
            "Les indices de Sobol supposent des entrées indépendantes\u{202f}: les échantillons de \
             Sobol ignorent la ou les {n} corrélation(s) du scénario [{pairs}] et décrivent donc \
             le modèle sans corrélation. La méthode des rangs (tornade) conserve les \
             corrélations."
        )
    },
    sobol_excluded: |excluded, n| {
        format!(
            "Sobol\u{202f}: {excluded} lignes de base sur {n} ont donné une valeur non finie et ont été \
             écartées."
        )
    },
    sobol_constant: |metric, year| {
        format!(
            "Sobol\u{202f}: {metric} est identique dans tous les tirages en {year}\u{202f}: aucune variance à \
             répartir."
        )
    },
    sobol_not_finite: |metric, year| {
        format!("Sobol\u{202f}: {metric} n'est pas fini en {year}\u{202f}: pas d'indices.")
    },
    rank_excluded: |n| {
        format!(
            "Méthode des rangs\u{202f}: {n} tirages ont donné une valeur non finie et ont été écartés."
        )
    },
    tornado_figure: FigureText {
        heading: "Diagramme en tornade",
        caption: "Chaque barre va de la moyenne de l'indicateur sur les tirages où le paramètre \
                  est dans son premier décile à la moyenne sur ceux où il est dans son dernier, \
                  autour de la ligne noire de la moyenne de tous les tirages\u{202f}: vermillon du côté \
                  du premier décile, bleu du côté du dernier\u{202f}; une partie bleue tournée vers la \
                  gauche signale donc un paramètre qui fait baisser l'indicateur\u{202f}; les barres les \
                  plus larges comptent le plus.",
    },
    sobol_figure_heading: |year| format!("Indices de Sobol en {year}"),
    sobol_figure_caption: "Pour les paramètres à l'indice total le plus élevé\u{202f}: la barre orange \
                           est S1 (variance expliquée seule), la barre bleue ST (avec les \
                           interactions), les moustaches les intervalles bootstrap\u{202f}; une longue \
                           barre bleue à côté d'une courte barre orange signale des \
                           interactions.",
    heatmap_figure: FigureText {
        heading: "Indices totaux par année",
        caption: "Indice total ST de chaque paramètre (ligne) pour chaque année (colonne), \
                  violet foncé près de 0, jaune près de 1\u{202f}: comment les moteurs de l'indicateur \
                  évoluent dans le temps\u{202f}; les cases grises hachurées sont les années où \
                  l'indicateur ne varie pas.",
    },
    tornado_sides: [
        "paramètre dans ses 10\u{202f}% de tirages les plus bas",
        "paramètre dans ses 10\u{202f}% de tirages les plus hauts",
    ],
    tornado_mean: |mean| format!("moyenne de tous les tirages\u{202f}: {mean}"),
    tornado_title: |metric, year| {
        format!(
            "Moteurs de {metric} en {year}\u{202f}: moyenne aux déciles extrêmes de chaque paramètre"
        )
    },
    tornado_axis: |metric, year, unit| {
        format!(
            "{metric} en {year} ({unit}), moyenne des tirages du premier / dernier décile du \
             paramètre"
        )
    },
    rho: |rho| format!("ρ = {rho}").replace('-', "−"),
    sobol_title: |metric, year| format!("Indices de Sobol de {metric} en {year}"),
    sobol_subtitle: |title, n, resamples| {
        format!("{title} · échantillon de base N = {n}, {resamples} rééchantillonnages bootstrap")
    },
    sobol_legend: [
        "S1\u{202f}: premier ordre (le paramètre seul)",
        "ST\u{202f}: total (avec ses interactions)",
    ],
    sobol_interval: |confidence| format!("intervalle bootstrap à {confidence}"),
    sobol_no_interval: "pas d'intervalle bootstrap (0 rééchantillonnage)",
    sobol_axis: "part de la variance (0 = aucune, 1 = toute)",
    heatmap_title: |metric| format!("Indice de Sobol total ST de {metric} par année"),
    heatmap_subtitle: |title, rows, year| {
        format!(
            "{title} · lignes\u{202f}: les {rows} paramètres au ST le plus élevé, classés par ST en {year}"
        )
    },
    heatmap_undefined: |metric| {
        format!("pas d'indice\u{202f}: {metric} ne varie pas (ou n'est pas fini) cette année-là")
    },
    heatmap_bar: "ST",
    difference_metric: |metric| format!("Δ {metric}"),
    difference_subtitle: |alt, base| {
        format!("Δ = {alt} − {base}, tirage par tirage (nombres aléatoires communs)")
    },
    difference_title: |metric, year, alt, base| {
        format!("Sensibilité de l'écart {alt} − {base} sur `{metric}`, {year}")
    },
    difference_intro: |alt, alt_hash, base, base_hash, seed, sampling, version| {
        format!(
            "ALT\u{202f}: scénario `{alt}` (`{alt_hash}`)\u{202f}; BASE\u{202f}: scénario \
             `{base}` (`{base_hash}`)\u{202f}; graine {seed}, échantillonnage {sampling}, \
             esante {version}."
        )
    },
    difference_question: |metric, unit, year| {
        format!(
            "Cette page analyse l'**écart** Δ {metric} = ALT − BASE de `{metric}` ({unit}) en \
             {year}, tirage par tirage\u{202f}: les deux scénarios tournent sur les mêmes \
             tirages (nombres aléatoires communs), si bien que Δ est l'effet de ce qui les \
             distingue. Quelles entrées incertaines pilotent cet effet\u{202f}? Une entrée qui \
             fait varier les deux scénarios de la même façon pilote leurs niveaux mais pas Δ \
             (`esante sensitivity` d'un seul scénario analyse ses niveaux). Chaque évaluation \
             du modèle ci-dessous calcule les deux scénarios."
        )
    },
    difference_inputs: |total, shared, alt, alt_only, base, base_only, split| {
        let list = |xs: &[&str]| {
            if xs.is_empty() {
                String::new()
            } else {
                let names: Vec<String> = xs.iter().map(|x| format!("`{x}`")).collect();
                format!("\u{202f}: {}", names.join(", "))
            }
        };
        let mut o = format!(
            "Entrées\u{202f}: les {total} paramètres incertains de l'un ou l'autre scénario, \
             par chemin. {shared} sont tirés dans les deux, un tirage commun chacun (à travers \
             la loi propre à chaque scénario quand elles diffèrent)\u{202f}; {} seulement dans \
             `{alt}`{}\u{202f}; {} seulement dans `{base}`{}.",
            alt_only.len(),
            list(alt_only),
            base_only.len(),
            list(base_only)
        );
        if !split.is_empty() {
            o.push_str(&format!(
                " Corrélés différemment dans les deux scénarios, donc tirés de nombres \
                 aléatoires différents dans chacun et comptés comme deux entrées \
                 (`chemin [scénario]`){}.",
                list(split)
            ));
        }
        o
    },
    difference_regenerate: |alt, base, flags| {
        format!(
            "Pour régénérer ce rapport\u{202f}: `esante sensitivity ALT.toml --against \
             BASE.toml{flags}`, où ALT.toml est le fichier de `{alt}` et BASE.toml celui de \
             `{base}`\u{202f}; les mêmes entrées donnent les mêmes octets."
        )
    },
    terminal_rank: |metric, year| format!("Corrélations de rang, {metric} en {year}\u{202f}:"),
    terminal_sobol: "Indices de Sobol\u{202f}:",
};
