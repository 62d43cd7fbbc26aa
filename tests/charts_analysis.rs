//! Charts of the comparison and sensitivity reports: each renders for the
//! shipped scenarios and for edge cases (a self-comparison, a constant metric,
//! two uncertain parameters); PNGs decode with the chart's size and are not
//! blank; SVGs are XML holding the title and provenance; bytes are
//! deterministic; the report files and `index.md` list the charts.

mod common;

use std::path::Path;

use common::{assert_png, assert_svg};

use esante::Scenario;
use esante::compare::{Comparison, compare, files};
use esante::engine::Silent;
use esante::report::chart::compare::{
    CompareAdoptionChart, CompareMarketChart, DifferenceChart, MarketPerMeurChart,
};
use esante::report::chart::heatmap::{HeatmapChart, viridis};
use esante::report::chart::sobol::SobolChart;
use esante::report::chart::tornado::TornadoChart;
use esante::report::chart::{self, Chart, Format};
use esante::sensitivity::report::{Analysis, Method, Settings, analyse};

fn load(path: &str) -> Scenario {
    Scenario::load(Path::new(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Renders `chart` in both formats and checks them; `texts` must be text
/// elements of the SVG. Returns the SVG's texts.
fn check<C: Chart>(chart: &C, texts: &[&str], what: &str) -> Vec<String> {
    let png = chart::render(chart, Format::Png).unwrap();
    assert_png(&png, chart.size(), what);
    let svg = chart::render(chart, Format::Svg).unwrap();
    let all = assert_svg(&svg, texts, what);
    assert_eq!(
        chart::render(chart, Format::Png).unwrap(),
        png,
        "{what}: PNG bytes"
    );
    assert_eq!(
        chart::render(chart, Format::Svg).unwrap(),
        svg,
        "{what}: SVG bytes"
    );
    if let Some(dir) = std::env::var_os("CHART_DUMP") {
        let stem = what.replace(' ', "_");
        std::fs::write(Path::new(&dir).join(format!("{stem}.png")), &png).unwrap();
    }
    all
}

fn run_compare(scenarios: &[Scenario], draws: u64) -> Comparison {
    let mut sim = scenarios[0].simulation;
    sim.draws = draws;
    compare(&scenarios[0], &scenarios[1..], sim, &Silent).unwrap()
}

fn file_names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn comparison_charts_render_for_the_shipped_scenarios() {
    let scenarios = [
        load("scenarios/no-program.toml"),
        load("scenarios/acceleration-2021.toml"),
        load("scenarios/acceleration-2022-revised.toml"),
    ];
    let cmp = run_compare(&scenarios, 1000);
    let prov = chart::compare::provenance(&cmp, &scenarios);
    assert!(prov.starts_with(
        "no-program vs acceleration-2021 vs acceleration-2022-revised · seed 42 · 1,000 draws"
    ));
    let market = CompareMarketChart::new(&cmp, &scenarios);
    assert_eq!(market.fans.len(), 3);
    check(&market, &[&market.header.title, &prov], "compare market");
    let adoption = CompareAdoptionChart::new(&cmp, &scenarios);
    assert_eq!(adoption.panels.len(), scenarios[0].segments.len());
    assert!(adoption.panels.iter().all(|p| p.fans.len() == 3));
    check(
        &adoption,
        &[&adoption.header.title, &prov],
        "compare adoption",
    );
    for a in 0..2 {
        let d = DifferenceChart::new(&cmp, &scenarios, a);
        assert_eq!(d.panels.len(), 2);
        // The programme adds market by the horizon.
        assert!(*d.panels[0].fan.p50.last().unwrap() > 0.0);
        check(
            &d,
            &[&d.header.title, &prov, "0"],
            &format!("compare difference {a}"),
        );
    }
    let ratio = MarketPerMeurChart::new(&cmp, &scenarios);
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
    let all = files::report_files(&cmp, &scenarios, &Format::ALL).unwrap();
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
    let md = &all.iter().find(|(n, _)| n == "index.md").unwrap().1;
    let md = std::str::from_utf8(md).unwrap();
    assert!(
        md.contains("![Total market by scenario](market.svg)"),
        "{md}"
    );
    assert!(
        md.contains("(difference-acceleration-2022-revised.svg)"),
        "{md}"
    );
    let png_only = files::report_files(&cmp, &scenarios, &[Format::Png]).unwrap();
    assert!(file_names(&png_only).iter().all(|n| !n.ends_with(".svg")));
    let md = &png_only.iter().find(|(n, _)| n == "index.md").unwrap().1;
    assert!(
        std::str::from_utf8(md)
            .unwrap()
            .contains("(market-per-meur.png)")
    );
}

#[test]
fn a_self_comparison_draws_zero_differences_and_no_ratio() {
    let s = load("scenarios/no-program.toml");
    let scenarios = [s.clone(), s];
    let cmp = run_compare(&scenarios, 500);
    let d = DifferenceChart::new(&cmp, &scenarios, 0);
    for p in &d.panels {
        assert!(p.fan.p5.iter().chain(&p.fan.p95).all(|&v| v == 0.0));
    }
    let prov = chart::compare::provenance(&cmp, &scenarios);
    // The zero line sits mid-height: the axis reads -1 to 1.
    check(
        &d,
        &[&d.header.title, &prov, "-1.0", "0.0", "1.0"],
        "self difference",
    );
    let ratio = MarketPerMeurChart::new(&cmp, &scenarios);
    assert_eq!(ratio.bars[0].quantiles, None);
    check(
        &ratio,
        &[
            &ratio.header.title,
            "no extra public spending: the ratio is not defined",
        ],
        "self market-per-meur",
    );
    let all = files::report_files(&cmp, &scenarios, &[Format::Svg]).unwrap();
    assert!(file_names(&all).contains(&"difference-no-program.svg"));
}

fn sensitivity(s: &Scenario, metric: &str, year: i32, draws: u64) -> Analysis {
    let mut sim = s.simulation;
    sim.draws = draws;
    analyse(
        s,
        Settings {
            metric: metric.into(),
            year,
            method: Method::All,
            simulation: sim,
            sobol_n: 256,
            resamples: 30,
        },
    )
    .unwrap()
}

#[test]
fn sensitivity_charts_render_for_the_shipped_scenario() {
    let s = load("scenarios/acceleration-2021.toml");
    let a = sensitivity(&s, "market.total", 2030, 600);
    let tornado = TornadoChart::new(&a, &s).expect("tornado");
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
    let sobol = SobolChart::new(&a, &s).expect("sobol");
    assert_eq!(sobol.bars.len(), 15);
    assert!(
        sobol
            .bars
            .windows(2)
            .all(|w| w[0].st.value >= w[1].st.value)
    );
    check(&sobol, &[&sobol.header.title], "sensitivity sobol");
    let heat = HeatmapChart::new(&a, &s).expect("heatmap");
    assert_eq!(heat.rows.len(), 20);
    assert_eq!(heat.years.len(), 10);
    check(
        &heat,
        &[&heat.header.title, "2021", "2030", "1.0"],
        "sensitivity heatmap",
    );

    let files = a.files(&s, &Format::ALL).unwrap();
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
    let md = a.index_md(&s, Some(Format::Svg));
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
    assert!(TornadoChart::new(&a, &s).is_none());
    assert!(SobolChart::new(&a, &s).is_none());
    let files = a.files(&s, &Format::ALL).unwrap();
    let names = file_names(&files);
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("tornado.") && !n.ends_with(".csv"))
    );
    assert!(!names.contains(&"sobol.png"));
    let md = a.index_md(&s, Some(Format::Svg));
    assert!(md.contains("No tornado chart"), "{md}");
    assert!(md.contains("No chart of the indices in 2021"), "{md}");
    if let Some(heat) = HeatmapChart::new(&a, &s) {
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
    let tornado = TornadoChart::new(&a, &s).expect("tornado");
    assert_eq!(tornado.bars.len(), 2);
    check(
        &tornado,
        &[&tornado.header.title, "segments.s.q"],
        "two tornado",
    );
    let sobol = SobolChart::new(&a, &s).expect("sobol");
    check(&sobol, &[&sobol.header.title], "two sobol");
    let heat = HeatmapChart::new(&a, &s).expect("heatmap");
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

#[test]
fn commands_write_the_charts_byte_identically_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str], out: &str| {
        assert_cmd::Command::cargo_bin("esante")
            .unwrap()
            .args(args)
            .arg("--out")
            .arg(dir.path().join(out))
            .assert()
            .success();
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir.path().join(out))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let cmp = |t: &str| {
        run(
            &[
                "compare",
                "scenarios/no-program.toml",
                "scenarios/acceleration-2021.toml",
                "--draws",
                "700",
                "--quiet",
                "--format",
                "svg,png",
                "--threads",
                t,
            ],
            &format!("c{t}"),
        )
    };
    let one = cmp("1");
    assert!(
        one.iter()
            .any(|(n, _)| n == "difference-acceleration-2021.png")
    );
    assert_eq!(one, cmp("3"));
    let sens = |t: &str| {
        run(
            &[
                "sensitivity",
                "scenarios/acceleration-2021.toml",
                "--draws",
                "300",
                "--resamples",
                "20",
                "--quiet",
                "--format",
                "png",
                "--threads",
                t,
            ],
            &format!("s{t}"),
        )
    };
    let one = sens("1");
    let names: Vec<&str> = one.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"sobol-heatmap.png") && !names.contains(&"sobol-heatmap.svg"));
    assert_eq!(one, sens("3"));
}
