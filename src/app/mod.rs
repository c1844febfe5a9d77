//! The workstation's state and its reducer, `update(state, action) -> effects`. No I/O and no
//! terminal here: keys arrive already mapped to commands, results of background work arrive
//! as actions, and everything that touches the disk leaves as an [`Effect`].

pub mod keymap;
mod state;
mod stats;
#[cfg(test)]
mod tests;

pub use keymap::{Command, KeyMap};
pub use state::*;

use crate::analysis::CheckSummary;
use crate::domain::{Action as Decision, AuditEntry, ChainState, Status};
use crate::store::DecisionGuard;
use chrono::{DateTime, Utc};

/// A key typed into an open prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKey {
    Char(char),
    Backspace,
    Enter,
    Esc,
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Command(Command),
    Input(InputKey),
    Tick(DateTime<Utc>),
    /// Rows available to the queue list, so PgUp / PgDn move a screenful.
    PageRows(usize),
    /// How far the detail view's text can scroll at the terminal's current size.
    DetailExtent(u16),
    QueueLoaded {
        generation: u64,
        page: QueuePage,
    },
    DetailLoaded {
        generation: u64,
        detail: Box<Detail>,
    },
    PhotoLoaded {
        generation: u64,
        photo: Box<PhotoView>,
    },
    /// The outcome of one `Effect::Decide`: what was written, what was refused and why.
    Decided {
        action: Decision,
        note: String,
        done: Vec<i64>,
        conflicts: Vec<(Target, String)>,
        failed: Vec<String>,
    },
    Undone(Result<(AuditEntry, Status), String>),
    NoteAdded(Result<i64, String>),
    /// Escalation bundles written (where) or why not.
    Exported(Result<String, String>),
    /// A file from the spool folder (`--watch`) imported (what it added) or rejected (why).
    Spooled(Result<String, String>),
    AuditLoaded {
        generation: u64,
        entries: Vec<AuditEntry>,
    },
    ChainVerified {
        generation: u64,
        result: Result<(ChainState, Vec<String>), String>,
    },
    ChecksProgress {
        done: usize,
        total: usize,
    },
    ChecksDone(Result<CheckSummary, String>),
    /// The statistics computed for `Effect::LoadStats`, or why not.
    StatsLoaded {
        generation: u64,
        result: Result<Box<crate::domain::stats::Stats>, String>,
    },
    /// How far the statistics page can scroll at the terminal's current size.
    StatsExtent(u16),
    /// Another connection committed: what is shown may be out of date.
    DataChanged,
    /// A background read failed.
    Failed(String),
    Quit,
}

/// The effects to start when the workstation opens.
pub fn start(state: &mut State) -> Vec<Effect> {
    vec![load_queue(state, 0), Effect::RefreshStale]
}

pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let fx = apply(state, action);
    let visible = state.page_rows;
    state.queue.scroll_to_cursor(visible);
    fx
}

fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Command(c) => command(state, c),
        Action::Input(k) => input(state, k),
        Action::Tick(now) => {
            state.now = now;
            if state.message.as_ref().is_some_and(|m| (now - m.at).num_seconds() >= MESSAGE_SECONDS) {
                state.message = None;
            }
            vec![]
        }
        Action::PageRows(n) => {
            state.page_rows = n.max(1);
            vec![]
        }
        Action::DetailExtent(max) => {
            state.detail_scroll = state.detail_scroll.min(max);
            vec![]
        }
        Action::QueueLoaded { generation, page } => queue_loaded(state, generation, page),
        Action::DetailLoaded { generation, detail } => {
            if generation == state.generations.detail {
                state.detail = Some(*detail);
            }
            vec![]
        }
        Action::PhotoLoaded { generation, photo } => {
            if generation == state.generations.photo {
                state.photo = Some(*photo);
            }
            vec![]
        }
        Action::Decided { action, note, done, conflicts, failed } => {
            decided(state, action, note, done, conflicts, failed)
        }
        Action::Undone(result) => {
            match result {
                Ok((entry, status)) => {
                    let what = entry.note.clone();
                    let id = entry.request_id.map(|i| format!(" on #{i}")).unwrap_or_default();
                    inform(state, format!("undone{id}: {what}; now {status}"));
                    state.queue.follow = entry.request_id.or(state.selected().map(|r| r.id));
                }
                Err(e) => fail(state, e),
            }
            reload_after_write(state)
        }
        Action::NoteAdded(result) => {
            match result {
                Ok(id) => inform(state, format!("note added to #{id}")),
                Err(e) => fail(state, e),
            }
            reload_after_write(state)
        }
        Action::Exported(result) => {
            match result {
                Ok(where_) => inform(state, where_),
                Err(e) => fail(state, e),
            }
            reload_after_write(state)
        }
        Action::Spooled(result) => {
            match result {
                Ok(what) => inform(state, what),
                Err(e) => fail(state, e),
            }
            reload_after_write(state)
        }
        Action::AuditLoaded { generation, entries } => {
            if generation == state.generations.audit {
                state.audit.entries = entries;
                state.audit.loaded = true;
                state.audit.cursor = state.audit.cursor.min(state.audit.entries.len().saturating_sub(1));
            }
            vec![]
        }
        Action::ChainVerified { generation, result } => {
            if generation == state.generations.chain {
                state.audit.chain = Some(result);
            }
            vec![]
        }
        Action::ChecksProgress { done, total } => {
            state.checks = ChecksState::Running { done, total };
            vec![]
        }
        Action::ChecksDone(result) => match result {
            Ok(summary) => {
                state.checks = ChecksState::Finished(summary);
                if summary.checked > 0 {
                    inform(state, format!("checks done: {} requests ({} high risk)", summary.checked, summary.high));
                }
                refresh_shown(state)
            }
            Err(e) => {
                state.checks = ChecksState::Idle;
                fail(state, format!("checks failed: {e}"));
                vec![]
            }
        },
        Action::StatsLoaded { generation, result } => stats::loaded(state, generation, result),
        Action::StatsExtent(max) => {
            state.stats.scroll = state.stats.scroll.min(max);
            vec![]
        }
        Action::DataChanged => refresh_shown(state),
        Action::Failed(e) => {
            state.queue.requested = None;
            fail(state, e);
            vec![]
        }
        Action::Quit => quit(state),
    }
}

fn quit(state: &mut State) -> Vec<Effect> {
    state.quit = true;
    vec![Effect::Quit]
}

fn inform(state: &mut State, text: String) {
    state.message = Some(Message { text, kind: MessageKind::Info, at: state.now });
}

fn fail(state: &mut State, text: String) {
    state.message = Some(Message { text, kind: MessageKind::Error, at: state.now });
}

fn load_queue(state: &mut State, offset: usize) -> Effect {
    state.generations.queue += 1;
    state.queue.requested = Some(offset);
    Effect::LoadQueue { generation: state.generations.queue, query: state.query(offset) }
}

/// The page to fetch so the cursor sits well inside the loaded rows.
fn window_offset(cursor: usize) -> usize {
    cursor.saturating_sub(PAGE / 2)
}

/// Fetches another page when the cursor nears the edge of the loaded window.
fn ensure_window(state: &mut State) -> Vec<Effect> {
    let q = &state.queue;
    if q.total == 0 {
        return vec![];
    }
    let end = q.offset + q.rows.len();
    let near_start = q.offset > 0 && q.cursor < q.offset + MARGIN;
    let near_end = (end as u64) < q.total && q.cursor + MARGIN >= end;
    if !(near_start || near_end) {
        return vec![];
    }
    let want = window_offset(q.cursor);
    if let Some(asked) = q.requested {
        // The page on its way already covers the cursor well enough.
        if q.cursor >= asked + MARGIN.min(asked) && q.cursor + MARGIN < asked + PAGE {
            return vec![];
        }
    }
    vec![load_queue(state, want)]
}

