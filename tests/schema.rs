//! `esante schema` and the committed `docs/scenario.schema.json`: a valid
//! draft-07 schema, fresh, accepting every scenario the parser accepts (as
//! written, file by file, the way an editor checks it), refusing the bad
//! cases that are structural (unknown key, wrong type, unknown distribution,
//! value out of range), and agreeing with validation on every range.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use esante::Scenario;
use esante::scenario::schema::{SCHEMA_FILE, scenario_schema, schema_text};
use rayon::prelude::*;
use serde_json::Value;

/// The repository root.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A validator of the generated schema.
fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&scenario_schema()).expect("the schema compiles")
}

/// A TOML text as the JSON value a schema validator sees.
fn as_json(text: &str) -> Value {
    let table: toml::Table = toml::from_str(text).expect("TOML");
    serde_json::to_value(table).expect("TOML values are JSON values")
}

/// Every schema error of `text`, as `instance path: message`.
fn schema_errors(v: &jsonschema::Validator, text: &str) -> Vec<(String, String)> {
    let instance = as_json(text);
    v.iter_errors(&instance)
        .map(|e| (e.instance_path().to_string(), e.to_string()))
        .collect()
}

/// The `.toml` files of a folder, sorted.
fn tomls(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    out.sort();
    out
}

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let schema = scenario_schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::meta::validate(&schema).expect("valid against the draft-07 meta-schema");
    validator();
    // What an editor shows: the descriptions of keys, and the kinds.
    let header = &schema["definitions"]["RawHeader"]["properties"];
    assert_eq!(header["start_year"]["description"], "First simulated year.");
    let kinds = &schema["definitions"]["RawDist"]["properties"]["dist"]["enum"];
    let names: Vec<&str> = esante::dist::kind_names().collect();
    assert_eq!(kinds, &serde_json::json!(names));
}

#[test]
fn the_committed_schema_is_fresh() {
    let committed = std::fs::read_to_string(root().join(SCHEMA_FILE)).expect("the schema file");
    assert!(
        committed == schema_text(),
        "{SCHEMA_FILE} is stale: regenerate it with `esante schema > {SCHEMA_FILE}`"
    );
}

#[test]
fn esante_schema_prints_the_schema() {
    let out = Command::cargo_bin("esante")
        .expect("the esante binary")
        .arg("schema")
        .output()
        .expect("esante runs");
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), schema_text());
}

