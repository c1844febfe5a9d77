//! Screen snapshots of the workstation at 80×24, 120×40 and 200×50, rendered into ratatui's
//! test backend from a state built with actions (fixed clock, fixed ids). Colour is not in a
//! snapshot, so the styles that carry meaning are asserted on buffer cells directly.

use chrono::{TimeZone, Utc};
use linkvet::app::{
    Action, Command, Detail, InputKey, KeyMap, PhotoMatch, PhotoView, QueuePage, State, Thumb, start, update,
};
use linkvet::domain::{AuditEntry, ChainState, Evidence, Report, RequestRow, RiskLevel, Status, Verdict};
use linkvet::store::StatusCounts;
use linkvet::ui::{self, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn fresh() -> State {
    let mut s = State::new("alice", "alice", "linkvet.db", now(), KeyMap::default());
    start(&mut s);
    s
}

fn evidence() -> Vec<Evidence> {
    vec![
        Evidence::new("photo", 1, Verdict::Suspicious, 90, "matches stock photo 'stock-041.jpg' (distance 4)")
            .line("matches reference 'stock-041.jpg' (label stock)"),
        Evidence::new("account", 1, Verdict::Suspicious, 70, "new account (33 days at most), thin and unconnected")
            .line("joined 2026-10, approach 2026-11-03: at most 33 days old (new)")
            .line("mutual connections: 0 — nobody the recipient knows"),
        Evidence::new("career", 1, Verdict::Caution, 40, "career overlaps: two full-time roles at once")
            .line("Director at Becker Strategic Consulting (2025-06 – now) overlaps Analyst at Foo (2024 – 2026)"),
        Evidence::new("message", 1, Verdict::Caution, 40, "lures: paid work, flattery, urgency").line(
            "message: \"…urgently needs two hours of advice on radar procurement, €1,000 per hour…\" — paid work",
        ),
        Evidence::new("identity", 1, Verdict::Suspicious, 60, "hidden characters in the name")
            .line("sender.name: \"Anna\u{200d} Ivanova\" has a zero-width joiner"),
        Evidence::new("watchlist", 1, Verdict::Clear, 0, "no watchlist hits"),
        Evidence::not_applicable("campaign", 1, "no other request shares a photo, domain or phrase"),
    ]
}

fn row(id: i64, sender: &str, level: RiskLevel, risk: u8, status: Status) -> RequestRow {
    RequestRow {
        id,
        external_id: Some(format!("R-2026-{id:06}")),
        received_at: format!("2026-11-{:02}T09:{:02}:00Z", 27 - (id % 20), id % 60),
        sender: sender.into(),
        recipient: "Jane Smith".into(),
        platform: "linkedin".into(),
        status,
        risk: Some(risk),
        level: Some(level),
        decided_by: (status != Status::Pending).then(|| "bob".into()),
        decided_at: (status != Status::Pending).then(|| "2026-11-27T10:00:00.000000Z".into()),
        has_photo: true,
        checks: evidence(),
    }
}

fn loaded() -> State {
    let mut s = fresh();
    let rows = vec![
        row(17, "Anna\u{200d} Ivanova", RiskLevel::High, 92, Status::Pending),
        row(3, "Eve\u{1b}]0;pwned\u{7} Attacker", RiskLevel::High, 81, Status::Pending),
        row(8, "Lukas Becker", RiskLevel::Medium, 55, Status::Pending),
        row(21, "Priya Nair", RiskLevel::Low, 12, Status::Pending),
    ];
    let page = QueuePage {
        offset: 0,
        total: rows.len() as u64,
        rows,
        counts: StatusCounts { pending: 4, flagged: 2, reported: 1, accepted: 5 },
    };
    update(&mut s, Action::QueueLoaded { generation: 1, page });
    s
}

fn gradient(w: u32, h: u32, flip: bool) -> Thumb {
    let rgb = (0..h)
        .flat_map(|y| {
            (0..w).map(move |x| {
                let v = ((x + y) * 255 / (w + h)) as u8;
                if flip { [255 - v, v, 128] } else { [v, 128, 255 - v] }
            })
        })
        .collect();
    Thumb { width: w, height: h, rgb }
}

fn with_photo() -> State {
    let mut s = loaded();
    let generation = s.generations.photo;
    let photo = PhotoView {
        id: 17,
        own: Some(gradient(32, 32, false)),
        note: None,
        best: Some(PhotoMatch {
            label: "reference stock-041.jpg (stock)".into(),
            distance: 4,
            is_match: true,
            thumb: Some(gradient(32, 32, true)),
        }),
    };
    update(&mut s, Action::PhotoLoaded { generation, photo: Box::new(photo) });
    s
}

fn entry(seq: i64, officer: &str, os_user: &str, request: i64, action: &str, note: &str) -> AuditEntry {
    AuditEntry {
        seq,
        at: format!("2026-11-27T1{seq}:00:00.000000Z"),
        officer: officer.into(),
        os_user: os_user.into(),
        request_id: Some(request),
        action: action.into(),
        note: note.into(),
        payload: "{}".into(),
        prev_hash: format!("{:0>64}", seq - 1),
        hash: format!("{seq:0>64}"),
    }
}

fn audit(broken: bool) -> State {
    let mut s = loaded();
    update(&mut s, Action::Command(Command::Audit));
    let entries = vec![
        entry(4, "alice", "alice", 17, "undo", "undo of entry 3 (flag)"),
        entry(3, "alice", "alice", 17, "flag", ""),
        entry(2, "bob", "svc-triage", 8, "report", "same photo as persona 'Becker'\u{202e}txt.exe"),
        entry(1, "bob", "bob", 21, "accept", "known colleague"),
    ];
    let (ag, cg) = (s.generations.audit, s.generations.chain);
    update(&mut s, Action::AuditLoaded { generation: ag, entries });
    let chain = if broken {
        ChainState::Broken { seq: 3, reason: "entry 3 was altered: its content does not match its hash".into() }
    } else {
        ChainState::Intact { entries: 4, head_seq: 4, head_hash: "ab".repeat(32) }
    };
    update(&mut s, Action::ChainVerified { generation: cg, result: Ok((chain, vec![])) });
    s
}

fn render(state: &State, theme: &Theme, w: u16, h: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::draw(f, state, theme)).unwrap();
    t.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..area.width {
            let sym = buf[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn snap(name: &str, state: &State) {
    let theme = Theme::default();
    for (w, h) in SIZES {
        let screen = text(&render(state, &theme, w, h));
        assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'), "raw control character on screen");
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
    }
}

#[test]
fn empty_queue() {
    let mut s = fresh();
    update(&mut s, Action::QueueLoaded { generation: 1, page: QueuePage::default() });
    snap("empty_queue", &s);
}

#[test]
fn loaded_queue_with_every_pane() {
    let mut s = loaded();
    update(&mut s, Action::Command(Command::NextPane));
    snap("loaded_queue", &s);
}

#[test]
fn photo_match() {
    snap("photo_match", &with_photo());
}

#[test]
fn help() {
    let mut s = loaded();
    update(&mut s, Action::Command(Command::Help));
    snap("help", &s);
}

#[test]
fn report_confirmation() {
    let mut s = loaded();
    update(&mut s, Action::Command(Command::Report));
    update(&mut s, Action::Input(InputKey::Enter));
    for c in "stock photo".chars() {
        update(&mut s, Action::Input(InputKey::Char(c)));
    }
    snap("report_confirm", &s);
}

#[test]
fn audit_trail() {
    let mut s = audit(false);
    // On the entry with a long note: it is shown whole below the list.
    update(&mut s, Action::Command(Command::Down));
    update(&mut s, Action::Command(Command::Down));
    snap("audit_trail", &s);
    let screen = text(&render(&audit(true), &Theme::default(), 80, 24));
    assert!(screen.contains("chain BROKEN at entry 3"), "{screen}");
}

#[test]
fn detail_view() {
    // The detail view waits for the report; until then it says so instead of showing stale text.
    let mut s = loaded();
    update(&mut s, Action::Command(Command::Open));
    let screen = text(&render(&s, &Theme::default(), 80, 24));
    assert!(screen.contains("loading…"), "{screen}");
    let mut report = Report::minimal("2026-11-20T09:00:00Z", "Anna\u{200d} Ivanova", "Jane Smith");
    report.id = Some("R-2026-000017".into());
    report.reporter = Some("j.smith".into());
    report.sender.headline = Some("Director\u{1b}[31m at Becker Strategic Consulting".into());
    report.sender.about = Some("Discreet, confidential, global.\nSecond line.".into());
    report.message = Some("Dear Jane, a client urgently needs two hours of advice. \u{202e}fdp.exe".into());
    report.notes = Some("Reported by the recipient's line manager.".into());
    report.extra.insert("ticket".into(), serde_json::json!("SEC-1234"));
    let history = vec![
        entry(3, "bob", "bob", 17, "flag", "odd career"),
        entry(4, "bob", "bob", 17, "undo", "undo of entry 3 (flag)"),
    ];
    let generation = s.generations.detail;
    let row = s.selected().unwrap().clone();
    let detail = Detail { id: 17, row, report, history, explanation: vec!["photo: matches stock photo".into()] };
    update(&mut s, Action::DetailLoaded { generation, detail: Box::new(detail) });
    snap("detail", &s);
    update(&mut s, Action::Command(Command::Bottom));
    let screen = text(&render(&s, &Theme::default(), 80, 24));
    assert!(screen.contains("Decision history"), "{screen}");
}

/// Finds the first cell whose symbol is `sym` on a line containing `needle`.
fn cell_on_line<'a>(buf: &'a Buffer, needle: &str, sym: &str) -> &'a ratatui::buffer::Cell {
    let t = text(buf);
    let y = t.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} not on screen:\n{t}"));
    let x = (0..buf.area.width).find(|x| buf[(*x, y as u16)].symbol() == sym).expect("symbol on that line");
    &buf[(x, y as u16)]
}

