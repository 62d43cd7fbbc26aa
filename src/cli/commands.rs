//! The commands, each a short pipeline: run the engine or the analysis on a
//! worker pool with a progress bar, write the report, print the key results.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;
use esante::Scenario;
use esante::analysis::calibrate;
use esante::analysis::compare::{compare as compare_scenarios, compare_calibrated};
use esante::analysis::convergence::{self, Convergence, Goal, Round};
use esante::analysis::optimize;
use esante::analysis::run::Run;
use esante::analysis::sensitivity::{analyse, difference};
use esante::engine::{self, ExportDraws, Job, RunStats, Statistics, memory};
use esante::report::sensitivity::Subject;
use esante::report::text::Locale;
use esante::report::{self, terminal};

use super::hiargs::{
    CalibratePlan, ComparePlan, MergePlan, OptimizePlan, RunPlan, SensitivityPlan,
};
use super::lowargs::{Cli, Shell};
use super::paths::parent_dir;
use super::progress::Progress;
use super::{UsageError, print, say};

/// `esante check`: the scenario in a few lines.
pub fn check(s: &Scenario, l: &Locale) -> anyhow::Result<()> {
    print(&terminal::check_text(s, l))?;
    Ok(())
}

/// `esante run`: statistics (and the draws export) in one pass, then the
/// report folder.
pub fn run(p: RunPlan) -> anyhow::Result<()> {
    let pool = run_pool(&p)?;
    if let Some(shard) = p.shard {
        return run_shard(p, shard, &pool);
    }
    if let Some(goal) = p.goal {
        return run_to_precision(p, goal, &pool);
    }
    let bar = Progress::new(p.common.quiet);
    let job = Job::new(&p.scenario, p.settings);
    let stats_visit = Statistics::new(&job, 0);
    let draws = p.export_draws.as_deref();
    let (stats, export) = pool.install(|| -> anyhow::Result<_> {
        use engine::Observer;
        bar.start(p.settings.draws);
        let result = match draws {
            None => (stats_visit.finish(job.run(&stats_visit, &bar)), None),
            Some(path) => {
                let mut stats = None;
                write_atomically(path, ".esante-draws-", |file| {
                    let export = ExportDraws::new(&job, 0, file.try_clone()?, parent_dir(path));
                    let visit = (stats_visit, export);
                    let (s, e) = job.run(&visit, &bar);
                    stats = Some(visit.0.finish(s));
                    visit.1.finish(e)
                })
                .with_context(|| format!("cannot write the draws to {}", path.display()))?;
                (stats.expect("the pass ran"), Some(path))
            }
        };
        bar.finish();
        Ok(result)
    })?;
    write_run_report(&p.scenario, &stats, None, &p.out, &p.common, export)
}

/// `esante run --precision`: rounds of draws until the goal is met or the
/// draws run out, each round reported on the terminal.
fn run_to_precision(p: RunPlan, goal: Goal, pool: &rayon::ThreadPool) -> anyhow::Result<()> {
    let l = p.common.locale;
    let bar = Progress::new(p.common.quiet);
    let quiet = p.common.quiet;
    let on_round = |r: &Round| {
        if !quiet {
            say("note", (l.control.round_line)(l, r.draws, r.widest));
        }
    };
    let (stats, control) = pool
        .install(|| convergence::run_to_precision(&p.scenario, p.settings, goal, &bar, &on_round));
    if control.stop == convergence::Stop::MaxDraws {
        let widest = control.widest();
        let message = (l.control.not_met)(
            &report::run::goal_text(&control, l),
            &l.thousands(control.draws() as f64, 0),
            &report::run::share_text(widest, l),
        );
        say("warning", message);
    }
    write_run_report(&p.scenario, &stats, Some(&control), &p.out, &p.common, None)
}

