//! Schema migrations, versioned by `PRAGMA user_version` and run in one immediate transaction.
//! A database from a newer build is refused untouched.

use super::{Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// Each entry upgrades from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE photos (
    sha256      TEXT PRIMARY KEY,
    bytes       BLOB NOT NULL,
    format      TEXT NOT NULL,
    width       INTEGER NOT NULL,
    height      INTEGER NOT NULL,
    fingerprint BLOB NOT NULL,
    probe       BLOB NOT NULL,
    phash       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE requests (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE,
    received_at  TEXT NOT NULL,
    platform     TEXT NOT NULL,
    sender       TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    profile_url  TEXT,
    photo_sha256 TEXT REFERENCES photos(sha256),
    report_json  TEXT NOT NULL,
    source_file  TEXT NOT NULL,
    source_line  INTEGER NOT NULL,
    imported_at  TEXT NOT NULL,
    -- Derived from the audit log; kept here so the queue is one indexed query.
    status       TEXT NOT NULL DEFAULT 'pending',
    decided_by   TEXT,
    decided_at   TEXT,
    risk         INTEGER,
    level        TEXT,
    risk_explained TEXT,
    stale        INTEGER NOT NULL DEFAULT 1,
    search_text  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX requests_queue_risk ON requests(status, risk DESC, received_at DESC);
CREATE INDEX requests_all_risk ON requests(risk DESC, received_at DESC);
CREATE INDEX requests_received ON requests(status, received_at DESC);
CREATE INDEX requests_sender ON requests(status, sender);
CREATE INDEX requests_stale ON requests(stale) WHERE stale = 1;
CREATE INDEX requests_photo ON requests(photo_sha256);

CREATE TABLE evidence (
    request_id    INTEGER NOT NULL REFERENCES requests(id),
    check_id      TEXT NOT NULL,
    check_version INTEGER NOT NULL,
    verdict       TEXT NOT NULL,
    score         INTEGER NOT NULL,
    summary       TEXT NOT NULL,
    lines_json    TEXT NOT NULL,
    ran_at        TEXT NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (request_id, check_id)
) WITHOUT ROWID;

CREATE TABLE reference_photos (
    id           INTEGER PRIMARY KEY,
    photo_sha256 TEXT NOT NULL REFERENCES photos(sha256),
    name         TEXT NOT NULL,
    label        TEXT NOT NULL,
    source       TEXT,
    added_at     TEXT NOT NULL,
    UNIQUE (photo_sha256, label)
);

CREATE TABLE watchlist (
    id       INTEGER PRIMARY KEY,
    kind     TEXT NOT NULL,
    value    TEXT NOT NULL,
    note     TEXT NOT NULL,
    added_at TEXT NOT NULL,
    UNIQUE (kind, value)
);

CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    officer    TEXT NOT NULL,
    os_user    TEXT NOT NULL,
    request_id INTEGER,
    action     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    payload    TEXT NOT NULL DEFAULT '{}',
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
);
CREATE INDEX audit_request ON audit_log(request_id, seq);
CREATE INDEX audit_officer ON audit_log(officer, seq);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be changed'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: entries cannot be deleted'); END;
"#,
    // The queue's ORDER BY clauses (see queue.rs) sort on `risk IS NULL` and on
    // `sender COLLATE NOCASE`, which the first indexes cannot deliver in order: every page was a
    // sort of the whole status. These match the clauses term for term, so a page is a walk of
    // LIMIT + OFFSET index entries; evidence is read in `position` order straight from an index.
    // The three first-generation queue indexes they supersede are dropped: no query can use
    // them any more, and every index costs each imported request another B-tree insert.
    // Written to be re-runnable (IF [NOT] EXISTS), so replaying a step is harmless.
    r#"