#[test]
fn shipped_scenarios_point_to_the_schema_and_validate() {
    let v = validator();
    let shipped = tomls(&root().join("scenarios"));
    assert!(shipped.len() >= 3);
    for path in &shipped {
        let text = std::fs::read_to_string(path).expect("a scenario");
        assert_eq!(
            text.lines().next(),
            Some("#:schema ../docs/scenario.schema.json"),
            "{} does not start with its #:schema line",
            path.display()
        );
        let errors = schema_errors(&v, &text);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn every_scenario_that_loads_validates() {
    let v = validator();
    let mut checked = 0;
    for dir in ["scenarios", "tests/scenarios"] {
        for path in tomls(&root().join(dir)) {
            let Ok(scenario) = Scenario::load(&path) else {
                continue;
            };
            checked += 1;
            let text = std::fs::read_to_string(&path).expect("a scenario");
            let errors = schema_errors(&v, &text);
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
            // The resolved scenario (the whole chain, as shard files carry
            // it) is a scenario too.
            let errors = schema_errors(&v, &scenario.resolved_text());
            assert!(
                errors.is_empty(),
                "{} resolved: {errors:#?}",
                path.display()
            );
        }
    }
    assert!(checked >= 5, "only {checked} scenarios load");
}

/// Bad cases of `tests/bad/` that are structural, and the key (as a JSON
/// pointer) the schema must flag.
#[rustfmt::skip]
const BAD: &[(&str, &str)] = &[
    ("unknown_key_top.toml", ""),
    ("unknown_key_scenario.toml", "/scenario"),
    ("unknown_key_axis.toml", "/axes/training"),
    ("unknown_key_segment.toml", "/segments/hospitals"),
    ("unknown_key_dist.toml", "/axes/training/half_saturation"),
    ("unknown_key_schedule.toml", "/axes/training/schedule"),
    ("unknown_key_target.toml", "/targets/0"),
    ("unknown_key_correlation.toml", "/correlations/0"),
    ("unknown_key_lift.toml", "/segments/hospitals/lift"),
    ("unknown_key_deliverable.toml", "/axes/training/deliverables/trainees"),
    ("observed_unknown_key.toml", "/observed/0"),
    ("wrong_type_string_budget.toml", "/axes/training/budget"),
    ("wrong_type_string_param.toml", "/segments/hospitals/p"),
    ("wrong_type_float_lag.toml", "/axes/training/lag"),
    ("wrong_type_year_string.toml", "/scenario/start_year"),
    ("wrong_type_axes_number.toml", "/axes"),
    ("wrong_type_dist_kind.toml", "/axes/training/half_saturation"),
    ("lift_not_table.toml", "/segments/hospitals/lift/p"),
    ("unknown_dist_kind.toml", "/segments/hospitals/p"),
    ("unknown_dist_typo.toml", "/axes/training/half_saturation"),
    ("missing_dist.toml", "/axes/training/half_saturation"),
    ("key_not_of_kind.toml", "/segments/hospitals/value_growth"),
    ("uniform_missing_max.toml", "/axes/training/half_saturation"),
    ("fixed_depreciation_one.toml", "/axes/training/depreciation"),
    ("fixed_ceiling_zero.toml", "/segments/hospitals/ceiling"),
    ("fixed_initial_adoption_above_one.toml", "/segments/hospitals/initial_adoption"),
    ("fixed_value_growth_minus_one.toml", "/segments/hospitals/value_growth"),
    ("fixed_negative_lift.toml", "/segments/hospitals/lift/p/training"),
    ("negative_budget.toml", "/axes/training/budget"),
    ("negative_lag.toml", "/axes/training/lag"),
    ("draws_zero.toml", "/simulation/draws"),
    ("draws_negative.toml", "/simulation/draws"),
    ("sampling_sobol.toml", "/simulation/sampling"),
    ("bad_name_uppercase.toml", "/scenario/name"),
    ("bad_name_spaces.toml", "/scenario/name"),
    ("bad_name_empty.toml", "/scenario/name"),
    ("bad_axis_id.toml", "/axes"),
    ("bad_segment_id.toml", "/segments"),
    ("deliverable_bad_name.toml", "/axes/training/deliverables"),
    ("corr_rho_out_of_range.toml", "/correlations/0/rho"),
    ("observed_sd_negative.toml", "/observed/0/sd"),
    ("observed_sd_zero.toml", "/observed/0/sd"),
];

#[test]
fn structural_bad_cases_fail_validation_at_their_key() {
    let v = validator();
    let mut problems = Vec::new();
    for (file, at) in BAD {
        let path = root().join("tests/bad").join(file);
        let text = std::fs::read_to_string(&path).expect("a bad case");
        assert!(Scenario::load(&path).is_err(), "{file} loads");
        let errors = schema_errors(&v, &text);
        if !errors.iter().any(|(p, _)| p == at) {
            problems.push(format!("{file}: no schema error at `{at}`: {errors:#?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One step of a key path.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// A key path as validation names it (`targets[0].year`, quoted ids).
fn dotted(path: &[Step]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                let bare = k
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
                if bare {
                    out.push_str(k)
                } else {
                    out.push_str(&format!("\"{k}\""))
                }
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A key path as a JSON pointer (`/targets/0/year`).
fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// Every number of a table and every distribution table (a parameter), by
/// key path.
fn leaves(value: &toml::Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match value {
        toml::Value::Integer(_) | toml::Value::Float(_) => out.push(path.clone()),
        toml::Value::Table(t) if t.contains_key("dist") => out.push(path.clone()),
        toml::Value::Table(t) => {
            for (k, v) in t {
                path.push(Step::Key(k.clone()));
                leaves(v, path, out);
                path.pop();
            }
        }
        toml::Value::Array(a) if a.iter().all(toml::Value::is_table) => {
            for (i, v) in a.iter().enumerate() {
                path.push(Step::Index(i));
                leaves(v, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

/// The value at `path`, to replace.
fn at<'a>(value: &'a mut toml::Value, path: &[Step]) -> &'a mut toml::Value {
    path.iter().fold(value, |v, s| match s {
        Step::Key(k) => &mut v[k.as_str()],
        Step::Index(i) => &mut v[*i],
    })
}

/// For every number and parameter of a full scenario, set in turn to values
/// at and around the ends of every range (-1, 0, 1, the largest lag), as
/// integers and as fractions: the schema refuses the value exactly when validation refuses it as out of range or
/// of the wrong type ("must be ..." or "wrong type" at that key). The schema
/// never refuses what validation accepts; it may accept what validation
/// refuses for reasons beyond one key (a year outside the horizon).
#[test]
fn schema_and_validation_agree_on_every_range() {
    let v = validator();
    let file = root().join("scenarios/acceleration-2021.toml");
    let base: toml::Value = toml::from_str(
        &Scenario::load(&file)
            .expect("the shipped scenario")
            .resolved_text(),
    )
    .expect("TOML");
    let mut paths = Vec::new();
    leaves(&base, &mut Vec::new(), &mut paths);
    assert!(paths.len() > 60, "only {} keys probed", paths.len());
    let probes = [
        toml::Value::Integer(-2),
        toml::Value::Integer(-1),
        toml::Value::Integer(0),
        toml::Value::Integer(1),
        toml::Value::Integer(2),
        toml::Value::Integer(100),
        toml::Value::Integer(101),
        toml::Value::Float(-0.5),
        toml::Value::Float(0.5),
        toml::Value::Float(1.5),
    ];
    let problems: Vec<String> = paths.par_iter().flat_map(|path| {
        let mut problems = Vec::new();
        let (key, ptr) = (dotted(path), pointer(path));
        for probe in &probes {
            let mut doc = base.clone();
            *at(&mut doc, path) = probe.clone();
            let text = toml::to_string(&doc).expect("TOML");
            let refused_by_validation: Vec<String> =
                match Scenario::from_resolved(Path::new("probe.toml"), &text) {
                    Ok(_) => Vec::new(),
                    Err(e) => e
                        .diagnostics
                        .into_iter()
                        .filter(|d| d.path.as_deref() == Some(key.as_str()))
                        .map(|d| d.message)
                        .collect(),
                };
            let refused_by_schema: Vec<String> = schema_errors(&v, &text)
                .into_iter()
                .filter(|(p, _)| *p == ptr)
                .map(|(_, m)| m)
                .collect();
            // JSON has one number type: `1.0` is an integer there, and TOML's
            // float `1.0` cannot be told from `1` by a schema.
            let whole_float = matches!(probe, toml::Value::Float(x) if x.fract() == 0.0);
            let range_or_type = refused_by_validation.iter().any(|m| {
                m.starts_with("must be")
                    || (m.starts_with("wrong type") && !(whole_float && m.contains("an integer")))
            });
            if !refused_by_schema.is_empty() && refused_by_validation.is_empty() {
                problems.push(format!(
                    "{key} = {probe}: the schema refuses ({refused_by_schema:?}), validation accepts"
                ));
            }
            if range_or_type && refused_by_schema.is_empty() {
                problems.push(format!(
                    "{key} = {probe}: validation refuses ({refused_by_validation:?}), the schema accepts"
                ));
            }
        }
        problems
    }).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
