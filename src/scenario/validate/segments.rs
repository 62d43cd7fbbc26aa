//! `[segments.<id>]` (adopting populations, their Bass diffusion and lifts)
//! and `[market]` (exports).

use indexmap::IndexMap;

use super::checker::{Checker, Domain, path_key, valid_id};
use super::header::MAX_LABEL;
use crate::scenario::raw::{RawMarket, RawSegment};
use crate::scenario::{Market, Segment};

/// Segment ids that would collide with the market totals' metric names.
const RESERVED_SEGMENT_IDS: [&str; 3] = ["domestic", "export", "total"];

/// Every segment, in file order; a scenario needs at least one.
pub(super) fn check_segments(
    c: &mut Checker,
    raw: &IndexMap<String, RawSegment>,
    axis_ids: &[String],
) -> Vec<Segment> {
    if raw.is_empty() {
        c.issue_help(
            "segments",
            "a scenario needs at least one segment",
            "add a [segments.<id>] table (docs/model.md section 2)",
        );
    }
    raw.iter()
        .map(|(id, s)| check_segment(c, id, s, axis_ids))
        .collect()
}

/// `segments.<id>` is a valid id that no market total uses.
fn check_segment_id(c: &mut Checker, p: &str, id: &str) {
    if !valid_id(id) {
        c.issue(
            p,
            format!("`{id}` is not a valid segment id: use lowercase letters, digits, '-' and '_'"),
        );
    } else if RESERVED_SEGMENT_IDS.contains(&id) {
        c.issue(
            p,
            format!("`{id}` is reserved (metric `market.{id}` already exists); choose another id"),
        );
    }
}

/// One segment: its id, population, Bass coefficients, value and lifts.
fn check_segment(c: &mut Checker, id: &str, s: &RawSegment, axis_ids: &[String]) -> Segment {
    let p = format!("segments.{}", path_key(id));
    check_segment_id(c, &p, id);
    let f = |k: &str| format!("{p}.{k}");
    let population = c.param(
        &f("population"),
        s.population.as_ref(),
        None,
        Domain::POSITIVE,
    );
    let initial_adoption = c.param(
        &f("initial_adoption"),
        s.initial_adoption.as_ref(),
        None,
        Domain::UNIT,
    );
    let bass_p = c.param(&f("p"), s.p.as_ref(), None, Domain::NON_NEGATIVE);
    let bass_q = c.param(&f("q"), s.q.as_ref(), None, Domain::NON_NEGATIVE);
    let ceiling = c.param(
        &f("ceiling"),
        s.ceiling.as_ref(),
        None,
        Domain::UNIT_OPEN_BOTTOM,
    );
    let value_per_adopter = c.param(
        &f("value_per_adopter"),
        s.value_per_adopter.as_ref(),
        None,
        Domain::NON_NEGATIVE,
    );
    let value_growth = c.param(
        &f("value_growth"),
        s.value_growth.as_ref(),
        Some(0.0),
        Domain::ABOVE_MINUS_ONE,
    );
    let lift = s.lift.clone().unwrap_or_default();
    let lift_p = c.lifts(&f("lift.p"), &lift.p, axis_ids);
    let lift_q = c.lifts(&f("lift.q"), &lift.q, axis_ids);
    let lift_ceiling = c.lifts(&f("lift.ceiling"), &lift.ceiling, axis_ids);
    c.text(&f("label"), s.label.as_ref(), MAX_LABEL, false);
    c.text(&f("unit"), s.unit.as_ref(), MAX_LABEL, false);
    Segment {
        id: id.to_string(),
        label: s.label.clone().unwrap_or_else(|| id.to_string()),
        unit: s.unit.clone().unwrap_or_else(|| "units".to_string()),
        population,
        initial_adoption,
        p: bass_p,
        q: bass_q,
        ceiling,
        value_per_adopter,
        value_growth,
        lift_p,
        lift_q,
        lift_ceiling,
    }
}

/// `[market]`: the export ratio `>= 0` and its lifts.
pub(super) fn check_market(
    c: &mut Checker,
    raw: Option<&RawMarket>,
    axis_ids: &[String],
) -> Market {
    let m = raw.cloned().unwrap_or_default();
    let export_ratio = c.param(
        "market.export_ratio",
        m.export_ratio.as_ref(),
        Some(0.0),
        Domain::NON_NEGATIVE,
    );
    let lift_export = c.lifts(
        "market.lift.export_ratio",
        &m.lift.map(|l| l.export_ratio).unwrap_or_default(),
        axis_ids,
    );
    Market {
        export_ratio,
        lift_export,
    }
}
