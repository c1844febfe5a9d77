//! The only place that speaks SQL: one SQLite file holding requests, photos, evidence, the
//! watchlist and the append-only audit chain.
//!
//! Writes run in `BEGIN IMMEDIATE` transactions with WAL and `synchronous=FULL`, so a write
//! that returned is on disk, and a busy database is waited for and retried rather than
//! surfacing "database is locked" to a person.

mod audit;
mod checks;
mod export_queries;
mod migrations;
mod plans;
mod queue;
mod requests;
mod stats;
mod ui_queries;

pub use audit::{AuditFilter, DecisionGuard, DecisionInput};
pub use checks::{CheckInputs, CheckResult, ReferenceRow};
pub use queue::{QueueQuery, SortOrder, StatusCounts};
pub use requests::{ImportOutcome, StoredPhoto};
pub use stats::{CampaignSpan, ReceivedRow};

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database is busy: another linkvet process held it for over {0} s; nothing was written, try again")]
    Locked(u64),
    #[error(
        "{path}: the database was written by a newer linkvet (schema {found}, this build knows up to {supported}); it was not opened or changed"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{0}")]
    Io(String),
    #[error(
        "{}: no database there; nothing was created (check --db / LINKVET_DB, or create one with `linkvet init`, `linkvet import` or `linkvet --demo`)",
        .0.display()
    )]
    Missing(PathBuf),
    #[error("{}: not a linkvet database ({reason}); it was not opened or changed", path.display())]
    NotADatabase { path: PathBuf, reason: String },
    #[error("no request {0:?} (give the request's number or the report's id)")]
    NoSuchRequest(String),
    #[error("{0}")]
    Conflict(Conflict),
    #[error("{0}")]
    Invalid(String),
    #[error("data error: {0}")]
    Data(String),
}

/// Someone else decided the request after the officer last saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub request_id: i64,
    pub seen: Option<crate::domain::Status>,
    pub current: crate::domain::Status,
    pub by: String,
    pub at: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "request #{} was {} by {} at {}", self.request_id, past(self.current), self.by, self.at)?;
        if let Some(seen) = self.seen {
            write!(f, " (you saw it {})", seen.as_str())?;
        }
        f.write_str("; nothing was written — confirm again to decide anyway")
    }
}

