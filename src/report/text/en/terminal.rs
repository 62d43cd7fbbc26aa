//! English: terminal.

use crate::report::text::TerminalText;

/// English.
pub(super) const TERMINAL: TerminalText = TerminalText {};
