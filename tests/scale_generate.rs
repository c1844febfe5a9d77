//! `demo generate` writes reports that import cleanly, the same ones for the same seed, and a
//! second import of them changes nothing.

use assert_cmd::Command;

fn linkvet() -> Command {
    Command::cargo_bin("linkvet").expect("binary built")
}

#[test]
fn generated_reports_import_cleanly_and_reimport_is_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        linkvet()
            .args(["demo", "generate", "--count", "120", "--photos", "--seed", "9", "--out"])
            .arg(out)
            .assert()
            .success();
    }
    let text = std::fs::read_to_string(a.join("reports.jsonl")).unwrap();
    assert_eq!(text, std::fs::read_to_string(b.join("reports.jsonl")).unwrap(), "same seed, same reports");
    assert_eq!(text.lines().count(), 120);
    let labels = std::fs::read_to_string(a.join("labels.csv")).unwrap();
    let hostile = labels.lines().filter(|l| l.ends_with(",hostile")).count();
    assert!((40..100).contains(&hostile), "the fixtures' mix of hostile and genuine: {hostile} of 120");
    let photos = std::fs::read_dir(a.join("photos")).unwrap().count();
    assert!(photos > 60, "{photos} photos");

    let db = dir.path().join("case.db");
    let import = |expect: &str| {
        let out = linkvet().arg("--db").arg(&db).arg("import").arg(a.join("reports.jsonl")).assert().success();
        let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(stdout.contains(expect), "{stdout}");
    };
    import("imported 120, already present 0");
    import("imported 0, already present 120");
    let listed =
        linkvet().arg("--db").arg(&db).args(["list", "--status", "all", "--format", "json"]).assert().success();
    assert_eq!(String::from_utf8_lossy(&listed.get_output().stdout).lines().count(), 120);
}

#[test]
fn another_seed_gives_other_reports() {
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for seed in ["1", "2"] {
        let out = dir.path().join(seed);
        linkvet().args(["demo", "generate", "--count", "20", "--seed", seed, "--out"]).arg(&out).assert().success();
        texts.push(std::fs::read_to_string(out.join("reports.jsonl")).unwrap());
    }
    assert_ne!(texts[0], texts[1]);
}
