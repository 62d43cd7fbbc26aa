//! The files of a sensitivity report: `tornado.csv`, `sobol.csv`,
//! `sobol-years.csv`, `sensitivity.json` and the tables of `index.md`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::sensitivity::sobol::OutputStatus;
use crate::analysis::sensitivity::{Analysis, Caveat, Method, sobol_order};
use crate::report::chart::sensitivity::heatmap::HeatmapChart;
use crate::report::chart::sensitivity::sobol::SobolChart;
use crate::report::chart::sensitivity::tornado::TornadoChart;
use crate::report::chart::{ChartError, Figure, Format, embed_format, render_files};
use crate::report::provenance::{RunInfo, ScenarioInfo, VERSION, short_hex};
use crate::report::terminal::thousands;
use crate::report::text::{EN, Locale};
use crate::report::{Artifact, Document, ReportKind};
use crate::scenario::Scenario;

/// The exact header of `tornado.csv`.
pub const TORNADO_HEADER: &str = "parameter,metric,year,spearman,low_decile_mean,high_decile_mean";
/// The exact header of `sobol.csv`.
pub const SOBOL_HEADER: &str = "parameter,metric,year,S1,S1_low,S1_high,ST,ST_low,ST_high";
/// The header of `sobol-years.csv` (point estimates for every year).
pub const SOBOL_YEARS_HEADER: &str = "parameter,metric,year,S1,ST";

/// The sentence that states a caveat.
fn caveat_text(c: &Caveat, a: &Analysis) -> String {
    let (metric, year) = (&a.settings.metric, a.settings.year);
    match c {
        Caveat::IgnoredCorrelations(pairs) => {
            let pairs: Vec<String> = pairs
                .iter()
                .map(|(x, y, rho)| format!("{x} ~ {y} (rho {rho})"))
                .collect();
            format!(
                "Sobol indices assume independent inputs: the Sobol samples ignore the \
                 scenario's {} correlation(s) [{}], so they describe the uncorrelated model. \
                 The rank method (tornado) keeps the correlations.",
                pairs.len(),
                pairs.join("; ")
            )
        }
        Caveat::SobolExcluded { excluded, n } => {
            format!("Sobol: {excluded} of {n} base rows gave a non-finite value and were left out.")
        }
        Caveat::SobolConstant => format!(
            "Sobol: {metric} is the same in every draw in {year}: no variance to apportion."
        ),
        Caveat::SobolNotFinite => format!("Sobol: {metric} is not finite in {year}: no indices."),
        Caveat::RankExcluded(n) => {
            format!("Rank method: {n} draws gave a non-finite value and were left out.")
        }
    }
}

impl Analysis {
    /// Warnings a careful user must see: ignored correlations, left-out draws,
    /// undefined indices.
    pub fn warnings(&self) -> Vec<String> {
        self.caveats()
            .iter()
            .map(|c| caveat_text(c, self))
            .collect()
    }

    /// `tornado.csv`: one row per parameter, widest bar first.
    pub fn tornado_csv(&self) -> Option<String> {
        let (t, _) = self.tornado.as_ref()?;
        let mut o = String::new();
        let _ = writeln!(o, "{TORNADO_HEADER}");
        for r in &t.rows {
            let _ = writeln!(
                o,
                "{},{},{},{},{},{}",
                self.params[r.param],
                self.settings.metric,
                self.settings.year,
                r.spearman,
                r.low_decile_mean,
                r.high_decile_mean
            );
        }
        Some(o)
    }

    /// `sobol.csv`: indices with intervals in the chosen year, largest total
    /// index first.
    pub fn sobol_csv(&self) -> Option<String> {
        let s = self.sobol.as_ref()?;
        let mut o = String::new();
        let _ = writeln!(o, "{SOBOL_HEADER}");
        for i in sobol_order(s, self.t) {
            let x = s.result.get(self.t, i);
            let _ = writeln!(
                o,
                "{},{},{},{},{},{},{},{},{}",
                s.params[i],
                s.metric,
                self.settings.year,
                x.s1.value,
                x.s1.low,
                x.s1.high,
                x.st.value,
                x.st.low,
                x.st.high
            );
        }
        Some(o)
    }

