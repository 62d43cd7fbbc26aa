//! `esante sensitivity ALT --against BASE`: the sensitivity of the per-draw
//! difference ALT - BASE, against closed forms through the real model, with
//! common random numbers shown to cancel what both scenarios share.

use std::path::Path;

use esante::Scenario;
use esante::analysis::sensitivity::difference::{DifferenceError, analyse_difference, pair_inputs};
use esante::analysis::sensitivity::sobol::OutputStatus;
use esante::analysis::sensitivity::{Analysis, Method, Settings, analyse};
use esante::engine::Silent;
use esante::sampling::{RunSettings, Sampling};

fn load(dir: &Path, file: &str, text: &str) -> Scenario {
    let p = dir.join(file);
    std::fs::write(&p, text).unwrap();
    Scenario::load(&p).unwrap()
}

/// ALT: segment `s` (population X1 ~ U(1000, 3000), value X2 ~ U(100, 500))
/// and segment `n` only in ALT (population X3 ~ U(100, 300), value X4 ~
/// U(100, 500)); p = q = 0, half adopted, no growth, so `market.total =
/// 0.5e-6 (X1 X2 + X3 X4)` every year. `axes.a.execution` reaches no market.
const ALT: &str = r#"
[scenario]
name = "alt"
start_year = 2020
end_year = 2022
[simulation]
seed = 5
draws = 20000
[axes.a]
budget = 10
schedule = { from = 2020, to = 2020 }
execution = { dist = "uniform", min = 0.2, max = 1 }
half_saturation = 5
[segments.s]
population = { dist = "uniform", min = 1000, max = 3000 }
initial_adoption = 0.5
p = 0
q = 0
ceiling = 1
value_per_adopter = { dist = "uniform", min = 100, max = 500 }
[segments.n]
population = { dist = "uniform", min = 100, max = 300 }
initial_adoption = 0.5
p = 0
q = 0
ceiling = 1
value_per_adopter = { dist = "uniform", min = 100, max = 500 }
"#;

/// BASE: segment `s` only, its value U(200, 600): the same uniform gives
/// BASE a value 100 above ALT's in every draw. Axis `b` only in BASE.
/// So `ALT - BASE = 0.5e-6 (X3 X4 - 100 X1)`: X2 drives the levels, not the
/// difference.
const BASE: &str = r#"
[scenario]
name = "base"
start_year = 2020
end_year = 2022
[axes.a]
budget = 10
schedule = { from = 2020, to = 2020 }
execution = { dist = "uniform", min = 0.2, max = 1 }
half_saturation = 5
[axes.b]
budget = 0
execution = { dist = "uniform", min = 0.2, max = 1 }
half_saturation = 5
[segments.s]
population = { dist = "uniform", min = 1000, max = 3000 }
initial_adoption = 0.5
p = 0
q = 0
ceiling = 1
value_per_adopter = { dist = "uniform", min = 200, max = 600 }
"#;

fn pair() -> (Scenario, Scenario) {
    let dir = tempfile::tempdir().unwrap();
    (
        load(dir.path(), "alt.toml", ALT),
        load(dir.path(), "base.toml", BASE),
    )
}

fn settings(s: &Scenario, method: Method, sampling: Sampling) -> Settings {
    Settings {
        metric: "market.total".into(),
        year: 2022,
        method,
        run: RunSettings {
            sampling,
            ..s.simulation
        },
        sobol_n: 1 << 13,
        resamples: 300,
    }
}

fn index(a: &Analysis, name: &str) -> usize {
    a.params.iter().position(|p| p == name).unwrap()
}

/// Mean and variance of U(lo, hi).
fn uniform(lo: f64, hi: f64) -> (f64, f64) {
    ((lo + hi) / 2.0, (hi - lo) * (hi - lo) / 12.0)
}

#[test]
fn inputs_are_the_union_by_path_with_one_draw_per_shared_path() {
    let (alt, base) = pair();
    let inputs = pair_inputs(&alt, &base, alt.simulation);
    let names: Vec<&str> = inputs.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "axes.a.execution",
            "segments.s.population",
            "segments.s.value_per_adopter",
            "segments.n.population",
            "segments.n.value_per_adopter",
            "axes.b.execution",
        ]
    );
    // Shared (one input, whatever the distributions), ALT only, BASE only.
    let shared: Vec<bool> = inputs.iter().map(|x| x.shared()).collect();
    assert_eq!(shared, [true, true, true, false, false, false]);
    assert!(inputs[3].alt.is_some() && inputs[3].base.is_none());
    assert!(inputs[5].alt.is_none() && inputs[5].base.is_some());
    assert!(inputs.iter().all(|x| !x.split && x.stream() == x.path));
}

