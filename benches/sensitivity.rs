//! Sensitivity analysis cost on the shipped scenario (55 uncertain parameters,
//! 10 years): Saltelli sampling with the bootstrap, and the rank method.
//!
//! `cargo bench --bench sensitivity`. Target: `sensitivity --method all` on
//! `acceleration-2021` in a few seconds on 2 cores at the default sizes.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use esante::Scenario;
use esante::analysis::sensitivity::{self, find_metric, rank, sobol::SobolOptions};
use esante::engine::Silent;

fn sobol(c: &mut Criterion) {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    let k = s.uncertain.len();
    let mut g = c.benchmark_group("sobol acceleration-2021");
    g.sample_size(10);
    let horizon = s.years() - 1;
    // (N, resamples, bootstrap only the horizon as the CLI does)
    for (n, resamples, one) in [
        (4096usize, 1000usize, true),
        (8192, 0, true),
        (8192, 1000, true),
        (8192, 1000, false),
    ] {
        let options = SobolOptions {
            resamples,
            seed: s.simulation.seed,
            bootstrap_output: one.then_some(horizon),
            ..Default::default()
        };
        g.throughput(Throughput::Elements(((k + 2) * n) as u64));
        g.bench_with_input(
            BenchmarkId::new(
                format!(
                    "resamples={resamples} {}",
                    if one { "horizon" } else { "all years" }
                ),
                n,
            ),
            &options,
            |b, o| {
                let m = find_metric(&s, "market.total").unwrap();
                b.iter(|| sensitivity::sobol_scenario(&s, s.simulation, m, n, o, &Silent))
            },
        );
    }
    g.finish();
}

fn ranks(c: &mut Criterion) {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    let t = s.years() - 1;
    let mut g = c.benchmark_group("rank acceleration-2021");
    g.sample_size(10);
    g.throughput(Throughput::Elements(s.simulation.draws));
    g.bench_function("draws+tornado", |b| {
        b.iter(|| {
            let m = find_metric(&s, "market.total").unwrap();
            let d = sensitivity::scenario_draws(&s, s.simulation, m, &Silent);
            rank::tornado(d.params.view(), d.metric.row(t))
        })
    });
    g.finish();
}

criterion_group!(benches, sobol, ranks);
criterion_main!(benches);
