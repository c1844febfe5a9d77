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

// ── the statistics view (issue 17) ──────────────────────────────────────────────────────

mod statistics {
    use super::*;
    use chrono::NaiveDate;
    use linkvet::domain::stats::{
        AgeCount, Backlog, Campaign, Campaigns, DecisionCounts, DecisionTime, Filters, LevelCounts, Named,
        OfficerCounts, Period, Ranking, ReferenceHits, Stats, Totals, Trend, WatchlistHits, WeekCount,
    };
    use ratatui::style::Modifier;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn named(name: Option<&str>, count: u64) -> Named {
        Named { name: name.map(str::to_owned), count }
    }

    /// Figures as the computation would return them for four weeks of a busy team.
    fn figures() -> Stats {
        let weeks = [
            (d("2026-11-02"), 12, 10, 5),
            (d("2026-11-09"), 31, 28, 14),
            (d("2026-11-16"), 18, 20, 6),
            (d("2026-11-23"), 9, 7, 4),
        ];
        Stats {
            generated_at: "2026-11-28T12:00:00Z".into(),
            period: Period { since: Some(d("2026-11-02")), until: Some(d("2026-11-28")) },
            filters: Filters { status: "all".into(), text: None },
            totals: Totals { received: 70, reported: 65, recipients: 52, organisations: 9 },
            weeks: weeks
                .iter()
                .map(|&(week, received, reported, high)| WeekCount {
                    week,
                    days: if week == d("2026-11-23") { 6 } else { 7 },
                    received,
                    reported,
                    high,
                })
                .collect(),
            trend: Some(Trend {
                previous: Period { since: Some(d("2026-10-06")), until: Some(d("2026-11-01")) },
                received_previous: 56,
                reported_previous: 52,
                received_change_pct: Some(25.0),
                reported_change_pct: Some(25.0),
            }),
            platforms: vec![
                named(Some("linkedin"), 51),
                named(Some("email"), 9),
                named(Some("x"), 6),
                named(Some("github"), 4),
            ],
            risk_levels: LevelCounts { high: 29, medium: 17, low: 21, unchecked: 3 },
            decisions: DecisionCounts { pending: 22, flagged: 14, reported: 19, accepted: 15 },
            organisations: Ranking {
                distinct: 10,
                top: vec![
                    named(Some("Ministry of Defence"), 21),
                    named(Some("Department for Energy Security"), 14),
                    named(None, 8),
                    named(Some("Home Office"), 7),
                ],
            },
            roles: Ranking {
                distinct: 31,
                top: vec![
                    named(Some("Senior Policy Adviser, Nuclear"), 6),
                    named(Some("Principal Engineer, Sensors"), 5),
                    named(None, 4),
                ],
            },
            recipients: Ranking { distinct: 52, top: vec![] },
            campaigns: Campaigns {
                active: 3,
                top: vec![
                    Campaign {
                        id: 17,
                        first_seen: "2026-09-02T14:05:00Z".into(),
                        last_seen: "2026-11-26T19:48:00Z".into(),
                        members: 9,
                        members_in_period: 5,
                        recipients: 8,
                        organisations: 3,
                        sender: "Anna\u{202e} Ivanova".into(),
                        senders: 2,
                    },
                    Campaign {
                        id: 101,
                        first_seen: "2026-11-03T09:00:00Z".into(),
                        last_seen: "2026-11-20T10:00:00Z".into(),
                        members: 3,
                        members_in_period: 3,
                        recipients: 3,
                        organisations: 1,
                        sender: "Lukas Becker".into(),
                        senders: 1,
                    },
                ],
            },
            watchlist: vec![WatchlistHits { kind: "domain".into(), value: "gtp-consult.example".into(), requests: 6 }],
            reference_photos: vec![ReferenceHits { name: "stock-041.jpg".into(), label: "stock".into(), requests: 4 }],
            decision_time: DecisionTime { decided: 48, median_hours: Some(5.5), p90_hours: Some(52.0) },
            backlog: Backlog {
                pending: 22,
                oldest: Some("2026-11-03T08:00:00Z".into()),
                by_age: ["under 1 day", "1–3 days", "3–7 days", "1–2 weeks", "2–4 weeks", "over 4 weeks"]
                    .into_iter()
                    .zip([6, 7, 4, 3, 2, 0])
                    .map(|(age, count)| AgeCount { age, count })
                    .collect(),
            },
            officers: vec![
                OfficerCounts {
                    officer: "alice".into(),
                    accepted: 7,
                    flagged: 6,
                    reported: 9,
                    decisions: 24,
                    undone: 2,
                    undo_rate: Some(2.0 / 24.0),
                },
                OfficerCounts {
                    officer: "Bob".into(),
                    accepted: 8,
                    flagged: 8,
                    reported: 10,
                    decisions: 26,
                    undone: 0,
                    undo_rate: Some(0.0),
                },
            ],
        }
    }

    fn shown() -> State {
        let mut s = loaded();
        update(&mut s, Action::Command(Command::Stats));
        let generation = s.generations.stats;
        update(&mut s, Action::StatsLoaded { generation, result: Ok(Box::new(figures())) });
        s
    }

