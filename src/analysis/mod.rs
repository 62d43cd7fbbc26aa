//! What the commands compute, as plain result types with their derived
//! numbers: a run's rows and target probabilities ([`run`]) and its backtest
//! against observed figures ([`backtest`]), the posterior of a calibration
//! ([`calibrate`]), the paired
//! differences of a comparison ([`compare`]) and what differs between the
//! compared scenarios besides the programme ([`baseline`]), and the drivers of a metric
//! ([`sensitivity`]), and the partial results of a run spread over machines
//! ([`shard`]). No text, no charts, no command line: [`crate::report`]
//! presents these results.

pub mod backtest;
pub mod baseline;
pub mod calibrate;
pub mod compare;
pub mod convergence;
pub mod optimize;
pub mod run;
pub mod sensitivity;
pub mod shard;
