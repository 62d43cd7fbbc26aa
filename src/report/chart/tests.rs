//! Charts of every report checked from the inside: each renders for the
//! shipped scenarios and for edge cases (a self-comparison, a constant
//! metric, two uncertain parameters, overlaid fans with negative values);
//! PNGs decode with the chart's size and are not blank; SVGs are XML holding
//! the title and provenance; bytes are deterministic; the documents and
//! `index.md` list the charts.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::checks::{assert_png, assert_svg};
use super::compare::{
    CompareAdoptionChart, CompareMarketChart, DifferenceChart, MarketPerMeurChart,
};
use super::sensitivity::heatmap::{HeatmapChart, viridis};
use super::sensitivity::sobol::SobolChart;
use super::sensitivity::tornado::TornadoChart;
use super::*;
use crate::Scenario;
use crate::analysis::compare::{Comparison, compare};
use crate::analysis::sensitivity::{Analysis, Method, Settings, analyse};
use crate::engine::Silent;
use crate::report::provenance::Subject;
use crate::report::text::EN;
use crate::report::{Artifact, Document};
use crate::sampling::RunSettings;

fn load(path: &str) -> Scenario {
    Scenario::load(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Renders `chart` in both formats and checks them; `texts` must be text
/// elements of the SVG. Returns the SVG's texts.
fn check<C: Chart>(chart: &C, texts: &[&str], what: &str) -> Vec<String> {
    let png = render(chart, Format::Png).unwrap();
    assert_png(&png, chart.size(), what);
    let svg = render(chart, Format::Svg).unwrap();
    let all = assert_svg(&svg, texts, what);
    assert_eq!(
        render(chart, Format::Png).unwrap(),
        png,
        "{what}: PNG bytes"
    );
    assert_eq!(
        render(chart, Format::Svg).unwrap(),
        svg,
        "{what}: SVG bytes"
    );
    all
}

fn run_compare(scenarios: &[Scenario], draws: u64) -> Comparison {
    let settings = RunSettings {
        draws,
        ..scenarios[0].simulation
    };
    compare(&scenarios[0], &scenarios[1..], settings, &Silent).unwrap()
}

fn file_names(doc: &Document) -> Vec<&str> {
    doc.artifacts.iter().map(|a| a.name.as_str()).collect()
}

fn page(doc: &Document) -> &str {
    let md: &Artifact = doc.get("index.md").unwrap();
    std::str::from_utf8(&md.bytes).unwrap()
}

#[test]
fn comparison_charts_render_for_the_shipped_scenarios() {
    let scenarios = [
        load("scenarios/no-program.toml"),
        load("scenarios/acceleration-2021.toml"),
        load("scenarios/acceleration-2022-revised.toml"),
    ];
    let cmp = run_compare(&scenarios, 1000);
    let prov = compare::provenance(&cmp, &scenarios, &EN);
    assert!(prov.starts_with(
        "no-program vs acceleration-2021 vs acceleration-2022-revised · seed 42 · 1,000 draws"
    ));
    let market = CompareMarketChart::new(&cmp, &scenarios, &EN);
    assert_eq!(market.fans.len(), 3);
    check(&market, &[&market.header.title, &prov], "compare market");
    let adoption = CompareAdoptionChart::new(&cmp, &scenarios, &EN);
    assert_eq!(adoption.panels.len(), scenarios[0].segments.len());
    assert!(adoption.panels.iter().all(|p| p.fans.len() == 3));
    check(
        &adoption,
        &[&adoption.header.title, &prov],
        "compare adoption",
    );
    for a in 0..2 {
        let d = DifferenceChart::new(&cmp, &scenarios, a, &EN);
        assert_eq!(d.panels.len(), 2);
        // The programme adds market by the horizon.
        assert!(*d.panels[0].fan.p50.last().unwrap() > 0.0);
        check(
            &d,
            &[&d.header.title, &prov, "0"],
            &format!("compare difference {a}"),
        );
    }
    let ratio = MarketPerMeurChart::new(&cmp, &scenarios, &EN);
    assert!(ratio.bars.iter().all(|b| b.quantiles.is_some()));
    check(
        &ratio,
        &[
            &ratio.header.title,
            &prov,
            "acceleration-2021",
            "acceleration-2022-revised",
        ],
        "compare market-per-meur",
    );

    // The report files hold every chart in the formats asked for.
    let all = crate::report::compare::document(&cmp, &scenarios, &Format::ALL, &EN).unwrap();
    let names = file_names(&all);
    for stem in [
        "market",
        "adoption",
        "difference-acceleration-2021",
        "difference-acceleration-2022-revised",
        "market-per-meur",
    ] {
        for ext in ["png", "svg"] {
            assert!(
                names.contains(&format!("{stem}.{ext}").as_str()),
                "{names:?}"
            );
        }
    }
    let md = page(&all);
    assert!(
        md.contains("![Total market by scenario](market.svg)"),
        "{md}"
    );
    assert!(
        md.contains("(difference-acceleration-2022-revised.svg)"),
        "{md}"
    );
    let png_only = crate::report::compare::document(&cmp, &scenarios, &[Format::Png], &EN).unwrap();
    assert!(file_names(&png_only).iter().all(|n| !n.ends_with(".svg")));
    assert!(page(&png_only).contains("(market-per-meur.png)"));
}

#[test]
fn a_self_comparison_draws_zero_differences_and_no_ratio() {
    let s = load("scenarios/no-program.toml");
    let scenarios = [s.clone(), s];
    let cmp = run_compare(&scenarios, 500);
    let d = DifferenceChart::new(&cmp, &scenarios, 0, &EN);
    for p in &d.panels {
        assert!(p.fan.p5.iter().chain(&p.fan.p95).all(|&v| v == 0.0));
    }
    let prov = compare::provenance(&cmp, &scenarios, &EN);
    // The zero line sits mid-height: the axis reads -1 to 1.
    check(
        &d,
        &[&d.header.title, &prov, "-1.0", "0.0", "1.0"],
        "self difference",
    );
    let ratio = MarketPerMeurChart::new(&cmp, &scenarios, &EN);
    assert_eq!(ratio.bars[0].quantiles, None);
    check(
        &ratio,
        &[
            &ratio.header.title,
            "no extra public spending: the ratio is not defined",
        ],
        "self market-per-meur",
    );
    let all = crate::report::compare::document(&cmp, &scenarios, &[Format::Svg], &EN).unwrap();
    assert!(file_names(&all).contains(&"difference-no-program.svg"));
}

fn sensitivity(s: &Scenario, metric: &str, year: i32, draws: u64) -> Analysis {
    let run = RunSettings {
        draws,
        ..s.simulation
    };
    let settings = Settings {
        metric: metric.into(),
        year,
        method: Method::All,
        run,
        sobol_n: 256,
        resamples: 30,
    };
    analyse(s, settings, &Silent).unwrap()
}

#[test]
fn sensitivity_charts_render_for_the_shipped_scenario() {
    let s = load("scenarios/acceleration-2021.toml");
    let a = sensitivity(&s, "market.total", 2030, 600);
    let tornado = TornadoChart::new(&a, &Subject::Levels(&s), &EN).expect("tornado");
    assert_eq!(tornado.bars.len(), 15);
    // Every parameter path is written whole (the label column fits it).
    let texts = check(
        &tornado,
        &[&tornado.header.title, &s.title],
        "sensitivity tornado",
    );
    for b in &tornado.bars {
        assert!(texts.contains(&b.label), "{} clipped", b.label);
    }
    let sobol = SobolChart::new(&a, &Subject::Levels(&s), &EN).expect("sobol");
    assert_eq!(sobol.bars.len(), 15);
    assert!(
        sobol
            .bars
            .windows(2)
            .all(|w| w[0].st.value >= w[1].st.value)
    );
    check(&sobol, &[&sobol.header.title], "sensitivity sobol");
    let heat = HeatmapChart::new(&a, &Subject::Levels(&s), &EN).expect("heatmap");
    assert_eq!(heat.rows.len(), 20);
    assert_eq!(heat.years.len(), 10);
    check(
        &heat,
        &[&heat.header.title, "2021", "2030", "1.0"],
        "sensitivity heatmap",
    );

    let files =
        crate::report::sensitivity::document(&a, &Subject::Levels(&s), &Format::ALL, &EN).unwrap();
    let names = file_names(&files);
    for f in [
        "tornado.png",
        "tornado.svg",
        "sobol.png",
        "sobol.svg",
        "sobol-heatmap.png",
        "sobol-heatmap.svg",
    ] {
        assert!(names.contains(&f), "{names:?}");
    }
    let md = page(&files);
    for part in [
        "![Tornado chart](tornado.svg)",
        "![Sobol indices in 2030](sobol.svg)",
        "![Total indices by year](sobol-heatmap.svg)",
    ] {
        assert!(md.contains(part), "{md}");
    }
}

#[test]
fn a_constant_metric_skips_the_undefined_charts_and_hatches_the_heatmap() {
    let s = load("scenarios/acceleration-2021.toml");
    // Research spending has not started varying in the first year.
    let a = sensitivity(&s, "spending.research", 2021, 200);
    assert!(TornadoChart::new(&a, &Subject::Levels(&s), &EN).is_none());
    assert!(SobolChart::new(&a, &Subject::Levels(&s), &EN).is_none());
    let files =
        crate::report::sensitivity::document(&a, &Subject::Levels(&s), &Format::ALL, &EN).unwrap();
    let names = file_names(&files);
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("tornado.") && !n.ends_with(".csv"))
    );
    assert!(!names.contains(&"sobol.png"));
    let md = page(&files);
    assert!(md.contains("No tornado chart"), "{md}");
    assert!(md.contains("No chart of the indices in 2021"), "{md}");
    if let Some(heat) = HeatmapChart::new(&a, &Subject::Levels(&s), &EN) {
        // Later years vary: the first year's cells are hatched.
        assert!(heat.values.iter().all(|r| r[0].is_nan()));
        let note = heat.header.legend[0].label.clone();
        assert!(note.starts_with("no index"), "{note}");
        check(&heat, &[&heat.header.title, &note], "constant heatmap");
        assert!(names.contains(&"sobol-heatmap.png"));
    } else {
        assert!(md.contains("No heatmap"), "{md}");
    }
}