/// Reloads what is on screen after another connection (or our own write) changed the data.
fn refresh_shown(state: &mut State) -> Vec<Effect> {
    if state.queue.follow.is_none() {
        state.queue.follow = state.selected().map(|r| r.id);
    }
    let offset = window_offset(state.queue.cursor);
    let mut fx = vec![load_queue(state, offset)];
    fx.extend(load_photo(state));
    if state.screen == Screen::Detail
        && let Some(d) = &state.detail
    {
        let id = d.id;
        state.generations.detail += 1;
        fx.push(Effect::LoadDetail { generation: state.generations.detail, id });
    }
    if state.screen == Screen::Audit {
        fx.extend(load_audit(state));
    }
    if state.screen == Screen::Stats {
        fx.push(stats::load(state));
    }
    fx
}

fn reload_after_write(state: &mut State) -> Vec<Effect> {
    refresh_shown(state)
}

fn queue_loaded(state: &mut State, generation: u64, page: QueuePage) -> Vec<Effect> {
    if generation != state.generations.queue {
        return vec![];
    }
    let before = state.selected().map(|r| r.id);
    let q = &mut state.queue;
    q.requested = None;
    q.loaded = true;
    q.offset = page.offset;
    q.rows = page.rows;
    q.total = page.total;
    state.counts = page.counts;
    if let Some(id) = q.follow.take()
        && let Some(i) = q.rows.iter().position(|r| r.id == id)
    {
        q.cursor = q.offset + i;
    }
    q.cursor = q.cursor.min((q.total as usize).saturating_sub(1));
    if q.total > 0 && q.selected().is_none() && !q.rows.is_empty() {
        // The cursor left the window (the queue shrank): fetch the page around it.
        let offset = window_offset(q.cursor);
        if offset != q.offset {
            return vec![load_queue(state, offset)];
        }
    }
    // Marks on requests that are no longer shown as the officer saw them are dropped.
    let rows: std::collections::HashMap<i64, Status> = state.queue.rows.iter().map(|r| (r.id, r.status)).collect();
    state.marks.retain(|id, t| rows.get(id).is_none_or(|s| *s == t.seen));
    let mut fx = ensure_window(state);
    let after = state.selected().map(|r| r.id);
    if after != before || state.photo.as_ref().map(|p| p.id) != after {
        fx.extend(selection_changed(state));
    }
    fx
}

fn selection_changed(state: &mut State) -> Vec<Effect> {
    state.detail_scroll = 0;
    state.pane_scroll = 0;
    let Some(id) = state.selected().map(|r| r.id) else {
        state.photo = None;
        return vec![];
    };
    let mut fx: Vec<Effect> = load_photo(state).into_iter().collect();
    if state.screen == Screen::Detail {
        state.generations.detail += 1;
        fx.push(Effect::LoadDetail { generation: state.generations.detail, id });
    }
    fx
}

/// The selected request's photo pane: asked of the worker, or, when the report has no photo,
/// said at once. Over SSH that saves a frame per key: no "loading" text drawn only to be
/// replaced a moment later by "no photo". A newer generation drops any answer still on its way.
fn load_photo(state: &mut State) -> Option<Effect> {
    let (id, has_photo) = state.selected().map(|r| (r.id, r.has_photo))?;
    state.generations.photo += 1;
    if has_photo {
        Some(Effect::LoadPhoto { generation: state.generations.photo, id })
    } else {
        state.photo = Some(PhotoView::none(id));
        None
    }
}

fn move_cursor(state: &mut State, to: usize) -> Vec<Effect> {
    let total = state.queue.total as usize;
    if total == 0 {
        return vec![];
    }
    let to = to.min(total - 1);
    if to == state.queue.cursor {
        return vec![];
    }
    state.queue.cursor = to;
    let mut fx = ensure_window(state);
    fx.extend(selection_changed(state));
    fx
}

