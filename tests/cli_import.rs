//! The headless CLI on real files: imports whole-or-nothing, idempotence, error locations,
//! LinkedIn exports, watchlists, file modes and closed pipes.

mod common;
use common::{Case, fixtures};
use predicates::prelude::*;
use std::os::unix::fs::PermissionsExt;

fn count(case: &Case, table: &str) -> i64 {
    case.sql().query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).unwrap()
}

/// Every table's row count, to show a failed import changed nothing.
fn snapshot(case: &Case) -> Vec<i64> {
    ["requests", "photos", "evidence", "audit_log", "watchlist", "reference_photos"]
        .iter()
        .map(|t| count(case, t))
        .collect()
}

/// 300 valid reports built from the demo set with fresh ids and no photos.
fn three_hundred(dir: &std::path::Path) -> (std::path::PathBuf, Vec<String>) {
    let demo = std::fs::read_to_string(fixtures().join("reports/demo.jsonl")).unwrap();
    let base: Vec<serde_json::Value> = demo.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let lines: Vec<String> = (0..300)
        .map(|i| {
            let mut v = base[i % base.len()].clone();
            v["id"] = format!("BULK-{i:04}").into();
            v["sender"]["photo"] = serde_json::Value::Null;
            v.to_string()
        })
        .collect();
    let path = dir.join("bulk.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    (path, lines)
}

#[test]
fn three_hundred_reports_import_once_and_a_bad_line_150_imports_nothing() {
    let case = Case::new();
    let (path, mut lines) = three_hundred(case.dir.path());
    let out = case.run_ok(&["import", "--no-check", path.to_str().unwrap()]);
    assert!(out.contains("imported 300, already present 0"), "{out}");
    assert_eq!(count(&case, "requests"), 300);
    let again = case.run_ok(&["import", "--no-check", path.to_str().unwrap()]);
    assert!(again.contains("imported 0, already present 300"), "{again}");
    assert_eq!(count(&case, "requests"), 300);

    lines.iter_mut().for_each(|l| *l = l.replace("BULK-", "BAD-"));
    lines[149] = lines[149].replace("\"received_at\":\"", "\"received_at\":\"not a time ");
    let bad = case.dir.path().join("bad.jsonl");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let before = snapshot(&case);
    case.cmd()
        .args(["import", bad.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 150").and(predicate::str::contains("received_at")));
    assert_eq!(snapshot(&case), before);
}

#[test]
fn every_malformed_fixture_is_refused_with_file_line_and_field() {
    let m = fixtures().join("malformed");
    let cases: &[(&str, &[&str])] = &[
        ("bad-schema.jsonl", &["line 2", "`schema`", "linkvet.report/1"]),
        ("missing-received-at.jsonl", &["line 3", "received_at"]),
        ("wrong-type.jsonl", &["line 2", "`sender.connections`"]),
        ("bad-date.jsonl", &["line 1", "`sender.joined`", "2026-13"]),
        ("bad-rfc3339.jsonl", &["line 2", "`received_at`", "RFC 3339"]),
        ("not-json.jsonl", &["line 2"]),
        ("photo-escape.jsonl", &["line 2", "`sender.photo`", "climbs out"]),
        ("photo-absolute.jsonl", &["line 2", "`sender.photo`", "absolute"]),
        ("bad-platform.json", &["line 25", "`[1].platform`", "myspace"]),
        ("bad-invitations.csv", &["line 1", "Direction"]),
        ("photo-broken.jsonl", &["line 1", "`sender.photo`"]),
        ("photo-huge.jsonl", &["line 1", "`sender.photo`", "10000"]),
        ("photo-not-image.jsonl", &["line 1", "`sender.photo`"]),
        ("photo-bmp.jsonl", &["line 1", "`sender.photo`"]),
        ("photo-missing.jsonl", &["line 1", "`sender.photo`"]),
    ];
    let case = Case::new();
    case.run_ok(&["init"]);
    let before = snapshot(&case);
    for (file, wants) in cases {
        let path = m.join(file);
        let assert = case.cmd().args(["import", path.to_str().unwrap()]).assert().code(2);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
        assert!(stderr.contains(file), "{file}: {stderr}");
        for w in *wants {
            assert!(stderr.contains(w), "{file}: expected {w:?} in {stderr}");
        }
        assert!(stderr.contains("nothing was imported"), "{stderr}");
        assert_eq!(snapshot(&case), before, "{file} changed the database");
    }
    let bad_watch = m.join("bad-watchlist.csv");
    case.cmd()
        .args(["watchlist", "import", bad_watch.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("line 3").and(predicate::str::contains("`kind`")));
    assert_eq!(snapshot(&case), before);
}

#[test]
fn several_files_import_all_or_nothing() {
    let case = Case::new();
    let good = fixtures().join("reports/demo.jsonl");
    let bad = fixtures().join("malformed/bad-date.jsonl");
    case.cmd().args(["import", good.to_str().unwrap(), bad.to_str().unwrap()]).assert().code(2);
    // Bad input creates no database at all, let alone requests in one.
    assert!(!case.db().exists());
}

#[test]
fn both_linkedin_export_shapes_import_incoming_rows_only() {
    let case = Case::new();
    let new = fixtures().join("linkedin/Invitations.csv");
    let old = fixtures().join("linkedin/Invitations-old.csv");
    let incoming = |p: &std::path::Path| {
        let mut r = csv::Reader::from_path(p).unwrap();
        let h = r.headers().unwrap().clone();
        let d = h.iter().position(|c| c == "Direction").unwrap();
        let recs: Vec<_> = r.records().map(Result::unwrap).collect();
        let inc = recs.iter().filter(|x| &x[d] == "INCOMING").count();
        (inc, recs.len() - inc)
    };
    let (inc_new, out_new) = incoming(&new);
    let (inc_old, out_old) = incoming(&old);
    let out = case.run_ok(&["import", new.to_str().unwrap()]);
    assert!(out.contains(&format!("imported {inc_new}, already present 0, skipped outgoing {out_new}")), "{out}");
    let out = case.run_ok(&["import", old.to_str().unwrap()]);
    assert!(out.contains(&format!("imported {inc_old}, already present 0, skipped outgoing {out_old}")), "{out}");
    assert_eq!(count(&case, "requests") as usize, inc_new + inc_old);
    let with_url: i64 =
        case.sql().query_row("SELECT COUNT(*) FROM requests WHERE profile_url IS NOT NULL", [], |r| r.get(0)).unwrap();
    assert_eq!(with_url as usize, inc_new, "only the new shape carries profile URLs");
    let again = case.run_ok(&["import", new.to_str().unwrap()]);
    assert!(again.contains(&format!("imported 0, already present {inc_new}")), "{again}");
}

#[test]
fn decide_changes_status_writes_audit_and_the_file_is_private() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    let out = case.run_ok(&["decide", "R-2026-000102", "flag", "--note", "homoglyph in the name"]);
    assert!(out.starts_with("flagged #"), "{out}");
    let shown = case.json_lines(&["show", "R-2026-000102", "--format", "json"]);
    assert_eq!(shown[0]["status"], "flagged");
    let log = case.json_lines(&["audit", "log", "--format", "json"]);
    assert_eq!(log.len(), 1);
    for key in ["seq", "at", "officer", "request_id", "action", "note", "prev_hash", "hash"] {
        assert!(log[0].get(key).is_some(), "audit log lacks {key}");
    }
    assert_eq!(log[0]["action"], "flag");
    assert_eq!(log[0]["note"], "homoglyph in the name");
    assert_eq!(log[0]["officer"], "alice");
    let mode = std::fs::metadata(case.db()).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "database mode {mode:o}");
    let dir_mode = std::fs::metadata(case.db().parent().unwrap()).unwrap().permissions().mode() & 0o777;
    assert_eq!(dir_mode, 0o700, "directory mode {dir_mode:o}");
    let pending = case.json_lines(&["list", "--format", "json"]);
    assert!(pending.iter().all(|r| r["external_id"] != "R-2026-000102"));
    let flagged = case.json_lines(&["list", "--status", "flagged", "--format", "json"]);
    assert_eq!(flagged.len(), 1);
}

#[test]
fn report_needs_a_note_and_unknown_ids_are_usage_errors() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    case.cmd().args(["decide", "1", "report"]).assert().code(2).stderr(predicate::str::contains("note"));
    case.cmd().args(["decide", "R-NOPE", "flag"]).assert().code(2).stderr(predicate::str::contains("R-NOPE"));
    case.cmd().args(["list", "--status", "maybe"]).assert().code(2);
    assert_eq!(count(&case, "audit_log"), 0);
}

#[test]
fn a_database_from_a_newer_build_is_refused_untouched() {
    let case = Case::new();
    case.run_ok(&["init"]);
    case.sql().pragma_update(None, "user_version", 99).unwrap();
    case.cmd().args(["list"]).assert().code(2).stderr(predicate::str::contains("newer linkvet"));
    let v: i64 = case.sql().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, 99);
}

