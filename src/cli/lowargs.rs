//! The command line as the user typed it: clap's view, nothing resolved yet
//! (ripgrep's `lowargs.rs`). [`super::hiargs`] turns it into settings.

use std::path::PathBuf;

use clap::builder::TypedValueParser as _;
use clap::{Parser, Subcommand, ValueEnum};
use esante::report::text::Lang;

/// Monte Carlo scenarios for digital-health investment outcomes.
#[derive(Debug, Parser)]
#[command(name = "esante", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a scenario and write its report folder.
    Run(RunArgs),
    /// Compare alternatives with a base scenario, draw by draw.
    ///
    /// Every scenario runs with the same seed, draws and sampling (the base's
    /// settings unless overridden), so draws share the random numbers of every
    /// parameter the scenarios share: differences show what the change does.
    Compare(CompareArgs),
    /// Which uncertain inputs drive a metric: rank correlations (tornado)
    /// and variance-based Sobol indices.
    Sensitivity(SensitivityArgs),
    /// Find the split of the envelope over the axes that maximises an
    /// objective under uncertainty, and how sure that is.
    ///
    /// Settings come from the scenario's [optimize] table; each flag
    /// overrides its key.
    Optimize(OptimizeArgs),
    /// Condition the Monte Carlo on the scenario's observed figures
    /// ([[observed]]) by importance weighting, and write the calibrated report.
    Calibrate(CalibrateArgs),
    /// Merge the partial results of `esante run --shard K/N` into the run's
    /// report: byte for byte the report of the run in one piece, whatever
    /// the number of shards and their order.
    Merge(MergeArgs),
    /// Validate a scenario and print what it says.
    Check {
        /// The scenario file (TOML).
        scenario: PathBuf,
    },
    /// Print a completion script for a shell on stdout.
    ///
    /// bash: `esante completions bash > ~/.local/share/bash-completion/completions/esante`;
    /// zsh: `esante completions zsh > ~/.zfunc/_esante` (with `fpath+=~/.zfunc`
    /// before `compinit`); fish: `esante completions fish >
    /// ~/.config/fish/completions/esante.fish`.
    Completions {
        /// The shell.
        shell: Shell,
    },
    /// Print the JSON Schema of the scenario format on stdout.
    ///
    /// Editors with the taplo TOML language server (VS Code's Even Better
    /// TOML, and others) complete keys, show their descriptions and flag
    /// unknown keys, wrong types and values out of range in a scenario whose
    /// first line is `#:schema PATH` (the schema file, relative to the
    /// scenario): `esante schema > scenario.schema.json`.
    Schema,
}

/// The shells `esante completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash (bash-completion).
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
}

/// `esante run`.
#[derive(Debug, clap::Args)]
pub struct RunArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Number of draws (overrides [simulation] draws).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub draws: Option<u64>,
    #[command(flatten)]
    pub settings: SimFlags,
    #[command(flatten)]
    pub output: Output,
    /// The report folder (default: reports/<name>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write every draw to this CSV file: the sampled value of every
    /// uncertain parameter and every metric at the horizon, one row per draw.
    ///
    /// An existing file is replaced only if an earlier export wrote it (or
    /// with --force); links, devices, the scenario files and paths inside the
    /// report folder are refused.
    #[arg(long, value_name = "FILE.csv")]
    pub export_draws: Option<PathBuf>,
    /// Let --export-draws replace an existing file that is not an earlier
    /// draws export.
    #[arg(long, requires = "export_draws")]
    pub force: bool,
    /// Evaluate only shard K of N of the draws (K from 0 to N-1, as
    /// SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX count) and write its
    /// partial result, shard-K-of-N.json, into the --out folder (default:
    /// reports/<name>/shards/); `esante merge` then writes the report.
    #[arg(long, value_name = "K/N", conflicts_with = "export_draws")]
    pub shard: Option<esante::engine::Shard>,
    /// Draw in rounds until the 95% interval of the mean, P5, median and P95
    /// of the tracked outputs (the targets' metrics, or market.total in the
    /// last year) is within this share of each value, e.g. 1%.
    ///
    /// The first round has --draws draws (rounded up to whole blocks of
    /// 1,024), each next one doubles the total, up to --max-draws. The
    /// report says how many draws were used and why the rounds stopped.
    #[arg(
        long,
        value_name = "PERCENT",
        value_parser = parse_percent,
        conflicts_with_all = ["shard", "export_draws"]
    )]
    pub precision: Option<f64>,
    /// The largest number of draws of a --precision run.
    #[arg(
        long,
        requires = "precision",
        default_value_t = 10_000_000,
        value_parser = clap::value_parser!(u64).range(1..=1_000_000_000_000)
    )]
    pub max_draws: u64,
}

