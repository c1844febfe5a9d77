//! What the checks read (requests, reference photos, the watchlist, photo hashes) and where
//! their results go; and the inputs that make earlier results stale.

use super::requests::{insert_photo, parse_report_json};
use super::{Result, Store, now_text};
use crate::domain::{Evidence, RequestSnapshot, RiskLevel, WatchKind, WatchlistEntry};
use crate::ingest::reference::ReferenceImage;
use rusqlite::params;
use std::collections::HashMap;

/// A reference photo as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceRow {
    pub id: i64,
    pub name: String,
    pub label: String,
    pub source: Option<String>,
    pub photo_sha256: String,
}

/// A `reference_photos` row selected as `id, name, label, source, photo_sha256`.
pub(crate) fn reference_from(r: &rusqlite::Row) -> rusqlite::Result<ReferenceRow> {
    Ok(ReferenceRow { id: r.get(0)?, name: r.get(1)?, label: r.get(2)?, source: r.get(3)?, photo_sha256: r.get(4)? })
}

/// Everything a check run reads, loaded in one pass.
#[derive(Debug, Default)]
pub struct CheckInputs {
    pub requests: Vec<RequestSnapshot>,
    pub references: Vec<ReferenceRow>,
    pub watchlist: Vec<WatchlistEntry>,
    /// sha256 → (serialised fingerprint, serialised probe)
    pub photos: HashMap<String, (Vec<u8>, Vec<u8>)>,
}

/// One request's fresh results.
#[derive(Debug, Clone)]
pub struct CheckResult {
    pub request_id: i64,
    pub evidence: Vec<Evidence>,
    pub risk: u8,
    pub level: RiskLevel,
    pub explanation: Vec<String>,
}

