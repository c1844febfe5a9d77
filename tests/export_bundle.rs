//! Escalation bundles end to end: the folder's structure, byte-identical re-exports, the
//! SHA256SUMS manifest, the audit entry, refusals that write nothing, and Markdown that
//! adversary text cannot bend.

mod common;
use common::{Case, fixtures};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const NOTE: &str = "Known fake recruiter persona; moved to WhatsApp";

fn reported_demo() -> Case {
    let case = Case::new().with_demo();
    case.run_ok(&["decide", "R-2026-000116", "report", "--note", NOTE]);
    case
}

fn export(case: &Case, ids: &[&str], format: &str, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["export"];
    args.extend_from_slice(ids);
    args.extend_from_slice(&["--format", format, "--out", out.to_str().unwrap()]);
    args.extend_from_slice(extra);
    case.cmd().args(&args).output().unwrap()
}

fn export_ok(case: &Case, ids: &[&str], format: &str, out: &Path) {
    let o = export(case, ids, format, out, &[]);
    assert!(o.status.success(), "export failed: {}", String::from_utf8_lossy(&o.stderr));
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn out_dir(case: &Case, name: &str) -> PathBuf {
    case.dir.path().join(name)
}

#[test]
fn every_format_writes_its_file_the_photos_and_a_manifest() {
    let case = reported_demo();
    let out = out_dir(&case, "out");
    for (format, main) in [("stix", "bundle.stix.json"), ("misp", "event.misp.json"), ("markdown", "summary.md")] {
        export_ok(&case, &["R-2026-000116"], format, &out);
        let got = files(&out.join(format!("R-2026-000116-{format}")));
        let names: Vec<&str> = got.keys().map(String::as_str).collect();
        let mut expected = vec!["SHA256SUMS", main, "match.jpg", "photo.jpg"];
        expected.sort();
        assert_eq!(names, expected, "{format}");
    }

    let stix: Value =
        serde_json::from_slice(&std::fs::read(out.join("R-2026-000116-stix/bundle.stix.json")).unwrap()).unwrap();
    assert_eq!(stix["type"], "bundle");
    let objects = stix["objects"].as_array().unwrap();
    let amber = "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421";
    assert_eq!(objects[0]["id"], amber);
    for o in &objects[1..] {
        assert_eq!(o["object_marking_refs"], serde_json::json!([amber]), "{}", o["id"]);
    }
    let of_type = |t: &str| objects.iter().filter(|o| o["type"] == t).collect::<Vec<_>>();
    let account = of_type("user-account");
    assert_eq!(account[0]["account_login"], "emily-carter-gtp-7f3a91");
    assert_eq!(account[0]["display_name"], "Emily Carter");
    assert!(
        of_type("indicator")
            .iter()
            .any(|i| i["pattern"] == "[url:value = 'https://www.linkedin.com/in/emily-carter-gtp-7f3a91']")
    );
    assert_eq!(of_type("identity")[0]["name"], "Department for Energy Security");
    assert!(!stix.to_string().contains("Jane Smith"), "the official is named without being asked");
    assert!(of_type("note")[0]["content"].as_str().unwrap().contains(NOTE));
    for o in objects.iter().filter(|o| o["type"] != "marking-definition" && o.get("created").is_some()) {
        if o["type"] != "attack-pattern" {
            assert_eq!(o["created"], o["modified"]);
        }
    }

    let misp: Value =
        serde_json::from_slice(&std::fs::read(out.join("R-2026-000116-misp/event.misp.json")).unwrap()).unwrap();
    let tags: Vec<&str> =
        misp["Event"]["Tag"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    assert!(tags.contains(&"tlp:amber"));
    assert!(tags.iter().any(|t| t.contains("T1585.001")));
    let attrs = misp["Event"]["Attribute"].as_array().unwrap();
    assert!(attrs.iter().any(|a| a["type"] == "domain" && a["value"] == "gtp-consult.example"));
    assert!(attrs.iter().any(|a| a["type"] == "sha256"));
}

#[test]
fn exporting_twice_gives_identical_files() {
    let case = reported_demo();
    for format in ["stix", "misp", "markdown"] {
        let (a, b) = (out_dir(&case, "a"), out_dir(&case, "b"));
        export_ok(&case, &["R-2026-000116"], format, &a);
        export_ok(&case, &["R-2026-000116"], format, &b);
        let folder = format!("R-2026-000116-{format}");
        assert_eq!(files(&a.join(&folder)), files(&b.join(&folder)), "{format}");
    }
}

#[test]
fn the_manifest_lists_every_file_with_its_sha256() {
    let case = reported_demo();
    let out = out_dir(&case, "out");
    export_ok(&case, &["16"], "markdown", &out);
    let folder = out.join("R-2026-000116-markdown");
    let got = files(&folder);
    let manifest = String::from_utf8(got["SHA256SUMS"].clone()).unwrap();
    let mut listed = Vec::new();
    for line in manifest.lines() {
        let (hash, name) = line.split_once("  ").expect("sha256sum's two-space format");
        assert_eq!(hash, hex(&got[name]), "{name}");
        listed.push(name.to_string());
    }
    let expected: Vec<String> = got.keys().filter(|n| *n != "SHA256SUMS").cloned().collect();
    assert_eq!(listed, expected);
    // The tool itself agrees, where it exists.
    if let Ok(o) = std::process::Command::new("sha256sum").arg("-c").arg("SHA256SUMS").current_dir(&folder).output() {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    }
}

#[test]
fn an_export_is_recorded_in_the_audit_chain_with_the_manifest_hash() {
    let case = reported_demo();
    let out = out_dir(&case, "out");
    let o = export(&case, &["R-2026-000116"], "stix", &out, &["--tlp", "amber+strict"]);
    assert!(o.status.success());
    let manifest = std::fs::read(out.join("R-2026-000116-stix/SHA256SUMS")).unwrap();
    let log = case.json_lines(&["audit", "log", "--format", "json"]);
    let last = log.last().unwrap();
    assert_eq!(last["action"], "export");
    assert_eq!(last["officer"], "alice");
    assert_eq!(last["request_id"], 16);
    assert_eq!(last["payload"]["format"], "stix");
    assert_eq!(last["payload"]["tlp"], "amber+strict");
    assert_eq!(last["payload"]["manifest_sha256"], hex(&manifest));
    case.run_ok(&["audit", "verify"]);
    let stix = std::fs::read_to_string(out.join("R-2026-000116-stix/bundle.stix.json")).unwrap();
    assert!(stix.contains("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003"));
}

#[test]
fn unknown_ids_unreported_requests_and_existing_bundles_write_nothing() {
    let case = reported_demo();
    let out = out_dir(&case, "out");
    let audit_len = || case.json_lines(&["audit", "log", "--format", "json"]).len();
    let before = audit_len();

    let o = export(&case, &["R-2026-000116", "R-NOPE"], "stix", &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists(), "an unknown id left files behind");

    let o = export(&case, &["R-2026-000116", "R-2026-000101"], "stix", &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not reported"));
    assert!(!out.exists());
    assert_eq!(audit_len(), before);

    export_ok(&case, &["R-2026-000116"], "misp", &out);
    let first = files(&out.join("R-2026-000116-misp"));
    let o = export(&case, &["R-2026-000116"], "misp", &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("already there"));
    assert_eq!(files(&out.join("R-2026-000116-misp")), first);
    assert_eq!(audit_len(), before + 1);
    let leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "temporary folders left behind: {leftovers:?}");

    // One request named by number and by report id is one bundle.
    let twice = out_dir(&case, "twice");
    export_ok(&case, &["16", "R-2026-000116"], "markdown", &twice);
    assert_eq!(std::fs::read_dir(&twice).unwrap().count(), 1);
}

#[test]
fn adversary_text_cannot_inject_markdown_or_html() {
    let case = Case::new();
    let dir = case.dir.path().join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    let report = serde_json::json!({
        "schema": "linkvet.report/1", "id": "R-MD-1", "received_at": "2026-11-20T10:00:00Z",
        "platform": "linkedin",
        "recipient": {"name": "Jane Smith", "org": "Dept <b>X</b>"},
        "sender": {
            "name": "Eve [Official notice](https://evil.example/x) <img src=x onerror=alert(1)> `code` | col \u{202e}gpj.exe",
            "profile_url": "https://www.linkedin.com/in/o'brien\\x",
            "headline": "# HEADING\n- list",
            "emails": ["eve@evil.example"]
        },
        "message": "Line one\n## Fake heading\n<script>alert(1)</script>\n| a | b |\n![img](https://evil.example/t.png)"
    });
    let file = dir.join("md.jsonl");
    std::fs::write(&file, format!("{report}\n")).unwrap();
    case.run_ok(&["import", file.to_str().unwrap()]);
    case.run_ok(&["decide", "R-MD-1", "report", "--note", "note with [a link](http://x) and <i>html</i>"]);
    let out = out_dir(&case, "out");
    export_ok(&case, &["R-MD-1"], "markdown", &out);
    export_ok(&case, &["R-MD-1"], "stix", &out);
    let md = std::fs::read_to_string(out.join("R-MD-1-markdown/summary.md")).unwrap();

    for raw in ["`code`", "\u{202e}", "\n## Fake", "\n# HEADING", "!["] {
        assert!(!md.contains(raw), "raw {raw:?} reached the Markdown:\n{md}");
    }
    // Every `<` and every `](` of the adversary is escaped (the bundle's own photo links are
    // absent: this profile has no photo).
    for (i, _) in md.match_indices('<').chain(md.match_indices("](")) {
        assert_eq!(&md[i - 1..i], "\\", "unescaped markup at byte {i}:\n{md}");
    }
    assert!(md.contains("⟨U+202E⟩gpj.exe"));
    assert!(md.contains("\\[Official notice\\](https://evil.example/x)"));
    assert!(md.contains("\\<script\\>"));
    // Table rows keep their own columns: only the summary's pipes are unescaped.
    for line in md.lines().filter(|l| l.starts_with("| ")) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert!(cells == 3 || cells == 5 || cells == 7, "a table row gained a column: {line}");
    }

    let stix: Value =
        serde_json::from_slice(&std::fs::read(out.join("R-MD-1-stix/bundle.stix.json")).unwrap()).unwrap();
    let patterns: Vec<&str> =
        stix["objects"].as_array().unwrap().iter().filter_map(|o| o["pattern"].as_str()).collect();
    assert!(patterns.contains(&r"[url:value = 'https://www.linkedin.com/in/o\'brien\\x']"), "{patterns:?}");
}

#[test]
fn the_library_names_the_recipient_only_when_asked() {
    use linkvet::commands::Identity;
    use linkvet::export::{ExportOptions, Format, Tlp, write_bundle};
    let case = reported_demo();
    let mut store = linkvet::store::Store::open(&case.db()).unwrap();
    let id = store.resolve_request("R-2026-000116").unwrap();
    let who = Identity { officer: "bob".into(), os_user: "bob".into() };
    let mut opts = ExportOptions::new(Format::Stix, Tlp::Green);
    opts.include_recipient = true;
    let out = out_dir(&case, "lib");
    let summary = write_bundle(&mut store, &[id], &out, &opts, &who).unwrap();
    assert_eq!(summary.bundles.len(), 1);
    let b = &summary.bundles[0];
    assert_eq!(b.files.last().map(String::as_str), Some("SHA256SUMS"));
    let stix = std::fs::read_to_string(b.folder.join("bundle.stix.json")).unwrap();
    assert!(stix.contains("\"identity_class\": \"individual\"") && stix.contains("Jane Smith"));
    assert!(stix.contains("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"));
    let _ = fixtures();
}
