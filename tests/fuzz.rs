//! Fuzzing on stable Rust: property-based mutation and generation of scenario
//! texts through the loader, the engine, the calibration (when a scenario has
//! `[[observed]]` figures) and the reports, and through `esante check`. Zero
//! panics are allowed.
//!
//! Every case comes from a fixed seed ([`SEED`]), so CI runs the same cases
//! every time; the budget is [`CASES`] mutated and [`CASES`] generated
//! scenarios (about 30 s in release mode on 2 cores). A longer campaign:
//! `FUZZ_CASES=100000 FUZZ_SEED=3 cargo test --release --test fuzz`. A panic
//! that proptest finds is printed shrunk to a small input; keep it as a file
//! in `tests/fuzz/regressions/`, which every run replays first.

use std::path::Path;

use esante::Scenario;
use esante::analysis::calibrate::calibrate;
use esante::analysis::run::Run;
use esante::engine::{self, Silent};
use esante::report::{self, Format};
use esante::sampling::{RunSettings, Sampling};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Cases of each strategy, unless `FUZZ_CASES` says otherwise.
const CASES: u32 = 1500;
/// The seed of the case generator, unless `FUZZ_SEED` says otherwise.
const SEED: u8 = 1;

fn runner(cases: u32) -> TestRunner {
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let seed = env("FUZZ_SEED").map_or(SEED, |s| s as u8);
    let config = Config {
        cases: env("FUZZ_CASES").map_or(cases, |c| c as u32),
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..Config::default()
    };
    TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    )
}

/// Runs `f` on a thread with a large stack: the generated strategies are
/// deep nested types whose values live on the stack.
fn big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

/// Loads `text` as a scenario file; when valid, runs 64 draws and builds
/// the run's report (SVG charts), and when it has observations calibrates
/// it on the same draws and builds the calibrated report. Any panic fails
/// the case (a calibration may refuse with an error).
fn exercise(text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    // A parent for the `extends` lines the mutations add, and the one the
    // shipped variants extend.
    std::fs::write(dir.path().join("parent.toml"), SHIPPED[0]).unwrap();
    std::fs::write(dir.path().join("acceleration-2021.toml"), SHIPPED[0]).unwrap();
    let Ok(s) = Scenario::load(&path) else { return };
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let settings = RunSettings {
            draws: 64,
            seed: 5,
            sampling,
        };
        let stats = engine::run(&s, settings, &Silent);
        let l = report::text::Lang::En.locale();
        if sampling == Sampling::Mc {
            let run = Run {
                scenario: &s,
                stats: &stats,
            };
            let _ = report::run::document(&run, &[Format::Svg], l);
        }
        // `esante calibrate` without the command line: the weighted passes,
        // the diagnostics, the terminal table and the report.
        if s.observed.is_empty() {
            continue;
        }
        if let Ok(c) = calibrate(&s, settings, &Silent) {
            let _ = c.diagnostics().reliable();
            for (series, _) in c.posterior.non_finite() {
                let _ = s.metric_name(s.metrics.locate(series).0);
            }
            if sampling == Sampling::Mc {
                let (_, posterior) = c.runs(&s);
                let _ = report::terminal::results_table(&posterior, l);
                let _ = report::calibrate::document(&c, &s, &[Format::Svg], l);
            }
        }
    }
    // The search of an `[optimize]` table, on a coarse grid and few draws.
    if let Some(spec) = &s.optimize {
        let coarse = esante::scenario::optimize::Spec {
            step: Some(spec.step.unwrap_or(0.5).max(0.34)),
            ..spec.clone()
        };
        if let Ok(problem) = coarse.resolve(&s) {
            let settings = esante::analysis::optimize::Settings {
                problem,
                run: RunSettings {
                    draws: 32,
                    seed: 5,
                    sampling: Sampling::Mc,
                },
            };
            if let Ok(o) = esante::analysis::optimize::optimize(&s, &settings, &Silent) {
                let l = report::text::Lang::En.locale();
                let _ = report::optimize::document(&o, &s, &[Format::Svg], l);
            }
        }
    }
}

/// The texts mutations start from: the shipped scenarios, the test
/// scenarios and the corpus of bad files.
fn corpus() -> Vec<String> {
    let mut out: Vec<String> = SHIPPED.iter().map(|s| s.to_string()).collect();
    for dir in ["tests/scenarios", "tests/bad"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        paths.sort();
        for p in paths {
            if let Ok(t) = std::fs::read_to_string(&p) {
                out.push(t);
            }
        }
    }
    out
}

