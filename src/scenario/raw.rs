//! The serde mirror of a scenario file: shapes and types only, every key
//! optional, unknown keys rejected. [`super::validate`] turns it into a
//! [`super::Scenario`].
//!
//! The same types give the JSON Schema of the format ([`super::schema`]):
//! each field's doc comment is its description there, and its
//! `#[schemars(...)]` attribute states the range that validation enforces,
//! from the constants of [`super::domain`].

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::domain::{
    FIRST_YEAR, ID_PATTERN, LAST_YEAR, MAX_DESCRIPTION, MAX_LABEL, MAX_LAG, MAX_STEP, MAX_TITLE,
    NAME_PATTERN,
};
use crate::dist::Value;

mod param_schema;

/// A whole scenario file (or the merge of an `extends` chain).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// `[scenario]`: identity and horizon.
    pub scenario: Option<RawHeader>,
    /// `[simulation]`: draws, seed, sampling (the command line's flags override it).
    pub simulation: Option<RawSimulation>,
    /// `[axes.<id>]`: one table per funding axis, its name the axis id.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": ID_PATTERN }))]
    pub axes: IndexMap<String, RawAxis>,
    /// `[segments.<id>]`: one table per adopting population, its name the segment id.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": ID_PATTERN }))]
    pub segments: IndexMap<String, RawSegment>,
    /// `[market]`: exports.
    pub market: Option<RawMarket>,
    /// `[[correlations]]`: Spearman rank correlations of uncertain parameters.
    #[serde(default)]
    pub correlations: Vec<RawCorrelation>,
    /// `[[targets]]`: the probability that a metric reaches a level.
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    /// `[optimize]`: the settings of `esante optimize`.
    pub optimize: Option<RawOptimize>,
    /// `[[observed]]`: observed figures, for `esante calibrate`.
    #[serde(default)]
    pub observed: Vec<RawObserved>,
    /// `[economics]`: discounting; without it no present value is computed.
    pub economics: Option<RawEconomics>,
    /// `[report]`: how the reports read.
    pub report: Option<RawReport>,
}

/// `[report]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    /// The reports' language: `"en"` (default) or `"fr"`; `--lang`
    /// overrides it.
    #[schemars(schema_with = "param_schema::lang_schema")]
    pub lang: Option<String>,
}

/// `[scenario]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// Required: lowercase letters, digits and `-`; the report folder's name. Never inherited.
    #[schemars(regex(pattern = NAME_PATTERN))]
    pub name: Option<String>,
    /// Parent scenario file, relative to this one.
    pub extends: Option<String>,
    /// Key paths of inherited entries to take away, e.g. `axes.deployment`
    /// or `targets[1]`; only with `extends`.
    pub remove: Option<Vec<String>>,
    /// Human title.
    #[schemars(length(max = MAX_TITLE))]
    pub title: Option<String>,
    /// Longer description.
    #[schemars(length(max = MAX_DESCRIPTION))]
    pub description: Option<String>,
    /// First simulated year.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub start_year: Option<i64>,
    /// Last simulated year (inclusive), not before `start_year`.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub end_year: Option<i64>,
}

/// `[simulation]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSimulation {
    /// Number of draws.
    #[schemars(range(min = 1))]
    pub draws: Option<i64>,
    /// Random seed.
    #[schemars(range(min = 0))]
    pub seed: Option<i64>,
    /// `"mc"` (plain Monte Carlo, the default) or `"lhs"` (Latin hypercube).
    #[schemars(schema_with = "param_schema::sampling_schema")]
    pub sampling: Option<String>,
}

