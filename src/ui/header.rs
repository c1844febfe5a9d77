//! The top line: counts per status, the view, sort order, filter, marks and check progress.

use super::theme::Theme;
use crate::app::{ChecksState, Screen, State, View};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw_header(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    // Narrow terminals get short labels so progress, marks and the filter still show.
    let narrow = area.width < 110;
    let mut spans = vec![Span::styled(if narrow { " " } else { " linkvet " }, theme.title)];
    for (i, v) in View::ALL.iter().enumerate() {
        let n = state.counts.get(v.status());
        let label = if narrow { &v.label()[..3] } else { v.label() };
        let text = format!("{}:{label} {n} ", i + 1);
        let style = if *v == state.view && state.screen == Screen::Queue { theme.selection } else { theme.header };
        spans.push(Span::styled(text, style));
    }
    spans.push(Span::styled(format!("│ sort {} ", state.sort.label()), theme.header));
    if !state.filter.is_empty() {
        spans.push(Span::styled("│ filter ", theme.header));
        spans.extend(super::text::spans(&state.filter, theme.header, theme));
        spans.push(Span::styled(" ", theme.header));
    }
    if !state.marks.is_empty() {
        spans.push(Span::styled(format!("│ {} marked ", state.marks.len()), theme.marked));
    }
    if let ChecksState::Running { done, total } = state.checks {
        spans.push(Span::styled(format!("│ checks {done}/{total} "), theme.message_info));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.header), area);
}
