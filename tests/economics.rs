//! `[economics]`: present values against closed forms and against the
//! undiscounted metrics draw by draw, compare's return on extra public
//! money in present values, and the files and flags that show them.

mod common;

use std::collections::BTreeMap;

use assert_cmd::Command;
use common::{load, write};
use esante::Scenario;
use esante::analysis::compare::{CompareError, compare};
use esante::engine::{Block, Job, Silent, Visit, Visitor};
use esante::sampling::{RunSettings, Sampling};
use esante::scenario::{Metric, Series};

/// One axis spending 10 M EUR a year from 2021 to 2023 (execution 1), one
/// segment that never moves (p = q = 0) and is worth 50 M EUR a year, exports
/// of 10%: every metric is known by hand. `ECONOMICS` is replaced by the
/// `[economics]` table of the test.
const FIXED: &str = r#"
[scenario]
name = "fixed"
start_year = 2021
end_year = 2026
ECONOMICS
[axes.a]
budget = 30
schedule = { from = 2021, to = 2023 }
half_saturation = 20
[segments.x]
population = 1000
initial_adoption = 0.5
p = 0
q = 0
ceiling = 0.9
value_per_adopter = 100000
[market]
export_ratio = 0.1
"#;

fn fixed(economics: &str) -> Scenario {
    load(&FIXED.replace("ECONOMICS", economics))
}

fn settings(draws: u64) -> RunSettings {
    RunSettings {
        draws,
        seed: 11,
        sampling: Sampling::Mc,
    }
}

/// The mean of metric `name` in every year.
fn means(s: &Scenario, stats: &esante::engine::RunStats, name: &str) -> Vec<f64> {
    let m = s.metrics.find(name).unwrap_or_else(|| panic!("{name}"));
    (0..s.years())
        .map(|t| stats.get(s.metrics.series(m, t)).moments.mean())
        .collect()
}

#[test]
fn present_values_match_the_closed_form() {
    // Rate 25%: the factors are 0.8^k, and 1.25^k is exact in binary.
    for (base_year, shift) in [("", 0), ("base_year = 2019", 2), ("base_year = 2023", -2)] {
        let s = fixed(&format!("[economics]\ndiscount_rate = 0.25\n{base_year}"));
        let stats = esante::engine::run(&s, settings(100), &Silent);
        let d = |t: i32| 0.8f64.powi(t + shift);
        let (dom, tot, spend) = (
            means(&s, &stats, "pv.market.domestic"),
            means(&s, &stats, "pv.market.total"),
            means(&s, &stats, "pv.spending.a"),
        );
        for t in 0..6 {
            // 50 M EUR a year domestic, 55 total; 10 M EUR spent in years 0-2.
            let sum = |v: f64, last: i32| (0..=last).map(|k| v * d(k)).sum::<f64>();
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
            assert!(
                close(dom[t as usize], sum(50.0, t)),
                "{base_year} {t}: {dom:?}"
            );
            assert!(
                close(tot[t as usize], sum(55.0, t)),
                "{base_year} {t}: {tot:?}"
            );
            assert!(close(spend[t as usize], sum(10.0, t.min(2))), "{spend:?}");
        }
    }
    // Base year = start: the first year is not discounted, and the last
    // spending year's executed 10 M EUR count for 6.4.
    let s = fixed("[economics]\ndiscount_rate = 0.25");
    let stats = esante::engine::run(&s, settings(10), &Silent);
    let spend = means(&s, &stats, "pv.spending.a");
    assert!(
        (spend[2] - 24.4).abs() < 1e-13 && spend[5] == spend[2],
        "{spend:?}"
    );
    assert_eq!(means(&s, &stats, "pv.market.domestic")[0], 50.0);
}

