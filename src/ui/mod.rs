//! Pure drawing: `draw_*(frame, area, &state, &theme)`, one file per pane or popup. Nothing here
//! changes state, reads the clock or touches the disk; every report string is drawn through
//! [`text`], the sanitiser's spans.

mod audit;
mod detail;
mod evidence;
mod header;
mod help;
mod photo;
mod prompt;
mod queue;
mod stats;
mod status;
pub mod text;
pub mod theme;

pub use theme::Theme;

use crate::app::{Screen, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

/// Terminals at least this wide show every evidence pane at once.
pub const GRID_WIDTH: u16 = 160;
/// Narrower than this, the queue sits above the evidence instead of beside it.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &State, theme: &Theme) {
    let area = frame.area();
    let [head, body, foot] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(3), Constraint::Length(1)]).areas(area);
    header::draw_header(frame, head, state, theme);
    match state.screen {
        Screen::Queue => draw_queue_screen(frame, body, state, theme),
        Screen::Detail => detail::draw_detail(frame, body, state, theme),
        Screen::Audit => audit::draw_audit(frame, body, state, theme),
        Screen::Stats => stats::draw_stats(frame, body, state, theme),
    }
    status::draw_status(frame, foot, state, theme);
    match &state.popup {
        Some(crate::app::Popup::Help) => help::draw_help(frame, area, state, theme),
        Some(crate::app::Popup::Prompt(p)) => prompt::draw_prompt(frame, area, p, theme),
        None => {}
    }
}

/// Queue beside (or above) the evidence; all panes in a grid when the terminal is wide.
fn draw_queue_screen(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    if area.width >= GRID_WIDTH {
        let queue_w = (area.width * 2 / 5).clamp(64, 90);
        let [q, e] = Layout::horizontal([Constraint::Length(queue_w), Constraint::Min(40)]).areas(area);
        queue::draw_queue(frame, q, state, theme);
        evidence::draw_grid(frame, e, state, theme);
    } else if area.width >= SIDE_BY_SIDE_WIDTH {
        let [q, e] = Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(area);
        queue::draw_queue(frame, q, state, theme);
        evidence::draw_tabs(frame, e, state, theme);
    } else {
        let queue_h = (area.height / 2).max(5);
        let [q, e] = Layout::vertical([Constraint::Length(queue_h), Constraint::Min(5)]).areas(area);
        queue::draw_queue(frame, q, state, theme);
        evidence::draw_tabs(frame, e, state, theme);
    }
}

/// Rows the queue list shows at a given terminal size, for PgUp / PgDn.
pub fn queue_rows(width: u16, height: u16) -> usize {
    let body = height.saturating_sub(2);
    let queue_h = if width >= SIDE_BY_SIDE_WIDTH { body } else { (body / 2).max(5) };
    usize::from(queue_h.saturating_sub(3)).max(1)
}

/// How far the detail view can scroll on a `width × height` terminal.
pub fn detail_max_scroll(state: &State, theme: &Theme, width: u16, height: u16) -> u16 {
    let body = Rect { x: 0, y: 1, width, height: height.saturating_sub(2) };
    detail::detail_max_scroll(state, theme, body)
}

/// How far the statistics page can scroll on a `width × height` terminal.
pub fn stats_max_scroll(state: &State, width: u16, height: u16) -> u16 {
    stats::max_scroll(state, width, height)
}

/// A centred rectangle for popups, at most `w × h`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
