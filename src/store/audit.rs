//! Decisions and the audit chain: each decision and its audit entry in one transaction,
//! undo as a compensating entry, filtered reading, and verification of the chain.

use super::{Conflict, Result, Store, StoreError, now_text};
use crate::domain::audit::{Anchor, ChainVerifier, EntryFields};
use crate::domain::decision::{DecisionEvent, derive_status};
use crate::domain::{Action, AuditEntry, ChainState, GENESIS_HASH, Status};
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

/// What the officer's decision is checked against before it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionGuard {
    /// The request must still have the status the officer saw (the workstation).
    Saw(Status),
    /// Refuse if another officer's decision stands (the command line's default).
    NotDecidedByOthers,
    /// The officer confirmed again, knowing of the other decision.
    Force,
}

#[derive(Debug, Clone)]
pub struct DecisionInput {
    pub request_id: i64,
    pub action: Action,
    pub note: String,
    pub officer: String,
    pub os_user: String,
    pub guard: DecisionGuard,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub officer: Option<String>,
    pub request_id: Option<i64>,
    pub action: Option<String>,
    /// RFC 3339 lower bound on `at`.
    pub since: Option<String>,
    pub newest_first: bool,
    pub limit: Option<usize>,
}

const ENTRY_COLUMNS: &str = "seq, at, officer, os_user, request_id, action, note, payload, prev_hash, hash";

fn entry_from(r: &Row) -> rusqlite::Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        officer: r.get(2)?,
        os_user: r.get(3)?,
        request_id: r.get(4)?,
        action: r.get(5)?,
        note: r.get(6)?,
        payload: r.get(7)?,
        prev_hash: r.get(8)?,
        hash: r.get(9)?,
    })
}

