//! The command line resolved into what the commands need (ripgrep's
//! `hiargs.rs`): scenarios loaded and validated, run settings taken from the
//! scenario's `[simulation]` table and overridden by the flags, output
//! folders chosen. Nothing here is written back into a scenario.

use std::path::PathBuf;

use esante::Scenario;
use esante::analysis::convergence::Goal;
use esante::analysis::optimize;
use esante::analysis::sensitivity::{self, Method};
use esante::analysis::shard::{self, ShardFile};
use esante::engine::{RunStats, Shard};
use esante::report::chart::Format;
use esante::report::text::{Lang, Locale};
use esante::sampling::{RunSettings, Sampling};
use esante::scenario::Overrides;

use super::lowargs::{
    CalibrateArgs, Cli, Command, CompareArgs, FormatArg, MergeArgs, MethodArg, OptimizeArgs,
    Output, RunArgs, SamplingArg, SensitivityArgs, Shell, SimFlags,
};
use super::optimize_shard::{FORMAT as OPTIMIZE_FORMAT, OptimizeShardFile};
use super::{UsageError, paths};

/// What every command shares: threads, chart formats, quietness.
#[derive(Debug, Clone)]
pub struct Common {
    /// Worker threads (all cores if `None`).
    pub threads: Option<u16>,
    /// Chart formats, distinct and in report order.
    pub formats: Vec<Format>,
    /// Print nothing but errors and warnings.
    pub quiet: bool,
    /// The language of reports and messages.
    pub locale: &'static Locale,
    /// The largest estimated memory a job may start with, bytes.
    pub max_memory: u64,
}

/// A resolved command.
#[derive(Debug)]
pub enum Plan {
    /// `esante check`.
    Check(Box<Scenario>),
    /// `esante completions`.
    Completions(Shell),
    /// `esante schema`.
    Schema,
    /// `esante run`.
    Run(RunPlan),
    /// `esante compare`.
    Compare(ComparePlan),
    /// `esante sensitivity`.
    Sensitivity(SensitivityPlan),
    /// `esante optimize`.
    Optimize(OptimizePlan),
    /// `esante calibrate`.
    Calibrate(CalibratePlan),
    /// `esante merge`.
    Merge(MergePlan),
}

/// `esante merge`, resolved: the shard files read and checked.
#[derive(Debug)]
pub enum MergePlan {
    /// Shards of `esante run`.
    Run {
        /// The run's scenario, from the shard files.
        scenario: Box<Scenario>,
        /// The merged statistics.
        stats: RunStats,
        /// The report folder.
        out: PathBuf,
        /// Threads, formats, quietness.
        common: Common,
    },
    /// Shards of `esante optimize`: the search finishes at the merge.
    Optimize(Box<OptimizePlan>, Vec<optimize::Summary>),
}

/// `esante calibrate`, resolved.
#[derive(Debug)]
pub struct CalibratePlan {
    /// The scenario.
    pub scenario: Scenario,
    /// Draws, seed and sampling.
    pub settings: RunSettings,
    /// The report folder.
    pub out: PathBuf,
    /// Threads, formats, quietness.
    pub common: Common,
}

/// `esante optimize`, resolved.
#[derive(Debug)]
pub struct OptimizePlan {
    /// The scenario.
    pub scenario: Scenario,
    /// The problem and the draws.
    pub settings: optimize::Settings,
    /// Whether the splits are judged on the calibrated projection.
    pub calibrated: bool,
    /// The report folder, or with `shard` the folder of the shard files.
    pub out: PathBuf,
    /// Only this share of the grid, written as a shard file.
    pub shard: Option<Shard>,
    /// The flags that pose the problem, for the shard file.
    pub request: Vec<String>,
    /// Threads, formats, quietness.
    pub common: Common,
}

