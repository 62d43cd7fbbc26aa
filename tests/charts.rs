//! Charts and the report page: every chart renders for the shipped scenarios
//! and for edge cases; PNGs decode with the chart's size and are not blank;
//! SVGs are XML holding the titles; the fan-chart primitive takes overlays and
//! negative values; `index.md` of a small scenario matches its golden file.

mod common;

use std::path::Path;

use common::{assert_png, assert_svg};

use esante::Scenario;
use esante::engine::{self, Silent};
use esante::report::chart::{
    self, Chart, ChartError, ChartKind, Fan, FanPlot, Format, Frame, Line, RefLine, Scale,
    chart_kinds, draw_fan_plot, draw_frame, fan_legend, series_colour,
};
use esante::report::{IndexMd, Run};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Loads a scenario, with `draws` when given.
fn load(path: &Path, draws: Option<u64>) -> Scenario {
    let mut s = Scenario::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if let Some(d) = draws {
        s.simulation.draws = d;
    }
    s
}

/// Writes a scenario file into `dir` and loads it.
fn scenario_text(dir: &Path, name: &str, text: &str) -> Scenario {
    let p = dir.join(format!("{name}.toml"));
    std::fs::write(&p, text).unwrap();
    load(&p, None)
}

/// Renders every chart that applies to the scenario, in both formats, and
/// checks each; returns the kinds rendered.
fn check_all_charts(s: &Scenario) -> Vec<ChartKind> {
    let st = engine::run(s, &Silent);
    let run = Run {
        scenario: s,
        stats: &st,
    };
    let kinds = chart_kinds(&run);
    let prov = chart::Provenance::of(&run).line();
    for &k in &kinds {
        let what = format!("{} {}", s.name, k.stem());
        let png = k.render(&run, Format::Png).unwrap();
        let size = match k {
            ChartKind::Adoption => chart::grid_size(s.segments.len(), 1),
            ChartKind::Deliverables => {
                chart::grid_size(s.axes.iter().map(|a| a.deliverables.len()).sum(), 1)
            }
            _ => chart::SIZE,
        };
        assert_png(&png, size, &what);
        let svg = k.render(&run, Format::Svg).unwrap();
        assert_svg(&svg, &[s.title.as_str(), prov.as_str()], &what);
        // Deterministic: the same bytes on a second rendering.
        assert_eq!(
            k.render(&run, Format::Png).unwrap(),
            png,
            "{what}: PNG bytes"
        );
        assert_eq!(
            k.render(&run, Format::Svg).unwrap(),
            svg,
            "{what}: SVG bytes"
        );
    }
    kinds
}

#[test]
fn every_chart_renders_for_the_shipped_scenarios() {
    for name in [
        "acceleration-2021",
        "no-program",
        "acceleration-2022-revised",
    ] {
        let s = load(format!("scenarios/{name}.toml").as_ref(), Some(2000));
        let kinds = check_all_charts(&s);
        assert_eq!(kinds, ChartKind::ALL.to_vec(), "{name}");
    }
}

#[test]
fn charts_render_for_one_year_one_segment_fixed_inputs_and_no_money() {
    let s = load("tests/scenarios/one-year.toml".as_ref(), None);
    assert_eq!((s.years(), s.segments.len(), s.uncertain.len()), (1, 1, 0));
    let kinds = check_all_charts(&s);
    assert!(!kinds.contains(&ChartKind::Deliverables));
    assert_eq!(kinds.len(), 5);
}

#[test]
fn charts_render_for_a_small_scenario_with_deliverables_and_targets() {
    let s = load("tests/scenarios/small.toml".as_ref(), None);
    assert_eq!(check_all_charts(&s), ChartKind::ALL.to_vec());
}

#[test]
fn charts_render_with_many_axes_and_segments_and_zero_budgets() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "[scenario]\nname = \"wide\"\nstart_year = 2020\nend_year = 2049\n\
         [simulation]\ndraws = 300\n",
    );
    for i in 0..9 {
        text += &format!(
            "[axes.a{i}]\nbudget = 0\nhalf_saturation = 10\ndeliverables.d{i} = {{ per_meur = 1 }}\n"
        );
    }
    for i in 0..8 {
        text += &format!(
            "[segments.s{i}]\npopulation = 100\ninitial_adoption = 0\n\
             p = {{ dist = \"uniform\", min = 0.0, max = 0.1 }}\nq = 0.3\nceiling = 1\n\
             value_per_adopter = 0\n"
        );
    }
    let s = scenario_text(dir.path(), "wide", &text);
    assert_eq!(check_all_charts(&s), ChartKind::ALL.to_vec());
}

/// Overlaid fans with negative values (a difference chart, as a comparison of
/// scenarios would draw), drawn with the shared primitives only.
struct Difference {
    fans: Vec<Fan>,
}

