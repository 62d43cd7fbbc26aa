//! `[scenario]` (name, horizon), `[simulation]` (draws, seed, sampling)
//! and `[report]` (language).

use super::MAX_YEARS;
use super::checker::Checker;
use crate::lang::Lang;
use crate::sampling::RunSettings;
use crate::sampling::Sampling;
use crate::scenario::raw::{RawHeader, RawReport, RawSimulation};

/// The checked `[scenario]` table.
pub(super) struct Header {
    pub(super) name: String,
    pub(super) title: Option<String>,
    pub(super) description: Option<String>,
    pub(super) horizon: Horizon,
}

/// The simulated years. When `ok` is false the horizon's own problem is
/// reported and years cannot be checked against it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Horizon {
    pub(super) start: i32,
    pub(super) end: i32,
    pub(super) ok: bool,
}

impl Horizon {
    /// Number of simulated years (0 without a valid horizon).
    pub(super) fn years(&self) -> usize {
        if self.ok {
            (self.end - self.start + 1) as usize
        } else {
            0
        }
    }

    /// Whether year `y` is simulated.
    pub(super) fn contains(&self, y: i64) -> bool {
        (i64::from(self.start)..=i64::from(self.end)).contains(&y)
    }
}

use crate::scenario::domain::{FIRST_YEAR, LAST_YEAR, MAX_ID, valid_name};
pub use crate::scenario::domain::{MAX_DESCRIPTION, MAX_LABEL, MAX_TITLE};

/// `[scenario]`: a valid name and a horizon of at most [`MAX_YEARS`] years.
pub(super) fn check_header(c: &mut Checker, header: Option<&RawHeader>) -> Header {
    let header = header.cloned().unwrap_or_default();
    let name = check_name(c, header.name);
    let start = year(c, "start_year", header.start_year);
    let end = year(c, "end_year", header.end_year);
    c.text("scenario.title", header.title.as_ref(), MAX_TITLE, false);
    c.text(
        "scenario.description",
        header.description.as_ref(),
        MAX_DESCRIPTION,
        true,
    );
    Header {
        name,
        title: header.title,
        description: header.description,
        horizon: check_horizon(c, start, end),
    }
}

/// `scenario.name`: required, 1 to 64 of `a-z 0-9 -`.
fn check_name(c: &mut Checker, name: Option<String>) -> String {
    let Some(n) = name else {
        c.issue_help(
            "scenario.name",
            "missing required key",
            "add `name = \"my-scenario\"` under [scenario] (lowercase letters, digits and '-'; never inherited through `extends`)",
        );
        return String::new();
    };
    if !valid_name(&n) {
        let shown = if n.is_empty() {
            "an empty name".to_string()
        } else {
            format!("`{n}`")
        };
        c.issue(
            "scenario.name",
            format!("{shown} is not a valid name: allowed are 1 to {MAX_ID} lowercase letters a-z, digits and '-'"),
        );
    }
    n
}

/// `scenario.<key>`: a four-digit year (0 when it is not one).
fn year(c: &mut Checker, key: &str, v: Option<i64>) -> i32 {
    match v {
        None => {
            c.issue(
                format!("scenario.{key}"),
                "missing required key (a calendar year, e.g. 2021)",
            );
            0
        }
        Some(y) if !(FIRST_YEAR..=LAST_YEAR).contains(&y) => {
            c.issue(
                format!("scenario.{key}"),
                format!("must be a four-digit year, got {y}"),
            );
            0
        }
        Some(y) => y as i32,
    }
}

/// The end year is not before the start year, and the span is short enough.
fn check_horizon(c: &mut Checker, start: i32, end: i32) -> Horizon {
    let years_ok = start != 0 && end != 0;
    if years_ok && end < start {
        c.issue(
            "scenario.end_year",
            format!("must be >= start_year ({start}), got {end}"),
        );
    } else if years_ok && i64::from(end - start) >= MAX_YEARS {
        c.issue(
            "scenario.end_year",
            format!(
                "the horizon may span at most {MAX_YEARS} years, got {}",
                end - start + 1
            ),
        );
    }
    Horizon {
        start,
        end,
        ok: years_ok && end >= start && i64::from(end - start) < MAX_YEARS,
    }
}

/// `[simulation]`: positive draws, a seed `>= 0`, `"mc"` or `"lhs"`.
pub(super) fn check_simulation(c: &mut Checker, sim: Option<&RawSimulation>) -> RunSettings {
    let sim = sim.cloned().unwrap_or_default();
    let mut simulation = RunSettings::default();
    if let Some(d) = sim.draws {
        if d <= 0 {
            c.issue(
                "simulation.draws",
                format!("must be a positive number of draws, got {d}"),
            );
        } else {
            simulation.draws = d as u64;
        }
    }
    if let Some(s) = sim.seed {
        if s < 0 {
            c.issue("simulation.seed", format!("must be >= 0, got {s}"));
        } else {
            simulation.seed = s as u64;
        }
    }
    if let Some(s) = sim.sampling.as_deref() {
        match Sampling::from_name(s) {
            Some(sampling) => simulation.sampling = sampling,
            None => {
                let allowed: Vec<String> =
                    Sampling::ALL.iter().map(|s| format!("\"{s}\"")).collect();
                c.issue(
                    "simulation.sampling",
                    format!("unknown sampling `{s}`; allowed: {}", allowed.join(", ")),
                )
            }
        }
    }
    simulation
}

/// `[report]`: a language among [`Lang::ALL`] (English by default).
pub(super) fn check_report(c: &mut Checker, report: Option<&RawReport>) -> Lang {
    let Some(code) = report.and_then(|r| r.lang.as_deref()) else {
        return Lang::default();
    };
    Lang::from_code(code).unwrap_or_else(|| {
        c.issue(
            "report.lang",
            format!("unknown language `{code}`; allowed: {}", Lang::allowed()),
        );
        Lang::default()
    })
}
