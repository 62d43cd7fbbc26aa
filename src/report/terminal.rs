//! Text for the terminal: what `esante check` says about a scenario, and the
//! key results `esante run` prints, in the words of a locale.

use std::fmt::Write;

use crate::analysis::run::Run;
use crate::report::text::Locale;
use crate::scenario::{Metric, MetricKind, Param, Scenario};

/// A parameter as text: its value as the scenario writes it, or its
/// distribution, in the words and numbers of `l`.
pub fn param_text(s: &Scenario, p: Param, l: &Locale) -> String {
    match p {
        Param::Fixed(v) => l.exact(v),
        Param::Uncertain(k) => (l.distribution)(s.uncertain[k].dist.spec()),
    }
}

/// What `esante check` prints: the scenario in a few lines.
pub fn check_text(s: &Scenario, l: &Locale) -> String {
    let t = &l.terminal;
    let p = |x: Param| param_text(s, x, l);
    let mut lines = vec![
        (t.scenario)(&s.name, &s.title),
        (t.files)(
            &s.files
                .iter()
                .map(|f| f.display().to_string())
                .collect::<Vec<_>>(),
        ),
        (t.horizon)(s.start_year, s.end_year, s.years()),
        (t.simulation)(
            s.simulation.draws,
            s.simulation.seed,
            s.simulation.sampling.as_str(),
        ),
        (t.axes)(
            s.axes.len(),
            &l.thousands(s.axes.iter().map(|a| a.budget).sum(), 1),
        ),
    ];
    for a in &s.axes {
        let years = a
            .schedule_years
            .map_or(t.no_schedule.to_string(), |(f, t)| format!("{f}-{t}"));
        let budget = l.thousands(a.budget, 1);
        let (exec, half) = (p(a.execution), p(a.half_saturation));
        lines.push((t.axis)(&a.id, &budget, &years, &exec, a.lag, &half));
        for d in &a.deliverables {
            lines.push((t.deliverable)(&d.name, &p(d.per_meur)));
        }
    }
    lines.push((t.segments)(s.segments.len()));
    for g in &s.segments {
        let params = [g.population, g.initial_adoption, g.p, g.q, g.ceiling].map(p);
        lines.push((t.segment)(&g.id, params.each_ref().map(String::as_str)));
    }
    lines.push((t.uncertain)(s.uncertain.len()));
    lines.push((t.correlations)(s.correlations.len()));
    for c in &s.correlations {
        let (a, b) = (&s.uncertain[c.a].path, &s.uncertain[c.b].path);
        lines.push((t.correlation)(a, b, c.rho));
    }
    lines.push((t.targets)(s.targets.len()));
    lines.extend(s.targets.iter().map(|tg| format!("  {}", tg.label)));
    if let Some(spec) = &s.optimize {
        let objective = spec.objective.as_ref().map_or(String::new(), |o| {
            super::optimize::objective_words(o, &(l.unit)(&s.metrics.info(o.metric).unit), l)
        });
        let axes: Vec<&str> = spec
            .axes
            .iter()
            .flatten()
            .map(|&a| s.axes[a].id.as_str())
            .collect();
        lines.push((t.optimize)(&objective, &axes.join(", ")));
    }
    lines.push((t.hash)(&s.hash));
    lines.push(t.valid.to_string());
    lines.iter().map(|x| format!("{x}\n")).collect()
}

/// What `esante run` prints: P5/P50/P95 at the horizon for the total market and
/// each adoption share, and the targets' probabilities.
pub fn results_table(run: &Run<'_>, l: &Locale) -> String {
    let t = &l.terminal;
    let ix = &run.scenario.metrics;
    let last = ix.years() - 1;
    let mut o = String::new();
    let sim = run.stats.settings;
    let _ = writeln!(
        o,
        "{}",
        (t.results)(
            &run.scenario.name,
            sim.draws,
            sim.seed,
            sim.sampling.as_str(),
            ix.year(last)
        )
    );
    let [metric, p5, p50, p95] = t.results_columns;
    let _ = writeln!(o, "  {metric:<28} {p5:>12} {p50:>12} {p95:>12}");
    for (m, info) in ix.iter() {
        let adoption = info.kind == MetricKind::Adoption;
        if m != Metric::Total && !adoption {
            continue;
        }
        let r = run.row(ix.series(m, last));
        let f = |v: f64| {
            if adoption {
                l.percent(v)
            } else {
                l.thousands(v, 0)
            }
        };
        let name = if adoption {
            info.name.clone()
        } else {
            (t.money_metric)(&info.name)
        };
        let _ = writeln!(
            o,
            "  {:<28} {:>12} {:>12} {:>12}",
            name,
            f(r.p5),
            f(r.p50),
            f(r.p95)
        );
    }
    if !run.scenario.targets.is_empty() {
        let _ = writeln!(o, "{}", t.targets_heading);
        for (tg, p) in run.targets() {
            let line = (t.target)(&tg.label, &l.percent(p.value), &l.percent(p.margin95()));
            let _ = writeln!(o, "{line}");
        }
    }
    o
}
