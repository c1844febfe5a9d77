//! `?`: every command with the keys bound to it, generated from the keymap in force. Two
//! columns when one does not fit the terminal's height.

use super::theme::Theme;
use crate::app::{Command, State};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw_help(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let keys: Vec<String> = Command::ALL.iter().map(|c| state.keymap.keys(*c).join("/")).collect();
    let key_w = keys.iter().map(|k| k.chars().count()).max().unwrap_or(1).min(16);
    let line = |(c, k): (&Command, &String)| {
        Line::from(vec![Span::styled(format!("{k:>key_w$} "), theme.key_hint), Span::styled(c.describe(), theme.popup)])
    };
    let lines: Vec<Line> = Command::ALL.iter().zip(&keys).map(line).collect();
    let footer = Line::from(Span::styled("rebind in keymap.toml in the config directory", theme.muted));
    let one_column = lines.len() as u16 + 3 <= area.height;
    let (w, h) = if one_column {
        (key_w as u16 + 28, lines.len() as u16 + 3)
    } else {
        (area.width, lines.len().div_ceil(2) as u16 + 3)
    };
    let rect = super::centered(area, w, h);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.popup_border)
        .style(theme.popup)
        .title(Span::styled(" keys (Esc closes) ", theme.popup_border));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [body, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(footer), foot);
    if one_column {
        frame.render_widget(Paragraph::new(lines), body);
    } else {
        let half = lines.len().div_ceil(2);
        let mut right = lines;
        let left: Vec<Line> = right.drain(..half).collect();
        let [l, r] = Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)]).areas(body);
        frame.render_widget(Paragraph::new(left), l);
        frame.render_widget(Paragraph::new(right), r);
    }
}