/// Appends one entry to the chain inside `tx`, linking it to the current head.
pub(crate) fn append_entry(
    tx: &Transaction,
    officer: &str,
    os_user: &str,
    request_id: Option<i64>,
    action: Action,
    note: &str,
    payload: &str,
) -> Result<AuditEntry> {
    let head: Option<(i64, String)> = tx
        .prepare_cached("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (seq, prev_hash) = match head {
        Some((s, h)) => (s + 1, h),
        None => (1, GENESIS_HASH.to_owned()),
    };
    let at = now_text();
    let fields = EntryFields {
        seq,
        at: &at,
        officer,
        os_user,
        request_id,
        action: action.as_str(),
        note,
        payload,
        prev_hash: &prev_hash,
    };
    let hash = fields.hash();
    tx.prepare_cached(
        "INSERT INTO audit_log (seq, at, officer, os_user, request_id, action, note, payload, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![seq, at, officer, os_user, request_id, action.as_str(), note, payload, prev_hash, hash])?;
    Ok(AuditEntry {
        seq,
        at,
        officer: officer.into(),
        os_user: os_user.into(),
        request_id,
        action: action.as_str().into(),
        note: note.into(),
        payload: payload.into(),
        prev_hash,
        hash,
    })
}

/// The status the request's entries lead to, and the entry behind it.
fn derived_state(tx: &Transaction, request_id: i64) -> Result<(Status, Option<AuditEntry>)> {
    let entries: Vec<AuditEntry> = tx
        .prepare_cached(&format!("SELECT {ENTRY_COLUMNS} FROM audit_log WHERE request_id = ?1 ORDER BY seq"))?
        .query_map([request_id], entry_from)?
        .collect::<rusqlite::Result<_>>()?;
    let events: Vec<DecisionEvent> = entries
        .iter()
        .filter_map(|e| Some(DecisionEvent { seq: e.seq, action: e.action()?, reverses: e.reverses() }))
        .collect();
    let status = derive_status(&events);
    let undone: std::collections::HashSet<i64> =
        events.iter().filter(|e| e.action == Action::Undo).filter_map(|e| e.reverses).collect();
    let behind = entries
        .into_iter()
        .rev()
        .find(|e| !undone.contains(&e.seq) && e.action().and_then(Action::resulting_status).is_some());
    Ok((status, behind))
}

fn update_request_status(tx: &Transaction, request_id: i64) -> Result<Status> {
    let (status, behind) = derived_state(tx, request_id)?;
    tx.prepare_cached("UPDATE requests SET status = ?2, decided_by = ?3, decided_at = ?4 WHERE id = ?1")?.execute(
        params![
            request_id,
            status.as_str(),
            behind.as_ref().map(|e| e.officer.clone()),
            behind.as_ref().map(|e| e.at.clone())
        ],
    )?;
    Ok(status)
}

impl Store {
    /// Writes a decision and its audit entry in one transaction, after checking `guard`
    /// against the request's current state under the write lock.
    pub fn record_decision(&mut self, d: &DecisionInput) -> Result<AuditEntry> {
        if d.action.resulting_status().is_none() {
            return Err(StoreError::Invalid(format!("{} is not a decision", d.action)));
        }
        if d.action == Action::Report && d.note.trim().is_empty() {
            return Err(StoreError::Invalid("a report needs a note saying why it is escalated".into()));
        }
        self.write(|tx| {
            let exists: Option<i64> = tx
                .prepare_cached("SELECT id FROM requests WHERE id = ?1")?
                .query_row([d.request_id], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NoSuchRequest(d.request_id.to_string()));
            }
            let (current, behind) = derived_state(tx, d.request_id)?;
            let conflict = match d.guard {
                DecisionGuard::Saw(seen) => current != seen,
                DecisionGuard::NotDecidedByOthers => behind.as_ref().is_some_and(|e| e.officer != d.officer),
                DecisionGuard::Force => false,
            };
            if conflict {
                // Undone-to-pending: name who undid it.
                let (by, at) = match &behind {
                    Some(e) => (e.officer.clone(), e.at.clone()),
                    None => last_entry_by(tx, d.request_id)?.unwrap_or_default(),
                };
                return Err(StoreError::Conflict(Conflict {
                    request_id: d.request_id,
                    seen: match d.guard {
                        DecisionGuard::Saw(s) => Some(s),
                        _ => None,
                    },
                    current,
                    by,
                    at,
                }));
            }
            let payload = serde_json::json!({ "from_status": current.as_str() }).to_string();
            let entry = append_entry(tx, &d.officer, &d.os_user, Some(d.request_id), d.action, &d.note, &payload)?;
            update_request_status(tx, d.request_id)?;
            Ok(entry)
        })
        .inspect(|e| {
            // The note stays in the database: the log says who decided what, not why.
            tracing::info!(seq = e.seq, request = d.request_id, action = %d.action, officer = %d.officer, "decision");
        })
    }

    /// Reverses the officer's latest decision that is still in force (on `request_id` if given)
    /// by appending an undo entry; nothing is changed or removed.
    pub fn undo_last(&mut self, officer: &str, os_user: &str, request_id: Option<i64>) -> Result<(AuditEntry, Status)> {
        self.write(|tx| {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {ENTRY_COLUMNS} FROM audit_log WHERE officer = ?1 AND action IN ('accept','flag','report')
                 AND (?2 IS NULL OR request_id = ?2) ORDER BY seq DESC LIMIT 50"
            ))?;
            let candidates: Vec<AuditEntry> =
                stmt.query_map(params![officer, request_id], entry_from)?.collect::<rusqlite::Result<_>>()?;
            for cand in candidates {
                let Some(req) = cand.request_id else { continue };
                let undone: Option<i64> = tx
                    .prepare_cached(
                        "SELECT seq FROM audit_log WHERE request_id = ?1 AND action = 'undo'
                         AND json_extract(payload, '$.reverses') = ?2",
                    )?
                    .query_row(params![req, cand.seq], |r| r.get(0))
                    .optional()?;
                if undone.is_some() {
                    continue;
                }
                let payload = serde_json::json!({ "reverses": cand.seq, "reversed_action": cand.action }).to_string();
                let note = format!("undo of entry {} ({})", cand.seq, cand.action);
                let entry = append_entry(tx, officer, os_user, Some(req), Action::Undo, &note, &payload)?;
                let status = update_request_status(tx, req)?;
                return Ok((entry, status));
            }
            Err(StoreError::Invalid(format!("{officer} has no decision left to undo")))
        })
        .inspect(|(e, status)| {
            tracing::info!(seq = e.seq, request = ?e.request_id, officer, now = status.as_str(), "decision undone");
        })
    }

    /// Adds a note to a request's trail without changing its status.
    pub fn add_note(&mut self, request_id: i64, officer: &str, os_user: &str, note: &str) -> Result<AuditEntry> {
        if note.trim().is_empty() {
            return Err(StoreError::Invalid("the note is empty".into()));
        }
        self.write(|tx| append_entry(tx, officer, os_user, Some(request_id), Action::Note, note, "{}"))
    }

    /// Records that a bundle left linkvet (who exported what, and the manifest's hash).
    pub fn record_export(
        &mut self,
        request_ids: &[i64],
        officer: &str,
        os_user: &str,
        payload: &serde_json::Value,
    ) -> Result<AuditEntry> {
        let single = (request_ids.len() == 1).then(|| request_ids[0]);
        let text = payload.to_string();
        self.write(|tx| append_entry(tx, officer, os_user, single, Action::Export, "", &text))
    }

    /// Audit entries matching `f`, oldest first unless `newest_first`.
    pub fn audit_entries(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut clauses = Vec::new();
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(o) = &f.officer {
            clauses.push("officer = ?");
            args.push(o.clone().into());
        }
        if let Some(r) = f.request_id {
            clauses.push("request_id = ?");
            args.push(r.into());
        }
        if let Some(a) = &f.action {
            clauses.push("action = ?");
            args.push(a.clone().into());
        }
        if let Some(s) = &f.since {
            clauses.push("at >= ?");
            args.push(s.clone().into());
        }
        let filter = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
        let order = if f.newest_first { "DESC" } else { "ASC" };
        let limit = f.limit.map(|l| l as i64).unwrap_or(-1);
        let sql = format!("SELECT {ENTRY_COLUMNS} FROM audit_log{filter} ORDER BY seq {order} LIMIT {limit}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), entry_from)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Walks the whole chain in order. Also checks that every request's stored status is the
    /// one its entries lead to (a status edited behind the log's back is reported).
    pub fn verify_chain(&self) -> Result<(ChainState, Vec<String>)> {
        let mut verifier = ChainVerifier::default();
        let mut stmt = self.conn.prepare(&format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY seq"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if !verifier.push(&entry_from(r)?) {
                break;
            }
        }
        let state = verifier.finish();
        let mut mismatches = Vec::new();
        let tx = self.conn.unchecked_transaction()?;
        let decided: Vec<(i64, String)> = tx
            .prepare("SELECT id, status FROM requests WHERE status != 'pending' OR id IN (SELECT request_id FROM audit_log WHERE request_id IS NOT NULL)")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, stored) in decided {
            let (derived, _) = derived_state(&tx, id)?;
            if derived.as_str() != stored {
                mismatches
                    .push(format!("request #{id} is marked {stored} but its audit entries say {}", derived.as_str()));
            }
        }
        tx.finish()?;
        Ok((state, mismatches))
    }

    /// The chain's head, to be written down outside this host.
    pub fn anchor(&self) -> Result<Option<Anchor>> {
        Ok(self
            .conn
            .query_row("SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok(Anchor { seq: r.get(0)?, hash: r.get(1)?, at: r.get(2)? })
            })
            .optional()?)
    }

    /// Whether the log still holds the anchored head: the entry `seq` exists with that hash.
    pub fn check_anchor(&self, a: &Anchor) -> Result<std::result::Result<(), String>> {
        let found: Option<String> =
            self.conn.query_row("SELECT hash FROM audit_log WHERE seq = ?1", [a.seq], |r| r.get(0)).optional()?;
        Ok(match found {
            Some(h) if h == a.hash => Ok(()),
            Some(h) => Err(format!(
                "entry {} now has hash {} but the anchor recorded {}: the log was rewritten",
                a.seq, h, a.hash
            )),
            None => {
                let head: Option<i64> = self.conn.query_row("SELECT MAX(seq) FROM audit_log", [], |r| r.get(0))?;
                Err(format!(
                    "entry {} recorded by the anchor is gone (the log now ends at {}): the log was truncated",
                    a.seq,
                    head.map(|h| h.to_string()).unwrap_or_else(|| "nothing".into())
                ))
            }
        })
    }
}

fn last_entry_by(tx: &Transaction, request_id: i64) -> Result<Option<(String, String)>> {
    Ok(tx
        .prepare_cached("SELECT officer, at FROM audit_log WHERE request_id = ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([request_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}