const SHIPPED: [&str; 3] = [
    include_str!("../scenarios/acceleration-2021.toml"),
    include_str!("../scenarios/acceleration-2022-revised.toml"),
    include_str!("../scenarios/no-program.toml"),
];

/// Values a mutation writes after a key's `=`.
const VALUES: &[&str] = &[
    "0",
    "-0.0",
    "1",
    "-1",
    "0.5",
    "1e308",
    "-1e308",
    "5e-324",
    "nan",
    "inf",
    "-inf",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "2024",
    "2220",
    "-2024",
    "\"\"",
    "\"x\"",
    "\"acceleration-2021.toml\"",
    "\"parent.toml\"",
    "\"/dev/null\"",
    "[]",
    "[1, 2]",
    "[1e308, 1e308]",
    "{}",
    "{ dist = \"lognormal\", p5 = 1e-300, p95 = 1e300 }",
    "{ dist = \"lognormal\", mean = 1, sd = 1e300 }",
    "{ dist = \"normal\", mean = 0, sd = 1e300 }",
    "{ dist = \"normal\", mean = 0.5, sd = 1e-300, min = 0, max = 1 }",
    "{ dist = \"beta\", alpha = 1e-300, beta = 1e300 }",
    "{ dist = \"beta\", alpha = 1e300, beta = 1e-300, min = 0, max = 1 }",
    "{ dist = \"discrete\", values = [1e308, -1e308], weights = [1, 1] }",
    "{ dist = \"discrete\", values = [0, 1], weights = [1e308, 1e308] }",
    "{ dist = \"pert\", min = 0, mode = 0, max = 1e-300 }",
    "{ dist = \"triangular\", min = -1e308, mode = 0, max = 1e308 }",
    "{ dist = \"uniform\", min = 5e-324, max = 1e-323 }",
    "{ dist = \"uniform\", min = 0, max = 1 }",
    "{ dist = \"pert\", min = 0.1, mode = 0.5, max = 0.9 }",
    "{ from = 2022, to = 2022 }",
    "{ from = -2147483648, amounts = [1] }",
    "{ from = 2021, amounts = [1e308, 1e308] }",
    "{ from = 2021, to = 2221 }",
    "2024-01-01",
    "12:00:00",
    "true",
    "\"\\u0000\\u001b[2J\"",
    "\"<script>alert(1)</script>\"",
    "1_000",
    "0x10",
];

/// Lines a mutation inserts.
const LINES: &[&str] = &[
    "[segments.x]",
    "[axes.y]",
    "[market]",
    "[simulation]",
    "[scenario]",
    "[[correlations]]",
    "[[targets]]",
    "[optimize]",
    "objective = { metric = \"market.total\", years = [2021, 2030], statistic = \"p5\" }",
    "objective = { metric = \"adoption.esms\", year = 2027, statistic = \"prob\", at_least = 0.5 }",
    "min = { training = 1e300 }",
    "max = { deployment = 0 }",
    "step = 1e-300",
    "axes = []",
    "envelope = 1e308",
    "a = \"segments.hospitals.q\"",
    "b = \"segments.patients.q\"",
    "rho = 0.999999",
    "rho = -1",
    "extends = \"nope.toml\"",
    "extends = \"parent.toml\"",
    "extends = \"/dev/zero\"",
    "extends = \"s.toml\"",
    "lag = 100",
    "end_year = 2220",
    "start_year = -5",
    "draws = 1",
    "sampling = \"lhs\"",
    "metric = \"market.total\"",
    "year = 2030",
    "at_least = 1e300",
    "at_most = -1",
    "lift.p.training = 1e300",
    "lift.ceiling.deployment = 1e300",
    "lift.export_ratio.research = 1e300",
    "value_growth = 10",
    "deliverables.x.per_meur = 1e300",
    "depreciation = 0.999999999",
    "half_saturation = 5e-324",
    "initial_adoption = 1",
    "ceiling = 5e-324",
    "population = 1e99",
    "export_ratio = 1e300",
    "budget = 0",
    "schedule = { from = 2021, to = 2030 }",
    "[[observed]]",
    "metric = \"adoption.patients\"",
    "metric = \"deliverable.training.trainees\"",
    "year = 2021",
    "value = 0.5",
    "value = 1e308",
    "sd = 5e-324",
    "sd = 1e300",
    "rel_sd = 1e-300",
    "rel_sd = 1e300",
    "source = \"x\"",
    "observed = []",
    "label = \"# heading\\n| a | b |\"",
    "title = \"\"",
    "description = \"\"\"\n> quote\n\"\"\"",
];