/// The worker pool of a run, once its memory is known to fit.
fn run_pool(p: &RunPlan) -> anyhow::Result<rayon::ThreadPool> {
    let pool = pool(p.common.threads)?;
    let need = memory::run_bytes(&[&p.scenario], 0, pool.current_num_threads());
    memory::check(
        format!("the run of `{}`", p.scenario.name),
        need,
        p.common.max_memory,
        "use a smaller scenario (fewer segments, axes or years)",
    )
    .map_err(|e| UsageError(e.to_string()))?;
    Ok(pool)
}

/// `esante run --shard K/N`: the shard's statistics, written as its shard
/// file in the `--out` folder.
fn run_shard(p: RunPlan, shard: engine::Shard, pool: &rayon::ThreadPool) -> anyhow::Result<()> {
    let path = shard_path(&p.out, shard)?;
    let bar = Progress::new(p.common.quiet);
    let stats = pool.install(|| engine::run_shard(&p.scenario, p.settings, shard, &bar));
    warn_non_finite(&p.scenario, "", &stats, p.common.locale);
    let file = esante::analysis::shard::ShardFile::new(&p.scenario, p.settings, shard, stats);
    write_shard(&p.out, &path, &file.to_json())?;
    if !p.common.quiet {
        print(&format!(
            "shard {shard} ({} of {} draws) written to {}\n",
            file.draws,
            p.settings.draws,
            path.display()
        ))?;
    }
    Ok(())
}

/// Where shard `shard` writes its file in the folder `out`, checked first:
/// `out` a folder (or not there yet), and no file there but an earlier
/// shard file.
fn shard_path(out: &Path, shard: engine::Shard) -> anyhow::Result<std::path::PathBuf> {
    if out.exists() && !out.is_dir() {
        return Err(UsageError(format!(
            "--out {}: exists and is not a folder",
            out.display()
        ))
        .into());
    }
    let path = out.join(esante::analysis::shard::file_name(shard));
    super::paths::check_shard_target(&path)?;
    Ok(path)
}

/// Writes a shard file's `text` at `path` in the folder `out` (created if
/// needed), atomically.
fn write_shard(out: &Path, path: &Path, text: &str) -> anyhow::Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    write_atomically(path, ".esante-shard-", |f| {
        use std::io::Write;
        f.write_all(text.as_bytes())
    })
    .with_context(|| format!("cannot write {}", path.display()))
}

/// `esante merge`: the report of the merged shards, as `run` writes it.
pub fn merge(p: MergePlan) -> anyhow::Result<()> {
    match p {
        MergePlan::Run {
            scenario,
            stats,
            out,
            common,
        } => {
            let pool = pool(common.threads)?;
            pool.install(|| write_run_report(&scenario, &stats, None, &out, &common, None))
        }
        MergePlan::Optimize(plan, grid) => optimize_search(*plan, Some(grid)),
    }
}

/// Writes a run's report folder and prints its key results.
fn write_run_report(
    scenario: &Scenario,
    stats: &RunStats,
    control: Option<&Convergence>,
    out_dir: &Path,
    common: &super::hiargs::Common,
    export: Option<&Path>,
) -> anyhow::Result<()> {
    let l = common.locale;
    warn_non_finite(scenario, "", stats, l);
    let run = Run { scenario, stats };
    match control {
        None => report::run::document(&run, &common.formats, l)?,
        Some(c) => report::run::controlled_document(&run, c, &common.formats, l)?,
    }
    .write(out_dir)
    .with_context(|| format!("cannot write the report to {}", out_dir.display()))?;
    if !common.quiet {
        let mut out = terminal::results_table(&run, l);
        let _ = writeln!(
            out,
            "{}",
            (l.terminal.report_written)(&out_dir.display().to_string())
        );
        if let Some(path) = export {
            let _ = writeln!(
                out,
                "{}",
                (l.terminal.draws_written)(&path.display().to_string())
            );
        }
        print(&out)?;
    }
    Ok(())
}

