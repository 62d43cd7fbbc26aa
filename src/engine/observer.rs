//! Progress of long jobs (argmin's observers): the engine reports to an
//! [`Observer`], whose methods do nothing by default.

/// Receives progress from the engine: every long job (a run, a comparison, a
/// sensitivity analysis) calls [`Observer::start`] once with the total work,
/// [`Observer::advance`] as it goes, and [`Observer::finish`] at the end.
pub trait Observer: Sync {
    /// Called once before the work starts with its size (draws or model runs).
    fn start(&self, _total: u64) {}
    /// Called after each block with the work it completed.
    fn advance(&self, _done: u64) {}
    /// Called once at the end.
    fn finish(&self) {}
}

/// An observer that ignores everything.
#[derive(Debug, Default, Clone, Copy)]
pub struct Silent;

impl Observer for Silent {}