#[test]
fn a_parameter_correlated_in_one_scenario_only_is_two_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let correlated = format!(
        "{ALT}\n[[correlations]]\na = \"segments.s.population\"\nb = \"axes.a.execution\"\nrho = 0.5\n"
    );
    let alt = load(dir.path(), "alt.toml", &correlated);
    let base = load(dir.path(), "base.toml", BASE);
    let inputs = pair_inputs(&alt, &base, alt.simulation);
    let names: Vec<&str> = inputs.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "axes.a.execution [alt]",
            "axes.a.execution [base]",
            "segments.s.population [alt]",
            "segments.s.population [base]",
            "segments.s.value_per_adopter",
            "segments.n.population",
            "segments.n.value_per_adopter",
            "axes.b.execution",
        ]
    );
    assert!(inputs[..4].iter().all(|x| x.split && !x.shared()));
    // The BASE side draws from a stream of its own in the Sobol design.
    assert_eq!(inputs[1].stream(), "axes.a.execution [base]");
    assert_eq!(inputs[0].stream(), "axes.a.execution");
    // Both sides are analysed: the BASE population moves the difference
    // down, ALT's up (Δ = c (X1a X2 - X1b (X2 + 100)) + ...).
    let d = analyse_difference(
        &alt,
        &base,
        settings(&alt, Method::Rank, Sampling::Mc),
        &Silent,
    )
    .unwrap();
    let (t, _) = d.analysis.tornado.as_ref().unwrap();
    let rho = |name: &str| {
        let i = index(&d.analysis, name);
        t.rows.iter().find(|r| r.param == i).unwrap().spearman
    };
    assert!(rho("segments.s.population [alt]") > 0.3);
    assert!(rho("segments.s.population [base]") < -0.3);
}

#[test]
fn sobol_indices_of_the_difference_match_the_closed_form() {
    let (alt, base) = pair();
    // Δ / c = X3 X4 - 100 X1 (c = 0.5e-6), independent uniforms:
    // V = v3 m4² + v4 m3² + v3 v4 + 1e4 v1.
    let (_m1, v1) = uniform(1000.0, 3000.0);
    let (m3, v3) = uniform(100.0, 300.0);
    let (m4, v4) = uniform(100.0, 500.0);
    let v = v3 * m4 * m4 + v4 * m3 * m3 + v3 * v4 + 1e4 * v1;
    let want = [
        ("segments.s.population", 1e4 * v1 / v, 1e4 * v1 / v),
        (
            "segments.n.population",
            v3 * m4 * m4 / v,
            (v3 * m4 * m4 + v3 * v4) / v,
        ),
        (
            "segments.n.value_per_adopter",
            v4 * m3 * m3 / v,
            (v4 * m3 * m3 + v3 * v4) / v,
        ),
    ];
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let d = analyse_difference(
            &alt,
            &base,
            settings(&alt, Method::Sobol, sampling),
            &Silent,
        )
        .unwrap();
        let a = &d.analysis;
        let s = a.sobol.as_ref().unwrap();
        assert_eq!(s.years, [2020, 2021, 2022]);
        let out = &s.result.outputs[a.t];
        assert_eq!(out.status, OutputStatus::Ok);
        let want_v = v * 0.25e-12;
        assert!(
            (out.variance / want_v - 1.0).abs() < 0.05,
            "{sampling}: V {} vs {want_v}",
            out.variance
        );
        for (name, s1, st) in want {
            let got = s.result.get(a.t, index(a, name));
            assert!(
                (got.s1.value - s1).abs() <= 4.0 * got.s1.se,
                "{sampling} {name} S1 {} vs {s1} (se {})",
                got.s1.value,
                got.s1.se
            );
            assert!(
                (got.st.value - st).abs() <= 4.0 * got.st.se,
                "{sampling} {name} ST {} vs {st} (se {})",
                got.st.value,
                got.st.se
            );
        }
        // What ALT and BASE share cancels: X2 moves both markets through the
        // same uniform (BASE's quantile is 100 higher), so it leaves the
        // difference unchanged up to rounding; the axes reach no market.
        let x2 = s.result.get(a.t, index(a, "segments.s.value_per_adopter"));
        assert!(
            x2.st.value.abs() < 1e-9 && x2.s1.value.abs() < 1e-9,
            "{x2:?}"
        );
        for name in ["axes.a.execution", "axes.b.execution"] {
            let x = s.result.get(a.t, index(a, name));
            assert_eq!((x.s1.value, x.st.value), (0.0, 0.0), "{name}");
        }
        // (k + 2) N evaluations of the difference, k = 6 inputs.
        assert_eq!(s.result.evaluations(), (6 + 2) << 13);
    }
}

