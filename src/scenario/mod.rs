//! Scenarios: the TOML file format (docs/model.md sections 2-3) and its validated form.
//!
//! Loading has two stages. [`raw`] mirrors the file with serde (every key
//! optional, unknown keys rejected); [`validate`] checks every rule and builds a
//! [`Scenario`] whose uncertain parameters are ready-to-sample
//! [`Distribution`]s. The engine only ever sees a [`Scenario`]. An axis' yearly
//! spending follows from its budget and schedule by [`plan::yearly_plan`], which
//! [`Scenario::with_budgets`] uses to re-budget a validated scenario.
//!
//! ```no_run
//! let scenario = esante::Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! println!("{} uncertain parameters", scenario.uncertain.len());
//! # Ok::<(), esante::scenario::ScenarioError>(())
//! ```

pub mod domain;
pub mod economics;
pub mod error;
pub mod load;
pub mod locate;
pub mod merge;
pub mod metrics;
pub mod optimize;
pub mod overrides;
pub mod plan;
pub mod raw;
pub mod read;
pub mod remove;
pub mod schema;
pub mod validate;

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use economics::Economics;
pub use error::{Diagnostic, Issue, Location, ScenarioError};
pub use metrics::{Metric, MetricIndex, MetricInfo, MetricKind, Series};
pub use overrides::Overrides;
pub use plan::Schedule;

use crate::dist::Distribution;
use crate::lang::Lang;
use crate::sampling::{CopulaGroup, RunSettings};

/// A validated scenario, ready to run.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// File-system safe id (`[a-z0-9-]+`).
    pub name: String,
    /// Human title (defaults to the name).
    pub title: String,
    /// Longer description.
    pub description: Option<String>,
    /// First simulated year.
    pub start_year: i32,
    /// Last simulated year (inclusive).
    pub end_year: i32,
    /// The `[simulation]` table: the draws, seed and sampling a run uses
    /// unless told otherwise. Commands resolve their own [`RunSettings`] from
    /// it and pass them beside the scenario; nothing writes them back.
    pub simulation: RunSettings,
    /// The `[report]` table's language of the reports (English by default);
    /// `--lang` overrides it. It changes words, never numbers, and is not
    /// part of [`Scenario::hash`].
    pub lang: Lang,
    /// Funding axes, in file order.
    pub axes: Vec<Axis>,
    /// Adopting populations, in file order.
    pub segments: Vec<Segment>,
    /// Export settings.
    pub market: Market,
    /// The `[economics]` table (discounting), when the scenario has one:
    /// then the metrics include the present values (`pv.*`).
    pub economics: Option<Economics>,
    /// The metrics of the model and their series.
    pub metrics: MetricIndex,
    /// Every uncertain parameter: its path and distribution. [`Param::Uncertain`]
    /// indexes this list.
    pub uncertain: Vec<Uncertain>,
    /// Declared rank correlations.
    pub correlations: Vec<Correlation>,
    /// Groups of correlated parameters with their Cholesky factors.
    pub copula_groups: Vec<CopulaGroup>,
    /// Probability targets.
    pub targets: Vec<Target>,
    /// Observed figures, in file order.
    pub observed: Vec<Observation>,
    /// `sha256:` hash of the resolved scenario (after `extends`), canonical TOML,
    /// without its `[report]` table: [`canonical_hash`] of [`Scenario::resolved`].
    pub hash: String,
    /// The resolved scenario table: every file of the `extends` chain merged,
    /// `extends` removed. [`Scenario::with_budgets`] keeps it up to date.
    pub resolved: toml::Table,
    /// The files read, most derived first.
    pub files: Vec<PathBuf>,
    /// The command line's `--set` values, as `path=value` (the value in
    /// TOML), in order: they are part of [`Scenario::resolved`] and shown
    /// in the report's provenance.
    pub overrides: Vec<String>,
    /// What validation found suspicious but allowed (a share of draws
    /// starting above the ceiling, a target that cannot be met, an axis whose
    /// money lifts nothing), located like errors. Commands print them.
    pub warnings: Vec<Diagnostic>,
    /// The `[optimize]` table, each key checked (see [`optimize::Spec`]).
    pub optimize: Option<optimize::Spec>,
}