/// Characters a mutation inserts anywhere.
const CHARS: &[char] = &[
    '"', '\'', '[', ']', '{', '}', '=', ',', '.', '\n', '#', '\\', '\0', '\u{1b}', 'é', '€',
    '\u{feff}', '\u{202e}', ' ', '-', '1', 'e',
];

/// One edit of a text: an operation and its random operands.
type Edit = (u8, usize, usize, usize);

/// Applies `edits` to `text`, line by line.
fn mutate(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for &(op, a, b, k) in edits {
        let n = lines.len().max(1);
        let (i, j) = (a % n, b % n);
        match op % 8 {
            0 if !lines.is_empty() => {
                lines.remove(i);
            }
            1 if !lines.is_empty() => {
                let l = lines[i].clone();
                lines.insert(j, l);
            }
            2 if !lines.is_empty() => lines.swap(i, j),
            3 if !lines.is_empty() => {
                if let Some((key, _)) = lines[i].split_once('=') {
                    lines[i] = format!("{key}= {}", VALUES[k % VALUES.len()]);
                }
            }
            4 => lines.insert(i.min(lines.len()), LINES[k % LINES.len()].to_string()),
            5 if !lines.is_empty() => {
                let l = &mut lines[i];
                let at = l
                    .char_indices()
                    .nth(b % (l.chars().count() + 1))
                    .map_or(l.len(), |c| c.0);
                l.insert(at, CHARS[k % CHARS.len()]);
            }
            6 => lines.truncate(i + 1),
            7 if !lines.is_empty() => {
                // A number in the line becomes another one.
                let l = &lines[i];
                if let Some(pos) = l.find(|c: char| c.is_ascii_digit()) {
                    let end = l[pos..]
                        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e'))
                        .map_or(l.len(), |e| pos + e);
                    lines[i] = format!("{}{}{}", &l[..pos], VALUES[k % VALUES.len()], &l[end..]);
                }
            }
            _ => {}
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        (any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()),
        1..8,
    )
}

#[test]
fn regressions_replay_without_panic() {
    let dir = Path::new("tests/fuzz/regressions");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let text = String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned();
        exercise(&text);
        n += 1;
    }
    assert!(n > 0, "the regression corpus is empty");
}

#[test]
fn mutated_scenarios_never_panic() {
    let corpus = corpus();
    let strategy = (0..corpus.len(), edits());
    runner(CASES)
        .run(&strategy, |(c, e)| {
            exercise(&mutate(&corpus[c], &e));
            Ok(())
        })
        .unwrap();
}

/// A number from the interesting ranges: zero, small, share-like, large,
/// extreme.
fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("0".to_string()),
        (0.0..1.0f64).prop_map(|x| format!("{x}")),
        (1.0..1e4f64).prop_map(|x| format!("{x}")),
        (-300i32..300).prop_map(|e| format!("1e{e}")),
        (-1e3..0.0f64).prop_map(|x| format!("{x}")),
    ]
}

/// A parameter value: a number or a distribution of random kind and keys.
fn param() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => number(),
        1 => (number(), number()).prop_map(|(a, b)| format!("{{ dist = \"uniform\", min = {a}, max = {b} }}")),
        1 => (number(), number()).prop_map(|(a, b)| format!("{{ dist = \"normal\", mean = {a}, sd = {b} }}")),
        1 => (number(), number(), number(), number()).prop_map(|(a, b, c, d)| {
            format!("{{ dist = \"normal\", mean = {a}, sd = {b}, min = {c}, max = {d} }}")
        }),
        1 => (number(), number()).prop_map(|(a, b)| format!("{{ dist = \"lognormal\", p5 = {a}, p95 = {b} }}")),
        1 => (number(), number()).prop_map(|(a, b)| format!("{{ dist = \"lognormal\", mean = {a}, sd = {b} }}")),
        1 => (number(), number(), number()).prop_map(|(a, b, c)| {
            format!("{{ dist = \"triangular\", min = {a}, mode = {b}, max = {c} }}")
        }),
        1 => (number(), number(), number()).prop_map(|(a, b, c)| {
            format!("{{ dist = \"pert\", min = {a}, mode = {b}, max = {c} }}")
        }),
        1 => (number(), number()).prop_map(|(a, b)| format!("{{ dist = \"beta\", alpha = {a}, beta = {b} }}")),
        1 => (number(), number(), number(), number()).prop_map(|(a, b, c, d)| {
            format!("{{ dist = \"discrete\", values = [{a}, {b}], weights = [{c}, {d}] }}")
        }),
    ]
}

