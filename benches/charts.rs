//! Time to render a run's report (every chart, the summary files and the
//! page), PNG and SVG.
//!
//! `cargo bench --bench charts`. The target: well under a second for
//! all the charts of `acceleration-2021`.

use criterion::{Criterion, criterion_group, criterion_main};
use esante::Scenario;
use esante::analysis::run::Run;
use esante::engine::{self, Silent};
use esante::report::Format;
use esante::report::text::Lang;
use esante::sampling::RunSettings;

fn charts(c: &mut Criterion) {
    let s = Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    let settings = RunSettings {
        draws: 10_000,
        ..s.simulation
    };
    let stats = engine::run(&s, settings, &Silent);
    let en = Lang::En.locale();
    let run = Run {
        scenario: &s,
        stats: &stats,
    };
    let mut g = c.benchmark_group("charts");
    g.sample_size(10);
    for format in Format::ALL {
        g.bench_function(format!("all-{format}"), |b| {
            b.iter(|| esante::report::run::document(&run, &[format], en).expect("renders"))
        });
    }
    g.bench_function("all-png+svg", |b| {
        b.iter(|| esante::report::run::document(&run, &Format::ALL, en).expect("renders"))
    });
    g.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