#[test]
fn risk_is_red_in_colour_and_a_letter_in_monochrome() {
    let s = loaded();
    // Not the selected row: its colours are the risk's alone.
    let buf = render(&s, &Theme::default(), 120, 40);
    assert_eq!(cell_on_line(&buf, "Lukas Becker", "M").fg, Color::Yellow);
    let eve = cell_on_line(&buf, "Eve⟨U+001B⟩", "H");
    assert_eq!(eve.fg, Color::Red);
    let mono = Theme::built_in("monochrome").unwrap();
    let buf = render(&s, &mono, 120, 40);
    let eve = cell_on_line(&buf, "Eve⟨U+001B⟩", "H");
    assert_eq!((eve.fg, eve.bg), (Color::Reset, Color::Reset));
    assert!(eve.modifier.contains(ratatui::style::Modifier::BOLD));
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert!(matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset), "colour at {x},{y}");
        }
    }
}

#[test]
fn hidden_characters_are_visible_markers_highlighted() {
    let buf = render(&loaded(), &Theme::default(), 200, 50);
    let t = text(&buf);
    assert!(t.contains("Anna⟨U+200D⟩"), "{t}");
    assert!(t.contains("Eve⟨U+001B⟩]0;pw"), "{t}");
    let marker = cell_on_line(&buf, "Anna⟨U+200D⟩", "⟨");
    assert_eq!(marker.bg, Color::Yellow);
}

#[test]
fn photos_are_drawn_with_half_blocks_in_the_palette_or_true_colour() {
    let palette = render(&with_photo(), &Theme::default(), 200, 50);
    let halves: Vec<_> = palette.content().iter().filter(|c| c.symbol() == "▀").collect();
    assert!(halves.len() > 50, "{}", halves.len());
    assert!(halves.iter().all(|c| matches!(c.fg, Color::Indexed(16..=255))));
    let truecolor = Theme { truecolor: true, ..Theme::default() };
    let buf = render(&with_photo(), &truecolor, 200, 50);
    let halves: Vec<_> = buf.content().iter().filter(|c| c.symbol() == "▀").collect();
    assert!(halves.len() > 50, "{}", halves.len());
    assert!(halves.iter().all(|c| matches!(c.fg, Color::Rgb(..))));
}

#[test]
fn key_hints_follow_the_keymap() {
    let mut s =
        State::new("alice", "alice", "linkvet.db", now(), KeyMap::with_overrides("[keys]\naccept = \"y\"\n").unwrap());
    update(&mut s, Action::QueueLoaded { generation: 0, page: QueuePage::default() });
    let t = text(&render(&s, &Theme::default(), 120, 40));
    assert!(t.contains("y accept"), "{t}");
}
