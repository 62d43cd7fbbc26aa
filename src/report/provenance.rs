//! Where a report's numbers come from, decided once: the scenario (name,
//! title, hash, horizon), the run settings and generator, the esante version.
//! The JSON files serialise [`ScenarioInfo`] and [`RunInfo`]; charts print
//! [`Provenance::line`]; pages shorten hashes with [`short_hex`].

use serde::Serialize;

use super::Artifact;
use super::text::{Lang, Locale};
use crate::analysis::convergence::Convergence;
use crate::analysis::sensitivity::difference::Input;
use crate::sampling::{GENERATOR, RunSettings};
use crate::scenario::{Economics, Scenario};

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
    /// The `[economics]` table (discount rate and base year), when any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub economics: Option<Economics>,
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
            economics: s.economics,
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

/// The name of the resolved scenario in a report folder.
pub const SCENARIO_FILE: &str = "scenario.toml";

/// The command that regenerates a report of `verb` (`run`, `calibrate`)
/// from its folder's [`SCENARIO_FILE`]: the settings that shape the results
/// (seed, draws, sampling, `--set`, and a `--precision` run's goal and first
/// draws, and the `--lang` of [`lang_flag`]), never output paths, thread
/// counts or shard flags.
pub fn regenerate_command(
    verb: &str,
    s: &Scenario,
    sim: RunSettings,
    control: Option<&Convergence>,
    l: &Locale,
) -> String {
    let (draws, goal) = match control {
        None => (sim.draws, String::new()),
        Some(c) => (
            c.first_draws,
            format!(
                " --precision {}% --max-draws {}",
                c.goal.percent, c.goal.max_draws
            ),
        ),
    };
    format!(
        "esante {verb} {SCENARIO_FILE} --seed {} --draws {draws} --sampling {}{goal}{}{}",
        sim.seed,
        sim.sampling.as_str(),
        set_flags(s),
        lang_flag(s, l)
    )
}

/// [`SCENARIO_FILE`]: the resolved scenario `s` (every file of its
/// `extends` chain merged, the `--set` values applied; without `[report]`,
/// whose language the command's `--lang` carries) under a comment
/// that names it and gives `command`, which regenerates the report from
/// it. Loading it gives `s` again, with the same hash.
pub fn scenario_file(s: &Scenario, command: &str, l: &Locale) -> Artifact {
    let mut text = String::new();
    for line in (l.scenario_file)(&s.name, &s.hash, command).lines() {
        text.push_str("# ");
        text.push_str(line);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&s.computed_text());
    Artifact::new(SCENARIO_FILE, text)
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

/// What a sensitivity report analyses: the levels of one scenario, or the
/// per-draw difference `ALT - BASE` of two (`esante sensitivity ALT
/// --against BASE`).
#[derive(Debug, Clone, Copy)]
pub enum Subject<'a> {
    /// One scenario's metric.
    Levels(&'a Scenario),
    /// The difference of a metric between two scenarios run together.
    Difference {
        /// ALT, the scenario whose effect is analysed.
        alt: &'a Scenario,
        /// BASE, what it is measured against.
        base: &'a Scenario,
        /// The inputs of the analysis, in parameter order.
        inputs: &'a [Input],
    },
}

impl<'a> Subject<'a> {
    /// The scenario analysed (ALT for a difference).
    pub fn scenario(&self) -> &'a Scenario {
        match *self {
            Subject::Levels(s) | Subject::Difference { alt: s, .. } => s,
        }
    }

    /// BASE, for a difference.
    pub fn base(&self) -> Option<&'a Scenario> {
        match *self {
            Subject::Levels(_) => None,
            Subject::Difference { base, .. } => Some(base),
        }
    }

    /// How pages and charts name the analysed output of `metric`: the
    /// metric, or its difference.
    pub fn metric(&self, metric: &str, l: &Locale) -> String {
        match self {
            Subject::Levels(_) => metric.to_string(),
            Subject::Difference { .. } => (l.sensitivity.difference_metric)(metric),
        }
    }

    /// A chart's subtitle: the scenario's title, or which difference.
    pub fn title(&self, l: &Locale) -> String {
        match self {
            Subject::Levels(s) => s.title.clone(),
            Subject::Difference { alt, base, .. } => {
                (l.sensitivity.difference_subtitle)(&alt.name, &base.name)
            }
        }
    }

    /// The provenance of the analysis run with `settings`: for a
    /// difference, both scenarios with their hashes.
    pub fn provenance(&self, settings: RunSettings) -> Provenance {
        match self {
            Subject::Levels(s) => Provenance::of(s, settings),
            Subject::Difference { alt, base, .. } => Provenance {
                scenario: format!(
                    "{} · sha256:{} − {}",
                    alt.name,
                    short_hex(&alt.hash),
                    base.name
                ),
                hash: base.hash.clone(),
                settings,
                counted: Counted::Draws,
            },
        }
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
