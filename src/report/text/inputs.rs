//! The words of the inputs section of a run report: every assumption that
//! shapes the results.

/// The words of the inputs section of `index.md`.
#[derive(Debug)]
pub struct InputsText {
    /// "Inputs".
    pub heading: &'static str,
    /// How inputs are shown.
    pub note: &'static str,
    /// "Axes".
    pub axes: &'static str,
    /// Column names of the axes table: axis, budget, years, execution,
    /// leverage, lag, depreciation, half-saturation.
    pub axes_columns: [&'static str; 8],
    /// The years cell of an axis without a schedule.
    pub no_schedule: &'static str,
    /// "Deliverables".
    pub deliverables: &'static str,
    /// Column names of the deliverables table: axis, deliverable, units per
    /// M EUR.
    pub deliverables_columns: [&'static str; 3],
    /// "Segments".
    pub segments: &'static str,
    /// Column names of the segments table.
    pub segments_columns: [&'static str; 7],
    /// "Market".
    pub market: &'static str,
    /// What the market table shows.
    pub market_note: &'static str,
    /// Column names of the market table: segment, value per adopter, value
    /// growth.
    pub market_columns: [&'static str; 3],
    /// The sentence on exports, given the export ratio as text.
    pub export_ratio: fn(ratio: &str) -> String,
    /// "Programme lifts".
    pub lifts: &'static str,
    /// What the lifts table shows.
    pub lifts_note: &'static str,
    /// Column names of the lifts table: lifted parameter, axis, lift.
    pub lifts_columns: [&'static str; 3],
    /// The lifted parameter of a segment: p, q or ceiling of `segment`.
    pub lifted: fn(parameter: &str, segment: &str) -> String,
    /// The lifted export ratio.
    pub lifted_export: &'static str,
    /// When no axis lifts anything.
    pub no_lift: &'static str,
    /// "Correlations".
    pub correlations: &'static str,
    /// What the correlations table shows.
    pub correlations_note: &'static str,
    /// Column names of the correlations table: parameter, parameter, rho.
    pub correlations_columns: [&'static str; 3],
}