    fn snap_both(name: &str, state: &State) {
        let mono = Theme::built_in("monochrome").unwrap();
        for (w, h) in SIZES {
            for (theme, suffix) in [(Theme::default(), ""), (mono.clone(), "_mono")] {
                let screen = text(&render(state, &theme, w, h));
                assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'), "raw control character on screen");
                insta::assert_snapshot!(format!("{name}{suffix}_{w}x{h}"), screen);
            }
        }
    }

    #[test]
    fn statistics_view() {
        snap_both("stats", &shown());
    }

    #[test]
    fn statistics_view_scrolled_to_the_end_at_80x24() {
        let mut s = shown();
        update(&mut s, Action::Command(Command::Bottom));
        let screen = text(&render(&s, &Theme::default(), 80, 24));
        assert!(screen.contains("decisions by officer"), "{screen}");
        insta::assert_snapshot!("stats_end_80x24", screen);
        // Every section is on the page somewhere: scrolled through at 80×24, it is all seen.
        let max = ui::stats_max_scroll(&s, 80, 24);
        assert!(max > 0, "the page does not fit 80×24 and scrolls");
        let mut seen = String::new();
        update(&mut s, Action::Command(Command::Top));
        for _ in 0..=max {
            seen.push_str(&text(&render(&s, &Theme::default(), 80, 24)));
            update(&mut s, Action::Command(Command::Down));
        }
        for section in [
            "summary",
            "per week",
            "platform",
            "risk",
            "decision (standing)",
            "pending by age",
            "organisations approached",
            "roles approached",
            "watchlist and photos",
            "active campaigns",
            "decisions by officer",
        ] {
            assert!(seen.contains(section), "{section} never shown at 80×24");
        }
    }

    #[test]
    fn before_the_figures_arrive_the_view_says_it_is_computing() {
        let mut s = loaded();
        update(&mut s, Action::Command(Command::Stats));
        let screen = text(&render(&s, &Theme::default(), 80, 24));
        assert!(screen.contains("computing the statistics…"), "{screen}");
    }

    /// The cell of a bar chart's bar on the line labelled `label`.
    fn bar_cell<'a>(buf: &'a Buffer, label: &str) -> &'a ratatui::buffer::Cell {
        let t = text(buf);
        let y = t.lines().position(|l| l.contains(label)).unwrap_or_else(|| panic!("{label} not on screen:\n{t}"));
        let line = t.lines().nth(y).unwrap();
        let start = unicode_width::UnicodeWidthStr::width(&line[..line.find(label).unwrap()]) as u16;
        let x = (start..buf.area.width).find(|x| buf[(*x, y as u16)].symbol() == "█").expect("a bar");
        &buf[(x, y as u16)]
    }

    #[test]
    fn bars_carry_the_risk_colour_and_stay_visible_in_monochrome() {
        let s = shown();
        let buf = render(&s, &Theme::default(), 200, 50);
        let high = bar_cell(&buf, "H high");
        assert_eq!(high.fg, Color::Red);
        assert_eq!(bar_cell(&buf, "M medium").fg, Color::Yellow);
        assert_eq!(bar_cell(&buf, "L low").fg, Color::Green);
        assert_eq!(bar_cell(&buf, "reported 19").fg, Color::Red, "the decisions chart: reported onwards");
        // The persona's hidden override is a highlighted marker.
        assert_eq!(cell_on_line(&buf, "Anna⟨U+202E⟩", "⟨").bg, Color::Yellow);

        let mono = Theme::built_in("monochrome").unwrap();
        let buf = render(&s, &mono, 200, 50);
        let high = bar_cell(&buf, "H high");
        assert_eq!((high.fg, high.bg), (Color::Reset, Color::Reset));
        assert!(high.modifier.contains(Modifier::BOLD), "high stands out in bold");
        assert!(!high.modifier.contains(Modifier::REVERSED), "a reversed full block would draw nothing");
        for c in buf.content() {
            assert!(matches!(c.fg, Color::Reset) && matches!(c.bg, Color::Reset), "colour in monochrome");
        }
        assert!(cell_on_line(&buf, "Anna⟨U+202E⟩", "⟨").modifier.contains(Modifier::REVERSED));
    }

    #[test]
    fn the_key_is_listed_in_help_and_the_hints() {
        let mut s = loaded();
        let t = text(&render(&s, &Theme::default(), 200, 50));
        assert!(t.contains("S stats"), "{t}");
        update(&mut s, Action::Command(Command::Help));
        let t = text(&render(&s, &Theme::default(), 120, 40));
        assert!(t.contains("S statistics") && t.contains("p statistics period"), "{t}");
        let mut s = shown();
        s.message = None;
        let t = text(&render(&s, &Theme::default(), 120, 40));
        assert!(t.contains("p period") && t.contains("Esc back"), "{t}");
        // Rebound keys show as bound.
        let keymap = KeyMap::with_overrides("[keys]\nstats = \"F5\"\nperiod = \"P\"\n").unwrap();
        let mut s = State::new("alice", "alice", "linkvet.db", now(), keymap);
        update(&mut s, Action::QueueLoaded { generation: 0, page: QueuePage::default() });
        assert!(text(&render(&s, &Theme::default(), 200, 50)).contains("F5 stats"));
    }
}
