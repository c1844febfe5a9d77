//! A spool folder: reports dropped into a folder by a mail rule or a reporting form are imported
//! as they appear, then moved to `done/` or, with the error in a file beside them, `rejected/`.
//!
//! A file is taken only once it is complete. Two conventions make that so, and both hold:
//!
//! * names that say "still being written" are never taken: a leading `.`, or an ending `.tmp`,
//!   `.part`, `.partial` or `~`. A writer that writes `report.jsonl.tmp` and renames it to
//!   `report.jsonl` when done (an atomic rename) is taken at once;
//! * any other file is taken only after its size and modification time have stayed the same
//!   for the settle time (2 s by default), so a slow copy into the folder is not read half-way.
//!
//! Each file is imported on its own, all or nothing, exactly like `linkvet import FILE`. A
//! database that is busy or unavailable is not the file's fault: the file stays where it is
//! and is tried again on the next look.

use crate::ingest::ReadOptions;
use crate::intake::{self, ImportSummary, IntakeError};
use crate::sanitize::sanitize_multiline;
use crate::store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

/// What became of one file.
#[derive(Debug)]
pub enum Taken {
    /// Imported and moved to `done/`.
    Done { file: PathBuf, moved_to: PathBuf, summary: ImportSummary },
    /// Refused and moved to `rejected/`, with the error in `<name>.error.txt` there.
    Rejected { file: PathBuf, moved_to: PathBuf, error: String },
    /// Left in place (the database was unavailable); tried again later.
    Later { file: PathBuf, error: String },
}

impl Taken {
    /// One line for people and the log.
    pub fn describe(&self) -> String {
        match self {
            Taken::Done { file, summary, .. } => format!("{}: {}", name(file), summary.line()),
            Taken::Rejected { file, error, .. } => {
                format!("{}: rejected: {}", name(file), error.lines().next().unwrap_or(""))
            }
            Taken::Later { file, error } => format!("{}: left for later: {error}", name(file)),
        }
    }
}

fn name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Names a writer uses while a file is incomplete.
pub fn is_in_progress(file_name: &str) -> bool {
    let lower = file_name.to_ascii_lowercase();
    lower.starts_with('.')
        || lower.ends_with('~')
        || [".tmp", ".part", ".partial", ".crdownload"].iter().any(|s| lower.ends_with(s))
}

pub struct Spool {
    dir: PathBuf,
    done: PathBuf,
    rejected: PathBuf,
    settle: Duration,
    /// Each file's (size, modified) when first seen so, and since when.
    seen: HashMap<PathBuf, ((u64, Option<SystemTime>), Instant)>,
}

