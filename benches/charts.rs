//! Time to render every chart of a report, PNG and SVG.
//!
//! `cargo bench --bench charts`. The target: well under a second for
//! all the charts of `acceleration-2021`.

use criterion::{Criterion, criterion_group, criterion_main};
use esante::Scenario;
use esante::engine::{self, Silent};
use esante::report::Run;
use esante::report::chart::{Format, chart_kinds};

fn charts(c: &mut Criterion) {
    let mut s =
        Scenario::load("scenarios/acceleration-2021.toml".as_ref()).expect("shipped scenario");
    s.simulation.draws = 10_000;
    let stats = engine::run(&s, &Silent);
    let run = Run {
        scenario: &s,
        stats: &stats,
    };
    let mut g = c.benchmark_group("charts");
    g.sample_size(10);
    for format in Format::ALL {
        g.bench_function(format!("all-{format}"), |b| {
            b.iter(|| {
                for k in chart_kinds(&run) {
                    k.render(&run, format).expect("renders");
                }
            })
        });
    }
    g.bench_function("all-png+svg", |b| {
        b.iter(|| {
            for k in chart_kinds(&run) {
                for f in Format::ALL {
                    k.render(&run, f).expect("renders");
                }
            }
        })
    });
    g.finish();
}

criterion_group!(benches, charts);
criterion_main!(benches);
