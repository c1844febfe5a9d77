//! `check`, `photo search` and `show` on the demo data: evidence is filled, stale inputs are
//! refreshed, and the photo search answers in the spec's JSON shape.

mod common;
use common::{Case, fixtures};

#[test]
fn photo_search_finds_a_disguised_stock_photo_and_its_reuse() {
    let case = Case::new().with_demo();
    // R-2026-000116 uses a mirrored copy of reference d000; so does R-2026-000130 (circle).
    let photo = fixtures().join("reports/photos/R-2026-000116.jpg");
    let own = fixtures().join("reports/photos/R-2026-000103.jpg");
    let out = case.json_lines(&["photo", "search", photo.to_str().unwrap(), own.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.len(), 2);
    assert!(out[0]["file"].as_str().unwrap().ends_with("R-2026-000116.jpg"));
    let first = &out[0]["matches"][0];
    assert_eq!(first["source"], "reference");
    assert_eq!(first["name"], "d000_camera_head_shoulders_150_81_170.jpg");
    assert_eq!(first["label"], "stock");
    assert_eq!(first["match"], true);
    let reports: Vec<&serde_json::Value> =
        out[0]["matches"].as_array().unwrap().iter().filter(|m| m["source"] == "report").collect();
    assert!(reports.iter().filter(|m| m["match"] == true).count() >= 4, "the persona's own reports: {reports:?}");
    let distances: Vec<u64> =
        out[0]["matches"].as_array().unwrap().iter().map(|m| m["distance"].as_u64().unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first: {distances:?}");
    // A genuine person's own photo matches no reference.
    assert!(out[1]["matches"].as_array().unwrap().iter().all(|m| m["source"] != "reference" || m["match"] == false));
    let table = case.run_ok(&["photo", "search", photo.to_str().unwrap()]);
    assert!(table.contains("MATCH") && table.contains("label stock"), "{table}");
}

#[test]
fn show_carries_evidence_lines_and_history() {
    let case = Case::new().with_demo();
    case.run_ok(&["decide", "R-2026-000116", "report", "--note", "known persona"]);
    let v = &case.json_lines(&["show", "R-2026-000116", "--format", "json"])[0];
    assert_eq!(v["level"], "high");
    assert_eq!(v["status"], "reported");
    let checks = v["checks"].as_array().unwrap();
    let ids: Vec<&str> = checks.iter().map(|c| c["check"].as_str().unwrap()).collect();
    assert_eq!(ids, ["photo", "account", "career", "message", "identity", "watchlist", "campaign"]);
    assert!(checks.iter().all(|c| c["lines"].is_array()));
    let watch = checks.iter().find(|c| c["check"] == "watchlist").unwrap();
    assert_eq!(watch["verdict"], "suspicious");
    assert_eq!(v["report"]["id"], "R-2026-000116");
    assert_eq!(v["history"][0]["action"], "report");
    let text = case.run_ok(&["show", "R-2026-000116"]);
    for want in ["[photo] suspicious", "[watchlist] suspicious", "history:", "known persona"] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
}

#[test]
fn new_watchlist_rows_make_requests_stale_and_check_refreshes_them() {
    let case = Case::new();
    case.run_ok(&["import", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    let before = &case.json_lines(&["show", "R-2026-000113", "--format", "json"])[0];
    let watch = before["checks"].as_array().unwrap().iter().find(|c| c["check"] == "watchlist").unwrap().clone();
    assert_ne!(watch["verdict"], "suspicious");
    case.run_ok(&["watchlist", "import", fixtures().join("watchlist.csv").to_str().unwrap()]);
    let stale: i64 = case.sql().query_row("SELECT COUNT(*) FROM requests WHERE stale = 1", [], |r| r.get(0)).unwrap();
    assert_eq!(stale, 47);
    let out = case.run_ok(&["check", "--stale"]);
    assert!(out.starts_with("checked 47 requests"), "{out}");
    let after = &case.json_lines(&["show", "R-2026-000113", "--format", "json"])[0];
    let watch = after["checks"].as_array().unwrap().iter().find(|c| c["check"] == "watchlist").unwrap().clone();
    assert_eq!(watch["verdict"], "suspicious");
    let one = case.run_ok(&["check", "R-2026-000113"]);
    assert!(one.starts_with("checked ") && one.contains("linked to the ones asked"), "{one}");
}

#[test]
fn a_new_cluster_member_refreshes_the_older_members() {
    let case = Case::new();
    let demo = std::fs::read_to_string(fixtures().join("reports/demo.jsonl")).unwrap();
    let (first, rest): (Vec<&str>, Vec<&str>) = demo.lines().partition(|l| l.contains("\"R-2026-000116\""));
    let dir = case.dir.path();
    std::fs::write(dir.join("a.jsonl"), first.join("\n")).unwrap();
    std::fs::write(dir.join("b.jsonl"), rest.join("\n")).unwrap();
    std::fs::create_dir(dir.join("photos")).unwrap();
    for e in std::fs::read_dir(fixtures().join("reports/photos")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.join("photos").join(e.file_name())).unwrap();
    }
    case.run_ok(&["import", dir.join("a.jsonl").to_str().unwrap()]);
    let alone = &case.json_lines(&["show", "R-2026-000116", "--format", "json"])[0];
    let camp = |v: &serde_json::Value| {
        v["checks"].as_array().unwrap().iter().find(|c| c["check"] == "campaign").unwrap()["verdict"].clone()
    };
    assert_eq!(camp(alone), "clear");
    case.run_ok(&["import", dir.join("b.jsonl").to_str().unwrap()]);
    let joined = &case.json_lines(&["show", "R-2026-000116", "--format", "json"])[0];
    assert_eq!(camp(joined), "suspicious");
}

#[test]
fn the_listing_and_show_agree_on_every_check_after_each_refresh() {
    let case = Case::new().with_demo();
    let agree = |when: &str| {
        let rows = case.json_lines(&["list", "--status", "all", "--format", "json"]);
        assert!(rows.len() > 40, "{when}: the whole demo queue");
        for row in &rows {
            let id = row["id"].to_string();
            let shown = &case.json_lines(&["show", &id, "--format", "json"])[0];
            let from_show: Vec<serde_json::Value> = shown["checks"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| serde_json::json!({"check": c["check"], "verdict": c["verdict"], "score": c["score"], "summary": c["summary"]}))
                .collect();
            assert_eq!(row["checks"].as_array().unwrap(), &from_show, "{when}: request {id}");
            assert_eq!(from_show.len(), 7, "{when}: request {id}");
        }
    };
    agree("after the demo's checks");
    // A watchlist entry changes some requests' evidence; the listing must follow.
    let list = case.dir.path().join("more.csv");
    std::fs::write(&list, "kind,value,note\nname,Sarah Mitchell,test entry\n").unwrap();
    case.run_ok(&["watchlist", "import", list.to_str().unwrap()]);
    case.run_ok(&["check"]);
    agree("after a re-check");
}
