//! The `esante` command line: parse arguments, load and validate the scenario,
//! run the engine, write the report.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use esante::engine::{self, Observer};
use esante::report::chart::Format;
use esante::sampling::Sampling;
use esante::scenario::{Scenario, ScenarioError, Simulation};
use esante::sensitivity::report::Method;
use esante::{display, report};

/// Monte Carlo scenarios for digital-health investment outcomes.
#[derive(Debug, Parser)]
#[command(name = "esante", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
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
    /// Validate a scenario and print what it says.
    Check {
        /// The scenario file (TOML).
        scenario: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct RunArgs {
    /// The scenario file (TOML).
    scenario: PathBuf,
    /// Number of draws (overrides [simulation] draws).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    draws: Option<u64>,
    #[command(flatten)]
    settings: SimFlags,
    #[command(flatten)]
    output: Output,
    /// The report folder (default: reports/<name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Also write every draw to this CSV file: the sampled value of every
    /// uncertain parameter and every metric at the horizon, one row per draw.
    #[arg(long, value_name = "FILE.csv")]
    export_draws: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The base scenario file (TOML).
    base: PathBuf,
    /// One or more alternative scenario files.
    #[arg(required = true)]
    alternatives: Vec<PathBuf>,
    /// Number of draws (default: the base's [simulation] draws).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    draws: Option<u64>,
    #[command(flatten)]
    settings: SimFlags,
    #[command(flatten)]
    output: Output,
    /// The report folder (default: reports/compare-<base>-vs-<alt>[-vs-...]/).
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct SensitivityArgs {
    /// The scenario file (TOML).
    scenario: PathBuf,
    /// The metric to explain.
    #[arg(long, default_value = "market.total")]
    metric: String,
    /// The calendar year (default: the scenario's last year).
    #[arg(long)]
    year: Option<i32>,
    /// Which method: rank (tornado), sobol, or all.
    #[arg(long, value_enum, default_value = "all")]
    method: Method,
    /// Draws of the rank method and base sample size N of the Sobol method
    /// ((k + 2) N model runs for k uncertain parameters). Default: the
    /// scenario's draws for rank, 8192 for Sobol.
    #[arg(long, value_parser = clap::value_parser!(u64).range(20..))]
    draws: Option<u64>,
    #[command(flatten)]
    settings: SimFlags,
    /// Bootstrap resamples of the Sobol confidence intervals.
    #[arg(long, default_value_t = esante::sensitivity::sobol::DEFAULT_RESAMPLES)]
    resamples: usize,
    #[command(flatten)]
    output: Output,
    /// The report folder (default: reports/<name>/sensitivity/).
    #[arg(long)]
    out: Option<PathBuf>,
}

/// Seed and sampling, overriding the scenario's (for `compare`, the base's)
/// `[simulation]` table.
#[derive(Debug, clap::Args)]
struct SimFlags {
    /// Random seed (default: the scenario's [simulation] seed; for compare,
    /// the base's).
    #[arg(long)]
    seed: Option<u64>,
    /// Sampling method: mc, or lhs for Latin hypercube (default: the
    /// scenario's [simulation] sampling; for compare, the base's). For
    /// sensitivity, also the sampling of the Sobol base matrices.
    #[arg(long, value_enum)]
    sampling: Option<Sampling>,
}

impl SimFlags {
    /// `sim` with the flags (and `draws`, when given) applied.
    fn apply(&self, mut sim: Simulation, draws: Option<u64>) -> Simulation {
        sim.draws = draws.unwrap_or(sim.draws);
        sim.seed = self.seed.unwrap_or(sim.seed);
        sim.sampling = self.sampling.unwrap_or(sim.sampling);
        sim
    }
}

/// How a command runs and what it prints and draws.
#[derive(Debug, clap::Args)]
struct Output {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Chart formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "png,svg")]
    format: Vec<Format>,
    /// Print nothing but errors and warnings.
    #[arg(long, short)]
    quiet: bool,
}

/// A progress bar on stderr for long runs.
struct Progress(indicatif::ProgressBar);

impl Observer for Progress {
    fn start(&self, draws: u64) {
        self.0.set_length(draws);
    }
    fn advance(&self, draws: u64) {
        self.0.inc(draws);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(e) = err.downcast_ref::<UsageError>() {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
            if let Some(e) = err.downcast_ref::<ScenarioError>() {
                for d in &e.diagnostics {
                    eprintln!("error: {d}");
                }
                if e.diagnostics.len() > 1 {
                    eprintln!("error: {} problems in the scenario", e.diagnostics.len());
                }
                return ExitCode::from(2);
            }
            if err.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { scenario } => {
            let s = Scenario::load(&scenario)?;
            print!("{}", display::check_text(&s));
            println!("valid");
            Ok(())
        }
        Command::Run(args) => run_scenario(args),
        Command::Compare(args) => compare(args),
        Command::Sensitivity(args) => sensitivity(args),
    }
}

/// Warns about metric values that overflowed (left out of the statistics).
fn warn_non_finite(prefix: &str, stats: &engine::RunStats) {
    for (metric, year, n) in stats.non_finite() {
        eprintln!(
            "warning: {prefix}{metric} in {year}: {n} draws overflowed to a non-finite value and \
             are left out of the statistics; check the scale of the inputs"
        );
    }
}

/// A worker pool with `threads` threads (all cores if `None`).
fn pool(threads: Option<u16>) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.map_or(0, usize::from))
        .build()
        .context("cannot start worker threads")
}