/// `esante run`, resolved.
#[derive(Debug)]
pub struct RunPlan {
    /// The scenario.
    pub scenario: Scenario,
    /// Its run settings.
    pub settings: RunSettings,
    /// The report folder, or with `shard` the folder of the shard files.
    pub out: PathBuf,
    /// Where to export every draw, if asked.
    pub export_draws: Option<PathBuf>,
    /// Only this share of the draws, written as a shard file.
    pub shard: Option<Shard>,
    /// Draw in rounds until this precision (`--precision`).
    pub goal: Option<Goal>,
    /// Threads, formats, quietness.
    pub common: Common,
}

/// `esante compare`, resolved.
#[derive(Debug)]
pub struct ComparePlan {
    /// The base first, then the alternatives.
    pub scenarios: Vec<Scenario>,
    /// The settings every scenario runs with (the base's, overridden).
    pub settings: RunSettings,
    /// Whether the draws are weighted by observed figures.
    pub calibrated: bool,
    /// The report folder.
    pub out: PathBuf,
    /// Threads, formats, quietness.
    pub common: Common,
}

/// `esante sensitivity`, resolved.
#[derive(Debug)]
pub struct SensitivityPlan {
    /// The scenario (ALT with `against`).
    pub scenario: Scenario,
    /// With `--against`: BASE, and the difference is analysed.
    pub against: Option<Box<Scenario>>,
    /// What to analyse and how.
    pub settings: sensitivity::Settings,
    /// The report folder.
    pub out: PathBuf,
    /// Threads, formats, quietness.
    pub common: Common,
}

/// Loads and validates a scenario, printing what validation warns about.
fn load(path: &std::path::Path) -> anyhow::Result<Scenario> {
    load_with(path, &[])
}

/// Loads a scenario with the `--set` values `set` (see [`Overrides`]) and
/// prints its warnings.
fn load_with(path: &std::path::Path, set: &[String]) -> anyhow::Result<Scenario> {
    let overrides = Overrides::parse(set)?;
    let s = Scenario::load_with(path, &overrides)?;
    for w in &s.warnings {
        super::say("warning", w);
    }
    Ok(s)
}

/// Loads the scenarios and resolves every setting of `cli`.
pub fn resolve(cli: Cli) -> anyhow::Result<Plan> {
    Ok(match cli.command {
        Command::Check { scenario } => Plan::Check(Box::new(load(&scenario)?)),
        Command::Completions { shell } => Plan::Completions(shell),
        Command::Schema => Plan::Schema,
        Command::Run(a) => Plan::Run(run(a)?),
        Command::Compare(a) => Plan::Compare(compare(a)?),
        Command::Sensitivity(a) => Plan::Sensitivity(sensitivity(a)?),
        Command::Optimize(a) => Plan::Optimize(optimize(a)?),
        Command::Calibrate(a) => Plan::Calibrate(calibrate(a)?),
        Command::Merge(a) => Plan::Merge(merge(a)?),
    })
}

/// The language of a command's report: `--lang`, else the scenario's
/// `[report] lang` (English by default).
fn lang(o: &Output, s: &Scenario) -> Lang {
    o.lang.unwrap_or(s.lang)
}

/// The default folder of the report `name` (`reports/<name>/`); in another
/// language than English its subfolder `<code>/`, so that a translation
/// never replaces the English report.
fn report_folder(name: &str, lang: Lang) -> PathBuf {
    let folder = PathBuf::from("reports").join(name);
    match lang {
        Lang::En => folder,
        other => folder.join(other.code()),
    }
}

fn run(a: RunArgs) -> anyhow::Result<RunPlan> {
    let scenario = load_with(&a.scenario, &a.settings.set)?;
    let lang = lang(&a.output, &scenario);
    let out = a.out.unwrap_or_else(|| match a.shard {
        Some(_) => PathBuf::from("reports").join(&scenario.name).join("shards"),
        None => report_folder(&scenario.name, lang),
    });
    if let Some(path) = &a.export_draws {
        paths::check_export(path, &scenario.files, &out, a.force)?;
    }
    Ok(RunPlan {
        settings: settings(scenario.simulation, a.draws, &a.settings),
        out,
        export_draws: a.export_draws,
        shard: a.shard,
        goal: a.precision.map(|percent| Goal {
            percent,
            max_draws: a.max_draws,
        }),
        common: common(a.output, lang),
        scenario,
    })
}