fn past(s: crate::domain::Status) -> &'static str {
    match s {
        crate::domain::Status::Pending => "returned to pending",
        other => other.as_str(),
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// How long a write keeps retrying a busy database before giving up (exit code 3).
const WRITE_PATIENCE: Duration = Duration::from_secs(30);
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path`: directory 0700, file 0600, WAL,
    /// `synchronous=FULL`, migrated to the current schema. Only commands that add data call this.
    pub fn open(path: &Path) -> Result<Store> {
        prepare_path(path)?;
        Store::open_file(path, true)
    }

    /// Opens the database at `path` only if one is there: a mistyped `--db` must not leave a
    /// new empty database behind and show an empty queue as if all were well.
    pub fn open_existing(path: &Path) -> Result<Store> {
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(StoreError::Missing(path.to_path_buf())),
            Err(e) => return Err(StoreError::Io(format!("cannot read {}: {e}", path.display()))),
            Ok(m) if !m.is_file() => {
                return Err(StoreError::NotADatabase { path: path.to_path_buf(), reason: "not a regular file".into() });
            }
            // An empty file is what `open` leaves for an instant before SQLite writes the first
            // page; to a reader it is no database.
            Ok(m) if m.len() == 0 => return Err(StoreError::Missing(path.to_path_buf())),
            Ok(_) => {}
        }
        Store::open_file(path, false)
    }

    fn open_file(path: &Path, create: bool) -> Result<Store> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let mut store = Store { conn, path: path.to_path_buf() };
        let not_a_database = |e: StoreError| match e {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) if f.code == ErrorCode::NotADatabase => {
                StoreError::NotADatabase {
                    path: path.to_path_buf(),
                    reason: "the file is not an SQLite database".into(),
                }
            }
            other => other,
        };
        store
            .retry_busy(|s| {
                // journal_mode=WAL needs a lock briefly; retried like any write.
                s.conn.pragma_update(None, "journal_mode", "WAL")?;
                Ok(())
            })
            .map_err(not_a_database)?;
        // Another program's SQLite file is not ours to add tables to.
        let version: i64 = store.conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = store.conn.query_row("SELECT COUNT(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if version == 0 && tables > 0 {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                reason: "an SQLite database of another program".into(),
            });
        }
        store.conn.pragma_update(None, "synchronous", "FULL")?;
        store.conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations::migrate(&mut store.conn, path)?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, retrying with backoff while another
    /// process holds the write lock. Either all of `f` is committed or none of it.
    pub(crate) fn write<T>(&mut self, mut f: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        let started = Instant::now();
        let mut pause = Duration::from_millis(5);
        loop {
            let attempt = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let out = f(&tx)?;
                tx.commit()?;
                Ok(out)
            })();
            match attempt {
                Err(e) if is_busy(&e) && started.elapsed() < WRITE_PATIENCE => {
                    tracing::debug!(?pause, "database busy, retrying");
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(250));
                }
                Err(e) if is_busy(&e) => return Err(StoreError::Locked(WRITE_PATIENCE.as_secs())),
                other => return other,
            }
        }
    }

    fn retry_busy(&mut self, mut f: impl FnMut(&mut Store) -> Result<()>) -> Result<()> {
        let started = Instant::now();
        loop {
            match f(self) {
                Err(e) if is_busy(&e) && started.elapsed() < WRITE_PATIENCE => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                Err(e) if is_busy(&e) => return Err(StoreError::Locked(WRITE_PATIENCE.as_secs())),
                other => return other,
            }
        }
    }

    /// SQLite's `data_version`: changes when another connection commits, so a view can poll it
    /// cheaply to know when to refresh.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
    }

    /// `PRAGMA integrity_check`: "ok" or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    /// Refreshes the planner's statistics (after large imports).
    pub fn analyze(&self) -> Result<()> {
        // Sampling (SQLite's own advice for routine use) gives the planner the same picture at a
        // fraction of the cost: a full ANALYZE was a tenth of a 100,000-report import.
        self.conn.execute_batch("PRAGMA analysis_limit = 1000; ANALYZE")?;
        Ok(())
    }

    /// The query plan SQLite picks for one of the UI's queries, for tests that forbid full scans.
    pub fn explain(&self, sql: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(3))?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}

impl StoreError {
    /// The database could not be had: locked past the retries or not openable (the CLI's exit
    /// code 3). A missing file or one that is not a database is bad input instead (exit 2).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Locked(_) | StoreError::Io(_) => true,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => matches!(
                f.code,
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked | ErrorCode::CannotOpen | ErrorCode::NotADatabase
            ),
            _ => false,
        }
    }
}

pub(crate) fn is_busy(e: &StoreError) -> bool {
    match e {
        StoreError::Sqlite(rusqlite::Error::SqliteFailure(f, _)) => {
            matches!(f.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        }
        StoreError::Locked(_) => true,
        _ => false,
    }
}

/// Creates the directory (0700) and an empty database file (0600) before SQLite opens it, so
/// the case file is never readable by other users, not even for an instant.
fn prepare_path(path: &Path) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(|e| StoreError::Io(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    if !path.exists() {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .or_else(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists { Ok(std::fs::File::open(path)?) } else { Err(e) }
            })
            .map_err(|e| StoreError::Io(format!("cannot create {}: {e}", path.display())))?;
    }
    Ok(())
}

/// Current time as stored: RFC 3339 UTC with microseconds.
pub(crate) fn now_text() -> String {
    #[cfg(test)]
    if let Some(fixed) = TEST_CLOCK.with(|c| c.get()) {
        return fixed.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    }
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
thread_local! {
    /// A fixed clock for this thread's writes (imports, decisions), so that tests know every
    /// stored time in advance (the statistics' hand-counted fixtures).
    static TEST_CLOCK: std::cell::Cell<Option<chrono::DateTime<chrono::Utc>>> = const { std::cell::Cell::new(None) };
}

/// Sets (or, with `None`, clears) the fixed clock of this thread's writes.
#[cfg(test)]
pub(crate) fn set_test_clock(at: Option<chrono::DateTime<chrono::Utc>>) {
    TEST_CLOCK.with(|c| c.set(at));
}

/// Reports made by the demo generator from the fixtures, read back as an import would.
#[cfg(test)]
pub(crate) fn generated_reports(dir: &Path, count: usize, seed: u64) -> Vec<crate::ingest::ImportedReport> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let read = |p: &str| std::fs::read_to_string(fixtures.join(p)).unwrap();
    let (reports, labels) = (read("reports/demo.jsonl"), read("labels.csv"));
    let sources =
        crate::demo_gen::GeneratorSources { reports_jsonl: &reports, labels_csv: &labels, photos: Default::default() };
    let out = dir.join(format!("gen-{count}-{seed}"));
    crate::demo_gen::generate(&sources, &out, count, false, seed).unwrap();
    crate::ingest::read_reports(&out.join("reports.jsonl")).unwrap()
}
