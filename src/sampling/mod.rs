//! Random numbers you can reproduce: keyed uniform streams, Latin hypercube
//! strata and the Gaussian copula (docs/model.md section 7).
//!
//! # Streams
//!
//! The uniform that drives parameter `path` in draw `i` is a pure function of
//! `(seed, path, i)`: the key of a [`ChaCha8Rng`] is `SHA-256(domain, seed, path)`
//! and draw `i` reads the generator's 64-bit word at position `i` (ChaCha is a
//! counter-mode generator, so any position can be reached directly). Nothing
//! depends on threads, block sizes or on which other parameters exist, which gives
//! thread-count invariance and common random numbers between scenarios for free.
//! ChaCha8 is specified independently of this crate and of `rand`'s `StdRng`, so
//! the numbers are the same on every platform.
//!
//! # Latin hypercube
//!
//! Under [`Sampling::Lhs`] the uniform of draw `i` is `(π(i) + v_i) / n`, where
//! `π` is a pseudo-random permutation of `0..n` keyed by `(seed, path)` (an
//! unbalanced Feistel network with cycle walking, so it needs no memory however
//! large `n` is) and
//! `v_i` is the stream uniform. Every one of the `n` strata holds exactly one draw.
//!
//! # Correlations
//!
//! Parameters tied by `[[correlations]]` form groups (connected components). A
//! group's members get independent standard normal scores from streams keyed by
//! the group's paths, which are mixed by the Cholesky factor of the normal
//! correlation matrix `2 sin(π ρ / 6)` (Spearman to Pearson for a Gaussian copula)
//! and mapped back to uniforms with `Φ`. Under LHS the scores come from stratified
//! uniforms: the first member of a group keeps exact strata, the others keep their
//! exact marginal distribution.

use ndarray::ArrayViewMut2;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

pub mod copula;

pub use crate::dist::unit_open;
pub use copula::{CopulaGroup, Inconsistent, copula_groups};

use crate::dist::{Distribution, norm_cdf};
use crate::math::normal::norm_quantiles;

/// How draws are spread over each parameter's distribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sampling {
    /// Plain Monte Carlo: independent uniforms.
    #[default]
    Mc,
    /// Latin hypercube: each of the `draws` equal-probability strata of every
    /// parameter holds exactly one draw.
    Lhs,
}

impl Sampling {
    /// Every sampling, in the order messages and the schema list them.
    pub const ALL: [Sampling; 2] = [Sampling::Mc, Sampling::Lhs];

    /// The sampling named `name` in a scenario file.
    pub fn from_name(name: &str) -> Option<Sampling> {
        Sampling::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The name used in scenario files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Sampling::Mc => "mc",
            Sampling::Lhs => "lhs",
        }
    }
}

impl std::fmt::Display for Sampling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a run draws: how many draws, the seed of every random stream, and
/// how draws spread over each distribution. The results of a run depend on
/// the scenario and these settings only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RunSettings {
    /// Number of draws (> 0).
    pub draws: u64,
    /// Seed of every random stream.
    pub seed: u64,
    /// Monte Carlo or Latin hypercube.
    pub sampling: Sampling,
}

impl Default for RunSettings {
    /// 10,000 draws, seed 42, Monte Carlo: what a scenario without a
    /// `[simulation]` table runs with.
    fn default() -> Self {
        RunSettings {
            draws: 10_000,
            seed: 42,
            sampling: Sampling::Mc,
        }
    }
}

/// The generator's name, recorded in every summary.
pub const GENERATOR: &str = "ChaCha8 (rand_chacha), key = SHA-256(domain, seed, path), word = draw";

/// A 256-bit stream key derived from the seed and a parameter path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StreamKey([u8; 32]);

impl StreamKey {
    /// `SHA-256(domain 0x00 seed_le path)`: distinct domains never share streams.
    pub fn new(domain: &str, seed: u64, path: &str) -> StreamKey {
        let mut h = Sha256::new();
        h.update(domain.as_bytes());
        h.update([0u8]);
        h.update(seed.to_le_bytes());
        h.update(path.as_bytes());
        StreamKey(h.finalize().into())
    }

