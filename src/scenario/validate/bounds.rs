//! What the model can produce, checked before any draw: every metric must
//! stay below [`LIMIT`] for every value the distributions can take, a
//! segment must not start above what it can ever reach, a target must be
//! reachable, and a funded axis should lift something.
//!
//! Each parameter's attainable range is its quantile at the most extreme
//! uniforms the sampler can produce ([`U_LOW`], [`U_HIGH`]), so an unbounded
//! lognormal counts with the largest value a draw can give it. The ranges
//! are propagated through the yearly equations of docs/model.md section 4
//! as upper bounds (every metric is a sum of products of non-negative terms).

use crate::math::log10;
use crate::scenario::{Axis, Bound, Issue, Param, Scenario, Segment, Uncertain};

/// The largest value a metric may reach: beyond it squared deviations (and
/// so standard deviations) could overflow over many draws.
pub const LIMIT: f64 = 1e100;

/// Smallest uniform the sampler produces (the copula's clamp).
pub const U_LOW: f64 = f64::MIN_POSITIVE;
/// Largest uniform the sampler produces.
pub const U_HIGH: f64 = 1.0 - f64::EPSILON / 2.0;

/// The smallest and largest value of a parameter over every draw.
fn range(uncertain: &[Uncertain], p: Param) -> (f64, f64) {
    match p {
        Param::Fixed(v) => (v, v),
        Param::Uncertain(i) => {
            let d = &uncertain[i].dist;
            (d.quantile(U_LOW), d.quantile(U_HIGH))
        }
    }
}

/// A bound for a message: plain from 0.001 to a million, else `1.23e45`.
fn short(v: f64) -> String {
    if !v.is_finite() {
        "infinity".to_string()
    } else if v == 0.0 || (1e-3..1e6).contains(&v.abs()) {
        format!("{}", (v * 1e4).round() / 1e4)
    } else {
        format!("{v:.3e}")
    }
}

/// A bound and the factors it is the product of, for the message.
struct Product {
    value: f64,
    factors: Vec<(String, f64)>,
}

impl Product {
    fn of(factors: Vec<(String, f64)>) -> Product {
        let value = factors.iter().map(|f| f.1.abs()).product();
        Product { value, factors }
    }

    /// The factor that weighs most (on a log scale): the one to change.
    fn heaviest(&self) -> &str {
        self.factors
            .iter()
            .max_by(|a, b| log10(a.1.abs()).total_cmp(&log10(b.1.abs())))
            .map_or("", |f| f.0.as_str())
    }

    fn text(&self) -> String {
        self.factors
            .iter()
            .map(|(what, v)| format!("{what} up to {}", short(*v)))
            .collect::<Vec<_>>()
            .join(" × ")
    }
}

/// Errors and warnings about what the model can produce.
#[derive(Default)]
pub(super) struct Findings {
    pub(super) errors: Vec<Issue>,
    pub(super) warnings: Vec<Issue>,
}

impl Findings {
    /// Refuses a metric whose bound is not below [`LIMIT`]; returns whether
    /// it did (the metrics computed from it are then not checked, so one
    /// cause gives one message).
    fn limit(&mut self, metric: &str, unit: &str, p: &Product, at: Option<&str>) -> bool {
        let help = "lower this value, or give it a distribution with a finite maximum \
                    (pert, triangular, uniform, or a normal with `max`)";
        self.limit_help(metric, unit, p, at, help)
    }

    /// [`Findings::limit`] with its own help line.
    fn limit_help(
        &mut self,
        metric: &str,
        unit: &str,
        p: &Product,
        at: Option<&str>,
        help: &str,
    ) -> bool {
        if p.value.is_finite() && p.value < LIMIT {
            return false;
        }
        let path = at.unwrap_or_else(|| p.heaviest()).to_string();
        let reach = short(p.value);
        self.errors.push(
            Issue::new(
                path,
                format!(
                    "`{metric}` can reach {reach} {unit} ({}), above the {LIMIT:e} that \
                     esante can summarise",
                    p.text()
                ),
            )
            .help(help),
        );
        true
    }
}

