//! The evidence panes, one per check: verdict, score, summary and the facts behind it. Tabs on
//! narrow terminals, a grid of every pane on wide ones.

use super::text::{labelled, lines, spans};
use super::theme::Theme;
use crate::app::{PANES, State, age_label};
use crate::domain::{Evidence, Verdict};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// A symbol per verdict, so it reads without colour.
pub fn verdict_symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::Suspicious => "!!",
        Verdict::Caution => "?",
        Verdict::Clear => "ok",
        Verdict::NotApplicable => "-",
    }
}

fn evidence_of<'a>(state: &'a State, check: &str) -> Option<&'a Evidence> {
    state.selected()?.checks.iter().find(|e| e.check == check)
}

/// Short pane names for narrow tab bars.
const SHORT: [&str; 7] = ["photo", "acct", "career", "msg", "ident", "watch", "camp"];

/// One tab bar and the selected pane.
pub fn draw_tabs(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let [bar, pane] = Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
    let mut tabs: Vec<Span> = Vec::new();
    // Full names when they fit, else short ones; the verdict symbol always stays.
    let full: usize = PANES.iter().map(|p| p.len() + 4).sum();
    let names: [&str; 7] = if full <= usize::from(bar.width) { PANES } else { SHORT };
    let short_fits = names.iter().map(|n| n.len() + 4).sum::<usize>() <= usize::from(bar.width);
    let cut = if short_fits { usize::MAX } else { 3 };
    for (i, name) in names.iter().enumerate() {
        let name = &name[..name.len().min(cut)];
        let ev = evidence_of(state, PANES[i]);
        let mark = ev.map(|e| verdict_symbol(e.verdict)).unwrap_or("");
        let style =
            if i == state.pane { theme.selection } else { ev.map(|e| theme.verdict(e.verdict)).unwrap_or(theme.muted) };
        tabs.push(Span::styled(format!("{name}:{mark}"), style));
        tabs.push(Span::raw(" "));
    }
    frame.render_widget(Paragraph::new(Line::from(tabs)), bar);
    draw_pane(frame, pane, state, theme, PANES[state.pane % PANES.len()], true);
}

/// Every pane at once, plus a summary of the request.
pub fn draw_grid(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let cols: u16 = if area.width >= 120 { 4 } else { 3 };
    let cells = PANES.len() + 1;
    let rows = cells.div_ceil(cols as usize) as u16;
    let row_areas = Layout::vertical((0..rows).map(|_| Constraint::Ratio(1, rows as u32))).split(area);
    let mut i = 0;
    for r in row_areas.iter() {
        let col_areas = Layout::horizontal((0..cols).map(|_| Constraint::Ratio(1, cols as u32))).split(*r);
        for c in col_areas.iter() {
            match i {
                0 => draw_summary(frame, *c, state, theme),
                n if n <= PANES.len() => draw_pane(frame, *c, state, theme, PANES[n - 1], n - 1 == state.pane),
                _ => {}
            }
            i += 1;
        }
    }
}

fn pane_block<'a>(title: Line<'a>, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused { theme.border_focus } else { theme.border })
        .title(title)
}

/// Risk, parties and status of the selected request.
fn draw_summary(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let block = pane_block(Line::from(Span::styled(" request ", theme.title)), false, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(r) = state.selected() else {
        frame.render_widget(Paragraph::new(Span::styled("no request selected", theme.muted)), inner);
        return;
    };
    let risk = match (r.level, r.risk) {
        (Some(l), Some(s)) => format!("{} {s} ({l})", l.letter()),
        _ => "not checked yet".into(),
    };
    let mut text = vec![
        Line::from(vec![Span::styled("risk: ", theme.muted), Span::styled(risk, theme.risk(r.level))]),
        Line::from(vec![
            Span::styled(format!("#{} ", r.id), theme.title),
            Span::raw(crate::sanitize::sanitize(r.external_id.as_deref().unwrap_or("")).into_owned()),
        ]),
        labelled("from", &r.sender, theme),
        labelled("to", &r.recipient, theme),
        labelled("platform", &r.platform, theme),
        Line::from(vec![
            Span::styled("received: ", theme.muted),
            Span::raw(super::text::short_time(&r.received_at)),
            Span::styled(format!(" ({} ago)", age_label(state.now, &r.received_at)), theme.muted),
        ]),
        Line::from(vec![Span::styled("status: ", theme.muted), Span::raw(r.status.as_str())]),
    ];
    if let Some(by) = &r.decided_by {
        let mut l = vec![Span::styled("by: ", theme.muted)];
        l.extend(spans(by, theme.text, theme));
        l.push(Span::styled(
            format!(" {}", super::text::short_time(r.decided_at.as_deref().unwrap_or(""))),
            theme.muted,
        ));
        text.push(Line::from(l));
    }
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), inner);
}

/// One check's pane. The photo pane draws the pictures below its text.
pub fn draw_pane(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, check: &str, focused: bool) {
    let ev = evidence_of(state, check);
    let title = match ev {
        Some(e) => Line::from(vec![
            Span::styled(format!(" {check} "), theme.title),
            Span::styled(
                format!("{} {} {} ", verdict_symbol(e.verdict), verdict_word(e.verdict), e.score),
                theme.verdict(e.verdict),
            ),
        ]),
        None => Line::from(Span::styled(format!(" {check} "), theme.title)),
    };
    let block = pane_block(title, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(row) = state.selected() else {
        frame.render_widget(Paragraph::new(Span::styled("no request selected", theme.muted)), inner);
        return;
    };
    let Some(e) = ev else {
        let why = if row.checks.is_empty() { "not checked yet" } else { "this check has not run on this request" };
        frame.render_widget(Paragraph::new(Span::styled(why, theme.muted)), inner);
        return;
    };
    let text = evidence_lines(e, theme);
    if check == "photo" {
        super::photo::draw_photo(frame, inner, state, theme, text);
        return;
    }
    let p = Paragraph::new(text).wrap(Wrap { trim: false });
    let max = (p.line_count(inner.width) as u16).saturating_sub(inner.height);
    let scroll = if focused { state.pane_scroll.min(max) } else { 0 };
    frame.render_widget(p.scroll((scroll, 0)), inner);
    if max > scroll && area.height > 2 && focused {
        // Say there is more below, and which key shows it, on the bottom border.
        let hint = state
            .keymap
            .keys(crate::app::Command::PaneDown)
            .first()
            .map(|k| format!(" {k}: more "))
            .unwrap_or_else(|| " more ".into());
        let w = (hint.chars().count() as u16).min(area.width.saturating_sub(2));
        let at = Rect { x: area.x + area.width - 1 - w, y: area.y + area.height - 1, width: w, height: 1 };
        frame.render_widget(Paragraph::new(Span::styled(hint, theme.key_hint)), at);
    }
}

pub fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Clear => "clear",
        Verdict::Caution => "caution",
        Verdict::Suspicious => "SUSPICIOUS",
        Verdict::NotApplicable => "n/a",
    }
}

/// Summary then one bullet per evidence line, all sanitised.
pub fn evidence_lines(e: &Evidence, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = lines(&e.summary, bold(theme.text), theme);
    for l in &e.lines {
        let mut first = true;
        for mut line in lines(l, theme.text, theme) {
            line.spans.insert(0, Span::styled(if first { "• " } else { "  " }, theme.muted));
            first = false;
            out.push(line);
        }
    }
    out
}

fn bold(s: Style) -> Style {
    s.add_modifier(ratatui::style::Modifier::BOLD)
}
