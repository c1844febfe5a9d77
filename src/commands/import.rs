//! `import`, `reference add`, `watchlist import` and `check`.

use super::{Failure, Out, open_store};
use crate::ingest::{self, InputKind};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Parses every file first; only when all are good is anything written, in one transaction.
pub fn import(db: &Path, files: &[PathBuf], run_checks: bool, out: &mut Out) -> Result<(), Failure> {
    let progress = progress_bar(files.len() as u64, "reading");
    let mut batches = Vec::with_capacity(files.len());
    let mut outgoing = 0usize;
    for file in files {
        if let Some(p) = &progress {
            p.set_message(file.display().to_string());
        }
        let reports = ingest::read_reports(file)?;
        if InputKind::of(file) == Some(InputKind::LinkedinInvitations) {
            outgoing += std::fs::read_to_string(file).map(|t| ingest::linkedin::count_outgoing(&t)).unwrap_or(0);
        }
        batches.push((file.display().to_string(), reports));
        if let Some(p) = &progress {
            p.inc(1);
        }
    }
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let mut store = open_store(db)?;
    let outcome = store.import_reports(&batches)?;
    let mut line = format!(
        "imported {}, already present {}, skipped outgoing {}",
        outcome.imported.len(),
        outcome.already_present,
        outgoing
    );
    if outcome.imported.len() > 1000 {
        store.analyze()?;
    }
    if run_checks && !outcome.imported.is_empty() {
        let summary = crate::analysis::refresh_stale(&mut store, |_, _| {})?;
        line.push_str(&format!("; checked {}", summary.checked));
    }
    out.line(line)?;
    Ok(())
}

pub fn reference_add(db: &Path, dir: &Path, label: &str, source: Option<&str>, out: &mut Out) -> Result<(), Failure> {
    if label.trim().is_empty() {
        return Err(Failure::usage("--label must not be empty"));
    }
    let images = ingest::reference::read_folder(dir)?;
    let mut store = open_store(db)?;
    let (added, present) = store.add_references(&images, label.trim(), source)?;
    out.line(format!(
        "added {added} reference photos labelled {:?}, already present {present}; run `linkvet check` to refresh evidence",
        label.trim()
    ))?;
    Ok(())
}

pub fn watchlist_import(db: &Path, file: &Path, out: &mut Out) -> Result<(), Failure> {
    let entries = ingest::watchlist::read_watchlist(file)?;
    let mut store = open_store(db)?;
    let (added, present) = store.add_watchlist(&entries)?;
    out.line(format!(
        "added {added} watchlist entries, already present {present}; run `linkvet check` to refresh evidence"
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

/// A progress bar on stderr, only when a person is watching.
pub(crate) fn progress_bar(len: u64, verb: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len);
    let style = indicatif::ProgressStyle::with_template(&format!("{verb} {{bar:30}} {{pos}}/{{len}} {{msg}}"))
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}
