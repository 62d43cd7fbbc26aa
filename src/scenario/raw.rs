//! The serde mirror of a scenario file: shapes and types only, every key
//! optional, unknown keys rejected. [`super::validate`] turns it into a
//! [`super::Scenario`].

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::dist::Value;

/// A whole scenario file (or the merge of an `extends` chain).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// `[scenario]`: identity and horizon.
    pub scenario: Option<RawHeader>,
    /// `[simulation]`: draws, seed, sampling.
    pub simulation: Option<RawSimulation>,
    /// `[axes.<id>]`, in file order.
    #[serde(default)]
    pub axes: IndexMap<String, RawAxis>,
    /// `[segments.<id>]`, in file order.
    #[serde(default)]
    pub segments: IndexMap<String, RawSegment>,
    /// `[market]`.
    pub market: Option<RawMarket>,
    /// `[[correlations]]`.
    #[serde(default)]
    pub correlations: Vec<RawCorrelation>,
    /// `[[targets]]`.
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    /// `[optimize]`.
    pub optimize: Option<RawOptimize>,
    /// `[[observed]]`.
    #[serde(default)]
    pub observed: Vec<RawObserved>,
    /// `[report]`: how the reports read.
    pub report: Option<RawReport>,
}

/// `[report]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// The reports' language: `"en"` or `"fr"`.
    pub lang: Option<String>,
}

/// `[scenario]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// File-system safe id.
    pub name: Option<String>,
    /// Parent scenario file, relative to this one.
    pub extends: Option<String>,
    /// Key paths of inherited entries to take away (see
    /// [`super::remove`]); only with `extends`.
    pub remove: Option<Vec<String>>,
    /// Human title.
    pub title: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// First simulated year.
    pub start_year: Option<i64>,
    /// Last simulated year (inclusive).
    pub end_year: Option<i64>,
}

/// `[simulation]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSimulation {
    /// Number of draws.
    pub draws: Option<i64>,
    /// Random seed.
    pub seed: Option<i64>,
    /// `"mc"` or `"lhs"`.
    pub sampling: Option<String>,
}

/// `[axes.<id>]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    /// Display name.
    pub label: Option<String>,
    /// Public money, M EUR.
    pub budget: Option<f64>,
    /// When the budget is spent.
    pub schedule: Option<RawSchedule>,
    /// Share of the budget actually spent.
    pub execution: Option<RawParam>,
    /// Private EUR per public EUR.
    pub leverage: Option<RawParam>,
    /// Years before spending builds effect.
    pub lag: Option<i64>,
    /// Yearly decay of the effect stock.
    pub depreciation: Option<RawParam>,
    /// Effect stock giving half of the full effect.
    pub half_saturation: Option<RawParam>,
    /// Named outputs per M EUR executed.
    #[serde(default)]
    pub deliverables: IndexMap<String, RawDeliverable>,
}

/// `schedule = { from, to }` or `{ from, amounts }`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    /// First year of spending.
    pub from: Option<i64>,
    /// Last year of a flat schedule.
    pub to: Option<i64>,
    /// Explicit yearly amounts from `from`.
    pub amounts: Option<Vec<f64>>,
}

/// `deliverables.<name> = { per_meur = ... }`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDeliverable {
    /// Units delivered per M EUR of executed public spending.
    pub per_meur: Option<RawParam>,
}

/// `[segments.<id>]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    /// Display name.
    pub label: Option<String>,
    /// Unit of the population, for axis labels.
    pub unit: Option<String>,
    /// Units that could adopt.
    pub population: Option<RawParam>,
    /// Adopted share at the start year.
    pub initial_adoption: Option<RawParam>,
    /// Bass innovation coefficient.
    pub p: Option<RawParam>,
    /// Bass imitation coefficient.
    pub q: Option<RawParam>,
    /// Reachable share without program effect.
    pub ceiling: Option<RawParam>,
    /// EUR per adopter per year at the start year.
    pub value_per_adopter: Option<RawParam>,
    /// Yearly growth of the value per adopter.
    pub value_growth: Option<RawParam>,
    /// Program effects on p, q and the ceiling.
    pub lift: Option<RawLift>,
}

/// `lift.p`, `lift.q`, `lift.ceiling`: axis id to lift coefficient.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLift {
    /// Lifts of the innovation coefficient.
    #[serde(default)]
    pub p: IndexMap<String, RawParam>,
    /// Lifts of the imitation coefficient.
    #[serde(default)]
    pub q: IndexMap<String, RawParam>,
    /// Lifts of the ceiling.
    #[serde(default)]
    pub ceiling: IndexMap<String, RawParam>,
}

/// `[market]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarket {
    /// Exports as a share of the domestic market.
    pub export_ratio: Option<RawParam>,
    /// Program effects on exports.
    pub lift: Option<RawMarketLift>,
}