/// A progress bar, hidden when quiet or when stderr is not a terminal.
fn progress(quiet: bool) -> Progress {
    Progress(if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(0)
    })
}

/// Writes a file through a temporary file beside it, renamed at the end, so
/// a failed write leaves any previous file untouched.
fn write_atomically(
    path: &std::path::Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".esante-draws-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A plain data file, readable like any other (temporary files are 0600).
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    {
        let mut w = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut w)?;
        w.flush()?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The chart formats of `--format`, distinct and in report order.
fn formats(mut formats: Vec<Format>) -> Vec<Format> {
    formats.sort();
    formats.dedup();
    formats
}

/// Bad command-line values found after parsing (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct UsageError(String);

fn sensitivity(args: SensitivityArgs) -> anyhow::Result<()> {
    use esante::sensitivity::report::{Settings, analyse};
    let scenario = Scenario::load(&args.scenario)?;
    let sim = args.settings.apply(scenario.simulation, args.draws);
    let settings = Settings {
        metric: args.metric.clone(),
        year: args.year.unwrap_or(scenario.end_year),
        method: args.method,
        simulation: sim,
        sobol_n: args
            .draws
            .map_or(esante::sensitivity::DEFAULT_SOBOL_N, |d| d as usize),
        resamples: args.resamples,
    };
    let analysis = pool(args.output.threads)?
        .install(|| analyse(&scenario, settings))
        .map_err(|e| UsageError(e.to_string()))?;
    for w in analysis.warnings() {
        eprintln!("warning: {w}");
    }
    let out = args.out.unwrap_or_else(|| {
        PathBuf::from("reports")
            .join(&scenario.name)
            .join("sensitivity")
    });
    let files = analysis.files(&scenario, &formats(args.output.format))?;
    report::write_files(&out, &["sensitivity.json"], &[], &files)
        .with_context(|| format!("cannot write the sensitivity report to {}", out.display()))?;
    if !args.output.quiet {
        if let Some(t) = analysis.tornado_table(10) {
            println!(
                "Rank correlations, {} in {}:\n{t}",
                analysis.settings.metric, analysis.settings.year
            );
        }
        if let Some(t) = analysis.sobol_table(10) {
            println!("Sobol indices:\n{t}");
        }
        println!("Sensitivity report written to {}", out.display());
    }
    Ok(())
}

fn compare(args: CompareArgs) -> anyhow::Result<()> {
    let base = Scenario::load(&args.base)?;
    let alts = args
        .alternatives
        .iter()
        .map(|p| Scenario::load(p))
        .collect::<Result<Vec<_>, _>>()?;
    if !args.output.quiet {
        for alt in alts.iter().filter(|a| a.simulation != base.simulation) {
            eprintln!(
                "note: the [simulation] settings of {} are not used: every scenario runs with \
                 the base's seed, draws and sampling (or the flags'), so that draws share their \
                 random numbers",
                alt.name
            );
        }
    }
    let sim = args.settings.apply(base.simulation, args.draws);
    let bar = progress(args.output.quiet);
    let cmp =
        pool(args.output.threads)?.install(|| esante::compare::compare(&base, &alts, sim, &bar))?;
    let scenarios: Vec<Scenario> = std::iter::once(base).chain(alts).collect();
    for (s, stats) in scenarios.iter().zip(&cmp.runs) {
        warn_non_finite(&format!("{}: ", s.name), stats);
    }
    let out = args.out.unwrap_or_else(|| {
        let names: Vec<&str> = scenarios.iter().map(|s| s.name.as_str()).collect();
        PathBuf::from("reports").join(format!("compare-{}", names.join("-vs-")))
    });
    let files =
        esante::compare::files::report_files(&cmp, &scenarios, &formats(args.output.format))?;
    report::write_files(&out, &["comparison.json"], &[], &files)
        .with_context(|| format!("cannot write the comparison to {}", out.display()))?;
    if !args.output.quiet {
        print!(
            "{}",
            esante::compare::files::terminal_text(&cmp, &scenarios)
        );
        println!("Comparison written to {}", out.display());
    }
    Ok(())
}

fn run_scenario(args: RunArgs) -> anyhow::Result<()> {
    let mut scenario = Scenario::load(&args.scenario)?;
    scenario.simulation = args.settings.apply(scenario.simulation, args.draws);

    let pool = pool(args.output.threads)?;
    let bar = progress(args.output.quiet);
    let stats = pool.install(|| engine::run(&scenario, &bar));

    warn_non_finite("", &stats);
    let run = report::Run {
        scenario: &scenario,
        stats: &stats,
    };
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from("reports").join(&scenario.name));
    let formats = formats(args.output.format);
    report::write_folder(&out, &run, &report::report_exports(&run, &formats))
        .with_context(|| format!("cannot write the report to {}", out.display()))?;
    if let Some(path) = &args.export_draws {
        let bar = progress(args.output.quiet);
        pool.install(|| write_atomically(path, |w| engine::export_draws(&scenario, w, &bar)))
            .with_context(|| format!("cannot write the draws to {}", path.display()))?;
    }
    if !args.output.quiet {
        print!("{}", display::results_table(&run));
        println!("Report written to {}", out.display());
        if let Some(path) = &args.export_draws {
            println!("Draws written to {}", path.display());
        }
    }
    Ok(())
}
