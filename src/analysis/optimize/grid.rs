//! The splits of the envelope on a regular grid of the simplex: every way
//! of giving each free axis a whole number of the grid's parts, within the
//! axes' bounds, in lexicographic order.

use crate::scenario::optimize::Problem;

/// Most grid splits a search accepts.
pub const MAX_GRID: u64 = 300_000;

/// Relative slack when comparing a budget with its bounds.
const SLACK: f64 = 1e-9;

/// The budget (M EUR) of `count` parts of the envelope.
pub fn budget(p: &Problem, count: usize) -> f64 {
    p.envelope * count as f64 / p.parts as f64
}

/// Whether `b` is within the bounds of free axis `k`.
pub fn within(p: &Problem, k: usize, b: f64) -> bool {
    let tol = SLACK * p.envelope;
    b >= p.min[k] - tol && b <= p.max[k] + tol
}

/// Number of grid splits within the bounds (saturating).
pub fn count(p: &Problem) -> u64 {
    // ways[r]: splits of r parts over the axes not yet placed.
    let mut ways = vec![0u64; p.parts + 1];
    ways[0] = 1;
    for k in 0..p.free.len() {
        let mut next = vec![0u64; p.parts + 1];
        for (r, slot) in next.iter_mut().enumerate() {
            for c in 0..=r {
                if within(p, k, budget(p, c)) {
                    *slot = slot.saturating_add(ways[r - c]);
                }
            }
        }
        ways = next;
    }
    ways[p.parts]
}

/// Every grid split within the bounds, as budgets of the free axes in
/// M EUR, in lexicographic order of the parts.
pub fn splits(p: &Problem) -> Vec<Vec<f64>> {
    let k = p.free.len();
    let mut out = Vec::new();
    let mut parts = vec![0usize; k];
    fill(p, 0, p.parts, &mut parts, &mut out);
    out
}

fn fill(p: &Problem, k: usize, left: usize, parts: &mut [usize], out: &mut Vec<Vec<f64>>) {
    if k + 1 == parts.len() {
        if within(p, k, budget(p, left)) {
            parts[k] = left;
            out.push(parts.iter().map(|&c| budget(p, c)).collect());
        }
        return;
    }
    for c in 0..=left {
        if within(p, k, budget(p, c)) {
            parts[k] = c;
            fill(p, k + 1, left - c, parts, out);
        }
    }
}

/// A split within the bounds when the grid has none: the minimums, then
/// what is left given to the axes in order, each up to its maximum.
pub fn feasible(p: &Problem) -> Vec<f64> {
    let mut x = p.min.clone();
    let mut left = p.envelope - x.iter().sum::<f64>();
    for (k, b) in x.iter_mut().enumerate() {
        let add = left.min(p.max[k] - *b).max(0.0);
        *b += add;
        left -= add;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Metric;
    use crate::scenario::optimize::{Objective, Statistic};

    fn problem(axes: usize, parts: usize, min: Vec<f64>, max: Vec<f64>) -> Problem {
        Problem {
            objective: Objective {
                metric: Metric::Total,
                name: "market.total".into(),
                years: (2030, 2030),
                statistic: Statistic::Mean,
            },
            envelope: 100.0,
            free: (0..axes).collect(),
            parts,
            min,
            max,
        }
    }

    #[test]
    fn five_axes_at_five_percent_make_10626_splits() {
        // C(20 + 4, 4) = 10,626 compositions of 20 parts into 5 axes.
        let p = problem(5, 20, vec![0.0; 5], vec![f64::INFINITY; 5]);
        assert_eq!(count(&p), 10_626);
        let all = splits(&p);
        assert_eq!(all.len(), 10_626);
        assert!(
            all.iter()
                .all(|s| (s.iter().sum::<f64>() - 100.0).abs() < 1e-9)
        );
        assert_eq!(all[0], vec![0.0, 0.0, 0.0, 0.0, 100.0]);
    }

    #[test]
    fn bounds_cut_the_grid() {
        // Axis 0 in [20, 30] takes 4 or 6 parts of 5 M EUR... of 10: 2 or 3.
        let p = problem(2, 10, vec![20.0, 0.0], vec![30.0, f64::INFINITY]);
        assert_eq!(splits(&p), vec![vec![20.0, 80.0], vec![30.0, 70.0]]);
        assert_eq!(count(&p), 2);
        let q = problem(2, 10, vec![21.0, 0.0], vec![29.0, f64::INFINITY]);
        assert_eq!(count(&q), 0);
        assert_eq!(feasible(&q), vec![29.0, 71.0]);
    }
}
