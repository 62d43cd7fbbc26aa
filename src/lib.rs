//! # esante
//!
//! A Monte Carlo scenario simulator for digital-health (e-santé) investment
//! outcomes. A scenario (TOML, see [`scenario`]) funds *axes* with budgets and
//! schedules and describes *segments* that adopt digital tools along Bass
//! diffusion curves lifted by the program's effects; every uncertain number is a
//! probability distribution ([`dist`]). The [`engine`] samples thousands to
//! millions of draws ([`sampling`]), steps the yearly [`model`] and keeps
//! mergeable [`stats`] per metric and year; [`report`] writes the report folder
//! (summary files, PNG and SVG charts, the `index.md` page).
//!
//! ```no_run
//! use esante::{Scenario, engine, report};
//! let scenario = Scenario::load("scenarios/acceleration-2021.toml".as_ref())?;
//! let stats = engine::run(&scenario, &engine::Silent);
//! let run = report::Run { scenario: &scenario, stats: &stats };
//! let files = report::report_exports(&run, &report::chart::Format::ALL);
//! report::write_folder("reports/acceleration-2021".as_ref(), &run, &files)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! The contract between files, engine and reports is `MODEL.md`; results depend
//! only on the scenario, the seed, the number of draws and the sampling method.

#![warn(missing_docs)]

pub mod compare;
pub mod display;
pub mod dist;
pub mod engine;
pub mod model;
pub mod report;
pub mod sampling;
pub mod scenario;
pub mod sensitivity;
pub mod stats;

pub use scenario::Scenario;
