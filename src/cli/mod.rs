//! The command line, in two stages (ripgrep's): [`lowargs`] is what clap
//! parsed, [`hiargs`] the settings resolved from it, and [`commands`] runs
//! them. The only code that knows clap and indicatif.

pub mod commands;
pub mod hiargs;
pub mod lowargs;
pub mod optimize;
pub mod optimize_shard;
pub mod paths;
pub mod progress;

/// Bad command-line values found after parsing (exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

use std::borrow::Cow;
use std::io::Write;

/// `text` without the characters that would act on a terminal instead of
/// showing: control characters other than newline and tab (an ANSI escape
/// in a scenario title could clear the screen) and bidirectional overrides.
pub fn printable(text: &str) -> Cow<'_, str> {
    let acts = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if text.chars().any(acts) {
        Cow::Owned(text.chars().filter(|c| !acts(*c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Prints `text` on stdout, made [`printable`]. A closed pipe comes back as
/// an error, which `main` turns into a quiet exit.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(printable(text).as_bytes())?;
    out.flush()
}

/// Prints `kind: message` on stderr, made [`printable`]. A closed or full
/// stderr is ignored: there is nowhere left to say anything.
pub fn say(kind: &str, message: impl std::fmt::Display) {
    let line = format!("{kind}: {message}\n");
    let _ = std::io::stderr()
        .lock()
        .write_all(printable(&line).as_bytes());
}
