//! `watch DIR`: the spool folder as a headless command, until interrupted (or, with `--once`,
//! until everything complete in the folder is taken).

use super::import::read_options;
use super::{Failure, Out, open_store};
use crate::cli::IntakeArgs;
use crate::sanitize::sanitize;
use crate::spool::{self, Spool, Taken};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long files must settle and how often the folder is looked at.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub settle: Duration,
    pub interval: Duration,
}

impl Timing {
    pub fn from_secs(settle: f64, interval: f64) -> Result<Timing, Failure> {
        let secs = |v: f64, flag: &str, min: f64| {
            if v.is_finite() && (min..=3600.0).contains(&v) {
                Ok(Duration::from_secs_f64(v))
            } else {
                Err(Failure::usage(format!("--{flag} must be between {min} and 3600 seconds")))
            }
        };
        Ok(Timing { settle: secs(settle, "settle", 0.0)?, interval: secs(interval, "interval", 0.05)? })
    }
}

pub fn watch(
    db: &Path,
    dir: &Path,
    args: &IntakeArgs,
    timing: Timing,
    once: bool,
    out: &mut Out,
) -> Result<(), Failure> {
    let opts = read_options(args);
    // A spool feeds a case file that already exists: a mistyped --db must not start a new one.
    let mut store = open_store(db)?;
    let mut spool = Spool::new(dir, timing.settle).map_err(Failure::usage)?;
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .map_err(|e| Failure::problem(format!("cannot watch for signals: {e}")))?;
    }
    tracing::info!(spool = %dir.display(), once, "watching");
    if !once {
        out.line(format!(
            "watching {} (files settle for {:.1} s; done/ and rejected/ beside them); Ctrl-C stops",
            sanitize(&dir.display().to_string()),
            timing.settle.as_secs_f64()
        ))?;
        out.flush()?;
    }
    let mut written = Ok(());
    let mut rejected = 0usize;
    let mut report = |t: &Taken| {
        if matches!(t, Taken::Rejected { .. }) {
            rejected += 1;
        }
        if written.is_ok() {
            written = out.line(sanitize(&t.describe())).and_then(|()| out.flush());
        }
    };
    let stopped = || stop.load(Ordering::Relaxed);
    spool::run(&mut store, &mut spool, &opts, !args.no_check, timing.interval, once, &stopped, &mut report)
        .map_err(Failure::problem)?;
    written?;
    if once && rejected > 0 {
        return Err(Failure::problem(format!("{rejected} file(s) rejected; see {}", dir.join("rejected").display())));
    }
    Ok(())
}