    /// `sobol-years.csv`: point estimates for every year (the heatmap's data),
    /// in the same parameter order as `sobol.csv`.
    pub fn sobol_years_csv(&self) -> Option<String> {
        let s = self.sobol.as_ref()?;
        let mut o = String::new();
        let _ = writeln!(o, "{SOBOL_YEARS_HEADER}");
        for i in sobol_order(s, self.t) {
            for (t, y) in s.years.iter().enumerate() {
                let x = s.result.get(t, i);
                let _ = writeln!(
                    o,
                    "{},{},{y},{},{}",
                    s.params[i], s.metric, x.s1.value, x.st.value
                );
            }
        }
        Some(o)
    }

    /// `sensitivity.json`: provenance, settings and every result.
    pub fn json(&self, scenario: &Scenario) -> String {
        #[derive(Serialize)]
        struct Doc<'a> {
            esante_version: &'a str,
            scenario: ScenarioInfo<'a>,
            run: RunInfo,
            metric: &'a str,
            unit: &'a str,
            year: i32,
            method: Method,
            warnings: Vec<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            rank: Option<RankDoc<'a>>,
            #[serde(skip_serializing_if = "Option::is_none")]
            sobol: Option<SobolDoc<'a>>,
        }
        #[derive(Serialize)]
        struct RankDoc<'a> {
            draws: u64,
            draws_used: usize,
            metric_mean: f64,
            parameters: Vec<RankParam<'a>>,
        }
        #[derive(Serialize)]
        struct RankParam<'a> {
            parameter: &'a str,
            spearman: Option<f64>,
            low_decile_mean: Option<f64>,
            high_decile_mean: Option<f64>,
        }
        #[derive(Serialize)]
        struct SobolDoc<'a> {
            base_sample: usize,
            model_runs: usize,
            bootstrap_resamples: usize,
            confidence: f64,
            ignores_correlations: bool,
            years: &'a [i32],
            parameters: Vec<SobolParam<'a>>,
        }
        #[derive(Serialize)]
        struct SobolParam<'a> {
            parameter: &'a str,
            #[serde(rename = "S1")]
            s1: Option<f64>,
            #[serde(rename = "S1_low")]
            s1_low: Option<f64>,
            #[serde(rename = "S1_high")]
            s1_high: Option<f64>,
            #[serde(rename = "ST")]
            st: Option<f64>,
            #[serde(rename = "ST_low")]
            st_low: Option<f64>,
            #[serde(rename = "ST_high")]
            st_high: Option<f64>,
            /// Point estimates for every year of `years`.
            #[serde(rename = "S1_by_year")]
            s1_by_year: Vec<Option<f64>>,
            #[serde(rename = "ST_by_year")]
            st_by_year: Vec<Option<f64>>,
        }
        // JSON has no NaN: undefined values are null.
        let f = |x: f64| x.is_finite().then_some(x);
        let sim = self.settings.run;
        let doc = Doc {
            esante_version: VERSION,
            scenario: ScenarioInfo::of(scenario),
            run: RunInfo::without_draws(sim),
            metric: &self.settings.metric,
            unit: &self.metric.unit,
            year: self.settings.year,
            method: self.settings.method,
            warnings: self.warnings(),
            rank: self.tornado.as_ref().map(|(t, mean)| RankDoc {
                draws: sim.draws,
                draws_used: t.used,
                metric_mean: *mean,
                parameters: t
                    .rows
                    .iter()
                    .map(|r| RankParam {
                        parameter: &self.params[r.param],
                        spearman: f(r.spearman),
                        low_decile_mean: f(r.low_decile_mean),
                        high_decile_mean: f(r.high_decile_mean),
                    })
                    .collect(),
            }),
            sobol: self.sobol.as_ref().map(|s| SobolDoc {
                base_sample: s.result.n,
                model_runs: s.result.evaluations(),
                bootstrap_resamples: s.result.options.resamples,
                confidence: s.result.options.confidence,
                ignores_correlations: !s.ignored_correlations.is_empty(),
                years: &s.years,
                parameters: sobol_order(s, self.t)
                    .into_iter()
                    .map(|i| {
                        let x = s.result.get(self.t, i);
                        SobolParam {
                            parameter: &s.params[i],
                            s1: f(x.s1.value),
                            s1_low: f(x.s1.low),
                            s1_high: f(x.s1.high),
                            st: f(x.st.value),
                            st_low: f(x.st.low),
                            st_high: f(x.st.high),
                            s1_by_year: (0..s.years.len())
                                .map(|t| f(s.result.get(t, i).s1.value))
                                .collect(),
                            st_by_year: (0..s.years.len())
                                .map(|t| f(s.result.get(t, i).st.value))
                                .collect(),
                        }
                    })
                    .collect(),
            }),
        };
        let mut out = serde_json::to_string_pretty(&doc).expect("plain data serialises");
        out.push('\n');
        out
    }

    /// A value of the metric for a table.
    fn value(&self, v: f64) -> String {
        if !v.is_finite() {
            return "n/a".into();
        }
        match self.metric.kind {
            k if k.is_share() => format!("{:.1}%", 100.0 * v),
            _ if v.abs() < 100.0 => thousands(v, 2),
            _ => thousands(v, 0),
        }
    }

    /// The tornado table of `index.md` (the `top` widest bars).
    pub fn tornado_table(&self, top: usize) -> Option<String> {
        let (t, mean) = self.tornado.as_ref()?;
        let mut o = String::new();
        let _ = writeln!(
            o,
            "Mean of `{}` in {} over all {} draws: {}.\n",
            self.settings.metric,
            self.settings.year,
            thousands(t.used as f64, 0),
            self.value(*mean)
        );
        if t.rows.iter().all(|r| r.spearman.is_nan()) {
            let _ = writeln!(
                o,
                "No rank correlations: `{}` does not vary in {}.",
                self.settings.metric, self.settings.year
            );
            return Some(o);
        }
        let _ = writeln!(
            o,
            "| parameter | Spearman rho | mean, lowest decile | mean, highest decile | bar width |"
        );
        let _ = writeln!(o, "|---|---:|---:|---:|---:|");
        for r in t.rows.iter().take(top) {
            let _ = writeln!(
                o,
                "| `{}` | {} | {} | {} | {} |",
                self.params[r.param],
                num(r.spearman, 3),
                self.value(r.low_decile_mean),
                self.value(r.high_decile_mean),
                self.value(r.width())
            );
        }
        if t.rows.len() > top {
            let _ = writeln!(
                o,
                "\nThe other {} parameters are in `tornado.csv`.",
                t.rows.len() - top
            );
        }
        Some(o)
    }

    /// The Sobol table of `index.md` (parameters with the `top` largest total
    /// indices) and the sum of first-order indices.
    pub fn sobol_table(&self, top: usize) -> Option<String> {
        let s = self.sobol.as_ref()?;
        let mut o = String::new();
        let conf = 100.0 * s.result.options.confidence;
        let _ = writeln!(
            o,
            "Base sample N = {} ({} model runs), {} bootstrap resamples; brackets: {conf:.0}% \
             bootstrap percentile intervals.\n",
            thousands(s.result.n as f64, 0),
            thousands(s.result.evaluations() as f64, 0),
            s.result.options.resamples
        );
        if s.result.outputs[self.t].status != OutputStatus::Ok {
            let _ = writeln!(
                o,
                "No indices: `{}` does not vary (or is not finite) in {}.",
                s.metric, self.settings.year
            );
            return Some(o);
        }
        let _ = writeln!(o, "| parameter | S1 (first order) | ST (total) |");
        let _ = writeln!(o, "|---|---:|---:|");
        let order = sobol_order(s, self.t);
        for &i in order.iter().take(top) {
            let x = s.result.get(self.t, i);
            let _ = writeln!(
                o,
                "| `{}` | {} [{}, {}] | {} [{}, {}] |",
                s.params[i],
                num(x.s1.value, 3),
                num(x.s1.low, 3),
                num(x.s1.high, 3),
                num(x.st.value, 3),
                num(x.st.low, 3),
                num(x.st.high, 3)
            );
        }
        if order.len() > top {
            let _ = writeln!(
                o,
                "\nThe other {} parameters are in `sobol.csv`.",
                order.len() - top
            );
        }
        let out = &s.result.outputs[self.t];
        if out.status == OutputStatus::Ok {
            let sum: f64 = (0..s.params.len())
                .map(|i| s.result.get(self.t, i).s1.value)
                .sum();
            let _ = writeln!(
                o,
                "\nSum of first-order indices: {sum:.3}. Close to 1, the parameters act mostly \
                 one by one (additively); well below 1, interactions matter (ST exceeds S1 for \
                 the parameters involved)."
            );
        }
        Some(o)
    }
}

