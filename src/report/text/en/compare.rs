//! English: compare.

use crate::report::text::CompareText;

/// English.
pub(super) const COMPARE: CompareText = CompareText {};
