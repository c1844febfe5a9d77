//! `import`, `init`, `reference add`, `watchlist import` and `check`.

use super::{Failure, Out, create_store, open_store};
use crate::cli::{DateOrderArg, IntakeArgs};
use crate::ingest::{self, DateOrder, ReadOptions};
use crate::intake::{self, IntakeError, Progress};
use crate::sanitize::sanitize;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl From<IntakeError> for Failure {
    fn from(e: IntakeError) -> Self {
        match e {
            IntakeError::Input(e) => e.into(),
            IntakeError::Store(e) => e.into(),
        }
    }
}

/// The reading options `import` and `watch` were given.
pub fn read_options(args: &IntakeArgs) -> ReadOptions {
    let clean = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    ReadOptions {
        lines: None,
        date_order: args.date_order.map(|o| match o {
            DateOrderArg::Dmy => DateOrder::Dmy,
            DateOrderArg::Mdy => DateOrder::Mdy,
        }),
        tz: args.tz,
        reporter: clean(&args.reporter),
        recipient_org: clean(&args.recipient_org),
    }
}

/// Parses every file first; only when all are good is anything written, in one transaction.
/// The database is created if it is not there: importing is how a case file starts.
pub fn import(db: &Path, files: &[PathBuf], args: &IntakeArgs, out: &mut Out) -> Result<(), Failure> {
    let opts = read_options(args);
    let progress: Arc<dyn Progress> = match TerminalProgress::new() {
        Some(p) => Arc::new(p),
        None => Arc::new(intake::Silent),
    };
    // Every file is read before the database is touched: a bad file leaves no new database.
    let read = match intake::read_files(files, &opts, &progress) {
        Ok(r) => r,
        Err(e) => {
            progress.finish();
            return Err(e.into());
        }
    };
    let mut store = create_store(db)?;
    let summary = intake::import_read(&mut store, files, read, !args.no_check, progress)?;
    for note in &summary.notes {
        out.line(sanitize(note))?;
    }
    for s in &summary.skipped {
        out.line(format!(
            "skipped {}, line {}, {}: {}",
            sanitize(&s.file.display().to_string()),
            s.line,
            sanitize(&s.what),
            sanitize(&s.reason)
        ))?;
    }
    out.line(summary.line())?;
    Ok(())
}

/// `init`: an empty database at the path, or a clear word that one is already there.
pub fn init(db: &Path, out: &mut Out) -> Result<(), Failure> {
    let existed = db.exists();
    let store = create_store(db)?;
    let requests = store.request_count()?;
    tracing::info!(db = %db.display(), existed, "init");
    if existed {
        out.line(format!(
            "{}: a linkvet database is already there ({requests} requests); left as it was",
            db.display()
        ))?;
    } else {
        out.line(format!("{}: created an empty linkvet database", db.display()))?;
    }
    Ok(())
}

pub fn reference_add(db: &Path, dir: &Path, label: &str, source: Option<&str>, out: &mut Out) -> Result<(), Failure> {
    if label.trim().is_empty() {
        return Err(Failure::usage("--label must not be empty"));
    }
    let images = ingest::reference::read_folder(dir)?;
    let mut store = create_store(db)?;
    let (added, present) = store.add_references(&images, label.trim(), source)?;
    out.line(format!(
        "added {added} reference photos labelled {:?}, already present {present}; run `linkvet check` to refresh evidence",
        label.trim()
    ))?;
    Ok(())
}

pub fn watchlist_import(db: &Path, file: &Path, out: &mut Out) -> Result<(), Failure> {
    let read = ingest::partner::read_any_watchlist(file)?;
    let mut store = create_store(db)?;
    let (added, present) = store.add_watchlist(&read.entries)?;
    tracing::info!(file = %file.display(), format = read.format, added, present, skipped = read.skipped.len(), "watchlist import");
    for (what, count) in &read.skipped {
        out.line(format!("not taken: {count} × {}", sanitize(what)))?;
    }
    out.line(format!(
        "added {added} watchlist entries from {}, already present {present}; run `linkvet check` to refresh evidence",
        read.format
    ))?;
    Ok(())
}

pub fn check(db: &Path, ids: &[String], stale_only: bool, out: &mut Out) -> Result<(), Failure> {
    let mut store = open_store(db)?;
    let progress = progress_bar(0, "checking");
    let bar = progress.clone();
    let tick = move |done: usize, total: usize| {
        if let Some(p) = &bar {
            p.set_length(total as u64);
            p.set_position(done as u64);
        }
    };
    let summary = if stale_only {
        crate::analysis::refresh_stale(&mut store, tick)?
    } else if ids.is_empty() {
        crate::analysis::refresh_all(&mut store, tick)?
    } else {
        let resolved = ids.iter().map(|i| store.resolve_request(i)).collect::<Result<Vec<_>, _>>()?;
        crate::analysis::refresh(&mut store, &resolved, tick)?
    };
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let linked = if summary.linked > 0 {
        format!(" ({} of them linked to the ones asked)", summary.linked)
    } else {
        String::new()
    };
    out.line(format!(
        "checked {} requests{linked}: {} high, {} medium, {} low",
        summary.checked, summary.high, summary.medium, summary.low
    ))?;
    Ok(())
}

/// Import progress on stderr, only when a person is watching: one bar per phase, with its unit,
/// rate and time left.
struct TerminalProgress {
    bar: indicatif::ProgressBar,
}

impl TerminalProgress {
    fn new() -> Option<TerminalProgress> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::no_length();
        let style =
            indicatif::ProgressStyle::with_template("{prefix:.30} {bar:25} {human_pos}/{human_len} {msg}, {eta} left")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        Some(TerminalProgress { bar })
    }
}

impl Progress for TerminalProgress {
    fn phase(&self, what: &str, unit: &str, total: u64) {
        if !what.is_empty() && self.bar.prefix() != what {
            self.bar.reset();
            self.bar.set_prefix(sanitize(what).into_owned());
        }
        if total == 0 {
            // Not known yet: no bar at all rather than a full one.
            self.bar.unset_length();
            return;
        }
        self.bar.set_message(unit.to_owned());
        self.bar.set_length(total);
    }
    fn done(&self, done: u64) {
        self.bar.set_position(done);
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// A progress bar on stderr, only when a person is watching.
pub(crate) fn progress_bar(len: u64, verb: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len);
    let style = indicatif::ProgressStyle::with_template(&format!(
        "{verb} {{bar:30}} {{human_pos}}/{{human_len}} checks (seven per request), {{eta}} left {{msg}}"
    ))
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}