#[test]
fn present_values_are_metrics_only_with_an_economics_table() {
    let plain = fixed("");
    assert!(!plain.metrics.has_present_values());
    assert!(plain.metrics.names().all(|n| !n.starts_with("pv.")));
    let with = fixed("[economics]");
    assert_eq!(
        with.economics,
        Some(esante::scenario::Economics {
            discount_rate: 0.0,
            base_year: 2021
        })
    );
    let names: Vec<&str> = with.metrics.names().collect();
    // After every other metric, in the same order as without.
    assert_eq!(
        &names[..plain.metrics.len()],
        &plain.metrics.names().collect::<Vec<_>>()[..]
    );
    assert_eq!(
        &names[plain.metrics.len()..],
        ["pv.spending.a", "pv.market.domestic", "pv.market.total"]
    );
}

/// Every value of every series in every draw, by series then draw.
struct AllValues {
    draws: usize,
}

struct Collected {
    values: BTreeMap<(usize, u64), Vec<f64>>,
}

impl Visitor for Collected {
    fn values(&mut self, _job: usize, block: Block, series: Series, values: &[f64]) {
        self.values.insert((series.0, block.start), values.to_vec());
    }
}

impl Visit for AllValues {
    type Acc<'a> = Collected;
    fn leaf(&self) -> Collected {
        Collected {
            values: BTreeMap::new(),
        }
    }
    fn merge(&self, a: &mut Collected, b: Collected) {
        a.values.extend(b.values);
    }
}

/// Per series: the values of every draw, in draw order.
fn all_values(s: &Scenario, draws: u64) -> Vec<Vec<f64>> {
    let visit = AllValues {
        draws: draws as usize,
    };
    let acc = Job::new(s, settings(draws)).run(&visit, &Silent);
    let mut out = vec![Vec::with_capacity(visit.draws); s.metrics.n_series()];
    for ((series, _), v) in acc.values {
        out[series].extend(v);
    }
    assert!(out.iter().all(|v| v.len() == visit.draws));
    out
}

const DISCOUNTED: &str = include_str!("scenarios/discounted.toml");

#[test]
fn a_rate_of_zero_gives_the_plain_cumulative_sums_exactly_in_every_draw() {
    let s = load(&DISCOUNTED.replace("discount_rate = 0.025", "discount_rate = 0"));
    let ix = &s.metrics;
    let v = all_values(&s, 3000);
    let at = |m: Metric, t: usize| &v[ix.series(m, t).0];
    for j in 0..3000 {
        let (mut dom, mut tot) = (0.0, 0.0);
        for t in 0..s.years() {
            dom += at(Metric::Domestic, t)[j];
            tot += at(Metric::Total, t)[j];
            assert_eq!(at(Metric::PvDomestic, t)[j], dom, "draw {j} year {t}");
            assert_eq!(at(Metric::PvTotal, t)[j], tot, "draw {j} year {t}");
            assert_eq!(
                at(Metric::PvSpending(0), t)[j],
                at(Metric::Spending(0), t)[j]
            );
        }
    }
}

#[test]
fn present_values_grow_over_time_and_fall_with_the_rate_in_every_draw() {
    let at_rate = |r: &str| {
        let s = load(&DISCOUNTED.replace("0.025", r));
        let v = all_values(&s, 2000);
        (s, v)
    };
    let (s, low) = at_rate("0.025");
    let (_, high) = at_rate("0.06");
    let ix = &s.metrics;
    for m in [Metric::PvDomestic, Metric::PvTotal, Metric::PvSpending(0)] {
        for j in 0..2000 {
            let mut plain_sum = 0.0;
            for t in 0..s.years() {
                let (a, b) = (low[ix.series(m, t).0][j], high[ix.series(m, t).0][j]);
                assert!(b <= a, "{m:?} draw {j} year {t}: {b} > {a}");
                if t > 0 {
                    assert!(a >= low[ix.series(m, t - 1).0][j]);
                }
                // Below the undiscounted cumulative sum (base year = start).
                let plain = match m {
                    Metric::PvDomestic => Metric::Domestic,
                    Metric::PvTotal => Metric::Total,
                    _ => Metric::Spending(0),
                };
                let y = low[ix.series(plain, t).0][j];
                plain_sum = if m == Metric::PvSpending(0) {
                    y
                } else {
                    plain_sum + y
                };
                assert!(a <= plain_sum * (1.0 + 1e-15), "{m:?} draw {j} year {t}");
            }
        }
    }
}

