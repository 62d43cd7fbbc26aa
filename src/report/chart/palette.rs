//! Colours: ink, greys and the colour-blind-safe Okabe–Ito palette.

use plotters::style::RGBColor;

/// Near-black for text, totals and reference lines.
pub const INK: RGBColor = RGBColor(34, 34, 34);
/// Grey for secondary text (subtitles, provenance, captions).
pub const MUTED: RGBColor = RGBColor(100, 100, 100);
/// Light grey of the grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 225);

/// The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), which
/// stays distinguishable under the common colour-vision deficiencies, without
/// its black (see [`INK`]) and with yellow last (weak on white).
pub const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),   // blue
    RGBColor(230, 159, 0),   // orange
    RGBColor(0, 158, 115),   // bluish green
    RGBColor(213, 94, 0),    // vermillion
    RGBColor(204, 121, 167), // reddish purple
    RGBColor(86, 180, 233),  // sky blue
    RGBColor(240, 228, 66),  // yellow
];

/// The `i`-th colour of the palette (cycling).
pub fn series_colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// The colour of the scenario's `i`-th axis, the same in every chart.
pub fn axis_colour(i: usize) -> RGBColor {
    series_colour(i)
}

/// The colour of the scenario's `i`-th segment, the same in every chart.
pub fn segment_colour(i: usize) -> RGBColor {
    series_colour(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palette_is_okabe_ito_and_consistent() {
        assert_eq!(axis_colour(0), RGBColor(0, 114, 178));
        assert_eq!(segment_colour(2), axis_colour(2));
        assert_eq!(series_colour(7), series_colour(0));
    }
}