impl Spool {
    /// Watches `dir`, creating `done/` and `rejected/` in it (0700) if needed.
    pub fn new(dir: &Path, settle: Duration) -> Result<Spool, String> {
        use std::os::unix::fs::DirBuilderExt;
        let meta = std::fs::metadata(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        if !meta.is_dir() {
            return Err(format!("{}: not a folder", dir.display()));
        }
        let done = dir.join("done");
        let rejected = dir.join("rejected");
        for d in [&done, &rejected] {
            if !d.is_dir() {
                std::fs::DirBuilder::new()
                    .mode(0o700)
                    .create(d)
                    .map_err(|e| format!("cannot create {}: {e}", d.display()))?;
            }
        }
        Ok(Spool { dir: dir.to_path_buf(), done, rejected, settle, seen: HashMap::new() })
    }

    /// Files complete and ready to take, oldest name first.
    pub fn ready(&mut self) -> Result<Vec<PathBuf>, String> {
        self.ready_at(Instant::now())
    }

    /// [`Spool::ready`] as seen at `now` (tests pass their own clock).
    pub fn ready_at(&mut self, now: Instant) -> Result<Vec<PathBuf>, String> {
        let entries = std::fs::read_dir(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        let mut present = Vec::new();
        let mut ready = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(file_name) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
            if is_in_progress(&file_name) {
                continue;
            }
            // Folders (done/, rejected/, anything else) and links are not inputs here.
            let Ok(meta) = std::fs::symlink_metadata(&path) else { continue };
            if !meta.is_file() {
                continue;
            }
            let signature = (meta.len(), meta.modified().ok());
            present.push(path.clone());
            match self.seen.get(&path) {
                Some((sig, since)) if *sig == signature => {
                    if now.duration_since(*since) >= self.settle {
                        ready.push(path);
                    }
                }
                _ => {
                    self.seen.insert(path.clone(), (signature, now));
                    if self.settle.is_zero() {
                        ready.push(path);
                    }
                }
            }
        }
        self.seen.retain(|p, _| present.contains(p));
        ready.sort();
        Ok(ready)
    }

    /// Files seen but not yet settled.
    pub fn pending(&self) -> usize {
        self.seen.len()
    }

    /// Imports one file and moves it to where it belongs.
    pub fn take(&mut self, store: &mut Store, file: &Path, opts: &ReadOptions, run_checks: bool) -> Taken {
        let files = [file.to_path_buf()];
        let result = intake::import_files(store, &files, opts, run_checks, Arc::new(intake::Silent));
        let taken = match result {
            Err(IntakeError::Store(e)) if e.is_unavailable() => {
                self.seen.remove(file);
                Taken::Later { file: file.to_path_buf(), error: e.to_string() }
            }
            Ok(summary) => match self.move_into(file, &self.done.clone()) {
                Ok(moved_to) => Taken::Done { file: file.to_path_buf(), moved_to, summary },
                Err(e) => Taken::Later { file: file.to_path_buf(), error: e },
            },
            Err(e) => {
                let error = format!("{e}\nnothing from this file was imported");
                match self.move_into(file, &self.rejected.clone()) {
                    Ok(moved_to) => {
                        let mut note = moved_to.clone().into_os_string();
                        note.push(".error.txt");
                        // Written for people who will `cat` it: hidden characters shown, not acted on.
                        let _ = std::fs::write(&note, format!("{}\n", sanitize_multiline(&error)));
                        Taken::Rejected { file: file.to_path_buf(), moved_to, error }
                    }
                    Err(m) => Taken::Later { file: file.to_path_buf(), error: format!("{error}; {m}") },
                }
            }
        };
        self.seen.remove(file);
        match &taken {
            Taken::Done { .. } => tracing::info!(spool = ?self.dir, outcome = ?taken.describe(), "spool file"),
            _ => tracing::warn!(spool = ?self.dir, outcome = ?taken.describe(), "spool file"),
        }
        taken
    }

    /// Moves `file` into `folder`, never over an earlier file of the same name.
    fn move_into(&self, file: &Path, folder: &Path) -> Result<PathBuf, String> {
        let base = name(file);
        let mut target = folder.join(&base);
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
        let mut n = 1;
        while target.exists() || with_error_suffix(&target).exists() {
            target = folder.join(format!("{stamp}-{n}-{base}"));
            n += 1;
        }
        std::fs::rename(file, &target)
            .map_err(|e| format!("cannot move {} to {}: {e}", file.display(), target.display()))?;
        Ok(target)
    }
}

fn with_error_suffix(p: &Path) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(".error.txt");
    PathBuf::from(s)
}

/// Runs a spool until `stop` says so (or, with `once`, until nothing is left to settle), calling
/// `report` with what became of each file.
#[allow(clippy::too_many_arguments)] // the spool's settings, each its own flag
pub fn run(
    store: &mut Store,
    spool: &mut Spool,
    opts: &ReadOptions,
    run_checks: bool,
    interval: Duration,
    once: bool,
    stop: &dyn Fn() -> bool,
    report: &mut dyn FnMut(&Taken),
) -> Result<(), String> {
    loop {
        let ready = spool.ready()?;
        for file in &ready {
            if stop() {
                return Ok(());
            }
            let taken = spool.take(store, file, opts, run_checks);
            report(&taken);
        }
        if once && ready.is_empty() && spool.pending() == 0 {
            return Ok(());
        }
        // Sleep in small steps so a stop request is seen at once.
        let until = Instant::now() + interval;
        while Instant::now() < until {
            if stop() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(50).min(interval));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_files_still_being_written_are_left_alone() {
        for n in [".report.jsonl", "report.jsonl.tmp", "a.eml.part", "x.csv~", "d.zip.crdownload"] {
            assert!(is_in_progress(n), "{n}");
        }
        for n in ["report.jsonl", "tmp.eml", "partial-report.json"] {
            assert!(!is_in_progress(n), "{n}");
        }
    }

    #[test]
    fn a_file_is_ready_only_once_it_has_stopped_changing() {
        let dir = tempfile::tempdir().unwrap();
        let settle = Duration::from_secs(2);
        let mut spool = Spool::new(dir.path(), settle).unwrap();
        let t0 = Instant::now();
        let at = |ms: u64| t0 + Duration::from_millis(ms);
        let f = dir.path().join("r.jsonl");
        std::fs::write(&f, "{").unwrap();
        std::fs::write(dir.path().join("r2.jsonl.tmp"), "{").unwrap();
        assert!(spool.ready_at(at(0)).unwrap().is_empty(), "not settled yet");
        assert_eq!(spool.pending(), 1, "the .tmp file is not even considered");
        // Still growing (the size changes): the clock starts again.
        std::fs::write(&f, "{\"a\": 1, \"more\": true}").unwrap();
        assert!(spool.ready_at(at(1_500)).unwrap().is_empty());
        assert!(spool.ready_at(at(3_000)).unwrap().is_empty(), "1.5 s since the change is under the settle time");
        assert_eq!(spool.ready_at(at(3_600)).unwrap(), vec![f]);
    }
}
