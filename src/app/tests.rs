//! Reducer tests: actions in, state and effects out.

use super::*;
use crate::domain::{RequestRow, RiskLevel};
use crate::store::{SortOrder, StatusCounts};
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn row(id: i64, status: Status) -> RequestRow {
    RequestRow {
        id,
        external_id: Some(format!("R-{id}")),
        received_at: "2026-11-20T09:00:00Z".into(),
        sender: format!("Sender {id}"),
        recipient: "Jane Smith".into(),
        platform: "linkedin".into(),
        status,
        risk: Some((90 - id.min(80)) as u8),
        level: Some(RiskLevel::High),
        decided_by: None,
        decided_at: None,
        has_photo: true,
        checks: vec![],
    }
}

fn loaded(n: i64) -> State {
    let mut s = State::new("alice", "alice", "linkvet.db", now(), KeyMap::default());
    let fx = start(&mut s);
    assert!(matches!(fx[0], Effect::LoadQueue { generation: 1, .. }));
    assert!(fx.contains(&Effect::RefreshStale));
    let rows: Vec<RequestRow> = (1..=n).map(|i| row(i, Status::Pending)).collect();
    let page = QueuePage {
        offset: 0,
        rows,
        total: n as u64,
        counts: StatusCounts { pending: n as u64, ..Default::default() },
    };
    update(&mut s, Action::QueueLoaded { generation: 1, page });
    s
}

fn cmd(s: &mut State, c: Command) -> Vec<Effect> {
    update(s, Action::Command(c))
}

fn typed(s: &mut State, text: &str) {
    for c in text.chars() {
        update(s, Action::Input(InputKey::Char(c)));
    }
}

#[test]
fn moving_selects_and_loads_the_photo_and_stops_at_the_ends() {
    let mut s = loaded(3);
    assert_eq!(s.selected().unwrap().id, 1);
    let fx = cmd(&mut s, Command::Down);
    assert!(matches!(fx.as_slice(), [Effect::LoadPhoto { id: 2, .. }]));
    cmd(&mut s, Command::Bottom);
    assert_eq!(s.selected().unwrap().id, 3);
    assert!(cmd(&mut s, Command::Down).is_empty(), "end of the queue: nothing happens");
    assert_eq!(s.queue.cursor, 2);
    cmd(&mut s, Command::Top);
    assert!(cmd(&mut s, Command::Up).is_empty());
}

#[test]
fn the_list_scrolls_by_pages_and_always_shows_the_cursor() {
    let mut q = Queue { total: 1000, ..Default::default() };
    let visible = 35;
    let mut scrolls = 0;
    let check = |q: &mut Queue, to: usize| {
        q.cursor = to;
        let before = q.top;
        q.scroll_to_cursor(visible);
        assert!((q.top..q.top + visible).contains(&q.cursor), "cursor {} outside {}..+{visible}", q.cursor, q.top);
        assert!(q.top + visible <= 1000);
        let edge = SCROLL_MARGIN.min(q.cursor).min(999 - q.cursor);
        assert!(q.cursor >= q.top + edge && q.cursor + edge < q.top + visible, "margin kept at {}", q.cursor);
        usize::from(q.top != before)
    };
    for to in 0..1000 {
        scrolls += check(&mut q, to);
    }
    // One scroll per page of (35 - 2 × 2 - 1) rows, not one per key.
    assert!(scrolls <= 1000 / 30 + 1, "{scrolls} scrolls going down");
    let mut up = 0;
    for to in (0..1000).rev() {
        up += check(&mut q, to);
    }
    assert!(up <= 1000 / 30 + 1, "{up} scrolls going up");
    assert_eq!(q.top, 0);
    // Jumps and a short queue.
    check(&mut q, 999);
    assert_eq!(q.top, 1000 - visible);
    let mut short = Queue { total: 5, cursor: 4, top: 3, ..Default::default() };
    short.scroll_to_cursor(visible);
    assert_eq!(short.top, 0);
}

