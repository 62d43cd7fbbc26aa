//! Variance-based (Sobol) indices by Saltelli sampling, generic over the model.
//!
//! Given two independent base matrices `A` and `B` (parameters x `N` draws) and
//! a model `f` with one or more outputs, [`saltelli`] evaluates `f(A)`, `f(B)`
//! and the `k` mixed matrices `f(AB_i)`, where `AB_i` is `A` with row `i` taken
//! from `B`, and estimates for every output (Saltelli et al. 2010, table 2):
//!
//! ```text
//! V    = variance of the 2N values f(A) ∪ f(B)                 (population form)
//! S1_i = mean_j( f(B)_j · (f(AB_i)_j − f(A)_j) ) / V           (Saltelli 2010)
//! ST_i = mean_j( (f(A)_j − f(AB_i)_j)² ) / 2 / V               (Jansen 1999)
//! ```
//!
//! exactly as SALib's `analyze.sobol` does, including its centring of the
//! outputs (SALib standardises `Y` first): every output is shifted by the mean
//! of its finite `f(A) ∪ f(B)` values before the products are formed. The shift
//! leaves `V` and `ST` unchanged and removes the mean from the first-order
//! estimator, whose variance otherwise grows with the squared mean.
//!
//! # Bootstrap
//!
//! Confidence intervals resample the `N` base rows with replacement
//! ([`SobolOptions::resamples`] times, default [`DEFAULT_RESAMPLES`]). Resample
//! `r` draws its `N` row indices `⌊u·N⌋` from the uniforms of draws
//! `r·N .. (r+1)·N` of the stream `StreamKey::new("esante/sobol-bootstrap/v1",
//! seed, "")` (ChaCha8, see [`crate::sampling`]), so each resample is a pure
//! function of `(seed, N, r)`. An interval is the percentile interval (type 7
//! percentiles at `(1 ∓ confidence)/2`) of the finite resampled estimates, and
//! [`Estimate::se`] is their standard deviation. A resample's sums add the
//! per-row terms of its `N` rows in draw order; with
//! [`SobolOptions::bootstrap_output`] only one output is resampled (the CLI
//! resamples the chosen year and gives the other years point estimates).
//!
//! # Determinism
//!
//! Model evaluations run in parallel (rayon) on fixed batches of [`BATCH`]
//! columns and their results are placed by index; every sum runs in a fixed
//! order with plain additions and multiplications (no BLAS kernel picked at run
//! time, no fused multiply-add), so the result is bitwise identical on any
//! number of threads and any CPU with the same libm.
//!
//! # Degenerate outputs
//!
//! * A base row `j` whose `f(A)_j`, `f(B)_j` or any `f(AB_i)_j` is not finite is
//!   left out of that output's estimates (all of them, so the estimators stay
//!   paired); [`OutputIndices::excluded`] counts such rows and the caller should
//!   warn when it is not zero.
//! * An output that takes one value on every finite row of `A` and `B` has no
//!   variance to apportion: its indices are NaN and [`OutputIndices::status`] is
//!   [`OutputStatus::Constant`]. Fewer than two usable rows gives
//!   [`OutputStatus::TooFewRows`] and NaN. Nothing here panics on model values.
//!
//! # Memory and cost
//!
//! The sampled outputs are kept as per-row terms, `N x n_outputs x (2k + 3)`
//! doubles (k = 55, 10 outputs, N = 8192: 74 MB), plus the bootstrap estimates,
//! `resamples x n_outputs x k x 2` doubles (8.8 MB at 1000 resamples). The
//! bootstrap costs about `2 · resamples · N · n_outputs · (2k + 3)` flops.
//!
//! References: A. Saltelli, P. Annoni, I. Azzini, F. Campolongo, M. Ratto,
//! S. Tarantola, *Variance based sensitivity analysis of model output. Design and
//! estimator for the total sensitivity index*, Comput. Phys. Commun. 181 (2010)
//! 259-270; M. J. W. Jansen, *Analysis of variance designs for model output*,
//! Comput. Phys. Commun. 117 (1999) 35-43; SALib `src/SALib/analyze/sobol.py`.

use ndarray::{Array2, ArrayView2, s};
use rayon::prelude::*;

use crate::sampling::StreamKey;
use crate::stats::exact_percentile;

/// Columns per model evaluation batch (fixed, so results do not depend on
/// threads).
pub const BATCH: usize = 512;
/// Default number of bootstrap resamples: enough for stable 2.5% and 97.5%
/// percentiles (25 resamples beyond each end); on `acceleration-2021` it costs
/// about as much again as the model evaluations.
pub const DEFAULT_RESAMPLES: usize = 1000;
/// Default confidence level of the intervals.
pub const DEFAULT_CONFIDENCE: f64 = 0.95;
/// Stream domain of the bootstrap's row indices.
pub const BOOTSTRAP_DOMAIN: &str = "esante/sobol-bootstrap/v1";

