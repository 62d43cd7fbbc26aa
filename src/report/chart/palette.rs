//! Colours: ink and greys; the colour-blind-safe Okabe–Ito palette for
//! series with a role (the total market, the sides of a tornado, the
//! scenarios of a comparison, targets); and a 12-colour qualitative palette
//! for the axes and segments of a scenario, so that up to 12 of them keep
//! distinct colours.

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

/// The colour of targets (vermillion), in every chart.
pub const TARGET: RGBColor = PALETTE[3];

/// Paul Tol's 12-colour qualitative scheme (P. Tol, "Colour Schemes", SRON
/// technical note SRON/EPS/TN/09-002, 2012; the `tol12qualitative` palette
/// of R's ggthemes and others), colour-blind safe and readable on white.
/// Ordered so that its first `n` colours, for `n` from 5 to 12, are Tol's
/// own scheme of `n` colours: a scenario with few axes or segments gets the
/// best spread ones.
pub const CATEGORIES: [RGBColor; 12] = [
    RGBColor(0x33, 0x22, 0x88), // indigo
    RGBColor(0x88, 0xCC, 0xEE), // cyan
    RGBColor(0x11, 0x77, 0x33), // green
    RGBColor(0xDD, 0xCC, 0x77), // sand
    RGBColor(0xCC, 0x66, 0x77), // rose
    RGBColor(0xAA, 0x44, 0x99), // purple
    RGBColor(0x44, 0xAA, 0x99), // teal
    RGBColor(0x99, 0x99, 0x33), // olive
    RGBColor(0x88, 0x22, 0x55), // wine
    RGBColor(0x66, 0x11, 0x00), // brown
    RGBColor(0x66, 0x99, 0xCC), // blue
    RGBColor(0xAA, 0x44, 0x66), // raspberry
];

/// The `i`-th colour of the Okabe–Ito palette (cycling).
pub fn series_colour(i: usize) -> RGBColor {
    PALETTE[i % PALETTE.len()]
}

/// The `i`-th colour of the qualitative palette (cycling after 12).
pub fn category_colour(i: usize) -> RGBColor {
    CATEGORIES[i % CATEGORIES.len()]
}

/// The colour of the scenario's `i`-th axis, the same in every chart.
pub fn axis_colour(i: usize) -> RGBColor {
    category_colour(i)
}

/// The colour of the scenario's `i`-th segment, the same in every chart.
pub fn segment_colour(i: usize) -> RGBColor {
    category_colour(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palettes_are_consistent() {
        assert_eq!(series_colour(0), RGBColor(0, 114, 178));
        assert_eq!(series_colour(7), series_colour(0));
        assert_eq!(segment_colour(2), axis_colour(2));
        // Twelve distinct axis colours, none of them a role colour.
        let mut twelve: Vec<(u8, u8, u8)> = (0..12)
            .map(|i| {
                let RGBColor(r, g, b) = axis_colour(i);
                (r, g, b)
            })
            .collect();
        twelve.sort_unstable();
        twelve.dedup();
        assert_eq!(twelve.len(), 12);
        assert!(!CATEGORIES.contains(&TARGET) && !CATEGORIES.contains(&INK));
        assert_eq!(axis_colour(12), axis_colour(0));
    }
}