/// Reads every shard file `a` names (a folder: its `shard-*-of-*.json`
/// files) and merges them; any problem is a usage error.
fn merge(a: MergeArgs) -> anyhow::Result<MergePlan> {
    let mut texts = Vec::new();
    for part in &a.parts {
        for path in paths::shard_files(part).map_err(UsageError)? {
            let text = std::fs::read_to_string(&path).map_err(|e| {
                UsageError(format!("cannot read shard file {}: {e}", path.display()))
            })?;
            texts.push((path, text));
        }
    }
    let optimizing = texts
        .first()
        .is_some_and(|(_, t)| paths::shard_format(t).as_deref() == Some(OPTIMIZE_FORMAT));
    if optimizing {
        let mut files = Vec::new();
        for (path, text) in &texts {
            files.push((path.clone(), OptimizeShardFile::parse(path, text)?));
        }
        let m = super::optimize_shard::merge(files)?;
        let settings = optimize_settings(&m.scenario, &m.args)?;
        if super::optimize_shard::settings_text(&settings, m.args.calibrated) != m.settings
            || optimize::grid_splits(&settings.problem).len() != m.grid.len()
        {
            return Err(UsageError(
                "the shards' problem does not resolve to the settings they record (another esante?)"
                    .into(),
            )
            .into());
        }
        let lang = lang(&a.output, &m.scenario);
        let out = a.out.unwrap_or_else(|| {
            report_folder(&m.scenario.name, lang).join(esante::report::OPTIMIZE_DIR)
        });
        let plan = OptimizePlan {
            scenario: m.scenario,
            settings,
            calibrated: m.args.calibrated,
            out,
            shard: None,
            request: Vec::new(),
            common: common(a.output, lang),
        };
        return Ok(MergePlan::Optimize(Box::new(plan), m.grid));
    }
    let mut files = Vec::new();
    for (path, text) in texts {
        let file = ShardFile::parse(&path, &text).map_err(|e| UsageError(e.to_string()))?;
        files.push((path, file));
    }
    let (scenario, stats) = shard::merge(files).map_err(|e| UsageError(e.to_string()))?;
    let lang = lang(&a.output, &scenario);
    let out = a.out.unwrap_or_else(|| report_folder(&scenario.name, lang));
    Ok(MergePlan::Run {
        scenario: Box::new(scenario),
        stats,
        out,
        common: common(a.output, lang),
    })
}

fn compare(a: CompareArgs) -> anyhow::Result<ComparePlan> {
    let mut scenarios = vec![load_with(&a.base, &a.settings.set)?];
    for p in &a.alternatives {
        scenarios.push(load_with(p, &a.settings.set)?);
    }
    let lang = lang(&a.output, &scenarios[0]);
    let out = a.out.unwrap_or_else(|| {
        let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
        report_folder(&format!("compare-{}", names.join("-vs-")), lang)
    });
    Ok(ComparePlan {
        settings: settings(scenarios[0].simulation, a.draws, &a.settings),
        calibrated: a.calibrated,
        scenarios,
        out,
        common: common(a.output, lang),
    })
}

