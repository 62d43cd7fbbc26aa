//! Sensitivity analysis cost on the shipped scenario (55 uncertain parameters,
//! 10 years): Saltelli sampling with the bootstrap, and the rank method.
//!
//! `cargo bench --bench sensitivity`. Target: `sensitivity --method all` on
//! `acceleration-2021` in a few seconds on 2 cores at the default sizes.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use esante::Scenario;
use esante::sensitivity::{self, rank, sobol::SobolOptions};

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
            |b, o| b.iter(|| sensitivity::sobol_scenario(&s, "market.total", n, o).unwrap()),
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
            let d = sensitivity::scenario_draws(&s, "market.total").unwrap();
            rank::tornado(d.params.view(), d.metric.row(t))
        })
    });
    g.finish();
}

criterion_group!(benches, sobol, ranks);
criterion_main!(benches);
