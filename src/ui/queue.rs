//! The queue: one line per request, highest risk first by default. Risk reads without colour
//! (a letter and the score); only the loaded window of rows is drawn.

use super::text::spans;
use super::theme::Theme;
use crate::app::{State, age_label};
use crate::domain::RequestRow;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

pub fn draw_queue(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let q = &state.queue;
    let position = if q.total == 0 { "0/0".to_owned() } else { format!("{}/{}", q.cursor + 1, q.total) };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(format!(" {} · {position} ", state.view.label()), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if q.total == 0 {
        let text = if !q.loaded {
            "loading…".to_owned()
        } else if state.filter.is_empty() {
            format!("No {} requests. 5 shows all; L the audit trail.", state.view.label())
        } else {
            "Nothing matches the filter. Esc clears it.".to_owned()
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.muted)), inner);
        return;
    }
    let wide = inner.width >= 70;
    let visible = usize::from(inner.height.saturating_sub(1)).max(1);
    let total = q.total as usize;
    // The reducer keeps `top` so the cursor is on screen for the terminal's size; a frame drawn
    // before it learnt a new size centres the cursor instead.
    let top = if total <= visible {
        0
    } else if (q.top..q.top + visible).contains(&q.cursor) {
        q.top.min(total - visible)
    } else {
        q.cursor.saturating_sub(visible / 2).min(total - visible)
    };
    let rows: Vec<Row> = (top..(top + visible).min(total))
        .map(|i| match q.row_at(i) {
            Some(r) => queue_row(r, i == q.cursor, state, theme, wide),
            None => Row::new(vec![Cell::from(""), Cell::from(Span::styled("…", theme.muted))]),
        })
        .collect();
    let mut widths = vec![Constraint::Length(1), Constraint::Length(5), Constraint::Fill(3), Constraint::Fill(2)];
    let mut head = vec!["", "Risk", "Sender", "Recipient"];
    if wide {
        widths.push(Constraint::Length(8));
        head.push("Platform");
    }
    widths.extend([Constraint::Length(4), Constraint::Length(8)]);
    head.extend(["Age", "Status"]);
    if wide {
        widths.push(Constraint::Length(10));
        head.push("By");
    }
    let table = Table::new(rows, widths)
        .header(Row::new(head.into_iter().map(|h| Cell::from(Span::styled(h, theme.muted)))))
        .column_spacing(1);
    frame.render_widget(table, inner);
}

fn queue_row<'a>(r: &RequestRow, selected: bool, state: &State, theme: &Theme, wide: bool) -> Row<'a> {
    let marked = state.marks.contains_key(&r.id);
    let risk = match (r.level, r.risk) {
        (Some(l), Some(s)) => format!("{} {s:>3}", l.letter()),
        _ => "·   -".to_owned(),
    };
    let text = theme.text;
    let mut cells: Vec<Line<'static>> = vec![
        Span::styled(if marked { "●" } else { " " }, theme.marked).into(),
        Span::styled(risk, theme.risk(r.level)).into(),
        Line::from(spans(&r.sender, text, theme)),
        Line::from(spans(&r.recipient, text, theme)),
    ];
    if wide {
        cells.push(Line::from(spans(&r.platform, theme.muted, theme)));
    }
    cells.push(Span::styled(age_label(state.now, &r.received_at), theme.muted).into());
    cells.push(Span::styled(r.status.as_str(), text).into());
    if wide {
        cells.push(Line::from(spans(r.decided_by.as_deref().unwrap_or(""), theme.muted, theme)));
    }
    if selected {
        // One style for the whole bar: every colour change inside it is another escape sequence
        // on the wire at each key (about a hundred bytes a row). The risk still reads from its
        // letter and score; a hidden character's ⟨U+…⟩ marker keeps its warning colour.
        let bar = |s: Span<'static>| if s.style == theme.hidden_marker { s } else { Span::raw(s.content) };
        let cells = cells.into_iter().map(|l| Cell::from(Line::from(l.spans.into_iter().map(bar).collect::<Vec<_>>())));
        return Row::new(cells.collect::<Vec<_>>()).style(theme.selection);
    }
    let row = Row::new(cells.into_iter().map(Cell::from).collect::<Vec<_>>());
    if marked { row.style(theme.marked) } else { row }
}