/// A `--precision` value: a percentage above 0 and below 100, written with
/// its `%` sign (`1%`, `0.5%`); the number in percent.
fn parse_percent(text: &str) -> Result<f64, String> {
    let allowed = "a percentage above 0% and below 100%, like 1% or 0.5%";
    let Some(number) = text.trim().strip_suffix('%') else {
        return Err(format!("`{text}` has no % sign: expected {allowed}"));
    };
    match number.trim().parse::<f64>() {
        Ok(p) if p > 0.0 && p < 100.0 => Ok(p),
        _ => Err(format!("`{text}` is not {allowed}")),
    }
}

/// `esante merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Shard files (shard-K-of-N.json), or folders holding them.
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
    /// The report folder (default: reports/<name>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub output: Output,
}

/// `esante compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The base scenario file (TOML).
    pub base: PathBuf,
    /// One or more alternative scenario files.
    #[arg(required = true)]
    pub alternatives: Vec<PathBuf>,
    /// Number of draws (default: the base's [simulation] draws).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub draws: Option<u64>,
    #[command(flatten)]
    pub settings: SimFlags,
    #[command(flatten)]
    pub output: Output,
    /// The report folder (default: reports/compare-<base>-vs-<alt>[-vs-...]/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Weight every draw by the likelihood of the observed figures
    /// ([[observed]]) of the first scenario that has any, so the comparison
    /// rests on the calibrated projection.
    #[arg(long)]
    pub calibrated: bool,
}

/// `esante calibrate`.
#[derive(Debug, clap::Args)]
pub struct CalibrateArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Number of draws (overrides [simulation] draws).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub draws: Option<u64>,
    #[command(flatten)]
    pub settings: SimFlags,
    #[command(flatten)]
    pub output: Output,
    /// The report folder (default: reports/<name>/calibrated/).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `esante sensitivity`.
#[derive(Debug, clap::Args)]
pub struct SensitivityArgs {
    /// The scenario file (TOML); with --against, ALT.
    pub scenario: PathBuf,
    /// Analyse the per-draw difference SCENARIO - BASE (the effect of what
    /// differs, e.g. a programme against its counterfactual) instead of the
    /// levels: both run on the same draws (common random numbers), with
    /// BASE's settings (as compare); --set applies to both. Default folder:
    /// reports/<name>/sensitivity-against-<base>/.
    #[arg(long, value_name = "BASE.toml")]
    pub against: Option<PathBuf>,
    /// The metric to explain.
    #[arg(long, default_value = "market.total")]
    pub metric: String,
    /// The calendar year (default: the scenario's last year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Which method: rank (tornado), sobol, or all.
    #[arg(long, value_enum, default_value = "all")]
    pub method: MethodArg,
    /// Draws of the rank method and base sample size N of the Sobol method
    /// ((k + 2) N model runs for k uncertain parameters). Default: the
    /// scenario's draws for rank, 8192 for Sobol.
    #[arg(long, value_parser = clap::value_parser!(u64).range(20..))]
    pub draws: Option<u64>,
    #[command(flatten)]
    pub settings: SimFlags,
    /// Bootstrap resamples of the Sobol confidence intervals.
    #[arg(long, default_value_t = esante::analysis::sensitivity::sobol::DEFAULT_RESAMPLES)]
    pub resamples: usize,
    #[command(flatten)]
    pub output: Output,
    /// The report folder (default: reports/<name>/sensitivity/).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// `esante optimize`.
#[derive(Debug, clap::Args)]
pub struct OptimizeArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// What to maximise: METRIC@YEAR, or METRIC@FIRST..LAST for the sum over
    /// those years (overrides [optimize] objective).
    #[arg(long, value_name = "METRIC@YEAR")]
    pub objective: Option<String>,
    /// The statistic maximised: mean, p1 to p99, or prob (with --at-least or
    /// --at-most).
    #[arg(long)]
    pub statistic: Option<String>,
    /// With --statistic prob: the level the objective should reach.
    #[arg(long, conflicts_with = "at_most", allow_negative_numbers = true)]
    pub at_least: Option<f64>,
    /// With --statistic prob: the level the objective should stay below.
    #[arg(long, allow_negative_numbers = true)]
    pub at_most: Option<f64>,
    /// M EUR to split (default: the sum of the free axes' budgets).
    #[arg(long, value_name = "MEUR")]
    pub envelope: Option<f64>,
    /// The free axes, comma-separated (default: every axis with a schedule).
    #[arg(long, value_delimiter = ',', value_name = "AXIS,...")]
    pub axes: Option<Vec<String>>,
    /// Grid step as a share of the envelope, in (0, 0.5] (default 0.05).
    #[arg(long)]
    pub step: Option<f64>,
    /// Least budget of an axis, M EUR (repeatable).
    #[arg(long, value_name = "AXIS=MEUR")]
    pub min: Vec<String>,
    /// Largest budget of an axis, M EUR (repeatable).
    #[arg(long, value_name = "AXIS=MEUR")]
    pub max: Vec<String>,
    /// Draws of the search and of the out-of-sample check (default: the
    /// scenario's [simulation] draws).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub draws: Option<u64>,
    #[command(flatten)]
    pub settings: SimFlags,
    #[command(flatten)]
    pub output: Output,
    /// The report folder (default: reports/<name>/optimize/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Weight every draw by the likelihood of the scenario's observed
    /// figures ([[observed]]), as written, so the splits are judged on the
    /// calibrated projection.
    #[arg(long)]
    pub calibrated: bool,
    /// Evaluate only shard K of N of the search's grid (K from 0 to N-1) and
    /// write its part, shard-K-of-N.json, into the --out folder (default:
    /// reports/<name>/optimize/shards/); `esante merge` finishes the search.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<esante::engine::Shard>,
}

