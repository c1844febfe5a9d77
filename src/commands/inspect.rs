//! `list`, `show` and `photo search`: reading the queue, one request, and the photo index.

use super::output::cell;
use super::{Failure, Out, open_store};
use crate::cli::{ListFormat, QueueFormat, ShowFormat, StatusArg};
use crate::domain::{AuditEntry, Evidence, RequestRow, Status};
use crate::sanitize::{sanitize, sanitize_multiline};
use crate::store::{AuditFilter, QueueQuery};
use serde_json::value::RawValue;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

pub(crate) fn status_filter(s: StatusArg) -> Option<Status> {
    match s {
        StatusArg::Pending => Some(Status::Pending),
        StatusArg::Accepted => Some(Status::Accepted),
        StatusArg::Flagged => Some(Status::Flagged),
        StatusArg::Reported => Some(Status::Reported),
        StatusArg::All => None,
    }
}

/// The JSON object for a queue row (keys per the CLI spec, plus `decided_by` / `decided_at`).
pub fn row_json(r: &RequestRow, with_lines: bool) -> Value {
    json!({
        "id": r.id,
        "external_id": r.external_id,
        "received_at": r.received_at,
        "sender": r.sender,
        "recipient": r.recipient,
        "platform": r.platform,
        "status": r.status.as_str(),
        "risk": r.risk,
        "level": r.level.map(|l| l.as_str()),
        "decided_by": r.decided_by,
        "decided_at": r.decided_at,
        "checks": r.checks.iter().map(|e| evidence_json(e, with_lines)).collect::<Vec<_>>(),
    })
}

/// A queue row as `list --format json` prints it: the keys and order of [`row_json`], written
/// straight from borrowed fields, with the checks' summaries as the store keeps them.
#[derive(serde::Serialize)]
struct ListedRow<'a> {
    id: i64,
    external_id: &'a Option<String>,
    received_at: &'a str,
    sender: &'a str,
    recipient: &'a str,
    platform: &'a str,
    status: &'a str,
    risk: Option<u8>,
    level: Option<&'a str>,
    decided_by: &'a Option<String>,
    decided_at: &'a Option<String>,
    checks: &'a RawValue,
}

fn listed<'a>(r: &'a RequestRow, checks: &'a RawValue) -> ListedRow<'a> {
    ListedRow {
        id: r.id,
        external_id: &r.external_id,
        received_at: &r.received_at,
        sender: &r.sender,
        recipient: &r.recipient,
        platform: &r.platform,
        status: r.status.as_str(),
        risk: r.risk,
        level: r.level.map(|l| l.as_str()),
        decided_by: &r.decided_by,
        decided_at: &r.decided_at,
        checks,
    }
}

fn evidence_json(e: &Evidence, with_lines: bool) -> Value {
    let mut v = json!({"check": e.check, "verdict": e.verdict.as_str(), "score": e.score, "summary": e.summary});
    if with_lines {
        v["version"] = json!(e.version);
        v["lines"] = json!(e.lines);
    }
    v
}

pub fn entry_json(e: &AuditEntry) -> Value {
    json!({
        "seq": e.seq, "at": e.at, "officer": e.officer, "os_user": e.os_user,
        "request_id": e.request_id, "action": e.action, "note": e.note,
        "payload": serde_json::from_str::<Value>(&e.payload).unwrap_or(Value::Null),
        "prev_hash": e.prev_hash, "hash": e.hash,
    })
}

/// The columns of `list --format csv`.
const LIST_CSV_HEADER: [&str; 12] = [
    "id",
    "external_id",
    "received_at",
    "sender",
    "recipient",
    "platform",
    "status",
    "risk",
    "level",
    "decided_by",
    "decided_at",
    "checks",
];

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
/// leading apostrophe: sender names are the adversary's to choose, and officers open CSV files
/// in spreadsheets.
fn csv_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_owned() }
}

/// One queue row as a CSV record; checks as `check verdict score` joined by `; `.
fn list_csv_row(r: &RequestRow, checks: Option<&RawValue>) -> Result<Vec<u8>, Failure> {
    let checks: Vec<Value> = checks.and_then(|c| serde_json::from_str(c.get()).ok()).unwrap_or_default();
    let checks = checks
        .iter()
        .map(|c| {
            format!("{} {} {}", c["check"].as_str().unwrap_or(""), c["verdict"].as_str().unwrap_or(""), c["score"])
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        r.id.to_string(),
        csv_cell(r.external_id.as_deref().unwrap_or("")),
        r.received_at.clone(),
        csv_cell(&r.sender),
        csv_cell(&r.recipient),
        r.platform.clone(),
        r.status.as_str().to_owned(),
        r.risk.map(|v| v.to_string()).unwrap_or_default(),
        r.level.map(|l| l.as_str().to_owned()).unwrap_or_default(),
        csv_cell(r.decided_by.as_deref().unwrap_or("")),
        r.decided_at.clone().unwrap_or_default(),
        checks,
    ])
    .map_err(|e| Failure::problem(e.to_string()))?;
    w.into_inner().map_err(|e| Failure::problem(e.to_string()))
}

