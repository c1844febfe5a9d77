//! The `linkvet` binary: parses the command line, sets up logging to a file, and hands over to
//! the workstation or a headless command.
#![forbid(unsafe_code)]

use clap::Parser;
use linkvet::cli::Cli;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match linkvet::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("linkvet: {}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}