DROP INDEX IF EXISTS requests_queue_risk;
DROP INDEX IF EXISTS requests_all_risk;
DROP INDEX IF EXISTS requests_sender;
CREATE INDEX IF NOT EXISTS requests_queue_risk_nulls ON requests(status, risk IS NULL, risk DESC, received_at DESC, id);
CREATE INDEX IF NOT EXISTS requests_all_risk_nulls ON requests(risk IS NULL, risk DESC, received_at DESC, id);
CREATE INDEX IF NOT EXISTS requests_all_received ON requests(received_at DESC, id);
CREATE INDEX IF NOT EXISTS requests_queue_sender ON requests(status, sender COLLATE NOCASE, received_at DESC, id);
CREATE INDEX IF NOT EXISTS requests_all_sender ON requests(sender COLLATE NOCASE, received_at DESC, id);
CREATE INDEX IF NOT EXISTS evidence_position ON evidence(request_id, position);
"#,
    // Each report's full JSON (about 1.5 KB) lived in the `requests` row, so every scan of the
    // queue table (building an index after a bulk import, the `/` filter over `search_text`,
    // counting) read five times more pages than the queue needs. The report moves to a table of
    // its own, keyed by the request's id, read only when one request is opened or checked.
    // Likewise each evidence row carried its lines (about 220 bytes against a 33-byte summary),
    // so a listing of verdicts and summaries read seven times the pages it needed: the lines
    // move to `evidence_lines`. Evidence is now read by its primary key and put in position
    // order in memory (see queue.rs), so its position index, which served no query and cost
    // seven B-tree inserts per checked request, goes.
    // Finally each request keeps its checks' verdicts and summaries as the JSON array a
    // listing prints (`checks_json`, written with the evidence in one transaction), so listing
    // every request is one index walk instead of one evidence read per request.
    // The queue's `/` filter tests `instr(search_text, ?)` on every request of a status: an
    // index holding just the text (~170 bytes a request against ~1.3 KB for the row) lets it
    // count the matches, and find rare ones, scanning a seventh of the pages.
    r#"
