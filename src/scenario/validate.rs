//! From the serde mirror to a [`Scenario`]: every rule of MODEL.md, every
//! problem collected (not just the first), each with its key path.

use std::fmt;

use indexmap::IndexMap;
use sha2::{Digest, Sha256};

use super::error::{Issue, ScenarioError, closest};
use super::load::Loaded;
use super::raw::{RawDist, RawParam};
use super::{
    Axis, Bound, Correlation, Deliverable, Lift, Market, MetricIndex, Param, Scenario, Segment,
    Target, Uncertain,
};
use crate::dist::{Dist, Distribution};
use crate::sampling::{CopulaGroup, RunSettings, Sampling};

/// Longest horizon accepted, in years.
pub const MAX_YEARS: i64 = 200;
/// Largest `lag` accepted, in years.
pub const MAX_LAG: i64 = 100;
/// Segment ids that would collide with the market totals' metric names.
const RESERVED_SEGMENT_IDS: [&str; 3] = ["domestic", "export", "total"];
/// Distribution kinds, as written in files.
const KINDS: [&str; 7] = [
    "uniform",
    "normal",
    "lognormal",
    "triangular",
    "pert",
    "beta",
    "discrete",
];

/// The set of values a parameter may take.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Domain {
    lo: f64,
    lo_open: bool,
    hi: f64,
    hi_open: bool,
}

impl Domain {
    /// `[0, 1]`: shares.
    pub const UNIT: Domain = Domain::new(0.0, false, 1.0, false);
    /// `[0, 1)`: depreciation.
    pub const UNIT_OPEN_TOP: Domain = Domain::new(0.0, false, 1.0, true);
    /// `(0, 1]`: ceilings.
    pub const UNIT_OPEN_BOTTOM: Domain = Domain::new(0.0, true, 1.0, false);
    /// `>= 0`.
    pub const NON_NEGATIVE: Domain = Domain::new(0.0, false, f64::INFINITY, true);
    /// `> 0`.
    pub const POSITIVE: Domain = Domain::new(0.0, true, f64::INFINITY, true);
    /// `> -1`: growth rates.
    pub const ABOVE_MINUS_ONE: Domain = Domain::new(-1.0, true, f64::INFINITY, true);

    const fn new(lo: f64, lo_open: bool, hi: f64, hi_open: bool) -> Domain {
        Domain {
            lo,
            lo_open,
            hi,
            hi_open,
        }
    }

    /// Whether `x` belongs to the domain.
    pub fn contains(&self, x: f64) -> bool {
        let lo_ok = if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        };
        let hi_ok = if self.hi_open {
            x < self.hi
        } else {
            x <= self.hi
        };
        lo_ok && hi_ok
    }

    /// Whether a support `[lo, hi]` (`(lo, hi]` when `open_lo`) lies inside.
    fn fits(&self, lo: f64, hi: f64, open_lo: bool) -> bool {
        let lo_ok = self.lo == f64::NEG_INFINITY
            || lo > self.lo
            || (lo == self.lo && (!self.lo_open || open_lo));
        let hi_ok = self.hi == f64::INFINITY || hi < self.hi || (hi == self.hi && !self.hi_open);
        lo_ok && hi_ok
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.hi.is_infinite() {
            write!(f, "{} {}", if self.lo_open { ">" } else { ">=" }, self.lo)
        } else {
            write!(
                f,
                "{}{}, {}{}",
                if self.lo_open { "(" } else { "[" },
                self.lo,
                self.hi,
                if self.hi_open { ")" } else { "]" }
            )
        }
    }
}

/// Collects issues and uncertain parameters while the scenario is checked.
#[derive(Default)]
struct Checker {
    issues: Vec<Issue>,
    uncertain: Vec<Uncertain>,
    fixed: Vec<String>,
}

impl Checker {
    fn issue(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.issues.push(Issue::new(path, msg));
    }

    fn issue_help(
        &mut self,
        path: impl Into<String>,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.issues.push(Issue::new(path, msg).help(help));
    }

