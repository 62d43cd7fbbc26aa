//! Test fixtures shared by the integration tests: writing and loading
//! scenario text, a small correlated scenario with a segment to add, and the
//! checks of rendered charts (PNG decodes and is not blank, SVG parses),
//! which live beside the charts in `src/report/chart/checks.rs`.

// Each test crate uses a different subset.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use esante::Scenario;

/// Every file under `dir`, by path relative to it.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// Runs `f` on a pool of `threads` worker threads.
pub fn on_threads<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

/// Loads scenario text (written to a temporary file), panicking on errors.
pub fn load(text: &str) -> Scenario {
    let dir = tempfile::tempdir().unwrap();
    Scenario::load(&write(dir.path(), "s.toml", text)).unwrap()
}

/// Two segments and one axis, with uncertain parameters of every kind and a
/// correlation: the common-random-numbers fixture.
pub const CRN_BASE: &str = r#"
[scenario]
name = "crn"
start_year = 2021
end_year = 2026
[simulation]
draws = 5000
[axes.a]
budget = 50
schedule = { from = 2022, to = 2024 }
execution = { dist = "pert", min = 0.5, mode = 0.8, max = 1 }
half_saturation = { dist = "lognormal", p5 = 10, p95 = 60 }
[segments.x]
population = 1000
initial_adoption = { dist = "beta", alpha = 2, beta = 8 }
p = { dist = "lognormal", p5 = 0.002, p95 = 0.05 }
q = { dist = "lognormal", p5 = 0.2, p95 = 0.8 }
ceiling = { dist = "uniform", min = 0.6, max = 1 }
value_per_adopter = 1000
lift.q = { a = { dist = "triangular", min = 0, mode = 0.2, max = 0.5 } }
[segments.y]
population = 500
initial_adoption = 0.2
p = 0.01
q = { dist = "lognormal", p5 = 0.2, p95 = 0.8 }
ceiling = 0.9
value_per_adopter = 500
[[correlations]]
a = "segments.x.q"
b = "segments.y.q"
rho = 0.5
"#;

/// A third segment to add to [`CRN_BASE`].
pub const CRN_EXTRA: &str = r#"
[segments.z]
population = 300
initial_adoption = { dist = "uniform", min = 0.1, max = 0.3 }
p = { dist = "lognormal", p5 = 0.002, p95 = 0.05 }
q = { dist = "normal", mean = 0.4, sd = 0.1, min = 0 }
ceiling = 0.7
value_per_adopter = 100
"#;

// The PNG and SVG checks are shared with the crate's own chart tests.
#[path = "../../src/report/chart/checks.rs"]
mod checks;
#[allow(unused_imports)]
pub use checks::{assert_png, assert_svg, decode_png, svg_texts};
