//! `extends` that can take away: `[scenario] remove` drops inherited
//! entries, and an inline table replaces the inherited value as a whole.
//! A child that removes something is the scenario written without it (same
//! resolved table, hash and results); bad `remove` lists are in
//! `tests/bad/` (see `bad_scenarios.rs`).

mod common;

use std::path::Path;

use common::write;

use esante::Scenario;
use esante::analysis::run::{Row, Run};
use esante::engine::{self, Silent};
use esante::scenario::Param;

/// A parent with two axes (one with a deliverable), two segments, lifts by
/// both axes, an export lift, a correlation and three targets.
const PARENT: &str = r#"
[scenario]
name = "child"
start_year = 2021
end_year = 2028
[simulation]
draws = 2000
[axes.training]
label = "Formation"
budget = 30
schedule = { from = 2022, to = 2026 }
execution = { dist = "pert", min = 0.6, mode = 0.85, max = 1 }
half_saturation = { dist = "lognormal", p5 = 10, p95 = 60 }
deliverables.students = { per_meur = 2600 }
[axes.deployment]
budget = 50
schedule = { from = 2022, to = 2025 }
half_saturation = { dist = "uniform", min = 20, max = 80 }
[segments.hospitals]
population = 3000
initial_adoption = { dist = "beta", alpha = 2, beta = 8 }
p = { dist = "lognormal", p5 = 0.002, p95 = 0.05 }
q = { dist = "lognormal", p5 = 0.2, p95 = 0.8 }
ceiling = 0.95
value_per_adopter = 400000
lift.q = { training = 0.3, deployment = 0.2 }
[segments.esms]
population = 30000
initial_adoption = 0.1
p = 0.01
q = { dist = "uniform", min = 0.2, max = 0.5 }
ceiling = 0.9
value_per_adopter = 20000
lift.p = { deployment = 0.5 }
[market]
export_ratio = 0.1
lift.export_ratio = { deployment = 1.0 }
[[correlations]]
a = "segments.hospitals.q"
b = "segments.esms.q"
rho = 0.4
[[correlations]]
a = "segments.hospitals.p"
b = "axes.deployment.half_saturation"
rho = 0.3
[[targets]]
metric = "market.total"
year = 2028
at_least = 1000
[[targets]]
metric = "adoption.esms"
year = 2027
at_least = 0.4
[[targets]]
metric = "adoption.hospitals"
year = 2028
at_least = 0.5
"#;

/// [`PARENT`] written without the deployment axis, what names it, the ESMS
/// segment and what names it (the emptied arrays and tables stay, empty).
const WITHOUT: &str = r#"
correlations = []
[scenario]
name = "child"
start_year = 2021
end_year = 2028
[simulation]
draws = 2000
[axes.training]
label = "Formation"
budget = 30
schedule = { from = 2022, to = 2026 }
execution = { dist = "pert", min = 0.6, mode = 0.85, max = 1 }
half_saturation = { dist = "lognormal", p5 = 10, p95 = 60 }
deliverables.students = { per_meur = 2600 }
[segments.hospitals]
population = 3000
initial_adoption = { dist = "beta", alpha = 2, beta = 8 }
p = { dist = "lognormal", p5 = 0.002, p95 = 0.05 }
q = { dist = "lognormal", p5 = 0.2, p95 = 0.8 }
ceiling = 0.95
value_per_adopter = 400000
lift.q = { training = 0.3 }
[market]
export_ratio = 0.1
lift.export_ratio = {}
[[targets]]
metric = "market.total"
year = 2028
at_least = 1000
[[targets]]
metric = "adoption.hospitals"
year = 2028
at_least = 0.5
"#;

/// The child of [`PARENT`] that takes away what [`WITHOUT`] leaves out.
const CHILD: &str = r#"
[scenario]
extends = "parent.toml"
remove = [
    "axes.deployment",
    "segments.hospitals.lift.q.deployment",
    "market.lift.export_ratio.deployment",
    "segments.esms",
    "correlations[0]",
    "correlations[1]",
    "targets[1]",
]
name = "child"
"#;

/// Every statistics row of every metric of a run of `s`.
fn rows(s: &Scenario) -> Vec<(String, Vec<Row>)> {
    let st = engine::run(s, s.simulation, &Silent);
    let run = Run {
        scenario: s,
        stats: &st,
    };
    s.metrics
        .iter()
        .map(|(m, info)| (info.name.clone(), run.rows(m)))
        .collect()
}

