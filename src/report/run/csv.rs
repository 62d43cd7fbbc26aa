//! `summary.csv`: one row per metric and year (docs/model.md section 6).

use std::fmt::Write as _;

use crate::analysis::run::Run;
use crate::report::CsvNumber;

/// The exact header of `summary.csv`.
pub const HEADER: &str = "metric,year,mean,sd,min,p5,p10,p25,p50,p75,p90,p95,max";

/// `summary.csv`: one row per metric and year, every statistic in Rust's
/// shortest round-trip form.
pub fn summary_csv(run: &Run<'_>) -> String {
    let mut out = String::new();
    {
        let _ = writeln!(out, "{HEADER}");
        let ix = &run.scenario.metrics;
        for (m, metric) in ix.iter() {
            for t in 0..ix.years() {
                let r = run.row(ix.series(m, t));
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                    metric.name,
                    r.year,
                    CsvNumber(r.mean),
                    CsvNumber(r.sd),
                    CsvNumber(r.min),
                    CsvNumber(r.p5),
                    CsvNumber(r.p10),
                    CsvNumber(r.p25),
                    CsvNumber(r.p50),
                    CsvNumber(r.p75),
                    CsvNumber(r.p90),
                    CsvNumber(r.p95),
                    CsvNumber(r.max)
                );
            }
        }
    }
    out
}
