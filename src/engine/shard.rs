//! One share of a run's draws, for runs spread over a cluster: shard `K/N`
//! evaluates the `K`-th of `N` consecutive, nearly equal ranges of blocks
//! (`K` from 0, as Slurm's `SLURM_ARRAY_TASK_ID` and Kubernetes'
//! `JOB_COMPLETION_INDEX` count). Draws are keyed by their index and
//! statistics merge exactly, so the shards of a run, merged in any order,
//! give the statistics of the run in one piece, bit for bit.

use std::ops::Range;
use std::str::FromStr;

use super::BLOCK;

/// Shard `index` of `count`, with `index < count <= MAX_SHARDS` (checked
/// however it is made: parsed, read from a file, or built by [`Shard::new`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "Parts")]
pub struct Shard {
    /// Which shard, from 0 to `count - 1`.
    pub index: u64,
    /// How many shards the run is cut into (at least 1).
    pub count: u64,
}

/// A `--shard` value that is not `K/N` with `0 <= K < N`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a shard: write K/N with N >= 1 shards and K from 0 to N-1 \
     (for example 0/8, as SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX count)"
)]
pub struct ShardError(String);

/// The most shards a run may be cut into.
pub const MAX_SHARDS: u64 = 1 << 20;

/// A shard as a file holds it, before its check.
#[derive(serde::Deserialize)]
struct Parts {
    index: u64,
    count: u64,
}

impl TryFrom<Parts> for Shard {
    type Error = ShardError;

    fn try_from(p: Parts) -> Result<Shard, ShardError> {
        Shard::new(p.index, p.count)
    }
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let err = || ShardError(s.to_string());
        let (k, n) = s.split_once('/').ok_or_else(err)?;
        let parse = |t: &str| -> Result<u64, ShardError> {
            // Digits only: no sign, no spaces.
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err());
            }
            t.parse().map_err(|_| err())
        };
        Shard::new(parse(k)?, parse(n)?).map_err(|_| err())
    }
}

impl std::fmt::Display for Shard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// The whole run as one shard.
    pub const WHOLE: Shard = Shard { index: 0, count: 1 };

    /// Shard `index` of `count`, if `index < count <= MAX_SHARDS`.
    pub fn new(index: u64, count: u64) -> Result<Shard, ShardError> {
        if count == 0 || index >= count || count > MAX_SHARDS {
            return Err(ShardError(format!("{index}/{count}")));
        }
        Ok(Shard { index, count })
    }

    /// This shard's blocks among `n_blocks`: the `index`-th of `count`
    /// consecutive ranges whose sizes differ by at most one (some empty when
    /// there are more shards than blocks).
    pub fn blocks(self, n_blocks: usize) -> Range<usize> {
        let at = |k: u64| (u128::from(k) * n_blocks as u128 / u128::from(self.count)) as usize;
        at(self.index)..at(self.index + 1)
    }

    /// Number of draws this shard evaluates in a run of `draws` draws.
    pub fn draws(self, draws: u64) -> u64 {
        let blocks = self.blocks((draws as usize).div_ceil(BLOCK).max(1));
        let first = (blocks.start * BLOCK) as u64;
        let end = ((blocks.end * BLOCK) as u64).min(draws);
        end.saturating_sub(first)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_as_k_of_n() {
        assert_eq!("0/1".parse(), Ok(Shard::WHOLE));
        assert_eq!("7/8".parse(), Ok(Shard { index: 7, count: 8 }));
        for bad in [
            "8/8", "0/0", "-1/4", "1", "a/b", "1/ 4", "", "1/2/3", "+1/4",
        ] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
        assert_eq!(Shard { index: 2, count: 3 }.to_string(), "2/3");
        // Read from a file, a shard is checked the same way.
        let read = |t: &str| serde_json::from_str::<Shard>(t).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"index": 1, "count": 3}"#),
            Ok(Shard { index: 1, count: 3 })
        );
        assert!(
            read(r#"{"index": 3, "count": 3}"#)
                .unwrap_err()
                .contains("is not a shard")
        );
    }

    #[test]
    fn shards_cover_every_block_once() {
        for n_blocks in [1, 2, 5, 977] {
            for count in [1, 2, 3, 7, 16, 1000] {
                let mut next = 0;
                for index in 0..count {
                    let b = Shard { index, count }.blocks(n_blocks);
                    assert_eq!(b.start, next);
                    next = b.end;
                }
                assert_eq!(next, n_blocks);
            }
        }
        let draws = 10 * BLOCK as u64 + 17;
        let total: u64 = (0..3)
            .map(|index| Shard { index, count: 3 }.draws(draws))
            .sum();
        assert_eq!(total, draws);
    }
}
