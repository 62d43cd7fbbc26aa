//! Refinement below the grid step: a pattern search on the simplex from the
//! best grid splits. Each move transfers an amount from one free axis to
//! another within the bounds; every start takes its best improving move, or
//! halves its step when none improves, until the step is below
//! [`super::REFINE_TO`] of the envelope. All the moves of a round are
//! evaluated in one pass over the same draws.

use super::OptimizeError;
use super::{REFINE_TO, Summary, Table};
use crate::scenario::optimize::Problem;

/// Most rounds of the search.
const MAX_ROUNDS: usize = 200;

/// Refines the splits `starts` (indices into `table`); every split it
/// evaluates is added to `table`. `evaluate` gives the summaries of a batch
/// of new splits.
pub(super) fn refine(
    p: &Problem,
    starts: &[usize],
    table: &mut Table,
    mut evaluate: impl FnMut(&[Vec<f64>]) -> Result<Vec<Summary>, OptimizeError>,
) -> Result<(), OptimizeError> {
    let stop = REFINE_TO * p.envelope;
    // Per start: the index of its current split in `all`, and its step.
    let mut state: Vec<(usize, f64)> = starts
        .iter()
        .map(|&i| (i, p.envelope / p.parts as f64 / 2.0))
        .collect();
    for _ in 0..MAX_ROUNDS {
        let active: Vec<usize> = (0..state.len()).filter(|&s| state[s].1 >= stop).collect();
        if active.is_empty() {
            break;
        }
        let moves: Vec<Vec<Vec<f64>>> = active
            .iter()
            .map(|&s| moves(p, &table.all[state[s].0].0, state[s].1))
            .collect();
        let mut fresh: Vec<Vec<f64>> = Vec::new();
        for m in moves.iter().flatten() {
            if table.find(m).is_none() && !fresh.contains(m) {
                fresh.push(m.clone());
            }
        }
        if !fresh.is_empty() {
            let summaries = evaluate(&fresh)?;
            for (s, m) in fresh.into_iter().zip(summaries) {
                table.add(s, m);
            }
        }
        for (&s, ms) in active.iter().zip(&moves) {
            let here = state[s].0;
            let best = ms
                .iter()
                .map(|m| table.find(m).expect("every move was evaluated"))
                .fold(here, |b, i| {
                    if table.all[i].1.beats(&table.all[b].1) {
                        i
                    } else {
                        b
                    }
                });
            if best == here {
                state[s].1 /= 2.0;
            } else {
                state[s].0 = best;
            }
        }
    }
    Ok(())
}

/// The splits one transfer of at most `step` M EUR away from `x`, within
/// the bounds.
fn moves(p: &Problem, x: &[f64], step: f64) -> Vec<Vec<f64>> {
    let tiny = 1e-9 * p.envelope;
    let mut out = Vec::new();
    for to in 0..x.len() {
        for from in 0..x.len() {
            if to == from {
                continue;
            }
            let amount = step.min(x[from] - p.min[from]).min(p.max[to] - x[to]);
            if amount <= tiny {
                continue;
            }
            let mut y = x.to_vec();
            y[to] += amount;
            y[from] = (y[from] - amount).max(p.min[from]);
            out.push(y);
        }
    }
    out
}