/// The closed-form scenario with a lift: `alt` spends, the base does not.
const LIFTED: &str = r#"
[scenario]
name = "NAME"
start_year = 2021
end_year = 2026
[economics]
discount_rate = 0.25
[axes.a]
budget = BUDGET
schedule = { from = 2021, to = 2023 }
half_saturation = 20
[segments.x]
population = 1000
initial_adoption = 0.1
p = 0.02
q = 0.3
ceiling = 0.9
value_per_adopter = 100000
lift.ceiling = { a = 0.1 }
lift.q = { a = 0.5 }
"#;

fn lifted(name: &str, budget: &str) -> Scenario {
    load(&LIFTED.replace("NAME", name).replace("BUDGET", budget))
}

#[test]
fn compare_divides_present_values_when_the_scenarios_discount() {
    let base = lifted("base", "0");
    let alt = lifted("alt", "30");
    let cmp = compare(&base, std::slice::from_ref(&alt), settings(50), &Silent).unwrap();
    assert_eq!(cmp.economics, alt.economics);
    // Fixed parameters: every draw is the same, so the means are the values.
    let dom = |s: &Scenario, i: usize| means(s, &cmp.runs[i], "market.domestic");
    let (b, a) = (dom(&base, 0), dom(&alt, 1));
    let factors = [1.0, 0.8, 0.64, 0.512, 0.4096, 0.32768];
    let market: f64 = (0..6).map(|t| (a[t] - b[t]) * factors[t]).sum();
    let spending = 10.0 * (1.0 + 0.8 + 0.64);
    let alt_cmp = &cmp.alts[0];
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-12 * y.abs();
    assert!(close(alt_cmp.extra_market.moments.mean(), market));
    assert!(close(alt_cmp.extra_spending.moments.mean(), spending));
    let ratio = alt_cmp.market_per_meur.moments.mean();
    assert!(
        close(ratio, market / spending),
        "{ratio} vs {}",
        market / spending
    );
    // Undiscounted, the ratio is higher: the market comes later than the money.
    let plain: f64 = (0..6).map(|t| a[t] - b[t]).sum::<f64>() / 30.0;
    assert!(market > 0.0 && ratio < plain, "{ratio} {plain}");
    // The present values are shared metrics too.
    assert!(
        alt_cmp
            .shared
            .iter()
            .any(|s| s.metric.name == "pv.market.total")
    );
}

#[test]
fn compare_refuses_scenarios_that_discount_differently() {
    let base = lifted("base", "0");
    let cases = [
        LIFTED.replace("discount_rate = 0.25", "discount_rate = 0.03"),
        LIFTED.replace("[economics]\ndiscount_rate = 0.25\n", ""),
        LIFTED.replace(
            "discount_rate = 0.25",
            "discount_rate = 0.25\nbase_year = 2020",
        ),
        // Same rate, but the default base year follows the start year.
        LIFTED.replace("start_year = 2021", "start_year = 2020"),
    ];
    for text in cases {
        let alt = load(&text.replace("NAME", "alt").replace("BUDGET", "30"));
        let err = compare(&base, std::slice::from_ref(&alt), settings(10), &Silent).unwrap_err();
        assert!(matches!(err, CompareError::Economics { .. }), "{err}");
        let msg = err.to_string();
        assert!(msg.contains("same [economics] table"), "{msg}");
        assert!(
            msg.contains("a discount rate of 0.25 from base year 2021"),
            "{msg}"
        );
    }
}