#[test]
fn a_request_without_a_photo_says_so_without_asking_the_worker() {
    let mut s = loaded(3);
    s.queue.rows[1].has_photo = false;
    let fx = cmd(&mut s, Command::Down);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(s.photo, Some(PhotoView::none(2)));
    // An answer for the request before, still on its way, is dropped.
    let stale = s.generations.photo - 1;
    update(&mut s, Action::PhotoLoaded { generation: stale, photo: Box::new(PhotoView::none(1)) });
    assert_eq!(s.photo.as_ref().map(|p| p.id), Some(2));
    let fx = cmd(&mut s, Command::Down);
    assert!(matches!(fx.as_slice(), [Effect::LoadPhoto { id: 3, .. }]));
}

#[test]
fn accept_with_a_note_is_one_decide_effect_guarded_by_what_was_seen() {
    let mut s = loaded(3);
    assert!(cmd(&mut s, Command::Accept).is_empty());
    assert!(s.wants_text());
    typed(&mut s, "known colleague");
    let fx = update(&mut s, Action::Input(InputKey::Enter));
    let target = Target { id: 1, seen: Status::Pending, sender: "Sender 1".into() };
    assert_eq!(
        fx,
        vec![Effect::Decide {
            action: Decision::Accept,
            note: "known colleague".into(),
            targets: vec![(target, DecisionGuard::Saw(Status::Pending))]
        }]
    );
    assert!(s.popup.is_none());
}

#[test]
fn nothing_is_written_before_the_store_says_so_and_the_cursor_moves_to_the_next_pending() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Flag);
    update(&mut s, Action::Input(InputKey::Enter));
    assert!(s.message.is_none(), "no 'flagged' message before the write is confirmed");
    let fx = update(
        &mut s,
        Action::Decided {
            action: Decision::Flag,
            note: String::new(),
            done: vec![1],
            conflicts: vec![],
            failed: vec![],
        },
    );
    assert_eq!(s.message.as_ref().unwrap().text, "flagged #1");
    let Some(Effect::LoadQueue { generation, .. }) = fx.first() else { panic!("{fx:?}") };
    let page = QueuePage {
        offset: 0,
        rows: vec![row(2, Status::Pending), row(3, Status::Pending)],
        total: 2,
        counts: StatusCounts { pending: 2, flagged: 1, ..Default::default() },
    };
    update(&mut s, Action::QueueLoaded { generation: *generation, page });
    assert_eq!(s.selected().unwrap().id, 2);
    assert_eq!(s.counts.flagged, 1);
}

#[test]
fn report_needs_a_note_and_esc_cancels_without_writing() {
    let mut s = loaded(2);
    cmd(&mut s, Command::Report);
    let fx = update(&mut s, Action::Input(InputKey::Enter));
    assert!(fx.is_empty());
    let Some(Popup::Prompt(p)) = &s.popup else { panic!() };
    assert!(p.error[0].contains("needs a note"));
    let fx = update(&mut s, Action::Input(InputKey::Esc));
    assert!(fx.is_empty());
    assert!(s.popup.is_none());
    assert!(s.message.as_ref().unwrap().text.contains("nothing was written"));
    cmd(&mut s, Command::Report);
    typed(&mut s, "same photo as persona X");
    let fx = update(&mut s, Action::Input(InputKey::Enter));
    assert!(
        matches!(&fx[..], [Effect::Decide { action: Decision::Report, note, .. }] if note == "same photo as persona X")
    );
}