/// Seed and sampling, overriding the scenario's (for `compare`, the base's)
/// `[simulation]` table.
#[derive(Debug, clap::Args)]
pub struct SimFlags {
    /// Random seed (default: the scenario's [simulation] seed; for compare,
    /// the base's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Sampling method: mc, or lhs for Latin hypercube (default: the
    /// scenario's [simulation] sampling; for compare, the base's). For
    /// sensitivity, also the sampling of the Sobol base matrices.
    #[arg(long, value_enum)]
    pub sampling: Option<SamplingArg>,
    /// Set a key of the scenario, after `extends` and before validation:
    /// PATH=VALUE with a TOML value, e.g. `--set segments.hospitals.q=0.5`
    /// or `--set 'segments.hospitals.q={ dist = "pert", min = 0.3, mode =
    /// 0.5, max = 0.7 }'`. Repeatable (later flags win); for compare, it
    /// applies to every scenario. Recorded in the report's provenance and
    /// its scenario hash.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// How a command runs and what it prints and draws.
#[derive(Debug, clap::Args)]
pub struct Output {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub threads: Option<u16>,
    /// Chart formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "png,svg")]
    pub format: Vec<FormatArg>,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    pub quiet: bool,
    /// Refuse to start a job whose estimated memory is above this size
    /// (bytes, or with a unit: 512M, 16G).
    #[arg(long, value_name = "SIZE", default_value = "8G", value_parser = esante::engine::memory::parse_size)]
    pub max_memory: u64,
    /// The language of the report and of what the command prints (default:
    /// the scenario's [report] lang, else en). A report in another language
    /// than English goes by default to the subfolder <lang>/ of the English
    /// one (reports/<name>/fr/).
    #[arg(long, value_name = "LANG", value_parser = lang_parser())]
    pub lang: Option<Lang>,
}

/// `--lang`: the codes of [`Lang::ALL`].
fn lang_parser() -> impl clap::builder::TypedValueParser<Value = Lang> {
    clap::builder::PossibleValuesParser::new(Lang::ALL.map(Lang::code))
        .map(|code| Lang::from_code(&code).expect("the parser accepts only the codes of Lang::ALL"))
}

/// `--sampling`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SamplingArg {
    /// Plain Monte Carlo.
    Mc,
    /// Latin hypercube.
    Lhs,
}

/// `--format`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    /// PNG bitmaps.
    Png,
    /// SVG vector files.
    Svg,
}

/// `--method`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MethodArg {
    /// Spearman rank correlations and decile means (tornado).
    Rank,
    /// Variance-based Sobol indices (Saltelli sampling).
    Sobol,
    /// Both.
    All,
}
