//! `esante optimize --shard K/N`: shard K evaluates its share of the search's
//! grid (the expensive step of a fine grid) and writes the splits' in-sample
//! summaries to `shard-K-of-N.json`; `esante merge` reads the N files and
//! finishes the search (refinement, shortlist, independent check, marginal
//! returns): the report of `esante optimize` with the same settings, byte for
//! byte.
//!
//! # The file, version 1
//!
//! JSON: `format` (`"esante-optimize-shard"`), `version` (1),
//! `esante_version`, `scenario` (`name`, `hash`, `resolved`: canonical TOML),
//! `request` (the flags that pose the problem, as `--flag=value` strings,
//! resolved again by the merge against the scenario), `settings` (the
//! resolved problem and draws, as text, which every shard must share),
//! `shard` (`index`, `count`), `grid` (the number of grid splits), `first`
//! (the index of this shard's first split), `summaries` (per split: value,
//! mean, sd, p5, p10, p50, p90, p95; non-finite numbers as strings) and
//! `summaries_sha256`.

use std::path::{Path, PathBuf};

use clap::Parser;
use esante::Scenario;
use esante::analysis::optimize::{self, Summary};
use esante::analysis::shard::{self, ShardScenario};
use esante::engine::Shard;
use esante::stats::serial::float;
use serde::{Deserialize, Serialize};

use super::UsageError;
use super::lowargs::OptimizeArgs;

/// The `format` of an optimisation shard file.
pub const FORMAT: &str = "esante-optimize-shard";
const VERSION: u32 = 1;

/// One shard's part of an optimisation's grid.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OptimizeShardFile {
    format: String,
    version: u32,
    esante_version: String,
    scenario: ShardScenario,
    request: Vec<String>,
    settings: String,
    shard: Shard,
    grid: usize,
    first: usize,
    summaries: Vec<Record>,
    summaries_sha256: String,
}

/// A [`Summary`] as written.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Record(
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
    #[serde(with = "float")] f64,
);

impl From<Summary> for Record {
    fn from(s: Summary) -> Record {
        Record(s.value, s.mean, s.sd, s.p5, s.p10, s.p50, s.p90, s.p95)
    }
}

impl From<Record> for Summary {
    fn from(r: Record) -> Summary {
        Summary {
            value: r.0,
            mean: r.1,
            sd: r.2,
            p5: r.3,
            p10: r.4,
            p50: r.5,
            p90: r.6,
            p95: r.7,
        }
    }
}

fn sha256_hex(records: &[Record]) -> String {
    shard::sha256_hex(&serde_json::to_vec(records).unwrap_or_default())
}

/// The flags of `a` that pose the problem and draw the draws, as
/// `--flag=value` strings (output flags left out).
pub fn request(a: &OptimizeArgs) -> Vec<String> {
    let mut v = Vec::new();
    let mut add = |flag: &str, value: Option<String>| {
        if let Some(x) = value {
            v.push(format!("--{flag}={x}"));
        }
    };
    add("objective", a.objective.clone());
    add("statistic", a.statistic.clone());
    add("at-least", a.at_least.map(|x| x.to_string()));
    add("at-most", a.at_most.map(|x| x.to_string()));
    add("envelope", a.envelope.map(|x| x.to_string()));
    add("axes", a.axes.as_ref().map(|x| x.join(",")));
    add("step", a.step.map(|x| x.to_string()));
    for m in &a.min {
        add("min", Some(m.clone()));
    }
    for m in &a.max {
        add("max", Some(m.clone()));
    }
    add("draws", a.draws.map(|x| x.to_string()));
    add("seed", a.settings.seed.map(|x| x.to_string()));
    add(
        "sampling",
        a.settings
            .sampling
            .and_then(|s| clap::ValueEnum::to_possible_value(&s))
            .map(|v| v.get_name().to_string()),
    );
    if a.calibrated {
        v.push("--calibrated".into());
    }
    v
}

