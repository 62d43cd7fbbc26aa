//! The words of the calibration report and of `esante calibrate`'s output.

use super::Locale;
use super::run::FigureText;

/// The words of the calibration report.
#[derive(Debug)]
pub struct CalibrateText {
    /// The page title from the scenario's title.
    pub title: fn(title: &str) -> String,
    /// The sentence under the title: draws and number of observations.
    pub intro: fn(&Locale, draws: u64, observations: usize) -> String,
    /// How to regenerate the report: the command with the seed, draws,
    /// sampling and the other flags it needs (`set`: the `--set` and
    /// `--lang` flags, empty or starting with a space).
    pub regenerate: fn(seed: u64, draws: u64, sampling: &str, set: &str) -> String,
    /// "Reliability".
    pub reliability: &'static str,
    /// Row labels of the reliability table: draws, effective sample size,
    /// largest weight, k-hat.
    pub reliability_rows: [&'static str; 4],
    /// What the reliability numbers mean.
    pub reliability_note: &'static str,
    /// The posterior rests on enough draws.
    pub reliable: fn(ess: &str) -> String,
    /// The warning when it does not: effective sample size, k-hat, and the
    /// draws that would bring the effective sample size to the minimum.
    pub unreliable: fn(ess: &str, khat: &str, draws: &str) -> String,
    /// "Backtest before calibration".
    pub backtest_prior: &'static str,
    /// "Backtest after calibration".
    pub backtest_posterior: &'static str,
    /// "How the projections moved".
    pub moved: &'static str,
    /// What the moved table shows, with its year.
    pub moved_note: fn(year: i32) -> String,
    /// Column names of the moved table: metric, unit, then prior and
    /// posterior P5, median, P95.
    pub moved_columns: [&'static str; 8],
    /// "Parameters the observations moved most".
    pub parameters: &'static str,
    /// What the parameters table shows.
    pub parameters_note: &'static str,
    /// Column names of the parameters table.
    pub parameters_columns: [&'static str; 4],
    /// A shift in prior standard deviations.
    pub shift: fn(sd: &str) -> String,
    /// Where the data is.
    pub data_files: &'static str,
    /// The figures: adoption, market, parameters.
    pub figures: [FigureText; 3],
    /// `parameters` chart: title.
    pub parameters_title: &'static str,
    /// `parameters` chart: the prior's bars.
    pub prior: &'static str,
    /// `parameters` chart: the posterior's bars.
    pub posterior: &'static str,
    /// `parameters` chart: vertical axis.
    pub share: &'static str,
    /// `parameters` chart: horizontal axis.
    pub value: &'static str,
    /// Terminal: the diagnostics line.
    pub summary: fn(ess: &str, khat: &str, max_weight: &str) -> String,
    /// Terminal: where the report went.
    pub written: fn(dir: &str) -> String,
}
