//! The Gaussian copula's groups: which uncertain parameters are tied by
//! correlations, and the Cholesky factor that mixes each group's normal
//! scores (docs/model.md section 7).

/// A set of uncertain parameters tied by correlations.
#[derive(Debug, Clone)]
pub struct CopulaGroup {
    /// Indices of the members among the uncertain parameters.
    pub members: Vec<usize>,
    /// Lower-triangular Cholesky factor of the normal correlation matrix, row-major.
    pub chol: Vec<Vec<f64>>,
}

/// A group whose correlations cannot hold together: its normal correlation
/// matrix is not positive definite.
#[derive(Debug, Clone, PartialEq)]
pub struct Inconsistent {
    /// The parameters that take part in the contradiction (those with a
    /// weight above 0.05 in the eigenvector of the smallest eigenvalue), in
    /// group order.
    pub involved: Vec<usize>,
    /// The smallest eigenvalue of the group's normal correlation matrix.
    pub smallest_eigenvalue: f64,
    /// Index in the correlations given of the first one within the group.
    pub first: usize,
}

/// Groups the `n` uncertain parameters tied by `correlations` (pairs of
/// parameter indices with a Spearman `rho`) into connected components, each
/// with the Cholesky factor of its normal-score correlation matrix
/// `2 sin(π ρ / 6)`.
///
/// Groups come in the order of their smallest member, members in increasing
/// order; parameters without a correlation are in no group. Every group whose
/// matrix is not positive definite (with a margin of 1e-9 on the smallest
/// eigenvalue, so `|rho| = 1` fails too) is reported.
///
/// ```
/// use esante::sampling::copula_groups;
/// let groups = copula_groups(3, &[(0, 2, 0.5)]).unwrap();
/// assert_eq!(groups[0].members, vec![0, 2]);
/// assert!(copula_groups(2, &[(0, 1, 1.0)]).is_err());
/// ```
pub fn copula_groups(
    n: usize,
    correlations: &[(usize, usize, f64)],
) -> Result<Vec<CopulaGroup>, Vec<Inconsistent>> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    for members in components(n, correlations) {
        match factor(&members, correlations) {
            Ok(chol) => out.push(CopulaGroup { members, chol }),
            Err(e) => bad.push(e),
        }
    }
    if bad.is_empty() { Ok(out) } else { Err(bad) }
}

