//! The workstation end to end, in a real pseudo-terminal at 80×24: keys in, the screen read back
//! through a terminal emulator, then the database and audit log checked for exactly the
//! decisions made. Synchronisation is by waiting for text on screen, never by sleeping.

mod common;

use common::{Case, fixtures};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

struct Screen {
    parser: vt100::Parser,
    raw: Vec<u8>,
    eof: bool,
}

struct Session {
    screen: Arc<Mutex<Screen>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    _config: tempfile::TempDir,
}

impl Session {
    fn start(case: &Case, officer: &str) -> Session {
        Session::start_with_term(case, officer, "xterm-256color")
    }

    fn start_with_term(case: &Case, officer: &str, term: &str) -> Session {
        Session::start_with(case, officer, term, &[])
    }

    fn start_with(case: &Case, officer: &str, term: &str, extra: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let config = tempfile::tempdir().unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_linkvet"));
        cmd.args(["--db", case.db().to_str().unwrap(), "--officer", officer]);
        cmd.args(extra);
        cmd.env("TERM", term);
        // A clean config dir: no keymap or theme of the machine's user.
        cmd.env("HOME", config.path());
        cmd.env("XDG_CONFIG_HOME", config.path().join("config"));
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("LINKVET_DB");
        cmd.env_remove("LINKVET_OFFICER");
        let child = pair.slave.spawn_command(cmd).expect("linkvet starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(Screen {
            parser: vt100::Parser::new(NonZeroU16::new(24).unwrap(), NonZeroU16::new(80).unwrap(), 0),
            raw: Vec::new(),
            eof: false,
        }));
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => {
                        feed.lock().unwrap().eof = true;
                        return;
                    }
                    Ok(n) => {
                        let mut s = feed.lock().unwrap();
                        s.parser.process(&buf[..n]);
                        s.raw.extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        Session { screen, writer, child, _master: pair.master, _config: config }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().parser.screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let now = self.contents();
            if now.contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("{text:?} did not appear on screen within {WAIT:?}; the screen:\n{now}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + WAIT;
        while self.contents().contains(text) {
            assert!(Instant::now() < deadline, "{text:?} still on screen after {WAIT:?}:\n{}", self.contents());
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the process to end; panics past `limit`.
    fn wait_exit(&mut self, limit: Duration) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + limit;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("linkvet did not exit within {limit:?}; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.screen.lock().unwrap().raw.clone()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The first `n` pending requests in queue order, as the CLI lists them.
fn first_pending(case: &Case, n: usize) -> Vec<(i64, String)> {
    case.json_lines(&["list", "--format", "json"])
        .into_iter()
        .take(n)
        .map(|v| (v["id"].as_i64().unwrap(), v["sender"].as_str().unwrap().to_owned()))
        .collect()
}

/// The whole audit log, every officer's entries (the environment's officer is not a filter).
fn audit(case: &Case) -> Vec<serde_json::Value> {
    let out = case.cmd().args(["audit", "log", "--format", "json"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn accept_and_report_with_keys_are_exactly_what_the_audit_log_holds() {
    let case = Case::new().with_demo();
    let order = first_pending(&case, 2);
    let mut s = Session::start(&case, "e2e");
    s.wait_for("pending · 1/47");
    s.send("a");
    s.wait_for("Note (optional)");
    s.send("known to the recipient\r");
    s.wait_for(&format!("accepted #{}", order[0].0));
    s.wait_for("pending · 1/46");
    s.send("r");
    s.wait_for("Why is it escalated");
    s.send("\r");
    s.wait_for("needs a note");
    s.send("stock photo\r");
    s.wait_for(&format!("reported #{}", order[1].0));
    // Esc on a prompt writes nothing.
    s.send("f");
    s.wait_for("Note (optional)");
    s.send("\x1b");
    s.wait_for("nothing was written");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());

    let log = audit(&case);
    let got: Vec<(i64, &str, &str, &str)> = log
        .iter()
        .map(|e| {
            (
                e["request_id"].as_i64().unwrap(),
                e["action"].as_str().unwrap(),
                e["note"].as_str().unwrap(),
                e["officer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![(order[0].0, "accept", "known to the recipient", "e2e"), (order[1].0, "report", "stock photo", "e2e"),]
    );
    let statuses = case.json_lines(&["list", "--status", "all", "--format", "json"]);
    let status_of = |id: i64| statuses.iter().find(|v| v["id"] == id).unwrap()["status"].as_str().unwrap().to_owned();
    assert_eq!(status_of(order[0].0), "accepted");
    assert_eq!(status_of(order[1].0), "reported");
    // The terminal is handed back: alternate screen left, cursor shown.
    let raw = s.raw();
    let tail = String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..]).into_owned();
    assert!(tail.contains("\x1b[?1049l"), "alternate screen not left: {tail:?}");
}

#[test]
fn another_officers_decision_shows_within_a_second_and_a_conflict_needs_a_second_confirmation() {
    let case = Case::new().with_demo();
    let order = first_pending(&case, 1);
    let id = order[0].0;
    let mut s = Session::start(&case, "e2e");
    s.wait_for("pending · 1/47");
    // Open the prompt on the first request, then someone else flags it.
    s.send("a");
    s.wait_for("Note (optional)");
    case.run_ok(&["decide", &id.to_string(), "flag", "--note", "mine", "--officer", "bob"]);
    s.send("\r");
    s.wait_for("was flagged by bob");
    s.wait_for("decide anyway");
    s.send("\r");
    s.wait_for(&format!("accepted #{id}"));
    // A change by another connection refreshes the counts without a key press.
    let second = first_pending(&case, 1)[0].0;
    case.run_ok(&["decide", &second.to_string(), "flag", "--officer", "bob"]);
    s.wait_for("fla 1 ");
    s.send("q");
    s.wait_exit(Duration::from_secs(5));
    let log = audit(&case);
    let actions: Vec<(&str, &str)> =
        log.iter().map(|e| (e["officer"].as_str().unwrap(), e["action"].as_str().unwrap())).collect();
    assert_eq!(actions, vec![("bob", "flag"), ("e2e", "accept"), ("bob", "flag")]);
}

#[test]
fn undo_records_a_compensating_entry() {
    let case = Case::new().with_demo();
    let id = first_pending(&case, 1)[0].0;
    let mut s = Session::start(&case, "e2e");
    s.wait_for("pending · 1/47");
    s.send("f");
    s.wait_for("Note (optional)");
    s.send("\r");
    s.wait_for(&format!("flagged #{id}"));
    s.send("u");
    s.wait_for(&format!("undone on #{id}"));
    s.wait_for("pending · 1/47");
    s.send("q");
    s.wait_exit(Duration::from_secs(5));
    let actions: Vec<String> = audit(&case).iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect();
    assert_eq!(actions, ["flag", "undo"]);
}

#[test]
fn hostile_report_text_never_reaches_the_terminal_as_control_sequences() {
    let case = Case::new();
    case.run_ok(&["import", fixtures().join("hostile/terminal-attack.jsonl").to_str().unwrap()]);
    let mut s = Session::start(&case, "e2e");
    s.wait_for("⟨U+");
    // Walk every request: the queue, each evidence pane, and the whole detail view.
    for _ in 0..3 {
        for _ in 0..7 {
            s.send("\t");
        }
        s.send("\r");
        s.wait_for("── Sender ──");
        s.send("G");
        s.wait_for("Decision history");
        s.send("\x1b");
        s.wait_for("Platform");
        s.send("j");
    }
    s.send("L");
    s.wait_for("audit trail");
    s.send("q");
    s.wait_exit(Duration::from_secs(5));
    let raw = s.raw();
    let text = String::from_utf8_lossy(&raw);
    for (what, seq) in [("OSC", "\x1b]"), ("DCS", "\x1bP"), ("APC", "\x1b_"), ("PM", "\x1b^"), ("BEL", "\x07")] {
        assert!(!text.contains(seq), "{what} sequence leaked to the terminal");
    }
    for c in text.chars() {
        let u = c as u32;
        assert!(!(0x80..=0x9f).contains(&u), "C1 control U+{u:04X} leaked");
        assert!(
            !matches!(u, 0x200b..=0x200f | 0x202a..=0x202e | 0x2066..=0x2069 | 0xfeff | 0x061c),
            "invisible or bidi character U+{u:04X} leaked"
        );
    }
    assert!(text.contains("⟨U+001B⟩"), "escape shown as a visible marker");
    assert!(text.contains("⟨U+202E⟩"), "bidi override shown as a visible marker");
    // The title is never set from report data (OSC 0/2 are covered above) and "pwned" only
    // appears inside marked-up text.
    assert!(!text.contains("\x1b]0;"));
}

#[test]
fn hangup_and_terminate_end_the_program_promptly_and_restore_the_terminal() {
    let case = Case::new().with_demo();
    for signal in ["-HUP", "-TERM", "-INT"] {
        let mut s = Session::start(&case, "e2e");
        s.wait_for("pending · 1/47");
        // SIGHUP is what a dropped SSH session sends.
        let pid = s.child.process_id().expect("a pid").to_string();
        assert!(std::process::Command::new("kill").args([signal, &pid]).status().unwrap().success());
        let started = Instant::now();
        s.wait_exit(Duration::from_secs(4));
        assert!(started.elapsed() < Duration::from_secs(2), "{signal}: took {:?}", started.elapsed());
        let deadline = Instant::now() + WAIT;
        while !String::from_utf8_lossy(&s.raw()).contains("\x1b[?1049l") {
            assert!(Instant::now() < deadline, "{signal}: alternate screen not left");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn works_on_the_terminals_officers_log_in_with() {
    let case = Case::new().with_demo();
    for term in ["xterm", "xterm-256color", "screen", "tmux-256color"] {
        let mut s = Session::start_with_term(&case, "e2e", term);
        s.wait_for("pending · 1/47");
        s.send("?");
        s.wait_for("keys (Esc closes)");
        s.send("\x1b");
        s.wait_gone("keys (Esc closes)");
        s.send("q");
        assert!(s.wait_exit(Duration::from_secs(5)).success(), "{term}");
        let raw = String::from_utf8_lossy(&s.raw()).into_owned();
        // No mouse capture: the officer's terminal keeps its own selection and scrolling.
        assert!(!raw.contains("\x1b[?1000h") && !raw.contains("\x1b[?1006h"), "{term}: mouse captured");
    }
}

#[test]
fn a_decision_confirmed_just_before_quitting_is_written() {
    let case = Case::new().with_demo();
    let id = first_pending(&case, 1)[0].0;
    let mut s = Session::start(&case, "e2e");
    s.wait_for("pending · 1/47");
    s.send("a");
    s.wait_for("Note (optional)");
    // Confirm and quit in one burst, without waiting for "accepted".
    s.send("\rq");
    assert!(s.wait_exit(Duration::from_secs(15)).success());
    let log = audit(&case);
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!((log[0]["request_id"].as_i64(), log[0]["action"].as_str()), (Some(id), Some("accept")));
}

#[test]
fn with_a_spool_folder_dropped_reports_appear_in_the_queue() {
    let case = Case::new();
    case.run_ok(&["init"]);
    let spool = case.dir.path().join("spool");
    std::fs::create_dir_all(&spool).unwrap();
    let mut s = Session::start_with(&case, "e2e", "xterm-256color", &["--watch", spool.to_str().unwrap()]);
    s.wait_for("pending · 0/0");
    // Written under a temporary name and renamed into place, as a mail rule would.
    let staged = spool.join("approach.eml.tmp");
    std::fs::copy(fixtures().join("email/linkedin-message-inline.eml"), &staged).unwrap();
    std::fs::rename(&staged, spool.join("approach.eml")).unwrap();
    s.wait_for("Daniel Whitfield");
    s.wait_for("approach.eml: imported 1");
    assert!(spool.join("done/approach.eml").is_file());
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(10)).success());
}

// ── the statistics view (issue 17) ──────────────────────────────────────────────────────

#[test]
fn the_statistics_view_opens_on_its_key_and_its_period_selector_reaches_all_time() {
    let case = Case::new().with_demo();
    let mut s = Session::start(&case, "e2e");
    s.wait_for("pending · 1/47");
    s.send("S");
    s.wait_for("statistics · last 4 weeks");
    s.wait_for("summary");
    // Quarter, year, then all time: every one of the 47 demo approaches.
    s.send("ppp");
    s.wait_for("statistics · all (all time)");
    s.wait_for("47 received");
    // The page scrolls at 80×24 and says where it is.
    s.wait_for("rows 1–");
    s.send("G");
    s.wait_for("decisions by officer");
    s.send("\x1b");
    s.wait_for("pending · 1/47");
    s.send("q");
    assert!(s.wait_exit(Duration::from_secs(5)).success());
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains('\u{202e}') && !raw.contains("\x1b]"), "hidden characters reached the terminal");
}
