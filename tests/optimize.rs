//! `esante optimize` against outside truth: the closed-form split of a
//! saturating-effect model, brute force over a fine grid of two axes, and
//! the engine itself (the current split's statistics are the run's; every
//! split's are those of a run of the scenario re-budgeted to it).

// Reference values may use the system's functions: they never reach an output.
#![allow(clippy::disallowed_methods)]

mod common;

use esante::Scenario;
use esante::analysis::optimize::{self, Optimization, Settings};
use esante::engine::{self, Silent};
use esante::sampling::RunSettings;
use esante::scenario::optimize::{Objective, Spec, Statistic};

/// Three axes whose spending, all in 2022, lifts exports linearly through a
/// saturating effect `E_a = 1 - 2^(-b_a / h_a)`; adoption stays at 0.5, so
/// exports in 2022 are `50 (1 + g) (1 + sum_a w_a E_a)` with an uncertain
/// growth `g` that scales every split alike.
fn closed_form_scenario(w: [f64; 3], h: [f64; 3]) -> Scenario {
    let axis = |id: &str, k: usize| {
        format!(
            "[axes.{id}]\nbudget = 30\nschedule = {{ from = 2022, to = 2022 }}\nhalf_saturation = {}\n",
            h[k]
        )
    };
    common::load(&format!(
        r#"
[scenario]
name = "closed-form"
start_year = 2021
end_year = 2022
[simulation]
draws = 256
{}{}{}
[segments.s]
population = 1000
initial_adoption = 0.5
p = 0
q = 0
ceiling = 1
value_per_adopter = 1000000
value_growth = {{ dist = "uniform", min = 0.0, max = 0.05 }}
[market]
export_ratio = 0.1
lift.export_ratio = {{ a = {}, b = {}, c = {} }}
"#,
        axis("a", 0),
        axis("b", 1),
        axis("c", 2),
        w[0],
        w[1],
        w[2]
    ))
}

