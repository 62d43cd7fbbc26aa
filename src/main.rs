//! The `esante` command line: parse arguments, load and validate the scenario,
//! run the engine, write the report.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use esante::engine::{self, Observer};
use esante::report::chart::Format;
use esante::sampling::Sampling;
use esante::scenario::{Scenario, ScenarioError};
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
    /// Random seed (overrides [simulation] seed).
    #[arg(long)]
    seed: Option<u64>,
    /// Sampling method (overrides [simulation] sampling).
    #[arg(long, value_enum)]
    sampling: Option<Sampling>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// Chart formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "png,svg")]
    format: Vec<Format>,
    /// The report folder (default: reports/<name>/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Print nothing but errors.
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
    }
}

fn run_scenario(args: RunArgs) -> anyhow::Result<()> {
    let mut scenario = Scenario::load(&args.scenario)?;
    let sim = &mut scenario.simulation;
    sim.draws = args.draws.unwrap_or(sim.draws);
    sim.seed = args.seed.unwrap_or(sim.seed);
    sim.sampling = args.sampling.unwrap_or(sim.sampling);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, usize::from))
        .build()
        .context("cannot start worker threads")?;
    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new(0)
    };
    let stats = pool.install(|| engine::run(&scenario, &Progress(bar)));

    for (metric, year, n) in stats.non_finite() {
        eprintln!(
            "warning: {metric} in {year}: {n} draws overflowed to a non-finite value and are \
             left out of the statistics; check the scale of the inputs"
        );
    }
    let run = report::Run {
        scenario: &scenario,
        stats: &stats,
    };
    let out = args
        .out
        .unwrap_or_else(|| PathBuf::from("reports").join(&scenario.name));
    let mut formats = args.format;
    formats.sort();
    formats.dedup();
    report::write_folder(&out, &run, &report::report_exports(&run, &formats))
        .with_context(|| format!("cannot write the report to {}", out.display()))?;
    if !args.quiet {
        print!("{}", display::results_table(&run));
        println!("Report written to {}", out.display());
    }
    Ok(())
}
