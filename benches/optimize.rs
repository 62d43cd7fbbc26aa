//! The default search of `esante optimize` on the shipped scenario: the
//! scenario's `[optimize]` table (ESMS adoption in 2027, 5 axes on a 5%
//! grid: 10,626 splits, then the refinement, the out-of-sample check and the
//! marginal returns) at the scenario's 10,000 draws, and the cumulative
//! market over 2025-2030 (every segment stepped).
//!
//! `cargo bench --bench optimize`. Target: under 30 s on 2 cores. Throughput
//! is in model evaluations (splits times draws).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use esante::Scenario;
use esante::analysis::optimize::{self, Settings};
use esante::engine::Silent;
use esante::scenario::optimize::{Objective, Spec, Statistic};

fn search(c: &mut Criterion) {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    let total = s.metrics.find("market.total").expect("a market total");
    let file = s.optimize.clone().expect("an [optimize] table");
    let cumulative = Spec {
        objective: Some(Objective {
            metric: total,
            name: "market.total".into(),
            years: (2025, 2030),
            statistic: Statistic::Mean,
        }),
        ..file.clone()
    };
    let mut g = c.benchmark_group("optimize acceleration-2021");
    g.sample_size(10);
    for (name, spec) in [
        ("adoption.esms@2027", file),
        ("market.total@2025..2030", cumulative),
    ] {
        let settings = Settings {
            problem: spec.resolve(&s).expect("a valid problem"),
            run: s.simulation,
        };
        let evaluations = optimize::optimize(&s, &settings, &Silent)
            .expect("a search")
            .evaluations;
        g.throughput(Throughput::Elements(evaluations));
        g.bench_function(name, |b| {
            b.iter(|| optimize::optimize(&s, &settings, &Silent).expect("a search"))
        });
    }
    g.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
