//! `esante compare`: common random numbers make differences exact, the
//! difference statistics agree with the runs, and the command's files.

mod common;

use common::{CRN_BASE as BASE, CRN_EXTRA as EXTRA, load, write};

use assert_cmd::Command;
use esante::Scenario;
use esante::analysis::compare::{Comparison, compare};
use esante::engine::{self, Silent};
use esante::report::compare::CSV_HEADER;
use esante::report::text::Lang;
use esante::sampling::{RunSettings, Sampling};

fn sim(sampling: Sampling) -> RunSettings {
    RunSettings {
        draws: 4000,
        seed: 7,
        sampling,
    }
}

/// Asserts that every draw's difference of shared series `k` is exactly zero.
fn assert_zero(cmp: &Comparison, k: usize, what: &str) {
    let d = &cmp.alts[0].diff[k];
    assert_eq!((d.min, d.max), (0.0, 0.0), "{what}");
    assert_eq!(d.moments.n, cmp.settings.draws, "{what}");
    assert_eq!(cmp.alts[0].alt_higher[k], 0.0, "{what}");
}

#[test]
fn a_scenario_compared_with_itself_differs_by_exactly_zero_in_every_draw() {
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let s = load(BASE);
        let cmp = compare(&s, std::slice::from_ref(&s), sim(sampling), &Silent).unwrap();
        let alt = &cmp.alts[0];
        // Every metric (2 axis + 6 segment + 3 market) in every one of 6 years.
        assert_eq!(alt.shared.len(), 11 * 6);
        for (k, sh) in alt.shared.iter().enumerate() {
            assert_zero(
                &cmp,
                k,
                &format!("{sampling} {} {}", sh.metric.name, sh.year),
            );
        }
        // No extra spending: the ratio is undefined in every draw.
        assert_eq!(alt.market_per_meur.moments.n, 0);
        assert_eq!(alt.market_per_meur.non_finite, 4000);
        // And the runs themselves are those of `esante run`.
        let st = engine::run(&s, sim(sampling), &Silent);
        assert_eq!(st.series, cmp.runs[0].series);
        assert_eq!(st.series, cmp.runs[1].series);
    }
}

#[test]
fn adding_a_segment_changes_no_draw_of_the_other_segments() {
    let with_z = BASE.replace("[segments.x]", &format!("{EXTRA}\n[segments.x]"));
    for sampling in [Sampling::Mc, Sampling::Lhs] {
        let (base, more) = (load(BASE), load(&with_z));
        let cmp = compare(&base, &[more], sim(sampling), &Silent).unwrap();
        let mut zero = 0;
        for (k, sh) in cmp.alts[0].shared.iter().enumerate() {
            let what = format!("{sampling} {} {}", sh.metric.name, sh.year);
            // No export ratio here: market.export is zero on both sides.
            if ["market.domestic", "market.total"].contains(&sh.metric.name.as_str()) {
                // The new segment adds its market in every draw.
                let d = &cmp.alts[0].diff[k];
                assert!(d.min > 0.0, "{what}: {}", d.min);
                assert_eq!(cmp.alts[0].alt_higher[k], 4000.0, "{what}");
            } else {
                assert_zero(&cmp, k, &what);
                zero += 1;
            }
        }
        assert_eq!(zero, 9 * 6);
        // The base's metrics of z do not exist: z is not shared.
        assert!(
            cmp.alts[0]
                .shared
                .iter()
                .all(|s| !s.metric.name.ends_with(".z"))
        );
    }
}