#[test]
fn a_level_driver_that_both_scenarios_share_does_not_drive_the_difference() {
    let (alt, base) = pair();
    let x2 = "segments.s.value_per_adopter";
    // Levels of ALT: 0.5e-6 (X1 X2 + X3 X4); X2 explains a large share.
    let levels = analyse(&alt, settings(&alt, Method::All, Sampling::Mc), &Silent).unwrap();
    let (m1, v1) = uniform(1000.0, 3000.0);
    let (m2, v2) = uniform(100.0, 500.0);
    let (m3, v3) = uniform(100.0, 300.0);
    let (m4, v4) = uniform(100.0, 500.0);
    let var = |m: f64, v: f64, n: f64, w: f64| v * n * n + w * m * m + v * w;
    let level_s1 = v2 * m1 * m1 / (var(m1, v1, m2, v2) + var(m3, v3, m4, v4));
    let s = levels.sobol.as_ref().unwrap();
    let got = s.result.get(levels.t, index(&levels, x2));
    assert!(level_s1 > 0.4);
    assert!((got.s1.value - level_s1).abs() <= 4.0 * got.s1.se);
    let (t, _) = levels.tornado.as_ref().unwrap();
    let rho_level = t
        .rows
        .iter()
        .find(|r| r.param == index(&levels, x2))
        .unwrap();
    assert!(rho_level.spearman > 0.5, "{rho_level:?}");

    // The difference: X2's rank correlation is noise around 0 (its standard
    // error is about 1 / sqrt(n)).
    let d = analyse_difference(
        &alt,
        &base,
        settings(&alt, Method::Rank, Sampling::Mc),
        &Silent,
    )
    .unwrap();
    let (t, mean) = d.analysis.tornado.as_ref().unwrap();
    let n = alt.simulation.draws as f64;
    let row = |name: &str| {
        let i = index(&d.analysis, name);
        *t.rows.iter().find(|r| r.param == i).unwrap()
    };
    assert!(row(x2).spearman.abs() < 4.0 / n.sqrt(), "{:?}", row(x2));
    // X1 (negative: BASE gains 100 X1) explains about 80% of the variance,
    // what only ALT has the rest (X4 about 13%, X3 7%): their correlations,
    // about -0.9, 0.35 and 0.25, are far beyond the noise.
    assert!(row("segments.s.population").spearman < -0.8);
    assert!(row("segments.n.population").spearman > 0.15);
    assert!(row("segments.n.value_per_adopter").spearman > 0.25);
    // Mean of Δ = 0.5e-6 (m3 m4 - 100 m1), within 4 standard errors.
    let want = 0.5e-6 * (m3 * m4 - 100.0 * m1);
    let sd = 0.5e-6 * (var(m3, v3, m4, v4) + 1e4 * v1).sqrt();
    assert!(
        (mean - want).abs() < 4.0 * sd / n.sqrt(),
        "{mean} vs {want}"
    );
}

#[test]
fn the_difference_does_not_depend_on_the_thread_count() {
    let (alt, base) = pair();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let s = Settings {
            run: RunSettings {
                draws: 5000,
                ..alt.simulation
            },
            sobol_n: 3000,
            resamples: 100,
            ..settings(&alt, Method::All, Sampling::Lhs)
        };
        let d = pool.install(|| analyse_difference(&alt, &base, s, &Silent).unwrap());
        format!("{:?} {:?}", d.analysis.tornado, d.analysis.sobol)
    };
    let one = run(1);
    assert_eq!(one, run(3));
    assert_eq!(one, run(8));
}

#[test]
fn mismatched_horizons_and_missing_metrics_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let alt = load(dir.path(), "alt.toml", ALT);
    let later = load(
        dir.path(),
        "later.toml",
        &BASE.replace("end_year = 2022", "end_year = 2023"),
    );
    let e = analyse_difference(
        &alt,
        &later,
        settings(&alt, Method::Rank, Sampling::Mc),
        &Silent,
    )
    .unwrap_err();
    assert!(matches!(e, DifferenceError::Horizons { .. }), "{e}");
    let text = e.to_string();
    assert!(
        text.contains("2020-2022") && text.contains("2020-2023"),
        "{text}"
    );
    let base = load(dir.path(), "base.toml", BASE);
    let only_alt = Settings {
        metric: "market.n".into(),
        ..settings(&alt, Method::Rank, Sampling::Mc)
    };
    let e = analyse_difference(&alt, &base, only_alt, &Silent).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("`base`: unknown metric `market.n`"),
        "{e}"
    );
}