/// `[axes.<id>]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    /// Display name.
    #[schemars(length(max = MAX_LABEL))]
    pub label: Option<String>,
    /// Public money, M EUR (a fixed number).
    #[schemars(range(min = 0))]
    pub budget: Option<f64>,
    /// When the budget is spent: `{ from, to }` (flat) or `{ from, amounts }`.
    pub schedule: Option<RawSchedule>,
    /// Share of the budget actually spent (default 1).
    #[schemars(schema_with = "param_schema::unit")]
    pub execution: Option<RawParam>,
    /// Private EUR per public EUR (default 0).
    #[schemars(schema_with = "param_schema::non_negative")]
    pub leverage: Option<RawParam>,
    /// Whole years before spending builds effect (default 0).
    #[schemars(range(min = 0, max = MAX_LAG))]
    pub lag: Option<i64>,
    /// Yearly decay of the effect stock (default 0).
    #[schemars(schema_with = "param_schema::unit_open_top")]
    pub depreciation: Option<RawParam>,
    /// Required: effect stock (M EUR) giving half of the full effect.
    #[schemars(schema_with = "param_schema::positive")]
    pub half_saturation: Option<RawParam>,
    /// Named outputs per M EUR executed.
    #[serde(default)]
    #[schemars(extend("propertyNames" = { "pattern": ID_PATTERN }))]
    pub deliverables: IndexMap<String, RawDeliverable>,
}

/// `schedule = { from, to }` or `{ from, amounts }`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSchedule {
    /// First year of spending.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub from: Option<i64>,
    /// Last year of a flat schedule.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub to: Option<i64>,
    /// Explicit yearly amounts from `from`.
    #[schemars(length(min = 1), inner(range(min = 0)))]
    pub amounts: Option<Vec<f64>>,
}

/// `deliverables.<name> = { per_meur = ... }`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDeliverable {
    /// Units delivered per M EUR of executed public spending.
    #[schemars(schema_with = "param_schema::non_negative")]
    pub per_meur: Option<RawParam>,
}

/// `[segments.<id>]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSegment {
    /// Display name.
    #[schemars(length(max = MAX_LABEL))]
    pub label: Option<String>,
    /// Unit of the population, for axis labels.
    #[schemars(length(max = MAX_LABEL))]
    pub unit: Option<String>,
    /// Required: units that could adopt.
    #[schemars(schema_with = "param_schema::positive")]
    pub population: Option<RawParam>,
    /// Required: adopted share at the start year.
    #[schemars(schema_with = "param_schema::unit")]
    pub initial_adoption: Option<RawParam>,
    /// Required: Bass innovation coefficient.
    #[schemars(schema_with = "param_schema::non_negative")]
    pub p: Option<RawParam>,
    /// Required: Bass imitation coefficient.
    #[schemars(schema_with = "param_schema::non_negative")]
    pub q: Option<RawParam>,
    /// Required: reachable share without program effect.
    #[schemars(schema_with = "param_schema::unit_open_bottom")]
    pub ceiling: Option<RawParam>,
    /// Required: EUR per adopter per year at the start year.
    #[schemars(schema_with = "param_schema::non_negative")]
    pub value_per_adopter: Option<RawParam>,
    /// Yearly growth of the value per adopter (default 0).
    #[schemars(schema_with = "param_schema::above_minus_one")]
    pub value_growth: Option<RawParam>,
    /// Program effects on p, q and the ceiling.
    pub lift: Option<RawLift>,
}

/// `lift.p`, `lift.q`, `lift.ceiling`: axis id to lift coefficient.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLift {
    /// Lifts of the innovation coefficient.
    #[serde(default)]
    #[schemars(schema_with = "param_schema::lifts")]
    pub p: IndexMap<String, RawParam>,
    /// Lifts of the imitation coefficient.
    #[serde(default)]
    #[schemars(schema_with = "param_schema::lifts")]
    pub q: IndexMap<String, RawParam>,
    /// Lifts of the ceiling.
    #[serde(default)]
    #[schemars(schema_with = "param_schema::lifts")]
    pub ceiling: IndexMap<String, RawParam>,
}

/// `[market]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMarket {
    /// Exports as a share of the domestic market (default 0).
    #[schemars(schema_with = "param_schema::non_negative")]
    pub export_ratio: Option<RawParam>,
    /// Program effects on exports.
    pub lift: Option<RawMarketLift>,
}

