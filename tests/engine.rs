//! The engine against outside truth: hand-computed yearly equations, closed-form
//! quantiles, thread-count invariance, common random numbers and `extends`.

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

mod common;

use common::{CRN_BASE, CRN_EXTRA, load, write};

use esante::Scenario;
use esante::analysis::run::Run;
use esante::engine::{self, RunStats, Silent};
use esante::sampling::{RunSettings, Sampling};

/// A run of `s` with its own `[simulation]` settings, returned with `s`.
fn run(s: Scenario) -> (Scenario, RunStats) {
    let st = engine::run(&s, s.simulation, &Silent);
    (s, st)
}

/// `s`'s settings with another sampling or draw count.
fn with(s: &Scenario, sampling: Sampling, draws: Option<u64>) -> RunSettings {
    RunSettings {
        sampling,
        draws: draws.unwrap_or(s.simulation.draws),
        ..s.simulation
    }
}

fn value((sc, stats): &(Scenario, RunStats), metric: &str, t: usize) -> f64 {
    let m = sc
        .metrics
        .find(metric)
        .unwrap_or_else(|| panic!("no metric {metric}"));
    let s = stats.get(sc.metrics.series(m, t));
    // Every parameter is fixed: all draws agree.
    assert_eq!(s.min, s.max, "{metric} {t} varies");
    s.moments.mean()
}

const HAND: &str = r#"
[scenario]
name = "hand"
start_year = 2020
end_year = 2023
[simulation]
draws = 5
[axes.a]
budget = 30
schedule = { from = 2020, amounts = [10, 20] }
execution = 0.8
leverage = 0.5
lag = 1
depreciation = 0.1
half_saturation = 12
deliverables.things = { per_meur = 2 }
[segments.s]
population = 1000
initial_adoption = 0.1
p = 0.05
q = 0.4
ceiling = 0.8
value_per_adopter = 2000
value_growth = 0.1
lift.p = { a = 1.0 }
lift.q = { a = 0.5 }
lift.ceiling = { a = 0.5 }
[market]
export_ratio = 0.2
lift.export_ratio = { a = 1.0 }
"#;

#[test]
fn yearly_equations_match_hand_computation() {
    let st = run(load(HAND));
    let close = |got: f64, want: f64, what: &str| {
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{what}: {got} vs {want}"
        );
    };
    // Spending: executed public money 10 * 0.8 then 20 * 0.8, cumulative.
    for (t, want) in [8.0, 24.0, 24.0, 24.0].into_iter().enumerate() {
        close(value(&st, "spending.a", t), want, "spending");
        close(
            value(&st, "deliverable.a.things", t),
            2.0 * want,
            "deliverable",
        );
    }
    // Effect stock with lag 1, gain 0.8 * 1.5 = 1.2, depreciation 0.1:
    // K = 0, 12, 0.9 * 12 + 24 = 34.8, 0.9 * 34.8 = 31.32; E = 1 - 2^(-K / 12).
    let k: [f64; 4] = [0.0, 12.0, 34.8, 31.32];
    for (t, kt) in k.iter().enumerate() {
        close(
            value(&st, "effect.a", t),
            1.0 - (-kt / 12.0).exp2(),
            "effect",
        );
    }
    close(value(&st, "effect.a", 1), 0.5, "effect half-saturated");
    // Adoption: A0 = 0.1; in 2021 E = 0.5 gives p = 0.075, q = 0.5,
    // m = min(1, 0.8 * 1.25) = 1, h = 0.075 + 0.5 * 0.1 = 0.125,
    // A1 = 0.1 + 0.125 * 0.9 = 0.2125.
    close(value(&st, "adoption.s", 0), 0.1, "A0");
    close(value(&st, "adoption.s", 1), 0.2125, "A1");
    // 2022: the lifted ceiling 0.8 * (1 + 0.5 E) = 1.146 is capped at 1.
    let e2 = 1.0 - (-34.8f64 / 12.0).exp2();
    let (p2, q2, m2) = (0.05 * (1.0 + e2), 0.4 * (1.0 + 0.5 * e2), 1.0f64);
    assert!(0.8 * (1.0 + 0.5 * e2) > 1.0);
    let a2 = 0.2125 + (p2 + q2 * 0.2125 / m2).min(1.0) * (m2 - 0.2125);
    close(value(&st, "adoption.s", 2), a2, "A2 with capped ceiling");
    // Market: 1000 adopters-worth * share * 2000 EUR * 1.1^t / 1e6.
    close(value(&st, "market.s", 0), 0.2, "M0");
    close(value(&st, "market.s", 1), 0.4675, "M1");
    close(value(&st, "adopters.s", 1), 212.5, "N1");
    // Exports: domestic * 0.2 * (1 + 1.0 * E); E(2021) = 0.5.
    close(value(&st, "market.export", 0), 0.2 * 0.2, "X0");
    close(value(&st, "market.export", 1), 0.4675 * 0.2 * 1.5, "X1");
    close(value(&st, "market.total", 1), 0.4675 * 1.3, "total");
    close(
        value(&st, "market.domestic", 3),
        value(&st, "market.s", 3),
        "domestic = sum of segments",
    );
}