/// The budgets maximising `sum_a w_a (1 - 2^(-b_a / h_a))` over
/// `sum b_a = envelope` within bounds: equal marginal returns
/// `w_a ln2 / h_a 2^(-b_a / h_a) = lambda`, so
/// `b_a = h_a log2(w_a ln2 / (h_a lambda))` clipped to the bounds, with
/// lambda found by bisection.
fn closed_form(w: [f64; 3], h: [f64; 3], envelope: f64, min: [f64; 3], max: [f64; 3]) -> [f64; 3] {
    let ln2 = std::f64::consts::LN_2;
    let at = |lambda: f64| -> [f64; 3] {
        std::array::from_fn(|a| {
            (h[a] * (w[a] * ln2 / (h[a] * lambda)).log2()).clamp(min[a], max[a])
        })
    };
    let (mut lo, mut hi) = (1e-12f64, 10.0f64);
    for _ in 0..200 {
        let mid = (lo * hi).sqrt();
        if at(mid).iter().sum::<f64>() > envelope {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    at((lo * hi).sqrt())
}

fn settings(s: &Scenario, spec: Spec, draws: u64) -> Settings {
    Settings {
        problem: spec.resolve(s).unwrap(),
        run: RunSettings {
            draws,
            ..s.simulation
        },
    }
}

fn objective(s: &Scenario, metric: &str, years: (i32, i32), statistic: Statistic) -> Objective {
    Objective {
        metric: s.metrics.find(metric).unwrap(),
        name: metric.into(),
        years,
        statistic,
    }
}

fn run(s: &Scenario, settings: &Settings) -> Optimization {
    optimize::optimize(s, settings, &Silent).unwrap()
}

#[test]
fn maximising_the_mean_equalises_marginal_returns_as_the_closed_form_says() {
    // Axis `a` is capped at 40; `c` is worth too little to get anything.
    let (w, h) = ([0.8, 0.6, 0.02], [20.0, 30.0, 25.0]);
    let (envelope, min, max) = (100.0, [0.0; 3], [40.0, f64::INFINITY, f64::INFINITY]);
    let s = closed_form_scenario(w, h);
    let a = s.axis_index("a").unwrap();
    let spec = Spec {
        objective: Some(objective(
            &s,
            "market.export",
            (2022, 2022),
            Statistic::Mean,
        )),
        envelope: Some(envelope),
        max: vec![(a, 40.0)],
        ..Spec::default()
    };
    let o = run(&s, &settings(&s, spec, 256));
    let truth = closed_form(w, h, envelope, min, max);
    assert!((truth[0] - 40.0).abs() < 1e-9, "the cap binds: {truth:?}");
    assert_eq!(truth[2], 0.0, "axis c gets nothing: {truth:?}");
    for (k, (got, want)) in o.best.budgets.iter().zip(truth).enumerate() {
        assert!(
            (got - want).abs() <= optimize::REFINE_TO * 2.0 * envelope,
            "axis {k}: {got} M EUR, closed form {want} (best {:?}, truth {truth:?})",
            o.best.budgets
        );
    }
    // At the optimum the funded axis off its bound has the marginal return
    // lambda; the capped axis more, the unfunded one less.
    let ln2 = std::f64::consts::LN_2;
    let scale = o.best.in_sample.mean
        / (1.0
            + (0..3)
                .map(|k| w[k] * (1.0 - (-o.best.budgets[k] / h[k]).exp2()))
                .sum::<f64>());
    let lambda = scale * w[1] * ln2 / h[1] * (-truth[1] / h[1]).exp2();
    let m = &o.marginal_best;
    assert!(
        (m[1] - lambda).abs() <= 0.03 * lambda,
        "{m:?} vs lambda {lambda}"
    );
    assert!(m[0] > m[1] && m[2] < m[1], "{m:?}");
}

#[test]
fn two_axes_match_brute_force_on_a_fine_grid() {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    let (train, deploy) = (
        s.axis_index("training").unwrap(),
        s.axis_index("deployment").unwrap(),
    );
    let envelope = 115.0;
    let spec = Spec {
        objective: Some(objective(
            &s,
            "adoption.esms",
            (2027, 2027),
            Statistic::Mean,
        )),
        axes: Some(vec![train, deploy]),
        envelope: Some(envelope),
        ..Spec::default()
    };
    let st = settings(&s, spec, 400);
    let o = run(&s, &st);
    let series = s
        .metrics
        .series_in(s.metrics.find("adoption.esms").unwrap(), 2027)
        .unwrap();
    let mean_of = |b: f64| {
        let r = s
            .with_budgets(&[(train, b), (deploy, envelope - b)])
            .unwrap();
        engine::run(&r, st.run, &Silent).get(series).moments.mean()
    };
    let (brute, at) = (0..=230)
        .map(|i| i as f64 * 0.5)
        .map(|b| (mean_of(b), b))
        .fold(
            (f64::NEG_INFINITY, 0.0),
            |a, x| if x.0 > a.0 { x } else { a },
        );
    let best = o.best.in_sample.mean;
    assert!(
        best >= brute - 1e-6 * brute.abs(),
        "search {best} at {:?}, brute force {brute} at training = {at}",
        o.best.budgets
    );
    assert!(
        (o.best.budgets[0] - at).abs() <= 0.01 * envelope,
        "search at {:?}, brute force at training = {at}",
        o.best.budgets
    );
}

#[test]
fn every_split_has_the_statistics_of_a_run_of_the_rebudgeted_scenario() {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    let spec = Spec {
        step: Some(0.25),
        ..s.optimize.clone().unwrap()
    };
    let st = settings(&s, spec, 1500);
    let o = run(&s, &st);
    let metric = s.metrics.find("adoption.esms").unwrap();
    let series = s.metrics.series_in(metric, 2027).unwrap();
    // The current split is the run itself, bit for bit.
    let base = engine::run(&s, st.run, &Silent);
    let b = base.get(series);
    let q = b.percentiles(&[0.05, 0.10, 0.50, 0.90, 0.95]);
    let c = &o.current.in_sample;
    assert_eq!(
        [c.mean, c.sd, c.p5, c.p10, c.p50, c.p90, c.p95],
        [
            b.moments.mean(),
            b.moments.sd(),
            q[0],
            q[1],
            q[2],
            q[3],
            q[4]
        ]
    );
    // Any other split is the run of the scenario with those budgets.
    let free = &st.problem.free;
    for choice in [&o.best, &o.robust].into_iter().chain(&o.shortlist) {
        let budgets: Vec<(usize, f64)> = free
            .iter()
            .copied()
            .zip(choice.budgets.iter().copied())
            .collect();
        let r = s.with_budgets(&budgets).unwrap();
        let stats = engine::run(&r, st.run, &Silent);
        assert_eq!(
            choice.in_sample.mean,
            stats.get(series).moments.mean(),
            "{budgets:?}"
        );
    }
    // Candidates are best first, each on the envelope.
    let values: Vec<f64> = o.candidates.iter().map(|c| c.summary.value).collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]));
    for c in &o.candidates {
        assert!(
            (c.budgets.iter().sum::<f64>() - st.problem.envelope).abs()
                < 1e-9 * st.problem.envelope
        );
    }
    assert_eq!(o.best.budgets, o.candidates[0].budgets);
    assert!(o.best.in_sample.value >= o.current.in_sample.value);
}