fn load(path: &Path) -> Scenario {
    Scenario::load(path).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_child_that_removes_is_the_scenario_written_without() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "parent.toml", PARENT);
    let child = load(&write(dir.path(), "child.toml", CHILD));
    let without = load(&write(dir.path(), "without.toml", WITHOUT));
    // The same tables (key order aside: a child's `name` comes last, so
    // the hashes differ) and the same results.
    assert_eq!(child.resolved, without.resolved);
    let ids: Vec<&str> = child.axes.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["training"]);
    assert_eq!(child.segments.len(), 1);
    assert!(child.correlations.is_empty());
    let targets: Vec<&str> = child.targets.iter().map(|t| t.label.as_str()).collect();
    assert_eq!(
        targets,
        [
            "market.total >= 1000 in 2028",
            "adoption.hospitals >= 0.5 in 2028"
        ]
    );
    assert_eq!(rows(&child), rows(&without));
    // The resolved scenario holds neither `extends` nor `remove`, and
    // re-reads as the same scenario.
    let text = child.resolved_text();
    assert!(
        !text.contains("remove") && !text.contains("extends"),
        "{text}"
    );
    let again = Scenario::from_resolved(Path::new("resolved.toml"), &text).unwrap();
    assert_eq!(again.hash, child.hash);
}

#[test]
fn a_removed_axis_can_be_defined_anew_and_removals_chain() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "parent.toml", PARENT);
    // The child defines `deployment` from scratch: nothing of the parent's
    // axis is kept (its uncertain half-saturation is gone, and with it the
    // correlation that named it).
    write(
        dir.path(),
        "middle.toml",
        "[scenario]\nextends = \"parent.toml\"\nname = \"middle\"\n\
         remove = [\"axes.deployment\", \"correlations[1]\", \"targets[0]\"]\n\
         [axes.deployment]\nbudget = 5\nschedule = { from = 2023, to = 2023 }\nhalf_saturation = 9\n",
    );
    let middle = load(&dir.path().join("middle.toml"));
    let d = &middle.axes[1];
    assert_eq!(d.id, "deployment");
    assert_eq!(d.half_saturation, Param::Fixed(9.0));
    assert!(d.label == "deployment" && d.plan.iter().sum::<f64>() == 5.0);
    assert_eq!(middle.targets.len(), 2);
    // A grandchild's indices are those of what it inherits: its
    // `targets[0]` is the parent's second target.
    let child = load(&write(
        dir.path(),
        "child.toml",
        "[scenario]\nextends = \"middle.toml\"\nname = \"child\"\nremove = [\"targets[0]\"]\n",
    ));
    let metrics: Vec<&str> = child
        .targets
        .iter()
        .map(|t| child.metric_name(t.metric))
        .collect();
    assert_eq!(metrics, ["adoption.hospitals"]);
}

#[test]
fn an_inline_table_replaces_the_inherited_one_as_a_whole() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "parent.toml", PARENT);
    // `to` becomes `amounts`: the parent's `to` is not kept beside them.
    let amounts = load(&write(
        dir.path(),
        "amounts.toml",
        "[scenario]\nextends = \"parent.toml\"\nname = \"amounts\"\n\
         [axes.training]\nbudget = 60\nschedule = { from = 2022, amounts = [5, 10, 15, 30] }\n",
    ));
    let plan = &amounts.axes[0].plan;
    assert_eq!(plan[1..5], [5.0, 10.0, 15.0, 30.0]);
    assert!(plan[5..].iter().all(|&v| v == 0.0));
    // A `[table]` header still merges key by key: the inherited `to` stays
    // beside the new `amounts`, which validation refuses.
    let header = write(
        dir.path(),
        "header.toml",
        "[scenario]\nextends = \"parent.toml\"\nname = \"header\"\n\
         [axes.training.schedule]\namounts = [5, 10, 15, 30]\n",
    );
    let err = Scenario::load(&header).unwrap_err().to_string();
    assert!(
        err.contains("give either `to` (flat) or `amounts` (explicit), not both"),
        "{err}"
    );
    // An inline lift table replaces the inherited lifts; dotted keys add
    // to them.
    let lifts = |s: &Scenario| s.segments[0].lift_q.len();
    let inline = load(&write(
        dir.path(),
        "inline.toml",
        "[scenario]\nextends = \"parent.toml\"\nname = \"inline\"\n\
         [segments.hospitals]\nlift.q = { training = 0.5 }\n",
    ));
    assert_eq!(lifts(&inline), 1);
    let dotted = load(&write(
        dir.path(),
        "dotted.toml",
        "[scenario]\nextends = \"parent.toml\"\nname = \"dotted\"\n\
         [segments.hospitals]\nlift.q.training = 0.5\n",
    ));
    assert_eq!(lifts(&dotted), 2);
}
