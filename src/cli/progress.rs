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
            // Done, total, elapsed and the estimated time left: a run of
            // billions of draws says how long it will take.
            let style = indicatif::ProgressStyle::with_template(
                "{wide_bar} {human_pos}/{human_len} model runs, {elapsed} elapsed, about {eta} left",
            )
            .expect("a valid progress template");
            indicatif::ProgressBar::new(0).with_style(style)
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
