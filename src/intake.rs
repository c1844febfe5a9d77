//! Taking files in: every file read and checked first (one bad file imports nothing), then all
//! written in one transaction, then the checks run on what is new. One path for `import`,
//! `watch` and the workstation's spool folder, so they cannot drift apart.

use crate::ingest::{self, Batch, IngestError, ReadOptions, Skipped};
use crate::store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Where long work reports how far it is; the CLI draws a bar, everything else ignores it.
pub trait Progress: Send + Sync {
    /// A new phase: what is being done, the unit counted, and how many there are (0: unknown).
    fn phase(&self, _what: &str, _unit: &str, _total: u64) {}
    /// `done` of the phase's total are finished.
    fn done(&self, _done: u64) {}
    /// The work is over; clear whatever was shown.
    fn finish(&self) {}
}

/// Reports nowhere.
pub struct Silent;
impl Progress for Silent {}

/// Why an import stopped. Nothing was written in either case.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Input(#[from] IngestError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an import did.
#[derive(Debug, Default)]
pub struct ImportSummary {
    pub imported: usize,
    pub already_present: usize,
    /// LinkedIn invitations the member sent themselves.
    pub outgoing: usize,
    /// Messages that are not approaches, with why.
    pub skipped: Vec<Skipped>,
    /// How inputs were read where it had to be decided.
    pub notes: Vec<String>,
    /// Requests checked afterwards, when checks ran.
    pub checked: Option<usize>,
}

impl ImportSummary {
    /// The one-line summary people and logs read.
    pub fn line(&self) -> String {
        let mut line = format!(
            "imported {}, already present {}, skipped outgoing {}",
            self.imported, self.already_present, self.outgoing
        );
        if !self.skipped.is_empty() {
            line.push_str(&format!(", skipped {} not approaches", self.skipped.len()));
        }
        if let Some(n) = self.checked {
            line.push_str(&format!("; checked {n}"));
        }
        line
    }
}

/// Reads every file, telling `progress` how far it is; the first bad one stops it all.
pub fn read_files(
    files: &[PathBuf],
    opts: &ReadOptions,
    progress: &Arc<dyn Progress>,
) -> Result<Vec<(String, Batch)>, IngestError> {
    let mut opts = opts.clone();
    let tick = Arc::clone(progress);
    opts.lines = Some(ingest::LineTicker(Arc::new(move |done, total| {
        tick.phase("", "lines", total);
        tick.done(done);
    })));
    let opts = &opts;
    let mut batches = Vec::with_capacity(files.len());
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        progress.phase(&format!("reading {name}"), "lines", 0);
        let batch = ingest::read_input(file, opts)?;
        batches.push((file.display().to_string(), batch));
    }
    Ok(batches)
}

/// Imports `files` into `store`: all or nothing, then checks on the new requests.
pub fn import_files(
    store: &mut Store,
    files: &[PathBuf],
    opts: &ReadOptions,
    run_checks: bool,
    progress: Arc<dyn Progress>,
) -> Result<ImportSummary, IntakeError> {
    let read = read_files(files, opts, &progress)?;
    import_read(store, files, read, run_checks, progress)
}

/// Writes files already read by [`read_files`] (so that a command can refuse bad input before
/// it creates a database), then checks the new requests.
pub fn import_read(
    store: &mut Store,
    files: &[PathBuf],
    read: Vec<(String, Batch)>,
    run_checks: bool,
    progress: Arc<dyn Progress>,
) -> Result<ImportSummary, IntakeError> {
    let started = Instant::now();
    let mut summary = ImportSummary::default();
    let mut batches = Vec::with_capacity(read.len());
    for (name, batch) in read {
        summary.outgoing += batch.outgoing;
        summary.skipped.extend(batch.skipped);
        summary.notes.extend(batch.notes);
        batches.push((name, batch.reports));
    }
    let total: usize = batches.iter().map(|(_, r)| r.len()).sum();
    progress.phase("writing", "reports", total as u64);
    let outcome = store.import_reports(&batches)?;
    progress.done(total as u64);
    summary.imported = outcome.imported.len();
    summary.already_present = outcome.already_present;
    if outcome.imported.len() > 1000 {
        store.analyze()?;
    }
    tracing::info!(
        files = ?files,
        imported = summary.imported,
        already_present = summary.already_present,
        skipped = summary.skipped.len(),
        outgoing = summary.outgoing,
        ms = started.elapsed().as_millis() as u64,
        "import"
    );
    for s in &summary.skipped {
        // Debug formatting: the subject is the sender's text, escaped in the log like anywhere else.
        tracing::info!(file = ?s.file, line = s.line, what = ?s.what, reason = ?s.reason, "import skipped a message");
    }
    if run_checks && !outcome.imported.is_empty() {
        // The runner counts each check on each request (seven per request).
        let tick = Arc::clone(&progress);
        let checked = crate::analysis::refresh_stale(store, move |done, total| {
            tick.phase("checking", "checks", total as u64);
            tick.done(done as u64);
        })?;
        summary.checked = Some(checked.checked);
    }
    progress.finish();
    Ok(summary)
}