/// `esante compare`: every scenario in lockstep with common random numbers.
pub fn compare(p: ComparePlan) -> anyhow::Result<()> {
    let (base, alts) = p.scenarios.split_first().expect("a base scenario");
    let l = p.common.locale;
    if !p.common.quiet {
        for alt in alts.iter().filter(|a| a.simulation != base.simulation) {
            say("note", (l.terminal.simulation_unused)(&alt.name));
        }
    }
    let pool = pool(p.common.threads)?;
    let all: Vec<&Scenario> = p.scenarios.iter().collect();
    memory::check(
        format!("the comparison of {} scenarios", all.len()),
        memory::run_bytes(&all, 1, pool.current_num_threads()),
        p.common.max_memory,
        "compare fewer or smaller scenarios",
    )
    .map_err(|e| UsageError(e.to_string()))?;
    let bar = Progress::new(p.common.quiet);
    let cmp = pool
        .install(|| {
            if p.calibrated {
                compare_calibrated(base, alts, p.settings, &bar)
            } else {
                compare_scenarios(base, alts, p.settings, &bar)
            }
        })
        .map_err(|e| UsageError(e.to_string()))?;
    for (s, stats) in p.scenarios.iter().zip(&cmp.runs) {
        warn_non_finite(s, &format!("{}{} ", s.name, l.colon), stats, l);
    }
    for lines in report::compare::warnings(&cmp, &p.scenarios, l) {
        if let Some((intro, items)) = lines.split_first() {
            let c = l.colon;
            say(
                "warning",
                format_args!("{intro}{c} {}", items.join(l.semicolon)),
            );
        }
    }
    report::compare::document(&cmp, &p.scenarios, &p.common.formats, p.common.locale)?
        .write(&p.out)
        .with_context(|| format!("cannot write the comparison to {}", p.out.display()))?;
    if !p.common.quiet {
        let mut out = report::compare::terminal_text(&cmp, &p.scenarios, l);
        let _ = writeln!(
            out,
            "{}",
            (l.terminal.comparison_written)(&p.out.display().to_string())
        );
        print(&out)?;
    }
    Ok(())
}

/// `esante sensitivity`: rank correlations and Sobol indices of one metric,
/// or with `--against` of its difference between two scenarios.
pub fn sensitivity(p: SensitivityPlan) -> anyhow::Result<()> {
    let pool = pool(p.common.threads)?;
    let threads = pool.current_num_threads();
    let need = match p.against.as_deref() {
        None => p.settings.memory_bytes(&p.scenario, threads),
        Some(base) => difference::memory_bytes(&p.settings, &p.scenario, base, threads),
    };
    memory::check(
        "this sensitivity analysis".to_string(),
        need,
        p.common.max_memory,
        "lower --draws or --resamples, or choose --method rank or sobol",
    )
    .map_err(|e| UsageError(e.to_string()))?;
    let l = p.common.locale;
    if let Some(base) = p.against.as_deref()
        && !p.common.quiet
        && base.simulation != p.scenario.simulation
    {
        say("note", (l.terminal.simulation_unused)(&p.scenario.name));
    }
    let bar = Progress::new(p.common.quiet);
    let (analysis, inputs) = match p.against.as_deref() {
        None => {
            let a = pool.install(|| analyse(&p.scenario, p.settings.clone(), &bar));
            (a.map_err(|e| UsageError(e.to_string()))?, Vec::new())
        }
        Some(base) => {
            let d = pool.install(|| {
                difference::analyse_difference(&p.scenario, base, p.settings.clone(), &bar)
            });
            let d = d.map_err(|e| {
                UsageError(format!(
                    "{} against {}: {e}",
                    p.scenario.files[0].display(),
                    base.files[0].display()
                ))
            })?;
            (d.analysis, d.inputs)
        }
    };
    let subject = match p.against.as_deref() {
        None => Subject::Levels(&p.scenario),
        Some(base) => Subject::Difference {
            alt: &p.scenario,
            base,
            inputs: &inputs,
        },
    };
    for w in report::sensitivity::warnings(&analysis, &subject, l) {
        say("warning", w);
    }
    report::sensitivity::document(&analysis, &subject, &p.common.formats, l)?
        .write(&p.out)
        .with_context(|| format!("cannot write the sensitivity report to {}", p.out.display()))?;
    if !p.common.quiet {
        let mut out = String::new();
        let st = &analysis.settings;
        let metric = subject.metric(&st.metric, l);
        if let Some(t) = report::sensitivity::tornado_table(&analysis, &subject, 10, l) {
            let _ = writeln!(
                out,
                "{}\n{t}",
                (l.sensitivity.terminal_rank)(&metric, st.year)
            );
        }
        if let Some(t) = report::sensitivity::sobol_table(&analysis, &subject, 10, l) {
            let _ = writeln!(out, "{}\n{t}", l.sensitivity.terminal_sobol);
        }
        let dir = p.out.display().to_string();
        let _ = writeln!(out, "{}", (l.terminal.sensitivity_written)(&dir));
        print(&out)?;
    }
    Ok(())
}

