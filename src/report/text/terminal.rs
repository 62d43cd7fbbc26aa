//! What `esante check` and `esante run` print.

/// What `esante check` and `esante run` print.
#[derive(Debug)]
pub struct TerminalText {}
