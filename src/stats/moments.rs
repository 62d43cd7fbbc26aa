//! Count, mean and squared deviations, merged exactly in a fixed order.

/// Count, mean and sum of squared deviations from the mean.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    /// Number of values.
    pub n: u64,
    /// Running mean.
    pub mean: f64,
    /// Sum of squared deviations from the mean.
    pub m2: f64,
}

impl Moments {
    /// Moments of a slice (two passes: mean, then squared deviations), with
    /// four interleaved accumulators (a fixed order, so results are reproducible).
    pub fn of(xs: &[f64]) -> Moments {
        if xs.is_empty() {
            return Moments::default();
        }
        let n = xs.len() as f64;
        let mean = sum4(xs, |x| x) / n;
        let m2 = sum4(xs, |x| (x - mean) * (x - mean));
        Moments {
            n: xs.len() as u64,
            mean,
            m2,
        }
    }

    /// Adds one value (Welford).
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// Combines with the moments of another set (Chan, Golub & LeVeque 1979).
    pub fn merge(&mut self, o: &Moments) {
        if o.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *o;
            return;
        }
        let n = self.n + o.n;
        let d = o.mean - self.mean;
        let (na, nb, nn) = (self.n as f64, o.n as f64, n as f64);
        self.mean += d * nb / nn;
        self.m2 += o.m2 + d * d * na * nb / nn;
        self.n = n;
    }

    /// Sample standard deviation (`n - 1` denominator); NaN (undefined) for
    /// fewer than two values.
    pub fn sd(&self) -> f64 {
        if self.n < 2 {
            f64::NAN
        } else {
            (self.m2.max(0.0) / (self.n - 1) as f64).sqrt()
        }
    }
}

/// Sum of `f(x)` over `xs` with four interleaved accumulators.
#[inline]
fn sum4(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = xs.chunks_exact(4);
    let rest = chunks.remainder();
    for c in chunks {
        for i in 0..4 {
            acc[i] += f(c[i]);
        }
    }
    let mut tail = 0.0;
    for &x in rest {
        tail += f(x);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}
