//! How much memory a job will hold, estimated before it starts, so that a
//! setting too large for the machine is refused with a clear message instead
//! of an abort halfway through.
//!
//! The estimates count the large buffers (statistics per series, lanes per
//! block, kept draws, Sobol matrices and bootstrap tables) with saturating
//! arithmetic, so absurd settings give `u64::MAX` rather than an overflow.
//! They are upper-side approximations: the figures measured with
//! `/usr/bin/time -v` on the shipped scenarios are below them.

use crate::scenario::Scenario;

use super::BLOCK;

/// The default limit: 8 GiB.
pub const DEFAULT_LIMIT: u64 = 8 << 30;

/// Bytes of one series' statistics in one accumulator: moments, extremes
/// and a sketch whose window spans a few powers of two (256 buckets each).
/// Measured: 8,000 segments over 10 years (240,000 series), 20,000 draws on
/// 2 threads peak at 1.6 GB; the estimate is 2.3 GB.
const SERIES_BYTES: u64 = 1 << 10;

/// Accumulators alive at once on `threads` threads: one leaf per thread and
/// a finished leaf or two waiting for their sibling in the merge tree.
fn live_accumulators(threads: usize) -> u64 {
    (threads as u64).saturating_add(2)
}

/// Lanes of the yearly model and sampled rows of one block of a scenario.
fn block_bytes(s: &Scenario) -> u64 {
    let lanes = 8 * s.axes.len() + 10 * s.segments.len() + s.uncertain.len() + 8;
    (lanes as u64)
        .saturating_mul(BLOCK as u64)
        .saturating_mul(8)
}

/// Memory of the statistics of a run of each of `scenarios` (in lockstep, as
/// `compare` runs them, with `extra` more per-series accumulators per
/// scenario, such as paired differences) on `threads` threads. It does not
/// grow with the number of draws.
pub fn run_bytes(scenarios: &[&Scenario], extra: usize, threads: usize) -> u64 {
    let live = live_accumulators(threads);
    scenarios
        .iter()
        .map(|s| {
            let series = s.metrics.n_series() as u64;
            let stats = series
                .saturating_mul(SERIES_BYTES)
                .saturating_mul(1 + extra as u64);
            // Finished leaves hold statistics; only running ones hold lanes.
            stats
                .saturating_mul(live)
                .saturating_add(block_bytes(s).saturating_mul(threads as u64))
        })
        .fold(0u64, u64::saturating_add)
}

/// A refusal: what would need more memory than allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct TooLarge {
    /// The job, in words (e.g. "the Sobol analysis (N = 1,000,000)").
    pub what: String,
    /// Estimated bytes.
    pub need: u64,
    /// The limit, bytes.
    pub limit: u64,
    /// The settings that lower it, in words (e.g. "lower --draws").
    pub fix: String,
}

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let limit = human_bytes(self.limit);
        let gib = self.need.div_ceil(1 << 30).max(1);
        if self.need == u64::MAX || gib > 1 << 20 {
            write!(
                f,
                "{} needs more memory than any machine has (above {}), far above the \
                 limit of {limit} set by --max-memory; {}",
                self.what,
                human_bytes(self.need.min(1 << 50)),
                self.fix
            )
        } else {
            write!(
                f,
                "{} needs about {} of memory, above the limit of {limit}; {}, \
                 or raise the limit with --max-memory (e.g. --max-memory {gib}G)",
                self.what,
                human_bytes(self.need),
                self.fix
            )
        }
    }
}

/// Refuses `need` bytes above `limit`.
pub fn check(what: String, need: u64, limit: u64, fix: &str) -> Result<(), TooLarge> {
    if need <= limit {
        return Ok(());
    }
    Err(TooLarge {
        what,
        need,
        limit,
        fix: fix.to_string(),
    })
}

/// A size in binary units with one decimal, e.g. `12.5 GiB`.
pub fn human_bytes(b: u64) -> String {
    if b == u64::MAX {
        return "more than 16 EiB".to_string();
    }
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
    let mut v = b as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < units.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{b} bytes")
    } else {
        format!("{v:.1} {}", units[u])
    }
}

/// Parses a size: bytes, or a number with a binary suffix `K`, `M`, `G`, `T`
/// (optionally followed by `iB` or `B`), e.g. `512M`, `16G`, `1.5GiB`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let shift = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        other => {
            return Err(format!(
                "unknown unit `{other}`: use a number of bytes or K, M, G, T (e.g. 16G)"
            ));
        }
    };
    let v: f64 = num
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 512M, 16G)"))?;
    let bytes = v * (1u64 << shift) as f64;
    if !(bytes >= 1.0 && bytes < u64::MAX as f64) {
        return Err(format!(
            "`{text}` is not a usable size (from 1 byte to 16 EiB)"
        ));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1.5GiB"), Ok(3 << 29));
        assert_eq!(parse_size("100"), Ok(100));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("-1G").is_err());
        assert_eq!(human_bytes(3 << 29), "1.5 GiB");
        assert_eq!(human_bytes(10), "10 bytes");
    }

    #[test]
    fn refusal_names_need_limit_and_flag() {
        let e = check("the job".into(), 10 << 30, 8 << 30, "lower --draws").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the job needs about 10.0 GiB of memory, above the limit of 8.0 GiB; \
             lower --draws, or raise the limit with --max-memory (e.g. --max-memory 10G)"
        );
    }
}
