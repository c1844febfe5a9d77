//! The statistics view's part of the reducer: opening it, its period selector and filters,
//! scrolling, and the figures coming back from the background (tagged, so a stale result is
//! dropped). The figures are computed off the UI path (`Effect::LoadStats`).

use super::{Command, Effect, Popup, Prompt, PromptKind, Screen, State, View, fail};
use crate::domain::stats::Stats;

/// Asks for the figures of the view's period and filters, as of the state's clock.
pub(super) fn load(state: &mut State) -> Effect {
    state.generations.stats += 1;
    state.stats.loading = true;
    Effect::LoadStats { generation: state.generations.stats, query: state.stats.query(state.now), now: state.now }
}

pub(super) fn open(state: &mut State) -> Vec<Effect> {
    state.screen = Screen::Stats;
    state.stats.scroll = 0;
    vec![load(state)]
}

pub(super) fn loaded(state: &mut State, generation: u64, result: Result<Box<Stats>, String>) -> Vec<Effect> {
    if generation != state.generations.stats {
        return vec![];
    }
    state.stats.loading = false;
    match result {
        Ok(stats) => {
            state.stats.stats = Some(stats);
            state.stats.error = None;
        }
        Err(e) => {
            state.stats.error = Some(e.clone());
            fail(state, format!("cannot compute the statistics: {e}"));
        }
    }
    vec![]
}

/// The text filter typed into the prompt, applied.
pub(super) fn filtered(state: &mut State, text: String) -> Vec<Effect> {
    state.popup = None;
    if text == state.stats.filter {
        return vec![];
    }
    state.stats.filter = text;
    state.stats.scroll = 0;
    vec![load(state)]
}

fn set_view(state: &mut State, view: View) -> Vec<Effect> {
    if state.stats.view == view {
        return vec![];
    }
    state.stats.view = view;
    vec![load(state)]
}

