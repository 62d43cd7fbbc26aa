//! A run spread over machines: the partial result one shard writes
//! (`esante run --shard K/N`) and the merge of all of them (`esante merge`),
//! which gives the statistics of the run in one piece, bit for bit.
//!
//! # The shard file, version 1
//!
//! `shard-K-of-N.json`, UTF-8 JSON, one object:
//!
//! - `format`: `"esante-shard"`; `version`: `1`; `esante_version`;
//! - `scenario`: `name`, `hash` (`sha256:` of the resolved scenario) and
//!   `resolved` (the resolved scenario as canonical TOML: the merge needs no
//!   scenario file);
//! - `run`: `draws`, `seed`, `sampling` (of the whole run);
//! - `shard`: `index` (K, from 0) and `count` (N); `draws`: how many draws
//!   this shard evaluated (its blocks of 1,024 draws, see
//!   [`crate::engine::Shard`]);
//! - `stats`: `series`, per metric and year in the scenario's series order,
//!   the mergeable statistics (count, exact sums of the moments in 32-bit
//!   digits, extremes, the percentile sketch's integer bucket counts,
//!   non-finite count), and `target_hits`, draws meeting each target;
//! - `stats_sha256`: SHA-256 of the `stats` object as written, which the
//!   merge checks.
//!
//! Doubles are JSON numbers in their shortest round-trip form; infinities
//! and NaN are the strings `"inf"`, `"-inf"`, `"NaN"`. Every count is an
//! integer and every sum exact, so merging is associative and commutative:
//! any number of shards, in any order, give the same bits.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::engine::{RunStats, Shard};
use crate::sampling::RunSettings;
use crate::scenario::{Scenario, short_hex};
use crate::stats::SeriesStats;

/// The `format` of a shard file.
pub const FORMAT: &str = "esante-shard";
/// The version of the shard file format this build writes and reads.
pub const VERSION: u32 = 1;

/// One shard's partial result (see the module docs).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// The format version, [`VERSION`].
    pub version: u32,
    /// The esante that wrote it.
    pub esante_version: String,
    /// The scenario, resolved.
    pub scenario: ShardScenario,
    /// The settings of the whole run.
    pub run: RunSettings,
    /// Which shard.
    pub shard: Shard,
    /// Draws this shard evaluated.
    pub draws: u64,
    /// The statistics of those draws.
    pub stats: PartialStats,
    /// SHA-256 of `stats` as written.
    pub stats_sha256: String,
}

/// The scenario of a shard file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardScenario {
    /// Its name.
    pub name: String,
    /// `sha256:` hash of the resolved scenario.
    pub hash: String,
    /// The resolved scenario, canonical TOML.
    pub resolved: String,
    /// The command line's `--set` values it was loaded with (already part
    /// of `resolved`; kept for the report's provenance).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<String>,
}

impl ShardScenario {
    /// The scenario `file` (a shard file) records, checked against its hash.
    pub fn load(&self, file: &Path) -> Result<Scenario, ShardFileError> {
        let invalid = |why: String| ShardFileError::Invalid {
            file: file.to_path_buf(),
            why,
        };
        let origin = PathBuf::from(format!("{} (resolved scenario)", file.display()));
        let mut scenario = Scenario::from_resolved(&origin, &self.resolved)
            .map_err(|e| invalid(format!("its scenario does not load: {e}")))?;
        scenario.overrides = self.overrides.clone();
        if scenario.hash != self.hash {
            return Err(invalid(
                "its scenario does not have the hash it records".into(),
            ));
        }
        Ok(scenario)
    }

    /// What a shard file records of `scenario`.
    pub fn of(scenario: &Scenario) -> ShardScenario {
        ShardScenario {
            name: scenario.name.clone(),
            hash: scenario.hash.clone(),
            resolved: scenario.resolved_text(),
            overrides: scenario.overrides.clone(),
        }
    }
}