    /// A *param* key: fixed number or distribution, checked against its domain.
    fn param(
        &mut self,
        path: &str,
        raw: Option<&RawParam>,
        default: Option<f64>,
        domain: Domain,
    ) -> Param {
        let raw = match (raw, default) {
            (Some(r), _) => r,
            (None, Some(d)) => return Param::Fixed(d),
            (None, None) => {
                self.issue_help(
                    path,
                    format!("missing required key (a number {domain}, or a distribution table)"),
                    format!("add `{} = ...`", path.rsplit('.').next().unwrap_or(path)),
                );
                return Param::Fixed(f64::NAN);
            }
        };
        match raw {
            RawParam::Fixed(v) => {
                if !v.is_finite() {
                    self.issue(path, format!("must be a finite number, got {v}"));
                } else if !domain.contains(*v) {
                    self.issue(path, format!("must be {domain}, got {v}"));
                }
                self.fixed.push(path.to_string());
                Param::Fixed(*v)
            }
            RawParam::Dist(d) => {
                let Some(spec) = self.dist(path, d) else {
                    return Param::Fixed(f64::NAN);
                };
                let dist = match Distribution::new(spec) {
                    Ok(dist) => dist,
                    Err(e) => {
                        self.issue(path, e.0);
                        return Param::Fixed(f64::NAN);
                    }
                };
                let (lo, hi) = dist.support();
                if !domain.fits(lo, hi, dist.open_below()) {
                    let support = if dist.open_below() {
                        format!("({lo}, {hi})")
                    } else {
                        format!("[{lo}, {hi}]")
                    };
                    let hint = match dist.spec() {
                        Dist::Normal { .. } if domain.hi.is_finite() => {
                            format!(
                                "truncate it with min and max inside {domain}, or use beta, pert or uniform"
                            )
                        }
                        Dist::Normal { .. } => {
                            "truncate it with `min`, or use a lognormal".to_string()
                        }
                        Dist::LogNormal { .. } => {
                            "use beta, pert or a truncated normal".to_string()
                        }
                        _ => format!("keep its bounds within the allowed range ({domain})"),
                    };
                    self.issue_help(
                        path,
                        format!(
                            "{} can take values outside the allowed range: its support is \
                             {support}, this parameter must be {domain}",
                            dist.spec()
                        ),
                        hint,
                    );
                    return Param::Fixed(f64::NAN);
                }
                self.uncertain.push(Uncertain {
                    path: path.to_string(),
                    dist,
                });
                Param::Uncertain(self.uncertain.len() - 1)
            }
        }
    }