impl OptimizeShardFile {
    /// Evaluates shard `shard` of the grid of `settings` and returns its file.
    pub fn compute(
        scenario: &Scenario,
        settings: &optimize::Settings,
        calibrated: bool,
        request: Vec<String>,
        shard: Shard,
        observer: &dyn esante::engine::Observer,
    ) -> Result<OptimizeShardFile, optimize::OptimizeError> {
        let grid = optimize::grid_splits(&settings.problem).len();
        let range = shard.blocks(grid);
        let first = range.start;
        let summaries: Vec<Record> =
            optimize::grid_summaries(scenario, settings, calibrated, range, observer)?
                .into_iter()
                .map(Record::from)
                .collect();
        Ok(OptimizeShardFile {
            format: FORMAT.into(),
            version: VERSION,
            esante_version: env!("CARGO_PKG_VERSION").into(),
            scenario: ShardScenario::of(scenario),
            request,
            settings: settings_text(settings, calibrated),
            shard,
            grid,
            first,
            summaries_sha256: sha256_hex(&summaries),
            summaries,
        })
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default() + "\n"
    }

    /// Reads a file's text, checking format, version and checksum.
    pub fn parse(file: &Path, text: &str) -> Result<OptimizeShardFile, UsageError> {
        let bad = |why: String| UsageError(format!("{}: {why}", file.display()));
        let f: OptimizeShardFile = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if f.format != FORMAT || f.version != VERSION {
            return Err(bad(format!(
                "{} version {}; this esante reads {FORMAT} version {VERSION}",
                f.format, f.version
            )));
        }
        if sha256_hex(&f.summaries) != f.summaries_sha256 {
            return Err(bad(
                "the summaries do not match their checksum (the file was changed or cut)".into(),
            ));
        }
        Ok(f)
    }
}

/// The resolved problem and draws as a shard file records them: every
/// shard of one optimisation has the same.
pub fn settings_text(settings: &optimize::Settings, calibrated: bool) -> String {
    format!("{settings:?} calibrated={calibrated}")
}

/// What the merge of optimisation shards reads: the caller resolves `args`
/// against `scenario` and checks the result against `settings`.
pub struct Merged {
    /// The scenario, from the files.
    pub scenario: Scenario,
    /// The flags that posed the problem.
    pub args: OptimizeArgs,
    /// The resolved settings the shards recorded ([`settings_text`]).
    pub settings: String,
    /// Every grid split's summary, in grid order.
    pub grid: Vec<Summary>,
}

/// Checks that `files` are the N shards of one optimisation, each once,
/// and puts their grids together.
pub fn merge(files: Vec<(PathBuf, OptimizeShardFile)>) -> anyhow::Result<Merged> {
    let set = |m: String| -> anyhow::Error { UsageError(m).into() };
    let Some((first_path, first)) = files.first().cloned() else {
        return Err(set("no shard file given".into()));
    };
    for (path, f) in &files {
        let same = f.scenario.hash == first.scenario.hash
            && f.settings == first.settings
            && f.shard.count == first.shard.count
            && f.grid == first.grid
            && f.esante_version == first.esante_version;
        if !same {
            return Err(set(format!(
                "{} and {} are not shards of the same optimisation (scenario, settings, shard count or esante version differ)",
                path.display(),
                first_path.display()
            )));
        }
    }
    shard::check_set(
        first.shard.count,
        files.iter().map(|(p, f)| (f.shard.index, p.as_path())),
    )
    .map_err(|e| set(e.to_string()))?;
    let scenario = first
        .scenario
        .load(&first_path)
        .map_err(|e| set(e.to_string()))?;
    let mut argv = vec![
        "esante".to_string(),
        "optimize".into(),
        "SCENARIO.toml".into(),
    ];
    argv.extend(first.request.iter().cloned());
    let args = match super::lowargs::Cli::try_parse_from(&argv) {
        Ok(super::lowargs::Cli {
            command: super::lowargs::Command::Optimize(a),
        }) => a,
        _ => {
            return Err(set(format!(
                "{}: its request does not parse",
                first_path.display()
            )));
        }
    };
    let mut grid = vec![None; first.grid];
    for (path, f) in &files {
        let range = f.shard.blocks(first.grid);
        if f.first != range.start || f.summaries.len() != range.len() {
            return Err(set(format!(
                "{}: its splits are not those of shard {}",
                path.display(),
                f.shard
            )));
        }
        for (k, r) in f.summaries.iter().enumerate() {
            grid[range.start + k] = Some(Summary::from(*r));
        }
    }
    Ok(Merged {
        scenario,
        args,
        settings: first.settings,
        grid: grid
            .into_iter()
            .map(|s| s.expect("every shard checked"))
            .collect(),
    })
}