pub fn list(db: &Path, status: StatusArg, format: QueueFormat, out: &mut Out) -> Result<(), Failure> {
    let store = open_store(db)?;
    let q =
        QueueQuery { status: status_filter(status), with_evidence: format != QueueFormat::Table, ..Default::default() };
    if format == QueueFormat::Csv {
        out.line(LIST_CSV_HEADER.join(","))?;
    }
    if format == QueueFormat::Table {
        out.line(format!(
            "{:>6}  {:>4} {} {:<9} {:<16} {:<9} {:<24} {}",
            "ID", "RISK", "L", "STATUS", "RECEIVED", "PLATFORM", "SENDER", "RECIPIENT"
        ))?;
    }
    let mut failure = None;
    let none = RawValue::from_string("[]".into()).map_err(|e| Failure::problem(e.to_string()))?;
    store.for_each_request(&q, |r, checks| {
        let written = match format {
            QueueFormat::Json => out.serialize(&listed(&r, checks.unwrap_or(&none))),
            QueueFormat::Csv => match list_csv_row(&r, checks) {
                Ok(bytes) => out.bytes(&bytes),
                Err(f) => Err(std::io::Error::other(f.message)),
            },
            QueueFormat::Table => out.line(format!(
                "{:>6}  {:>4} {} {:<9} {:<16} {:<9} {} {}",
                r.id,
                r.risk.map(|v| v.to_string()).unwrap_or_else(|| "-".into()),
                r.level.map(|l| l.letter()).unwrap_or('-'),
                r.status.as_str(),
                r.received_at.get(..16).unwrap_or(&r.received_at).replace('T', " "),
                r.platform,
                cell(&r.sender, 24),
                sanitize(&r.recipient)
            )),
        };
        match written {
            Ok(()) => Ok(true),
            Err(e) => {
                failure = Some(e);
                Ok(false)
            }
        }
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    Ok(())
}

pub fn show(db: &Path, id: &str, format: ShowFormat, out: &mut Out) -> Result<(), Failure> {
    let store = open_store(db)?;
    let rid = store.resolve_request(id)?;
    let row = store.request_row(rid)?;
    let snap = store.snapshot(rid)?;
    let history = store.audit_entries(&AuditFilter { request_id: Some(rid), ..Default::default() })?;
    let explanation = store.risk_explanation(rid)?;
    if format == ShowFormat::Json {
        let mut v = row_json(&row, true);
        v["report"] = serde_json::to_value(&snap.report).unwrap_or(Value::Null);
        v["photo_sha256"] = json!(snap.photo_sha256);
        v["risk_explanation"] = json!(explanation);
        v["history"] = Value::Array(history.iter().map(entry_json).collect());
        out.json(&v)?;
        return Ok(());
    }
    let r = &snap.report;
    let s = &r.sender;
    let t = |x: &str| sanitize(x).into_owned();
    let opt = |x: &Option<String>| x.as_deref().map(t).unwrap_or_else(|| "—".into());
    out.line(format!(
        "#{} {}  {}  risk {} ({})  {}",
        row.id,
        row.external_id.as_deref().map(t).unwrap_or_default(),
        row.status,
        row.risk.map(|v| v.to_string()).unwrap_or_else(|| "not checked".into()),
        row.level.map(|l| l.as_str()).unwrap_or("-"),
        row.decided_by.as_deref().map(|b| format!("decided by {}", t(b))).unwrap_or_default()
    ))?;
    out.line(format!(
        "received {} on {}; reported {} by {}",
        r.received_at.utc(),
        r.platform,
        r.reported_at.map(|x| x.utc().to_string()).unwrap_or_else(|| "—".into()),
        opt(&r.reporter)
    ))?;
    out.line(format!("to:   {} — {} — {}", t(&r.recipient.name), opt(&r.recipient.role), opt(&r.recipient.org)))?;
    out.line(format!("from: {}  {}", t(&s.name), opt(&s.profile_url)))?;
    out.line(format!("      {}  · {}", opt(&s.headline), opt(&s.location)))?;
    let num = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
    out.line(format!(
        "      joined {} · photo updated {} · {} connections · {} followers · {} mutual · {} recent posts · verifications: {}",
        s.joined.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        s.photo_updated.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        num(s.connections),
        num(s.followers),
        num(s.mutual_connections),
        num(s.recent_posts),
        if s.verifications.is_empty() { "none".into() } else { t(&s.verifications.join(", ")) }
    ))?;
    out.line(format!("      photo: {}", snap.photo_sha256.as_deref().unwrap_or("none")))?;
    if let Some(about) = &s.about {
        out.line(format!("about: {}", sanitize_multiline(about)))?;
    }
    if !s.experience.is_empty() {
        out.line("experience:")?;
        for e in &s.experience {
            out.line(format!(
                "  {} — {}  {} – {}",
                t(&e.title),
                t(&e.org),
                e.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
                e.end.map(|d| d.to_string()).unwrap_or_else(|| "present".into())
            ))?;
        }
    }
    if !s.education.is_empty() {
        out.line("education:")?;
        for e in &s.education {
            out.line(format!(
                "  {} — {}  {} – {}",
                t(&e.school),
                opt(&e.degree),
                e.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
                e.end.map(|d| d.to_string()).unwrap_or_else(|| "?".into())
            ))?;
        }
    }
    for (label, list) in
        [("skills", &s.skills), ("websites", &s.websites), ("emails", &s.emails), ("phones", &s.phones)]
    {
        if !list.is_empty() {
            out.line(format!("{label}: {}", t(&list.join(", "))))?;
        }
    }
    if let Some(m) = &r.message {
        out.line(format!("message: {}", sanitize_multiline(m)))?;
    }
    for m in &r.thread {
        out.line(format!("thread {} {:?}: {}", m.at.utc(), m.from, sanitize_multiline(&m.text)))?;
    }
    if let Some(n) = &r.notes {
        out.line(format!("reporter's notes: {}", sanitize_multiline(n)))?;
    }
    let extras: Vec<String> = r
        .extra
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .chain(s.extra.iter().map(|(k, v)| format!("sender.{k}={v}")))
        .collect();
    if !extras.is_empty() {
        out.line(format!("extra fields (not trusted): {}", t(&extras.join("; "))))?;
    }
    out.line("")?;
    if row.checks.is_empty() {
        out.line("evidence: not checked yet (run `linkvet check`)")?;
    }
    for e in &row.checks {
        out.line(format!("[{}] {} {} — {}", e.check, e.verdict, e.score, t(&e.summary)))?;
        for l in &e.lines {
            out.line(format!("    {}", t(l)))?;
        }
    }
    if !explanation.is_empty() {
        out.line(format!("risk: {}", t(&explanation.join("; "))))?;
    }
    out.line("")?;
    out.line(if history.is_empty() { "history: no decisions yet" } else { "history:" })?;
    for e in &history {
        out.line(format!("  {}", audit_line(e)))?;
    }
    Ok(())
}

/// One audit entry on one line, for people.
pub fn audit_line(e: &AuditEntry) -> String {
    let who = if e.officer == e.os_user {
        sanitize(&e.officer).into_owned()
    } else {
        format!("{} (os user {})", sanitize(&e.officer), sanitize(&e.os_user))
    };
    format!(
        "{:>5} {} {:<7} {:<8} {}{}",
        e.seq,
        e.at.get(..19).unwrap_or(&e.at).replace('T', " "),
        e.action,
        e.request_id.map(|r| format!("#{r}")).unwrap_or_else(|| "-".into()),
        who,
        if e.note.is_empty() { String::new() } else { format!(" — {}", sanitize(&e.note)) }
    )
}

pub fn photo_search(db: &Path, files: &[PathBuf], format: ListFormat, out: &mut Out) -> Result<(), Failure> {
    let mut probes = Vec::with_capacity(files.len());
    for f in files {
        let photo =
            crate::ingest::photos::read_photo(f).map_err(|e| Failure::usage(format!("{}: {e}", f.display())))?;
        probes.push((f, photo));
    }
    let store = open_store(db)?;
    let index = crate::analysis::PhotoSearch::load(&store)?;
    for (file, photo) in probes {
        let matches = index.search(&photo.fingerprint, &photo.probe, 5);
        match format {
            ListFormat::Json => {
                let list: Vec<Value> = matches.iter().map(|m| m.to_json()).collect();
                out.json(&json!({"file": file.display().to_string(), "matches": list}))?;
            }
            ListFormat::Table => {
                out.line(format!("{}:", file.display()))?;
                if matches.is_empty() {
                    out.line("  no candidates")?;
                }
                for m in &matches {
                    out.line(format!("  {}", m.describe()))?;
                }
            }
        }
    }
    Ok(())
}