/// `[market] lift.export_ratio`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMarketLift {
    /// Axis id to lift of the export ratio.
    #[serde(default)]
    pub export_ratio: IndexMap<String, RawParam>,
}

/// `[[correlations]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrelation {
    /// First parameter path.
    pub a: Option<String>,
    /// Second parameter path.
    pub b: Option<String>,
    /// Spearman rank correlation.
    pub rho: Option<f64>,
}

/// `[[targets]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// Metric name, e.g. `market.total`.
    pub metric: Option<String>,
    /// Calendar year.
    pub year: Option<i64>,
    /// Success when the metric is at least this.
    pub at_least: Option<f64>,
    /// Success when the metric is at most this.
    pub at_most: Option<f64>,
    /// Display name.
    pub label: Option<String>,
}

/// `[[observed]]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObserved {
    /// Metric name, e.g. `adoption.patients`.
    pub metric: Option<String>,
    /// Calendar year.
    pub year: Option<i64>,
    /// The observed value, in the metric's unit.
    pub value: Option<f64>,
    /// Observation error (standard deviation), in the metric's unit.
    pub sd: Option<f64>,
    /// Observation error as a share of the value.
    pub rel_sd: Option<f64>,
    /// Where the figure comes from.
    pub source: Option<String>,
}

/// `[optimize]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOptimize {
    /// What to maximise.
    pub objective: Option<RawObjective>,
    /// M EUR to split.
    pub envelope: Option<f64>,
    /// Free axis ids.
    pub axes: Option<Vec<String>>,
    /// Grid step, share of the envelope.
    pub step: Option<f64>,
    /// Least budget per axis id, M EUR.
    pub min: Option<IndexMap<String, f64>>,
    /// Largest budget per axis id, M EUR.
    pub max: Option<IndexMap<String, f64>>,
}

/// `[optimize] objective`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObjective {
    /// Metric name.
    pub metric: Option<String>,
    /// One calendar year.
    pub year: Option<i64>,
    /// First and last calendar years of a sum.
    pub years: Option<Vec<i64>>,
    /// `mean`, `pNN` or `prob`.
    pub statistic: Option<String>,
    /// With `prob`: success when the objective is at least this.
    pub at_least: Option<f64>,
    /// With `prob`: success when the objective is at most this.
    pub at_most: Option<f64>,
}

/// A parameter as written: a bare number or a distribution table.
#[derive(Debug, Clone, PartialEq)]
pub enum RawParam {
    /// A fixed value.
    Fixed(f64),
    /// A distribution table.
    Dist(Box<RawDist>),
}

/// A distribution table, keys as in docs/model.md section 3.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDist {
    /// Kind: uniform, normal, lognormal, triangular, pert, beta, discrete.
    pub dist: Option<String>,
    /// Lower bound.
    pub min: Option<f64>,
    /// Upper bound.
    pub max: Option<f64>,
    /// Mean.
    pub mean: Option<f64>,
    /// Standard deviation.
    pub sd: Option<f64>,
    /// 5th percentile.
    pub p5: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// Most likely value.
    pub mode: Option<f64>,
    /// Beta shape.
    pub alpha: Option<f64>,
    /// Beta shape.
    pub beta: Option<f64>,
    /// Discrete values.
    pub values: Option<Vec<f64>>,
    /// Discrete weights.
    pub weights: Option<Vec<f64>>,
}

impl RawDist {
    /// Every key given but `dist`, in the order of the fields above (numbers,
    /// then lists): what a distribution kind is built from.
    pub fn entries(&self) -> Vec<(&'static str, Value<'_>)> {
        let numbers = [
            ("min", self.min),
            ("max", self.max),
            ("mean", self.mean),
            ("sd", self.sd),
            ("p5", self.p5),
            ("p95", self.p95),
            ("mode", self.mode),
            ("alpha", self.alpha),
            ("beta", self.beta),
        ];
        let lists = [("values", &self.values), ("weights", &self.weights)];
        numbers
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, Value::Number(v))))
            .chain(
                lists
                    .into_iter()
                    .filter_map(|(k, v)| v.as_deref().map(|v| (k, Value::List(v)))),
            )
            .collect()
    }
}

impl<'de> Deserialize<'de> for RawParam {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawParam;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a distribution table such as { dist = \"uniform\", min = 0, max = 1 }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawParam, E> {
                Ok(RawParam::Fixed(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawParam, E> {
                Ok(RawParam::Fixed(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawParam, E> {
                Ok(RawParam::Fixed(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawParam, A::Error> {
                RawDist::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|d| RawParam::Dist(Box::new(d)))
            }
        }
        d.deserialize_any(V)
    }
}
