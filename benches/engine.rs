//! Engine throughput on the shipped scenario, with summaries included, and
//! the draws export in the same pass.
//!
//! `cargo bench --bench engine`. Targets on 2 cores: 1,000,000 draws of
//! `benches/ref-full.toml` (5 axes, 3 segments, 12 years, 25 uncertain
//! parameters) in at most 0.55 s, of `acceleration-2021` in at most 1.0 s;
//! memory is measured separately with `/usr/bin/time -v esante run ...
//! --draws 10000000`. `cargo bench --bench engine -- phases` splits ref-full's
//! time into sampling, the model and (by difference with `ref-full/mc`) the
//! statistics.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use esante::Scenario;
use esante::engine::{self, Block, ExportDraws, Job, Silent, Statistics, Visit, Visitor};
use esante::sampling::{RunSettings, Sampling};
use esante::scenario::Series;
use ndarray::ArrayView2;

fn engine(c: &mut Criterion) {
    let base =
        Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    let mut g = c.benchmark_group("acceleration-2021");
    g.sample_size(10);
    for (draws, sampling) in [
        (100_000u64, Sampling::Mc),
        (100_000, Sampling::Lhs),
        (1_000_000, Sampling::Mc),
    ] {
        let settings = RunSettings {
            draws,
            sampling,
            ..base.simulation
        };
        g.throughput(Throughput::Elements(draws));
        g.bench_with_input(
            BenchmarkId::new(sampling.as_str(), draws),
            &settings,
            |b, &st| b.iter(|| engine::run(&base, st, &Silent)),
        );
    }
    g.finish();
}

/// The reference shape of the speed targets (`benches/ref-full.toml`: 5 axes,
/// 3 segments, 12 years, 25 uncertain parameters): 1,000,000 draws, the
/// engine and every statistic, no report.
fn ref_full(c: &mut Criterion) {
    let s = Scenario::load("benches/ref-full.toml".as_ref()).expect("bench scenario");
    let mut g = c.benchmark_group("ref-full");
    g.sample_size(10);
    let settings = s.simulation;
    g.throughput(Throughput::Elements(settings.draws));
    g.bench_function(BenchmarkId::new("mc", settings.draws), |b| {
        b.iter(|| engine::run(&s, settings, &Silent))
    });
    g.finish();
}

/// Where ref-full's time goes: sampling alone (a visitor that reads the
/// parameters only), sampling and the model (a visitor that ignores the
/// values), to set beside `ref-full/mc` (everything, statistics included).
fn phases(c: &mut Criterion) {
    let s = Scenario::load("benches/ref-full.toml".as_ref()).expect("bench scenario");
    let settings = s.simulation;
    let mut g = c.benchmark_group("ref-full phases");
    g.sample_size(10);
    g.throughput(Throughput::Elements(settings.draws));
    let job = Job::new(&s, settings);
    g.bench_function("sampling", |b| {
        b.iter(|| job.run(&Touch { model: false }, &Silent))
    });
    g.bench_function("sampling+model", |b| {
        b.iter(|| job.run(&Touch { model: true }, &Silent))
    });
    g.finish();
}

/// A pass that touches one value of what the loop hands out (so that
/// nothing is optimised away) and keeps nothing else.
struct Touch {
    model: bool,
}

/// What a [`Touch`] pass keeps: the sum of the values it touched.
struct Touched(f64);

impl Visit for Touch {
    type Acc<'a> = Touched;
    fn leaf(&self) -> Touched {
        Touched(0.0)
    }
    fn merge(&self, a: &mut Touched, b: Touched) {
        a.0 += b.0;
    }
    fn steps_model(&self) -> bool {
        self.model
    }
}

impl Visitor for Touched {
    fn params(&mut self, _: usize, _: Block, params: ArrayView2<'_, f64>) {
        self.0 += params[[0, 0]];
    }
    fn values(&mut self, _: usize, _: Block, _: Series, values: &[f64]) {
        self.0 += values[0];
    }
}

/// Statistics and every draw written as CSV, in one pass.
fn export(c: &mut Criterion) {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut g = c.benchmark_group("export-draws acceleration-2021");
    g.sample_size(10);
    let draws = 100_000;
    g.throughput(Throughput::Elements(draws));
    let settings = RunSettings {
        draws,
        ..s.simulation
    };
    g.bench_function("statistics+csv", |b| {
        b.iter(|| {
            let job = Job::new(&s, settings);
            let file = std::fs::File::create(dir.path().join("draws.csv")).expect("file");
            let visit = (
                Statistics::new(&job, 0),
                ExportDraws::new(&job, 0, file, dir.path()),
            );
            let (st, rows) = job.run(&visit, &Silent);
            visit.1.finish(rows).expect("written");
            visit.0.finish(st)
        })
    });
    g.finish();
}

fn pieces(c: &mut Criterion) {
    use esante::dist::{Dist, Distribution};
    let d = [
        (
            "lognormal",
            Distribution::new(Dist::lognormal_from_p5_p95(0.2, 0.8).unwrap()).unwrap(),
        ),
        (
            "pert",
            Distribution::new(Dist::Pert {
                min: 0.0,
                mode: 0.3,
                max: 1.0,
            })
            .unwrap(),
        ),
        (
            "triangular",
            Distribution::new(Dist::Triangular {
                min: 0.0,
                mode: 0.3,
                max: 1.0,
            })
            .unwrap(),
        ),
    ];
    let mut g = c.benchmark_group("quantile");
    for (name, dist) in &d {
        g.throughput(Throughput::Elements(1000));
        g.bench_function(*name, |b| {
            b.iter(|| {
                (1..=1000)
                    .map(|i| dist.quantile(i as f64 / 1001.0))
                    .sum::<f64>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, engine, ref_full, phases, export, pieces);
criterion_main!(benches);