    /// Writes the uniforms of draws `start .. start + out.len()`.
    pub fn fill_uniforms(&self, start: u64, out: &mut [f64]) {
        // Draw `i` is the generator's 64-bit word `i` (words `2i` and `2i + 1`
        // of 32 bits, low first): read in bulk, `next_u64` would give the same.
        const CHUNK: usize = 128;
        let mut rng = ChaCha8Rng::from_seed(self.0);
        rng.set_word_pos(u128::from(start) * 2);
        let mut bytes = [0u8; 8 * CHUNK];
        for chunk in out.chunks_mut(CHUNK) {
            let bytes = &mut bytes[..8 * chunk.len()];
            rng.fill_bytes(bytes);
            for (o, word) in chunk.iter_mut().zip(bytes.as_chunks::<8>().0) {
                *o = unit_open(u64::from_le_bytes(*word));
            }
        }
    }

    /// The uniform of one draw (slower than [`StreamKey::fill_uniforms`]).
    pub fn uniform(&self, draw: u64) -> f64 {
        let mut out = [0.0];
        self.fill_uniforms(draw, &mut out);
        out[0]
    }

    fn word(&self, i: usize) -> u64 {
        u64::from_le_bytes(self.0[8 * i..8 * i + 8].try_into().expect("8 bytes"))
    }
}

/// A keyed pseudo-random permutation of `0..n`: an unbalanced Feistel network
/// on the smallest number of bits covering `n` (so the domain is below `2n`),
/// with cycle walking back into `0..n`.
#[derive(Debug, Clone)]
pub struct Permutation {
    n: u64,
    lo_bits: u32,
    lo_mask: u64,
    hi_mask: u64,
    keys: [u64; 4],
}

/// Feistel rounds; each round rewrites one half from the other.
const ROUNDS: usize = 8;

impl Permutation {
    /// The permutation of `0..n` selected by `key`.
    pub fn new(n: u64, key: &StreamKey) -> Permutation {
        let bits = (64 - n.saturating_sub(1).leading_zeros()).max(2);
        let lo_bits = bits / 2;
        Permutation {
            n,
            lo_bits,
            lo_mask: (1u64 << lo_bits) - 1,
            hi_mask: (1u64 << (bits - lo_bits)) - 1,
            keys: [key.word(0), key.word(1), key.word(2), key.word(3)],
        }
    }

    /// The image of `i` (`i < n`).
    #[inline]
    pub fn apply(&self, i: u64) -> u64 {
        debug_assert!(i < self.n);
        let mut x = i;
        loop {
            x = self.feistel(x);
            if x < self.n {
                return x;
            }
        }
    }

    #[inline]
    fn feistel(&self, x: u64) -> u64 {
        let (mut hi, mut lo) = (x >> self.lo_bits, x & self.lo_mask);
        for round in 0..ROUNDS {
            let k = self.keys[round % 4].wrapping_add(round as u64);
            if round % 2 == 0 {
                hi ^= mix(lo ^ k) & self.hi_mask;
            } else {
                lo ^= mix(hi ^ k) & self.lo_mask;
            }
        }
        (hi << self.lo_bits) | lo
    }
}

/// The SplitMix64 finaliser: a fast 64-bit mixing function.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Stream domains of a sampler: (uniforms, LHS permutations).
pub type Domains<'a> = (&'a str, &'a str);

/// The domains of a run's uncorrelated parameters (docs/model.md section 7).
pub const RUN_DOMAINS: Domains<'static> = ("esante/param/v1", "esante/lhs-permutation/v1");

/// One parameter's source of uniforms (plain or stratified).
#[derive(Debug, Clone)]
struct Source {
    key: StreamKey,
    perm: Option<Permutation>,
}

impl Source {
    fn new(domains: Domains, seed: u64, name: &str, draws: u64, sampling: Sampling) -> Source {
        Source {
            key: StreamKey::new(domains.0, seed, name),
            perm: match sampling {
                Sampling::Mc => None,
                Sampling::Lhs => Some(Permutation::new(
                    draws,
                    &StreamKey::new(domains.1, seed, name),
                )),
            },
        }
    }

    fn fill(&self, start: u64, out: &mut [f64]) {
        self.key.fill_uniforms(start, out);
        if let Some(perm) = &self.perm {
            let n = perm.n as f64;
            for (j, u) in out.iter_mut().enumerate() {
                let stratum = perm.apply(start + j as u64);
                *u = (stratum as f64 + *u) / n;
            }
        }
    }
}

/// Fills blocks of parameter samples: one row per uncertain parameter, one
/// column per draw.
#[derive(Debug, Clone)]
pub struct Sampler {
    dists: Vec<Distribution>,
    singles: Vec<(usize, Source)>,
    groups: Vec<(CopulaGroup, Vec<Source>)>,
}