#[test]
fn output_piped_into_head_ends_quietly() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    let bin = assert_cmd::cargo::cargo_bin("linkvet");
    for args in ["list --status all", "list --status all --format json", "show 1", "audit log"] {
        let script = format!("{} {args} | head -c 1 >/dev/null; echo \"exit=${{PIPESTATUS[0]}}\"", bin.display());
        let out =
            std::process::Command::new("bash").arg("-c").arg(&script).env("LINKVET_DB", case.db()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args}: {stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("exit=0"), "{args}: {stderr}");
    }
}

#[test]
fn list_json_follows_the_spec() {
    let case = Case::new().with_demo();
    let rows = case.json_lines(&["list", "--format", "json"]);
    assert_eq!(rows.len(), 47);
    for key in
        ["id", "external_id", "received_at", "sender", "recipient", "platform", "status", "risk", "level", "checks"]
    {
        assert!(rows[0].get(key).is_some(), "list json lacks {key}");
    }
    let risks: Vec<i64> = rows.iter().map(|r| r["risk"].as_i64().unwrap()).collect();
    assert!(risks.windows(2).all(|w| w[0] >= w[1]), "not highest risk first: {risks:?}");
    for r in &rows {
        assert!(["low", "medium", "high"].contains(&r["level"].as_str().unwrap()));
        for c in r["checks"].as_array().unwrap() {
            assert!(["clear", "caution", "suspicious", "not_applicable"].contains(&c["verdict"].as_str().unwrap()));
            for key in ["check", "score", "summary"] {
                assert!(c.get(key).is_some());
            }
        }
    }
}