impl Store {
    pub fn load_check_inputs(&self) -> Result<CheckInputs> {
        let mut inputs = CheckInputs::default();
        let mut stmt = self.conn.prepare(
            "SELECT id, report_json, photo_sha256 FROM requests JOIN request_reports ON request_id = id ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let json: String = r.get(1)?;
            inputs.requests.push(RequestSnapshot {
                id,
                report: parse_report_json(id, &json)?,
                photo_sha256: r.get(2)?,
            });
        }
        inputs.references = self
            .conn
            .prepare("SELECT id, name, label, source, photo_sha256 FROM reference_photos ORDER BY id")?
            .query_map([], reference_from)?
            .collect::<rusqlite::Result<_>>()?;
        inputs.watchlist = self.watchlist()?;
        let mut stmt = self.conn.prepare("SELECT sha256, fingerprint, probe FROM photos")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            inputs.photos.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
        }
        Ok(inputs)
    }

    pub fn watchlist(&self) -> Result<Vec<WatchlistEntry>> {
        let rows: Vec<(String, String, String, String)> = self
            .conn
            .prepare("SELECT kind, value, note, source FROM watchlist ORDER BY id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(k, value, note, source)| {
                Some(WatchlistEntry { kind: WatchKind::parse(&k)?, value, note, source })
            })
            .collect())
    }

    /// Requests whose evidence is missing or out of date.
    pub fn stale_requests(&self) -> Result<Vec<i64>> {
        let ids = self
            .conn
            .prepare("SELECT id FROM requests WHERE stale = 1 ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    /// Stores fresh results, replacing each request's earlier evidence, in one transaction.
    pub fn save_check_results(&mut self, results: &[CheckResult]) -> Result<()> {
        let ran_at = now_text();
        self.write(|tx| {
            for res in results {
                tx.prepare_cached("DELETE FROM evidence WHERE request_id = ?1")?.execute([res.request_id])?;
                tx.prepare_cached("DELETE FROM evidence_lines WHERE request_id = ?1")?.execute([res.request_id])?;
                for (pos, e) in res.evidence.iter().enumerate() {
                    tx.prepare_cached(
                        "INSERT INTO evidence (request_id, check_id, check_version, verdict, score, summary, ran_at, position)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?
                    .execute(params![
                        res.request_id,
                        e.check,
                        e.version,
                        e.verdict.as_str(),
                        e.score,
                        e.summary,
                        ran_at,
                        pos as i64
                    ])?;
                    tx.prepare_cached(
                        "INSERT INTO evidence_lines (request_id, check_id, lines_json) VALUES (?1, ?2, ?3)",
                    )?
                    .execute(params![
                        res.request_id,
                        e.check,
                        serde_json::to_string(&e.lines).unwrap_or_else(|_| "[]".into())
                    ])?;
                }
                tx.prepare_cached(
                    "UPDATE requests SET risk = ?2, level = ?3, risk_explained = ?4, checks_json = ?5, stale = 0
                     WHERE id = ?1",
                )?
                .execute(params![
                    res.request_id,
                    res.risk,
                    res.level.as_str(),
                    serde_json::to_string(&res.explanation).unwrap_or_else(|_| "[]".into()),
                    crate::domain::evidence::summaries_json(&res.evidence),
                ])?;
            }
            Ok(())
        })
    }

    /// Adds reference images under `label`; returns (added, already present). Every request's
    /// photo evidence is then stale.
    pub fn add_references(
        &mut self,
        images: &[ReferenceImage],
        label: &str,
        source: Option<&str>,
    ) -> Result<(usize, usize)> {
        let added_at = now_text();
        self.write(|tx| {
            let mut added = 0;
            for img in images {
                insert_photo(tx, &img.photo)?;
                added += tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO reference_photos (photo_sha256, name, label, source, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![img.photo.sha256, img.name, label, source, added_at])?;
            }
            if added > 0 {
                tx.execute("UPDATE requests SET stale = 1", [])?;
            }
            Ok((added, images.len() - added))
        })
    }

    /// Adds watchlist entries; returns (added, already present). Requests become stale.
    pub fn add_watchlist(&mut self, entries: &[WatchlistEntry]) -> Result<(usize, usize)> {
        let added_at = now_text();
        self.write(|tx| {
            let mut added = 0;
            for e in entries {
                added += tx
                    .prepare_cached(
                        "INSERT OR IGNORE INTO watchlist (kind, value, note, added_at, source) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(params![e.kind.as_str(), e.value, e.note, added_at, e.source])?;
            }
            if added > 0 {
                tx.execute("UPDATE requests SET stale = 1", [])?;
            }
            Ok((added, entries.len() - added))
        })
    }

    pub fn reference_count(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT COUNT(*) FROM reference_photos", [], |r| r.get(0))?)
    }
}

/// Every request's photo hashes, from the photos side: far fewer photos than requests (many
/// have none), and each finds its requests through the index instead of a scan of every
/// request (84 ms at 100,000 requests, on the workstation's first frame).
pub(crate) const REQUEST_PHOTO_HASHES_SQL: &str = "SELECT q.id, p.fingerprint, p.probe FROM photos p
     CROSS JOIN requests q INDEXED BY requests_photo ON q.photo_sha256 = p.sha256 ORDER BY q.id";

/// What the photo search index is built from.
#[derive(Debug, Default)]
pub struct PhotoIndexInputs {
    /// (reference id, file name, label, serialised fingerprint)
    pub references: Vec<(i64, String, String, Vec<u8>)>,
    /// (request id, serialised fingerprint, serialised probe)
    pub requests: Vec<(i64, Vec<u8>, Vec<u8>)>,
}

impl Store {
    pub fn load_photo_index_inputs(&self) -> Result<PhotoIndexInputs> {
        let references = self
            .conn
            .prepare(
                "SELECT r.id, r.name, r.label, p.fingerprint FROM reference_photos r JOIN photos p ON p.sha256 = r.photo_sha256 ORDER BY r.id",
            )?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let requests = self
            .conn
            .prepare(REQUEST_PHOTO_HASHES_SQL)?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(PhotoIndexInputs { references, requests })
    }

    pub fn load_request_ids(&self) -> Result<Vec<i64>> {
        let ids = self
            .conn
            .prepare("SELECT id FROM requests ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }
}