#[test]
fn marks_make_one_decision_act_on_every_marked_request() {
    let mut s = loaded(4);
    cmd(&mut s, Command::Mark);
    cmd(&mut s, Command::Down);
    cmd(&mut s, Command::Mark);
    assert_eq!(s.marks.keys().copied().collect::<Vec<_>>(), vec![1, 3]);
    cmd(&mut s, Command::Flag);
    let fx = update(&mut s, Action::Input(InputKey::Enter));
    let Effect::Decide { targets, .. } = &fx[0] else { panic!() };
    assert_eq!(targets.iter().map(|(t, _)| t.id).collect::<Vec<_>>(), vec![1, 3]);
    update(
        &mut s,
        Action::Decided {
            action: Decision::Flag,
            note: String::new(),
            done: vec![1, 3],
            conflicts: vec![],
            failed: vec![],
        },
    );
    assert!(s.marks.is_empty());
    assert_eq!(s.message.as_ref().unwrap().text, "flagged 2 requests");
    // Marking again unmarks; Esc clears all marks.
    cmd(&mut s, Command::Top);
    cmd(&mut s, Command::Mark);
    cmd(&mut s, Command::Back);
    assert!(s.marks.is_empty());
}

#[test]
fn a_conflict_is_refused_shown_and_can_be_confirmed_again_with_force() {
    let mut s = loaded(2);
    cmd(&mut s, Command::Accept);
    typed(&mut s, "ok");
    update(&mut s, Action::Input(InputKey::Enter));
    let t = Target { id: 1, seen: Status::Pending, sender: "Sender 1".into() };
    let why =
        "request #1 was flagged by bob at 2026-11-28T11:59:00Z (you saw it pending); nothing was written".to_owned();
    update(
        &mut s,
        Action::Decided {
            action: Decision::Accept,
            note: "ok".into(),
            done: vec![],
            conflicts: vec![(t.clone(), why.clone())],
            failed: vec![],
        },
    );
    let Some(Popup::Prompt(p)) = &s.popup else { panic!("conflict not shown") };
    assert_eq!(p.error[0], why);
    assert_eq!(p.input, "ok");
    let fx = update(&mut s, Action::Input(InputKey::Enter));
    assert_eq!(
        fx,
        vec![Effect::Decide { action: Decision::Accept, note: "ok".into(), targets: vec![(t, DecisionGuard::Force)] }]
    );
}

#[test]
fn undo_and_note_are_effects_and_their_outcome_is_reported() {
    let mut s = loaded(2);
    assert_eq!(cmd(&mut s, Command::Undo), vec![Effect::Undo]);
    update(&mut s, Action::Undone(Err("alice has no decision left to undo".into())));
    assert_eq!(s.message.as_ref().unwrap().kind, MessageKind::Error);
    cmd(&mut s, Command::Note);
    assert!(update(&mut s, Action::Input(InputKey::Enter)).is_empty(), "empty note refused");
    typed(&mut s, "called the recipient");
    assert_eq!(
        update(&mut s, Action::Input(InputKey::Enter)),
        vec![Effect::AddNote { id: 1, note: "called the recipient".into() }]
    );
}

#[test]
fn filter_sort_and_views_reload_from_the_top() {
    let mut s = loaded(5);
    cmd(&mut s, Command::Bottom);
    cmd(&mut s, Command::Filter);
    typed(&mut s, "becke");
    // The queue follows as the officer types.
    let fx = update(&mut s, Action::Input(InputKey::Char('r')));
    let Effect::LoadQueue { query, .. } = &fx[0] else { panic!() };
    assert_eq!(query.text.as_deref(), Some("becker"));
    assert_eq!(query.offset, 0);
    assert_eq!(s.queue.cursor, 0);
    assert!(update(&mut s, Action::Input(InputKey::Enter)).is_empty(), "already applied");
    assert_eq!(s.filter, "becker");
    // Esc puts back the filter there was before the prompt opened.
    cmd(&mut s, Command::Filter);
    typed(&mut s, "x");
    assert_eq!(s.filter, "beckerx");
    let fx = update(&mut s, Action::Input(InputKey::Esc));
    assert_eq!(s.filter, "becker");
    assert!(matches!(&fx[0], Effect::LoadQueue { query, .. } if query.text.as_deref() == Some("becker")));
    let fx = cmd(&mut s, Command::Sort);
    let Effect::LoadQueue { query, .. } = &fx[0] else { panic!() };
    assert_eq!(query.sort, SortOrder::Age);
    let fx = cmd(&mut s, Command::ViewFlagged);
    let Effect::LoadQueue { query, .. } = &fx[0] else { panic!() };
    assert_eq!(query.status, Some(Status::Flagged));
    let fx = cmd(&mut s, Command::ViewAll);
    let Effect::LoadQueue { query, .. } = &fx[0] else { panic!() };
    assert_eq!(query.status, None);
}

