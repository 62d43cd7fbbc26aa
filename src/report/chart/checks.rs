//! Checks of rendered charts, for tests: a PNG decodes with its size and is
//! not blank; an SVG parses and holds given texts. Used by the crate's chart
//! tests and, through `#[path]`, by the integration tests (one copy).

// Each test crate uses a different subset.
#![allow(dead_code)]

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