/// Settings of the estimator's bootstrap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SobolOptions {
    /// Number of bootstrap resamples (0: no intervals, NaN bounds and errors).
    pub resamples: usize,
    /// Confidence level of the percentile intervals, in (0, 1).
    pub confidence: f64,
    /// Seed of the bootstrap stream (use the scenario's seed).
    pub seed: u64,
    /// Bootstrap only this output (the others get point estimates with NaN
    /// intervals); `None` bootstraps every output. The bootstrap costs
    /// `resamples x N` row additions per output.
    pub bootstrap_output: Option<usize>,
}

impl Default for SobolOptions {
    fn default() -> Self {
        SobolOptions {
            resamples: DEFAULT_RESAMPLES,
            confidence: DEFAULT_CONFIDENCE,
            seed: 42,
            bootstrap_output: None,
        }
    }
}

/// A point estimate with its bootstrap interval and standard error.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The estimate from all `N` rows.
    pub value: f64,
    /// Lower bound of the percentile interval.
    pub low: f64,
    /// Upper bound of the percentile interval.
    pub high: f64,
    /// Bootstrap standard error (sample standard deviation of the resampled
    /// estimates).
    pub se: f64,
}

impl Estimate {
    const NAN: Estimate = Estimate {
        value: f64::NAN,
        low: f64::NAN,
        high: f64::NAN,
        se: f64::NAN,
    };
}

/// First-order and total indices of one parameter for one output.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indices {
    /// First-order index `S1`.
    pub s1: Estimate,
    /// Total index `ST`.
    pub st: Estimate,
}

/// Whether an output's indices are defined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputStatus {
    /// Indices estimated.
    Ok,
    /// The output is constant over the finite rows of `A` and `B` (zero
    /// variance): indices are NaN.
    Constant,
    /// Fewer than two rows have finite values throughout: indices are NaN.
    TooFewRows,
}

/// The indices of every parameter for one output.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputIndices {
    /// Whether the indices are defined.
    pub status: OutputStatus,
    /// Variance `V` of the output over `f(A) ∪ f(B)` (rows used only).
    pub variance: f64,
    /// Base rows used.
    pub used: usize,
    /// Base rows left out because some value of the row was not finite.
    pub excluded: usize,
    /// Indices of each parameter, in row order of the base matrices.
    pub params: Vec<Indices>,
}

/// Sobol indices of every parameter for every output.
#[derive(Debug, Clone, PartialEq)]
pub struct SobolResult {
    /// Base sample size `N` (model evaluations: `(k + 2) N`).
    pub n: usize,
    /// Number of parameters `k`.
    pub n_params: usize,
    /// The options used.
    pub options: SobolOptions,
    /// One entry per model output.
    pub outputs: Vec<OutputIndices>,
}

impl SobolResult {
    /// Indices of parameter `param` for output `output`.
    pub fn get(&self, output: usize, param: usize) -> &Indices {
        &self.outputs[output].params[param]
    }

    /// Number of model evaluations made, `(k + 2) N`.
    pub fn evaluations(&self) -> usize {
        (self.n_params + 2) * self.n
    }
}

