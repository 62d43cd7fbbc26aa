//! Axis scales: how tick labels read, and padded value ranges.

use crate::math;
use crate::report::text::{HUGE, Locale};

/// How values on an axis read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Plain numbers with thousands separators.
    Number,
    /// Shares in [0, 1] shown as percentages.
    Percent,
    /// Calendar years: integers, no separator; fractional ticks stay blank.
    Year,
}

/// A round step near `x`: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_step(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 1.0;
    }
    let p = math::pow(10.0, math::log10(x).floor());
    let m = x / p;
    let k = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 2.5 {
        2.5
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    k * p
}

/// Decimals needed to tell ticks apart on an axis spanning `span`.
pub fn tick_decimals(span: f64) -> usize {
    if !(span.is_finite() && span > 0.0) {
        return 0;
    }
    // Ticks are about span / 10 apart.
    let step = span / 10.0;
    if step >= 1.0 {
        0
    } else {
        ((-math::log10(step)).ceil() as usize).min(8)
    }
}

/// A tick label formatter for an axis over `lo..hi`: thousands separators and
/// just enough decimals; an exponent only for an axis reaching 1e15 (as
/// [`Locale::number`]). For [`Scale::Percent`] the values are shares and
/// read `25%`.
pub fn tick_formatter(
    lo: f64,
    hi: f64,
    scale: Scale,
    l: &'static Locale,
) -> impl Fn(&f64) -> String {
    let span = hi - lo;
    let huge = lo.abs().max(hi.abs()) >= HUGE;
    move |&v: &f64| match scale {
        Scale::Number if huge => l.number(v),
        Scale::Number => l.thousands(v, tick_decimals(span)),
        Scale::Percent => l.percent_with(v, tick_decimals(100.0 * span)),
        Scale::Year => {
            if (v - v.round()).abs() < 1e-6 {
                format!("{:.0}", v)
            } else {
                String::new()
            }
        }
    }
}

/// `lo..hi` widened by `pad` (a share of the span) on both sides; a zero span
/// becomes a visible one, and `include_zero` pulls the range to 0. A range
/// that starts at zero (and has no negative values) stays at zero.
pub fn padded_range(lo: f64, hi: f64, include_zero: bool, pad: f64) -> (f64, f64) {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
        (lo.min(hi), lo.max(hi))
    } else {
        (0.0, 1.0)
    };
    if include_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if !(hi - lo).is_finite() {
        // Values across the whole range of doubles: no room to pad.
        return (lo, hi);
    }
    if hi - lo <= f64::EPSILON * hi.abs().max(1.0) {
        let d = (hi.abs() * 0.1).max(1.0);
        return (if lo == 0.0 { 0.0 } else { lo - d }, hi + d);
    }
    let d = (hi - lo) * pad;
    let new_lo = if lo >= 0.0 && lo - d < 0.0 {
        0.0
    } else {
        lo - d
    };
    (new_lo, hi + d)
}

/// Share of a plot's span left beyond a line drawn along an end of its
/// range (about 4 pixels on a 300-pixel plot): enough for a 3-pixel line.
pub const ROOM: f64 = 0.015;

/// `range` widened by [`ROOM`] of its span at each end that one of `values`
/// reaches, so that a line drawn there (a median at exactly 0, a share at
/// 100%) is not cut in half by the plot's frame.
pub fn with_room(range: (f64, f64), values: impl IntoIterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = range;
    let span = hi - lo;
    if !(span.is_finite() && span > 0.0) {
        return range;
    }
    let hair = span * 1e-9;
    let (mut at_lo, mut at_hi) = (false, false);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        at_lo |= v <= lo + hair;
        at_hi |= v >= hi - hair;
    }
    (
        if at_lo { lo - ROOM * span } else { lo },
        if at_hi { hi + ROOM * span } else { hi },
    )
}

/// Rows and columns of a grid of `n` small multiples (at most 3 columns).
pub fn grid_shape(n: usize) -> (usize, usize) {
    let cols = match n {
        0 | 1 => 1,
        2 | 4 => 2,
        _ => 3,
    };
    (n.max(1).div_ceil(cols), cols)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::text::EN;

    #[test]
    fn ticks_never_use_scientific_notation() {
        let f = tick_formatter(0.0, 25_000.0, Scale::Number, &EN);
        assert_eq!(f(&20_000.0), "20,000");
        assert_eq!(f(&1e6), "1,000,000");
        let f = tick_formatter(0.0, 0.5, Scale::Number, &EN);
        assert_eq!(f(&0.25), "0.25");
        let f = tick_formatter(0.0, 1.0, Scale::Percent, &EN);
        assert_eq!(f(&0.4), "40%");
        let f = tick_formatter(2020.5, 2030.5, Scale::Year, &EN);
        assert_eq!(f(&2024.0), "2024");
        assert_eq!(f(&2024.5), "");
        let f = tick_formatter(-3000.0, 3000.0, Scale::Number, &EN);
        assert_eq!(f(&-2000.0), "-2,000");
    }

    #[test]
    fn french_ticks_have_a_decimal_comma_and_narrow_spaces() {
        use crate::report::text::FR;
        let f = tick_formatter(0.0, 25_000.0, Scale::Number, &FR);
        assert_eq!(f(&20_000.0), "20\u{202f}000");
        let f = tick_formatter(0.0, 0.5, Scale::Number, &FR);
        assert_eq!(f(&0.25), "0,25");
        let f = tick_formatter(0.0, 1.0, Scale::Percent, &FR);
        assert_eq!(f(&0.4), "40\u{202f}%");
        let f = tick_formatter(2020.5, 2030.5, Scale::Year, &FR);
        assert_eq!(f(&2024.0), "2024");
        let f = tick_formatter(-3000.0, 3000.0, Scale::Number, &FR);
        assert_eq!(f(&-2000.0), "-2\u{202f}000");
    }

    #[test]
    fn ranges_are_padded_and_never_empty() {
        assert_eq!(padded_range(0.0, 100.0, true, 0.1), (0.0, 110.0));
        let (lo, hi) = padded_range(-50.0, 50.0, false, 0.1);
        assert!(lo < -50.0 && hi > 50.0);
        let (lo, hi) = padded_range(5.0, 5.0, false, 0.1);
        assert!(lo < 5.0 && hi > 5.0);
        let (lo, hi) = padded_range(0.0, 0.0, true, 0.1);
        assert!(lo == 0.0 && hi > 0.0);
        let (lo, _) = padded_range(10.0, 100.0, false, 0.1);
        assert!((lo - 1.0).abs() < 1e-9);
    }

    #[test]
    fn a_line_at_an_end_of_the_range_gets_room() {
        assert_eq!(with_room((0.0, 1.0), [0.5, 0.2]), (0.0, 1.0));
        let (lo, hi) = with_room((0.0, 1.0), [0.0, 0.5]);
        assert!(lo < 0.0 && lo > -0.05 && hi == 1.0);
        let (lo, hi) = with_room((0.0, 200.0), [0.0, 200.0, f64::NAN]);
        assert!(lo == -3.0 && hi == 203.0);
        assert_eq!(with_room((5.0, 5.0), [5.0]), (5.0, 5.0));
    }

    #[test]
    fn grid_shapes() {
        assert_eq!(grid_shape(1), (1, 1));
        assert_eq!(grid_shape(2), (1, 2));
        assert_eq!(grid_shape(4), (2, 2));
        assert_eq!(grid_shape(5), (2, 3));
        assert_eq!(grid_shape(7), (3, 3));
    }
}