#[test]
fn zero_lag_and_flat_schedule() {
    let text = HAND
        .replace(
            "schedule = { from = 2020, amounts = [10, 20] }",
            "schedule = { from = 2021, to = 2023 }",
        )
        .replace("lag = 1", "lag = 0");
    let st = run(load(&text));
    // 30 M EUR over 2021-2023 = 10 a year; without lag the stock builds the same year.
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    close(value(&st, "spending.a", 0), 0.0);
    close(value(&st, "spending.a", 1), 8.0);
    close(value(&st, "effect.a", 1), 1.0 - (-12.0f64 / 12.0).exp2());
    close(value(&st, "spending.a", 3), 24.0);
}

#[test]
fn percentiles_and_moments_match_the_closed_form() {
    // spending = 100 * execution with execution ~ U(0.5, 1): S ~ U(50, 100).
    let text = r#"
[scenario]
name = "closed-form"
start_year = 2020
end_year = 2020
[simulation]
draws = 40000
seed = 3
[axes.a]
budget = 100
schedule = { from = 2020, to = 2020 }
execution = { dist = "uniform", min = 0.5, max = 1.0 }
half_saturation = 10
[segments.s]
population = 1
initial_adoption = 0.5
p = 0
q = 0
ceiling = 1
value_per_adopter = 0
"#;
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let s = load(text);
        let st = engine::run(&s, with(&s, sampling, None), &Silent);
        let run = Run {
            scenario: &s,
            stats: &st,
        };
        let m = s.metrics.find("spending.a").unwrap();
        let r = run.row(s.metrics.series(m, 0));
        let n = 40000.0f64;
        // Standard errors: mean sd/sqrt(n); quantile sqrt(p(1-p)/n)/f with f = 1/50;
        // sd: sd * sqrt((kurtosis - 1) / 4n), kurtosis of a uniform 1.8.
        let sd = 50.0 / 12f64.sqrt();
        assert!(
            (r.mean - 75.0).abs() < 4.0 * sd / n.sqrt(),
            "{sampling} mean {}",
            r.mean
        );
        assert!(
            (r.sd - sd).abs() < 4.0 * sd * (0.8 / (4.0 * n)).sqrt(),
            "{sampling} sd {}",
            r.sd
        );
        for (p, got) in [
            (0.05, r.p5),
            (0.25, r.p25),
            (0.5, r.p50),
            (0.9, r.p90),
            (0.95, r.p95),
        ] {
            let want = 50.0 + 50.0 * p;
            let se = (p * (1.0 - p) / n).sqrt() * 50.0;
            // Sampling error plus the sketch's 0.39% bound.
            let tol = 4.0 * se + want / 256.0;
            assert!((got - want).abs() < tol, "{sampling} p{p}: {got} vs {want}");
        }
        assert!(r.min >= 50.0 && r.max <= 100.0);
    }
}

fn csv_bytes(s: &Scenario, st: &RunStats) -> Vec<u8> {
    esante::report::run::summary_csv(&Run {
        scenario: s,
        stats: st,
    })
    .into_bytes()
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    // Not a multiple of the block size, with correlations, under both samplers.
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let settings = with(&s, sampling, Some(70_001));
        let outputs: Vec<Vec<u8>> = [1, 2, 3]
            .iter()
            .map(|&threads| {
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .unwrap();
                let st = pool.install(|| engine::run(&s, settings, &Silent));
                csv_bytes(&s, &st)
            })
            .collect();
        assert_eq!(outputs[0], outputs[1], "{sampling}: 1 vs 2 threads");
        assert_eq!(outputs[0], outputs[2], "{sampling}: 1 vs 3 threads");
    }
}

#[test]
fn adding_a_segment_leaves_every_other_draw_unchanged() {
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let base = load(CRN_BASE);
        // The new segment goes first, so positions shift too.
        let with_z = CRN_BASE.replace("[segments.x]", &format!("{CRN_EXTRA}\n[segments.x]"));
        let more = load(&with_z);
        let a = engine::run(&base, with(&base, sampling, None), &Silent);
        let b = engine::run(&more, with(&more, sampling, None), &Silent);
        let mut compared = 0;
        for (m, metric) in base.metrics.iter() {
            if ["market.domestic", "market.export", "market.total"].contains(&metric.name.as_str())
            {
                continue;
            }
            let mb = more.metrics.find(&metric.name).unwrap();
            for t in 0..base.years() {
                assert_eq!(
                    a.get(base.metrics.series(m, t)),
                    b.get(more.metrics.series(mb, t)),
                    "{sampling} {} year {t}",
                    metric.name
                );
                compared += 1;
            }
        }
        // spending, effect; adoption, adopters, market of x and y: 8 metrics x 6 years.
        assert_eq!(compared, 8 * 6);
        // And the new segment really is random.
        let z = more.metrics.find("adoption.z").unwrap();
        assert!(b.get(more.metrics.series(z, 3)).moments.sd() > 0.0);
    }
}

