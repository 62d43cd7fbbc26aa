//! The command line, in two stages (ripgrep's): [`lowargs`] is what clap
//! parsed, [`hiargs`] the settings resolved from it, and [`commands`] runs
//! them. The only code that knows clap and indicatif.

pub mod commands;
pub mod hiargs;
pub mod lowargs;
pub mod progress;

/// Bad command-line values found after parsing (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);