fn load_audit(state: &mut State) -> Vec<Effect> {
    state.generations.audit += 1;
    state.generations.chain += 1;
    state.audit.chain = None;
    vec![
        Effect::LoadAudit { generation: state.generations.audit, filter: state.audit.filter.to_store() },
        Effect::VerifyChain { generation: state.generations.chain },
    ]
}

fn reset_queue(state: &mut State) -> Vec<Effect> {
    state.queue.cursor = 0;
    state.queue.follow = None;
    state.marks.clear();
    vec![load_queue(state, 0)]
}

fn command(state: &mut State, c: Command) -> Vec<Effect> {
    if c == Command::Quit && state.popup != Some(Popup::Help) {
        return quit(state);
    }
    if state.popup == Some(Popup::Help) {
        if matches!(c, Command::Back | Command::Help | Command::Quit | Command::Open) {
            state.popup = None;
        }
        return vec![];
    }
    if state.popup.is_some() {
        return vec![];
    }
    // The statistics view has its own period and filters, `1`–`5` included.
    if state.screen == Screen::Stats {
        return stats::command(state, c);
    }
    // `1`–`5` switch the queue's view from every screen.
    if let Some(view) = view_of(c) {
        return set_view(state, view);
    }
    match state.screen {
        Screen::Queue => queue_command(state, c),
        Screen::Detail => detail_command(state, c),
        Screen::Audit => audit_command(state, c),
        Screen::Stats => stats::command(state, c),
    }
}

fn queue_command(state: &mut State, c: Command) -> Vec<Effect> {
    let cur = state.queue.cursor;
    let page = state.page_rows.max(1);
    match c {
        Command::Down => move_cursor(state, cur + 1),
        Command::Up => move_cursor(state, cur.saturating_sub(1)),
        Command::Top => move_cursor(state, 0),
        Command::Bottom => move_cursor(state, (state.queue.total as usize).saturating_sub(1)),
        Command::PageDown => move_cursor(state, cur + page),
        Command::PageUp => move_cursor(state, cur.saturating_sub(page)),
        Command::Open => {
            let Some(id) = state.selected().map(|r| r.id) else { return vec![] };
            state.screen = Screen::Detail;
            state.detail_scroll = 0;
            if state.detail.as_ref().is_some_and(|d| d.id != id) {
                state.detail = None;
            }
            state.generations.detail += 1;
            vec![Effect::LoadDetail { generation: state.generations.detail, id }]
        }
        Command::Back => {
            if !state.marks.is_empty() {
                state.marks.clear();
                inform(state, "marks cleared".into());
            } else if !state.filter.is_empty() {
                state.filter.clear();
                return reset_queue(state);
            }
            vec![]
        }
        Command::NextPane => {
            state.pane = (state.pane + 1) % PANES.len();
            state.pane_scroll = 0;
            vec![]
        }
        Command::PrevPane => {
            state.pane = (state.pane + PANES.len() - 1) % PANES.len();
            state.pane_scroll = 0;
            vec![]
        }
        Command::PaneDown => {
            state.pane_scroll = state.pane_scroll.saturating_add(1);
            vec![]
        }
        Command::PaneUp => {
            state.pane_scroll = state.pane_scroll.saturating_sub(1);
            vec![]
        }
        Command::Accept => open_decision(state, Decision::Accept),
        Command::Flag => open_decision(state, Decision::Flag),
        Command::Report => open_decision(state, Decision::Report),
        Command::Undo => vec![Effect::Undo],
        Command::Export => export(state),
        Command::Note => open_note(state),
        Command::Mark => {
            let Some(row) = state.selected() else { return vec![] };
            let target = Target { id: row.id, seen: row.status, sender: row.sender.clone() };
            if state.marks.remove(&target.id).is_none() {
                state.marks.insert(target.id, target);
            }
            let next = cur + 1;
            move_cursor(state, next)
        }
        Command::Filter => {
            state.popup = Some(Popup::Prompt(Prompt {
                kind: PromptKind::Filter { previous: state.filter.clone() },
                input: state.filter.clone(),
                error: vec![],
            }));
            vec![]
        }
        Command::Sort => {
            state.sort = state.sort.next();
            inform(state, format!("sorted by {}", state.sort.label()));
            reset_queue(state)
        }
        // Handled for every screen in `command`.
        Command::ViewPending
        | Command::ViewFlagged
        | Command::ViewReported
        | Command::ViewAccepted
        | Command::ViewAll => {
            vec![]
        }
        Command::Audit => {
            state.screen = Screen::Audit;
            state.audit.cursor = 0;
            load_audit(state)
        }
        Command::Stats => stats::open(state),
        Command::Period => vec![],
        Command::Help => {
            state.popup = Some(Popup::Help);
            vec![]
        }
        Command::Quit => quit(state),
    }
}

