//! The words of a precision-controlled run (`run --precision`): its
//! section of `index.md` and its terminal lines.

use super::Locale;

/// The words of precision control.
#[derive(Debug)]
pub struct ControlText {
    /// "Precision control".
    pub heading: &'static str,
    /// How the run went: the goal (`1%`), the draws used, the rounds,
    /// whether the goal was met, the largest number of draws allowed.
    pub summary: fn(goal: &str, draws: &str, rounds: usize, met: bool, max_draws: &str) -> String,
    /// How the rounds and the check work (Latin hypercube when `lhs`).
    pub note: fn(lhs: bool) -> String,
    /// Column names of the table of tracked statistics: metric, year,
    /// statistic, value, 95% half-width, share of the value, met.
    pub columns: [&'static str; 7],
    /// The statistics: mean, P5, median, P95.
    pub statistics: [&'static str; 4],
    /// Whether a statistic met the goal: yes, no.
    pub met: [&'static str; 2],
    /// Column names of the rounds table: draws, widest half-width.
    pub rounds_columns: [&'static str; 2],
    /// The warning when the draws ran out before the goal: the goal
    /// (`1%`), the draws used, the widest half-width as a percentage.
    pub not_met: fn(goal: &str, draws: &str, widest: &str) -> String,
    /// The terminal line after a round: its draws and widest half-width
    /// (a share of the value).
    pub round_line: fn(&Locale, draws: u64, widest: f64) -> String,
}