// ---------------------------------------------------------------------------
// The command line.

fn esante() -> assert_cmd::Command {
    assert_cmd::Command::cargo_bin("esante").unwrap()
}

#[test]
fn cli_writes_the_difference_report_in_its_own_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("alt.toml"), ALT).unwrap();
    std::fs::write(dir.path().join("base.toml"), BASE).unwrap();
    // A file of the user's beside where the report goes: kept.
    let folder = dir.path().join("reports/alt/sensitivity-against-base");
    std::fs::create_dir_all(dir.path().join("reports/alt")).unwrap();
    std::fs::write(dir.path().join("reports/alt/NOTES.md"), "mine").unwrap();
    let args = [
        "sensitivity",
        "alt.toml",
        "--against",
        "base.toml",
        "--draws",
        "500",
        "--resamples",
        "50",
        "--set",
        "simulation.seed=9",
        "--quiet",
    ];
    esante()
        .current_dir(dir.path())
        .args(args)
        .assert()
        .success()
        .stdout("");
    let mut files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "index.md",
            "manifest.sha256",
            "sensitivity.json",
            "sobol-heatmap.png",
            "sobol-heatmap.svg",
            "sobol-years.csv",
            "sobol.csv",
            "sobol.png",
            "sobol.svg",
            "tornado.csv",
            "tornado.png",
            "tornado.svg",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("reports/alt/NOTES.md")).unwrap(),
        "mine"
    );
    let page = std::fs::read_to_string(folder.join("index.md")).unwrap();
    assert!(page.contains("**difference**"), "{page}");
    assert!(
        page.contains(
            "`esante sensitivity ALT.toml --against BASE.toml --metric market.total --year 2022 \
             --method all --draws 500 --seed 9 --sampling mc --resamples 50 --set \
             'simulation.seed=9'`"
        ),
        "{page}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(folder.join("sensitivity.json")).unwrap())
            .unwrap();
    assert_eq!(json["scenario"]["name"], "alt");
    assert_eq!(json["against"]["name"], "base");
    // Both scenarios with their hashes in the provenance.
    for key in ["scenario", "against"] {
        let hash = json[key]["hash"].as_str().unwrap();
        assert!(page.contains(esante::scenario::short_hex(hash)), "{key}");
    }
    assert_eq!(json["inputs"].as_array().unwrap().len(), 6);
    assert_eq!(json["inputs"][5]["parameter"], "axes.b.execution");
    assert_eq!(json["inputs"][5]["in_alt"], false);
    let tornado = std::fs::read_to_string(folder.join("tornado.csv")).unwrap();
    assert_eq!(tornado.lines().count(), 1 + 6);
    assert!(
        tornado
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("segments.s.population,market.total,2022,-")
    );

    // The same command again: the same bytes (nothing else changes).
    let before = std::fs::read(folder.join("sobol.csv")).unwrap();
    esante()
        .current_dir(dir.path())
        .args(args)
        .assert()
        .success();
    assert_eq!(std::fs::read(folder.join("sobol.csv")).unwrap(), before);
}

#[test]
fn cli_refuses_bad_pairs_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("alt.toml"), ALT).unwrap();
    std::fs::write(
        dir.path().join("longer.toml"),
        BASE.replace("end_year = 2022", "end_year = 2023"),
    )
    .unwrap();
    let run = |against: &str| {
        esante()
            .current_dir(dir.path())
            .args(["sensitivity", "alt.toml", "--against", against, "--quiet"])
            .assert()
            .failure()
            .code(2)
    };
    run("longer.toml").stderr(predicates::str::contains(
        "alt.toml against longer.toml: `alt` simulates 2020-2022 and `base` 2020-2023",
    ));
    run("missing.toml").stderr(predicates::str::contains("missing.toml"));
    esante()
        .current_dir(dir.path())
        .args([
            "sensitivity",
            "alt.toml",
            "--against",
            "alt.toml",
            "--metric",
            "market.nope",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown metric `market.nope`"));
    // Nothing was written.
    assert!(!dir.path().join("reports").exists());
}