fn set_view(state: &mut State, view: View) -> Vec<Effect> {
    state.screen = Screen::Queue;
    if state.view == view {
        return vec![];
    }
    state.view = view;
    reset_queue(state)
}

fn detail_command(state: &mut State, c: Command) -> Vec<Effect> {
    let page = state.page_rows.max(1) as u16;
    match c {
        Command::Down => state.detail_scroll = state.detail_scroll.saturating_add(1),
        Command::Up => state.detail_scroll = state.detail_scroll.saturating_sub(1),
        Command::PageDown => state.detail_scroll = state.detail_scroll.saturating_add(page),
        Command::PageUp => state.detail_scroll = state.detail_scroll.saturating_sub(page),
        Command::Top => state.detail_scroll = 0,
        Command::Bottom => state.detail_scroll = u16::MAX / 2,
        Command::Back | Command::Open => state.screen = Screen::Queue,
        Command::Accept => return open_decision(state, Decision::Accept),
        Command::Flag => return open_decision(state, Decision::Flag),
        Command::Report => return open_decision(state, Decision::Report),
        Command::Note => return open_note(state),
        Command::Undo => return vec![Effect::Undo],
        Command::Export => return export(state),
        Command::Help => state.popup = Some(Popup::Help),
        Command::Audit => {
            state.screen = Screen::Audit;
            state.audit.cursor = 0;
            return load_audit(state);
        }
        Command::Stats => return stats::open(state),
        _ => {}
    }
    vec![]
}

/// The view a `1`–`5` command switches to.
fn view_of(c: Command) -> Option<View> {
    Some(match c {
        Command::ViewPending => View::Pending,
        Command::ViewFlagged => View::Flagged,
        Command::ViewReported => View::Reported,
        Command::ViewAccepted => View::Accepted,
        Command::ViewAll => View::All,
        _ => return None,
    })
}

fn audit_command(state: &mut State, c: Command) -> Vec<Effect> {
    let n = state.audit.entries.len();
    let a = &mut state.audit;
    let page = state.page_rows.max(1);
    match c {
        Command::Down => a.cursor = (a.cursor + 1).min(n.saturating_sub(1)),
        Command::Up => a.cursor = a.cursor.saturating_sub(1),
        Command::PageDown => a.cursor = (a.cursor + page).min(n.saturating_sub(1)),
        Command::PageUp => a.cursor = a.cursor.saturating_sub(page),
        Command::Top => a.cursor = 0,
        Command::Bottom => a.cursor = n.saturating_sub(1),
        Command::Back | Command::Audit => state.screen = Screen::Queue,
        Command::Filter => {
            state.popup = Some(Popup::Prompt(Prompt {
                kind: PromptKind::AuditFilter,
                input: a.filter.describe(),
                error: vec![],
            }));
        }
        Command::Help => state.popup = Some(Popup::Help),
        Command::Stats => return stats::open(state),
        _ => {}
    }
    vec![]
}

