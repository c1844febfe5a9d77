//! Decisions survive `kill -9` at any instant, and concurrent officers never see a lock error.
//!
//! * The kill test starts `linkvet decide` processes and SIGKILLs each at a random moment of
//!   its life. Every decision acknowledged (exit 0) must be in the log exactly once, none may
//!   be present twice, the chain must verify and `PRAGMA integrity_check` must say ok.
//!   `LINKVET_KILLS` sets the number of kills (default 220).
//! * The soak runs two processes deciding different requests concurrently for
//!   `LINKVET_SOAK_SECS` seconds (default 4; the figure is 30).
//! * The negative control shows the harness can fail: the same two-writer workload with
//!   deferred transactions hits lock errors.

mod common;
use common::{Case, fixtures};
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// xorshift64*: enough randomness for kill timing without a dependency.
struct Rng(u64);
impl Rng {
    fn seeded() -> Rng {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
        eprintln!("kill-test seed {t}");
        Rng(t | 1)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn decide(case: &Case, request: i64, action: &str, note: &str, officer: &str) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin("linkvet"))
        .args(["decide", &request.to_string(), action, "--note", note])
        .env("LINKVET_DB", case.db())
        .env("LINKVET_OFFICER", officer)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn notes_in_log(case: &Case) -> HashMap<String, usize> {
    let c = case.sql();
    let mut stmt = c.prepare("SELECT note FROM audit_log").unwrap();
    let mut counts = HashMap::new();
    for n in stmt.query_map([], |r| r.get::<_, String>(0)).unwrap() {
        *counts.entry(n.unwrap()).or_insert(0) += 1;
    }
    counts
}

fn assert_sound(case: &Case) {
    case.cmd().args(["audit", "verify"]).assert().success();
    let ok: String = case.sql().query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(ok, "ok");
}

fn imported_case() -> Case {
    let case = Case::new();
    case.run_ok(&["import", "--no-check", fixtures().join("reports/demo.jsonl").to_str().unwrap()]);
    case
}

#[test]
fn acknowledged_decisions_survive_kill_minus_9() {
    let case = imported_case();
    let requests: i64 = case.sql().query_row("SELECT COUNT(*) FROM requests", [], |r| r.get(0)).unwrap();
    let target_kills = env_or("LINKVET_KILLS", 220);
    let mut rng = Rng::seeded();
    // Learn how long one decide takes, so kills land across its whole life.
    let t = Instant::now();
    assert!(decide(&case, 1, "flag", "calibration", "killer").wait().unwrap().success());
    let life_us = (t.elapsed().as_micros() as u64).max(2_000);
    let (mut kills, mut acked, mut attempts) = (0u64, Vec::new(), 0u64);
    let started = Instant::now();
    while kills < target_kills && started.elapsed() < Duration::from_secs(240) {
        attempts += 1;
        let note = format!("kill-test-{attempts}");
        let action = ["flag", "accept", "flag"][(attempts % 3) as usize];
        let mut child = decide(&case, 1 + (attempts as i64 % requests), action, &note, "killer");
        std::thread::sleep(Duration::from_micros(rng.below(life_us * 12 / 10)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            acked.push(note);
        } else if status.code().is_none() {
            kills += 1;
        } else {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            panic!("decide failed without being killed ({status}): {err}");
        }
    }
    let log = notes_in_log(&case);
    let lost: Vec<&String> = acked.iter().filter(|n| !log.contains_key(*n)).collect();
    let twice: Vec<(&String, &usize)> = log.iter().filter(|(_, c)| **c > 1).collect();
    let killed_but_written = log.keys().filter(|k| k.starts_with("kill-test-")).count() - acked.len();
    eprintln!(
        "kill test: {attempts} attempts, {kills} kills, {} acknowledged, {killed_but_written} killed after commit, {} lost, {} twice (one decide ≈ {life_us} µs)",
        acked.len(),
        lost.len(),
        twice.len()
    );
    assert!(kills >= target_kills, "only {kills} kills landed");
    assert!(lost.is_empty(), "acknowledged but lost: {lost:?}");
    assert!(twice.is_empty(), "present twice: {twice:?}");
    assert_sound(&case);
}

#[test]
fn two_officers_deciding_concurrently_never_see_a_lock_error() {
    let case = imported_case();
    let secs = env_or("LINKVET_SOAK_SECS", 4);
    let deadline = Instant::now() + Duration::from_secs(secs);
    let run = |officer: &'static str, parity: i64| {
        let case = &case;
        move || {
            let (mut ok, mut failures) = (0usize, Vec::new());
            let mut i = 0i64;
            while Instant::now() < deadline {
                i += 1;
                let request = 1 + ((i * 2 + parity) % 46);
                let note = format!("{officer}-{i}");
                let out = decide(case, request, "flag", &note, officer).wait_with_output().unwrap();
                if out.status.success() {
                    ok += 1;
                } else {
                    failures.push(String::from_utf8_lossy(&out.stderr).into_owned());
                }
            }
            (ok, failures)
        }
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(run("alice", 0));
        let b = s.spawn(run("bob", 1));
        (a.join().unwrap(), b.join().unwrap())
    });
    eprintln!("soak {secs}s: alice {} decisions, bob {} decisions", a.0, b.0);
    assert!(a.1.is_empty() && b.1.is_empty(), "errors reached a person: {:?} {:?}", a.1, b.1);
    let log = notes_in_log(&case);
    assert_eq!(
        log.keys().filter(|n| n.starts_with("alice-") || n.starts_with("bob-")).count(),
        a.0 + b.0,
        "lost decisions"
    );
    assert_sound(&case);
}

