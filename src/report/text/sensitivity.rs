//! The words of the sensitivity report and its terminal tables.

/// The words of the sensitivity report and its terminal tables.
#[derive(Debug)]
pub struct SensitivityText {}
