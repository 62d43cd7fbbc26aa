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