/// `esante optimize`: the best split of the envelope, checked out of sample.
pub fn optimize(p: OptimizePlan) -> anyhow::Result<()> {
    optimize_search(p, None)
}

/// The search, or with `p.shard` its share of the grid written as a shard
/// file, or from a merged grid (`esante merge`) the rest of it.
fn optimize_search(p: OptimizePlan, grid: Option<Vec<optimize::Summary>>) -> anyhow::Result<()> {
    optimize::check_grid(&p.settings.problem).map_err(|e| UsageError(e.to_string()))?;
    let pool = pool(p.common.threads)?;
    memory::check(
        "this optimisation".to_string(),
        optimize::memory_bytes(&p.scenario, &p.settings, pool.current_num_threads()),
        p.common.max_memory,
        "use a larger --step or fewer --axes",
    )
    .map_err(|e| UsageError(e.to_string()))?;
    let bar = Progress::new(p.common.quiet);
    if let Some(shard) = p.shard {
        return optimize_shard(&p, shard, &pool, &bar);
    }
    let o = pool
        .install(|| match grid {
            Some(g) => optimize::resume(&p.scenario, &p.settings, p.calibrated, g, &bar),
            None if p.calibrated => optimize::optimize_calibrated(&p.scenario, &p.settings, &bar),
            None => optimize::optimize(&p.scenario, &p.settings, &bar),
        })
        .map_err(|e| UsageError(e.to_string()))?;
    let l = p.common.locale;
    if let Some(e) = o.calibrated {
        let ess = e.in_sample.min(e.out_of_sample);
        if ess < calibrate::MIN_ESS {
            say(
                "warning",
                (l.optimize.few_effective)(&l.thousands(ess, 0)).replace("**", ""),
            );
        }
    }
    report::optimize::document(&o, &p.scenario, &p.common.formats, l)?
        .write(&p.out)
        .with_context(|| {
            format!(
                "cannot write the optimisation report to {}",
                p.out.display()
            )
        })?;
    if !p.common.quiet {
        let mut out = report::optimize::splits_table(&o, &p.scenario, l);
        let _ = writeln!(
            out,
            "\n{}",
            report::optimize::marginal_table(&o, &p.scenario, l)
        );
        let _ = writeln!(
            out,
            "{}",
            (l.optimize.written)(&p.out.display().to_string())
        );
        print(&out)?;
    }
    Ok(())
}

/// `esante optimize --shard K/N`: the shard's part of the grid, written as
/// its shard file in the `--out` folder.
fn optimize_shard(
    p: &OptimizePlan,
    shard: engine::Shard,
    pool: &rayon::ThreadPool,
    bar: &Progress,
) -> anyhow::Result<()> {
    let path = shard_path(&p.out, shard)?;
    let file = pool
        .install(|| {
            super::optimize_shard::OptimizeShardFile::compute(
                &p.scenario,
                &p.settings,
                p.calibrated,
                p.request.clone(),
                shard,
                bar,
            )
        })
        .map_err(|e| UsageError(e.to_string()))?;
    write_shard(&p.out, &path, &file.to_json())?;
    if !p.common.quiet {
        print(&format!(
            "optimisation shard {shard} written to {}\n",
            path.display()
        ))?;
    }
    Ok(())
}

