//! `[[correlations]]`: rank correlations between uncertain parameters, and
//! whether they hold together (the copula groups are
//! [`crate::sampling::copula_groups`]).

use super::checker::{Checker, short_list};
use crate::sampling::{CopulaGroup, copula_groups};
use crate::scenario::Correlation;
use crate::scenario::error::closest;
use crate::scenario::raw::RawCorrelation;
use crate::shown::Shown;

/// Every declared correlation, each pair once, between two different
/// uncertain parameters.
pub(super) fn check_correlations(c: &mut Checker, raw: &[RawCorrelation]) -> Vec<Correlation> {
    let mut correlations: Vec<Correlation> = Vec::new();
    for (i, r) in raw.iter().enumerate() {
        let p = format!("correlations[{i}]");
        let a = uncertain_index(c, &p, "a", r.a.as_deref());
        let b = uncertain_index(c, &p, "b", r.b.as_deref());
        let rho = check_rho(c, &p, r.rho);
        let (Some(a), Some(b), Some(rho)) = (a, b, rho) else {
            continue;
        };
        if a == b {
            c.issue(&p, "a parameter cannot be correlated with itself");
        } else if let Some(j) = correlations
            .iter()
            .position(|x| (x.a == a && x.b == b) || (x.a == b && x.b == a))
        {
            c.issue(
                &p,
                format!("the pair is already correlated in correlations[{j}]; give each pair once"),
            );
        } else {
            correlations.push(Correlation { a, b, rho });
        }
    }
    correlations
}

/// `correlations[i].<key>` names an uncertain parameter: its index.
fn uncertain_index(c: &mut Checker, p: &str, key: &str, path: Option<&str>) -> Option<usize> {
    let Some(path) = path else {
        c.issue(
            format!("{p}.{key}"),
            "missing required key (a parameter path such as `segments.hospitals.q`)",
        );
        return None;
    };
    if let Some(k) = c.uncertain.iter().position(|u| u.path == path) {
        return Some(k);
    }
    if c.fixed.iter().any(|f| f == path) {
        c.issue_help(
            format!("{p}.{key}"),
            format!(
                "`{path}` is fixed (a bare number); only uncertain parameters can be correlated"
            ),
            "give it a distribution table, or remove this correlation",
        );
        return None;
    }
    let mut help = format!(
        "uncertain parameters: {}",
        short_list(c.uncertain.iter().map(|u| u.path.as_str()))
    );
    if let Some(cl) = closest(path, c.uncertain.iter().map(|u| u.path.as_str())) {
        help = format!("did you mean `{cl}`? {help}");
    }
    c.issue_help(
        format!("{p}.{key}"),
        format!("no uncertain parameter at path `{path}`"),
        help,
    );
    None
}

/// `rho`: a Spearman correlation in `[-1, 1]`.
fn check_rho(c: &mut Checker, p: &str, rho: Option<f64>) -> Option<f64> {
    match rho {
        None => {
            c.issue(
                format!("{p}.rho"),
                "missing required key (a Spearman correlation in [-1, 1])",
            );
            None
        }
        Some(v) if !v.is_finite() || !(-1.0..=1.0).contains(&v) => {
            c.issue(
                format!("{p}.rho"),
                format!("must be in [-1, 1], got {}", Shown(v)),
            );
            None
        }
        Some(v) => Some(v),
    }
}

/// The copula groups of the correlations; a group whose correlations
/// contradict each other is reported at the first of them in the file.
pub(super) fn check_copula(
    c: &mut Checker,
    correlations: &[Correlation],
    raw: &[RawCorrelation],
) -> Vec<CopulaGroup> {
    let pairs: Vec<(usize, usize, f64)> = correlations.iter().map(|x| (x.a, x.b, x.rho)).collect();
    let bad = match copula_groups(c.uncertain.len(), &pairs) {
        Ok(groups) => return groups,
        Err(bad) => bad,
    };
    for group in bad {
        let path = |k: usize| c.uncertain[k].path.as_str();
        let involved: Vec<&str> = group.involved.iter().map(|&k| path(k)).collect();
        let x = &correlations[group.first];
        let first = raw
            .iter()
            .position(|rc| rc.a.as_deref() == Some(path(x.a)) && rc.b.as_deref() == Some(path(x.b)))
            .unwrap_or(0);
        let among: Vec<String> = correlations
            .iter()
            .filter(|x| group.involved.contains(&x.a) && group.involved.contains(&x.b))
            .map(|x| format!("{} ~ {} (rho {})", path(x.a), path(x.b), x.rho))
            .collect();
        let msg = if involved.len() == 2 {
            format!(
                "{}: the copula needs |rho| < 1 (at most 0.99 or so); \
                 a correlation of 1 would make one parameter a copy of the other",
                among.join(", ")
            )
        } else {
            format!(
                "the correlations among {} contradict each other: {}; no correlation matrix \
             has them all (the smallest eigenvalue of the group's matrix is {:.2e})",
                involved.join(", "),
                among.join(", "),
                group.smallest_eigenvalue
            )
        };
        c.issue_help(
            format!("correlations[{first}]"),
            msg,
            "weaken some of these correlations; |rho| = 1 is never positive definite",
        );
    }
    Vec::new()
}