    /// A distribution table: kind, required and allowed keys, finite numbers.
    fn dist(&mut self, path: &str, d: &RawDist) -> Option<Dist> {
        let Some(kind) = d.dist.as_deref() else {
            self.issue_help(
                path,
                "distribution table without `dist`",
                format!("add `dist = \"...\"`, one of {}", KINDS.join(", ")),
            );
            return None;
        };
        let numbers = [
            ("min", d.min),
            ("max", d.max),
            ("mean", d.mean),
            ("sd", d.sd),
            ("p5", d.p5),
            ("p95", d.p95),
            ("mode", d.mode),
            ("alpha", d.alpha),
            ("beta", d.beta),
        ];
        let lists = [
            ("values", d.values.is_some()),
            ("weights", d.weights.is_some()),
        ];
        let allowed: &[&str] = match kind {
            "uniform" => &["min", "max"],
            "normal" => &["mean", "sd", "min", "max"],
            "lognormal" => &["p5", "p95", "mean", "sd"],
            "triangular" | "pert" => &["min", "mode", "max"],
            "beta" => &["alpha", "beta", "min", "max"],
            "discrete" => &["values", "weights"],
            other => {
                let mut help = format!("allowed: {}", KINDS.join(", "));
                let alias = match other {
                    "gaussian" | "gauss" => Some("normal"),
                    "log-normal" | "log_normal" => Some("lognormal"),
                    "betapert" | "beta-pert" | "beta_pert" => Some("pert"),
                    "triangle" => Some("triangular"),
                    "categorical" => Some("discrete"),
                    _ => None,
                };
                if let Some(c) = alias.or_else(|| closest(other, KINDS)) {
                    help = format!("did you mean `{c}`? {help}");
                }
                self.issue_help(
                    format!("{path}.dist"),
                    format!("unknown distribution `{other}`"),
                    help,
                );
                return None;
            }
        };
        let mut ok = true;
        let present = numbers
            .iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| *k)
            .chain(lists.iter().filter(|(_, p)| *p).map(|(k, _)| *k));
        for key in present {
            if !allowed.contains(&key) {
                self.issue_help(
                    format!("{path}.{key}"),
                    format!("`{key}` is not a parameter of a {kind} distribution"),
                    format!("a {kind} takes {}", allowed.join(", ")),
                );
                ok = false;
            }
        }
        for (key, v) in numbers {
            if let Some(v) = v
                && !v.is_finite()
            {
                self.issue(
                    format!("{path}.{key}"),
                    format!("must be a finite number, got {v}"),
                );
                ok = false;
            }
        }
        let mut need = |keys: &[(&str, Option<f64>)]| -> Option<Vec<f64>> {
            let mut out = Vec::new();
            for (k, v) in keys {
                match v {
                    Some(v) => out.push(*v),
                    None => {
                        self.issue(path, format!("a {kind} distribution needs `{k}`"));
                        return None;
                    }
                }
            }
            Some(out)
        };
        let spec = match kind {
            "uniform" => need(&[("min", d.min), ("max", d.max)]).map(|v| Dist::Uniform {
                min: v[0],
                max: v[1],
            }),
            "normal" => need(&[("mean", d.mean), ("sd", d.sd)]).map(|v| Dist::Normal {
                mean: v[0],
                sd: v[1],
                min: d.min,
                max: d.max,
            }),
            "lognormal" => {
                let by_pct = d.p5.is_some() || d.p95.is_some();
                let by_moments = d.mean.is_some() || d.sd.is_some();
                if by_pct && by_moments {
                    self.issue_help(
                        path,
                        "a lognormal is given either by `p5, p95` or by `mean, sd`, not both",
                        "keep one pair",
                    );
                    None
                } else if by_moments {
                    need(&[("mean", d.mean), ("sd", d.sd)]).and_then(|v| {
                        Dist::lognormal_from_mean_sd(v[0], v[1])
                            .map_err(|e| self.issue(path, e.0))
                            .ok()
                    })
                } else {
                    need(&[("p5", d.p5), ("p95", d.p95)]).and_then(|v| {
                        Dist::lognormal_from_p5_p95(v[0], v[1])
                            .map_err(|e| self.issue(path, e.0))
                            .ok()
                    })
                }
            }
            "triangular" => need(&[("min", d.min), ("mode", d.mode), ("max", d.max)]).map(|v| {
                Dist::Triangular {
                    min: v[0],
                    mode: v[1],
                    max: v[2],
                }
            }),
            "pert" => {
                need(&[("min", d.min), ("mode", d.mode), ("max", d.max)]).map(|v| Dist::Pert {
                    min: v[0],
                    mode: v[1],
                    max: v[2],
                })
            }
            "beta" => need(&[("alpha", d.alpha), ("beta", d.beta)]).map(|v| Dist::Beta {
                alpha: v[0],
                beta: v[1],
                min: d.min.unwrap_or(0.0),
                max: d.max.unwrap_or(1.0),
            }),
            "discrete" => match &d.values {
                None => {
                    self.issue(path, "a discrete distribution needs `values`");
                    None
                }
                Some(values) => {
                    let weights = d.weights.clone().unwrap_or_else(|| vec![1.0; values.len()]);
                    Some(Dist::Discrete {
                        values: values.clone(),
                        weights,
                    })
                }
            },
            _ => unreachable!("kinds checked above"),
        };
        if ok { spec } else { None }
    }

    fn lifts(
        &mut self,
        path: &str,
        raw: &IndexMap<String, RawParam>,
        axes: &[String],
    ) -> Vec<Lift> {
        let mut out = Vec::new();
        for (axis, v) in raw {
            let p = format!("{path}.{axis}");
            match axes.iter().position(|a| a == axis) {
                Some(i) => out.push((i, self.param(&p, Some(v), None, Domain::NON_NEGATIVE))),
                None => {
                    let mut help = if axes.is_empty() {
                        "the scenario has no axes".to_string()
                    } else {
                        format!("axes of this scenario: {}", axes.join(", "))
                    };
                    if let Some(c) = closest(axis, axes.iter().map(String::as_str)) {
                        help = format!("did you mean `{c}`? {help}");
                    }
                    self.issue_help(p, format!("lift names unknown axis `{axis}`"), help);
                }
            }
        }
        out
    }
}

/// At most eight items, comma-separated, with a count of the rest.
fn short_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = items.collect();
    let mut s = all.iter().take(8).copied().collect::<Vec<_>>().join(", ");
    if all.len() > 8 {
        s += &format!(" and {} more", all.len() - 8);
    }
    s
}