#[test]
fn difference_statistics_agree_with_the_two_runs() {
    // A real change: more budget and a later horizon on one side.
    let alt_text = BASE
        .replace("budget = 50", "budget = 80")
        .replace("end_year = 2026", "end_year = 2028")
        .replace("name = \"crn\"", "name = \"crn-more\"");
    let (base, alt) = (load(BASE), load(&alt_text));
    let cmp = compare(&base, &[alt], sim(Sampling::Mc), &Silent).unwrap();
    let a = &cmp.alts[0];
    assert_eq!(a.window, (2021, 2026));
    for k in 0..a.shared.len() {
        let r = cmp.row(0, k);
        // The mean of differences is the difference of means, up to rounding.
        let scale = r.base_mean.abs().max(r.alt_mean.abs()).max(1e-12);
        assert!(
            (r.diff_mean - (r.alt_mean - r.base_mean)).abs() <= 1e-9 * scale,
            "{} {}: {r:?}",
            a.shared[k].metric.name,
            r.year
        );
        assert!(r.diff_p5 <= r.diff_p50 && r.diff_p50 <= r.diff_p95);
        assert!((0.0..=1.0).contains(&r.prob_alt_higher));
    }
    // 30 M EUR more, executed at PERT(0.5, 0.8, 1): mean (0.5 + 4 * 0.8 + 1) / 6.
    let exec = (0.5 + 4.0 * 0.8 + 1.0) / 6.0;
    let se = a.extra_spending.moments.sd() / 4000f64.sqrt();
    assert!(
        (a.extra_spending.moments.mean() - 30.0 * exec).abs() < 4.0 * se + 1e-9,
        "{} vs {}",
        a.extra_spending.moments.mean(),
        30.0 * exec
    );
    // More budget never lowers the market here, and the ratio is defined.
    assert!(a.extra_market.min >= 0.0, "{}", a.extra_market.min);
    assert_eq!(a.market_per_meur.moments.n, 4000);
}

#[test]
fn disjoint_horizons_are_an_error() {
    let later = BASE
        .replace("start_year = 2021", "start_year = 2030")
        .replace("end_year = 2026", "end_year = 2032")
        .replace("from = 2022, to = 2024", "from = 2030, to = 2031");
    let err = compare(&load(BASE), &[load(&later)], sim(Sampling::Mc), &Silent).unwrap_err();
    assert!(err.to_string().contains("share no year"), "{err}");
}

#[test]
fn compare_results_do_not_depend_on_the_thread_count() {
    let s = load(BASE);
    let more = load(&BASE.replace("budget = 50", "budget = 70"));
    let csv = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let sim = RunSettings {
            draws: 70_001,
            ..sim(Sampling::Lhs)
        };
        let cmp = pool.install(|| compare(&s, std::slice::from_ref(&more), sim, &Silent).unwrap());
        let doc = esante::report::compare::document(
            &cmp,
            &[s.clone(), more.clone()],
            &[],
            Lang::En.locale(),
        )
        .unwrap();
        doc.get("comparison.csv").unwrap().bytes.clone()
    };
    assert_eq!(csv(1), csv(3));
}

#[test]
fn the_command_writes_the_contract_files_in_the_default_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::env::current_dir().unwrap();
    Command::cargo_bin("esante")
        .unwrap()
        .current_dir(dir.path())
        .args(["compare", "--draws", "2000", "--quiet"])
        .arg(root.join("scenarios/no-program.toml"))
        .arg(root.join("scenarios/acceleration-2021.toml"))
        .assert()
        .success()
        .stdout("");
    let out = dir
        .path()
        .join("reports/compare-no-program-vs-acceleration-2021");
    let csv = std::fs::read_to_string(out.join("comparison.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(lines.next().unwrap(), CSV_HEADER);
    assert_eq!(
        CSV_HEADER,
        "scenario,metric,year,base_mean,alt_mean,diff_mean,diff_sd,diff_p5,diff_p50,diff_p95,\
         prob_alt_higher"
    );
    // no-program has the same 5 axes and segments: every metric is shared.
    let base = Scenario::load(&root.join("scenarios/no-program.toml")).unwrap();
    let n_metrics = base.metrics.len();
    assert_eq!(lines.count(), n_metrics * base.years());
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("comparison.json")).unwrap()).unwrap();
    assert_eq!(json["base"]["name"], "no-program");
    assert_eq!(json["run"]["draws"], 2000);
    let alt = &json["alternatives"][0];
    assert_eq!(alt["scenario"]["name"], "acceleration-2021");
    assert!(alt["market_per_extra_meur"]["p50"].as_f64().unwrap() > 0.0);
    let md = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(md.contains("| `market.total` (M EUR/year) |"), "{md}");
}

#[test]
fn a_bad_alternative_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.toml", "[scenario]\nname = \"Bad Name\"\n");
    Command::cargo_bin("esante")
        .unwrap()
        .args(["compare", "scenarios/no-program.toml"])
        .arg(&bad)
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.toml:2:"));
    assert!(!dir.path().join("out").exists());
}
