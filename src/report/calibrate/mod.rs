//! The calibration report (`reports/<name>/calibrated/`): the posterior's
//! `summary.csv` and `summary.json` (the run's formats, with the backtest
//! after calibration), `parameters.csv`, `calibration.json`, the charts and
//! `index.md`.

mod data;
mod page;

pub use data::{PARAMETERS_HEADER, calibration_json, parameters_csv};
pub use page::index_md;

use crate::analysis::calibrate::Calibration;
use crate::report::chart::calibrate::ParametersChart;
use crate::report::chart::run::{AdoptionChart, MarketChart};
use crate::report::chart::{ChartError, Format, embed_format, render_files};
use crate::report::provenance::{regenerate_command, scenario_file};
use crate::report::run::{summary_csv, summary_json};
use crate::report::text::Locale;
use crate::report::{Artifact, Document, ReportKind};
use crate::scenario::Scenario;

/// The charts of the page, by file stem, in page order.
pub const CHARTS: [&str; 3] = ["adoption", "market", "parameters"];

/// Every file of a calibration's report, the charts in each of `formats`.
pub fn document(
    c: &Calibration,
    s: &Scenario,
    formats: &[Format],
    l: &'static Locale,
) -> Result<Document, ChartError> {
    let (prior, posterior) = c.runs(s);
    let mut out = vec![
        Artifact::new("summary.csv", summary_csv(&posterior)),
        Artifact::new("summary.json", summary_json(&posterior, None)),
        Artifact::new("parameters.csv", parameters_csv(c)),
        Artifact::new("calibration.json", calibration_json(c, s)),
        scenario_file(
            s,
            &regenerate_command("calibrate", s, c.posterior.settings, None, l),
            l,
        ),
    ];
    let adoption = AdoptionChart::new(&posterior, l).with_prior(&prior);
    let market = MarketChart::new(&posterior, l).with_prior(&prior);
    let parameters = ParametersChart::new(c, s, l);
    out.extend(render_files(CHARTS[0], &adoption, formats)?);
    out.extend(render_files(CHARTS[1], &market, formats)?);
    out.extend(render_files(CHARTS[2], &parameters, formats)?);
    out.push(Artifact::new(
        "index.md",
        index_md(c, s, embed_format(formats), l),
    ));
    Ok(Document {
        kind: ReportKind::Calibration,
        artifacts: out,
    })
}
