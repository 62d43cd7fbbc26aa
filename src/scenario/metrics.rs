//! The metrics of a scenario (docs/model.md section 5) and where each one
//! lives in a run's output: the one place that maps a metric to its name, its
//! unit, its index in output order, and `(metric, year)` to a series.
//!
//! A [`Metric`] is typed (it names its axis or segment by position), so the
//! model emits values by meaning, never by index arithmetic; a [`MetricIndex`]
//! lays the metrics out in output order: spending, effect and deliverables per
//! axis, then adoption, adopters and market per segment, then the market
//! totals, then, when the scenario has `[economics]`, the present values
//! (spending per axis, then the domestic and total market). Adding a metric is one variant here, which the compiler then asks
//! the model and the index to handle.
//!
//! ```
//! let s = esante::Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! let m = s.metrics.find("market.total").expect("every scenario has it");
//! let last = s.metrics.series(m, s.metrics.years() - 1);
//! assert_eq!(s.metrics.locate(last), (m, s.end_year));
//! # Ok::<(), esante::scenario::ScenarioError>(())
//! ```

use super::{Axis, Segment};

/// What a metric measures, for labels and units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    /// Cumulative executed public spending of an axis, M EUR.
    Spending,
    /// Effect level of an axis, 0..1.
    Effect,
    /// Cumulative deliverables of an axis, units.
    Deliverable,
    /// Adopted share of a segment, 0..1.
    Adoption,
    /// Adopters of a segment, units.
    Adopters,
    /// Market of a segment or a market total, M EUR per year.
    Market,
    /// Cumulative present value of spending or of a market, M EUR of the
    /// base year.
    PresentValue,
}

impl MetricKind {
    /// Whether values are shares in [0, 1] (shown as percentages).
    pub fn is_share(self) -> bool {
        matches!(self, MetricKind::Adoption | MetricKind::Effect)
    }
}

/// A metric, by meaning: axes and segments by their position in the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Metric {
    /// `spending.<axis>`: cumulative executed public spending.
    Spending(usize),
    /// `effect.<axis>`: effect level.
    Effect(usize),
    /// `deliverable.<axis>.<name>`: deliverable `k` of an axis.
    Deliverable(usize, usize),
    /// `adoption.<segment>`: adopted share.
    Adoption(usize),
    /// `adopters.<segment>`: adopters.
    Adopters(usize),
    /// `market.<segment>`: market of a segment.
    Market(usize),
    /// `market.domestic`.
    Domestic,
    /// `market.export`.
    Export,
    /// `market.total`.
    Total,
    /// `pv.spending.<axis>`: cumulative discounted executed public spending.
    PvSpending(usize),
    /// `pv.market.domestic`: cumulative discounted domestic market.
    PvDomestic,
    /// `pv.market.total`: cumulative discounted total market.
    PvTotal,
}

/// Name, unit and kind of one metric.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MetricInfo {
    /// Dotted name, as in docs/model.md section 5 (e.g. `adoption.hospitals`).
    pub name: String,
    /// Unit, for display.
    pub unit: String,
    /// What it measures.
    pub kind: MetricKind,
}

/// One metric in one year: an index into a run's series, `metric * years + t`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Series(pub usize);

/// The metrics of a scenario in output order, with their series.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricIndex {
    infos: Vec<MetricInfo>,
    metrics: Vec<Metric>,
    /// Output index of the first deliverable of each axis.
    deliverable_base: Vec<usize>,
    /// Output index of the first segment metric.
    seg_base: usize,
    /// Output index of the first present value, when there are any.
    pv_base: Option<usize>,
    n_axes: usize,
    n_segments: usize,
    start_year: i32,
    years: usize,
}

impl MetricIndex {
    /// The metrics of a scenario with these axes and segments, over `years`
    /// calendar years from `start_year`; with the present values when
    /// `present_values` (the scenario has `[economics]`).
    pub fn new(
        axes: &[Axis],
        segments: &[Segment],
        start_year: i32,
        years: usize,
        present_values: bool,
    ) -> MetricIndex {
        let mut metrics = Vec::new();
        metrics.extend((0..axes.len()).map(Metric::Spending));
        metrics.extend((0..axes.len()).map(Metric::Effect));
        let mut deliverable_base = Vec::with_capacity(axes.len());
        for (a, axis) in axes.iter().enumerate() {
            deliverable_base.push(metrics.len());
            metrics.extend((0..axis.deliverables.len()).map(|k| Metric::Deliverable(a, k)));
        }
        let seg_base = metrics.len();
        metrics.extend((0..segments.len()).map(Metric::Adoption));
        metrics.extend((0..segments.len()).map(Metric::Adopters));
        metrics.extend((0..segments.len()).map(Metric::Market));
        metrics.extend([Metric::Domestic, Metric::Export, Metric::Total]);
        let pv_base = present_values.then_some(metrics.len());
        if present_values {
            metrics.extend((0..axes.len()).map(Metric::PvSpending));
            metrics.extend([Metric::PvDomestic, Metric::PvTotal]);
        }
        let info = |name: String, unit: &str, kind| MetricInfo {
            name,
            unit: unit.to_string(),
            kind,
        };
        let infos = metrics
            .iter()
            .map(|&m| match m {
                Metric::Spending(a) => info(
                    format!("spending.{}", axes[a].id),
                    "M EUR",
                    MetricKind::Spending,
                ),
                Metric::Effect(a) => info(
                    format!("effect.{}", axes[a].id),
                    "share",
                    MetricKind::Effect,
                ),
                Metric::Deliverable(a, k) => info(
                    format!(
                        "deliverable.{}.{}",
                        axes[a].id, axes[a].deliverables[k].name
                    ),
                    "units",
                    MetricKind::Deliverable,
                ),
                Metric::Adoption(s) => info(
                    format!("adoption.{}", segments[s].id),
                    "share",
                    MetricKind::Adoption,
                ),
                Metric::Adopters(s) => info(
                    format!("adopters.{}", segments[s].id),
                    &segments[s].unit,
                    MetricKind::Adopters,
                ),
                Metric::Market(s) => info(
                    format!("market.{}", segments[s].id),
                    "M EUR/year",
                    MetricKind::Market,
                ),
                Metric::Domestic => {
                    info("market.domestic".into(), "M EUR/year", MetricKind::Market)
                }
                Metric::Export => info("market.export".into(), "M EUR/year", MetricKind::Market),
                Metric::Total => info("market.total".into(), "M EUR/year", MetricKind::Market),
                Metric::PvSpending(a) => info(
                    format!("pv.spending.{}", axes[a].id),
                    "M EUR",
                    MetricKind::PresentValue,
                ),
                Metric::PvDomestic => info(
                    "pv.market.domestic".into(),
                    "M EUR",
                    MetricKind::PresentValue,
                ),
                Metric::PvTotal => {
                    info("pv.market.total".into(), "M EUR", MetricKind::PresentValue)
                }
            })
            .collect();
        MetricIndex {
            infos,
            metrics,
            deliverable_base,
            seg_base,
            pv_base,
            n_axes: axes.len(),
            n_segments: segments.len(),
            start_year,
            years,
        }
    }

