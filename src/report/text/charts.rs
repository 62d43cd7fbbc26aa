//! The words of the charts: titles, legends, axis labels.

/// The words of the charts: titles, legends, axis labels.
#[derive(Debug)]
pub struct ChartsText {}
