//! Everything a bundle says about one reported request, read from the store in one place so
//! the three formats agree.

use super::ExportError;
use crate::analysis::{PhotoCandidate, PhotoSearch};
use crate::domain::{Action, AuditEntry, Report, RequestRow, Status};
use crate::store::{AuditFilter, Store};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// A photo as it travels in the bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundledPhoto {
    /// `photo.jpg`, `match.png`, …
    pub file_name: String,
    pub sha256: String,
    pub phash: String,
    pub format: String,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MatchSource {
    Reference { name: String, label: String, source: Option<String> },
    Request { request_id: i64, external_id: Option<String> },
}

/// The nearest other photo linkvet knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BestMatch {
    pub source: MatchSource,
    pub distance: u32,
    /// Within linkvet's match threshold.
    pub is_match: bool,
    pub photo: Option<BundledPhoto>,
}

#[derive(Debug, Clone)]
pub struct Case {
    pub request_id: i64,
    /// The report's external id when it is safe in a file name, else `request-<number>`; also
    /// the seed of every deterministic id.
    pub key: String,
    pub row: RequestRow,
    pub report: Report,
    pub risk_explanation: Vec<String>,
    /// Decisions, undos and notes, oldest first; earlier exports are left out so that a
    /// re-export is identical.
    pub trail: Vec<AuditEntry>,
    /// The report decision in force: its note is the officer's rationale, its time the bundle's.
    pub decision: AuditEntry,
    pub decided_at: DateTime<Utc>,
    pub photo: Option<BundledPhoto>,
    pub best_match: Option<BestMatch>,
}

fn extension(format: &str) -> &'static str {
    match format {
        "jpeg" | "jpg" => "jpg",
        "png" => "png",
        "webp" => "webp",
        "gif" => "gif",
        _ => "bin",
    }
}

fn safe_key(external: Option<&str>, id: i64) -> String {
    match external {
        Some(e)
            if !e.is_empty()
                && e.len() <= 64
                && !e.starts_with('.')
                && e.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')) =>
        {
            e.to_string()
        }
        _ => format!("request-{id}"),
    }
}

impl Case {
    pub fn load(store: &Store, id: i64) -> Result<Case, ExportError> {
        let row = store.request_row(id)?;
        if row.status != Status::Reported {
            return Err(ExportError::NotReported { id, status: row.status.as_str().to_string() });
        }
        let snap = store.snapshot(id)?;
        let entries = store.audit_entries(&AuditFilter { request_id: Some(id), ..Default::default() })?;
        let undone: HashSet<i64> =
            entries.iter().filter(|e| e.action() == Some(Action::Undo)).filter_map(|e| e.reverses()).collect();
        let decision = entries
            .iter()
            .rev()
            .find(|e| e.action() == Some(Action::Report) && !undone.contains(&e.seq))
            .cloned()
            .ok_or_else(|| ExportError::NotReported { id, status: row.status.as_str().to_string() })?;
        let decided_at = DateTime::parse_from_rfc3339(&decision.at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| crate::store::StoreError::Data(format!("audit entry {}: bad time: {e}", decision.seq)))?;
        let trail = entries.into_iter().filter(|e| e.action() != Some(Action::Export)).collect();
        let photo = match &snap.photo_sha256 {
            Some(sha) => store.photo(sha)?.map(|p| bundled(p, "photo")),
            None => None,
        };
        let best_match = match &snap.photo_sha256 {
            Some(sha) => best_match(store, id, sha)?,
            None => None,
        };
        Ok(Case {
            request_id: id,
            key: safe_key(row.external_id.as_deref(), id),
            risk_explanation: store.risk_explanation(id)?,
            row,
            report: snap.report,
            trail,
            decision,
            decided_at,
            photo,
            best_match,
        })
    }

    /// The decision time as STIX writes it (UTC, milliseconds).
    pub fn stix_time(&self) -> String {
        stix_time(self.decided_at)
    }

    /// The organisation approached, if the report names it.
    pub fn recipient_org(&self) -> Option<&str> {
        self.report.recipient.org.as_deref().map(str::trim).filter(|o| !o.is_empty())
    }
}

pub fn stix_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A stored photo as a bundle file named `stem.<ext>`.
fn bundled(p: crate::store::StoredPhoto, stem: &str) -> BundledPhoto {
    BundledPhoto {
        file_name: format!("{stem}.{}", extension(&p.format)),
        sha256: p.sha256,
        phash: p.phash,
        format: p.format,
        width: p.width,
        height: p.height,
        bytes: p.bytes,
    }
}

/// The nearest photo other than the request's own: a reference photo or another request's.
fn best_match(store: &Store, id: i64, sha: &str) -> Result<Option<BestMatch>, ExportError> {
    let Some((fingerprint, probe)) = store.photo_hashes(sha)? else { return Ok(None) };
    let search = PhotoSearch::load(store)?;
    let mut candidates = search.search(&fingerprint, &probe, 5);
    // Ties broken by kind and name so the choice is stable between exports.
    candidates.sort_by_key(|c| match c {
        PhotoCandidate::Reference { name, label, distance } => (*distance, 0, name.clone(), label.clone(), 0),
        PhotoCandidate::Report { request_id, distance } => (*distance, 1, String::new(), String::new(), *request_id),
    });
    for c in candidates {
        let is_match = c.is_match();
        let distance = c.distance();
        let (source, photo_sha) = match c {
            PhotoCandidate::Report { request_id, .. } if request_id == id => continue,
            PhotoCandidate::Report { request_id, .. } => {
                let row = store.request_row(request_id)?;
                let sha = store.request_photo_sha(request_id)?;
                (MatchSource::Request { request_id, external_id: row.external_id }, sha)
            }
            PhotoCandidate::Reference { name, label, .. } => {
                let reference = store.reference_by_name(&name, &label)?;
                let source = reference.as_ref().and_then(|r| r.source.clone());
                (MatchSource::Reference { name, label, source }, reference.map(|r| r.photo_sha256))
            }
        };
        let photo = match photo_sha.filter(|s| s != sha) {
            Some(s) => store.photo(&s)?.map(|p| bundled(p, "match")),
            None => None,
        };
        return Ok(Some(BestMatch { source, distance, is_match, photo }));
    }
    Ok(None)
}