/// The checks of this module on a complete scenario.
pub(super) fn check(s: &Scenario) -> Findings {
    let mut out = Findings::default();
    let r = |p| range(&s.uncertain, p);
    for a in &s.axes {
        check_axis(&mut out, s, a);
    }
    let years = s.years();
    let mut domestic = 0.0;
    let mut largest = (0.0, "");
    let mut refused = false;
    for g in &s.segments {
        let (m, over) = check_segment(&mut out, s, g, years);
        refused |= over;
        domestic += m;
        if m >= largest.0 {
            largest = (m, g.id.as_str());
        }
    }
    let sum = Product::of(vec![("the sum of the segments' markets".into(), domestic)]);
    let at = format!("segments.{}.value_per_adopter", largest.1);
    if refused || out.limit("market.domestic", "M EUR", &sum, Some(&at)) {
        check_funded_axes(&mut out, s);
        return out;
    }
    let (_, ratio) = r(s.market.export_ratio);
    let lift_x: f64 = s.market.lift_export.iter().map(|&(_, p)| r(p).1).sum();
    let export = Product::of(vec![
        ("market.domestic".into(), domestic),
        ("market.export_ratio".into(), ratio),
        ("1 + the export lifts".into(), 1.0 + lift_x),
    ]);
    let over = out.limit(
        "market.export",
        "M EUR",
        &export,
        Some("market.export_ratio"),
    );
    if !over {
        check_present_values(&mut out, s, export.value + domestic);
    }
    check_funded_axes(&mut out, s);
    check_targets(&mut out, s);
    out
}

/// The present values of `[economics]`: the total market's (every year's
/// largest `total`, discounted and summed) and each axis' spending (its
/// largest spending at the largest factor).
fn check_present_values(out: &mut Findings, s: &Scenario, total: f64) {
    let Some(e) = s.economics else { return };
    let factors = e.factors(s.start_year, s.years());
    let sum: f64 = factors.iter().sum();
    let largest = factors.iter().copied().fold(0.0, f64::max);
    let at = Some("economics.base_year");
    let help = "a base year after the horizon compounds the earlier years' money up to it: \
                move the base year closer to the horizon, or lower the discount rate";
    let pv = Product::of(vec![
        ("market.total".into(), total),
        ("the sum of the discount factors".into(), sum),
    ]);
    out.limit_help("pv.market.total", "M EUR", &pv, at, help);
    for a in &s.axes {
        let (_, exec) = range(&s.uncertain, a.execution);
        let pv = Product::of(vec![
            (format!("axes.{}.budget", a.id), a.budget),
            (format!("axes.{}.execution", a.id), exec),
            ("the largest discount factor".into(), largest),
        ]);
        out.limit_help(&format!("pv.spending.{}", a.id), "M EUR", &pv, at, help);
    }
}

/// Spending, effect stock and deliverables of an axis.
fn check_axis(out: &mut Findings, s: &Scenario, a: &Axis) {
    let r = |p| range(&s.uncertain, p);
    let path = |k: &str| format!("axes.{}.{k}", a.id);
    let (_, exec) = r(a.execution);
    let (_, lev) = r(a.leverage);
    let spent = Product::of(vec![(path("budget"), a.budget), (path("execution"), exec)]);
    if out.limit(&format!("spending.{}", a.id), "M EUR", &spent, None) {
        return;
    }
    let stock = Product::of(vec![
        (path("budget"), a.budget),
        (path("execution"), exec),
        (format!("(1 + {})", path("leverage")), 1.0 + lev),
    ]);
    out.limit(&format!("effect stock of {}", a.id), "M EUR", &stock, None);
    for d in &a.deliverables {
        let (_, per) = r(d.per_meur);
        let p = Product::of(vec![
            (path(&format!("deliverables.{}.per_meur", d.name)), per),
            (path("budget"), a.budget),
            (path("execution"), exec),
        ]);
        out.limit(
            &format!("deliverable.{}.{}", a.id, d.name),
            "units",
            &p,
            None,
        );
    }
}

/// Adopters and market of a segment, and its start against its ceiling;
/// returns the largest market of the segment and whether a bound was
/// refused.
fn check_segment(out: &mut Findings, s: &Scenario, g: &Segment, years: usize) -> (f64, bool) {
    let r = |p| range(&s.uncertain, p);
    let path = |k: &str| format!("segments.{}.{k}", g.id);
    let (_, pop) = r(g.population);
    let (_, value) = r(g.value_per_adopter);
    let (_, growth) = r(g.value_growth);
    let adopters = Product::of(vec![(path("population"), pop)]);
    check_start_above_ceiling(out, s, g);
    if out.limit(&format!("adopters.{}", g.id), &g.unit, &adopters, None) {
        return (0.0, true);
    }
    let last = years.saturating_sub(1) as i32;
    let grown = if growth > 0.0 {
        (1.0 + growth).powi(last)
    } else {
        1.0
    };
    let market = Product::of(vec![
        (path("population"), pop),
        (path("value_per_adopter"), value),
        (format!("(1 + {})^{last}", path("value_growth")), grown),
        ("1e-6 (EUR to M EUR)".into(), 1e-6),
    ]);
    let over = out.limit(&format!("market.{}", g.id), "M EUR", &market, None);
    (market.value, over)
}

