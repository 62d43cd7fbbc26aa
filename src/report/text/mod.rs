//! Every word and number a reader sees, in one place per language.
//!
//! A [`Locale`] is a language's number style (thousands separator, decimal
//! mark, percent sign) and its text tables: one table per report page
//! ([`RunText`], [`CompareText`], [`SensitivityText`]), one for the charts
//! ([`ChartsText`]) and one for the terminal ([`TerminalText`]), each a
//! struct of phrases and of functions that compose sentences from numbers.
//! The structs are defined once here; English is [`EN`], its tables in
//! `en/`; French is [`FR`], its tables in `fr/`. A new language is one new folder of tables (like `en/`) and one row
//! in [`Lang`], and the compiler checks that every phrase is there. Formats, charts and
//! the terminal take their words from the locale they are given and never
//! write a user-facing literal of their own.
//!
//! ```
//! use esante::report::text::Lang;
//! let en = Lang::En.locale();
//! assert_eq!(en.thousands(1234567.891, 1), "1,234,567.9");
//! assert_eq!(en.number(0.0123), "0.0123");
//! assert_eq!(en.percent(0.3434), "34.3%");
//! let fr = Lang::Fr.locale();
//! assert_eq!(fr.thousands(1234567.891, 1), "1\u{202f}234\u{202f}567,9");
//! assert_eq!(fr.percent(0.3434), "34,3\u{202f}%");
//! ```
//!
//! French follows the French typographic rules with one space for all of
//! them, the narrow no-break space U+202F (as in Unicode's CLDR): between
//! groups of three digits (`1 234 567,9`), between a number and its unit
//! (`34,3 %`, `12 M€`), before `:` `;` `!` `?` and inside « ». Numbers have a
//! decimal comma; lists of numbers are separated by `;`.

mod calibrate;
mod charts;
mod compare;
mod control;
mod en;
mod fr;
mod inputs;
mod numbers;
mod optimize;
mod run;
mod sensitivity;
mod terminal;

use crate::dist::Dist;
pub use crate::lang::Lang;

pub use calibrate::CalibrateText;
pub use charts::ChartsText;
pub use compare::CompareText;
pub use control::ControlText;
pub use en::EN;
pub use fr::FR;
pub use inputs::InputsText;
pub use numbers::{HUGE, NumberStyle};
pub use optimize::OptimizeText;
pub use run::{FigureText, RunText};
pub use sensitivity::{Names, SensitivityText};
pub use terminal::TerminalText;

impl Lang {
    /// The locale of this language.
    pub fn locale(self) -> &'static Locale {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }
}

/// A language's numbers and words.
#[derive(Debug)]
pub struct Locale {
    /// The language these are the words of.
    pub lang: Lang,
    /// How numbers read.
    pub numbers: NumberStyle,
    /// An uncertain parameter's distribution, as input tables show it
    /// (`pert(0.6, 0.85, 1)`).
    pub distribution: fn(&Dist) -> String,
    /// A metric's unit as pages and charts show it, from the unit the data
    /// files record (`M EUR/year`, `M EUR`, `share`, `units`, or a
    /// segment's own unit, shown as written).
    pub unit: fn(&str) -> String,
    /// A colon after a word, with the space the language puts before it
    /// (`:` in English).
    pub colon: &'static str,
    /// Between the items of a list that hold commas, with its spaces (`; `
    /// in English).
    pub semicolon: &'static str,
    /// The provenance line under every chart: scenario (with its short
    /// hash), seed, formatted count, what it counts, sampling, version.
    pub provenance_line: fn(
        scenario: &str,
        seed: u64,
        count: &str,
        counted: &str,
        sampling: &str,
        version: &str,
    ) -> String,
    /// The comment heading a report's `scenario.toml`: the scenario's name
    /// and hash and the command that regenerates the report from the file
    /// (lines, each written after `# `).
    pub scenario_file: fn(name: &str, hash: &str, command: &str) -> String,
    /// What a count of draws counts.
    pub draws: &'static str,
    /// What a count of model runs counts.
    pub model_runs: &'static str,
    /// The run report (`index.md`).
    pub run: RunText,
    /// The inputs section of the run report.
    pub inputs: InputsText,
    /// Precision control (`run --precision`).
    pub control: ControlText,
    /// The charts' titles, legends and axis labels.
    pub charts: ChartsText,
    /// The comparison report.
    pub compare: CompareText,
    /// The sensitivity report.
    pub sensitivity: SensitivityText,
    /// The optimisation report.
    pub optimize: OptimizeText,
    /// The calibration report.
    pub calibrate: CalibrateText,
    /// What the commands print.
    pub terminal: TerminalText,
}