/// Mergeable statistics of some of a run's draws.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartialStats {
    /// Per series.
    pub series: Vec<SeriesStats>,
    /// Per target: draws meeting it.
    pub target_hits: Vec<u64>,
}

/// Why shard files cannot be read or merged (a usage error: exit code 2).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ShardFileError {
    /// A file that is not a shard file of this format.
    #[error("{file}: {why}")]
    Invalid {
        /// The file.
        file: PathBuf,
        /// What is wrong.
        why: String,
    },
    /// Shards that do not belong to one run, or an incomplete set.
    #[error("{0}")]
    Set(String),
}

/// The name shard `shard` writes its file under.
pub fn file_name(shard: Shard) -> String {
    format!("shard-{}-of-{}.json", shard.index, shard.count)
}

/// The lowercase hex SHA-256 of `bytes`: a shard file's checksum.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl ShardFile {
    /// The partial result of `shard` of a run of `scenario` with
    /// `settings`, from its statistics.
    pub fn new(
        scenario: &Scenario,
        settings: RunSettings,
        shard: Shard,
        stats: RunStats,
    ) -> ShardFile {
        let stats = PartialStats {
            series: stats.series,
            // Unweighted hits are whole numbers of draws.
            target_hits: stats.target_hits.iter().map(|&h| h as u64).collect(),
        };
        let stats_sha256 = sha256_hex(&serde_json::to_vec(&stats).unwrap_or_default());
        ShardFile {
            format: FORMAT.into(),
            version: VERSION,
            esante_version: env!("CARGO_PKG_VERSION").into(),
            scenario: ShardScenario::of(scenario),
            run: settings,
            shard,
            draws: shard.draws(settings.draws),
            stats,
            stats_sha256,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }

    /// Reads a shard file's text, checking its format, version and the
    /// checksum of its statistics.
    pub fn parse(file: &Path, text: &str) -> Result<ShardFile, ShardFileError> {
        let invalid = |why: String| ShardFileError::Invalid {
            file: file.to_path_buf(),
            why,
        };
        #[derive(Deserialize)]
        struct Head {
            format: Option<String>,
            version: Option<u32>,
        }
        let head: Head = serde_json::from_str(text)
            .map_err(|e| invalid(format!("not a shard file (JSON: {e})")))?;
        if head.format.as_deref() != Some(FORMAT) {
            return Err(invalid(format!(
                "not a shard file (no \"format\": \"{FORMAT}\")"
            )));
        }
        if head.version != Some(VERSION) {
            return Err(invalid(format!(
                "shard file version {:?}; this esante reads version {VERSION}",
                head.version
            )));
        }
        let f: ShardFile = serde_json::from_str(text).map_err(|e| invalid(format!("{e}")))?;
        let sha = sha256_hex(&serde_json::to_vec(&f.stats).unwrap_or_default());
        if sha != f.stats_sha256 {
            return Err(invalid(
                "the statistics do not match their checksum (the file was changed or cut)".into(),
            ));
        }
        Ok(f)
    }
}

