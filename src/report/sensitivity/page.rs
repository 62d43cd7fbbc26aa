//! The page of a sensitivity report (`index.md`) and its tables, which
//! `esante sensitivity` also prints; every word from the locale.

use std::fmt::Write as _;

use super::{figures, warnings};
use crate::analysis::sensitivity::difference::Input;
use crate::analysis::sensitivity::sobol::OutputStatus;
use crate::analysis::sensitivity::{Analysis, sobol_order};
use crate::report::chart::Format;
use crate::report::escape;
use crate::report::provenance::{Subject, VERSION, set_flags, short_hex};
use crate::report::text::Locale;

/// A value of the metric for a table: a percentage for shares, two decimals
/// below 100, none above; undefined values say so.
fn value(a: &Analysis, v: f64, l: &Locale) -> String {
    if !v.is_finite() {
        return l.sensitivity.not_available.into();
    }
    match a.metric.kind {
        k if k.is_share() => l.percent(v),
        _ if v.abs() < 100.0 => l.thousands(v, 2),
        _ => l.thousands(v, 0),
    }
}

/// A number with `decimals` decimals, or "not available".
fn num(x: f64, decimals: usize, l: &Locale) -> String {
    if x.is_finite() {
        l.fixed(x, decimals)
    } else {
        l.sensitivity.not_available.into()
    }
}

/// The tornado table (the `top` widest bars), or `None` without the rank
/// method.
pub fn tornado_table(
    a: &Analysis,
    subject: &Subject<'_>,
    top: usize,
    l: &Locale,
) -> Option<String> {
    let w = &l.sensitivity;
    let (t, mean) = a.tornado.as_ref()?;
    let (metric, year) = (&subject.metric(&a.settings.metric, l), a.settings.year);
    let mut o = String::new();
    let draws = l.thousands(t.used as f64, 0);
    let mean = value(a, *mean, l);
    let _ = writeln!(o, "{}\n", (w.mean_line)(metric, year, &draws, &mean));
    if t.rows.iter().all(|r| r.spearman.is_nan()) {
        let _ = writeln!(o, "{}", (w.no_rank)(metric, year));
        return Some(o);
    }
    let _ = writeln!(o, "| {} |", w.tornado_columns.join(" | "));
    let _ = writeln!(o, "|---|---:|---:|---:|---:|");
    for r in t.rows.iter().take(top) {
        let _ = writeln!(
            o,
            "| `{}` | {} | {} | {} | {} |",
            a.params[r.param],
            num(r.spearman, 3, l),
            value(a, r.low_decile_mean, l),
            value(a, r.high_decile_mean, l),
            value(a, r.width(), l)
        );
    }
    if t.rows.len() > top {
        let _ = writeln!(o, "\n{}", (w.more_in_tornado)(t.rows.len() - top));
    }
    Some(o)
}

/// The Sobol table (parameters with the `top` largest total indices) and
/// the sum of first-order indices, or `None` without the Sobol method.
pub fn sobol_table(a: &Analysis, subject: &Subject<'_>, top: usize, l: &Locale) -> Option<String> {
    let w = &l.sensitivity;
    let s = a.sobol.as_ref()?;
    let mut o = String::new();
    let opts = &s.result.options;
    let sample = (w.sobol_sample)(
        &l.thousands(s.result.n as f64, 0),
        &l.thousands(s.result.evaluations() as f64, 0),
        opts.resamples,
        &l.percent_with(opts.confidence, 0),
    );
    let _ = writeln!(o, "{sample}\n");
    if s.result.outputs[a.t].status != OutputStatus::Ok {
        let metric = subject.metric(&s.metric, l);
        let _ = writeln!(o, "{}", (w.no_indices)(&metric, a.settings.year));
        return Some(o);
    }
    let _ = writeln!(o, "| {} |", w.sobol_columns.join(" | "));
    let _ = writeln!(o, "|---|---:|---:|");
    let order = sobol_order(s, a.t);
    for &i in order.iter().take(top) {
        let x = s.result.get(a.t, i);
        let _ = writeln!(
            o,
            "| `{}` | {} [{}, {}] | {} [{}, {}] |",
            s.params[i],
            num(x.s1.value, 3, l),
            num(x.s1.low, 3, l),
            num(x.s1.high, 3, l),
            num(x.st.value, 3, l),
            num(x.st.low, 3, l),
            num(x.st.high, 3, l)
        );
    }
    if order.len() > top {
        let _ = writeln!(o, "\n{}", (w.more_in_sobol)(order.len() - top));
    }
    let sum: f64 = (0..s.params.len())
        .map(|i| s.result.get(a.t, i).s1.value)
        .sum();
    let _ = writeln!(o, "\n{}", (w.s1_sum)(&l.fixed(sum, 3)));
    Some(o)
}