CREATE TABLE IF NOT EXISTS request_reports (
    request_id  INTEGER PRIMARY KEY REFERENCES requests(id),
    report_json TEXT NOT NULL
);
INSERT OR IGNORE INTO request_reports (request_id, report_json) SELECT id, report_json FROM requests;
ALTER TABLE requests DROP COLUMN report_json;
CREATE TABLE IF NOT EXISTS evidence_lines (
    request_id INTEGER NOT NULL REFERENCES requests(id),
    check_id   TEXT NOT NULL,
    lines_json TEXT NOT NULL,
    PRIMARY KEY (request_id, check_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO evidence_lines (request_id, check_id, lines_json)
    SELECT request_id, check_id, lines_json FROM evidence;
ALTER TABLE evidence DROP COLUMN lines_json;
DROP INDEX IF EXISTS evidence_position;
ALTER TABLE requests ADD COLUMN checks_json TEXT;
UPDATE requests SET checks_json = (
    SELECT json_group_array(json_object('check', check_id, 'verdict', verdict, 'score', score, 'summary', summary)
                            ORDER BY position)
    FROM evidence WHERE evidence.request_id = requests.id)
WHERE id IN (SELECT request_id FROM evidence);
CREATE INDEX IF NOT EXISTS requests_search ON requests(status, search_text);
"#,
    // Where each watchlist row came from: the CSV file's name, or the partner's MISP event or
    // STIX bundle and who produced it. Rows held before are from CSV files not recorded then.
    r#"
ALTER TABLE watchlist ADD COLUMN source TEXT NOT NULL DEFAULT '';
"#,
    // Statistics (issue 17: `linkvet stats` and the workstation's statistics view) count
    // approaches by week, platform, risk, decision, organisation and role without opening a
    // single report's JSON. The report's time of reaching the team and the approached official's
    // organisation and role become columns, backfilled from the stored reports exactly as an
    // import now writes them: times in UTC to the second (`...Z`), `reported_at` the report's
    // own or else the time it was imported (when the team had it at the latest), and an
    // organisation or role that is empty or blank stored as none.
    // One covering index serves every figure about the approaches received in a period (a range
    // on `received_at`, everything else read from the index); one serves the weekly "reported"
    // count; a partial one holds the decided requests for decision times and per-officer
    // counts. Evidence that links, hits a watchlist row or matches a photo is indexed on its own
    // (a partial index: clear results, the great majority, cost nothing), and decisions in the
    // audit log by action and time. Campaign groups are remembered, see below. Self-contained (it reads only tables the first three steps
    // made), so it can be renumbered when merged.
    r#"
ALTER TABLE requests ADD COLUMN reported_at TEXT;
ALTER TABLE requests ADD COLUMN recipient_org TEXT;
ALTER TABLE requests ADD COLUMN recipient_role TEXT;
UPDATE requests SET
    reported_at = COALESCE(
        strftime('%Y-%m-%dT%H:%M:%SZ',
            (SELECT json_extract(report_json, '$.reported_at') FROM request_reports WHERE request_id = requests.id)),
        strftime('%Y-%m-%dT%H:%M:%SZ', imported_at)),
    recipient_org = NULLIF(trim(
        (SELECT json_extract(report_json, '$.recipient.org') FROM request_reports WHERE request_id = requests.id),
        ' ' || char(9, 10, 13)), ''),
    recipient_role = NULLIF(trim(
        (SELECT json_extract(report_json, '$.recipient.role') FROM request_reports WHERE request_id = requests.id),
        ' ' || char(9, 10, 13)), '');
CREATE INDEX IF NOT EXISTS requests_stats_received ON requests(
    received_at, status, platform, level, reported_at, recipient_org, recipient_role, recipient, sender);
CREATE INDEX IF NOT EXISTS requests_stats_reported ON requests(reported_at, status);
CREATE INDEX IF NOT EXISTS requests_stats_decided ON requests(decided_at, status, decided_by, reported_at)
    WHERE decided_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS evidence_stats_links ON evidence(check_id, verdict, request_id, ran_at)
    WHERE check_id IN ('campaign', 'watchlist', 'photo') AND verdict IN ('caution', 'suspicious');
CREATE INDEX IF NOT EXISTS audit_stats_decisions ON audit_log(action, at, officer);
-- Campaign groups as the campaign check's links join them, remembered after each check run
-- (joining them means reading every linked request's evidence lines: about 80 MB at 100,000
-- generated requests) with the state of the campaign evidence they were made from, so a reader
-- can tell whether they still hold. Only ever derived data: dropping these rows loses nothing.
CREATE TABLE IF NOT EXISTS campaign_groups (
    request_id INTEGER PRIMARY KEY REFERENCES requests(id),
    group_id   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS campaign_spans (
    group_id   INTEGER PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    members    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS derived_stamps (
    name  TEXT PRIMARY KEY,
    stamp TEXT NOT NULL
) WITHOUT ROWID;
"#,
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found, supported: SCHEMA_VERSION });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read under the write lock: another process may have migrated meanwhile.
    let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn migrating_from_empty_reaches_the_current_schema_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let v: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
        let first = tables(&conn);
        for t in ["requests", "photos", "evidence", "audit_log", "watchlist", "reference_photos", "audit_log_no_update"]
        {
            assert!(first.iter().any(|n| n == t), "{t} missing");
        }
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(tables(&conn), first);
    }

    #[test]
    fn upgrading_from_every_earlier_version_equals_a_fresh_database() {
        let schema = |c: &Connection| -> Vec<String> {
            let mut s = c.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name").unwrap();
            s.query_map([], |r| r.get(0)).unwrap().map(|r| r.unwrap()).collect()
        };
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh, Path::new(":memory:")).unwrap();
        for from in 0..MIGRATIONS.len() {
            // A database left at version `from` by an older build, then opened by this one.
            let mut old = Connection::open_in_memory().unwrap();
            for sql in &MIGRATIONS[..from] {
                old.execute_batch(sql).unwrap();
            }
            old.pragma_update(None, "user_version", from as i64).unwrap();
            migrate(&mut old, Path::new(":memory:")).unwrap();
            assert_eq!(schema(&old), schema(&fresh), "upgrade from version {from}");
        }
    }

    #[test]
    fn moving_reports_and_evidence_lines_to_their_own_tables_keeps_every_one() {
        let mut conn = Connection::open_in_memory().unwrap();
        for sql in &MIGRATIONS[..2] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(
            "INSERT INTO requests (id, received_at, platform, sender, recipient, report_json, source_file,
                 source_line, imported_at)
             VALUES (5, '2026-01-01T00:00:00Z', 'linkedin', 'A', 'B', '{\"x\":1}', 'f', 1, 'now'),
                    (9, '2026-01-02T00:00:00Z', 'linkedin', 'C', 'D', '{\"x\":2}', 'f', 2, 'now');
             INSERT INTO evidence (request_id, check_id, check_version, verdict, score, summary, lines_json, ran_at, position)
             VALUES (9, 'photo', 1, 'clear', 0, 's', '[\"a line\"]', 'now', 0),
                    (9, 'account', 1, 'caution', 40, 'new \"account\"', '[]', 'now', 1);",
        )
        .unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let moved: Vec<(i64, String)> = conn
            .prepare("SELECT request_id, report_json FROM request_reports ORDER BY request_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(moved, vec![(5, "{\"x\":1}".to_owned()), (9, "{\"x\":2}".to_owned())]);
        let lines: (i64, String, String) = conn
            .query_row(
                "SELECT request_id, check_id, lines_json FROM evidence_lines WHERE check_id = 'photo'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(lines, (9, "photo".to_owned(), "[\"a line\"]".to_owned()));
        // The listing's summary of each checked request, in check order, as a check run writes it.
        let listed: Vec<Option<String>> = conn
            .prepare("SELECT checks_json FROM requests ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let evidence = |check: &str, verdict, score, summary: &str| crate::domain::Evidence {
            check: check.into(),
            version: 1,
            verdict,
            score,
            summary: summary.into(),
            lines: vec![],
            related: vec![],
        };
        let expected = crate::domain::evidence::summaries_json(&[
            evidence("photo", crate::domain::Verdict::Clear, 0, "s"),
            evidence("account", crate::domain::Verdict::Caution, 40, "new \"account\""),
        ]);
        assert_eq!(listed, vec![None, Some(expected)]);
    }

    #[test]
    fn the_statistics_columns_are_backfilled_as_an_import_writes_them() {
        use crate::domain::report::Timestamp;
        let dir = tempfile::tempdir().unwrap();
        let mut fresh = crate::store::Store::open(&dir.path().join("fresh.db")).unwrap();
        let mut reports = Vec::new();
        let cases: [(Option<&str>, Option<&str>, Option<&str>); 6] = [
            (Some("2026-11-02T10:01:00+01:00"), Some("Home Office"), Some("Policy Adviser")),
            (Some("2026-11-02T09:14:00.123456Z"), Some("  Home Office\t"), Some("")),
            (None, None, None),
            (None, Some(" \n "), Some("Engineer")),
            (Some("2026-11-02t09:14:00z"), Some("Ministry of Defence"), Some("  ")),
            (Some("2026-11-03T23:30:00-05:00"), Some("Cabinet Office"), None),
        ];
        for (i, (reported, org, role)) in cases.iter().enumerate() {
            let mut r = crate::domain::Report::minimal("2026-11-01T09:00:00+02:00", "Sender", "Official");
            r.id = Some(format!("R-{i}"));
            r.reported_at = reported.map(|t| Timestamp::parse(t).unwrap());
            r.recipient.org = org.map(str::to_owned);
            r.recipient.role = role.map(str::to_owned);
            reports.push(crate::ingest::ImportedReport { report: r, line: i + 1, photo: None });
        }
        crate::store::set_test_clock(Some(chrono::Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()));
        fresh.import_reports(&[("r.jsonl".into(), reports)]).unwrap();
        crate::store::set_test_clock(None);
        type Columns = Vec<(i64, Option<String>, Option<String>, Option<String>)>;
        let columns = |c: &Connection| -> Columns {
            c.prepare("SELECT id, reported_at, recipient_org, recipient_role FROM requests ORDER BY id")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let imported = columns(&fresh.conn);
        assert_eq!(imported[0].1.as_deref(), Some("2026-11-02T09:01:00Z"));
        assert_eq!(imported[1].1.as_deref(), Some("2026-11-02T09:14:00Z"));
        assert_eq!(imported[1].2.as_deref(), Some("Home Office"));
        assert_eq!(imported[1].3, None, "an empty role is none");
        assert_eq!(imported[2].1.as_deref(), Some("2026-11-20T12:00:00Z"), "no reported_at: the import time");
        assert_eq!(imported[3].2, None, "a blank organisation is none");
        assert_eq!(imported[5].1.as_deref(), Some("2026-11-04T04:30:00Z"));

        // The same requests in a database an older build wrote, then opened by this one.
        let mut old = Connection::open(dir.path().join("old.db")).unwrap();
        for sql in &MIGRATIONS[..3] {
            old.execute_batch(sql).unwrap();
        }
        old.pragma_update(None, "user_version", 3).unwrap();
        let fresh_path = dir.path().join("fresh.db");
        old.execute("ATTACH DATABASE ?1 AS f", [fresh_path.to_str().unwrap()]).unwrap();
        old.execute_batch(
            "INSERT INTO requests (id, external_id, received_at, platform, sender, recipient, source_file,
                 source_line, imported_at, search_text)
             SELECT id, external_id, received_at, platform, sender, recipient, source_file, source_line,
                 imported_at, search_text FROM f.requests;
             INSERT INTO request_reports SELECT * FROM f.request_reports;",
        )
        .unwrap();
        old.execute_batch("DETACH DATABASE f").unwrap();
        migrate(&mut old, Path::new("old.db")).unwrap();
        assert_eq!(columns(&old), imported);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        assert!(matches!(migrate(&mut conn, Path::new("x.db")), Err(StoreError::NewerSchema { .. })));
    }
}
