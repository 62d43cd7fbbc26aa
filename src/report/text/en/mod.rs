//! English: the language of the committed reports, one file per table.

mod calibrate;
mod charts;
mod compare;
mod optimize;
mod run;
mod sensitivity;
mod terminal;

use super::{Lang, Locale, NumberStyle};

/// English: the language of the committed reports.
pub static EN: Locale = Locale {
    lang: Lang::En,
    distribution: |d| d.to_string(),
    unit: str::to_string,
    colon: ":",
    semicolon: "; ",
    numbers: NumberStyle {
        group: ",",
        decimal: ".",
        percent: "%",
    },
    provenance_line: |scenario, seed, count, counted, sampling, version| {
        format!(
            "{scenario} · seed {seed} · {count} {counted} · {sampling} sampling · esante {version}"
        )
    },
    draws: "draws",
    model_runs: "model runs",
    run: run::RUN,
    charts: charts::CHARTS,
    compare: compare::COMPARE,
    sensitivity: sensitivity::SENSITIVITY,
    optimize: optimize::OPTIMIZE,
    calibrate: calibrate::CALIBRATE,
    terminal: terminal::TERMINAL,
};