fn valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Checks a loaded scenario and builds the [`Scenario`].
pub fn validate(loaded: &Loaded) -> Result<Scenario, ScenarioError> {
    let raw = &loaded.raw;
    let mut c = Checker::default();
    let header = raw.scenario.clone().unwrap_or_default();

    // [scenario]
    let name = match header.name {
        None => {
            c.issue_help(
                "scenario.name",
                "missing required key",
                "add `name = \"my-scenario\"` under [scenario] (lowercase letters, digits and '-'; never inherited through `extends`)",
            );
            String::new()
        }
        Some(n) => {
            let ok = !n.is_empty()
                && n.len() <= 64
                && n.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !ok {
                let shown = if n.is_empty() {
                    "an empty name".to_string()
                } else {
                    format!("`{n}`")
                };
                c.issue(
                    "scenario.name",
                    format!("{shown} is not a valid name: allowed are 1 to 64 lowercase letters a-z, digits and '-'"),
                );
            }
            n
        }
    };
    let year = |c: &mut Checker, key: &str, v: Option<i64>| -> i32 {
        match v {
            None => {
                c.issue(
                    format!("scenario.{key}"),
                    "missing required key (a calendar year, e.g. 2021)",
                );
                0
            }
            Some(y) if !(1000..=9999).contains(&y) => {
                c.issue(
                    format!("scenario.{key}"),
                    format!("must be a four-digit year, got {y}"),
                );
                0
            }
            Some(y) => y as i32,
        }
    };
    let start_year = year(&mut c, "start_year", header.start_year);
    let end_year = year(&mut c, "end_year", header.end_year);
    let years_ok = start_year != 0 && end_year != 0;
    if years_ok && end_year < start_year {
        c.issue(
            "scenario.end_year",
            format!("must be >= start_year ({start_year}), got {end_year}"),
        );
    } else if years_ok && i64::from(end_year - start_year) >= MAX_YEARS {
        c.issue(
            "scenario.end_year",
            format!(
                "the horizon may span at most {MAX_YEARS} years, got {}",
                end_year - start_year + 1
            ),
        );
    }
    let horizon_ok =
        years_ok && end_year >= start_year && i64::from(end_year - start_year) < MAX_YEARS;
    let t_len = if horizon_ok {
        (end_year - start_year + 1) as usize
    } else {
        0
    };

    // [simulation]
    let sim = raw.simulation.clone().unwrap_or_default();
    let mut simulation = RunSettings::default();
    if let Some(d) = sim.draws {
        if d <= 0 {
            c.issue(
                "simulation.draws",
                format!("must be a positive number of draws, got {d}"),
            );
        } else {
            simulation.draws = d as u64;
        }
    }
    if let Some(s) = sim.seed {
        if s < 0 {
            c.issue("simulation.seed", format!("must be >= 0, got {s}"));
        } else {
            simulation.seed = s as u64;
        }
    }
    if let Some(s) = sim.sampling.as_deref() {
        match s {
            "mc" => simulation.sampling = Sampling::Mc,
            "lhs" => simulation.sampling = Sampling::Lhs,
            other => c.issue(
                "simulation.sampling",
                format!("unknown sampling `{other}`; allowed: \"mc\", \"lhs\""),
            ),
        }
    }

    // [axes.*]
    let axis_ids: Vec<String> = raw.axes.keys().cloned().collect();
    let mut axes = Vec::new();
    for (id, a) in &raw.axes {
        let p = format!("axes.{id}");
        if !valid_id(id) {
            c.issue(
                &p,
                format!(
                    "`{id}` is not a valid axis id: use lowercase letters, digits, '-' and '_'"
                ),
            );
        }
        let (budget, plan, schedule_years) =
            schedule(&mut c, &p, a, start_year, end_year, t_len, horizon_ok);
        let lag = match a.lag {
            None => 0,
            Some(l) if !(0..=MAX_LAG).contains(&l) => {
                c.issue(
                    format!("{p}.lag"),
                    format!("must be a whole number of years in 0..={MAX_LAG}, got {l}"),
                );
                0
            }
            Some(l) => l as usize,
        };
        let execution = c.param(
            &format!("{p}.execution"),
            a.execution.as_ref(),
            Some(1.0),
            Domain::UNIT,
        );
        let leverage = c.param(
            &format!("{p}.leverage"),
            a.leverage.as_ref(),
            Some(0.0),
            Domain::NON_NEGATIVE,
        );
        let depreciation = c.param(
            &format!("{p}.depreciation"),
            a.depreciation.as_ref(),
            Some(0.0),
            Domain::UNIT_OPEN_TOP,
        );
        let half_saturation = c.param(
            &format!("{p}.half_saturation"),
            a.half_saturation.as_ref(),
            None,
            Domain::POSITIVE,
        );
        let mut deliverables = Vec::new();
        for (dname, d) in &a.deliverables {
            let dp = format!("{p}.deliverables.{dname}");
            if !valid_id(dname) {
                c.issue(&dp, format!("`{dname}` is not a valid deliverable name: use lowercase letters, digits, '-' and '_'"));
            }
            let per_meur = c.param(
                &format!("{dp}.per_meur"),
                d.per_meur.as_ref(),
                None,
                Domain::NON_NEGATIVE,
            );
            deliverables.push(Deliverable {
                name: dname.clone(),
                per_meur,
            });
        }
        axes.push(Axis {
            id: id.clone(),
            label: a.label.clone().unwrap_or_else(|| id.clone()),
            budget,
            plan,
            schedule_years,
            execution,
            leverage,
            lag,
            depreciation,
            half_saturation,
            deliverables,
        });
    }

    // [segments.*]
    if raw.segments.is_empty() {
        c.issue_help(
            "segments",
            "a scenario needs at least one segment",
            "add a [segments.<id>] table (docs/model.md section 2)",
        );
    }
    let mut segments = Vec::new();
    for (id, s) in &raw.segments {
        let p = format!("segments.{id}");
        if !valid_id(id) {
            c.issue(
                &p,
                format!(
                    "`{id}` is not a valid segment id: use lowercase letters, digits, '-' and '_'"
                ),
            );
        } else if RESERVED_SEGMENT_IDS.contains(&id.as_str()) {
            c.issue(
                &p,
                format!(
                    "`{id}` is reserved (metric `market.{id}` already exists); choose another id"
                ),
            );
        }
        let f = |k: &str| format!("{p}.{k}");
        let population = c.param(
            &f("population"),
            s.population.as_ref(),
            None,
            Domain::POSITIVE,
        );
        let initial_adoption = c.param(
            &f("initial_adoption"),
            s.initial_adoption.as_ref(),
            None,
            Domain::UNIT,
        );
        let bass_p = c.param(&f("p"), s.p.as_ref(), None, Domain::NON_NEGATIVE);
        let bass_q = c.param(&f("q"), s.q.as_ref(), None, Domain::NON_NEGATIVE);
        let ceiling = c.param(
            &f("ceiling"),
            s.ceiling.as_ref(),
            None,
            Domain::UNIT_OPEN_BOTTOM,
        );
        let value_per_adopter = c.param(
            &f("value_per_adopter"),
            s.value_per_adopter.as_ref(),
            None,
            Domain::NON_NEGATIVE,
        );
        let value_growth = c.param(
            &f("value_growth"),
            s.value_growth.as_ref(),
            Some(0.0),
            Domain::ABOVE_MINUS_ONE,
        );
        let lift = s.lift.clone().unwrap_or_default();
        let lift_p = c.lifts(&f("lift.p"), &lift.p, &axis_ids);
        let lift_q = c.lifts(&f("lift.q"), &lift.q, &axis_ids);
        let lift_ceiling = c.lifts(&f("lift.ceiling"), &lift.ceiling, &axis_ids);
        segments.push(Segment {
            id: id.clone(),
            label: s.label.clone().unwrap_or_else(|| id.clone()),
            unit: s.unit.clone().unwrap_or_else(|| "units".to_string()),
            population,
            initial_adoption,
            p: bass_p,
            q: bass_q,
            ceiling,
            value_per_adopter,
            value_growth,
            lift_p,
            lift_q,
            lift_ceiling,
        });
    }

    // [market]
    let m = raw.market.clone().unwrap_or_default();
    let export_ratio = c.param(
        "market.export_ratio",
        m.export_ratio.as_ref(),
        Some(0.0),
        Domain::NON_NEGATIVE,
    );
    let lift_export = c.lifts(
        "market.lift.export_ratio",
        &m.lift.map(|l| l.export_ratio).unwrap_or_default(),
        &axis_ids,
    );
    let market = Market {
        export_ratio,
        lift_export,
    };

    // [[correlations]]
    let mut correlations: Vec<Correlation> = Vec::new();
    for (i, r) in raw.correlations.iter().enumerate() {
        let p = format!("correlations[{i}]");
        let index = |c: &mut Checker, key: &str, v: &Option<String>| -> Option<usize> {
            let Some(path) = v else {
                c.issue(
                    format!("{p}.{key}"),
                    "missing required key (a parameter path such as `segments.hospitals.q`)",
                );
                return None;
            };
            if let Some(k) = c.uncertain.iter().position(|u| &u.path == path) {
                return Some(k);
            }
            if c.fixed.contains(path) {
                c.issue_help(
                    format!("{p}.{key}"),
                    format!("`{path}` is fixed (a bare number); only uncertain parameters can be correlated"),
                    "give it a distribution table, or remove this correlation",
                );
                return None;
            }
            let mut help = format!(
                "uncertain parameters: {}",
                short_list(c.uncertain.iter().map(|u| u.path.as_str()))
            );
            if let Some(cl) = closest(path, c.uncertain.iter().map(|u| u.path.as_str())) {
                help = format!("did you mean `{cl}`? {help}");
            }
            c.issue_help(
                format!("{p}.{key}"),
                format!("no uncertain parameter at path `{path}`"),
                help,
            );
            None
        };
        let a = index(&mut c, "a", &r.a);
        let b = index(&mut c, "b", &r.b);
        let rho = match r.rho {
            None => {
                c.issue(
                    format!("{p}.rho"),
                    "missing required key (a Spearman correlation in [-1, 1])",
                );
                None
            }
            Some(v) if !v.is_finite() || !(-1.0..=1.0).contains(&v) => {
                c.issue(format!("{p}.rho"), format!("must be in [-1, 1], got {v}"));
                None
            }
            Some(v) => Some(v),
        };
        if let (Some(a), Some(b), Some(rho)) = (a, b, rho) {
            if a == b {
                c.issue(&p, "a parameter cannot be correlated with itself");
            } else if let Some(j) = correlations
                .iter()
                .position(|x| (x.a == a && x.b == b) || (x.a == b && x.b == a))
            {
                c.issue(
                    &p,
                    format!(
                        "the pair is already correlated in correlations[{j}]; give each pair once"
                    ),
                );
            } else {
                correlations.push(Correlation { a, b, rho });
            }
        }
    }
    let copula_groups = copula_groups(&mut c, &correlations, &raw.correlations);

    // [[targets]]
    let metrics = MetricIndex::new(&axes, &segments, start_year, t_len);
    let mut targets = Vec::new();
    for (i, t) in raw.targets.iter().enumerate() {
        let p = format!("targets[{i}]");
        let metric = match &t.metric {
            None => {
                c.issue(
                    format!("{p}.metric"),
                    "missing required key (a metric name such as `market.total`)",
                );
                None
            }
            Some(m) if metrics.find(m).is_none() => {
                let names: Vec<&str> = metrics.names().collect();
                let mut help = format!(
                    "metrics of this scenario: {}",
                    short_list(names.iter().copied())
                );
                if let Some(cl) = closest(m, names.iter().copied()) {
                    help = format!("did you mean `{cl}`? {help}");
                }
                c.issue_help(format!("{p}.metric"), format!("unknown metric `{m}`"), help);
                None
            }
            Some(m) => metrics.find(m).map(|id| (id, m.clone())),
        };
        let year = match t.year {
            None => {
                c.issue(
                    format!("{p}.year"),
                    "missing required key (a year of the horizon)",
                );
                None
            }
            Some(y)
                if horizon_ok && !(i64::from(start_year)..=i64::from(end_year)).contains(&y) =>
            {
                c.issue(
                    format!("{p}.year"),
                    format!("must be within the horizon {start_year}..={end_year}, got {y}"),
                );
                None
            }
            Some(y) => Some(y as i32),
        };
        let bound = match (t.at_least, t.at_most) {
            (Some(v), None) if v.is_finite() => Some(Bound::AtLeast(v)),
            (None, Some(v)) if v.is_finite() => Some(Bound::AtMost(v)),
            (Some(v), None) | (None, Some(v)) => {
                let key = if t.at_least.is_some() {
                    "at_least"
                } else {
                    "at_most"
                };
                c.issue(
                    format!("{p}.{key}"),
                    format!("must be a finite number, got {v}"),
                );
                None
            }
            _ => {
                c.issue(&p, "a target needs exactly one of `at_least` or `at_most`");
                None
            }
        };
        // Without a valid horizon the year has no series (its error is reported).
        let series = metric
            .as_ref()
            .zip(year)
            .and_then(|((m, _), y)| metrics.series_in(*m, y));
        if let (Some((metric, name)), Some(year), Some(bound), Some(series)) =
            (metric, year, bound, series)
        {
            let label = t.label.clone().unwrap_or_else(|| {
                let op = if matches!(bound, Bound::AtLeast(_)) {
                    ">="
                } else {
                    "<="
                };
                format!("{name} {op} {} in {year}", bound.level())
            });
            targets.push(Target {
                metric,
                year,
                series,
                bound,
                label,
            });
        }
    }

    if !c.issues.is_empty() {
        return Err(loaded.locate(c.issues));
    }
    let canonical = toml::to_string(&loaded.merged).unwrap_or_default();
    let digest = Sha256::digest(canonical.as_bytes());
    let hash = digest.iter().fold(String::from("sha256:"), |mut s, b| {
        use std::fmt::Write;
        let _ = write!(s, "{b:02x}");
        s
    });
    Ok(Scenario {
        title: header.title.unwrap_or_else(|| name.clone()),
        name,
        description: header.description,
        start_year,
        end_year,
        simulation,
        axes,
        segments,
        market,
        metrics,
        uncertain: c.uncertain,
        correlations,
        copula_groups,
        targets,
        hash,
        files: loaded.files.iter().map(|f| f.path.clone()).collect(),
    })
}

