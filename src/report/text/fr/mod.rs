//! French: every table of the reports, the charts and the terminal, one file
//! per table, in the typography the module documentation of
//! [`crate::report::text`] describes (narrow no-break space U+202F between
//! groups of digits, before a unit, before `:` `;` `!` `?` and inside «\u{202f}»;
//! decimal comma).

mod calibrate;
mod charts;
mod compare;
mod control;
mod inputs;
mod optimize;
mod run;
mod sensitivity;
mod terminal;

use super::{Lang, Locale, NumberStyle};
use crate::dist::{Dist, lognormal_p5_p95, sig};

/// French.
pub static FR: Locale = Locale {
    lang: Lang::Fr,
    numbers: NumberStyle {
        group: "\u{202f}",
        decimal: ",",
        percent: "\u{202f}%",
    },
    distribution,
    colon: "\u{202f}:",
    semicolon: "\u{202f}; ",
    unit: |u| {
        match u {
            "M EUR/year" => "M€/an",
            "M EUR" => "M€",
            "share" => "part",
            "units" => "unités",
            other => other,
        }
        .to_string()
    },
    provenance_line: |scenario, seed, count, counted, sampling, version| {
        format!(
            "{scenario} · graine {seed} · {count} {counted} · échantillonnage {sampling} · esante {version}"
        )
    },
    scenario_file: |name, hash, command| {
        format!(
            "Le scénario `{name}` tel qu'esante l'a lu pour ce rapport\u{202f}: tous les fichiers\n\
             de sa chaîne `extends` fusionnés et les valeurs `--set` appliquées ({hash}).\n\
             Pour régénérer le rapport\u{202f}:\n    {command}"
        )
    },
    draws: "tirages",
    model_runs: "évaluations du modèle",
    run: run::RUN,
    inputs: inputs::INPUTS,
    control: control::CONTROL,
    charts: charts::CHARTS,
    compare: compare::COMPARE,
    sensitivity: sensitivity::SENSITIVITY,
    optimize: optimize::OPTIMIZE,
    calibrate: calibrate::CALIBRATE,
    terminal: terminal::TERMINAL,
};

/// A number as a scenario writes it, with a decimal comma (`0,85`).
fn exact(x: f64) -> String {
    FR.exact(x)
}

/// Numbers as a French list: `0,6\u{202f}; 0,85\u{202f}; 1`.
fn list(xs: &[f64]) -> String {
    xs.iter()
        .map(|&x| exact(x))
        .collect::<Vec<_>>()
        .join("\u{202f}; ")
}

/// A distribution in French words and numbers: `pert(0,6\u{202f}; 0,85\u{202f}; 1)`.
fn distribution(d: &Dist) -> String {
    match d {
        Dist::Uniform { min, max } => format!("uniforme({})", list(&[*min, *max])),
        Dist::Normal { mean, sd, min, max } => {
            let mut s = format!(
                "normale(moyenne {}\u{202f}; écart type {}",
                exact(*mean),
                exact(*sd)
            );
            if min.is_some() || max.is_some() {
                let lo = min.map_or("-∞".into(), exact);
                let hi = max.map_or("+∞".into(), exact);
                s.push_str(&format!("\u{202f}; sur [{lo}\u{202f}; {hi}]"));
            }
            s + ")"
        }
        Dist::LogNormal { mu, sigma } => {
            let (p5, p95) = lognormal_p5_p95(*mu, *sigma);
            let [p5, p95] = [p5, p95].map(|x| sig(x).replace('.', ","));
            format!("lognormale(P5 {p5}\u{202f}; P95 {p95})")
        }
        Dist::Triangular { min, mode, max } => {
            format!("triangulaire({})", list(&[*min, *mode, *max]))
        }
        Dist::Pert { min, mode, max } => format!("pert({})", list(&[*min, *mode, *max])),
        Dist::Beta {
            alpha,
            beta,
            min,
            max,
        } => {
            let mut s = format!("bêta({})", list(&[*alpha, *beta]));
            if *min != 0.0 || *max != 1.0 {
                s.push_str(&format!(" sur [{}]", list(&[*min, *max])));
            }
            s
        }
        Dist::Discrete { values, weights } => {
            let pairs: Vec<String> = values
                .iter()
                .zip(weights)
                .map(|(&v, &w)| format!("{}\u{202f}: {}", exact(v), exact(w)))
                .collect();
            format!("discrète({})", pairs.join("\u{202f}; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distributions_read_in_french() {
        let d = Dist::Pert {
            min: 0.6,
            mode: 0.85,
            max: 1.0,
        };
        assert_eq!(distribution(&d), "pert(0,6\u{202f}; 0,85\u{202f}; 1)");
        let d = Dist::Normal {
            mean: 0.1,
            sd: 0.025,
            min: Some(0.03),
            max: None,
        };
        assert_eq!(
            distribution(&d),
            "normale(moyenne 0,1\u{202f}; écart type 0,025\u{202f}; sur [0,03\u{202f}; +∞])"
        );
        let d = Dist::Discrete {
            values: vec![1.0, 2.5],
            weights: vec![0.5, 0.5],
        };
        assert_eq!(
            distribution(&d),
            "discrète(1\u{202f}: 0,5\u{202f}; 2,5\u{202f}: 0,5)"
        );
        let d = Dist::Beta {
            alpha: 18.0,
            beta: 2.0,
            min: 0.0,
            max: 1.0,
        };
        assert_eq!(distribution(&d), "bêta(18\u{202f}; 2)");
    }
}