pub(super) fn command(state: &mut State, c: Command) -> Vec<Effect> {
    let page = state.page_rows.max(1) as u16;
    let v = &mut state.stats;
    match c {
        Command::Down => v.scroll = v.scroll.saturating_add(1),
        Command::Up => v.scroll = v.scroll.saturating_sub(1),
        Command::PageDown => v.scroll = v.scroll.saturating_add(page),
        Command::PageUp => v.scroll = v.scroll.saturating_sub(page),
        Command::Top => v.scroll = 0,
        // Pulled back to the end of the page after the next draw (`Action::StatsExtent`).
        Command::Bottom => v.scroll = u16::MAX / 2,
        Command::Period => {
            v.preset = v.preset.next();
            return vec![load(state)];
        }
        Command::ViewPending => return set_view(state, View::Pending),
        Command::ViewFlagged => return set_view(state, View::Flagged),
        Command::ViewReported => return set_view(state, View::Reported),
        Command::ViewAccepted => return set_view(state, View::Accepted),
        Command::ViewAll => return set_view(state, View::All),
        Command::Filter => {
            state.popup =
                Some(Popup::Prompt(Prompt { kind: PromptKind::StatsFilter, input: v.filter.clone(), error: vec![] }));
        }
        Command::Back | Command::Stats => state.screen = Screen::Queue,
        Command::Audit => {
            state.screen = Screen::Audit;
            state.audit.cursor = 0;
            return super::load_audit(state);
        }
        Command::Help => state.popup = Some(Popup::Help),
        _ => {}
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::super::{Action, InputKey, KeyMap, start, update};
    use super::*;
    use crate::domain::Status;
    use crate::domain::stats::{Period, PeriodPreset, StatsQuery};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn state() -> State {
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let mut s = State::new("alice", "alice", "linkvet.db", now, KeyMap::default());
        start(&mut s);
        s
    }

    fn cmd(s: &mut State, c: Command) -> Vec<Effect> {
        update(s, Action::Command(c))
    }

    fn asked(fx: &[Effect]) -> (u64, StatsQuery) {
        match fx {
            [Effect::LoadStats { generation, query, .. }] => (*generation, query.clone()),
            other => panic!("expected one LoadStats, got {other:?}"),
        }
    }

    fn figures(received: u64) -> Box<Stats> {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open(&dir.path().join("s.db")).unwrap();
        let mut s = crate::stats::compute(&store, &StatsQuery::default(), Utc::now()).unwrap();
        s.totals.received = received;
        Box::new(s)
    }

    #[test]
    fn opening_asks_for_the_last_four_weeks_of_everything_whatever_the_queue_shows() {
        let mut s = state();
        assert_eq!(s.view, View::Pending);
        let (g, q) = asked(&cmd(&mut s, Command::Stats));
        assert_eq!(s.screen, Screen::Stats);
        assert!(s.stats.loading);
        let monday = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(q.period, Period { since: Some(monday), until: Some(today) });
        assert_eq!((q.status, q.text.as_deref(), q.include_recipients), (None, None, false));
        update(&mut s, Action::StatsLoaded { generation: g, result: Ok(figures(7)) });
        assert!(!s.stats.loading);
        assert_eq!(s.stats.stats.as_ref().unwrap().totals.received, 7);
    }

    #[test]
    fn a_stale_result_is_dropped_and_a_failure_is_said() {
        let mut s = state();
        let (first, _) = asked(&cmd(&mut s, Command::Stats));
        let (second, q) = asked(&cmd(&mut s, Command::Period));
        assert_eq!(s.stats.preset, PeriodPreset::Quarter);
        assert_eq!(q.period.since, NaiveDate::from_ymd_opt(2026, 8, 31));
        update(&mut s, Action::StatsLoaded { generation: first, result: Ok(figures(1)) });
        assert!(s.stats.stats.is_none() && s.stats.loading, "the older period's figures are not shown");
        update(&mut s, Action::StatsLoaded { generation: second, result: Ok(figures(2)) });
        assert_eq!(s.stats.stats.as_ref().unwrap().totals.received, 2);
        let (third, _) = asked(&cmd(&mut s, Command::Period));
        update(&mut s, Action::StatsLoaded { generation: third, result: Err("disk I/O error".into()) });
        assert!(s.message.as_ref().unwrap().text.contains("disk I/O error"));
        // The last figures stay on screen, marked by the error.
        assert_eq!(s.stats.stats.as_ref().unwrap().totals.received, 2);
    }

    #[test]
    fn the_period_cycles_and_the_queue_filters_apply_to_the_view_alone() {
        let mut s = state();
        cmd(&mut s, Command::Stats);
        let periods: Vec<PeriodPreset> = (0..4)
            .map(|_| {
                cmd(&mut s, Command::Period);
                s.stats.preset
            })
            .collect();
        assert_eq!(periods, [PeriodPreset::Quarter, PeriodPreset::Year, PeriodPreset::All, PeriodPreset::FourWeeks]);
        let (_, q) = asked(&cmd(&mut s, Command::ViewFlagged));
        assert_eq!(q.status, Some(Status::Flagged));
        assert_eq!((s.screen, s.view), (Screen::Stats, View::Pending), "the queue keeps its own view");
        assert!(cmd(&mut s, Command::ViewFlagged).is_empty(), "no reload for the same filter");
        cmd(&mut s, Command::Filter);
        for c in "ministry".chars() {
            assert!(update(&mut s, Action::Input(InputKey::Char(c))).is_empty(), "applied on Enter, not per key");
        }
        let (_, q) = asked(&update(&mut s, Action::Input(InputKey::Enter)));
        assert_eq!(q.text.as_deref(), Some("ministry"));
        assert!(s.filter.is_empty(), "the queue's own filter is untouched");
        // Esc on the prompt changes nothing.
        cmd(&mut s, Command::Filter);
        update(&mut s, Action::Input(InputKey::Backspace));
        assert!(update(&mut s, Action::Input(InputKey::Esc)).is_empty());
        assert_eq!(s.stats.filter, "ministry");
    }

    #[test]
    fn scrolling_stops_at_the_top_and_is_pulled_back_from_past_the_end() {
        let mut s = state();
        cmd(&mut s, Command::Stats);
        cmd(&mut s, Command::Up);
        assert_eq!(s.stats.scroll, 0);
        cmd(&mut s, Command::Down);
        cmd(&mut s, Command::PageDown);
        assert_eq!(s.stats.scroll, 1 + s.page_rows as u16);
        cmd(&mut s, Command::Bottom);
        update(&mut s, Action::StatsExtent(30));
        assert_eq!(s.stats.scroll, 30);
        cmd(&mut s, Command::Up);
        assert_eq!(s.stats.scroll, 29);
        cmd(&mut s, Command::Top);
        assert_eq!(s.stats.scroll, 0);
    }

    #[test]
    fn another_officers_change_refreshes_the_figures_and_back_returns_to_the_queue() {
        let mut s = state();
        cmd(&mut s, Command::Stats);
        let fx = update(&mut s, Action::DataChanged);
        assert!(fx.iter().any(|e| matches!(e, Effect::LoadStats { .. })), "{fx:?}");
        assert!(cmd(&mut s, Command::Accept).is_empty(), "no decisions from the statistics view");
        assert!(s.popup.is_none());
        cmd(&mut s, Command::Back);
        assert_eq!(s.screen, Screen::Queue);
        let fx = update(&mut s, Action::DataChanged);
        assert!(!fx.iter().any(|e| matches!(e, Effect::LoadStats { .. })), "not recomputed when not shown");
        // Opened from the detail view and the audit trail too.
        cmd(&mut s, Command::Audit);
        cmd(&mut s, Command::Stats);
        assert_eq!(s.screen, Screen::Stats);
    }
}