#[test]
fn reports_name_the_present_values_and_the_discounting() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    Command::cargo_bin("esante")
        .unwrap()
        .args([
            "run",
            "tests/scenarios/discounted.toml",
            "--quiet",
            "--draws",
            "500",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    for name in [
        "pv.spending.training",
        "pv.market.domestic",
        "pv.market.total",
    ] {
        assert_eq!(
            csv.lines()
                .filter(|l| l.starts_with(&format!("{name},")))
                .count(),
            6,
            "{name}"
        );
    }
    let json = std::fs::read_to_string(out.join("summary.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["scenario"]["economics"]["discount_rate"], 0.025);
    assert_eq!(doc["scenario"]["economics"]["base_year"], 2022);
    assert!(json.contains("\"pv.market.total\""));
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(
        index.contains("| discounting | 2.5% a year; present values (`pv.*`) in 2022 euros"),
        "{index}"
    );
    assert!(index.contains("(`pv.market.total`) | M EUR |"));

    // Without [economics], nothing of it.
    let plain = dir.path().join("plain");
    Command::cargo_bin("esante")
        .unwrap()
        .args([
            "run",
            "tests/scenarios/small.toml",
            "--quiet",
            "--draws",
            "500",
        ])
        .arg("--out")
        .arg(&plain)
        .assert()
        .success();
    let csv = std::fs::read_to_string(plain.join("summary.csv")).unwrap();
    assert!(!csv.contains("pv."));
    let index = std::fs::read_to_string(plain.join("index.md")).unwrap();
    assert!(!index.contains("discounting"));
}

#[test]
fn set_gives_a_discount_rate_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    Command::cargo_bin("esante")
        .unwrap()
        .args([
            "run",
            "tests/scenarios/small.toml",
            "--quiet",
            "--draws",
            "300",
        ])
        .args(["--set", "economics.discount_rate=0.025"])
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains("--set 'economics.discount_rate=0.025'"));
    assert!(index.contains("| discounting | 2.5% a year; present values (`pv.*`) in 2022 euros"));
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(csv.contains("\npv.market.total,2025,"));

    // A percentage where a fraction is meant: located at the flag, exit 2.
    let bad = dir.path().join("bad");
    let assert = Command::cargo_bin("esante")
        .unwrap()
        .args(["run", "tests/scenarios/small.toml", "--quiet"])
        .args(["--set", "economics.discount_rate=2.5", "--out"])
        .arg(&bad)
        .assert()
        .code(2);
    assert!(!bad.exists());
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(
        err.contains("--set #1: economics.discount_rate: must be a number in [0, 1), got 2.5"),
        "{err}"
    );
}

#[test]
fn compare_report_says_its_ratio_is_in_present_values() {
    let dir = tempfile::tempdir().unwrap();
    let base = write(
        dir.path(),
        "base.toml",
        &LIFTED.replace("NAME", "base").replace("BUDGET", "0"),
    );
    let alt = write(
        dir.path(),
        "alt.toml",
        &LIFTED.replace("NAME", "alt").replace("BUDGET", "30"),
    );
    let out = dir.path().join("cmp");
    let assert = Command::cargo_bin("esante")
        .unwrap()
        .arg("compare")
        .args([&base, &alt])
        .args(["--draws", "200", "--out"])
        .arg(&out)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(
        stdout.contains("(present values: discounted at 25% a year to 2021)"),
        "{stdout}"
    );
    let index = std::fs::read_to_string(out.join("index.md")).unwrap();
    assert!(index.contains(
        "Extra spending, extra market and their ratio are present values: each year's money \
         discounted at 25% a year to 2021 euros"
    ));
    let json = std::fs::read_to_string(out.join("comparison.json")).unwrap();
    assert!(json.contains("\"economics\""));

    // Scenarios that discount differently: exit 2, nothing written.
    let other = write(
        dir.path(),
        "other.toml",
        &LIFTED
            .replace("NAME", "other")
            .replace("BUDGET", "30")
            .replace("0.25", "0.03"),
    );
    let out2 = dir.path().join("cmp2");
    let assert = Command::cargo_bin("esante")
        .unwrap()
        .arg("compare")
        .args([&base, &other])
        .args(["--draws", "200", "--out"])
        .arg(&out2)
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(err.contains("same [economics] table"), "{err}");
    assert!(!out2.exists());
}
