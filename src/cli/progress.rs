//! The progress bar: an [`Observer`] drawing on stderr with indicatif.

use std::io::IsTerminal;

use esante::engine::Observer;

/// A progress bar on stderr for long jobs; hidden when quiet or when stderr
/// is not a terminal.
pub struct Progress(indicatif::ProgressBar);

impl Progress {
    /// A bar, or a hidden one.
    pub fn new(quiet: bool) -> Progress {
        Progress(if quiet || !std::io::stderr().is_terminal() {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::new(0)
        })
    }
}

impl Observer for Progress {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn advance(&self, done: u64) {
        self.0.inc(done);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
