//! Importing reports and photos, and reading a request back whole.

use super::{Result, Store, StoreError, now_text};
use crate::domain::{Report, RequestSnapshot};
use crate::ingest::{ImportedReport, PhotoFile};
use rusqlite::{OptionalExtension, Transaction, params};

/// Page cache ceiling during a big import, in KiB.
const IMPORT_CACHE_KIB: i64 = 128 * 1024;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportOutcome {
    /// Row ids of the requests created, in file order.
    pub imported: Vec<i64>,
    /// Reports whose `id` was already held (or repeated within the file).
    pub already_present: usize,
}

/// A stored photo's bytes and facts.
#[derive(Debug, Clone)]
pub struct StoredPhoto {
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub phash: String,
}

pub(crate) fn insert_photo(tx: &Transaction, p: &PhotoFile) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO photos (sha256, bytes, format, width, height, fingerprint, probe, phash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![p.sha256, p.bytes, p.format, p.width, p.height, p.fingerprint, p.probe, p.phash])?;
    Ok(())
}

/// Text the queue's `/` filter searches: names, orgs, platform and ids, folded to lower case.
fn search_text(r: &Report) -> String {
    let mut parts: Vec<&str> = vec![&r.sender.name, &r.recipient.name, r.platform.as_str()];
    parts.extend(r.id.as_deref());
    parts.extend(r.recipient.org.as_deref());
    parts.extend(r.sender.headline.as_deref());
    parts.extend(r.sender.profile_url.as_deref());
    parts.join(" \u{1f} ").to_lowercase()
}

