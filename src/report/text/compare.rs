//! The words of the comparison report and its terminal summary.

/// The words of the comparison report and its terminal summary.
#[derive(Debug)]
pub struct CompareText {}
