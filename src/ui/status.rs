//! The bottom line: who and which database, then a transient message or key hints generated
//! from the keymap in force.

use super::theme::Theme;
use crate::app::{Command, MessageKind, Screen, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Hints for the screen in view, most important first (they are cut at the right edge).
fn hints(state: &State) -> Vec<(Command, &'static str)> {
    match state.screen {
        Screen::Queue => vec![
            (Command::Accept, "accept"),
            (Command::Flag, "flag"),
            (Command::Report, "report"),
            (Command::Undo, "undo"),
            (Command::Open, "detail"),
            (Command::Mark, "mark"),
            (Command::NextPane, "pane"),
            (Command::Filter, "filter"),
            (Command::Audit, "audit"),
            (Command::Help, "help"),
            (Command::Stats, "stats"),
            (Command::Quit, "quit"),
        ],
        Screen::Detail => vec![
            (Command::Back, "back"),
            (Command::Down, "scroll"),
            (Command::Accept, "accept"),
            (Command::Flag, "flag"),
            (Command::Report, "report"),
            (Command::Note, "note"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Screen::Audit => vec![
            (Command::Back, "back"),
            (Command::Filter, "filter"),
            (Command::Down, "down"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
        Screen::Stats => vec![
            (Command::Back, "back"),
            (Command::Period, "period"),
            (Command::Down, "scroll"),
            (Command::Filter, "filter"),
            (Command::ViewAll, "all statuses"),
            (Command::Help, "help"),
            (Command::Quit, "quit"),
        ],
    }
}

pub fn draw_status(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut spans = vec![Span::styled(" ", theme.status_line)];
    spans.extend(super::text::spans(&state.officer, theme.status_line, theme));
    spans.push(Span::styled(" @ ", theme.status_line));
    spans.extend(super::text::spans(&state.db_label, theme.status_line, theme));
    spans.push(Span::styled(" │ ", theme.status_line));
    match &state.message {
        Some(m) => {
            let style = if m.kind == MessageKind::Error { theme.message_error } else { theme.message_info };
            spans.extend(super::text::spans(&m.text, style, theme));
        }
        None => {
            for (c, label) in hints(state) {
                if let Some(h) = state.keymap.hint(c, label) {
                    let (key, rest) = h.split_once(' ').unwrap_or((&h, ""));
                    spans.push(Span::styled(key.to_owned(), theme.key_hint));
                    spans.push(Span::styled(format!(" {rest}  "), theme.status_line));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.status_line), area);
}
