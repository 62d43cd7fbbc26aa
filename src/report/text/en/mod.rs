//! English: the language of the committed reports, one file per table.

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
    scenario_file: |name, hash, command| {
        format!(
            "The scenario `{name}` as esante read it for this report: every file of its\n\
             `extends` chain merged and the `--set` values applied ({hash}).\n\
             Regenerate the report with:\n    {command}"
        )
    },
    draws: "draws",
    model_runs: "model runs",
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
