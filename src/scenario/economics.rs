//! Discounting (`[economics]`, docs/model.md sections 2 and 4): the yearly
//! discount rate and the base year, and the discount factor of a calendar
//! year.
//!
//! The factor of year `y` is `d(y) = 1 / g^k` with `g = 1 + r` and
//! `k = y - base_year` (and `g^|k|` for a year before the base year). `g^k`
//! is the product of `k` factors `g`, multiplied in order: correctly rounded
//! IEEE operations only, no `powf` and no `powi`, so a factor is the same
//! on every CPU. A factor depends on the rate, the base year and the year
//! alone, so two scenarios that share `[economics]` discount a year by the
//! same bits.
//!
//! ```
//! use esante::scenario::Economics;
//! let e = Economics { discount_rate: 0.25, base_year: 2021 };
//! assert_eq!(e.factor(2021), 1.0);
//! assert_eq!(e.factor(2023), 0.64); // 1 / 1.25^2
//! assert_eq!(e.factor(2020), 1.25);
//! ```

/// Largest distance in years between the base year and the horizon.
pub const MAX_BASE_GAP: i64 = 200;

/// The checked `[economics]` table.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Economics {
    /// Yearly discount rate `r`, in `[0, 1)`.
    pub discount_rate: f64,
    /// Calendar year whose factor is 1: present values are in its euros.
    pub base_year: i32,
}

impl Economics {
    /// The discount factor of calendar year `year`: `1 / (1 + r)^(year -
    /// base_year)`, by repeated multiplication (see the module
    /// documentation).
    pub fn factor(&self, year: i32) -> f64 {
        let g = 1.0 + self.discount_rate;
        let k = i64::from(year) - i64::from(self.base_year);
        let mut power = 1.0;
        for _ in 0..k.unsigned_abs() {
            power *= g;
        }
        if k >= 0 { 1.0 / power } else { power }
    }

    /// The discount factors of `years` consecutive calendar years from
    /// `from`.
    pub fn factors(&self, from: i32, years: usize) -> Vec<f64> {
        (0..years).map(|t| self.factor(from + t as i32)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factors_are_exact_powers() {
        // 1.25 and its powers up to 5^22 / 4^22 are exact in binary: each
        // factor is the correctly rounded 0.8^k.
        let e = Economics {
            discount_rate: 0.25,
            base_year: 2000,
        };
        for k in 0..20 {
            let exact = 4f64.powi(k) / 5f64.powi(k);
            assert_eq!(e.factor(2000 + k), exact, "k = {k}");
            assert_eq!(e.factor(2000 - k), 5f64.powi(k) / 4f64.powi(k));
        }
        assert_eq!(e.factors(1999, 3), vec![1.25, 1.0, 0.8]);
    }

    #[test]
    fn rate_zero_is_one() {
        let e = Economics {
            discount_rate: 0.0,
            base_year: 2030,
        };
        assert!(e.factors(1900, 300).iter().all(|&d| d == 1.0));
    }

    #[test]
    fn has_rate_matches_the_closed_form() {
        let e = Economics {
            discount_rate: 0.025,
            base_year: 2021,
        };
        // 1.025^-10 = 0.78119840172572...: within a few ulps after ten
        // products.
        let d = e.factor(2031);
        assert!((d - 0.781_198_401_725_727).abs() < 1e-15, "{d}");
        // Above 1 before the base year, below after: decreasing throughout.
        let f = e.factors(2011, 21);
        assert!(f.windows(2).all(|w| w[1] < w[0]));
    }
}