impl Sampler {
    /// Prepares the streams of every uncertain parameter.
    ///
    /// `paths[k]` and `dists[k]` describe uncertain parameter `k`; `groups` lists
    /// the correlated sets (every parameter appears in at most one group).
    pub fn new(
        paths: &[String],
        dists: &[Distribution],
        groups: &[CopulaGroup],
        seed: u64,
        draws: u64,
        sampling: Sampling,
    ) -> Sampler {
        Sampler::with_domains(paths, dists, groups, seed, draws, sampling, RUN_DOMAINS)
    }

    /// Like [`Sampler::new`], with the uncorrelated parameters drawn from the
    /// streams of `domains` instead of the run's [`RUN_DOMAINS`]: an
    /// independent sample of the same parameters (e.g. Sobol's matrix B).
    pub fn with_domains(
        paths: &[String],
        dists: &[Distribution],
        groups: &[CopulaGroup],
        seed: u64,
        draws: u64,
        sampling: Sampling,
        domains: Domains<'_>,
    ) -> Sampler {
        // The quantile tables, in parallel (the same bits on any thread).
        dists.par_iter().for_each(Distribution::prepare);
        let mut grouped = vec![false; paths.len()];
        let groups = groups
            .iter()
            .map(|g| {
                let mut names: Vec<&str> = g.members.iter().map(|&k| paths[k].as_str()).collect();
                names.sort_unstable();
                let tie = names.join("|");
                let sources = g
                    .members
                    .iter()
                    .map(|&k| {
                        grouped[k] = true;
                        let name = format!("{tie}#{}", paths[k]);
                        Source::new(
                            ("esante/copula/v1", RUN_DOMAINS.1),
                            seed,
                            &name,
                            draws,
                            sampling,
                        )
                    })
                    .collect();
                (g.clone(), sources)
            })
            .collect();
        let singles = (0..paths.len())
            .filter(|&k| !grouped[k])
            .map(|k| {
                let src = Source::new(domains, seed, &paths[k], draws, sampling);
                (k, src)
            })
            .collect();
        Sampler {
            dists: dists.to_vec(),
            singles,
            groups,
        }
    }

    /// Writes the parameter values of draws `start .. start + out.ncols()` into
    /// `out` (shape: uncertain parameters x draws, rows contiguous).
    pub fn fill(&self, start: u64, mut out: ArrayViewMut2<'_, f64>) {
        self.fill_uniforms(start, out.view_mut());
        let mut scratch = Vec::new();
        for (k, dist) in self.dists.iter().enumerate() {
            let mut row = out.row_mut(k);
            let row = row.as_slice_mut().expect("rows are contiguous");
            dist.quantiles(row, &mut scratch);
        }
    }

