//! The audit chain against tampering done directly in the SQLite file (triggers dropped), and
//! anchors against truncation.

mod common;
use common::{Case, fixtures};
use predicates::prelude::*;

/// A case with five decisions by two officers and an undo.
fn decided() -> Case {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    case.run_ok(&["decide", "1", "flag", "--note", "odd career"]);
    case.run_ok(&["decide", "2", "accept"]);
    case.cmd()
        .args(["decide", "3", "report", "--note", "stolen photo"])
        .env("LINKVET_OFFICER", "bob")
        .assert()
        .success();
    case.run_ok(&["decide", "4", "flag", "--note", "thin account"]);
    case.run_ok(&["undo", "4"]);
    case
}

fn drop_triggers(case: &Case) -> rusqlite::Connection {
    let c = case.sql();
    c.execute_batch("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").unwrap();
    c
}

#[test]
fn an_untouched_log_verifies() {
    let case = decided();
    case.cmd().args(["audit", "verify"]).assert().success().stdout(predicate::str::contains("intact: 5 entries"));
}

#[test]
fn the_triggers_refuse_updates_and_deletes() {
    let case = decided();
    let c = case.sql();
    assert!(c.execute("UPDATE audit_log SET note = 'x' WHERE seq = 1", []).is_err());
    assert!(c.execute("DELETE FROM audit_log WHERE seq = 1", []).is_err());
}

#[test]
fn an_edited_note_is_named() {
    let case = decided();
    drop_triggers(&case).execute("UPDATE audit_log SET note = 'nothing odd' WHERE seq = 1", []).unwrap();
    case.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("BROKEN at entry 1").and(predicate::str::contains("altered")));
}

#[test]
fn a_deleted_entry_is_named() {
    let case = decided();
    drop_triggers(&case).execute("DELETE FROM audit_log WHERE seq = 3", []).unwrap();
    case.cmd().args(["audit", "verify"]).assert().code(1).stdout(predicate::str::contains("BROKEN at entry 3"));
}

#[test]
fn a_forged_entry_with_a_recomputed_hash_is_named() {
    let case = decided();
    let c = drop_triggers(&case);
    // Shift entries 3.. up by one and insert a forged entry 3 hashed like a real one; it cannot
    // also fix the next entry's link without rewriting the rest of the chain.
    c.execute("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 3", []).unwrap();
    c.execute("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100", []).unwrap();
    let prev: String = c.query_row("SELECT hash FROM audit_log WHERE seq = 2", [], |r| r.get(0)).unwrap();
    let at = "2026-11-28T10:00:00.000000Z";
    let fields = linkvet::domain::audit::EntryFields {
        seq: 3,
        at,
        officer: "mallory",
        os_user: "mallory",
        request_id: Some(5),
        action: "accept",
        note: "",
        payload: "{}",
        prev_hash: &prev,
    };
    c.execute(
        "INSERT INTO audit_log (seq, at, officer, os_user, request_id, action, note, payload, prev_hash, hash)
         VALUES (3, ?1, 'mallory', 'mallory', 5, 'accept', '', '{}', ?2, ?3)",
        rusqlite::params![at, prev, fields.hash()],
    )
    .unwrap();
    case.cmd().args(["audit", "verify"]).assert().code(1).stdout(predicate::str::contains("BROKEN at entry 4"));
}

#[test]
fn a_status_edited_behind_the_logs_back_is_reported() {
    let case = decided();
    case.sql().execute("UPDATE requests SET status = 'accepted' WHERE id = 3", []).unwrap();
    case.cmd()
        .args(["audit", "verify"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("request #3 is marked accepted but its audit entries say reported"));
}

#[test]
fn truncation_is_caught_against_an_earlier_anchor() {
    let case = decided();
    let anchor = case.run_ok(&["audit", "anchor"]);
    assert!(anchor.starts_with("linkvet-anchor v1 seq=5 hash="), "{anchor}");
    let file = case.dir.path().join("anchor.txt");
    std::fs::write(&file, format!("ticket 4711\n{anchor}")).unwrap();
    case.cmd().args(["audit", "verify", "--anchor", file.to_str().unwrap()]).assert().success();
    case.cmd().args(["audit", "verify", "--anchor", anchor.trim()]).assert().success();
    drop_triggers(&case).execute("DELETE FROM audit_log WHERE seq >= 4", []).unwrap();
    // The shortened chain is still internally consistent …
    case.cmd().args(["audit", "verify"]).assert().success();
    // … but no longer holds the anchored head.
    case.cmd()
        .args(["audit", "verify", "--anchor", file.to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("entry 5 recorded by the anchor is gone"));
}

#[test]
fn undo_is_a_new_entry_and_status_follows_the_entries() {
    let case = decided();
    let log = case.json_lines(&["audit", "log", "--format", "json", "--request", "4"]);
    assert_eq!(log.len(), 2);
    assert_eq!(log[1]["action"], "undo");
    assert_eq!(log[1]["payload"]["reverses"], log[0]["seq"]);
    let row = case.json_lines(&["show", "4", "--format", "json"]);
    assert_eq!(row[0]["status"], "pending");
    // Filters.
    assert_eq!(case.json_lines(&["audit", "log", "--format", "json", "--officer", "bob"]).len(), 1);
    assert_eq!(case.json_lines(&["audit", "log", "--format", "json", "--action", "flag"]).len(), 2);
    assert_eq!(case.json_lines(&["audit", "log", "--format", "json", "--since", "2000-01-01"]).len(), 5);
    assert_eq!(case.json_lines(&["audit", "log", "--format", "json", "--since", "2999-01-01T00:00:00Z"]).len(), 0);
    let csv = case.run_ok(&["audit", "log", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 6);
    assert!(csv.starts_with("seq,at,officer,os_user,request_id,action,note,payload,prev_hash,hash"));
}

#[test]
fn another_officers_decision_is_not_overridden_silently() {
    let case = decided();
    // Request 3 was reported by bob; alice is told who and when, and nothing is written.
    case.cmd()
        .args(["decide", "3", "accept"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("was reported by bob at"));
    assert_eq!(case.json_lines(&["audit", "log", "--format", "json"]).len(), 5);
    case.run_ok(&["decide", "3", "accept", "--force"]);
    assert_eq!(case.json_lines(&["audit", "log", "--format", "json"]).len(), 6);
}

#[test]
fn every_entry_records_the_os_user() {
    let case = decided();
    let me = linkvet::commands::os_user_name();
    for e in case.json_lines(&["audit", "log", "--format", "json"]) {
        assert_eq!(e["os_user"], me.as_str());
    }
}