#[test]
fn stale_results_are_dropped() {
    let mut s = loaded(2);
    cmd(&mut s, Command::Sort); // generation 2 asked
    let old = QueuePage { offset: 0, rows: vec![row(9, Status::Pending)], total: 1, counts: StatusCounts::default() };
    update(&mut s, Action::QueueLoaded { generation: 1, page: old });
    assert_ne!(s.queue.rows[0].id, 9);
    update(
        &mut s,
        Action::PhotoLoaded { generation: 0, photo: Box::new(PhotoView { id: 1, own: None, note: None, best: None }) },
    );
    assert!(s.photo.is_none());
}

#[test]
fn the_queue_is_paged_around_the_cursor_never_loaded_whole() {
    let mut s = State::new("alice", "alice", "db", now(), KeyMap::default());
    start(&mut s);
    let rows: Vec<RequestRow> = (0..PAGE as i64).map(|i| row(i + 1, Status::Pending)).collect();
    update(
        &mut s,
        Action::QueueLoaded {
            generation: 1,
            page: QueuePage { offset: 0, rows, total: 100_000, counts: StatusCounts::default() },
        },
    );
    update(&mut s, Action::PageRows(20));
    let mut asked = None;
    for _ in 0..20 {
        for e in cmd(&mut s, Command::PageDown) {
            if let Effect::LoadQueue { query, .. } = e {
                asked = Some(query);
            }
        }
    }
    let q = asked.expect("a further page is fetched as the cursor nears the end");
    assert_eq!(q.limit, Some(PAGE));
    assert!(q.offset > 0 && q.offset <= s.queue.cursor);
    let fx = cmd(&mut s, Command::Bottom);
    assert!(fx.iter().any(|e| matches!(e, Effect::LoadQueue { query, .. } if query.offset == 100_000 - PAGE / 2 - 1)));
}

#[test]
fn detail_audit_help_and_quit() {
    let mut s = loaded(2);
    let fx = cmd(&mut s, Command::Open);
    assert_eq!(s.screen, Screen::Detail);
    assert!(matches!(fx[..], [Effect::LoadDetail { id: 1, .. }]));
    cmd(&mut s, Command::Back);
    assert_eq!(s.screen, Screen::Queue);
    let fx = cmd(&mut s, Command::Audit);
    assert_eq!(s.screen, Screen::Audit);
    assert!(matches!(fx[..], [Effect::LoadAudit { .. }, Effect::VerifyChain { .. }]));
    cmd(&mut s, Command::Filter);
    typed(&mut s, "action=nonsense");
    update(&mut s, Action::Input(InputKey::Enter));
    let Some(Popup::Prompt(p)) = &s.popup else { panic!() };
    assert!(p.error[0].contains("nonsense"));
    update(&mut s, Action::Input(InputKey::Esc));
    cmd(&mut s, Command::Filter);
    for _ in 0..20 {
        update(&mut s, Action::Input(InputKey::Backspace));
    }
    typed(&mut s, "officer=bob action=flag request=#7");
    let fx = update(&mut s, Action::Input(InputKey::Enter));
    let Effect::LoadAudit { filter, .. } = &fx[0] else { panic!() };
    assert_eq!(
        (filter.officer.as_deref(), filter.action.as_deref(), filter.request_id),
        (Some("bob"), Some("flag"), Some(7))
    );
    assert!(filter.newest_first);
    cmd(&mut s, Command::Help);
    assert_eq!(cmd(&mut s, Command::Quit), vec![], "q closes help first");
    assert!(s.popup.is_none());
    assert_eq!(cmd(&mut s, Command::Quit), vec![Effect::Quit]);
    assert!(s.quit);
}

