//! `summary.csv`: one row per metric and year (MODEL.md section 6).

use std::io::{self, Write};

use super::{Export, Run};

/// The exact header of `summary.csv`.
pub const HEADER: &str = "metric,year,mean,sd,min,p5,p10,p25,p50,p75,p90,p95,max";

/// Writes `summary.csv`.
#[derive(Debug, Clone, Copy, Default)]
pub struct SummaryCsv;

impl Export for SummaryCsv {
    fn file_name(&self) -> &'static str {
        "summary.csv"
    }

    fn write(&self, run: &Run<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "{HEADER}")?;
        let ix = &run.scenario.metrics;
        for (m, metric) in ix.iter() {
            for t in 0..ix.years() {
                let r = run.row(ix.series(m, t));
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{},{},{}",
                    metric.name,
                    r.year,
                    r.mean,
                    r.sd,
                    r.min,
                    r.p5,
                    r.p10,
                    r.p25,
                    r.p50,
                    r.p75,
                    r.p90,
                    r.p95,
                    r.max
                )?;
            }
        }
        Ok(())
    }
}
