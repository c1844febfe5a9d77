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
            for (source_file, r) in batches.iter().flat_map(|(f, rs)| rs.iter().map(move |r| (f, r))) {
                if let Some(ext) = &r.report.id {
                    let held: Option<i64> = tx
                        .prepare_cached("SELECT id FROM requests WHERE external_id = ?1")?
                        .query_row([ext], |row| row.get(0))
                        .optional()?;
                    if held.is_some() {
                        outcome.already_present += 1;
                        continue;
                    }
                }
                if let Some(p) = &r.photo {
                    insert_photo(tx, p)?;
                }
                let json = serde_json::to_string(&r.report).map_err(|e| StoreError::Data(e.to_string()))?;
                tx.prepare_cached(
                    "INSERT INTO requests (external_id, received_at, platform, sender, recipient, profile_url,
                        photo_sha256, report_json, source_file, source_line, imported_at, search_text)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )?
                .execute(params![
                    r.report.id,
                    r.report.received_at.utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    r.report.platform.as_str(),
                    r.report.sender.name,
                    r.report.recipient.name,
                    r.report.sender.profile_url,
                    r.photo.as_ref().map(|p| &p.sha256),
                    json,
                    source_file,
                    r.line as i64,
                    imported_at,
                    search_text(&r.report),
                ])?;
                outcome.imported.push(tx.last_insert_rowid());
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
            .prepare_cached("SELECT report_json, photo_sha256 FROM requests WHERE id = ?1")?
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

pub(crate) fn parse_report_json(id: i64, json: &str) -> Result<Report> {
    serde_json::from_str(json).map_err(|e| StoreError::Data(format!("request #{id}: stored report unreadable: {e}")))
}
