//! Numbers as a language writes them: thousands separators, decimal mark,
//! percentages, and the magnitude-dependent precision of labels and tables.

use super::Locale;

/// How tables and labels show an undefined value (a standard deviation of
/// one draw, a statistic of a series without any finite value).
pub const UNDEFINED: &str = "–";

/// From here up, [`Locale::number`] writes an exponent.
pub const HUGE: f64 = 1e15;
/// Below this (and above 0), [`Locale::number`] writes an exponent.
const TINY: f64 = 1e-6;

/// How a language writes numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberStyle {
    /// Between groups of three digits (`,` in English).
    pub group: &'static str,
    /// Before the decimals (`.` in English).
    pub decimal: &'static str,
    /// After a percentage (`%` in English).
    pub percent: &'static str,
}

impl Locale {
    /// `x` with `decimals` decimals and thousands separators; no `-0`;
    /// `UNDEFINED` (`–`) when `x` is not finite.
    pub fn thousands(&self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return UNDEFINED.to_string();
        }
        let st = &self.numbers;
        let s = format!("{:.*}", decimals, x.abs());
        let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
        let mut out = String::new();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                out.push_str(st.group);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push_str(st.decimal);
            out.push_str(frac);
        }
        if x < 0.0 && (int.chars().chain(frac.chars())).any(|c| c != '0') {
            out.insert(0, '-');
        }
        out
    }

    /// `x` as short as it reads back exactly (`0.85`, `100000`), with the
    /// language's decimal mark and no thousands separator: a number as a
    /// scenario file writes it.
    pub fn exact(&self, x: f64) -> String {
        if !x.is_finite() {
            return UNDEFINED.to_string();
        }
        x.to_string().replace('.', self.numbers.decimal)
    }

    /// `x` with exactly `decimals` decimals, no thousands separator.
    pub fn fixed(&self, x: f64, decimals: usize) -> String {
        if !x.is_finite() {
            return UNDEFINED.to_string();
        }
        format!("{x:.decimals$}").replace('.', self.numbers.decimal)
    }

    /// A number for labels and tables: thousands separators, and decimals by
    /// magnitude (0 from 100 up, 1 from 10, 2 from 1, else 3 significant
    /// digits), trailing zeros dropped (`10`, not `10.0`); beyond what
    /// digits can show (from 1e15, or below 1e-6) three significant digits
    /// with an exponent (`1.23e20`).
    pub fn number(&self, x: f64) -> String {
        if !x.is_finite() {
            return UNDEFINED.to_string();
        }
        let a = x.abs();
        if a >= HUGE || (a > 0.0 && a < TINY) {
            return format!("{x:.2e}").replace('.', self.numbers.decimal);
        }
        let d = if a >= 100.0 || a == 0.0 {
            0
        } else if a >= 10.0 {
            1
        } else if a >= 1.0 {
            2
        } else {
            (2 - crate::math::log10(a).floor() as i32).clamp(3, 8) as usize
        };
        let s = self.thousands(x, d);
        let dec = self.numbers.decimal;
        if s.contains(dec) {
            s.trim_end_matches('0').trim_end_matches(dec).to_string()
        } else {
            s
        }
    }

    /// A value of a metric for a table: a percentage when the metric is a
    /// share (`share`), otherwise [`Locale::number`].
    pub fn metric_value(&self, share: bool, v: f64) -> String {
        if share {
            self.percent(v)
        } else {
            self.number(v)
        }
    }

    /// A Monte Carlo standard error of a metric's value: for a share, in
    /// percentage points with two significant digits (`0.42%`, at least
    /// one decimal, at most four); otherwise as [`Locale::number`].
    pub fn std_error(&self, share: bool, se: f64) -> String {
        if !share || se <= 0.0 || !se.is_finite() {
            return self.metric_value(share, se);
        }
        let pct = 100.0 * se;
        let decimals = (1 - crate::math::log10(pct).floor() as i32).clamp(1, 4) as usize;
        self.percent_with(se, decimals)
    }

    /// A rate (a discount rate) as a percentage with the decimals it needs,
    /// at most four: `2.5%`, `3%`, `3.25%`.
    pub fn rate(&self, r: f64) -> String {
        if !r.is_finite() {
            return UNDEFINED.to_string();
        }
        let s = self.thousands(100.0 * r, 4);
        let dec = self.numbers.decimal;
        let s = if s.contains(dec) {
            s.trim_end_matches('0').trim_end_matches(dec)
        } else {
            &s
        };
        format!("{s}{}", self.numbers.percent)
    }

    /// A share in [0, 1] as a percentage with one decimal, e.g. `34.3%`.
    pub fn percent(&self, share: f64) -> String {
        self.percent_with(share, 1)
    }

    /// A share in [0, 1] as a percentage with `decimals` decimals and
    /// thousands separators.
    pub fn percent_with(&self, share: f64, decimals: usize) -> String {
        if !share.is_finite() {
            return UNDEFINED.to_string();
        }
        let pct = 100.0 * share;
        let digits = if pct.abs() >= HUGE {
            self.number(pct)
        } else {
            self.thousands(pct, decimals)
        };
        format!("{digits}{}", self.numbers.percent)
    }
}