#[test]
fn another_officers_change_reloads_and_keeps_the_cursor_on_the_same_request() {
    let mut s = loaded(3);
    cmd(&mut s, Command::Down);
    let fx = update(&mut s, Action::DataChanged);
    let Some(Effect::LoadQueue { generation, .. }) = fx.first() else { panic!() };
    let page = QueuePage {
        offset: 0,
        rows: vec![row(0, Status::Pending), row(1, Status::Pending), row(2, Status::Pending)],
        total: 3,
        counts: StatusCounts::default(),
    };
    update(&mut s, Action::QueueLoaded { generation: *generation, page });
    assert_eq!(s.selected().unwrap().id, 2);
}

#[test]
fn messages_expire() {
    let mut s = loaded(1);
    update(&mut s, Action::Failed("boom".into()));
    update(&mut s, Action::Tick(now() + chrono::Duration::seconds(2)));
    assert!(s.message.is_some());
    update(&mut s, Action::Tick(now() + chrono::Duration::seconds(MESSAGE_SECONDS + 1)));
    assert!(s.message.is_none());
}

#[test]
fn ages_read_at_a_glance() {
    assert_eq!(age_label(now(), "2026-11-28T11:30:00Z"), "30m");
    assert_eq!(age_label(now(), "2026-11-27T12:00:00Z"), "24h");
    assert_eq!(age_label(now(), "2026-11-18T12:00:00Z"), "10d");
    assert_eq!(age_label(now(), "2026-06-01T12:00:00Z"), "6mo");
    assert_eq!(age_label(now(), "garbage"), "?");
}

#[test]
fn panes_cycle_both_ways_and_scroll_from_the_top_of_each() {
    let mut s = loaded(2);
    cmd(&mut s, Command::PrevPane);
    assert_eq!(PANES[s.pane], "campaign");
    cmd(&mut s, Command::NextPane);
    cmd(&mut s, Command::NextPane);
    assert_eq!(PANES[s.pane], "account");
    cmd(&mut s, Command::PaneDown);
    cmd(&mut s, Command::PaneDown);
    assert_eq!(s.pane_scroll, 2);
    cmd(&mut s, Command::Down);
    assert_eq!(s.pane_scroll, 0, "another request's pane starts at its top");
}

#[test]
fn the_detail_view_scrolls_within_its_text() {
    let mut s = loaded(1);
    cmd(&mut s, Command::Open);
    cmd(&mut s, Command::Bottom);
    update(&mut s, Action::DetailExtent(40));
    assert_eq!(s.detail_scroll, 40);
    cmd(&mut s, Command::Up);
    assert_eq!(s.detail_scroll, 39);
    cmd(&mut s, Command::Top);
    assert_eq!(s.detail_scroll, 0);
}

#[test]
fn a_report_offers_its_escalation_bundles_and_x_writes_them() {
    let mut s = loaded(3);
    update(
        &mut s,
        Action::Decided {
            action: Decision::Report,
            note: "front company".into(),
            done: vec![1],
            conflicts: vec![],
            failed: vec![],
        },
    );
    assert_eq!(s.message.as_ref().unwrap().text, "reported #1 — x writes the escalation bundles");
    // The cursor has moved on, but x still means the request just reported.
    assert_eq!(cmd(&mut s, Command::Export), vec![Effect::Export { ids: vec![1] }]);
    // Once written, x acts on the selection, and a pending request is not escalated.
    assert!(cmd(&mut s, Command::Export).is_empty());
    assert_eq!(s.message.as_ref().unwrap().kind, MessageKind::Error);
    assert!(s.message.as_ref().unwrap().text.contains("only reported requests"));
    update(&mut s, Action::Exported(Err("no bundle written: exists".into())));
    assert_eq!(s.message.as_ref().unwrap().text, "no bundle written: exists");
}
