//! The audit trail: every entry newest first, filterable, with the chain's verification state.

use super::text::{short_time, spans};
use super::theme::Theme;
use crate::app::State;
use crate::domain::{AuditEntry, ChainState};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// `#12 2026-11-02 09:14 alice (os bob) flag #17 — note`.
pub fn entry_line(e: &AuditEntry, theme: &Theme) -> Line<'static> {
    let mut l = vec![
        Span::styled(format!("{:>5} ", e.seq), theme.muted),
        Span::styled(format!("{} ", short_time(&e.at)), theme.muted),
    ];
    l.extend(spans(&e.officer, theme.text, theme));
    if e.os_user != e.officer {
        l.push(Span::styled(" (os ", theme.muted));
        l.extend(spans(&e.os_user, theme.muted, theme));
        l.push(Span::styled(")", theme.muted));
    }
    let action_style = match e.action.as_str() {
        "report" => theme.risk_high,
        "flag" => theme.risk_medium,
        "accept" => theme.risk_low,
        _ => theme.text,
    };
    l.push(Span::styled(format!(" {} ", e.action), action_style));
    if let Some(r) = e.request_id {
        l.push(Span::styled(format!("#{r}"), theme.title));
    }
    if !e.note.is_empty() {
        l.push(Span::styled(" — ", theme.muted));
        l.extend(spans(&e.note, theme.text, theme));
    }
    Line::from(l)
}

fn chain_line(state: &State, theme: &Theme) -> Line<'static> {
    match &state.audit.chain {
        None => Line::from(Span::styled("verifying the chain…", theme.muted)),
        Some(Err(e)) => Line::from(Span::styled(format!("cannot verify the chain: {e}"), theme.message_error)),
        Some(Ok((ChainState::Intact { head_seq, .. }, mismatches))) => {
            let mut l = vec![Span::styled(
                if *head_seq == 0 {
                    "chain verified: empty".to_owned()
                } else {
                    format!("chain verified up to entry {head_seq}")
                },
                theme.chain_ok,
            )];
            if let Some(m) = mismatches.first() {
                l.push(Span::styled(format!("  BUT {m}"), theme.chain_broken));
            }
            Line::from(l)
        }
        Some(Ok((ChainState::Broken { seq, reason }, _))) => Line::from(vec![
            Span::styled(format!("chain BROKEN at entry {seq}"), theme.chain_broken),
            Span::styled(format!(": {reason}"), theme.text),
        ]),
    }
}

pub fn draw_audit(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let a = &state.audit;
    let filter = a.filter.describe();
    // The view holds the newest entries only; say so rather than pass them off as all.
    let count = if a.entries.len() >= crate::app::AUDIT_LIMIT {
        format!("newest {} entries (filter to see older)", a.entries.len())
    } else if a.entries.len() == 1 {
        "1 entry".to_owned()
    } else {
        format!("{} entries", a.entries.len())
    };
    let title =
        format!(" audit trail · {count}{} ", if filter.is_empty() { String::new() } else { format!(" · {filter}") });
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border_focus)
        .title(Span::styled(crate::sanitize::sanitize(&title).into_owned(), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [chain, list] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    frame.render_widget(Paragraph::new(chain_line(state, theme)), chain);
    if !a.loaded {
        frame.render_widget(Paragraph::new(Span::styled("loading…", theme.muted)), list);
        return;
    }
    if a.entries.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("no entries", theme.muted)), list);
        return;
    }
    // The selected entry whole, wrapped, under the list: notes are evidence and must be
    // readable to the last word, with the hashes that chain it.
    let [list, whole] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(if list.height > 12 { 6 } else { 4 })]).areas(list);
    if let Some(e) = a.entries.get(a.cursor) {
        let mut text = vec![entry_line(e, theme)];
        text.push(Line::from(Span::styled(format!("hash {} ← prev {}", e.hash, e.prev_hash), theme.muted)));
        let block = Block::default().borders(Borders::TOP).border_style(theme.border);
        frame.render_widget(Paragraph::new(text).block(block).wrap(ratatui::widgets::Wrap { trim: false }), whole);
    }
    let h = usize::from(list.height).max(1);
    let top = if a.cursor < h { 0 } else { a.cursor + 1 - h };
    let lines: Vec<Line> = a
        .entries
        .iter()
        .enumerate()
        .skip(top)
        .take(h)
        .map(|(i, e)| {
            let l = entry_line(e, theme);
            if i == a.cursor { l.style(theme.selection) } else { l }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
