//! Where a report's numbers come from, decided once: the scenario (name,
//! title, hash, horizon), the run settings and generator, the esante version.
//! The JSON files serialise [`ScenarioInfo`] and [`RunInfo`]; charts print
//! [`Provenance::line`]; pages shorten hashes with [`short_hex`].

use serde::Serialize;

use super::text::{Lang, Locale};
use crate::sampling::{GENERATOR, RunSettings};
use crate::scenario::Scenario;

/// The version of esante, recorded in every report.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub use crate::scenario::short_hex;

/// A scenario as the JSON files describe it.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioInfo<'a> {
    /// File-system safe id.
    pub name: &'a str,
    /// Human title.
    pub title: &'a str,
    /// `sha256:` hash of the resolved scenario.
    pub hash: &'a str,
    /// First simulated year.
    pub start_year: i32,
    /// Last simulated year.
    pub end_year: i32,
    /// The command line's `--set` values (`path=value`), when any.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub overrides: &'a [String],
}

impl<'a> ScenarioInfo<'a> {
    /// The description of `s`.
    pub fn of(s: &'a Scenario) -> ScenarioInfo<'a> {
        ScenarioInfo {
            name: &s.name,
            title: &s.title,
            hash: &s.hash,
            start_year: s.start_year,
            end_year: s.end_year,
            overrides: &s.overrides,
        }
    }
}

/// The `--set` flags that rebuild `s`'s overrides, for the command that
/// regenerates a report: ` --set 'path=value'` each (single-quoted for a
/// POSIX shell), or nothing.
pub fn set_flags(s: &Scenario) -> String {
    s.overrides
        .iter()
        .map(|o| format!(" --set '{}'", o.replace('\'', "'\\''")))
        .collect()
}

/// The `--lang` flag that rebuilds a report in `l`'s language from `s`, for
/// the command that regenerates it: ` --lang fr` whenever the report is not
/// in English or `s` asks for another language (`[report] lang`), nothing
/// for an English report of a scenario without one. A French report thus
/// reads the same whether `--lang fr` or `[report] lang = "fr"` chose it.
pub fn lang_flag(s: &Scenario, l: &Locale) -> String {
    if l.lang == Lang::En && s.lang == Lang::En {
        String::new()
    } else {
        format!(" --lang {}", l.lang.code())
    }
}

/// The run settings as the JSON files record them.
#[derive(Debug, Clone, Serialize)]
pub struct RunInfo {
    /// Seed of every stream.
    pub seed: u64,
    /// Number of draws, where one count describes the report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub draws: Option<u64>,
    /// `mc` or `lhs`.
    pub sampling: &'static str,
    /// The random generator.
    pub generator: &'static str,
}

impl RunInfo {
    /// The record of `settings`, with its draw count.
    pub fn of(settings: RunSettings) -> RunInfo {
        RunInfo {
            draws: Some(settings.draws),
            ..RunInfo::without_draws(settings)
        }
    }

    /// The record of `settings` for a report whose parts use different draw
    /// counts (a sensitivity analysis records them per method).
    pub fn without_draws(settings: RunSettings) -> RunInfo {
        RunInfo {
            seed: settings.seed,
            draws: None,
            sampling: settings.sampling.as_str(),
            generator: GENERATOR,
        }
    }
}

/// What a chart's provenance line says.
#[derive(Debug, Clone, PartialEq)]
pub struct Provenance {
    /// Scenario name (several joined for a comparison).
    pub scenario: String,
    /// Scenario hash (`sha256:...`), empty for several scenarios.
    pub hash: String,
    /// The run settings; `draws` counts what [`Provenance::counted`] says.
    pub settings: RunSettings,
    /// What the draw count counts: draws, or model runs for a Sobol analysis.
    pub counted: Counted,
}

/// What a provenance line's count counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Monte Carlo draws.
    Draws,
    /// Model runs (a Sobol design).
    ModelRuns,
}

impl Provenance {
    /// The provenance of `scenario` run with `settings`.
    pub fn of(scenario: &Scenario, settings: RunSettings) -> Provenance {
        Provenance {
            scenario: scenario.name.clone(),
            hash: scenario.hash.clone(),
            settings,
            counted: Counted::Draws,
        }
    }

    /// The provenance of scenarios run together with the same settings (a
    /// comparison): named base first (in `l`'s words), with no single hash.
    pub fn shared_run(names: &[&str], settings: RunSettings, l: &Locale) -> Provenance {
        Provenance {
            scenario: (l.compare.provenance_names)(names),
            hash: String::new(),
            settings,
            counted: Counted::Draws,
        }
    }

    /// One line: scenario, short hash (when there is one), seed, draws,
    /// sampling, version.
    pub fn line(&self, l: &Locale) -> String {
        let hash = if self.hash.is_empty() {
            String::new()
        } else {
            format!(" · sha256:{}", short_hex(&self.hash))
        };
        let s = self.settings;
        let counted = match self.counted {
            Counted::Draws => l.draws,
            Counted::ModelRuns => l.model_runs,
        };
        (l.provenance_line)(
            &format!("{}{hash}", self.scenario),
            s.seed,
            &l.thousands(s.draws as f64, 0),
            counted,
            s.sampling.as_str(),
            VERSION,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::text::EN;
    use crate::sampling::Sampling;

    #[test]
    fn provenance_line_has_every_field() {
        let p = Provenance {
            scenario: "s".into(),
            hash: "sha256:0123456789abcdef0123".into(),
            settings: RunSettings {
                seed: 7,
                draws: 10_000,
                sampling: Sampling::Lhs,
            },
            counted: Counted::Draws,
        };
        assert_eq!(
            p.line(&EN),
            format!(
                "s · sha256:0123456789ab · seed 7 · 10,000 draws · lhs sampling · esante {VERSION}"
            )
        );
        assert_eq!(short_hex("sha256:0123456789abcdef"), "0123456789ab");
    }
}
