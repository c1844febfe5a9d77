//! `?`: every command with the keys bound to it, generated from the keymap in force.

use super::theme::Theme;
use crate::app::{Command, State};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

pub fn draw_help(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mut lines: Vec<Line> = Command::ALL
        .iter()
        .map(|c| {
            Line::from(vec![
                Span::styled(format!("{:>16}  ", state.keymap.describe_keys(*c)), theme.key_hint),
                Span::styled(c.describe(), theme.popup),
            ])
        })
        .collect();
    lines.push(Line::from(Span::styled("keys: keymap.toml in the config directory", theme.muted)));
    let rect = super::centered(area, 72, lines.len() as u16 + 2);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.popup_border)
        .style(theme.popup)
        .title(Span::styled(" keys (Esc closes) ", theme.popup_border));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
