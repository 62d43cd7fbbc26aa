//! Markdown tables of the report pages.

use std::fmt::Write as _;

/// Writes a table's header row and its rule (`align`: one of `---`, `--:`
/// per column) into `o`.
pub(crate) fn header(o: &mut String, columns: &[&str], align: &[&str]) {
    let _ = writeln!(o, "| {} |", columns.join(" | "));
    let _ = writeln!(o, "|{}|", align.join("|"));
}