#[test]
fn target_probabilities_count_draws() {
    let text = format!(
        "{CRN_BASE}\n[[targets]]\nmetric = \"adoption.y\"\nyear = 2021\nat_least = 0.2\n\
         [[targets]]\nmetric = \"adoption.y\"\nyear = 2021\nat_most = 0.1\n"
    );
    let s = load(&text);
    let st = engine::run(&s, s.simulation, &Silent);
    let run = Run {
        scenario: &s,
        stats: &st,
    };
    let p: Vec<f64> = run.targets().map(|(_, p)| p.value).collect();
    assert_eq!(p, vec![1.0, 0.0]);
    assert_eq!(s.targets[0].label, "adoption.y >= 0.2 in 2021");
}

#[test]
fn extends_merges_tables_and_replaces_values() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.toml", CRN_BASE);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let child = write(
        &dir.path().join("sub"),
        "child.toml",
        r#"
[scenario]
name = "child"
extends = "../base.toml"
title = "Child"
[axes.a]
budget = 0
[segments.y]
p = 0.02
[[correlations]]
a = "segments.x.q"
b = "axes.a.execution"
rho = -0.2
"#,
    );
    let s = Scenario::load(&child).unwrap();
    assert_eq!(s.name, "child");
    assert_eq!(s.title, "Child");
    assert_eq!(s.start_year, 2021, "inherited");
    assert_eq!(s.axes[0].budget, 0.0, "replaced");
    assert_eq!(
        s.axes[0].schedule_years,
        Some((2022, 2024)),
        "kept from the parent"
    );
    assert!(s.axes[0].plan.iter().all(|&v| v == 0.0));
    let y = &s.segments[1];
    assert_eq!(y.p, esante::scenario::Param::Fixed(0.02));
    assert_eq!(
        y.population,
        esante::scenario::Param::Fixed(500.0),
        "sibling key kept"
    );
    // Arrays replace: only the child's correlation remains.
    assert_eq!(s.correlations.len(), 1);
    assert_eq!(s.correlations[0].rho, -0.2);
    assert_eq!(s.files.len(), 2);

    // `name` is never inherited.
    let nameless = write(
        dir.path(),
        "nameless.toml",
        "[scenario]\nextends = \"base.toml\"\n",
    );
    let err = Scenario::load(&nameless).unwrap_err().to_string();
    assert!(err.contains("scenario.name"), "{err}");
}

#[test]
fn a_child_can_change_a_distribution_kind() {
    // A distribution table is a parameter's value: under `extends` it replaces
    // the parent's table instead of merging into it (the parent's `min`/`max`
    // would not fit a lognormal).
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "base.toml", CRN_BASE);
    let child = write(
        dir.path(),
        "child.toml",
        "[scenario]\nname = \"child\"\nextends = \"base.toml\"\n\
         [segments.x]\nceiling = { dist = \"pert\", min = 0.5, mode = 0.7, max = 0.9 }\n\
         initial_adoption = { dist = \"uniform\", min = 0.1, max = 0.2 }\n",
    );
    let s = Scenario::load(&child).unwrap();
    let spec = |path: &str| {
        s.uncertain
            .iter()
            .find(|u| u.path == path)
            .map(|u| u.dist.spec().to_string())
    };
    assert_eq!(
        spec("segments.x.ceiling").as_deref(),
        Some("pert(0.5, 0.7, 0.9)")
    );
    assert_eq!(
        spec("segments.x.initial_adoption").as_deref(),
        Some("uniform(0.1, 0.2)")
    );
}

#[test]
fn shipped_scenarios_start_near_the_sourced_market() {
    // docs/sources.md: the baseline domestic market should start near 3.5-4.5 Md EUR.
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    let st = engine::run(&s, with(&s, s.simulation.sampling, Some(20_000)), &Silent);
    let m = s.metrics.find("market.domestic").unwrap();
    let median = Run {
        scenario: &s,
        stats: &st,
    }
    .row(s.metrics.series(m, 0))
    .p50;
    assert!(
        (3500.0..=4500.0).contains(&median),
        "2021 domestic market median {median}"
    );
}