/// `esante calibrate`: one weighted pass over the draws, the calibrated
/// report, and a warning when the posterior rests on too few draws.
pub fn calibrate(p: CalibratePlan) -> anyhow::Result<()> {
    let pool = pool(p.common.threads)?;
    memory::check(
        format!("the calibration of `{}`", p.scenario.name),
        memory::run_bytes(&[&p.scenario, &p.scenario], 1, pool.current_num_threads()),
        p.common.max_memory,
        "use a smaller scenario (fewer segments, axes or years)",
    )
    .map_err(|e| UsageError(e.to_string()))?;
    let bar = Progress::new(p.common.quiet);
    let c = pool.install(|| {
        use engine::Observer;
        bar.start(p.settings.draws);
        let c = calibrate::calibrate(&p.scenario, p.settings, &bar);
        bar.finish();
        c
    });
    let c = c.map_err(|e| UsageError(e.to_string()))?;
    let l = p.common.locale;
    warn_non_finite(&p.scenario, "", &c.posterior, l);
    let d = c.diagnostics();
    if !d.reliable() {
        say(
            "warning",
            (l.calibrate.unreliable)(
                &l.thousands(d.ess, 0),
                &l.thousands(d.khat, 2),
                &d.draws_for_min_ess.to_string(),
            )
            .replace("**", ""),
        );
    }
    report::calibrate::document(&c, &p.scenario, &p.common.formats, l)?
        .write(&p.out)
        .with_context(|| format!("cannot write the calibrated report to {}", p.out.display()))?;
    if !p.common.quiet {
        let (_, posterior) = c.runs(&p.scenario);
        let mut out = terminal::results_table(&posterior, l);
        let _ = writeln!(
            out,
            "{}",
            (l.calibrate.summary)(
                &l.thousands(d.ess, 0),
                &l.thousands(d.khat, 2),
                &l.percent(d.max_weight)
            )
        );
        let _ = writeln!(
            out,
            "{}",
            (l.calibrate.written)(&p.out.display().to_string())
        );
        print(&out)?;
    }
    Ok(())
}

/// Warns about metric values that overflowed (left out of the statistics).
fn warn_non_finite(scenario: &Scenario, prefix: &str, stats: &RunStats, l: &Locale) {
    for (series, n) in stats.non_finite() {
        let (m, year) = scenario.metrics.locate(series);
        let name = scenario.metric_name(m);
        say("warning", (l.terminal.overflow)(prefix, name, year, n));
    }
}

/// A worker pool with `threads` threads (all cores if `None`).
fn pool(threads: Option<u16>) -> anyhow::Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.map_or(0, usize::from))
        .build()
        .context("cannot start worker threads")
}

/// Writes a file through a temporary file beside it, renamed at the end, so
/// a failed write leaves any previous file untouched.
fn write_atomically(
    path: &Path,
    prefix: &str,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A plain data file, readable like any other (temporary files are 0600).
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(parent_dir(path))?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `esante completions SHELL`: the completion script on stdout.
pub fn completions(shell: Shell) -> anyhow::Result<()> {
    use clap::CommandFactory;
    use clap_complete::{generate, shells};
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    match shell {
        Shell::Bash => generate(shells::Bash, &mut cmd, "esante", &mut out),
        Shell::Zsh => generate(shells::Zsh, &mut cmd, "esante", &mut out),
        Shell::Fish => generate(shells::Fish, &mut cmd, "esante", &mut out),
    }
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&out)?;
    Ok(stdout.flush()?)
}

/// `esante schema`: the JSON Schema of the scenario format on stdout.
pub fn schema() -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(esante::scenario::schema::schema_text().as_bytes())?;
    Ok(stdout.flush()?)
}
