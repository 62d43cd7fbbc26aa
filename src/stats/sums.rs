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
