//! The charts of a sensitivity report: `tornado`, `sobol` and
//! `sobol-heatmap`.

pub mod heatmap;
pub mod sobol;
pub mod tornado;