/// Marked requests if any, else the selected one.
fn targets(state: &State) -> Vec<Target> {
    if !state.marks.is_empty() {
        return state.marks.values().cloned().collect();
    }
    state.selected().map(|r| Target { id: r.id, seen: r.status, sender: r.sender.clone() }).into_iter().collect()
}

fn open_decision(state: &mut State, action: Decision) -> Vec<Effect> {
    let targets = targets(state);
    if targets.is_empty() {
        fail(state, "nothing selected".into());
        return vec![];
    }
    state.popup = Some(Popup::Prompt(Prompt {
        kind: PromptKind::Decide { action, targets, force: false },
        input: String::new(),
        error: vec![],
    }));
    vec![]
}

fn open_note(state: &mut State) -> Vec<Effect> {
    let Some(r) = state.selected() else {
        fail(state, "nothing selected".into());
        return vec![];
    };
    let target = Target { id: r.id, seen: r.status, sender: r.sender.clone() };
    state.popup =
        Some(Popup::Prompt(Prompt { kind: PromptKind::Note { target }, input: String::new(), error: vec![] }));
    vec![]
}

fn input(state: &mut State, key: InputKey) -> Vec<Effect> {
    let Some(Popup::Prompt(prompt)) = &mut state.popup else { return vec![] };
    match key {
        InputKey::Char(c) => {
            // Notes are evidence: keep them to one line of printable text.
            if !c.is_control() && prompt.input.chars().count() < 2000 {
                prompt.input.push(c);
            }
            live_filter(state)
        }
        InputKey::Backspace => {
            prompt.input.pop();
            live_filter(state)
        }
        InputKey::Esc => {
            let kind = prompt.kind.clone();
            state.popup = None;
            match kind {
                PromptKind::Decide { .. } => inform(state, "cancelled: nothing was written".into()),
                PromptKind::Filter { previous } if previous != state.filter => {
                    state.filter = previous;
                    return reset_queue(state);
                }
                _ => {}
            }
            vec![]
        }
        InputKey::Enter => {
            let prompt = prompt.clone();
            confirm(state, prompt)
        }
    }
}

/// The queue follows the filter as it is typed; Esc puts the earlier filter back.
fn live_filter(state: &mut State) -> Vec<Effect> {
    let Some(Popup::Prompt(Prompt { kind: PromptKind::Filter { .. }, input, .. })) = &state.popup else {
        return vec![];
    };
    let text = input.trim().to_owned();
    if text == state.filter {
        return vec![];
    }
    state.filter = text;
    reset_queue(state)
}

fn confirm(state: &mut State, prompt: Prompt) -> Vec<Effect> {
    let text = prompt.input.trim().to_owned();
    match prompt.kind {
        PromptKind::Decide { action, targets, force } => {
            if action == Decision::Report && text.is_empty() {
                if let Some(Popup::Prompt(p)) = &mut state.popup {
                    p.error = vec!["a report needs a note saying why it is escalated".into()];
                }
                return vec![];
            }
            state.popup = None;
            let targets = targets
                .into_iter()
                .map(|t| {
                    let guard = if force { DecisionGuard::Force } else { DecisionGuard::Saw(t.seen) };
                    (t, guard)
                })
                .collect();
            vec![Effect::Decide { action, note: text, targets }]
        }
        PromptKind::Note { target } => {
            if text.is_empty() {
                if let Some(Popup::Prompt(p)) = &mut state.popup {
                    p.error = vec!["the note is empty (Esc closes)".into()];
                }
                return vec![];
            }
            state.popup = None;
            vec![Effect::AddNote { id: target.id, note: text }]
        }
        PromptKind::Filter { .. } => {
            state.popup = None;
            if text == state.filter {
                return vec![];
            }
            state.filter = text;
            reset_queue(state)
        }
        PromptKind::StatsFilter => stats::filtered(state, text),
        PromptKind::AuditFilter => match AuditFilterSpec::parse(&text) {
            Ok(f) => {
                state.popup = None;
                state.audit.filter = f;
                state.audit.cursor = 0;
                load_audit(state)
            }
            Err(e) => {
                if let Some(Popup::Prompt(p)) = &mut state.popup {
                    p.error = vec![e];
                }
                vec![]
            }
        },
    }
}

