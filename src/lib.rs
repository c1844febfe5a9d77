//! linkvet: triage of suspicious social-media connection requests ("approaches").
//!
//! The library holds everything but the binary's entry point, so integration tests and
//! benchmarks reach the same code the officer runs.
#![forbid(unsafe_code)]

pub mod checks;
pub mod domain;
pub mod imaging;