#[test]
fn sensitivity_charts_render_with_two_uncertain_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.toml");
    std::fs::write(
        &path,
        "[scenario]\nname = \"two\"\ntitle = \"Two uncertain parameters\"\n\
         start_year = 2022\nend_year = 2026\n[simulation]\ndraws = 400\n\
         [axes.a]\nbudget = 10\nschedule = { from = 2022, to = 2024 }\nhalf_saturation = 10\n\
         [segments.s]\npopulation = 1000\ninitial_adoption = 0.1\n\
         p = { dist = \"uniform\", min = 0.01, max = 0.05 }\n\
         q = { dist = \"uniform\", min = 0.2, max = 0.5 }\nceiling = 1\n\
         value_per_adopter = 1000\n",
    )
    .unwrap();
    let s = Scenario::load(&path).unwrap();
    assert_eq!(s.uncertain.len(), 2);
    let a = sensitivity(&s, "adoption.s", 2026, 400);
    let tornado = TornadoChart::new(&a, &Subject::Levels(&s), &EN).expect("tornado");
    assert_eq!(tornado.bars.len(), 2);
    check(
        &tornado,
        &[&tornado.header.title, "segments.s.q"],
        "two tornado",
    );
    let sobol = SobolChart::new(&a, &Subject::Levels(&s), &EN).expect("sobol");
    check(&sobol, &[&sobol.header.title], "two sobol");
    let heat = HeatmapChart::new(&a, &Subject::Levels(&s), &EN).expect("heatmap");
    assert_eq!(heat.rows.len(), 2);
    check(&heat, &[&heat.header.title], "two heatmap");
}

