//! linkvet: triage of suspicious social-media connection requests ("approaches").
//!
//! The library holds everything but the binary's entry point, so integration tests and
//! benchmarks reach the same code the officer runs.
#![forbid(unsafe_code)]

pub mod analysis;
pub mod app;
pub mod checks;
pub mod cli;
pub mod commands;
pub mod demo_gen;
pub mod domain;
pub mod export;
pub mod imaging;
pub mod ingest;
pub mod intake;
pub mod logging;
pub mod parallel;
pub mod sanitize;
pub mod spool;
pub mod stats;
pub mod store;
pub mod tui;
pub mod ui;

use commands::Failure;

/// Runs what the command line asks for: a headless command, the workstation, or the demo.
pub fn run(cli: cli::Cli) -> Result<(), Failure> {
    // Generated from the command-line definitions alone: no database, no log.
    if matches!(cli.command, Some(cli::Command::Completions { .. } | cli::Command::Manpage)) {
        return commands::run(cli, std::path::Path::new(""));
    }
    if cli.demo {
        let dir = tempfile::Builder::new()
            .prefix("linkvet-demo-")
            .tempdir()
            .map_err(|e| Failure::problem(format!("cannot create a demo folder: {e}")))?;
        let _log = logging::init(dir.path());
        let db = commands::seed_demo(dir.path())?;
        if cli.command.is_some() {
            return commands::run(cli, &db);
        }
        return tui::run(&db, &cli.global, cli.watch.as_deref());
    }
    let db = match &cli.global.db {
        Some(p) => p.clone(),
        None => commands::default_db_path()?,
    };
    let _log = logging::init(db.parent().unwrap_or(std::path::Path::new(".")));
    if cli.command.is_none() {
        return tui::run(&db, &cli.global, cli.watch.as_deref());
    }
    if cli.watch.is_some() {
        return Err(Failure::usage("--watch belongs to the workstation; with a command, use `linkvet watch DIR`"));
    }
    commands::run(cli, &db)
}