/// A number with `decimals` decimals, or `n/a` when undefined.
fn num(x: f64, decimals: usize) -> String {
    if x.is_finite() {
        format!("{x:.decimals$}")
    } else {
        "n/a".into()
    }
}

impl Analysis {
    /// The analysis' `index.md`, embedding the charts in format `embed` (no
    /// charts when `None`).
    pub fn index_md(&self, scenario: &Scenario, embed: Option<Format>) -> String {
        let mut o = String::new();
        let st = &self.settings;
        let _ = writeln!(
            o,
            "# Sensitivity of `{}` in {}: {}\n",
            st.metric, st.year, scenario.title
        );
        let sim = st.run;
        let _ = writeln!(
            o,
            "Scenario `{}` (`{}`), seed {}, {} sampling, esante {VERSION}. Which uncertain \
             inputs drive `{}` ({}) in {}?\n",
            scenario.name,
            short_hex(&scenario.hash),
            sim.seed,
            sim.sampling,
            st.metric,
            self.metric.unit,
            st.year
        );
        for w in self.warnings() {
            let _ = writeln!(o, "> **Warning.** {w}\n");
        }
        if let Some(table) = self.tornado_table(15) {
            let _ = writeln!(o, "## Rank correlations (tornado)\n");
            let _ = writeln!(
                o,
                "On the {} draws of the run itself (correlations included): each bar runs from \
                 the mean of the metric over the draws where the parameter is in its lowest \
                 decile to the mean where it is in its highest decile. Spearman's rho measures \
                 how monotonically the metric follows the parameter (-1 to 1).\n",
                thousands(sim.draws as f64, 0)
            );
            if let Some(embed) = embed {
                if TornadoChart::new(self, scenario, &EN).is_some() {
                    let _ = writeln!(o, "{}", tornado_figure().markdown(3, embed));
                } else {
                    let _ = writeln!(
                        o,
                        "No tornado chart: no parameter has a defined rank correlation.\n"
                    );
                }
            }
            o.push_str(&table);
            let _ = writeln!(o);
        }
        if let Some(table) = self.sobol_table(15) {
            let _ = writeln!(o, "## Variance-based (Sobol) indices\n");
            let _ = writeln!(
                o,
                "S1 is the share of the variance of `{}` that the parameter explains on its \
                 own; ST adds its interactions with the others (ST - S1). A parameter with ST \
                 near 0 can be fixed at any value of its range without changing the result. \
                 Saltelli sampling with the Saltelli (2010) estimator for S1 and Jansen's for \
                 ST, assuming independent inputs.\n",
                st.metric
            );
            if let Some(embed) = embed {
                if SobolChart::new(self, scenario, &EN).is_some() {
                    let _ = writeln!(o, "{}", sobol_figure(st.year).markdown(3, embed));
                } else {
                    let _ = writeln!(
                        o,
                        "No chart of the indices in {}: they are not defined.\n",
                        st.year
                    );
                }
            }
            o.push_str(&table);
            let _ = writeln!(o);
            if let Some(embed) = embed {
                if HeatmapChart::new(self, scenario, &EN).is_some() {
                    let _ = writeln!(o, "{}", heatmap_figure().markdown(3, embed));
                } else {
                    let _ = writeln!(
                        o,
                        "No heatmap: `{}` has no Sobol index in any year.\n",
                        st.metric
                    );
                }
            }
        }
        let mut files = Vec::new();
        if self.tornado.is_some() {
            files.push("`tornado.csv` (every parameter)");
        }
        if self.sobol.is_some() {
            files.push(
                "`sobol.csv` (indices with intervals in the chosen year), `sobol-years.csv` \
                 (point estimates for every year)",
            );
        }
        files.push("`sensitivity.json` (everything, with provenance)");
        let _ = writeln!(o, "## Files\n\n{}.", files.join(", "));
        o
    }

