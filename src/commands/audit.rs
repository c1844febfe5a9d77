//! `decide`, `undo` and `audit log | verify | anchor`.

use super::inspect::{audit_line, entry_json};
use super::{Failure, Identity, Out, open_store};
use crate::cli::{AuditFormat, DecisionArg};
use crate::domain::audit::Anchor;
use crate::domain::{Action, ChainState};
use crate::store::{AuditFilter, DecisionGuard, DecisionInput};
use std::path::Path;

pub fn decide(
    db: &Path,
    id: &Identity,
    request: &str,
    action: DecisionArg,
    note: Option<String>,
    force: bool,
    out: &mut Out,
) -> Result<(), Failure> {
    let action = match action {
        DecisionArg::Accept => Action::Accept,
        DecisionArg::Flag => Action::Flag,
        DecisionArg::Report => Action::Report,
    };
    let mut store = open_store(db)?;
    let rid = store.resolve_request(request)?;
    let entry = store.record_decision(&DecisionInput {
        request_id: rid,
        action,
        note: note.unwrap_or_default(),
        officer: id.officer.clone(),
        os_user: id.os_user.clone(),
        guard: if force { DecisionGuard::Force } else { DecisionGuard::NotDecidedByOthers },
    })?;
    out.line(format!("{} #{rid} (audit entry {})", action.past_tense(), entry.seq))?;
    Ok(())
}

pub fn undo(db: &Path, id: &Identity, request: Option<&str>, out: &mut Out) -> Result<(), Failure> {
    let mut store = open_store(db)?;
    let rid = request.map(|r| store.resolve_request(r)).transpose()?;
    let (entry, status) = store.undo_last(&id.officer, &id.os_user, rid)?;
    out.line(format!(
        "undid entry {} on #{}; it is now {} (audit entry {})",
        entry.reverses().unwrap_or_default(),
        entry.request_id.unwrap_or_default(),
        status,
        entry.seq
    ))?;
    Ok(())
}

pub fn log(
    db: &Path,
    format: AuditFormat,
    officer: Option<String>,
    request: Option<String>,
    action: Option<String>,
    since: Option<String>,
    out: &mut Out,
) -> Result<(), Failure> {
    if let Some(a) = action.as_deref().filter(|a| Action::parse(a).is_none()) {
        return Err(Failure::usage(format!("--action {a:?}: expected accept, flag, report, undo, note or export")));
    }
    let since = since.map(|s| normalise_since(&s)).transpose()?;
    let store = open_store(db)?;
    let request_id = request.map(|r| store.resolve_request(&r)).transpose()?;
    let entries = store.audit_entries(&AuditFilter { officer, request_id, action, since, ..Default::default() })?;
    match format {
        AuditFormat::Json => {
            for e in &entries {
                out.json(&entry_json(e))?;
            }
        }
        AuditFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let header =
                ["seq", "at", "officer", "os_user", "request_id", "action", "note", "payload", "prev_hash", "hash"];
            w.write_record(header).map_err(|e| Failure::problem(e.to_string()))?;
            for e in &entries {
                w.write_record([
                    e.seq.to_string(),
                    e.at.clone(),
                    e.officer.clone(),
                    e.os_user.clone(),
                    e.request_id.map(|r| r.to_string()).unwrap_or_default(),
                    e.action.clone(),
                    e.note.clone(),
                    e.payload.clone(),
                    e.prev_hash.clone(),
                    e.hash.clone(),
                ])
                .map_err(|e| Failure::problem(e.to_string()))?;
            }
            let bytes = w.into_inner().map_err(|e| Failure::problem(e.to_string()))?;
            out.line(String::from_utf8_lossy(&bytes).trim_end())?;
        }
        AuditFormat::Table => {
            out.line(format!("{:>5} {:<19} {:<7} {:<8} {}", "SEQ", "AT (UTC)", "ACTION", "REQUEST", "OFFICER — NOTE"))?;
            for e in &entries {
                out.line(audit_line(e))?;
            }
        }
    }
    Ok(())
}

/// `--since` takes RFC 3339 or a plain date (meaning its start, UTC).
fn normalise_since(s: &str) -> Result<String, Failure> {
    if let Some(t) = crate::domain::report::Timestamp::parse(s) {
        return Ok(t.utc().to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(|d| format!("{d}T00:00:00.000000Z"))
        .map_err(|_| Failure::usage(format!("--since {s:?}: expected an RFC 3339 time or YYYY-MM-DD")))
}

pub fn verify(db: &Path, anchor: Option<&str>, out: &mut Out) -> Result<(), Failure> {
    let anchor = anchor
        .map(|a| {
            let text = if Path::new(a).is_file() {
                std::fs::read_to_string(a).map_err(|e| Failure::usage(format!("{a}: {e}")))?
            } else {
                a.to_owned()
            };
            Anchor::parse(&text).ok_or_else(|| {
                Failure::usage(format!("{a:?} holds no anchor line (linkvet-anchor v1 seq=N hash=H at=T)"))
            })
        })
        .transpose()?;
    let store = open_store(db)?;
    let (state, mismatches) = store.verify_chain()?;
    let mut problems = Vec::new();
    match &state {
        ChainState::Intact { entries, head_seq, head_hash } => {
            out.line(format!("audit chain intact: {entries} entries, head {head_seq} {head_hash}"))?;
        }
        ChainState::Broken { seq, reason } => {
            out.line(format!("audit chain BROKEN at entry {seq}: {reason}"))?;
            problems.push(seq);
        }
    }
    for m in &mismatches {
        out.line(format!("status mismatch: {m}"))?;
    }
    let mut anchor_failed = false;
    if let Some(a) = anchor {
        match store.check_anchor(&a)? {
            Ok(()) => out.line(format!("anchor entry {} ({}) is present and unchanged", a.seq, a.at))?,
            Err(why) => {
                anchor_failed = true;
                out.line(format!("anchor check FAILED: {why}"))?;
            }
        }
    }
    if !problems.is_empty() || !mismatches.is_empty() || anchor_failed {
        out.flush()?;
        return Err(Failure::problem("the audit log does not verify"));
    }
    Ok(())
}

pub fn anchor(db: &Path, out: &mut Out) -> Result<(), Failure> {
    let store = open_store(db)?;
    match store.anchor()? {
        Some(a) => out.line(a.to_line())?,
        None => return Err(Failure::problem("the audit log is empty: nothing to anchor yet")),
    }
    Ok(())
}