impl Chart for Difference {
    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> Result<(), ChartError> {
        let mut legend = Vec::new();
        for f in &self.fans {
            legend.extend(fan_legend(f, false));
        }
        let plot = draw_frame(
            area,
            &Frame {
                title: "Difference to the counterfactual (M EUR)",
                subtitle: "two scenarios overlaid",
                legend: &legend,
                provenance: "test",
            },
        )?;
        draw_fan_plot(
            &plot,
            &FanPlot {
                caption: None,
                y_desc: "M EUR per year",
                y_scale: Scale::Number,
                y_range: None,
                include_zero: true,
                fans: &self.fans,
                inner_bands: true,
                lines: &[Line {
                    label: "zero".into(),
                    colour: series_colour(4),
                    years: vec![2021, 2025],
                    values: vec![0.0, 0.0],
                    dashed: true,
                }],
                refs: &[RefLine {
                    label: "break-even".into(),
                    value: -500.0,
                    colour: series_colour(3),
                }],
                compact: false,
            },
        )
    }
}

#[test]
fn fan_primitive_overlays_fans_with_negative_values() {
    let years: Vec<i32> = (2021..=2025).collect();
    let fan = |label: &str, c: usize, shift: f64| Fan {
        label: label.into(),
        colour: series_colour(c),
        years: years.clone(),
        p5: years
            .iter()
            .map(|y| shift - 300.0 * (y - 2020) as f64)
            .collect(),
        p25: years
            .iter()
            .map(|y| shift - 100.0 * (y - 2020) as f64)
            .collect(),
        p50: years
            .iter()
            .map(|y| shift + 10.0 * (y - 2020) as f64)
            .collect(),
        p75: years
            .iter()
            .map(|y| shift + 120.0 * (y - 2020) as f64)
            .collect(),
        p95: years
            .iter()
            .map(|y| shift + 400.0 * (y - 2020) as f64)
            .collect(),
        dash: None,
    };
    let chart = Difference {
        fans: vec![fan("A - base", 0, 0.0), fan("B - base", 1, -800.0)],
    };
    let png = chart::render(&chart, Format::Png).unwrap();
    assert_png(&png, chart::SIZE, "difference");
    if let Some(dir) = std::env::var_os("CHART_DUMP") {
        std::fs::write(Path::new(&dir).join("difference.png"), &png).unwrap();
    }
    let svg = chart::render(&chart, Format::Svg).unwrap();
    assert_svg(
        &svg,
        &["Difference to the counterfactual (M EUR)", "-2,000", "0"],
        "difference",
    );
    // A custom size is honoured.
    let small = chart::render_at(&chart, Format::Png, (640, 400)).unwrap();
    assert_png(&small, (640, 400), "difference, small");
}

#[test]
fn ticks_use_thousands_separators_not_scientific_notation() {
    let s = load("scenarios/acceleration-2021.toml".as_ref(), Some(1000));
    let st = engine::run(&s, &Silent);
    let run = Run {
        scenario: &s,
        stats: &st,
    };
    let svg = ChartKind::Market.render(&run, Format::Svg).unwrap();
    assert_svg(&svg, &["10,000", "20,000", "2030"], "market");
    let text = String::from_utf8(svg).unwrap();
    assert!(!text.contains("e3\n") && !text.contains("e4\n") && !text.contains("e6\n"));
    assert!(!text.contains("10000") && !text.contains("20000"));
}

/// `index.md` of tests/scenarios/small.toml at its own seed, compared with the
/// golden file. After an intended change, regenerate it with
/// `UPDATE_GOLDEN=1 cargo test --release --test charts` and review the diff.
#[test]
fn index_md_matches_the_golden_file() {
    let s = load("tests/scenarios/small.toml".as_ref(), None);
    let st = engine::run(&s, &Silent);
    let run = Run {
        scenario: &s,
        stats: &st,
    };
    let page = IndexMd {
        charts: chart_kinds(&run),
        embed: Format::Svg,
    }
    .text(&run);
    let golden = Path::new("tests/golden/small-index.md");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(golden, &page).unwrap();
    }
    let want = std::fs::read_to_string(golden).expect("tests/golden/small-index.md");
    assert!(
        page == want,
        "index.md differs from {}; if intended, regenerate it with UPDATE_GOLDEN=1",
        golden.display()
    );
    // What the page must hold whatever the golden says.
    for part in [
        "# Small test scenario: one axis, one segment",
        "| seed | 7 |",
        "| Training | 30 |",
        "Clinics \\| day surgery",
        "| Market reaches 25 M EUR | `market.total` | 2025 |",
        "![Market](market.svg)",
        "![Deliverables](deliverables.svg)",
        "![Market at the horizon](market-distribution.svg)",
    ] {
        assert!(page.contains(part), "index.md lacks {part:?}");
    }
}