#[cfg(test)]
mod tests {
    use crate::report::text::{EN, FR};

    /// U+202F, the narrow no-break space of French numbers.
    const N: &str = "\u{202f}";

    #[test]
    fn french_numbers() {
        let f = |s: &str| s.replace(' ', N);
        assert_eq!(FR.thousands(1234567.891, 1), f("1 234 567,9"));
        assert_eq!(FR.thousands(999.95, 1), f("1 000,0"));
        assert_eq!(FR.thousands(999.0, 0), "999");
        assert_eq!(FR.thousands(-1000.0, 0), f("-1 000"));
        assert_eq!(FR.thousands(-1234.5, 1), f("-1 234,5"));
        assert_eq!(FR.thousands(0.0, 2), "0,00");
        assert_eq!(FR.thousands(-0.01, 1), "0,0");
        assert_eq!(FR.thousands(f64::NAN, 1), "–");
        assert_eq!(FR.number(15_234.7), f("15 235"));
        assert_eq!(FR.number(12.34), "12,3");
        assert_eq!(FR.number(-0.0123), "-0,0123");
        assert_eq!(FR.number(0.0), "0");
        assert_eq!(FR.number(10.0), "10");
        assert_eq!(FR.number(123_456_789_012_345.0), f("123 456 789 012 345"));
        assert_eq!(FR.number(1e15), "1,00e15");
        assert_eq!(FR.number(-1e308), "-1,00e308");
        assert_eq!(FR.number(2.5e-7), "2,50e-7");
        assert_eq!(FR.fixed(0.12345, 3), "0,123");
        assert_eq!(FR.exact(0.85), "0,85");
        assert_eq!(FR.exact(100_000.0), "100000");
    }

    #[test]
    fn french_percentages() {
        let f = |s: &str| s.replace(' ', N);
        assert_eq!(FR.percent(0.153), f("15,3 %"));
        assert_eq!(FR.percent(0.0), f("0,0 %"));
        assert_eq!(FR.percent(-0.25), f("-25,0 %"));
        assert_eq!(FR.percent(9.999_96), f("1 000,0 %"));
        assert_eq!(FR.percent(1e300), f("1,00e302 %"));
        assert_eq!(FR.percent_with(0.4, 0), f("40 %"));
        assert_eq!(FR.std_error(true, 0.004_23), f("0,42 %"));
        assert_eq!(FR.std_error(false, 41.234), "41,2");
        assert_eq!(FR.metric_value(true, 0.5), f("50,0 %"));
    }

    #[test]
    fn standard_errors_keep_two_significant_digits() {
        assert_eq!(EN.std_error(true, 0.004_23), "0.42%");
        assert_eq!(EN.std_error(true, 0.000_012_3), "0.0012%");
        assert_eq!(EN.std_error(true, 0.034), "3.4%");
        assert_eq!(EN.std_error(true, 0.123), "12.3%");
        assert_eq!(EN.std_error(true, 0.0), "0.0%");
        assert_eq!(EN.std_error(false, 41.234), "41.2");
        assert_eq!(EN.std_error(false, 0.01234), "0.0123");
    }

    #[test]
    fn rates_keep_the_decimals_they_need() {
        assert_eq!(EN.rate(0.025), "2.5%");
        assert_eq!(EN.rate(0.03), "3%");
        assert_eq!(EN.rate(0.0325), "3.25%");
        assert_eq!(EN.rate(0.0), "0%");
        assert_eq!(EN.rate(0.12345), "12.345%");
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(EN.thousands(1234567.891, 1), "1,234,567.9");
        assert_eq!(EN.thousands(999.0, 0), "999");
        assert_eq!(EN.thousands(-1000.0, 0), "-1,000");
        assert_eq!(EN.thousands(0.0, 0), "0");
        assert_eq!(EN.thousands(-0.01, 1), "0.0");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(EN.number(15_234.7), "15,235");
        assert_eq!(EN.number(12.34), "12.3");
        assert_eq!(EN.number(0.0123), "0.0123");
        assert_eq!(EN.number(0.0), "0");
        assert_eq!(EN.number(10.0), "10");
        assert_eq!(EN.number(0.5), "0.5");
        assert_eq!(EN.percent(0.3434), "34.3%");
        assert_eq!(EN.fixed(0.12345, 3), "0.123");
        assert_eq!(EN.number(1e15), "1.00e15");
        assert_eq!(EN.number(-1e308), "-1.00e308");
        assert_eq!(EN.number(123_456_789_012_345.0), "123,456,789,012,345");
        assert_eq!(EN.number(5e-324), "4.94e-324");
        assert_eq!(EN.number(2.5e-7), "2.50e-7");
        assert_eq!(EN.percent(1e300), "1.00e302%");
    }
}
