//! `[economics]`: a discount rate in `[0, 1)` and a base year near the
//! horizon.

use super::checker::Checker;
use super::header::Horizon;
use crate::scenario::domain::{FIRST_YEAR, LAST_YEAR};
use crate::scenario::economics::{Economics, MAX_BASE_GAP};
use crate::scenario::raw::RawEconomics;
use crate::shown::Shown;

/// The checked table (`None` without one, or when a key is wrong: the
/// problem is reported).
pub(super) fn check_economics(
    c: &mut Checker,
    raw: Option<&RawEconomics>,
    h: &Horizon,
) -> Option<Economics> {
    let raw = raw?;
    let rate = raw.discount_rate.unwrap_or(0.0);
    let mut ok = true;
    if !rate.is_finite() || !(0.0..1.0).contains(&rate) {
        ok = false;
        let help = if rate >= 1.0 {
            "a rate is a fraction of one: write 0.025 for 2.5% (the rate of the French HAS \
             guideline)"
        } else {
            "a rate is a fraction from 0 (no discounting) to below 1: 0.025 is 2.5%; \
             negative rates are not supported"
        };
        c.issue_help(
            "economics.discount_rate",
            format!("must be a number in [0, 1), got {}", Shown(rate)),
            help,
        );
    }
    let base_year = match raw.base_year {
        None => h.start,
        Some(y) if !(FIRST_YEAR..=LAST_YEAR).contains(&y) => {
            c.issue(
                "economics.base_year",
                format!("must be a four-digit year, got {y}"),
            );
            return None;
        }
        Some(y) => {
            let (lo, hi) = (
                i64::from(h.start) - MAX_BASE_GAP,
                i64::from(h.end) + MAX_BASE_GAP,
            );
            if h.ok && !(lo..=hi).contains(&y) {
                c.issue_help(
                    "economics.base_year",
                    format!(
                        "must be within {MAX_BASE_GAP} years of the horizon ({} to {}), \
                         from {lo} to {hi}, got {y}",
                        h.start, h.end
                    ),
                    "the base year is the year whose euros present values are in, usually \
                     the year of the decision; leave it out for the start year",
                );
                return None;
            }
            y as i32
        }
    };
    (ok && h.ok).then_some(Economics {
        discount_rate: rate,
        base_year,
    })
}