/// Connected components of the correlation graph, leaving out parameters
/// without any correlation.
fn components(n: usize, correlations: &[(usize, usize, f64)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for &(a, b, _) in correlations {
        let (x, y) = (find(&mut parent, a), find(&mut parent, b));
        parent[x.max(y)] = x.min(y);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut root_of = vec![usize::MAX; n];
    for k in 0..n {
        if !correlations.iter().any(|&(a, b, _)| a == k || b == k) {
            continue;
        }
        let root = find(&mut parent, k);
        if root_of[root] == usize::MAX {
            root_of[root] = groups.len();
            groups.push(Vec::new());
        }
        groups[root_of[root]].push(k);
    }
    groups
}

/// The lower-triangular Cholesky factor (row-major) of one group's normal
/// correlation matrix, or why it has none.
fn factor(
    members: &[usize],
    correlations: &[(usize, usize, f64)],
) -> Result<Vec<Vec<f64>>, Inconsistent> {
    let m = members.len();
    let mut r = nalgebra::DMatrix::<f64>::identity(m, m);
    for &(a, b, rho) in correlations {
        if let (Some(i), Some(j)) = (
            members.iter().position(|&k| k == a),
            members.iter().position(|&k| k == b),
        ) {
            let v = 2.0 * crate::math::sin(std::f64::consts::PI * rho / 6.0);
            r[(i, j)] = v;
            r[(j, i)] = v;
        }
    }
    let eig = r.clone().symmetric_eigen();
    let (imin, lmin) = eig
        .eigenvalues
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .map(|(i, v)| (i, *v))
        .unwrap_or((0, 0.0));
    // Positive definite with a margin: |rho| = 1 rounds to an eigenvalue of
    // about 1e-16 and must be rejected too.
    match r.clone().cholesky() {
        Some(ch) if lmin > 1e-9 => {
            let l = ch.l();
            Ok((0..m)
                .map(|i| (0..=i).map(|j| l[(i, j)]).collect())
                .collect())
        }
        _ => {
            let v = eig.eigenvectors.column(imin);
            let mut weighted: Vec<(usize, f64)> = (0..m)
                .filter(|&i| v[i].abs() > 0.05)
                .map(|i| (i, v[i].abs()))
                .collect();
            // Lightest first: they are the likeliest to be removable.
            weighted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
            let mut local: Vec<usize> = weighted.iter().map(|w| w.0).collect();
            if local.len() <= MINIMISE_UP_TO {
                local = minimal_inconsistent(&r, local);
            } else {
                // Too many to minimise: the heaviest ones.
                local.drain(..local.len() - MINIMISE_UP_TO.min(12));
            }
            local.sort_unstable();
            let involved = local.into_iter().map(|i| members[i]).collect();
            let first = correlations
                .iter()
                .position(|&(a, _, _)| members.contains(&a))
                .unwrap_or(0);
            Err(Inconsistent {
                involved,
                smallest_eigenvalue: lmin,
                first,
            })
        }
    }
}

/// Largest set of involved parameters reduced to a minimal inconsistent
/// subset (each test is a Cholesky factorisation of the subset).
const MINIMISE_UP_TO: usize = 120;

/// Whether the principal submatrix of `r` on `idx` is positive definite
/// with the margin of [`factor`].
fn is_consistent(r: &nalgebra::DMatrix<f64>, idx: &[usize]) -> bool {
    let sub = r.select_rows(idx).select_columns(idx);
    sub.clone().cholesky().is_some() && sub.symmetric_eigenvalues().iter().all(|&l| l > 1e-9)
}

/// A subset of `idx` whose correlations already contradict each other and
/// that becomes consistent when any one member is left out (a deletion
/// filter: try leaving out each member in turn, keep it out if the rest is
/// still inconsistent).
fn minimal_inconsistent(r: &nalgebra::DMatrix<f64>, idx: Vec<usize>) -> Vec<usize> {
    if is_consistent(r, &idx) {
        return idx; // the contradiction needs the lighter members too
    }
    let mut keep = idx;
    let mut i = 0;
    while i < keep.len() {
        let without: Vec<usize> = keep
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, &x)| x)
            .collect();
        if without.len() >= 2 && !is_consistent(r, &without) {
            keep = without;
        } else {
            i += 1;
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inconsistent_chain_names_its_minimal_subset() {
        // 0..20 strongly tied in a chain, plus three that contradict each
        // other: 20 ~ 21 and 21 ~ 22 at 0.9, 20 ~ 22 at -0.9.
        let mut pairs: Vec<(usize, usize, f64)> = (0..20).map(|i| (i, i + 1, 0.3)).collect();
        pairs.extend([(20, 21, 0.9), (21, 22, 0.9), (20, 22, -0.9)]);
        let bad = copula_groups(23, &pairs).unwrap_err();
        assert_eq!(bad[0].involved, vec![20, 21, 22]);
    }

    #[test]
    fn groups_are_connected_components_in_member_order() {
        let g = copula_groups(6, &[(4, 1, 0.3), (5, 3, 0.2), (1, 5, -0.1)]).unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].members, vec![1, 3, 4, 5]);
        let g = copula_groups(6, &[(4, 1, 0.3), (0, 2, 0.2)]).unwrap();
        let members: Vec<_> = g.iter().map(|g| g.members.clone()).collect();
        assert_eq!(members, vec![vec![0, 2], vec![1, 4]]);
    }

    #[test]
    fn cholesky_factor_reproduces_the_normal_correlation() {
        let rho: f64 = 0.5;
        let g = copula_groups(2, &[(0, 1, rho)]).unwrap();
        let l = &g[0].chol;
        let r = 2.0 * crate::math::sin(std::f64::consts::PI * rho / 6.0);
        assert_eq!(l[0], vec![1.0]);
        assert!((l[1][0] - r).abs() < 1e-15);
        assert!((l[1][0].powi(2) + l[1][1].powi(2) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn every_inconsistent_group_is_reported() {
        let bad = copula_groups(
            7,
            &[
                (0, 1, 0.9),
                (1, 2, 0.9),
                (0, 2, -0.9),
                (5, 6, 0.2),
                (3, 4, 1.0),
            ],
        )
        .unwrap_err();
        assert_eq!(bad.len(), 2);
        assert_eq!(bad[0].involved, vec![0, 1, 2]);
        assert_eq!(bad[0].first, 0);
        assert!(bad[0].smallest_eigenvalue < 0.0);
        assert_eq!(bad[1].involved, vec![3, 4]);
        assert_eq!(bad[1].first, 4);
    }
}