    /// Number of metrics.
    pub fn len(&self) -> usize {
        self.metrics.len()
    }

    /// Whether there is no metric (never, for a valid scenario).
    pub fn is_empty(&self) -> bool {
        self.metrics.is_empty()
    }

    /// Whether the present values (`pv.*`) are metrics: the scenario has
    /// `[economics]`.
    pub fn has_present_values(&self) -> bool {
        self.pv_base.is_some()
    }

    /// Number of simulated years.
    pub fn years(&self) -> usize {
        self.years
    }

    /// Number of series: metrics times years.
    pub fn n_series(&self) -> usize {
        self.metrics.len() * self.years
    }

    /// The calendar year of year index `t`.
    pub fn year(&self, t: usize) -> i32 {
        self.start_year + t as i32
    }

    /// The year index of calendar year `year`, if it is in the horizon.
    pub fn year_index(&self, year: i32) -> Option<usize> {
        let t = usize::try_from(i64::from(year) - i64::from(self.start_year)).ok()?;
        (t < self.years).then_some(t)
    }

    /// The calendar years, in order.
    pub fn year_list(&self) -> Vec<i32> {
        (0..self.years).map(|t| self.year(t)).collect()
    }

    /// The output index of a metric.
    pub fn index(&self, m: Metric) -> usize {
        let (a, s, seg) = (self.n_axes, self.n_segments, self.seg_base);
        match m {
            Metric::Spending(i) => i,
            Metric::Effect(i) => a + i,
            Metric::Deliverable(i, k) => self.deliverable_base[i] + k,
            Metric::Adoption(i) => seg + i,
            Metric::Adopters(i) => seg + s + i,
            Metric::Market(i) => seg + 2 * s + i,
            Metric::Domestic => seg + 3 * s,
            Metric::Export => seg + 3 * s + 1,
            Metric::Total => seg + 3 * s + 2,
            Metric::PvSpending(i) => self.pv_index(i),
            Metric::PvDomestic => self.pv_index(a),
            Metric::PvTotal => self.pv_index(a + 1),
        }
    }

    /// The output index of present value `i` (the axes', then the domestic
    /// and the total market's). Asking for a present value of a scenario
    /// without `[economics]` is a bug of the caller.
    fn pv_index(&self, i: usize) -> usize {
        self.pv_base
            .expect("present values are metrics only with [economics]")
            + i
    }

    /// The metric at output index `i`.
    pub fn metric(&self, i: usize) -> Metric {
        self.metrics[i]
    }

    /// Name, unit and kind of a metric.
    pub fn info(&self, m: Metric) -> &MetricInfo {
        &self.infos[self.index(m)]
    }

    /// Every metric in output order, with its information.
    pub fn iter(&self) -> impl Iterator<Item = (Metric, &MetricInfo)> + '_ {
        self.metrics.iter().copied().zip(&self.infos)
    }

    /// The metric with this dotted name, e.g. `market.total`.
    pub fn find(&self, name: &str) -> Option<Metric> {
        self.infos
            .iter()
            .position(|i| i.name == name)
            .map(|i| self.metrics[i])
    }

    /// Every metric name, in output order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.infos.iter().map(|i| i.name.as_str())
    }

    /// The series of a metric in year index `t`.
    pub fn series(&self, m: Metric, t: usize) -> Series {
        debug_assert!(t < self.years);
        Series(self.index(m) * self.years + t)
    }

    /// The series of a metric in calendar year `year`, if it is in the horizon.
    pub fn series_in(&self, m: Metric, year: i32) -> Option<Series> {
        self.year_index(year).map(|t| self.series(m, t))
    }

    /// The metric and calendar year of a series.
    pub fn locate(&self, s: Series) -> (Metric, i32) {
        let (i, t) = self.split(s);
        (self.metrics[i], self.year(t))
    }

    /// The output index of the metric and the year index of a series.
    pub fn split(&self, s: Series) -> (usize, usize) {
        (s.0 / self.years, s.0 % self.years)
    }
}