/// A value in [0, 1], fixed or drawn, now and then a wild one.
fn share() -> impl Strategy<Value = String> {
    prop_oneof![30 => sane_share(), 1 => param()]
}

/// A positive value, fixed or drawn, now and then a wild one.
fn positive() -> impl Strategy<Value = String> {
    prop_oneof![30 => sane_positive(), 1 => param()]
}

/// A value in [0, 1], fixed or drawn.
fn sane_share() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0.0..=1.0f64).prop_map(|x| format!("{x}")),
        2 => (0.0..0.5f64, 0.5..=1.0f64).prop_map(|(a, b)| format!("{{ dist = \"uniform\", min = {a}, max = {b} }}")),
        2 => (0.0..0.3f64, 0.3..0.6f64, 0.6..=1.0f64).prop_map(|(a, m, b)| {
            format!("{{ dist = \"pert\", min = {a}, mode = {m}, max = {b} }}")
        }),
        1 => (0.001..50.0f64, 0.001..50.0f64).prop_map(|(a, b)| format!("{{ dist = \"beta\", alpha = {a}, beta = {b} }}")),
        1 => (0.0..1.0f64, 0.0..0.5f64).prop_map(|(m, sd)| {
            format!("{{ dist = \"normal\", mean = {m}, sd = {}, min = 0, max = 1 }}", sd + 1e-9)
        }),
    ]
}

/// A positive value, fixed or drawn.
fn sane_positive() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (-3i32..9, 1.0..10.0f64).prop_map(|(e, m)| format!("{}", m * 10f64.powi(e))),
        2 => (-3i32..9, 1.0..10.0f64, 1.0..1e3f64).prop_map(|(e, m, r)| {
            let p5 = m * 10f64.powi(e);
            format!("{{ dist = \"lognormal\", p5 = {p5}, p95 = {} }}", p5 * (1.0 + r))
        }),
        1 => (-3i32..9, 1.0..10.0f64, 1.0..3.0f64).prop_map(|(e, m, r)| {
            let lo = m * 10f64.powi(e);
            format!("{{ dist = \"triangular\", min = {lo}, mode = {}, max = {} }}", lo * r, lo * r * r)
        }),
    ]
}

/// The pieces of an `[[observed]]` entry: a metric (index into the
/// generator's list), a year offset, a value, its error (`sd = ...` or
/// `rel_sd = ...`), and now and then one defect (an index into
/// [`OBS_DEFECTS`]).
type Observed = (usize, i32, String, String, Option<usize>);

/// Defects an observation may carry: each breaks one rule of `[[observed]]`.
const OBS_DEFECTS: &[&str] = &[
    "metric",      // an unknown metric
    "year",        // a year outside the horizon
    "value nan",   // a non-finite value
    "value inf",   // a non-finite value
    "no value",    // no value
    "sd 0",        // a zero sd
    "sd -",        // a negative sd
    "rel_sd on 0", // rel_sd with a value of 0
    "both",        // sd and rel_sd
    "neither",     // no error
    "no source",   // no source
    "source 1",    // a source that is a number
    "unknown key", // a key of no observation
];

/// An observation's pieces: values and errors of every scale, now and then
/// a defect.
fn observation() -> impl Strategy<Value = Observed> {
    (
        0usize..64,
        0i32..64,
        // Shares, counts and money, zero, and anything.
        prop_oneof![
            4 => (0.0..=1.0f64).prop_map(|x| format!("{x}")),
            3 => (-2i32..7, 1.0..10.0f64).prop_map(|(e, m)| format!("{}", m * 10f64.powi(e))),
            1 => Just("0".to_string()),
            1 => number(),
        ],
        // Errors from tight to loose, in the metric's unit or relative, and
        // extreme ones (tiny, subnormal, huge).
        prop_oneof![
            4 => (0.001..0.5f64).prop_map(|x| format!("sd = {x}")),
            3 => (0.001..1.0f64).prop_map(|x| format!("rel_sd = {x}")),
            2 => (-3i32..7, 1.0..10.0f64).prop_map(|(e, m)| format!("sd = {}", m * 10f64.powi(e))),
            1 => prop::sample::select(vec![
                "sd = 5e-324", "sd = 1e-300", "sd = 1e300", "sd = 1.7e308",
                "rel_sd = 1e-300", "rel_sd = 1e300", "rel_sd = 5e-324",
            ]).prop_map(str::to_string),
        ],
        prop_oneof![12 => Just(None), 1 => (0..OBS_DEFECTS.len()).prop_map(Some)],
    )
}