/// The analysis' `index.md`, embedding the charts in format `embed` (no
/// charts when `None`).
pub fn index_md(
    a: &Analysis,
    subject: &Subject<'_>,
    embed: Option<Format>,
    l: &'static Locale,
) -> String {
    let w = &l.sensitivity;
    let mut o = String::new();
    let st = &a.settings;
    let sim = st.run;
    let metric = subject.metric(&st.metric, l);
    match *subject {
        Subject::Levels(scenario) => {
            let _ = writeln!(
                o,
                "# {}\n",
                (w.title)(&st.metric, st.year, &escape::inline(&scenario.title))
            );
            let intro = (w.intro)(
                &scenario.name,
                short_hex(&scenario.hash),
                sim.seed,
                sim.sampling.as_str(),
                VERSION,
                &st.metric,
                &(l.unit)(&a.metric.unit),
                st.year,
            );
            let _ = writeln!(o, "{intro}\n");
        }
        Subject::Difference { alt, base, inputs } => {
            let title = (w.difference_title)(&st.metric, st.year, &alt.name, &base.name);
            let _ = writeln!(o, "# {title}\n");
            let intro = (w.difference_intro)(
                &alt.name,
                short_hex(&alt.hash),
                &base.name,
                short_hex(&base.hash),
                sim.seed,
                sim.sampling.as_str(),
                VERSION,
            );
            let question = (w.difference_question)(&st.metric, &(l.unit)(&a.metric.unit), st.year);
            let _ = writeln!(o, "{intro} {question}\n");
            let names = |keep: fn(&Input) -> bool| -> Vec<&str> {
                inputs
                    .iter()
                    .filter(|x| keep(x))
                    .map(|x| x.name.as_str())
                    .collect()
            };
            let split: Vec<&str> = inputs
                .iter()
                .filter(|x| x.split && x.alt.is_some())
                .map(|x| x.path.as_str())
                .collect();
            let line = (w.difference_inputs)(
                inputs.len(),
                inputs.iter().filter(|x| x.shared()).count(),
                &alt.name,
                &names(|x| x.base.is_none() && !x.split),
                &base.name,
                &names(|x| x.alt.is_none() && !x.split),
                &split,
            );
            let _ = writeln!(o, "{line}\n");
            let _ = writeln!(
                o,
                "{}\n",
                (w.difference_regenerate)(&alt.name, &base.name, &flags(a, alt))
            );
        }
    }
    for text in warnings(a, subject, l) {
        let _ = writeln!(o, "{}\n", (w.warning)(&text));
    }
    let charts = figures(a, subject, l);
    if let Some(table) = tornado_table(a, subject, 15, l) {
        let _ = writeln!(o, "## {}\n", w.rank_heading);
        let _ = writeln!(o, "{}\n", (w.rank_intro)(&l.thousands(sim.draws as f64, 0)));
        if let Some(embed) = embed {
            match charts.get("tornado") {
                Some(f) => {
                    let _ = writeln!(o, "{}", f.markdown(3, embed));
                }
                None => {
                    let _ = writeln!(o, "{}\n", w.no_tornado_chart);
                }
            }
        }
        o.push_str(&table);
        let _ = writeln!(o);
    }
    if let Some(table) = sobol_table(a, subject, 15, l) {
        let _ = writeln!(o, "## {}\n", w.sobol_heading);
        let _ = writeln!(o, "{}\n", (w.sobol_intro)(&metric));
        if let Some(embed) = embed {
            match charts.get("sobol") {
                Some(f) => {
                    let _ = writeln!(o, "{}", f.markdown(3, embed));
                }
                None => {
                    let _ = writeln!(o, "{}\n", (w.no_sobol_chart)(st.year));
                }
            }
        }
        o.push_str(&table);
        let _ = writeln!(o);
        if let Some(embed) = embed {
            match charts.get("sobol-heatmap") {
                Some(f) => {
                    let _ = writeln!(o, "{}", f.markdown(3, embed));
                }
                None => {
                    let _ = writeln!(o, "{}\n", (w.no_heatmap)(&metric));
                }
            }
        }
    }
    let mut files = Vec::new();
    if a.tornado.is_some() {
        files.push(w.files[0]);
    }
    if a.sobol.is_some() {
        files.push(w.files[1]);
    }
    files.push(w.files[2]);
    let _ = writeln!(o, "## {}\n\n{}.", w.files_heading, files.join(", "));
    o
}

/// The flags that regenerate analysis `a` of a difference with ALT `alt`:
/// `--draws` when one count says both sample sizes (the rank method's draws
/// default to the scenario's, Sobol's N to its own default).
fn flags(a: &Analysis, alt: &crate::scenario::Scenario) -> String {
    let st = &a.settings;
    let method = st.method;
    let mut o = format!(" --metric {} --year {}", st.metric, st.year);
    let _ = write!(
        o,
        " --method {}",
        match (method.rank(), method.sobol()) {
            (true, false) => "rank",
            (false, true) => "sobol",
            _ => "all",
        }
    );
    let draws = match (method.rank(), method.sobol()) {
        (true, false) => Some(st.run.draws),
        (false, true) => Some(st.sobol_n as u64),
        _ => (st.run.draws == st.sobol_n as u64).then_some(st.run.draws),
    };
    if let Some(d) = draws {
        let _ = write!(o, " --draws {d}");
    }
    let _ = write!(o, " --seed {} --sampling {}", st.run.seed, st.run.sampling);
    if method.sobol() {
        let _ = write!(o, " --resamples {}", st.resamples);
    }
    o.push_str(&set_flags(alt));
    o
}