/// When the report reached the team, as statistics count it: the report's own `reported_at`,
/// or else the time it was imported (the team had it then at the latest). UTC to the second,
/// like `received_at`, so both compare as text.
fn reported_at(r: &Report, imported_at: &str) -> String {
    match &r.reported_at {
        Some(t) => t.utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        None => chrono::DateTime::parse_from_rfc3339(imported_at)
            .map(|t| t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_else(|_| imported_at.to_owned()),
    }
}

/// A recipient's organisation or role for counting: an empty or blank one is none (and counted
/// as "no organisation"). The same characters are trimmed as by the migration that backfills it.
fn blank_as_none(text: Option<&str>) -> Option<&str> {
    text.map(|t| t.trim_matches([' ', '\t', '\n', '\r'])).filter(|t| !t.is_empty())
}

impl Store {
    /// Imports files' reports in one transaction: all of them or none. Each batch is
    /// (source file name, its reports).
    pub fn import_reports(&mut self, batches: &[(String, Vec<ImportedReport>)]) -> Result<ImportOutcome> {
        let imported_at = now_text();
        // A big import updates every index of `requests` at scattered places in one transaction.
        // With SQLite's default 2 MB page cache the dirty index pages are spilled to the WAL and
        // read back again and again (two thirds of a 100,000-report import, by profile). A larger
        // cache for the import alone keeps them in memory; it only grows as pages are touched.
        let reports: usize = batches.iter().map(|(_, r)| r.len()).sum();
        let previous: i64 = self.conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        if reports > 1_000 {
            self.conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        }
        // Index builds after a bulk import (see `IndexRebuild`) may sort on a second thread.
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(4) as i64;
        self.conn.pragma_update(None, "threads", cores)?;
        let outcome = self.import_in_one_transaction(batches, &imported_at);
        self.conn.pragma_update(None, "cache_size", previous)?;
        outcome
    }

    fn import_in_one_transaction(
        &mut self,
        batches: &[(String, Vec<ImportedReport>)],
        imported_at: &str,
    ) -> Result<ImportOutcome> {
        self.write(|tx| {
            let mut outcome = ImportOutcome::default();
            // First which reports are new (an id already held, or repeated within the import,
            // is "already present"), so that re-importing a file does not rebuild indexes.
            let mut ids_seen = std::collections::HashSet::new();
            let mut fresh = Vec::new();
            for (source_file, r) in batches.iter().flat_map(|(f, rs)| rs.iter().map(move |r| (f, r))) {
                if let Some(ext) = &r.report.id {
                    let held: Option<i64> = tx
                        .prepare_cached("SELECT id FROM requests WHERE external_id = ?1")?
                        .query_row([ext], |row| row.get(0))
                        .optional()?;
                    if held.is_some() || !ids_seen.insert(ext.as_str()) {
                        outcome.already_present += 1;
                        continue;
                    }
                }
                fresh.push((source_file, r));
            }
            let rebuild = IndexRebuild::begin(tx, fresh.len())?;
            for (source_file, r) in &fresh {
                if let Some(p) = &r.photo {
                    insert_photo(tx, p)?;
                }
                tx.prepare_cached(
                    "INSERT INTO requests (external_id, received_at, platform, sender, recipient, profile_url,
                        photo_sha256, source_file, source_line, imported_at, search_text,
                        reported_at, recipient_org, recipient_role)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                )?
                .execute(params![
                    r.report.id,
                    r.report.received_at.utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    r.report.platform.as_str(),
                    r.report.sender.name,
                    r.report.recipient.name,
                    r.report.sender.profile_url,
                    r.photo.as_ref().map(|p| &p.sha256),
                    source_file,
                    r.line as i64,
                    imported_at,
                    search_text(&r.report),
                    reported_at(&r.report, imported_at),
                    blank_as_none(r.report.recipient.org.as_deref()),
                    blank_as_none(r.report.recipient.role.as_deref()),
                ])?;
                outcome.imported.push(tx.last_insert_rowid());
            }
            // The indexes are built while the queue rows just written are still in the page
            // cache; the reports' JSON, five times their size, is written after, so it does not
            // push them out first.
            rebuild.finish(tx)?;
            for ((_, r), id) in fresh.iter().zip(&outcome.imported) {
                let json = serde_json::to_string(&r.report).map_err(|e| StoreError::Data(e.to_string()))?;
                tx.prepare_cached("INSERT INTO request_reports (request_id, report_json) VALUES (?1, ?2)")?
                    .execute(params![id, json])?;
            }
            Ok(outcome)
        })
    }

    /// Finds a request by its number or by the report's external id.
    pub fn resolve_request(&self, id: &str) -> Result<i64> {
        let by_ext: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM requests WHERE external_id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?;
        if let Some(found) = by_ext {
            return Ok(found);
        }
        let number = id.trim_start_matches('#').parse::<i64>().map_err(|_| StoreError::NoSuchRequest(id.into()))?;
        let exists: Option<i64> = self
            .conn
            .prepare_cached("SELECT id FROM requests WHERE id = ?1")?
            .query_row([number], |r| r.get(0))
            .optional()?;
        exists.ok_or_else(|| StoreError::NoSuchRequest(id.into()))
    }

    pub fn snapshot(&self, id: i64) -> Result<RequestSnapshot> {
        let (json, photo): (String, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT report_json, photo_sha256 FROM requests JOIN request_reports ON request_id = id WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or_else(|| StoreError::NoSuchRequest(id.to_string()))?;
        Ok(RequestSnapshot { id, report: parse_report_json(id, &json)?, photo_sha256: photo })
    }

    pub fn photo(&self, sha256: &str) -> Result<Option<StoredPhoto>> {
        Ok(self
            .conn
            .prepare_cached("SELECT sha256, bytes, format, width, height, phash FROM photos WHERE sha256 = ?1")?
            .query_row([sha256], |r| {
                Ok(StoredPhoto {
                    sha256: r.get(0)?,
                    bytes: r.get(1)?,
                    format: r.get(2)?,
                    width: r.get(3)?,
                    height: r.get(4)?,
                    phash: r.get(5)?,
                })
            })
            .optional()?)
    }

    pub fn request_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM requests", [], |r| r.get(0))?)
    }
}

/// Secondary indexes of `requests` set aside during a bulk import and built again after it.
///
/// Inserting 100,000 rows into seven secondary indexes is seven sets of random B-tree inserts
/// (a quarter of the import by profile); building an index from the finished table is one sort
/// each, using SQLite's multi-threaded sorter. It is only worth it when the import is large next
/// to what the table already holds, since a rebuild re-sorts the existing rows too. Dropping and
/// re-creating happen inside the import's transaction, so a failure or a crash leaves the indexes
/// exactly as they were; the definitions are read back from the schema, so they cannot drift
/// from the migrations. The unique index on `external_id` stays: the import looks ids up in it.
struct IndexRebuild {
    definitions: Vec<(String, String)>,
}

impl IndexRebuild {
    /// Imports smaller than this keep the indexes in place.
    const MIN_ROWS: usize = 5_000;