/// The text of an observation of a generated scenario: `metrics` are the
/// scenario's metric names, `start` and `len` its horizon. Without a
/// defect it is a valid entry.
fn observed_text(o: &Observed, metrics: &[String], start: i32, len: i32) -> String {
    let (m, y, value, error, defect) = o;
    let defect = defect.map(|d| OBS_DEFECTS[d]);
    let metric = if defect == Some("metric") {
        "adoption.s9".to_string()
    } else {
        metrics[m % metrics.len()].clone()
    };
    let year = if defect == Some("year") {
        // One year before the start or after the end, or far away.
        [start - 1, start + len + 1, i32::MAX][(*y % 3) as usize]
    } else {
        start + y % (len + 1)
    };
    let value = match defect {
        Some("value nan") => "nan".to_string(),
        Some("value inf") => "-inf".to_string(),
        Some("rel_sd on 0") => "0".to_string(),
        _ => value.clone(),
    };
    let error = match defect {
        Some("sd 0") => "sd = 0".to_string(),
        Some("sd -") => "sd = -0.1".to_string(),
        Some("rel_sd on 0") => "rel_sd = 0.1".to_string(),
        Some("both") => "sd = 0.1\nrel_sd = 0.1".to_string(),
        Some("neither") => String::new(),
        // A valid entry: `rel_sd` only where `rel_sd * |value|` is a
        // positive finite error (not on a value of 0).
        _ => match error.strip_prefix("rel_sd = ") {
            Some(r) => {
                let v: f64 = value.parse().unwrap_or(f64::NAN);
                let sd = r.parse::<f64>().unwrap_or(f64::NAN) * v.abs();
                if sd > 0.0 && sd.is_finite() {
                    error.clone()
                } else {
                    "sd = 1".to_string()
                }
            }
            None => error.clone(),
        },
    };
    let mut t = format!("[[observed]]\nmetric = \"{metric}\"\nyear = {year}\n");
    if defect != Some("no value") {
        t += &format!("value = {value}\n");
    }
    if !error.is_empty() {
        t += &format!("{error}\n");
    }
    match defect {
        Some("no source") => {}
        Some("source 1") => t += "source = 1\n",
        Some("unknown key") => t += "source = \"fuzz\"\nsorce = \"fuzz\"\n",
        _ => t += "source = \"fuzz\"\n",
    }
    t
}