#[test]
fn deciding_the_same_request_at_once_one_wins_and_the_other_is_told() {
    let case = imported_case();
    for request in 10..22 {
        let first = decide(&case, request, "flag", "first", "alice");
        let second = decide(&case, request, "accept", "second", "bob");
        let outs = [first.wait_with_output().unwrap(), second.wait_with_output().unwrap()];
        let winners = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(winners, 1, "request {request}: {winners} winners");
        let loser = outs.iter().find(|o| !o.status.success()).unwrap();
        assert_eq!(loser.status.code(), Some(1));
        let msg = String::from_utf8_lossy(&loser.stderr);
        assert!(
            msg.contains("was flagged by alice at") || msg.contains("was accepted by bob at"),
            "unclear refusal: {msg}"
        );
    }
    assert_sound(&case);
}

/// The negative control: two writers that read first and write later inside *deferred*
/// transactions collide, which is the failure `BEGIN IMMEDIATE` plus retries prevents.
#[test]
fn negative_control_deferred_transactions_do_hit_lock_errors() {
    let case = imported_case();
    case.run_ok(&["decide", "1", "flag", "--note", "seed"]);
    let errors = std::sync::atomic::AtomicUsize::new(0);
    let barrier = std::sync::Barrier::new(2);
    std::thread::scope(|s| {
        for w in 0..2 {
            let (errors, barrier, db) = (&errors, &barrier, case.db());
            s.spawn(move || {
                let c = rusqlite::Connection::open(db).unwrap();
                c.busy_timeout(Duration::from_secs(2)).unwrap();
                for i in 0..30 {
                    barrier.wait();
                    let attempt = (|| -> rusqlite::Result<()> {
                        c.execute_batch("BEGIN DEFERRED")?;
                        let head: i64 = c.query_row("SELECT MAX(seq) FROM audit_log", [], |r| r.get(0))?;
                        std::thread::sleep(Duration::from_millis(5));
                        c.execute(
                            "INSERT INTO watchlist (kind, value, note, added_at) VALUES ('text', ?1, '', '')",
                            [format!("w{w}-{i}-{head}")],
                        )?;
                        c.execute_batch("COMMIT")
                    })();
                    if let Err(e) = attempt {
                        let _ = c.execute_batch("ROLLBACK");
                        let text = e.to_string();
                        assert!(text.contains("locked") || text.contains("busy"), "{text}");
                        errors.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    }
                }
            });
        }
    });
    let n = errors.into_inner();
    eprintln!("negative control: {n} lock errors in 60 deferred transactions");
    assert!(n > 0, "deferred transactions should have collided");
}