    fn begin(tx: &Transaction, incoming: usize) -> Result<IndexRebuild> {
        let held: i64 = tx.query_row("SELECT COUNT(*) FROM requests", [], |r| r.get(0))?;
        if incoming < Self::MIN_ROWS || (incoming as i64) < held {
            return Ok(IndexRebuild { definitions: Vec::new() });
        }
        let definitions: Vec<(String, String)> = tx
            .prepare(
                "SELECT name, sql FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'requests' AND sql IS NOT NULL ORDER BY name",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (name, _) in &definitions {
            tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
        }
        Ok(IndexRebuild { definitions })
    }

    fn finish(self, tx: &Transaction) -> Result<()> {
        for (_, sql) in &self.definitions {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}

pub(crate) fn parse_report_json(id: i64, json: &str) -> Result<Report> {
    serde_json::from_str(json).map_err(|e| StoreError::Data(format!("request #{id}: stored report unreadable: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::generated_reports as generated;

    fn schema(store: &Store) -> Vec<String> {
        let mut stmt = store
            .conn
            .prepare("SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| {
            Ok(format!("{} {}: {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
    }

    #[test]
    fn a_bulk_import_rebuilds_every_index_and_a_failed_one_leaves_them_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("bulk.db")).unwrap();
        let before = schema(&store);
        let roots = |s: &Store| -> Vec<(String, i64)> {
            let mut stmt = s
                .conn
                .prepare("SELECT name, rootpage FROM sqlite_schema WHERE type = 'index' AND name = 'requests_queue_risk_nulls'")
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(|r| r.unwrap()).collect()
        };
        let roots_before = roots(&store);
        let first = generated(dir.path(), IndexRebuild::MIN_ROWS + 100, 1);
        let n = first.len();
        assert!(n >= IndexRebuild::MIN_ROWS, "the bulk path must be taken");
        let outcome = store.import_reports(&[("a.jsonl".into(), first)]).unwrap();
        assert_eq!(outcome.imported.len(), n);
        assert_eq!(schema(&store), before, "the same indexes, defined the same way, after a bulk import");
        assert_ne!(roots(&store), roots_before, "the index was built anew, not updated row by row");
        let integrity: String = store.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(integrity, "ok");
        // The queue reads through the rebuilt indexes and sees every row.
        let q = super::super::QueueQuery { sort: super::super::SortOrder::Sender, ..Default::default() };
        assert_eq!(store.list_requests(&q).unwrap().len(), n);
        let some = outcome.imported[n / 2];
        assert_eq!(store.snapshot(some).unwrap().id, some);

        // The same file again, plus one of its reports repeated: nothing is new, nothing rebuilt.
        let mut again = generated(dir.path(), IndexRebuild::MIN_ROWS + 100, 1);
        again.push(again[0].clone());
        let rebuilt_roots = roots(&store);
        let outcome = store.import_reports(&[("a.jsonl".into(), again)]).unwrap();
        assert_eq!((outcome.imported.len(), outcome.already_present), (0, n + 1));
        assert_eq!(roots(&store), rebuilt_roots, "a re-import leaves the indexes alone");

        // A second bulk import that fails half-way: nothing of it stays, and neither does the
        // dropping of the indexes.
        store
            .conn
            .execute_batch(
                "CREATE TRIGGER injected_failure BEFORE INSERT ON requests WHEN NEW.source_line = 4000
                 BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
            )
            .unwrap();
        let with_trigger = schema(&store);
        let second = generated(dir.path(), IndexRebuild::MIN_ROWS + 100, 2);
        let err = store.import_reports(&[("b.jsonl".into(), second)]).unwrap_err();
        assert!(err.to_string().contains("injected failure"), "{err}");
        assert_eq!(schema(&store), with_trigger);
        assert_eq!(store.request_count().unwrap(), n as i64);
    }

    #[test]
    fn a_report_repeated_within_one_import_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("dup.db")).unwrap();
        let mut batch = generated(dir.path(), 3, 9);
        batch.push(batch[1].clone());
        let outcome = store.import_reports(&[("d.jsonl".into(), batch)]).unwrap();
        assert_eq!((outcome.imported.len(), outcome.already_present), (3, 1));
        assert_eq!(store.request_count().unwrap(), 3);
    }
}
