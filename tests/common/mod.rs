//! Test fixtures shared by the integration tests: writing and loading
//! scenario text, a small correlated scenario with a segment to add, and the
//! checks of rendered charts (PNG decodes and is not blank, SVG parses).

// Each test crate uses a different subset.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use esante::Scenario;

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
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

/// A decoded PNG: width, height, RGB bytes.
pub fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let dec = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = dec.read_info().expect("PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("PNG data");
    assert_eq!(info.color_type, png::ColorType::Rgb);
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

/// Checks that a PNG has the expected size and real content: many distinct
/// colours and a fair share of non-white pixels.
pub fn assert_png(bytes: &[u8], size: (u32, u32), what: &str) {
    let (w, h, rgb) = decode_png(bytes);
    assert_eq!((w, h), size, "{what}: size");
    let mut colours: Vec<[u8; 3]> = rgb.chunks_exact(3).map(|c| [c[0], c[1], c[2]]).collect();
    let non_white = colours.iter().filter(|c| **c != [255, 255, 255]).count();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() >= 20,
        "{what}: only {} colours",
        colours.len()
    );
    let share = non_white as f64 / (w * h) as f64;
    assert!(
        share > 0.02,
        "{what}: {share:.3} of the pixels are not white"
    );
}

/// All text of an SVG's text elements; panics unless it parses as SVG.
pub fn svg_texts(bytes: &[u8], what: &str) -> Vec<String> {
    let s = std::str::from_utf8(bytes).expect("UTF-8");
    let doc = roxmltree::Document::parse(s).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg", "{what}");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// Checks that an SVG parses and holds each of `texts` in its text elements;
/// returns all its texts.
pub fn assert_svg(bytes: &[u8], texts: &[&str], what: &str) -> Vec<String> {
    let all = svg_texts(bytes, what);
    for t in texts {
        assert!(
            all.iter().any(|x| x == t),
            "{what}: no text element `{t}` in {all:?}"
        );
    }
    all
}
