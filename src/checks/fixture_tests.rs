//! The checks and risk measured on the demo fixtures: ROC AUC of the risk score, hostile
//! against genuine, on the `tune` split (used while calibrating) and on the `holdout` split
//! (looked at only once calibration was done); and no check panics on hostile input.

use super::{Context, PhotoHashes, ReferencePhoto, all_checks, combine};
use crate::domain::{Evidence, Report, RequestSnapshot, RiskLevel, WatchKind, WatchlistEntry};
use crate::imaging;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn load_reports(file: &Path, photos: &mut HashMap<String, PhotoHashes>) -> Vec<RequestSnapshot> {
    let dir = file.parent().expect("file in a folder");
    std::fs::read_to_string(file)
        .expect("fixture readable")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let report: Report = serde_json::from_str(line).expect("fixture report parses");
            // The store keeps the photo's SHA-256; the photo files here stand in for it.
            let photo_sha256 = report.sender.photo.as_ref().and_then(|p| hash_file(&dir.join(p), photos));
            RequestSnapshot { id: i as i64 + 1, report, photo_sha256 }
        })
        .collect()
}

fn sha_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_file(path: &Path, photos: &mut HashMap<String, PhotoHashes>) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    let sha = sha_hex(&bytes);
    if let Ok(img) = imaging::decode_untrusted(&bytes) {
        let (fingerprint, probe) = imaging::fingerprint_and_probe(&img);
        photos.insert(sha.clone(), PhotoHashes { fingerprint, probe });
    }
    Some(sha)
}

/// The stock reference photos, as `reference add fixtures/reference/stock --label stock` would.
fn load_references(photos: &mut HashMap<String, PhotoHashes>) -> Vec<ReferencePhoto> {
    let dir = fixtures().join("reference/stock");
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("reference folder").flatten().map(|e| e.path()).collect();
    names.sort();
    names
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            Some(ReferencePhoto {
                id: i as i64 + 1,
                name: p.file_name()?.to_string_lossy().into_owned(),
                label: "stock".into(),
                source: Some("fixtures".into()),
                photo_sha256: hash_file(p, photos)?,
            })
        })
        .collect()
}

fn load_watchlist() -> Vec<WatchlistEntry> {
    let mut rd = csv::Reader::from_path(fixtures().join("watchlist.csv")).expect("watchlist readable");
    rd.records()
        .map(|r| {
            let r = r.expect("watchlist row");
            WatchlistEntry {
                kind: WatchKind::parse(&r[0]).expect("known kind"),
                value: r[1].into(),
                note: r[2].into(),
                source: String::new(),
            }
        })
        .collect()
}

/// `id → (hostile?, split)`.
fn load_labels() -> HashMap<String, (bool, String)> {
    let mut rd = csv::Reader::from_path(fixtures().join("labels.csv")).expect("labels readable");
    rd.records()
        .map(|r| {
            let r = r.expect("label row");
            (r[0].to_owned(), (&r[1] == "hostile", r[2].to_owned()))
        })
        .collect()
}

struct Scored {
    external: String,
    name: String,
    hostile: bool,
    split: String,
    score: u8,
    level: RiskLevel,
    evidence: Vec<Evidence>,
}

fn score_demo() -> Vec<Scored> {
    let mut photos = HashMap::new();
    let reqs = load_reports(&fixtures().join("reports/demo.jsonl"), &mut photos);
    assert_eq!(reqs.len(), 47);
    let references = load_references(&mut photos);
    assert_eq!(references.len(), 10);
    let labels = load_labels();
    let ctx = Context::new(reqs.clone(), references, load_watchlist(), photos);
    let checks = all_checks();
    reqs.iter()
        .map(|req| {
            let evidence: Vec<Evidence> = checks.iter().map(|c| c.run(req, &ctx)).collect();
            let risk = combine(&evidence);
            let external = req.report.id.clone().expect("demo reports have ids");
            let (hostile, split) = labels[&external].clone();
            Scored {
                external,
                name: super::text::visible(&req.report.sender.name, 30),
                hostile,
                split,
                score: risk.score,
                level: risk.level,
                evidence,
            }
        })
        .collect()
}