/// Budget, yearly plan and schedule years of an axis.
fn schedule(
    c: &mut Checker,
    p: &str,
    a: &super::raw::RawAxis,
    start: i32,
    end: i32,
    t_len: usize,
    horizon_ok: bool,
) -> (f64, Vec<f64>, Option<(i32, i32)>) {
    let mut plan = vec![0.0; t_len];
    if let Some(b) = a.budget
        && (!b.is_finite() || b < 0.0)
    {
        c.issue(
            format!("{p}.budget"),
            format!("must be a finite number >= 0 (M EUR), got {b}"),
        );
        return (0.0, plan, None);
    }
    let Some(s) = &a.schedule else {
        return match a.budget {
            None => {
                c.issue_help(
                    format!("{p}.budget"),
                    "missing required key (M EUR of public money; 0 for an axis without money)",
                    "add `budget = ...` and a `schedule`",
                );
                (0.0, plan, None)
            }
            Some(b) if b > 0.0 => {
                c.issue_help(
                    format!("{p}.schedule"),
                    format!("a budget of {b} M EUR needs a schedule"),
                    "add `schedule = { from = YEAR, to = YEAR }` or `schedule = { from = YEAR, amounts = [...] }`",
                );
                (b, plan, None)
            }
            Some(b) => (b, plan, None),
        };
    };
    let sp = format!("{p}.schedule");
    let Some(from) = s.from else {
        c.issue(
            format!("{sp}.from"),
            "missing required key (the first year of spending)",
        );
        return (a.budget.unwrap_or(0.0), plan, None);
    };
    if !horizon_ok {
        // The horizon's own error is reported; years cannot be checked against it.
        return (a.budget.unwrap_or(0.0), plan, None);
    }
    let in_horizon = |y: i64| (i64::from(start)..=i64::from(end)).contains(&y);
    if !in_horizon(from) {
        c.issue(
            format!("{sp}.from"),
            format!("must be within the horizon {start}..={end}, got {from}"),
        );
        return (a.budget.unwrap_or(0.0), plan, None);
    }
    let t0 = (from - i64::from(start)) as usize;
    match (s.to, &s.amounts) {
        (Some(_), Some(_)) => {
            c.issue_help(
                &sp,
                "give either `to` (flat) or `amounts` (explicit), not both",
                "remove one of them",
            );
            (a.budget.unwrap_or(0.0), plan, None)
        }
        (None, None) => {
            c.issue_help(
                &sp,
                "a schedule needs `to` or `amounts`",
                "e.g. `{ from = 2022, to = 2026 }`",
            );
            (a.budget.unwrap_or(0.0), plan, None)
        }
        (Some(to), None) => {
            if to < from {
                c.issue(
                    format!("{sp}.to"),
                    format!("must be >= from ({from}), got {to}"),
                );
                return (a.budget.unwrap_or(0.0), plan, None);
            }
            if !in_horizon(to) {
                c.issue(
                    format!("{sp}.to"),
                    format!("must be within the horizon {start}..={end}, got {to}"),
                );
                return (a.budget.unwrap_or(0.0), plan, None);
            }
            let Some(budget) = a.budget else {
                c.issue_help(
                    format!("{p}.budget"),
                    "missing required key: a flat schedule spreads `budget` over its years",
                    "add `budget = ...`, or give `amounts` instead of `to`",
                );
                return (0.0, plan, None);
            };
            let n = (to - from + 1) as usize;
            for v in plan.iter_mut().skip(t0).take(n) {
                *v = budget / n as f64;
            }
            (budget, plan, Some((from as i32, to as i32)))
        }
        (None, Some(amounts)) => {
            if amounts.is_empty() {
                c.issue(
                    format!("{sp}.amounts"),
                    "must list at least one yearly amount",
                );
                return (a.budget.unwrap_or(0.0), plan, None);
            }
            let last = from + amounts.len() as i64 - 1;
            if !in_horizon(last) {
                c.issue(
                    format!("{sp}.amounts"),
                    format!(
                        "{} amounts from {from} run to {last}, past the horizon's end {end}",
                        amounts.len()
                    ),
                );
                return (a.budget.unwrap_or(0.0), plan, None);
            }
            if let Some(bad) = amounts.iter().find(|v| !v.is_finite() || **v < 0.0) {
                c.issue(
                    format!("{sp}.amounts"),
                    format!("amounts must be finite numbers >= 0, got {bad}"),
                );
                return (a.budget.unwrap_or(0.0), plan, None);
            }
            let sum: f64 = amounts.iter().sum();
            if let Some(b) = a.budget
                && (b - sum).abs() > 1e-9 * b.abs().max(1.0)
            {
                c.issue_help(
                    format!("{p}.budget"),
                    format!("budget {b} does not match the sum of schedule amounts {sum}"),
                    "make them agree, or omit `budget` (it is then the sum of the amounts)",
                );
            }
            for (v, amt) in plan.iter_mut().skip(t0).zip(amounts) {
                *v = *amt;
            }
            (sum, plan, Some((from as i32, last as i32)))
        }
    }
}

