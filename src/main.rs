//! The `esante` command line: parse the flags, resolve them (load and
//! validate the scenarios), run the command, write its report.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use esante::scenario::ScenarioError;

use cli::hiargs::{self, Plan};
use cli::lowargs::Cli;
use cli::{UsageError, say};
use esante::report::FolderError;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => exit_code(&err),
    }
}

fn run() -> anyhow::Result<()> {
    match hiargs::resolve(Cli::parse())? {
        Plan::Check(s) => cli::commands::check(&s, s.lang.locale()),
        Plan::Run(p) => cli::commands::run(p),
        Plan::Compare(p) => cli::commands::compare(p),
        Plan::Sensitivity(p) => cli::commands::sensitivity(p),
        Plan::Optimize(p) => cli::commands::optimize(p),
        Plan::Calibrate(p) => cli::commands::calibrate(p),
        Plan::Merge(p) => cli::commands::merge(p),
        Plan::Completions(shell) => cli::commands::completions(shell),
        Plan::Schema => cli::commands::schema(),
    }
}

/// Prints the error and picks the exit code: 2 for bad input (scenario,
/// usage, a report folder that is not esante's to replace), 0 for a closed
/// pipe (as ripgrep), 1 for anything else.
fn exit_code(err: &anyhow::Error) -> ExitCode {
    if let Some(e) = err.downcast_ref::<UsageError>() {
        say("error", e);
        return ExitCode::from(2);
    }
    if let Some(e) = err.downcast_ref::<ScenarioError>() {
        for d in &e.diagnostics {
            say("error", d);
        }
        if e.diagnostics.len() > 1 {
            say(
                "error",
                format_args!("{} problems in the scenario", e.diagnostics.len()),
            );
        }
        return ExitCode::from(2);
    }
    if err
        .downcast_ref::<FolderError>()
        .is_some_and(FolderError::is_refusal)
    {
        say("error", format_args!("{err:#}"));
        return ExitCode::from(2);
    }
    if err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    }) {
        return ExitCode::SUCCESS;
    }
    say("error", format_args!("{err:#}"));
    ExitCode::from(1)
}