/// Estimates first-order and total Sobol indices of every parameter for every
/// output of `model` from the base matrices `a` and `b`.
///
/// `a` and `b` are `k x N` (rows: parameters, columns: draws), sampled
/// independently from the parameters' (independent) marginals. `model` maps a
/// `k x m` batch of parameter columns to an `n_outputs x m` array of outputs,
/// column for column; it is called in parallel on batches of at most [`BATCH`]
/// columns. See the [module docs](self) for the estimators, the bootstrap and
/// the treatment of constant or non-finite outputs.
///
/// # Panics
///
/// If `a` and `b` differ in shape, if `k == 0`, if `options.confidence` is not
/// in (0, 1), or if `model` returns an array of the wrong shape (programming
/// errors, not data errors).
pub fn saltelli<F>(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    n_outputs: usize,
    model: F,
    options: &SobolOptions,
) -> SobolResult
where
    F: Fn(ArrayView2<'_, f64>) -> Array2<f64> + Sync,
{
    assert_eq!(a.dim(), b.dim(), "base matrices A and B differ in shape");
    assert!(
        options.confidence > 0.0 && options.confidence < 1.0,
        "confidence must lie in (0, 1)"
    );
    let (k, n) = a.dim();
    assert!(k > 0, "no parameters");
    let stride = 3 + 2 * k;
    let cols = n_outputs * stride;

    let eval = |x: ArrayView2<'_, f64>| -> Array2<f64> {
        let y = model(x.view());
        assert_eq!(
            y.dim(),
            (n_outputs, x.ncols()),
            "model returned the wrong shape"
        );
        y
    };

    // Phase 1: f(A) and f(B), batch by batch, placed by index.
    let n_batches = n.div_ceil(BATCH);
    let cols_of = |bi: usize| bi * BATCH..((bi + 1) * BATCH).min(n);
    let ab_outputs: Vec<Array2<f64>> = (0..2 * n_batches)
        .into_par_iter()
        .map(|task| {
            let m = if task < n_batches { &a } else { &b };
            eval(m.slice(s![.., cols_of(task % n_batches)]))
        })
        .collect();
    let mut fa = Array2::<f64>::zeros((n_outputs, n));
    let mut fb = Array2::<f64>::zeros((n_outputs, n));
    for (task, y) in ab_outputs.into_iter().enumerate() {
        let target = if task < n_batches { &mut fa } else { &mut fb };
        target
            .slice_mut(s![.., cols_of(task % n_batches)])
            .assign(&y);
    }

    // Centre and constancy of each output over its finite A ∪ B values.
    let mut centre = vec![0.0; n_outputs];
    let mut constant = vec![true; n_outputs];
    for t in 0..n_outputs {
        let (mut sum, mut count, mut first) = (0.0, 0usize, None);
        for &y in fa.row(t).iter().chain(fb.row(t).iter()) {
            if y.is_finite() {
                sum += y;
                count += 1;
                match first {
                    None => first = Some(y),
                    Some(f) if f != y => constant[t] = false,
                    Some(_) => {}
                }
            }
        }
        centre[t] = if count > 0 { sum / count as f64 } else { 0.0 };
    }

    // Phase 2: per-row terms of every estimator, G (N x cols), batch by batch.
    // Block of output t in row j: [valid, yA + yB, yA² + yB², then per
    // parameter i: yB (yABi − yA), (yA − yABi)²], with y centred.
    let mut g = vec![0.0; n * cols];
    g.par_chunks_mut(BATCH * cols)
        .enumerate()
        .for_each(|(bi, rows)| {
            let range = cols_of(bi);
            let (j0, m) = (range.start, range.len());
            let mut valid = vec![true; m * n_outputs];
            for (jj, row) in rows.chunks_mut(cols).enumerate() {
                for t in 0..n_outputs {
                    let (ya, yb) = (fa[[t, j0 + jj]], fb[[t, j0 + jj]]);
                    valid[jj * n_outputs + t] = ya.is_finite() && yb.is_finite();
                    let (ya, yb) = (ya - centre[t], yb - centre[t]);
                    let blk = &mut row[t * stride..(t + 1) * stride];
                    blk[0] = 1.0;
                    blk[1] = ya + yb;
                    blk[2] = ya * ya + yb * yb;
                }
            }
            let mut ab = a.slice(s![.., range.clone()]).to_owned();
            for i in 0..k {
                if i > 0 {
                    ab.row_mut(i - 1).assign(&a.slice(s![i - 1, range.clone()]));
                }
                ab.row_mut(i).assign(&b.slice(s![i, range.clone()]));
                let y = eval(ab.view());
                for (jj, row) in rows.chunks_mut(cols).enumerate() {
                    for t in 0..n_outputs {
                        let yab = y[[t, jj]];
                        if !yab.is_finite() {
                            valid[jj * n_outputs + t] = false;
                        }
                        let ya = fa[[t, j0 + jj]] - centre[t];
                        let yb = fb[[t, j0 + jj]] - centre[t];
                        let yab = yab - centre[t];
                        let blk = &mut row[t * stride..(t + 1) * stride];
                        blk[3 + 2 * i] = yb * (yab - ya);
                        blk[4 + 2 * i] = (ya - yab) * (ya - yab);
                    }
                }
            }
            for (jj, row) in rows.chunks_mut(cols).enumerate() {
                for t in 0..n_outputs {
                    if !valid[jj * n_outputs + t] {
                        row[t * stride..(t + 1) * stride].fill(0.0);
                    }
                }
            }
        });
    let g = Array2::from_shape_vec((n, cols), g).expect("N x cols");

    // Point estimates: plain column sums in row order.
    let mut sums = vec![0.0; cols];
    for row in g.rows() {
        for (s, v) in sums.iter_mut().zip(row.iter()) {
            *s += v;
        }
    }
    let point = indices_from_sums(&sums, n_outputs, k, &constant);

    // Bootstrap of the chosen outputs: resample r adds the G rows of N row
    // indices drawn with replacement. Plain additions in a fixed order (no
    // BLAS kernel chosen at run time), so results are the same on every CPU.
    let sel: Vec<usize> = match options.bootstrap_output {
        Some(t) => {
            assert!(t < n_outputs, "bootstrap output out of range");
            vec![t]
        }
        None => (0..n_outputs).collect(),
    };
    let bcols = sel.len() * stride;
    let mut gs = vec![0.0; n * bcols];
    for (j, row) in gs.chunks_mut(bcols).enumerate() {
        for (p, &t) in sel.iter().enumerate() {
            row[p * stride..(p + 1) * stride].copy_from_slice(
                &g.row(j).as_slice().expect("row-major")[t * stride..(t + 1) * stride],
            );
        }
    }
    let sel_constant: Vec<bool> = sel.iter().map(|&t| constant[t]).collect();
    let key = StreamKey::new(BOOTSTRAP_DOMAIN, options.seed, "");
    let boot: Vec<Vec<(f64, f64)>> = (0..options.resamples)
        .into_par_iter()
        .map_init(
            || (vec![0.0; n], vec![0.0; bcols]),
            |(u, acc), r| {
                key.fill_uniforms((r * n) as u64, u);
                acc.fill(0.0);
                for &x in u.iter() {
                    let j = ((x * n as f64) as usize).min(n - 1);
                    for (a, v) in acc.iter_mut().zip(&gs[j * bcols..(j + 1) * bcols]) {
                        *a += v;
                    }
                }
                indices_from_sums(acc, sel.len(), k, &sel_constant)
            },
        )
        .collect();
    let pos_of: Vec<Option<usize>> = (0..n_outputs)
        .map(|t| sel.iter().position(|&x| x == t))
        .collect();

    // Summaries of the resampled estimates, per output and parameter.
    let lo_p = (1.0 - options.confidence) / 2.0;
    let hi_p = 1.0 - lo_p;
    let summarise = |value: f64, mut xs: Vec<f64>| -> Estimate {
        if !value.is_finite() {
            return Estimate::NAN;
        }
        xs.retain(|x| x.is_finite());
        if xs.len() < 2 {
            return Estimate {
                value,
                ..Estimate::NAN
            };
        }
        let m = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64;
        xs.sort_by(f64::total_cmp);
        Estimate {
            value,
            low: exact_percentile(&xs, lo_p),
            high: exact_percentile(&xs, hi_p),
            se: var.sqrt(),
        }
    };
    let outputs = (0..n_outputs)
        .map(|t| {
            let used = sums[t * stride] as usize;
            let status = if used < 2 {
                OutputStatus::TooFewRows
            } else if constant[t] {
                OutputStatus::Constant
            } else {
                OutputStatus::Ok
            };
            let params = (0..k)
                .map(|i| {
                    let (s1, st) = point[t * k + i];
                    let Some(p) = pos_of[t] else {
                        // Not bootstrapped: the point estimate only.
                        return Indices {
                            s1: Estimate {
                                value: s1,
                                ..Estimate::NAN
                            },
                            st: Estimate {
                                value: st,
                                ..Estimate::NAN
                            },
                        };
                    };
                    let idx = p * k + i;
                    Indices {
                        s1: summarise(s1, boot.iter().map(|b| b[idx].0).collect()),
                        st: summarise(st, boot.iter().map(|b| b[idx].1).collect()),
                    }
                })
                .collect();
            OutputIndices {
                status,
                variance: variance_from_sums(&sums[t * stride..(t + 1) * stride]),
                used,
                excluded: n - used,
                params,
            }
        })
        .collect();
    SobolResult {
        n,
        n_params: k,
        options: *options,
        outputs,
    }
}

