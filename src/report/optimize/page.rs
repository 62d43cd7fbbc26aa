//! The page of an optimisation report (`index.md`) and the table `esante
//! optimize` prints; every word from the locale.

use std::fmt::Write as _;

use super::figures;
use crate::analysis::calibrate::MIN_ESS;
use crate::analysis::optimize::{Choice, Optimization};
use crate::report::chart::Format;
use crate::report::escape;
use crate::report::provenance::{VERSION, short_hex};
use crate::report::text::Locale;
use crate::scenario::optimize::{Objective, Statistic};
use crate::scenario::{Bound, Scenario};

/// How the page writes values of the objective and of its statistic.
pub(crate) struct Values<'a> {
    l: &'a Locale,
    share: bool,
    prob: bool,
}

impl<'a> Values<'a> {
    /// The formats of `o`'s objective.
    pub(crate) fn of(o: &Optimization, s: &Scenario, l: &'a Locale) -> Values<'a> {
        let obj = &o.settings.problem.objective;
        Values {
            l,
            share: obj.is_share(&s.metrics),
            prob: matches!(obj.statistic, Statistic::Prob(_)),
        }
    }

    /// A value of the objective.
    pub(crate) fn value(&self, v: f64) -> String {
        if self.share {
            self.l.percent(v)
        } else {
            self.l.number(v)
        }
    }

    /// A difference of two values of the objective: percentage points for
    /// shares.
    pub(crate) fn gain(&self, v: f64) -> String {
        if self.share && v.is_finite() {
            (self.l.optimize.points)(&self.l.fixed(v * 100.0, 1))
        } else {
            self.l.number(v)
        }
    }

    /// The statistic maximised.
    pub(crate) fn statistic(&self, v: f64) -> String {
        if self.prob {
            self.l.percent(v)
        } else {
            self.value(v)
        }
    }
}

/// The statistic maximised, in words.
pub fn statistic_words(statistic: Statistic, l: &Locale) -> String {
    let w = &l.optimize;
    match statistic {
        Statistic::Mean => w.statistic_mean.to_string(),
        Statistic::Percentile(p) => (w.statistic_percentile)(p),
        Statistic::Prob(Bound::AtLeast(v)) => (w.statistic_prob)(true, &l.number(v)),
        Statistic::Prob(Bound::AtMost(v)) => (w.statistic_prob)(false, &l.number(v)),
    }
}

/// The objective in words: what is maximised, of which metric, when.
pub fn objective_words(o: &Objective, unit: &str, l: &Locale) -> String {
    (l.optimize.objective)(
        &statistic_words(o.statistic, l),
        &o.name,
        unit,
        o.years.0,
        o.years.1,
    )
}

/// The current, best and robust splits side by side: M EUR per axis, the
/// statistic in and out of sample, the gain and its probability.
pub fn splits_table(o: &Optimization, s: &Scenario, l: &Locale) -> String {
    let w = &l.optimize;
    let v = Values::of(o, s, l);
    let cs: [&Choice; 3] = [&o.current, &o.best, &o.robust];
    let mut t = String::new();
    let _ = writeln!(t, "| {} |", w.splits_columns.join(" | "));
    let _ = writeln!(t, "|---|---:|---:|---:|");
    for (k, &a) in o.settings.problem.free.iter().enumerate() {
        let cells: Vec<String> = cs.iter().map(|c| l.number(c.budgets[k])).collect();
        let row = (w.axis_row)(&s.axes[a].id);
        let _ = writeln!(t, "| {row} | {} |", cells.join(" | "));
    }
    let rows: [Vec<String>; 4] = [
        cs.iter().map(|c| v.statistic(c.in_sample.value)).collect(),
        cs.iter()
            .map(|c| v.statistic(c.out_of_sample.value))
            .collect(),
        cs.iter()
            .map(|c| {
                let g = &c.gain_out_of_sample;
                (w.gain_cell)(&v.gain(g.mean), &v.gain(g.p5), &v.gain(g.p95))
            })
            .collect(),
        cs.iter()
            .map(|c| l.percent(c.gain_out_of_sample.prob_better))
            .collect(),
    ];
    for (name, cells) in w.splits_rows.iter().zip(rows) {
        let _ = writeln!(t, "| {name} | {} |", cells.join(" | "));
    }
    t
}

/// The marginal returns at the current and the best split.
pub fn marginal_table(o: &Optimization, s: &Scenario, l: &Locale) -> String {
    let w = &l.optimize;
    let mut t = String::new();
    let _ = writeln!(t, "| {} |", w.marginal_columns.join(" | "));
    let _ = writeln!(t, "|---|---:|---:|");
    for (k, &a) in o.settings.problem.free.iter().enumerate() {
        let _ = writeln!(
            t,
            "| `{}` | {} | {} |",
            s.axes[a].id,
            l.number(o.marginal_current[k]),
            l.number(o.marginal_best[k])
        );
    }
    t
}

/// `index.md`.
pub fn index_md(o: &Optimization, s: &Scenario, embed: Option<Format>, l: &Locale) -> String {
    let w = &l.optimize;
    let p = &o.settings.problem;
    let run = o.settings.run;
    let v = Values::of(o, s, l);
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", (w.title)(&escape::inline(&s.title)));
    let _ = writeln!(
        md,
        "{}\n",
        (w.intro)(
            &s.name,
            short_hex(&s.hash),
            run.seed,
            run.sampling.as_str(),
            VERSION
        )
    );
    if let Some(e) = o.calibrated {
        let (a, b) = (l.thousands(e.in_sample, 0), l.thousands(e.out_of_sample, 0));
        let _ = writeln!(md, "{}\n", (w.calibrated)(&a, &b));
        if e.in_sample.min(e.out_of_sample) < MIN_ESS {
            let ess = l.thousands(e.in_sample.min(e.out_of_sample), 0);
            let _ = writeln!(md, "{}\n", (w.few_effective)(&ess));
        }
    }
    let obj = &p.objective;
    let unit = escape::inline(&(l.unit)(&s.metrics.info(obj.metric).unit));
    let _ = writeln!(md, "{}\n", objective_words(obj, &unit, l));
    let axes: Vec<String> = p
        .free
        .iter()
        .map(|&a| format!("`{}`", s.axes[a].id))
        .collect();
    let _ = writeln!(
        md,
        "{}\n",
        (w.method)(
            &l.number(p.envelope),
            &axes.join(", "),
            &l.percent(1.0 / p.parts as f64),
            &l.thousands(o.grid as f64, 0),
            &l.thousands(o.candidates.len() as f64, 0),
            &l.thousands(run.draws as f64, 0),
            &l.thousands(o.evaluations as f64, 0)
        )
    );
    let mut bounds = Vec::new();
    for (k, &a) in p.free.iter().enumerate() {
        if p.min[k] > 0.0 {
            bounds.push((w.bound_min)(&s.axes[a].id, &l.number(p.min[k])));
        }
        if p.max[k].is_finite() {
            bounds.push((w.bound_max)(&s.axes[a].id, &l.number(p.max[k])));
        }
    }
    if !bounds.is_empty() {
        let _ = writeln!(md, "{}\n", (w.bounds)(&bounds.join(l.semicolon)));
    }
    let _ = writeln!(md, "## {}\n", w.result_heading);
    let _ = writeln!(md, "{}", splits_table(o, s, l));
    let g = &o.best.gain_out_of_sample;
    let _ = writeln!(
        md,
        "{}\n",
        (w.verdict)(&v.gain(g.mean), &l.percent(g.prob_better))
    );
    let _ = writeln!(md, "{}\n", w.out_of_sample_note);
    let figs = figures(l);
    if let Some(f) = embed {
        for stem in ["allocation", "frontier", "gain"] {
            let _ = writeln!(md, "{}", figs[stem].markdown(3, f));
        }
    }
    let _ = writeln!(md, "## {}\n", w.marginal_heading);
    let _ = writeln!(md, "{}\n", w.marginal_intro);
    let _ = writeln!(md, "{}", marginal_table(o, s, l));
    if let Some(f) = embed {
        let _ = writeln!(md, "{}", figs["marginal"].markdown(3, f));
    }
    let _ = writeln!(md, "## {}\n", w.shortlist_heading);
    let _ = writeln!(md, "{}\n", w.shortlist_intro);
    let _ = writeln!(
        md,
        "| {} | {} |",
        axes.join(" | "),
        w.shortlist_columns.join(" | ")
    );
    let _ = writeln!(md, "|{}", "---:|".repeat(axes.len() + 4));
    for c in &o.shortlist {
        let cells: Vec<String> = c.budgets.iter().map(|b| l.number(*b)).collect();
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} |",
            cells.join(" | "),
            v.statistic(c.in_sample.value),
            v.statistic(c.out_of_sample.value),
            v.gain(c.gain_out_of_sample.mean),
            l.percent(c.gain_out_of_sample.prob_better)
        );
    }
    let _ = writeln!(md, "\n## {}\n", w.files_heading);
    for f in w.files {
        let _ = writeln!(md, "- {f}");
    }
    md
}