#[test]
fn the_colour_scale_runs_from_dark_purple_to_yellow() {
    assert_eq!(viridis(0.0), plotters::style::RGBColor(68, 1, 84));
    assert_eq!(viridis(1.0), plotters::style::RGBColor(253, 231, 37));
    assert_eq!(viridis(f64::NAN), viridis(0.0));
    assert_eq!(viridis(2.0), viridis(1.0));
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
            legend.extend(fan_legend(f, false, &EN));
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
                horizon: None,
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
                points: &[],
                targets: &[TargetMark {
                    label: "break-even".into(),
                    year: 2024,
                    value: -500.0,
                    colour: TARGET,
                }],
                compact: false,
                locale: &EN,
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
    let png = render(&chart, Format::Png).unwrap();
    assert_png(&png, SIZE, "difference");
    let svg = render(&chart, Format::Svg).unwrap();
    assert_svg(
        &svg,
        &["Difference to the counterfactual (M EUR)", "-2,000", "0"],
        "difference",
    );
    // A custom size is honoured.
    let small = render_at(&chart, Format::Png, (640, 400)).unwrap();
    assert_png(&small, (640, 400), "difference, small");
}

#[test]
fn the_tornado_caption_stays_whole_beside_long_parameter_paths() {
    use super::sensitivity::tornado::TornadoBar;
    let s = load("scenarios/acceleration-2021.toml");
    let long = "axes.experimentation.deliverables.regulation_graduates_of_the_programme.per_meur";
    let x_desc = "market.total in 2030 (M EUR/year), mean over the draws in the parameter's \
                  lowest / highest decile";
    let chart = TornadoChart {
        header: Header {
            title: "Tornado".into(),
            subtitle: s.title.clone(),
            legend: Vec::new(),
            provenance: "test".into(),
            locale: &EN,
        },
        bars: (0..15)
            .map(|i| TornadoBar {
                label: format!("{long}{i}"),
                spearman: 0.5 - 0.03 * i as f64,
                low: 10_000.0 + 100.0 * i as f64,
                high: 20_000.0 - 100.0 * i as f64,
            })
            .collect(),
        mean: 15_000.0,
        scale: Scale::Number,
        x_desc: x_desc.into(),
    };
    let svg = render(&chart, Format::Svg).unwrap();
    let doc = roxmltree::Document::parse(std::str::from_utf8(&svg).unwrap()).unwrap();
    let lines: Vec<(String, f64)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let t = n.text()?.trim().to_string();
            let x = n.attribute("x")?.parse().ok()?;
            (t.len() > 10 && x_desc.contains(&t)).then_some((t, x))
        })
        .collect();
    let words: Vec<&str> = lines.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(words.join(" "), x_desc, "the caption is cut");
    // Each line, centred on its x, lies within the image.
    let mut buf = String::new();
    let area = SVGBackend::with_string(&mut buf, SIZE).into_drawing_area();
    let style = text_style(DESC_PX, INK, false);
    for (t, x) in &lines {
        let half = area.estimate_text_size(t, &style).unwrap().0 as f64 / 2.0;
        assert!(
            x - half >= 0.0 && x + half <= SIZE.0 as f64,
            "`{t}` spans {} to {}",
            x - half,
            x + half
        );
    }
}
