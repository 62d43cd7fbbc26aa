//! How a number appears in an error message: as short as it can be read
//! back exactly, in exponent notation when very large or very small, so a
//! mistyped `1e308` reads `1e308` and not three hundred digits.

use std::fmt;

/// A number shown in a message (see the module documentation).
///
/// `Shown(2024.0)` reads `2024`; [`Shown::as_float`] keeps the `.0` where
/// the point is that the value was written as a float.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shown(pub f64);

impl Shown {
    /// Keeps a trailing `.0` on whole numbers (`2024.0`), for type errors.
    pub fn as_float(self) -> String {
        let s = self.to_string();
        if self.0.is_finite() && !s.contains(['.', 'e']) {
            format!("{s}.0")
        } else {
            s
        }
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_finite() && x != 0.0 && !(1e-6..1e16).contains(&x.abs()) {
            write!(f, "{x:e}")
        } else {
            write!(f, "{x}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Shown;

    #[test]
    fn numbers_read_short_and_exact() {
        for (x, shown) in [
            (2024.0, "2024"),
            (0.155, "0.155"),
            (-3.5, "-3.5"),
            (1e308, "1e308"),
            (5e-324, "5e-324"),
            (1e16, "1e16"),
            (9999999999999998.0, "9999999999999998"),
            (1.5e-7, "1.5e-7"),
            (0.0, "0"),
            (f64::INFINITY, "inf"),
            (f64::NAN, "NaN"),
        ] {
            assert_eq!(Shown(x).to_string(), shown);
            if x.is_finite() {
                assert_eq!(shown.parse::<f64>().unwrap(), x, "{shown} reads back");
            }
        }
        assert_eq!(Shown(2024.0).as_float(), "2024.0");
        assert_eq!(Shown(1e308).as_float(), "1e308");
        assert_eq!(Shown(0.5).as_float(), "0.5");
    }
}