/// Checks that the shard indices of `files` (index, file) cover `0..count`
/// exactly once each; names the duplicated and the missing ones otherwise.
pub fn check_set<'a>(
    count: u64,
    files: impl Iterator<Item = (u64, &'a Path)>,
) -> Result<(), ShardFileError> {
    let mut by_index: BTreeMap<u64, Vec<&Path>> = BTreeMap::new();
    for (k, path) in files {
        by_index.entry(k).or_default().push(path);
    }
    let duplicated: Vec<String> = by_index
        .iter()
        .filter(|(_, p)| p.len() > 1)
        .map(|(k, p)| {
            let names: Vec<String> = p.iter().map(|p| p.display().to_string()).collect();
            format!(
                "shard {k}/{count} given {} times ({})",
                p.len(),
                names.join(", ")
            )
        })
        .collect();
    if !duplicated.is_empty() {
        return Err(ShardFileError::Set(duplicated.join("; ")));
    }
    let missing: Vec<u64> = (0..count).filter(|k| !by_index.contains_key(k)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    let shown: Vec<String> = missing
        .iter()
        .take(20)
        .map(|k| format!("{k}/{count}"))
        .collect();
    let more = if missing.len() > 20 {
        format!(" and {} more", missing.len() - 20)
    } else {
        String::new()
    };
    Err(ShardFileError::Set(format!(
        "{} of {count} shards missing: {}{more}",
        missing.len(),
        shown.join(", ")
    )))
}

/// Merges the shard files of one run into its scenario and statistics.
///
/// Checks that every file belongs to the same run (scenario hash, seed,
/// draws, sampling, shard count, esante version) and that each shard from 0
/// to N-1 is there exactly once; names what is missing, duplicated or
/// mismatched otherwise.
pub fn merge(files: Vec<(PathBuf, ShardFile)>) -> Result<(Scenario, RunStats), ShardFileError> {
    let Some((first_path, first)) = files.first() else {
        return Err(ShardFileError::Set("no shard file given".into()));
    };
    let (first_path, first) = (first_path.clone(), first.clone());
    let key = |f: &ShardFile| {
        (
            f.scenario.hash.clone(),
            f.run,
            f.shard.count,
            f.esante_version.clone(),
        )
    };
    for (path, f) in &files {
        if key(f) != key(&first) {
            let what = if f.scenario.hash != first.scenario.hash {
                format!(
                    "scenario {} ({}) vs {} ({})",
                    f.scenario.name,
                    short_hex(&f.scenario.hash),
                    first.scenario.name,
                    short_hex(&first.scenario.hash)
                )
            } else if f.run != first.run {
                format!(
                    "run settings (seed {}, {} draws, {}) vs (seed {}, {} draws, {})",
                    f.run.seed,
                    f.run.draws,
                    f.run.sampling,
                    first.run.seed,
                    first.run.draws,
                    first.run.sampling
                )
            } else if f.shard.count != first.shard.count {
                format!("{} shards vs {}", f.shard.count, first.shard.count)
            } else {
                format!("esante {} vs {}", f.esante_version, first.esante_version)
            };
            return Err(ShardFileError::Set(format!(
                "{} and {} are not shards of the same run: {what}",
                path.display(),
                first_path.display()
            )));
        }
    }
    check_set(
        first.shard.count,
        files.iter().map(|(p, f)| (f.shard.index, p.as_path())),
    )?;
    let scenario = first.scenario.load(&first_path)?;
    let n_series = scenario.metrics.n_series();
    let mut series = vec![SeriesStats::default(); n_series];
    let mut hits = vec![0u64; scenario.targets.len()];
    for (path, f) in &files {
        let invalid = |why: String| ShardFileError::Invalid {
            file: path.clone(),
            why,
        };
        if f.draws != f.shard.draws(f.run.draws) {
            return Err(invalid(format!(
                "{} draws where shard {} has {}",
                f.draws,
                f.shard,
                f.shard.draws(f.run.draws)
            )));
        }
        if f.stats.series.len() != n_series || f.stats.target_hits.len() != hits.len() {
            return Err(invalid(
                "statistics that do not fit the scenario's metrics and targets".into(),
            ));
        }
        for (i, (acc, s)) in series.iter_mut().zip(&f.stats.series).enumerate() {
            s.check_unweighted(f.draws)
                .map_err(|why| invalid(format!("series {i}: {why}")))?;
            acc.merge(s);
        }
        for (acc, &h) in hits.iter_mut().zip(&f.stats.target_hits) {
            if h > f.draws {
                return Err(invalid("more target hits than draws".into()));
            }
            *acc += h;
        }
    }
    let stats = RunStats {
        series,
        target_hits: hits.iter().map(|&h| h as f64).collect(),
        settings: first.run,
        weights: None,
    };
    Ok((scenario, stats))
}
