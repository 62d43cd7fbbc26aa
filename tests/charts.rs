//! Charts and the report page, through the run report's document: every
//! chart renders for the shipped scenarios and for edge cases; PNGs decode
//! with the chart's size and are not blank; SVGs are XML holding the titles
//! and the provenance line; `index.md` of a small scenario matches its golden
//! file. (The fan-chart primitive's own test is a unit test of the crate.)

mod common;

use std::path::Path;

use common::{assert_png, assert_svg};

use esante::Scenario;
use esante::analysis::run::Run;
use esante::engine::{self, RunStats, Silent};
use esante::report::chart::run::{ChartKind, chart_kinds};
use esante::report::provenance::Provenance;
use esante::report::text::{EN, Lang};
use esante::report::{Document, Format};
use esante::sampling::RunSettings;

/// Loads a scenario, with `draws` when given.
fn load(path: &Path, draws: Option<u64>) -> (Scenario, RunSettings) {
    let s = Scenario::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let settings = RunSettings {
        draws: draws.unwrap_or(s.simulation.draws),
        ..s.simulation
    };
    (s, settings)
}

/// The run report of `s` in both formats.
fn document(s: &Scenario, st: &RunStats) -> Document {
    let run = Run {
        scenario: s,
        stats: st,
    };
    esante::report::run::document(&run, &Format::ALL, Lang::En.locale()).unwrap()
}

/// The pixel size of a chart of `panels` small multiples (at most three
/// columns; 290 pixels a row below a frame of 130 plus a legend row).
fn grid_size(panels: usize) -> (u32, u32) {
    let cols = match panels {
        0 | 1 => 1,
        2 | 4 => 2,
        _ => 3,
    };
    let rows = panels.max(1).div_ceil(cols) as u32;
    (1000, 130 + 22 + 290 * rows)
}

/// Writes a scenario file into `dir` and loads it.
fn scenario_text(dir: &Path, name: &str, text: &str) -> (Scenario, RunSettings) {
    let p = dir.join(format!("{name}.toml"));
    std::fs::write(&p, text).unwrap();
    load(&p, None)
}

/// Renders every chart that applies to the scenario, in both formats, and
/// checks each; returns the kinds rendered.
fn check_all_charts((s, settings): &(Scenario, RunSettings)) -> Vec<ChartKind> {
    let st = engine::run(s, *settings, &Silent);
    let run = Run {
        scenario: s,
        stats: &st,
    };
    let kinds = chart_kinds(&run);
    let doc = document(s, &st);
    let prov = Provenance::of(s, *settings).line(&EN);
    for &k in &kinds {
        let what = format!("{} {}", s.name, k.stem());
        let png = &doc.get(&k.file_name(Format::Png)).unwrap().bytes;
        let size = match k {
            ChartKind::Adoption => grid_size(s.segments.len()),
            ChartKind::Deliverables => grid_size(s.axes.iter().map(|a| a.deliverables.len()).sum()),
            _ => (1000, 600),
        };
        assert_png(png, size, &what);
        let svg = &doc.get(&k.file_name(Format::Svg)).unwrap().bytes;
        assert_svg(svg, &[s.title.as_str(), prov.as_str()], &what);
    }
    // Deterministic: the same bytes on a second rendering.
    assert_eq!(
        document(s, &st),
        doc,
        "{}: bytes of a second rendering",
        s.name
    );
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
    assert_eq!(
        (s.0.years(), s.0.segments.len(), s.0.uncertain.len()),
        (1, 1, 0)
    );
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

#[test]
fn ticks_use_thousands_separators_not_scientific_notation() {
    let (s, settings) = load("scenarios/acceleration-2021.toml".as_ref(), Some(1000));
    let st = engine::run(&s, settings, &Silent);
    let doc = document(&s, &st);
    let svg = &doc.get("market.svg").unwrap().bytes;
    assert_svg(svg, &["10,000", "20,000", "2030"], "market");
    let text = String::from_utf8(svg.clone()).unwrap();
    assert!(!text.contains("e3\n") && !text.contains("e4\n") && !text.contains("e6\n"));
    assert!(!text.contains("10000") && !text.contains("20000"));
}

/// `index.md` of tests/scenarios/small.toml at its own seed, compared with the
/// golden file. After an intended change, regenerate it with
/// `UPDATE_GOLDEN=1 cargo test --release --test charts` and review the diff.
#[test]
fn index_md_matches_the_golden_file() {
    let (s, settings) = load("tests/scenarios/small.toml".as_ref(), None);
    let st = engine::run(&s, settings, &Silent);
    let doc = document(&s, &st);
    let page = String::from_utf8(doc.get("index.md").unwrap().bytes.clone()).unwrap();
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
