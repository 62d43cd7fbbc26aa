//! English: charts.

use crate::report::text::ChartsText;

/// English.
pub(super) const CHARTS: ChartsText = ChartsText {};