impl Scenario {
    /// Loads and validates a scenario file and its `extends` chain.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        Scenario::load_with(path, &Overrides::default())
    }

    /// [`Scenario::load`] with the command line's `--set` values applied
    /// after `extends` and before validation (they are part of the
    /// resolved scenario and its hash, and listed in
    /// [`Scenario::overrides`]).
    pub fn load_with(path: &Path, overrides: &Overrides) -> Result<Scenario, ScenarioError> {
        let loaded = load::load_with(path, overrides)?;
        validate::validate(&loaded)
    }

    /// A scenario from its resolved text ([`Scenario::resolved_text`], as a
    /// shard file carries it); `origin` names it in messages. It has the
    /// hash of the scenario the text was written from.
    pub fn from_resolved(origin: &Path, text: &str) -> Result<Scenario, ScenarioError> {
        let loaded = load::from_text(origin, text)?;
        validate::validate(&loaded)
    }

    /// The resolved scenario as canonical TOML, `[report]` included (what a
    /// shard file carries).
    pub fn resolved_text(&self) -> String {
        toml::to_string(&self.resolved).unwrap_or_default()
    }

    /// The resolved scenario without its `[report]` table: what the
    /// numbers depend on, as canonical TOML, the text [`Scenario::hash`] is
    /// the hash of. A report folder's `scenario.toml` holds it (its
    /// regenerate command says the language).
    pub fn computed_text(&self) -> String {
        toml::to_string(&computed(&self.resolved)).unwrap_or_default()
    }

    /// Number of simulated years `T`.
    pub fn years(&self) -> usize {
        self.metrics.years()
    }

    /// The calendar years, in order.
    pub fn year_list(&self) -> Vec<i32> {
        self.metrics.year_list()
    }

    /// The name of a target's metric.
    pub fn metric_name(&self, m: Metric) -> &str {
        &self.metrics.info(m).name
    }

    /// Index of an axis by id.
    pub fn axis_index(&self, id: &str) -> Option<usize> {
        self.axes.iter().position(|a| a.id == id)
    }
}

/// The first 12 hex digits of a `sha256:` hash, without the prefix (all of
/// it when shorter).
pub fn short_hex(hash: &str) -> &str {
    let h = hash.strip_prefix("sha256:").unwrap_or(hash);
    h.get(..12).unwrap_or(h)
}

