//! English: sensitivity.

use crate::report::text::SensitivityText;

/// English.
pub(super) const SENSITIVITY: SensitivityText = SensitivityText {};
