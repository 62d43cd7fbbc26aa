//! Sums with a fixed grouping of the terms (four interleaved accumulators,
//! so they vectorise and always round the same way).

/// Sum of `f(x)` over `xs` with four interleaved accumulators.
#[inline]
pub(super) fn sum4(xs: &[f64], f: impl Fn(f64) -> f64) -> f64 {
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

/// One pass over a batch of values: the sum as [`sum4`] adds it (the same
/// bits) and the extremes (NaN left out of them).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Scan {
    /// `sum4(xs, |x| x)`.
    pub sum: f64,
    /// The smallest value (`+inf` for none).
    pub lo: f64,
    /// The largest value (`-inf` for none).
    pub hi: f64,
}

impl Scan {
    /// Scans `xs`.
    #[inline]
    pub(crate) fn of(xs: &[f64]) -> Scan {
        Scan::terms(xs, xs, |x, _| x)
    }

    /// One pass over values `xs` and their weights `ws` (the same length):
    /// `sum` is `sum4_pairs(xs, ws, |x, w| w * x)` (the same bits), the
    /// extremes are those of `xs`.
    #[inline]
    pub(crate) fn weighted(xs: &[f64], ws: &[f64]) -> Scan {
        Scan::terms(xs, ws, |x, w| w * x)
    }

    /// The sum of `term(x, w)` over the pairs of `xs` and `ws` (the shorter
    /// length), as [`sum4_pairs`] adds it, and the extremes of those `xs`.
    #[inline(always)]
    fn terms(xs: &[f64], ws: &[f64], term: impl Fn(f64, f64) -> f64) -> Scan {
        let n = xs.len().min(ws.len());
        let (xs, ws) = (&xs[..n], &ws[..n]);
        let mut acc = [0.0; 4];
        let mut lo = [f64::INFINITY; 4];
        let mut hi = [f64::NEG_INFINITY; 4];
        let (cx, cw) = (xs.chunks_exact(4), ws.chunks_exact(4));
        let (rx, rw) = (cx.remainder(), cw.remainder());
        for (x, w) in cx.zip(cw) {
            for i in 0..4 {
                acc[i] += term(x[i], w[i]);
                lo[i] = if x[i] < lo[i] { x[i] } else { lo[i] };
                hi[i] = if x[i] > hi[i] { x[i] } else { hi[i] };
            }
        }
        let mut tail = 0.0;
        for (&x, &w) in rx.iter().zip(rw) {
            tail += term(x, w);
            lo[0] = lo[0].min(x);
            hi[0] = hi[0].max(x);
        }
        Scan {
            sum: (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail,
            lo: lo[0].min(lo[1]).min(lo[2].min(lo[3])),
            hi: hi[0].max(hi[1]).max(hi[2].max(hi[3])),
        }
    }
}

/// [`sum4`] of `f(x, w)` over the pairs of `xs` and `ws` (the shorter
/// length), in the same order.
#[inline]
pub(super) fn sum4_pairs(xs: &[f64], ws: &[f64], f: impl Fn(f64, f64) -> f64) -> f64 {
    let n = xs.len().min(ws.len());
    let (xs, ws) = (&xs[..n], &ws[..n]);
    let mut acc = [0.0; 4];
    let (cx, cw) = (xs.chunks_exact(4), ws.chunks_exact(4));
    let (rx, rw) = (cx.remainder(), cw.remainder());
    for (x, w) in cx.zip(cw) {
        for i in 0..4 {
            acc[i] += f(x[i], w[i]);
        }
    }
    let mut tail = 0.0;
    for (&x, &w) in rx.iter().zip(rw) {
        tail += f(x, w);
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}