fn sensitivity(a: SensitivityArgs) -> anyhow::Result<SensitivityPlan> {
    let scenario = load_with(&a.scenario, &a.settings.set)?;
    let against = match &a.against {
        Some(path) => Some(Box::new(load_with(path, &a.settings.set)?)),
        None => None,
    };
    let settings = sensitivity::Settings {
        metric: a.metric,
        year: a.year.unwrap_or(scenario.end_year),
        method: match a.method {
            MethodArg::Rank => Method::Rank,
            MethodArg::Sobol => Method::Sobol,
            MethodArg::All => Method::All,
        },
        // A difference runs with BASE's settings, as `compare` does.
        run: self::settings(
            against.as_deref().unwrap_or(&scenario).simulation,
            a.draws,
            &a.settings,
        ),
        sobol_n: a.draws.map_or(sensitivity::DEFAULT_SOBOL_N, |d| d as usize),
        resamples: a.resamples,
    };
    let lang = lang(&a.output, &scenario);
    Ok(SensitivityPlan {
        out: a.out.unwrap_or_else(|| {
            let folder = report_folder(&scenario.name, lang);
            match &against {
                None => folder.join(esante::report::SENSITIVITY_DIR),
                Some(base) => folder.join(esante::report::against_dir(&base.name)),
            }
        }),
        against,
        settings,
        common: common(a.output, lang),
        scenario,
    })
}

fn optimize(a: OptimizeArgs) -> anyhow::Result<OptimizePlan> {
    let scenario = load_with(&a.scenario, &a.settings.set)?;
    let settings = optimize_settings(&scenario, &a)?;
    let lang = lang(&a.output, &scenario);
    let folder = PathBuf::from("reports")
        .join(&scenario.name)
        .join(esante::report::OPTIMIZE_DIR);
    Ok(OptimizePlan {
        out: a.out.clone().unwrap_or_else(|| match a.shard {
            Some(_) => folder.join("shards"),
            None => report_folder(&scenario.name, lang).join(esante::report::OPTIMIZE_DIR),
        }),
        request: super::optimize_shard::request(&a),
        shard: a.shard,
        settings,
        calibrated: a.calibrated,
        common: common(a.output, lang),
        scenario,
    })
}

fn calibrate(a: CalibrateArgs) -> anyhow::Result<CalibratePlan> {
    let scenario = load_with(&a.scenario, &a.settings.set)?;
    let lang = lang(&a.output, &scenario);
    Ok(CalibratePlan {
        out: a.out.unwrap_or_else(|| {
            report_folder(&scenario.name, lang).join(esante::report::CALIBRATE_DIR)
        }),
        settings: settings(scenario.simulation, a.draws, &a.settings),
        common: common(a.output, lang),
        scenario,
    })
}

/// The scenario's `[simulation]` settings with the flags (and `draws`, when
/// given) applied.
fn settings(defaults: RunSettings, draws: Option<u64>, flags: &SimFlags) -> RunSettings {
    RunSettings {
        draws: draws.unwrap_or(defaults.draws),
        seed: flags.seed.unwrap_or(defaults.seed),
        sampling: flags.sampling.map_or(defaults.sampling, sampling),
    }
}

/// The sampling a `--sampling` value names.
fn sampling(a: SamplingArg) -> Sampling {
    match a {
        SamplingArg::Mc => Sampling::Mc,
        SamplingArg::Lhs => Sampling::Lhs,
    }
}

/// The problem and draws `a` asks of `scenario`.
fn optimize_settings(scenario: &Scenario, a: &OptimizeArgs) -> anyhow::Result<optimize::Settings> {
    Ok(optimize::Settings {
        problem: super::optimize::problem(scenario, a)?,
        run: settings(scenario.simulation, a.draws, &a.settings),
    })
}

/// What every command shares, from its output flags, with the report in
/// `lang`.
fn common(o: Output, lang: Lang) -> Common {
    let mut formats: Vec<Format> = o
        .format
        .into_iter()
        .map(|f| match f {
            FormatArg::Png => Format::Png,
            FormatArg::Svg => Format::Svg,
        })
        .collect();
    formats.sort();
    formats.dedup();
    Common {
        threads: o.threads,
        formats,
        quiet: o.quiet,
        locale: lang.locale(),
        max_memory: o.max_memory,
    }
}
