//! From the serde mirror to a [`Scenario`]: every rule of docs/model.md, every
//! problem collected (not just the first), each with its key path.
//!
//! One function per section checks it and reports each problem to a shared
//! checker, in file order: `header` (`[scenario]`, `[simulation]`, `[report]`), `axes`
//! (with their budget and `schedule`), `segments` (and `[market]`),
//! `correlations`, `economics`, `targets`, `observed` and `optimize`. The distribution kinds a parameter may name,
//! and their keys, are [`crate::dist::KINDS`]; an axis' plan is
//! [`yearly_plan`](crate::scenario::plan::yearly_plan).

mod axes;
mod bounds;
mod checker;
mod correlations;
mod economics;
mod header;
mod observed;
mod optimize;
mod schedule;
mod segments;
mod targets;

pub use bounds::LIMIT;
pub use checker::Domain;

use super::Scenario;
use super::error::ScenarioError;
use super::load::Loaded;
use super::metrics::MetricIndex;
use checker::Checker;
use rayon::prelude::*;

pub use super::domain::{MAX_LAG, MAX_YEARS};

/// Checks a loaded scenario and builds the [`Scenario`].
pub fn validate(loaded: &Loaded) -> Result<Scenario, ScenarioError> {
    let raw = &loaded.raw;
    let mut c = Checker::default();
    let header = header::check_header(&mut c, raw.scenario.as_ref());
    let h = header.horizon;
    let simulation = header::check_simulation(&mut c, raw.simulation.as_ref());
    let lang = header::check_report(&mut c, raw.report.as_ref());
    let axes = axes::check_axes(&mut c, &raw.axes, &h);
    let axis_ids: Vec<String> = raw.axes.keys().cloned().collect();
    let segments = segments::check_segments(&mut c, &raw.segments, &axis_ids);
    let market = segments::check_market(&mut c, raw.market.as_ref(), &axis_ids);
    let correlations = correlations::check_correlations(&mut c, &raw.correlations);
    let copula_groups = correlations::check_copula(&mut c, &correlations, &raw.correlations);
    let economics = economics::check_economics(&mut c, raw.economics.as_ref(), &h);
    // The table's presence decides the metrics, so a target on a present
    // value is not also refused when a key of the table is wrong.
    let present_values = raw.economics.is_some();
    let metrics = MetricIndex::new(&axes, &segments, h.start, h.years(), present_values);
    let targets = targets::check_targets(&mut c, &raw.targets, &metrics, &h);
    let observed = observed::check_observed(&mut c, &raw.observed, &metrics, &h);
    let ids: Vec<&str> = axis_ids.iter().map(String::as_str).collect();
    let optimize = optimize::check_optimize(&mut c, raw.optimize.as_ref(), &ids, &metrics, &h);

    if !c.issues.is_empty() {
        return Err(loaded.locate(c.issues));
    }
    let mut scenario = Scenario {
        title: header.title.unwrap_or_else(|| header.name.clone()),
        name: header.name,
        description: header.description,
        start_year: h.start,
        end_year: h.end,
        simulation,
        lang,
        axes,
        segments,
        market,
        economics,
        metrics,
        uncertain: c.uncertain,
        correlations,
        copula_groups,
        targets,
        observed,
        hash: super::canonical_hash(&loaded.merged),
        resolved: loaded.merged.clone(),
        files: loaded.files.iter().map(|f| f.path.clone()).collect(),
        overrides: loaded.overrides.texts(),
        warnings: Vec::new(),
        optimize,
    };
    if let Some((key, msg)) = optimize::check_problem(&scenario) {
        return Err(loaded.locate(vec![super::Issue::new(key, msg)]));
    }
    // The bounds need quantiles: build the quantile tables in parallel first
    // (the same bits on any thread; the sampler reuses them).
    scenario.uncertain.par_iter().for_each(|u| u.dist.prepare());
    let found = bounds::check(&scenario);
    if !found.errors.is_empty() {
        return Err(loaded.locate(found.errors));
    }
    scenario.warnings = loaded.locate(found.warnings).diagnostics;
    Ok(scenario)
}