/// Connected components of the correlation graph, each with the Cholesky factor
/// of its normal-score correlation matrix `2 sin(π ρ / 6)`.
fn copula_groups(
    c: &mut Checker,
    correlations: &[Correlation],
    raw: &[super::raw::RawCorrelation],
) -> Vec<CopulaGroup> {
    let n = c.uncertain.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for r in correlations {
        let (x, y) = (find(&mut parent, r.a), find(&mut parent, r.b));
        parent[x.max(y)] = x.min(y);
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut root_of = vec![usize::MAX; n];
    for k in 0..n {
        if !correlations.iter().any(|r| r.a == k || r.b == k) {
            continue;
        }
        let root = find(&mut parent, k);
        if root_of[root] == usize::MAX {
            root_of[root] = groups.len();
            groups.push(Vec::new());
        }
        groups[root_of[root]].push(k);
    }
    let mut out = Vec::new();
    for members in groups {
        let m = members.len();
        let mut r = nalgebra::DMatrix::<f64>::identity(m, m);
        for x in correlations {
            if let (Some(i), Some(j)) = (
                members.iter().position(|&k| k == x.a),
                members.iter().position(|&k| k == x.b),
            ) {
                let v = 2.0 * (std::f64::consts::PI * x.rho / 6.0).sin();
                r[(i, j)] = v;
                r[(j, i)] = v;
            }
        }
        let eig = r.clone().symmetric_eigen();
        let (imin, lmin) = eig
            .eigenvalues
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, v)| (i, *v))
            .unwrap_or((0, 0.0));
        // Positive definite with a margin: |rho| = 1 rounds to an eigenvalue of
        // about 1e-16 and must be rejected too.
        match r.cholesky() {
            Some(ch) if lmin > 1e-9 => {
                let l = ch.l();
                let chol = (0..m)
                    .map(|i| (0..=i).map(|j| l[(i, j)]).collect())
                    .collect();
                out.push(CopulaGroup { members, chol });
            }
            _ => {
                let v = eig.eigenvectors.column(imin);
                let involved: Vec<&str> = members
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| v[*i].abs() > 0.05)
                    .map(|(_, &k)| c.uncertain[k].path.as_str())
                    .collect();
                let first = correlations
                    .iter()
                    .position(|x| members.contains(&x.a))
                    .and_then(|j| {
                        let x = &correlations[j];
                        raw.iter().position(|rc| {
                            rc.a.as_deref() == Some(c.uncertain[x.a].path.as_str())
                                && rc.b.as_deref() == Some(c.uncertain[x.b].path.as_str())
                        })
                    })
                    .unwrap_or(0);
                let msg = format!(
                    "the correlations among {} are inconsistent: their correlation matrix is \
                     not positive definite (smallest eigenvalue {lmin:.2e})",
                    involved.join(", ")
                );
                c.issue_help(
                    format!("correlations[{first}]"),
                    msg,
                    "weaken some of these correlations; |rho| = 1 is never positive definite",
                );
            }
        }
    }
    out
}