    /// Writes the uniforms behind the values [`Sampler::fill`] writes: each
    /// parameter's probability level in each draw (its stream's uniform, or
    /// under a correlation the copula's), before its quantile function. Two
    /// scenarios share a parameter's draws exactly when these agree.
    pub fn fill_uniforms(&self, start: u64, mut out: ArrayViewMut2<'_, f64>) {
        let mut scratch = Vec::new();
        for (k, src) in &self.singles {
            let mut row = out.row_mut(*k);
            let row = row.as_slice_mut().expect("rows are contiguous");
            src.fill(start, row);
        }
        let n = out.ncols();
        let mut z = Vec::new();
        for (group, sources) in &self.groups {
            let m = group.members.len();
            z.resize(m * n, 0.0);
            debug_assert_eq!(group.chol[0], [1.0]);
            // The first member's score is its own (its Cholesky row is [1]):
            // it keeps its uniform as drawn, so under LHS its strata stay
            // exact whatever the rounding of Φ(Φ⁻¹(u)).
            let first = &mut out.row_mut(group.members[0]);
            let first = first.as_slice_mut().expect("rows are contiguous");
            sources[0].fill(start, first);
            for (i, src) in sources.iter().enumerate() {
                let zi = &mut z[i * n..(i + 1) * n];
                if i == 0 {
                    zi.copy_from_slice(first);
                } else {
                    src.fill(start, zi);
                }
                norm_quantiles(zi, &mut scratch);
            }
            for j in 0..n {
                for (i, &k) in group.members.iter().enumerate().skip(1) {
                    let row = &group.chol[i];
                    let mut s = 0.0;
                    for (l, c) in row.iter().enumerate().take(i + 1) {
                        s += c * z[l * n + j];
                    }
                    out[[k, j]] = norm_cdf(s).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON / 2.0);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_is_random_access() {
        let key = StreamKey::new("test", 7, "a.b");
        let mut all = vec![0.0; 100];
        key.fill_uniforms(0, &mut all);
        let mut tail = vec![0.0; 10];
        key.fill_uniforms(37, &mut tail);
        assert_eq!(&all[37..47], &tail[..]);
        assert_eq!(key.uniform(99), all[99]);
        assert_ne!(StreamKey::new("test", 8, "a.b"), key);
        assert_ne!(StreamKey::new("test", 7, "a.c"), key);
    }

    #[test]
    fn bulk_uniforms_are_the_generators_words_in_order() {
        // The words one `next_u64` at a time, from odd and even starts,
        // over spans that cross the bulk reads' chunks and the generator's
        // 4-block buffer.
        let key = StreamKey::new("test", 9, "x");
        for (start, len) in [(0u64, 1usize), (37, 300), (1024, 1024), (5, 129)] {
            let mut rng = ChaCha8Rng::from_seed(key.0);
            rng.set_word_pos(u128::from(start) * 2);
            let want: Vec<f64> = (0..len).map(|_| unit_open(rng.next_u64())).collect();
            let mut got = vec![0.0; len];
            key.fill_uniforms(start, &mut got);
            assert_eq!(got, want, "start {start}, {len} draws");
        }
    }

    #[test]
    fn pinned_values_stay_stable() {
        // Value stability: if these change, every published result changes.
        let key = StreamKey::new("esante/param/v1", 42, "segments.hospitals.q");
        let got: Vec<f64> = [0, 1, 1_000_000].iter().map(|&i| key.uniform(i)).collect();
        assert_eq!(got, PINNED);
        let p = Permutation::new(1000, &StreamKey::new("esante/lhs-permutation/v1", 42, "x"));
        let img: Vec<u64> = (0..4).map(|i| p.apply(i)).collect();
        assert_eq!(img, PINNED_PERM);
    }

    const PINNED: [f64; 3] = [0.9905956013494513, 0.5903844158998247, 0.2690405715367036];
    const PINNED_PERM: [u64; 4] = [857, 180, 881, 969];

    #[test]
    fn permutation_is_a_bijection() {
        for n in [1u64, 2, 3, 5, 16, 17, 1000, 4097] {
            let p = Permutation::new(n, &StreamKey::new("perm", 1, "x"));
            let mut seen = vec![false; n as usize];
            for i in 0..n {
                let j = p.apply(i) as usize;
                assert!(!seen[j], "n={n}: {j} twice");
                seen[j] = true;
            }
        }
    }

    #[test]
    fn correlated_lhs_keeps_every_draw_of_a_first_member_in_its_stratum() {
        use crate::dist::Dist;
        let n = 100_003usize;
        let unit = Distribution::new(Dist::Uniform { min: 0.0, max: 1.0 }).unwrap();
        let paths: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let groups = copula_groups(3, &[(0, 1, 0.6), (1, 2, -0.4)]).unwrap();
        let sampler = Sampler::new(
            &paths,
            &[unit.clone(), unit.clone(), unit],
            &groups,
            7,
            n as u64,
            Sampling::Lhs,
        );
        let mut out = ndarray::Array2::<f64>::zeros((3, n));
        sampler.fill(0, out.view_mut());
        // One draw per stratum for the first member, exactly; the others keep
        // their marginal (uniform here) and move together with it.
        let mut strata: Vec<usize> = out
            .row(0)
            .iter()
            .map(|&u| (u * n as f64) as usize)
            .collect();
        strata.sort_unstable();
        assert!(strata.iter().enumerate().all(|(i, &s)| i == s));
        // The round trip through the normal score keeps the strata too.
        let moved = out
            .row(0)
            .iter()
            .filter(|&&u| {
                let back = norm_cdf(crate::dist::norm_quantile(u));
                (back * n as f64) as usize != (u * n as f64) as usize
            })
            .count();
        assert_eq!(moved, 0, "Φ(Φ⁻¹(u)) left its stratum");
        for k in 1..3 {
            let mean = out.row(k).sum() / n as f64;
            assert!((mean - 0.5).abs() < 0.01, "member {k}: mean {mean}");
        }
    }
}
