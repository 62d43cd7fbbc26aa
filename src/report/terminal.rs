//! Text for the terminal: what `esante check` says about a scenario, and the
//! key results `esante run` prints.

use std::fmt::Write;

use crate::analysis::run::Run;
use crate::scenario::{Metric, MetricKind};
use crate::scenario::{Param, Scenario};

/// Formats a number with thousands separators and `decimals` decimals.
pub fn thousands(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(a, b)| (a, b));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    if x < 0.0 && out.chars().any(|c| c != '0' && c != '.' && c != ',') {
        out.insert(0, '-');
    }
    out
}

/// A parameter as text: its value, or its distribution.
pub fn param_text(s: &Scenario, p: Param) -> String {
    match p {
        Param::Fixed(v) => v.to_string(),
        Param::Uncertain(k) => s.uncertain[k].dist.spec().to_string(),
    }
}

/// What `esante check` prints: the scenario in a few lines.
pub fn check_text(s: &Scenario) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "scenario      {} ({})", s.name, s.title);
    let files: Vec<String> = s.files.iter().map(|f| f.display().to_string()).collect();
    let _ = writeln!(o, "files         {}", files.join(" <- extends "));
    let _ = writeln!(
        o,
        "horizon       {}-{} ({} years)",
        s.start_year,
        s.end_year,
        s.years()
    );
    let sim = s.simulation;
    let _ = writeln!(
        o,
        "simulation    {} draws, seed {}, sampling {}",
        sim.draws, sim.seed, sim.sampling
    );
    let total: f64 = s.axes.iter().map(|a| a.budget).sum();
    let _ = writeln!(
        o,
        "axes          {} ({} M EUR of public money)",
        s.axes.len(),
        thousands(total, 1)
    );
    for a in &s.axes {
        let when = a
            .schedule_years
            .map_or("no schedule".to_string(), |(f, t)| format!("{f}-{t}"));
        let _ = writeln!(
            o,
            "  {:<18} {:>9} M EUR  {:<10} execution {}, lag {}, half-saturation {}",
            a.id,
            thousands(a.budget, 1),
            when,
            param_text(s, a.execution),
            a.lag,
            param_text(s, a.half_saturation)
        );
        for d in &a.deliverables {
            let _ = writeln!(
                o,
                "      deliverable {} per M EUR: {}",
                d.name,
                param_text(s, d.per_meur)
            );
        }
    }
    let _ = writeln!(o, "segments      {}", s.segments.len());
    for g in &s.segments {
        let _ = writeln!(
            o,
            "  {:<18} population {}, initial {}, p {}, q {}, ceiling {}",
            g.id,
            param_text(s, g.population),
            param_text(s, g.initial_adoption),
            param_text(s, g.p),
            param_text(s, g.q),
            param_text(s, g.ceiling)
        );
    }
    let _ = writeln!(o, "uncertain     {} parameters", s.uncertain.len());
    let _ = writeln!(o, "correlations  {}", s.correlations.len());
    for c in &s.correlations {
        let _ = writeln!(
            o,
            "  {} ~ {}  rho {}",
            s.uncertain[c.a].path, s.uncertain[c.b].path, c.rho
        );
    }
    let _ = writeln!(o, "targets       {}", s.targets.len());
    for t in &s.targets {
        let _ = writeln!(o, "  {}", t.label);
    }
    let _ = writeln!(o, "hash          {}", s.hash);
    o
}

/// What `esante run` prints: P5/P50/P95 at the horizon for the total market and
/// each adoption share, and the targets' probabilities.
pub fn results_table(run: &Run<'_>) -> String {
    let ix = &run.scenario.metrics;
    let t = ix.years() - 1;
    let year = ix.year(t);
    let mut o = String::new();
    let sim = run.stats.settings;
    let _ = writeln!(
        o,
        "{}: {} draws, seed {}, {} sampling. Results in {year}:",
        run.scenario.name, sim.draws, sim.seed, sim.sampling
    );
    let _ = writeln!(
        o,
        "  {:<28} {:>12} {:>12} {:>12}",
        "metric", "P5", "P50", "P95"
    );
    for (m, metric) in ix.iter() {
        let adoption = metric.kind == MetricKind::Adoption;
        if m != Metric::Total && !adoption {
            continue;
        }
        let r = run.row(ix.series(m, t));
        let f = |v: f64| {
            if adoption {
                format!("{:.1}%", 100.0 * v)
            } else {
                thousands(v, 0)
            }
        };
        let name = if adoption {
            metric.name.clone()
        } else {
            format!("{} (M EUR)", metric.name)
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
        let _ = writeln!(o, "Targets:");
        for (tg, p) in run.targets() {
            let _ = writeln!(
                o,
                "  {:<50} {:>6.1}% (± {:.1}%)",
                tg.label,
                100.0 * p.value,
                100.0 * p.margin95()
            );
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1234567.891, 1), "1,234,567.9");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(-1000.0, 0), "-1,000");
        assert_eq!(thousands(0.0, 0), "0");
    }
}
