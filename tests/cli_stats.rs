//! `linkvet stats` from the outside: exit codes and messages on bad input, the same figures in
//! every format, recipients named only when asked, hostile text harmless, closed pipes quiet.

mod common;

use common::{Case, fixtures};
use predicates::prelude::*;
use serde_json::Value;

fn stats_json(case: &Case, args: &[&str]) -> Value {
    let mut all = vec!["stats", "--format", "json"];
    all.extend_from_slice(args);
    let out = case.run_ok(&all);
    assert_eq!(out.lines().count(), 1, "one JSON object on one line");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn a_missing_database_or_a_bad_date_exits_2_and_creates_nothing() {
    let case = Case::new();
    case.cmd()
        .args(["stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no database there").and(predicate::str::contains("linkvet.db")));
    assert!(!case.db().exists(), "a read created the database");
    assert!(!case.db().parent().unwrap().exists(), "a read created the database's folder");
    case.run_ok(&["import", "--no-check", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    for (args, says) in [
        (vec!["--since", "2026-13-01"], "--since \"2026-13-01\": not a date"),
        (vec!["--until", "last week"], "--until \"last week\": not a date"),
        (vec!["--since", "2026-11-02", "--until", "2026-11-01"], "is before --since"),
    ] {
        let mut all = vec!["stats"];
        all.extend(args);
        case.cmd().args(&all).assert().code(2).stderr(predicate::str::contains(says));
    }
    case.cmd().args(["stats", "--top", "0"]).assert().code(2);
    case.cmd().args(["stats", "--format", "xml"]).assert().code(2);
}

#[test]
fn the_json_has_every_documented_key() {
    let case = Case::new().with_demo();
    case.run_ok(&["decide", "R-2026-000101", "report", "--note", "stock photo", "--officer", "bob"]);
    let s = stats_json(&case, &["--since", "2026-09-01", "--until", "2026-11-30"]);
    for key in [
        "generated_at",
        "period",
        "filters",
        "totals",
        "weeks",
        "trend",
        "platforms",
        "risk_levels",
        "decisions",
        "organisations",
        "roles",
        "recipients",
        "campaigns",
        "watchlist",
        "reference_photos",
        "decision_time",
        "backlog",
        "officers",
    ] {
        assert!(s.get(key).is_some(), "stats json lacks {key}");
    }
    assert_eq!(s["period"], serde_json::json!({"since": "2026-09-01", "until": "2026-11-30"}));
    assert_eq!(s["filters"], serde_json::json!({"status": "all", "text": null}));
    for key in ["received", "reported", "recipients", "organisations"] {
        assert!(s["totals"][key].is_u64(), "totals.{key}");
    }
    assert_eq!(s["totals"]["received"], 47);
    for key in ["week", "days", "received", "reported", "high"] {
        assert!(s["weeks"][0].get(key).is_some(), "weeks[].{key}");
    }
    for key in ["previous", "received_previous", "reported_previous", "received_change_pct", "reported_change_pct"] {
        assert!(s["trend"].get(key).is_some(), "trend.{key}");
    }
    assert!(s["platforms"][0]["name"].is_string() && s["platforms"][0]["count"].is_u64());
    for key in ["high", "medium", "low", "unchecked"] {
        assert!(s["risk_levels"][key].is_u64(), "risk_levels.{key}");
    }
    for key in ["pending", "flagged", "reported", "accepted"] {
        assert!(s["decisions"][key].is_u64(), "decisions.{key}");
    }
    assert_eq!(s["decisions"]["reported"], 1);
    for ranking in ["organisations", "roles", "recipients"] {
        assert!(s[ranking]["distinct"].is_u64() && s[ranking]["top"].is_array(), "{ranking}");
    }
    assert!(s["campaigns"]["active"].as_u64().unwrap() > 0, "the demo data has campaigns");
    for key in [
        "id",
        "first_seen",
        "last_seen",
        "members",
        "members_in_period",
        "recipients",
        "organisations",
        "sender",
        "senders",
    ] {
        assert!(s["campaigns"]["top"][0].get(key).is_some(), "campaigns.top[].{key}");
    }
    for key in ["kind", "value", "requests"] {
        assert!(s["watchlist"][0].get(key).is_some(), "watchlist[].{key}");
    }
    for key in ["name", "label", "requests"] {
        assert!(s["reference_photos"][0].get(key).is_some(), "reference_photos[].{key}");
    }
    for key in ["decided", "median_hours", "p90_hours"] {
        assert!(s["decision_time"].get(key).is_some(), "decision_time.{key}");
    }
    assert_eq!(s["decision_time"]["decided"], 0, "decided today, outside the period");
    for key in ["pending", "oldest", "by_age"] {
        assert!(s["backlog"].get(key).is_some(), "backlog.{key}");
    }
    assert_eq!(s["backlog"]["by_age"].as_array().unwrap().len(), 6);
    assert!(s["backlog"]["by_age"][0]["age"].is_string() && s["backlog"]["by_age"][0]["count"].is_u64());
    // All time: today's decision counts, by its officer.
    let all = stats_json(&case, &[]);
    assert!(all["trend"].is_null(), "no trend without a start");
    let officers = all["officers"].as_array().unwrap();
    assert_eq!(officers.len(), 1);
    for key in ["officer", "accepted", "flagged", "reported", "decisions", "undone", "undo_rate"] {
        assert!(officers[0].get(key).is_some(), "officers[].{key}");
    }
    assert_eq!((officers[0]["officer"].as_str(), officers[0]["reported"].as_u64()), (Some("bob"), Some(1)));
}

#[test]
fn every_format_shows_the_same_figures() {
    let case = Case::new().with_demo();
    let s = stats_json(&case, &["--status", "pending", "--filter", "linkedin"]);
    let received = s["totals"]["received"].as_u64().unwrap();
    let high = s["risk_levels"]["high"].as_u64().unwrap();
    let campaigns = s["campaigns"]["active"].as_u64().unwrap();
    assert!(received > 0 && received < 47, "the filters apply: {received}");
    let args = ["--status", "pending", "--filter", "linkedin"];

    let csv_out = case.run_ok(&[&["stats", "--format", "csv"][..], &args].concat());
    let mut rdr = csv::Reader::from_reader(csv_out.as_bytes());
    assert_eq!(rdr.headers().unwrap(), vec!["section", "item", "measure", "value"]);
    let rows: Vec<Vec<String>> = rdr.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let value = |section: &str, item: &str, measure: &str| {
        rows.iter().find(|r| r[0] == section && r[1] == item && r[2] == measure).map(|r| r[3].clone())
    };
    assert_eq!(value("totals", "", "received"), Some(received.to_string()));
    assert_eq!(value("risk", "high", "approaches"), Some(high.to_string()));
    assert_eq!(value("totals", "", "active_campaigns"), Some(campaigns.to_string()));
    assert_eq!(value("filters", "", "status"), Some("pending".into()));
    let weekly: u64 =
        rows.iter().filter(|r| r[0] == "week" && r[2] == "received").map(|r| r[3].parse::<u64>().unwrap()).sum();
    assert_eq!(weekly, received);

    let md = case.run_ok(&[&["stats", "--format", "markdown"][..], &args].concat());
    assert!(md.starts_with("# Approaches to staff: all time"), "{md}");
    assert!(md.contains(&format!("- **{received}** approaches received")), "{md}");
    assert!(md.contains(&format!("- **{campaigns}** active campaigns")), "{md}");
    assert!(md.contains(&format!("| High | {high} |")), "{md}");
    for section in [
        "## Summary",
        "## Approaches per week",
        "## Platforms",
        "## Risk and decisions",
        "## Organisations most approached",
        "## Roles most approached",
        "## Active campaigns",
        "## Watchlist and reference photos matched most",
        "## Decision times and backlog",
        "## Decisions by officer",
    ] {
        assert!(md.contains(section), "markdown lacks {section}");
    }

    let table = case.run_ok(&[&["stats"][..], &args].concat());
    assert!(table.contains(&format!("  received               {received:>8}")), "{table}");
    assert!(table.contains(&format!("ACTIVE CAMPAIGNS ({campaigns})")), "{table}");
}

#[test]
fn recipients_are_named_only_when_asked() {
    let case = Case::new().with_demo();
    let names: Vec<String> = case
        .json_lines(&["list", "--status", "all", "--format", "json"])
        .iter()
        .map(|r| r["recipient"].as_str().unwrap().to_owned())
        .collect();
    for format in ["table", "json", "csv", "markdown"] {
        let out = case.run_ok(&["stats", "--format", format]);
        for name in &names {
            assert!(!out.contains(name.as_str()), "{format} names {name} without --include-recipients");
        }
    }
    let with = stats_json(&case, &["--include-recipients"]);
    let top = with["recipients"]["top"].as_array().unwrap();
    assert!(!top.is_empty());
    assert!(names.contains(&top[0]["name"].as_str().unwrap().to_owned()));
    let md = case.run_ok(&["stats", "--format", "markdown", "--include-recipients"]);
    assert!(md.contains("## Officials most approached"));
}

#[test]
fn hostile_text_is_shown_harmlessly_in_every_format() {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", fixtures().join("hostile/terminal-attack.jsonl").to_str().unwrap()]);
    for format in ["table", "csv", "markdown"] {
        let out = case.run_ok(&["stats", "--format", format, "--include-recipients"]);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'), "{format}: {out}");
        // The role's escape and the name's override as visible markers (Markdown escapes the
        // bracket as well).
        let role = if format == "markdown" { "⟨U+001B⟩\\[8m hidden" } else { "⟨U+001B⟩[8m hidden" };
        assert!(out.contains(role), "{format}: {out}");
        assert!(out.contains("Amir ⟨U+202E⟩Khan"), "{format}: {out}");
    }
    let raw = case.run_ok(&["stats", "--format", "json", "--include-recipients"]);
    assert!(!raw.contains('\u{1b}') && !raw.contains('\u{202e}'));
    assert!(raw.contains("\\u001b[8m hidden") && raw.contains("Amir \\u202eKhan"), "{raw}");
    let s: Value = serde_json::from_str(&raw).unwrap();
    let roles: Vec<&str> = s["roles"]["top"].as_array().unwrap().iter().filter_map(|r| r["name"].as_str()).collect();
    assert!(roles.contains(&"Senior Policy Adviser\u{1b}[8m hidden"), "JSON keeps the text itself: {roles:?}");
}

#[test]
fn output_piped_into_head_ends_quietly() {
    let case = Case::new().with_demo();
    let bin = assert_cmd::cargo::cargo_bin("linkvet");
    for format in ["table", "json", "csv", "markdown"] {
        let script = format!(
            "{} stats --format {format} | head -c 1 >/dev/null; echo \"exit=${{PIPESTATUS[0]}}\"",
            bin.display()
        );
        let out =
            std::process::Command::new("bash").arg("-c").arg(&script).env("LINKVET_DB", case.db()).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(String::from_utf8_lossy(&out.stdout).contains("exit=0"), "{format}: {stderr}");
    }
}
