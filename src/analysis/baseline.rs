//! What differs between two compared scenarios besides the programme: a
//! segment only one of them has, a population, adoption, value or export
//! parameter set differently, another start year. Such differences show in
//! `compare`'s results before any programme money is spent, so the
//! comparison warns about them.

use crate::dist::Dist;
use crate::scenario::{Param, Scenario, Segment};

/// A difference between a base and an alternative that is not programme
/// money (axes, budgets and lifts are the programme and are not listed).
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    /// A segment only one scenario has.
    Segment {
        /// Segment id.
        id: String,
        /// True when only the alternative has it; false when only the base.
        in_alt: bool,
    },
    /// A segment or market parameter set differently (another fixed value
    /// or another distribution).
    Parameter {
        /// Dotted path, e.g. `segments.hospitals.q`.
        path: String,
        /// The base's value.
        base: Param,
        /// The alternative's value.
        alt: Param,
    },
    /// The horizons start in different years.
    StartYear {
        /// The base's first year.
        base: i32,
        /// The alternative's first year.
        alt: i32,
    },
}

/// How a parameter is set, comparable across scenarios.
#[derive(Debug, PartialEq)]
enum Setting<'a> {
    Fixed(f64),
    Drawn(&'a Dist),
}

fn setting(s: &Scenario, p: Param) -> Setting<'_> {
    match p {
        Param::Fixed(v) => Setting::Fixed(v),
        Param::Uncertain(i) => Setting::Drawn(s.uncertain[i].dist.spec()),
    }
}

/// The parameters of a segment that are not programme effects, by key.
fn segment_params(g: &Segment) -> [(&'static str, Param); 7] {
    [
        ("population", g.population),
        ("initial_adoption", g.initial_adoption),
        ("p", g.p),
        ("q", g.q),
        ("ceiling", g.ceiling),
        ("value_per_adopter", g.value_per_adopter),
        ("value_growth", g.value_growth),
    ]
}

/// Every difference between `base` and `alt` that is not programme money,
/// in the base's order, then the alternative's own segments.
pub fn mismatches(base: &Scenario, alt: &Scenario) -> Vec<Mismatch> {
    let mut out = Vec::new();
    if base.start_year != alt.start_year {
        out.push(Mismatch::StartYear {
            base: base.start_year,
            alt: alt.start_year,
        });
    }
    for g in &base.segments {
        let Some(h) = alt.segments.iter().find(|h| h.id == g.id) else {
            out.push(Mismatch::Segment {
                id: g.id.clone(),
                in_alt: false,
            });
            continue;
        };
        for ((key, b), (_, a)) in segment_params(g).into_iter().zip(segment_params(h)) {
            if setting(base, b) != setting(alt, a) {
                out.push(Mismatch::Parameter {
                    path: format!("segments.{}.{key}", g.id),
                    base: b,
                    alt: a,
                });
            }
        }
    }
    for h in &alt.segments {
        if !base.segments.iter().any(|g| g.id == h.id) {
            out.push(Mismatch::Segment {
                id: h.id.clone(),
                in_alt: true,
            });
        }
    }
    let (b, a) = (base.market.export_ratio, alt.market.export_ratio);
    if setting(base, b) != setting(alt, a) {
        out.push(Mismatch::Parameter {
            path: "market.export_ratio".into(),
            base: b,
            alt: a,
        });
    }
    out
}