fn decided(
    state: &mut State,
    action: Decision,
    note: String,
    done: Vec<i64>,
    conflicts: Vec<(Target, String)>,
    failed: Vec<String>,
) -> Vec<Effect> {
    for id in &done {
        state.marks.remove(id);
    }
    let offer = if action == Decision::Report && !done.is_empty() {
        state.last_reported = done.clone();
        state
            .keymap
            .hint(Command::Export, "writes the escalation bundles")
            .map(|h| format!(" — {h}"))
            .unwrap_or_default()
    } else {
        String::new()
    };
    match done.as_slice() {
        [] => {}
        [one] => inform(state, format!("{} #{one}{offer}", action.past_tense())),
        many => inform(state, format!("{} {} requests{offer}", action.past_tense(), many.len())),
    }
    if !failed.is_empty() {
        fail(state, failed.join("; "));
    }
    if !done.is_empty() {
        // The cursor goes on to the next pending request not just decided.
        let q = &state.queue;
        let from = q.cursor.saturating_sub(q.offset);
        let pending = |r: &&crate::domain::RequestRow| r.status == Status::Pending && !done.contains(&r.id);
        state.queue.follow = q
            .rows
            .iter()
            .skip(from)
            .find(pending)
            .or_else(|| q.rows.iter().take(from).rev().find(pending))
            .map(|r| r.id);
    }
    if !conflicts.is_empty() {
        let mut error: Vec<String> = conflicts.iter().map(|(_, m)| m.clone()).collect();
        error.push("Enter decides anyway, Esc leaves it as it is".into());
        state.popup = Some(Popup::Prompt(Prompt {
            kind: PromptKind::Decide { action, targets: conflicts.into_iter().map(|(t, _)| t).collect(), force: true },
            input: note,
            error,
        }));
    }
    reload_after_write(state)
}

/// Bundles of what this officer just reported, or else of the selected request if it is
/// reported; anything else is refused here rather than by the store.
fn export(state: &mut State) -> Vec<Effect> {
    let ids = if state.last_reported.is_empty() {
        match state.selected() {
            Some(r) if r.status == Status::Reported => vec![r.id],
            Some(r) => {
                fail(state, format!("#{} is {}: only reported requests are escalated", r.id, r.status));
                return vec![];
            }
            None => return vec![],
        }
    } else {
        std::mem::take(&mut state.last_reported)
    };
    inform(
        state,
        format!(
            "writing escalation bundles of {}…",
            ids.iter().map(|i| format!("#{i}")).collect::<Vec<_>>().join(", ")
        ),
    );
    vec![Effect::Export { ids }]
}

/// "3d", "5h", "2mo": how long ago the approach was received.
pub fn age_label(now: DateTime<Utc>, received_at: &str) -> String {
    let Ok(t) = DateTime::parse_from_rfc3339(received_at) else { return "?".into() };
    let secs = (now - t.with_timezone(&Utc)).num_seconds();
    if secs < 0 {
        return "future".into();
    }
    let (m, h, d) = (secs / 60, secs / 3600, secs / 86_400);
    if m < 60 {
        format!("{m}m")
    } else if h < 48 {
        format!("{h}h")
    } else if d < 60 {
        format!("{d}d")
    } else if d < 730 {
        format!("{}mo", d / 30)
    } else {
        format!("{}y", d / 365)
    }
}