#[test]
fn the_frontier_and_the_robust_split_follow_their_definitions() {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    let spec = Spec {
        step: Some(0.2),
        ..s.optimize.clone().unwrap()
    };
    let o = run(&s, &settings(&s, spec, 800));
    let c = &o.candidates;
    for (i, x) in c.iter().enumerate() {
        let dominated = c
            .iter()
            .any(|y| y.summary.mean > x.summary.mean && y.summary.p10 > x.summary.p10);
        assert_eq!(x.pareto, !dominated, "candidate {i}");
    }
    let best_mean = c
        .iter()
        .map(|x| x.summary.mean)
        .fold(f64::NEG_INFINITY, f64::max);
    let eligible = c
        .iter()
        .filter(|x| x.summary.mean >= best_mean - 0.01 * best_mean.abs());
    let p10 = eligible
        .map(|x| x.summary.p10)
        .fold(f64::NEG_INFINITY, f64::max);
    assert_eq!(o.robust.in_sample.p10, p10);
    // The out-of-sample draws are other draws: same count, other values.
    assert_ne!(o.current.in_sample.mean, o.current.out_of_sample.mean);
    let rel =
        (o.current.in_sample.mean - o.current.out_of_sample.mean).abs() / o.current.in_sample.sd;
    // Two independent means of 800 draws differ by about sd * sqrt(2 / 800).
    assert!(rel < 5.0 * (2.0f64 / 800.0).sqrt(), "{rel}");
}

#[test]
fn a_percentile_and_a_probability_can_be_maximised() {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    for statistic in [
        Statistic::Percentile(10),
        Statistic::Prob(esante::scenario::Bound::AtLeast(0.5)),
    ] {
        let spec = Spec {
            objective: Some(objective(&s, "adoption.esms", (2027, 2027), statistic)),
            step: Some(0.25),
            ..Spec::default()
        };
        let o = run(&s, &settings(&s, spec, 1000));
        assert!(
            o.best.in_sample.value >= o.current.in_sample.value,
            "{statistic:?}"
        );
        if let Statistic::Prob(_) = statistic {
            let v = o.best.in_sample.value;
            assert!(
                (0.0..=1.0).contains(&v) && (v * 1000.0).fract() == 0.0,
                "{v}"
            );
        }
    }
}

#[test]
fn a_sum_over_years_is_the_sum_of_the_yearly_values() {
    let s = Scenario::load("scenarios/no-program.toml".as_ref()).unwrap();
    let spec = Spec {
        objective: Some(objective(&s, "market.total", (2028, 2030), Statistic::Mean)),
        envelope: Some(100.0),
        step: Some(0.5),
        ..Spec::default()
    };
    let st = settings(&s, spec, 600);
    let o = run(&s, &st);
    // Budgets of 0 (no-program) are the current split: the run's yearly means add up.
    let stats = engine::run(&s, st.run, &Silent);
    let m = s.metrics.find("market.total").unwrap();
    let sum: f64 = (2028..=2030)
        .map(|y| stats.get(s.metrics.series_in(m, y).unwrap()).moments.mean())
        .sum();
    let got = o.current.in_sample.mean;
    assert!((got - sum).abs() <= 1e-9 * sum, "{got} vs {sum}");
}