/// A generated scenario: a horizon, up to three axes and three segments
/// with random parameters and lifts, correlations, targets and (in about
/// half of them) observations.
fn scenario() -> impl Strategy<Value = String> {
    let axis = (
        prop_oneof![10 => (0.0..1e3f64).prop_map(|x| format!("{x}")), 1 => number()],
        0i32..16,
        0i32..16,
        share(),
        share(),
        0i64..4,
        share(),
        positive(),
        prop::option::of(positive()),
    );
    let segment = (
        positive(),
        share(),
        share(),
        share(),
        share(),
        positive(),
        prop::option::of(
            prop_oneof![10 => (-0.1..0.2f64).prop_map(|x| format!("{x}")), 1 => param()],
        ),
        prop::collection::vec((0usize..3, 0usize..4, share()), 0..3),
    );
    (
        2000i32..2030,
        0i32..15,
        prop::collection::vec(axis, 0..3),
        prop::collection::vec(segment, 1..3),
        prop::collection::vec((0usize..6, 0usize..6, -1.0..1.0f64), 0..3),
        prop::collection::vec((0usize..4, 0i32..16, number(), any::<bool>()), 0..3),
        prop::option::of(share()),
        any::<bool>(),
        prop_oneof![
            1 => Just(Vec::new()),
            1 => prop::collection::vec(observation(), 1..4),
        ],
    )
        .prop_map(|(start, len, axes, segs, corrs, targets, export, lhs, observed)| {
            let end = start + len;
            let mut t = format!(
                "[scenario]\nname = \"gen\"\nstart_year = {start}\nend_year = {end}\n\
                 [simulation]\ndraws = 64\nsampling = \"{}\"\n",
                if lhs { "lhs" } else { "mc" }
            );
            for (i, (budget, from, span, exec, lev, lag, dep, half, per)) in axes.iter().enumerate() {
                // Mostly within the horizon; now and then beyond it.
                let from = start + from % (len + 2);
                let to = (from + span % (len + 2)).min(end + i32::from(*span == 15));
                t += &format!(
                    "[axes.a{i}]\nbudget = {budget}\nschedule = {{ from = {from}, to = {to} }}\n\
                     execution = {exec}\nleverage = {lev}\nlag = {lag}\ndepreciation = {dep}\n\
                     half_saturation = {half}\n"
                );
                if let Some(p) = per {
                    t += &format!("deliverables.d.per_meur = {p}\n");
                }
            }
            let kinds = ["p", "q", "ceiling"];
            for (i, (pop, init, p, q, ceil, value, growth, lifts)) in segs.iter().enumerate() {
                t += &format!(
                    "[segments.s{i}]\npopulation = {pop}\ninitial_adoption = {init}\np = {p}\nq = {q}\n\
                     ceiling = {ceil}\nvalue_per_adopter = {value}\n"
                );
                if let Some(g) = growth {
                    t += &format!("value_growth = {g}\n");
                }
                for (k, a, v) in lifts {
                    // Mostly an axis that exists.
                    if *a < axes.len() || *a == 3 {
                        t += &format!("lift.{}.a{a} = {v}\n", kinds[*k]);
                    }
                }
            }
            if let Some(x) = export {
                t += &format!("[market]\nexport_ratio = {x}\n");
            }
            let paths = ["p", "q", "ceiling", "initial_adoption", "value_per_adopter", "population"];
            let s0 = &segs[0];
            let texts = [&s0.2, &s0.3, &s0.4, &s0.1, &s0.5, &s0.0];
            for (a, b, rho) in corrs {
                if !(texts[a].contains("dist") && texts[b].contains("dist")) {
                    continue;
                }
                t += &format!(
                    "[[correlations]]\na = \"segments.s0.{}\"\nb = \"segments.s0.{}\"\nrho = {rho}\n",
                    paths[a], paths[b]
                );
            }
            let metrics = ["market.total", "adoption.s0", "adopters.s0", "spending.a0"];
            for (m, y, level, least) in targets {
                if m == 3 && axes.is_empty() {
                    continue;
                }
                t += &format!(
                    "[[targets]]\nmetric = \"{}\"\nyear = {}\n{} = {level}\n",
                    metrics[m],
                    start + y % (len + 1),
                    if least { "at_least" } else { "at_most" }
                );
            }
            // Every metric of the scenario (market totals first): what an
            // observation may name.
            let mut names: Vec<String> =
                ["market.total", "market.domestic", "market.export"].map(String::from).to_vec();
            for i in 0..segs.len() {
                names.extend(["adoption", "adopters", "market"].map(|m| format!("{m}.s{i}")));
            }
            for (i, a) in axes.iter().enumerate() {
                names.extend(["spending", "effect"].map(|m| format!("{m}.a{i}")));
                if a.8.is_some() {
                    names.push(format!("deliverable.a{i}.d"));
                }
            }
            for o in &observed {
                t += &observed_text(o, &names, start, len);
            }
            t
        })
}

#[test]
fn generated_scenarios_never_panic() {
    big_stack(|| {
        runner(CASES)
            .run(&scenario(), |text| {
                exercise(&text);
                Ok(())
            })
            .unwrap();
    });
}

#[test]
fn check_exits_0_or_2_on_mutated_files() {
    let corpus = corpus();
    let strategy = (0..corpus.len(), edits());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("parent.toml"), SHIPPED[0]).unwrap();
    let path = dir.path().join("s.toml");
    runner(150)
        .run(&strategy, |(c, e)| {
            std::fs::write(&path, mutate(&corpus[c], &e)).unwrap();
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_esante"))
                .arg("check")
                .arg(&path)
                .output()
                .unwrap();
            let code = out.status.code();
            prop_assert!(
                matches!(code, Some(0 | 2)),
                "exit {code:?}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(())
        })
        .unwrap();
}