    /// Every file of the analysis: the CSV files, `sensitivity.json`, the
    /// charts that have something to show (`tornado`, `sobol`,
    /// `sobol-heatmap`) in each of `formats`, and `index.md`, which embeds
    /// them.
    pub fn document(
        &self,
        scenario: &Scenario,
        formats: &[Format],
        l: &'static Locale,
    ) -> Result<Document, ChartError> {
        let mut out = Vec::new();
        if let Some(c) = self.tornado_csv() {
            out.push(Artifact::new("tornado.csv", c));
        }
        if let Some(c) = self.sobol_csv() {
            out.push(Artifact::new("sobol.csv", c));
        }
        if let Some(c) = self.sobol_years_csv() {
            out.push(Artifact::new("sobol-years.csv", c));
        }
        out.push(Artifact::new("sensitivity.json", self.json(scenario)));
        if let Some(c) = TornadoChart::new(self, scenario, l) {
            out.extend(render_files("tornado", &c, formats)?);
        }
        if let Some(c) = SobolChart::new(self, scenario, l) {
            out.extend(render_files("sobol", &c, formats)?);
        }
        if let Some(c) = HeatmapChart::new(self, scenario, l) {
            out.extend(render_files("sobol-heatmap", &c, formats)?);
        }
        out.push(Artifact::new(
            "index.md",
            self.index_md(scenario, embed_format(formats)),
        ));
        Ok(Document {
            kind: ReportKind::Sensitivity,
            artifacts: out,
        })
    }
}

/// The tornado chart in `index.md`.
fn tornado_figure() -> Figure {
    Figure::new(
        "tornado",
        "Tornado chart",
        "Each bar runs from the mean of the metric over the draws where the parameter is in its \
         lowest decile to the mean where it is in its highest, around the black line at the \
         mean of all draws: vermillion on the lowest-decile side, blue on the highest, so a \
         blue part pointing left marks a parameter that lowers the metric; the widest bars \
         matter most.",
    )
}

/// The Sobol bar chart in `index.md`.
fn sobol_figure(year: i32) -> Figure {
    Figure::new(
        "sobol",
        format!("Sobol indices in {year}"),
        "For the parameters with the largest total index: the orange bar is S1 (variance \
         explained alone), the blue bar ST (with interactions), whiskers the bootstrap \
         intervals; a long blue bar with a short orange one means interactions.",
    )
}

/// The heatmap in `index.md`.
fn heatmap_figure() -> Figure {
    Figure::new(
        "sobol-heatmap",
        "Total indices by year",
        "Total index ST of each parameter (row) in each year (column), darker purple near 0, \
         yellow near 1: how the drivers of the metric shift over time; hatched grey cells are \
         years where the metric does not vary.",
    )
}