/// `[market] lift.export_ratio`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawMarketLift {
    /// Axis id to lift of the export ratio.
    #[serde(default)]
    #[schemars(schema_with = "param_schema::lifts")]
    pub export_ratio: IndexMap<String, RawParam>,
}

/// `[economics]`: how money of different years is made comparable. Its
/// presence adds the present-value metrics (`pv.*`, docs/model.md section 5).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEconomics {
    /// Yearly discount rate, a fraction in `[0, 1)` (0.025 for 2.5%, the
    /// rate of the French HAS guideline); default 0.
    #[schemars(range(min = 0), extend("exclusiveMaximum" = 1))]
    pub discount_rate: Option<f64>,
    /// Calendar year whose euros present values are expressed in (its
    /// discount factor is 1); default the scenario's `start_year`. A
    /// four-digit year at most 200 years before the start or after the end
    /// of the horizon.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub base_year: Option<i64>,
}

/// `[[correlations]]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCorrelation {
    /// First parameter path.
    pub a: Option<String>,
    /// Second parameter path.
    pub b: Option<String>,
    /// Spearman rank correlation.
    #[schemars(range(min = -1, max = 1))]
    pub rho: Option<f64>,
}

/// `[[targets]]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// Metric name, e.g. `market.total`.
    pub metric: Option<String>,
    /// Calendar year.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub year: Option<i64>,
    /// Success when the metric is at least this.
    pub at_least: Option<f64>,
    /// Success when the metric is at most this.
    pub at_most: Option<f64>,
    /// Display name.
    #[schemars(length(max = MAX_LABEL))]
    pub label: Option<String>,
}

/// `[[observed]]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObserved {
    /// Metric name, e.g. `adoption.patients`.
    pub metric: Option<String>,
    /// Calendar year.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub year: Option<i64>,
    /// The observed value, in the metric's unit.
    pub value: Option<f64>,
    /// Observation error (standard deviation), in the metric's unit.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub sd: Option<f64>,
    /// Observation error as a share of the value.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub rel_sd: Option<f64>,
    /// Where the figure comes from.
    #[schemars(length(min = 1, max = MAX_DESCRIPTION))]
    pub source: Option<String>,
}

/// `[optimize]`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawOptimize {
    /// What to maximise.
    pub objective: Option<RawObjective>,
    /// M EUR to split.
    #[schemars(extend("exclusiveMinimum" = 0))]
    pub envelope: Option<f64>,
    /// Free axis ids.
    pub axes: Option<Vec<String>>,
    /// Grid step, share of the envelope.
    #[schemars(range(max = MAX_STEP), extend("exclusiveMinimum" = 0))]
    pub step: Option<f64>,
    /// Least budget per axis id, M EUR.
    #[schemars(extend(
        "propertyNames" = { "pattern": ID_PATTERN },
        "additionalProperties" = { "type": "number", "minimum": 0 },
    ))]
    pub min: Option<IndexMap<String, f64>>,
    /// Largest budget per axis id, M EUR.
    #[schemars(extend(
        "propertyNames" = { "pattern": ID_PATTERN },
        "additionalProperties" = { "type": "number", "minimum": 0 },
    ))]
    pub max: Option<IndexMap<String, f64>>,
}

/// `[optimize] objective`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawObjective {
    /// Metric name.
    pub metric: Option<String>,
    /// One calendar year.
    #[schemars(range(min = FIRST_YEAR, max = LAST_YEAR))]
    pub year: Option<i64>,
    /// First and last calendar years of a sum.
    #[schemars(length(min = 2, max = 2), inner(range(min = FIRST_YEAR, max = LAST_YEAR)))]
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("required" = ["dist"], "allOf" = crate::dist::schema::kind_rules()))]
pub struct RawDist {
    /// Kind: uniform, normal, lognormal, triangular, pert, beta, discrete.
    #[schemars(schema_with = "param_schema::dist_name")]
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