/// `initial_adoption` above every ceiling the segment can reach: adoption
/// would never move (docs/model.md section 4). Refused when certain, a
/// warning with the share of draws when only some draws do it.
fn check_start_above_ceiling(out: &mut Findings, s: &Scenario, g: &Segment) {
    let path = format!("segments.{}.initial_adoption", g.id);
    let (init_lo, init_hi) = range(&s.uncertain, g.initial_adoption);
    let (ceil_lo, ceil_hi) = range(&s.uncertain, g.ceiling);
    let lifts: f64 = g
        .lift_ceiling
        .iter()
        .map(|&(_, p)| range(&s.uncertain, p).1)
        .sum();
    let reach = (ceil_hi * (1.0 + lifts)).min(1.0);
    if init_lo > reach {
        out.errors.push(
            Issue::new(
                path,
                format!(
                    "starts at {init_lo} or more, above the most the segment can reach ({reach}: \
                     its ceiling with every lift): adoption would never change"
                ),
            )
            .help("the initial adoption must be at most the ceiling"),
        );
        return;
    }
    if init_hi <= ceil_lo {
        return;
    }
    let share = share_above(s, g.initial_adoption, g.ceiling);
    if share > 0.0 {
        out.warnings.push(
            Issue::new(
                path,
                format!(
                    "in about {:.1}% of draws the initial adoption is above the ceiling; in those \
                     draws adoption stays at its initial level until lifts raise the ceiling \
                     above it (docs/model.md section 4)",
                    100.0 * share
                ),
            )
            .help("keep the initial adoption's range below the ceiling's"),
        );
    }
}

/// The share of draws where `a > b` for independent `a` and `b`, from 400
/// equal-probability strata of each (within 0.5% of the exact share).
fn share_above(s: &Scenario, a: Param, b: Param) -> f64 {
    const N: usize = 400;
    let values = |p: Param| -> Vec<f64> {
        (0..N)
            .map(|i| {
                let u = (i as f64 + 0.5) / N as f64;
                match p {
                    Param::Fixed(v) => v,
                    Param::Uncertain(k) => s.uncertain[k].dist.quantile(u),
                }
            })
            .collect()
    };
    let (xa, mut xb) = (values(a), values(b));
    xb.sort_by(f64::total_cmp);
    let above: usize = xa.iter().map(|x| xb.partition_point(|y| y < x)).sum();
    above as f64 / (N * N) as f64
}

/// An axis with money that no lift uses changes no adoption or market.
fn check_funded_axes(out: &mut Findings, s: &Scenario) {
    for (i, a) in s.axes.iter().enumerate() {
        let used = s.segments.iter().any(|g| {
            g.lift_p
                .iter()
                .chain(&g.lift_q)
                .chain(&g.lift_ceiling)
                .any(|&(k, p)| k == i && range(&s.uncertain, p).1 != 0.0)
        }) || s
            .market
            .lift_export
            .iter()
            .any(|&(k, p)| k == i && range(&s.uncertain, p).1 != 0.0);
        if a.budget > 0.0 && !used {
            out.warnings.push(
                Issue::new(
                    format!("axes.{}.budget", a.id),
                    format!(
                        "the axis is funded ({} M EUR) but no lift uses it: its money changes \
                         no adoption and no market",
                        a.budget
                    ),
                )
                .help("add a lift of this axis to a segment (`lift.p`, `lift.q`, `lift.ceiling`) or to the market (`lift.export`)"),
            );
        }
    }
}

/// A target on a share that asks for less than 0 or more than 1.
fn check_targets(out: &mut Findings, s: &Scenario) {
    for (i, t) in s.targets.iter().enumerate() {
        let info = s.metrics.info(t.metric);
        if !info.kind.is_share() {
            continue;
        }
        let never = match t.bound {
            Bound::AtLeast(v) => v > 1.0,
            Bound::AtMost(v) => v < 0.0,
        };
        if never {
            let key = if matches!(t.bound, Bound::AtLeast(_)) {
                "at_least"
            } else {
                "at_most"
            };
            out.warnings.push(
                Issue::new(
                    format!("targets[{i}].{key}"),
                    format!(
                        "`{}` is a share from 0 to 1, so this target can never be met (its \
                         probability will be 0)",
                        info.name
                    ),
                )
                .help("write shares as numbers from 0 to 1 (0.15 for 15%)"),
            );
        }
    }
}