#[test]
fn the_calibrated_current_split_is_the_calibrated_run() {
    // On the calibrated projection the current split's statistics are those
    // of `esante calibrate`, bit for bit: the same draws, the same weights.
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    assert!(!s.observed.is_empty());
    let spec = Spec {
        step: Some(0.25),
        ..s.optimize.clone().unwrap()
    };
    let st = settings(&s, spec, 3000);
    let o = optimize::optimize_calibrated(&s, &st, &Silent).unwrap();
    let cal = esante::analysis::calibrate::calibrate(&s, st.run, &Silent).unwrap();
    let metric = s.metrics.find("adoption.esms").unwrap();
    let series = s.metrics.series_in(metric, 2027).unwrap();
    let b = cal.posterior.get(series);
    let q = b.percentiles(&[0.05, 0.10, 0.50, 0.90, 0.95]);
    let c = &o.current.in_sample;
    assert_eq!(
        [c.mean, c.sd, c.p5, c.p10, c.p50, c.p90, c.p95],
        [
            b.moments.mean(),
            b.moments.sd(),
            q[0],
            q[1],
            q[2],
            q[3],
            q[4]
        ]
    );
    let e = o.calibrated.unwrap();
    assert_eq!(e.in_sample, cal.diagnostics().ess);
    // The independent draws have their own weights, of a similar worth.
    assert!(e.out_of_sample > 0.5 * e.in_sample && e.out_of_sample < 2.0 * e.in_sample);
    // The observations move the objective: the prior's mean is elsewhere.
    let prior = cal.prior.get(series);
    assert_ne!(c.mean, prior.moments.mean());
    assert_eq!(run(&s, &st).current.in_sample.mean, prior.moments.mean());
}

#[test]
fn equal_weights_give_the_uncalibrated_search() {
    // Observations with an enormous sd weigh every draw exactly 1.
    let mut s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    let spec = Spec {
        step: Some(0.25),
        ..s.optimize.clone().unwrap()
    };
    let st = settings(&s, spec, 1500);
    let plain = run(&s, &st);
    for o in &mut s.observed {
        o.sd = 1e300;
    }
    let flat = optimize::optimize_calibrated(&s, &st, &Silent).unwrap();
    assert!(plain.candidates == flat.candidates, "candidates differ");
    // The figures of a choice (the paired statistics' sketches hold counts
    // in one, unit weights in the other).
    let figures = |c: &optimize::Choice| {
        let g = |p: &optimize::Paired| [p.mean, p.p5, p.p95, p.prob_better];
        (
            c.budgets.clone(),
            c.in_sample,
            c.out_of_sample,
            g(&c.gain_in_sample),
            g(&c.gain_out_of_sample),
        )
    };
    let choices = |o: &Optimization| {
        let mut v = vec![figures(&o.current), figures(&o.best), figures(&o.robust)];
        v.extend(o.shortlist.iter().map(figures));
        v
    };
    let (a, b) = (choices(&plain), choices(&flat));
    for (i, (x, y)) in a.iter().zip(&b).enumerate() {
        assert!(x == y, "choice {i}: {x:?} vs {y:?}");
    }
    assert_eq!(plain.marginal_best, flat.marginal_best);
    let e = flat.calibrated.unwrap();
    assert_eq!((e.in_sample, e.out_of_sample), (1500.0, 1500.0));
    assert!(plain.calibrated.is_none());
}

#[test]
fn a_calibrated_search_does_not_depend_on_threads() {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).unwrap();
    let spec = Spec {
        step: Some(0.25),
        ..s.optimize.clone().unwrap()
    };
    let st = settings(&s, spec, 2500);
    let on = |t| {
        common::on_threads(t, || {
            optimize::optimize_calibrated(&s, &st, &Silent).unwrap()
        })
    };
    let (a, b) = (on(1), on(3));
    assert_eq!(a.candidates, b.candidates);
    assert_eq!(a.best, b.best);
    assert_eq!(a.calibrated, b.calibrated);
}