/// The `sha256:` hash of a resolved scenario table: SHA-256 of its canonical
/// TOML, in lowercase hex. The `[report]` table is left out: it says how the
/// reports read, not what they compute, so a scenario has one hash in every
/// language.
pub fn canonical_hash(resolved: &toml::Table) -> String {
    let canonical = toml::to_string(&computed(resolved)).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    digest.iter().fold(String::from("sha256:"), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A resolved scenario table without `[report]`, which says how the
/// reports read, not what they compute.
fn computed(resolved: &toml::Table) -> toml::Table {
    let mut numbers = resolved.clone();
    numbers.remove("report");
    numbers
}

/// A model input: fixed, or drawn from a distribution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Param {
    /// The same value in every draw.
    Fixed(f64),
    /// Index into [`Scenario::uncertain`].
    Uncertain(usize),
}

/// An uncertain parameter.
#[derive(Debug, Clone)]
pub struct Uncertain {
    /// Dotted path, e.g. `segments.hospitals.q`.
    pub path: String,
    /// Its distribution.
    pub dist: Distribution,
}

/// A funding axis.
#[derive(Debug, Clone)]
pub struct Axis {
    /// Axis id (table name).
    pub id: String,
    /// Display name.
    pub label: String,
    /// Public budget, M EUR.
    pub budget: f64,
    /// Planned spending per simulated year, M EUR (length `T`).
    pub plan: Vec<f64>,
    /// First and last year of the schedule, when there is one.
    pub schedule_years: Option<(i32, i32)>,
    /// When the budget is spent, as the file says (none for an axis without money).
    pub schedule: Option<Schedule>,
    /// Share of the budget actually spent, in [0, 1].
    pub execution: Param,
    /// Private EUR per public EUR, >= 0.
    pub leverage: Param,
    /// Years before spending builds effect.
    pub lag: usize,
    /// Yearly decay of the effect stock, in [0, 1).
    pub depreciation: Param,
    /// Effect stock (M EUR) giving 50% of the full effect, > 0.
    pub half_saturation: Param,
    /// Named outputs.
    pub deliverables: Vec<Deliverable>,
}

/// A named output of an axis.
#[derive(Debug, Clone)]
pub struct Deliverable {
    /// Name (table key).
    pub name: String,
    /// Units per M EUR of executed public spending, >= 0.
    pub per_meur: Param,
}

/// A program effect: axis index and coefficient.
pub type Lift = (usize, Param);

/// An adopting population.
#[derive(Debug, Clone)]
pub struct Segment {
    /// Segment id (table name).
    pub id: String,
    /// Display name.
    pub label: String,
    /// Unit of the population.
    pub unit: String,
    /// Units that could adopt, > 0.
    pub population: Param,
    /// Adopted share at the start year, in [0, 1].
    pub initial_adoption: Param,
    /// Bass innovation coefficient, >= 0.
    pub p: Param,
    /// Bass imitation coefficient, >= 0.
    pub q: Param,
    /// Reachable share without program effect, in (0, 1].
    pub ceiling: Param,
    /// EUR per adopter per year at the start year, >= 0.
    pub value_per_adopter: Param,
    /// Yearly growth of the value per adopter, > -1.
    pub value_growth: Param,
    /// Lifts of p by axis.
    pub lift_p: Vec<Lift>,
    /// Lifts of q by axis.
    pub lift_q: Vec<Lift>,
    /// Lifts of the ceiling by axis.
    pub lift_ceiling: Vec<Lift>,
}

/// Export settings.
#[derive(Debug, Clone)]
pub struct Market {
    /// Exports as a share of the domestic market, >= 0.
    pub export_ratio: Param,
    /// Lifts of the export ratio by axis.
    pub lift_export: Vec<Lift>,
}

/// A declared rank correlation between two uncertain parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    /// Index of the first parameter in [`Scenario::uncertain`].
    pub a: usize,
    /// Index of the second parameter.
    pub b: usize,
    /// Target Spearman rank correlation.
    pub rho: f64,
}

/// Which side of a level counts as success.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bound {
    /// Success when the value is `>=` the level.
    AtLeast(f64),
    /// Success when the value is `<=` the level.
    AtMost(f64),
}

impl Bound {
    /// Whether `x` meets the bound.
    #[inline]
    pub fn holds(&self, x: f64) -> bool {
        match *self {
            Bound::AtLeast(l) => x >= l,
            Bound::AtMost(l) => x <= l,
        }
    }

    /// The level.
    pub fn level(&self) -> f64 {
        match *self {
            Bound::AtLeast(l) | Bound::AtMost(l) => l,
        }
    }
}

/// An observed figure (`[[observed]]`): what a metric was in a past year,
/// with its observation error. Runs backtest against it; `calibrate` weights
/// the draws by it.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The metric.
    pub metric: Metric,
    /// Calendar year.
    pub year: i32,
    /// The metric in that year.
    pub series: Series,
    /// The observed value, in the metric's unit.
    pub value: f64,
    /// Observation error: the standard deviation of a normal error, in the
    /// metric's unit (`sd`, or `rel_sd` times the value).
    pub sd: f64,
    /// Where the figure comes from.
    pub source: String,
}

/// A probability target: how likely a metric reaches a level in a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The metric.
    pub metric: Metric,
    /// Calendar year.
    pub year: i32,
    /// The metric in that year.
    pub series: Series,
    /// The level and its side.
    pub bound: Bound,
    /// Display name.
    pub label: String,
}