/// Probability that a random hostile request scores above a random genuine one (ties count ½).
fn auc(rows: &[&Scored]) -> f64 {
    let hostile: Vec<u8> = rows.iter().filter(|r| r.hostile).map(|r| r.score).collect();
    let genuine: Vec<u8> = rows.iter().filter(|r| !r.hostile).map(|r| r.score).collect();
    let mut wins = 0.0;
    for h in &hostile {
        for g in &genuine {
            wins += if h > g {
                1.0
            } else if h == g {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (hostile.len() * genuine.len()) as f64
}

fn report_split(split: &str) -> f64 {
    let all = score_demo();
    let mut rows: Vec<&Scored> = all.iter().filter(|r| r.split == split).collect();
    rows.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.external.cmp(&b.external)));
    println!("--- {split} ranking ---");
    for r in &rows {
        let checks: Vec<String> =
            r.evidence.iter().filter(|e| e.score > 0).map(|e| format!("{}:{}", e.check, e.score)).collect();
        println!(
            "{:>3} {:<6} {:<7} {} {:<28} {}",
            r.score,
            r.level.as_str(),
            if r.hostile { "HOSTILE" } else { "genuine" },
            r.external,
            r.name,
            checks.join(" ")
        );
        // LINKVET_SHOW_EVIDENCE=1 prints every check's evidence, for calibration.
        if std::env::var_os("LINKVET_SHOW_EVIDENCE").is_some() {
            for e in &r.evidence {
                println!("      {:<9} {:<14} {:>3} {}", e.check, e.verdict.as_str(), e.score, e.summary);
                for l in &e.lines {
                    println!("          {l}");
                }
            }
        }
    }
    let high = |hostile: bool| rows.iter().filter(|r| r.hostile == hostile && r.level == RiskLevel::High).count();
    let count = |hostile: bool| rows.iter().filter(|r| r.hostile == hostile).count();
    let a = auc(&rows);
    println!(
        "{split}: AUC {a:.3}; hostile High {}/{}; genuine High {}/{}",
        high(true),
        count(true),
        high(false),
        count(false)
    );
    assert_eq!(high(false), 0, "{split}: a genuine request reached High");
    a
}

// An AUC of 0.9 means nine in ten hostile/genuine pairs are ordered correctly. The demo set
// is small (tune 31, holdout 16), so one swapped pair moves holdout AUC by about 0.016; 0.9
// leaves room for a few near-ties without accepting a ranking an officer could not rely on.
const AUC_AT_LEAST: f64 = 0.9;

#[test]
fn tune_split_ranks_hostile_above_genuine() {
    let a = report_split("tune");
    assert!(a >= AUC_AT_LEAST, "tune AUC {a:.3} < {AUC_AT_LEAST}");
}

#[test]
fn holdout_split_ranks_hostile_above_genuine() {
    let a = report_split("holdout");
    assert!(a >= AUC_AT_LEAST, "holdout AUC {a:.3} < {AUC_AT_LEAST}");
}

#[test]
fn no_check_panics_on_terminal_attacks_and_hidden_text_stays_visible() {
    let mut photos = HashMap::new();
    let mut reqs = load_reports(&fixtures().join("hostile/terminal-attack.jsonl"), &mut photos);
    assert_eq!(reqs.len(), 3);
    reqs.extend(load_reports(&fixtures().join("reports/demo.jsonl"), &mut photos).into_iter().map(|mut r| {
        r.id += 100;
        r
    }));
    let references = load_references(&mut photos);
    let ctx = Context::new(reqs.clone(), references, load_watchlist(), photos);
    for req in &reqs[..3] {
        for check in all_checks() {
            let e = check.run(req, &ctx);
            for text in std::iter::once(&e.summary).chain(&e.lines) {
                assert!(
                    !text.chars().any(super::text::is_hidden),
                    "{} on {:?} let a hidden character through: {text:?}",
                    check.id(),
                    req.report.id
                );
            }
        }
    }
}

/// Scale: 100,000 requests. Run with
/// `cargo test --release --lib checks::fixture_tests::scale -- --ignored --nocapture`.
#[test]
#[ignore = "timing test; run in release"]
fn scale_context_and_checks_for_100k_requests() {
    let mut photos = HashMap::new();
    let demo = load_reports(&fixtures().join("reports/demo.jsonl"), &mut photos);
    let references = load_references(&mut photos);
    let n = 100_000;
    let reqs: Vec<RequestSnapshot> = (0..n)
        .map(|i| {
            let mut r = demo[i % demo.len()].clone();
            r.id = i as i64 + 1;
            // Make most requests distinct people with distinct texts and contacts.
            if i >= demo.len() {
                let s = &mut r.report.sender;
                s.name = format!("{} {i}", s.name);
                s.profile_url = s.profile_url.as_ref().map(|u| format!("{u}-{i}"));
                s.phones = vec![format!("+44 20 {:08}", i)];
                s.websites = vec![format!("https://org{i}.example")];
                s.emails = vec![format!("person{i}@org{i}.example")];
                s.about =
                    Some(format!("{} item {i} word{} other{}", s.about.clone().unwrap_or_default(), i * 7, i * 13));
                r.report.message = Some(format!("Hello number {i}, about topic {} and {}", i % 977, i % 131));
                r.report.thread.clear();
            }
            r
        })
        .collect();
    let t = std::time::Instant::now();
    let f = super::features_in_parallel(&reqs);
    println!("features alone: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let _ = super::campaign::CampaignIndex::build(&f);
    println!("campaign index alone: {:?}", t.elapsed());
    drop(f);
    let t = std::time::Instant::now();
    let ctx = Context::new(reqs, references, load_watchlist(), photos);
    let built = t.elapsed();
    let checks = all_checks();
    let mut worst = std::collections::BTreeMap::new();
    for id in (1..=n as i64).step_by(997) {
        let req = ctx.request(id).expect("loaded");
        for c in &checks {
            let t = std::time::Instant::now();
            let _ = c.run(req, &ctx);
            let e = t.elapsed();
            let w = worst.entry(c.id()).or_insert(std::time::Duration::ZERO);
            *w = (*w).max(e);
        }
    }
    println!("Context::new for {n} requests: {built:?}; slowest run per check: {worst:?}");
    assert!(built < std::time::Duration::from_secs(10), "context took {built:?}");
}