/// Population variance of `f(A) ∪ f(B)` from one output's weighted sums (NaN
/// with fewer than two rows).
fn variance_from_sums(blk: &[f64]) -> f64 {
    let count = blk[0];
    if count < 2.0 {
        return f64::NAN;
    }
    let mean = blk[1] / (2.0 * count);
    blk[2] / (2.0 * count) - mean * mean
}

/// `(S1, ST)` of every output and parameter (index `t * k + i`) from weighted
/// column sums of the per-row terms.
fn indices_from_sums(
    sums: &[f64],
    n_outputs: usize,
    k: usize,
    constant: &[bool],
) -> Vec<(f64, f64)> {
    let stride = 3 + 2 * k;
    let mut out = Vec::with_capacity(n_outputs * k);
    for t in 0..n_outputs {
        let blk = &sums[t * stride..(t + 1) * stride];
        let v = variance_from_sums(blk);
        let defined = !constant[t] && v > 0.0 && v.is_finite();
        let count = blk[0];
        for i in 0..k {
            if defined {
                let s1 = blk[3 + 2 * i] / count / v;
                let st = blk[4 + 2 * i] / count / 2.0 / v;
                out.push((s1, st));
            } else {
                out.push((f64::NAN, f64::NAN));
            }
        }
    }
    out
}
