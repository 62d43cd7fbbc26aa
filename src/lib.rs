//! # esante
//!
//! A Monte Carlo scenario simulator for digital-health (e-santé) investment
//! outcomes. A scenario (TOML, see [`scenario`]) funds *axes* with budgets and
//! schedules and describes *segments* that adopt digital tools along Bass
//! diffusion curves lifted by the program's effects; every uncertain number is a
//! probability distribution ([`dist`]). The [`engine`] samples thousands to
//! millions of draws ([`sampling`]) in one draw loop, steps the yearly
//! model (`src/model.rs`) and hands every block to visitors: mergeable [`stats`] per metric
//! and year, the draws export, the paired differences of a comparison, the
//! designs of a sensitivity analysis, the many splits of an optimisation on
//! common random numbers. [`analysis`] holds the results and their
//! derived numbers; [`report`] presents them (summary files, PNG and SVG
//! charts, the `index.md` page) in a locale.
//!
//! Layers, each using only those below it: `report` -> `analysis` ->
//! `engine` -> `model`, `stats`, `sampling`, `scenario`, `dist`; [`shown`]
//! (how numbers read in error messages) and [`lang`] (the languages a
//! scenario and the command line may name) sit below them all.
//!
//! ```
//! use esante::{Scenario, analysis::run::Run, engine};
//! let scenario = Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! let stats = engine::run(&scenario, scenario.simulation, &engine::Silent);
//! let run = Run { scenario: &scenario, stats: &stats };
//! for (target, p) in run.targets() {
//!     println!("{}: {:.1}% ± {:.1}%", target.label, 100.0 * p.value, 100.0 * p.margin95());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The contract between files, engine and reports is `docs/model.md`; results
//! depend only on the scenario, the seed, the number of draws and the sampling
//! method.

#![warn(missing_docs)]

pub mod analysis;
pub mod dist;
pub mod engine;
pub mod lang;
pub mod math;
pub(crate) mod model;
pub mod report;
pub mod sampling;
pub mod scenario;
pub mod shown;
pub mod stats;

pub use scenario::Scenario;
