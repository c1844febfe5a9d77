//! The detail view: the whole report (profile, career, education, message and thread,
//! reporter notes, extra fields), every check's evidence and the request's decision history.

use super::text::{labelled, lines, short_time, spans};
use super::theme::Theme;
use crate::app::{PANES, State};
use crate::domain::report::Party;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

fn section(title: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(format!("── {title} ──"), theme.title))
}

fn opt(out: &mut Vec<Line<'static>>, label: &str, v: Option<&str>, theme: &Theme) {
    if let Some(v) = v.filter(|v| !v.is_empty()) {
        out.push(labelled(label, v, theme));
    }
}

fn list(out: &mut Vec<Line<'static>>, label: &str, v: &[String], theme: &Theme) {
    if !v.is_empty() {
        out.push(labelled(label, &v.join(", "), theme));
    }
}

fn extra(
    out: &mut Vec<Line<'static>>,
    prefix: &str,
    extra: &serde_json::Map<String, serde_json::Value>,
    theme: &Theme,
) {
    for (k, v) in extra {
        let value = match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        out.push(labelled(&crate::sanitize::sanitize(&format!("{prefix}{k}")), &value, theme));
    }
}

pub fn draw_detail(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let block = Block::default().borders(Borders::ALL).border_style(theme.border_focus);
    let Some((title, text)) = detail_text(state, theme) else {
        let inner = block.inner(area);
        frame.render_widget(block.title(Span::styled(" detail ", theme.title)), area);
        frame.render_widget(Paragraph::new(Span::styled("loading…", theme.muted)), inner);
        return;
    };
    let p = Paragraph::new(text).wrap(Wrap { trim: false });
    let max = max_scroll(&p, area);
    frame.render_widget(p.block(block.title(title)).scroll((state.detail_scroll.min(max), 0)), area);
}

/// Rows the text can scroll before its end reaches the bottom of the box (wrapped rows).
fn max_scroll(p: &Paragraph, area: Rect) -> u16 {
    let rows = p.line_count(area.width.saturating_sub(2)) as u16;
    rows.saturating_sub(area.height.saturating_sub(2))
}

/// How far the detail view can scroll in `area`, so the event loop can keep the reducer's
/// scroll position within the text (it does not know the terminal's width).
pub fn detail_max_scroll(state: &State, theme: &Theme, area: Rect) -> u16 {
    match detail_text(state, theme) {
        Some((_, text)) => max_scroll(&Paragraph::new(text).wrap(Wrap { trim: false }), area),
        None => 0,
    }
}

fn detail_text(state: &State, theme: &Theme) -> Option<(Line<'static>, Vec<Line<'static>>)> {
    let d = state.detail.as_ref().filter(|d| Some(d.id) == state.selected().map(|r| r.id))?;
    let r = &d.report;
    let s = &r.sender;
    let mut out: Vec<Line<'static>> = Vec::new();
    let risk = match (d.row.level, d.row.risk) {
        (Some(l), Some(sc)) => format!("{} {sc} ({l})", l.letter()),
        _ => "not checked".into(),
    };
    out.push(Line::from(vec![
        Span::styled("risk ", theme.muted),
        Span::styled(risk, theme.risk(d.row.level)),
        Span::styled("  status ", theme.muted),
        Span::raw(d.row.status.as_str()),
        Span::styled("  platform ", theme.muted),
        Span::raw(r.platform.as_str()),
    ]));
    out.push(Line::from(vec![
        Span::styled("received ", theme.muted),
        Span::raw(short_time(&d.row.received_at)),
        Span::styled("  reported ", theme.muted),
        Span::raw(r.reported_at.map(|t| short_time(&t.0.to_rfc3339())).unwrap_or_else(|| "-".into())),
    ]));
    opt(&mut out, "reporter", r.reporter.as_deref(), theme);
    out.push(section("Sender", theme));
    out.push(labelled("name", &s.name, theme));
    opt(&mut out, "headline", s.headline.as_deref(), theme);
    opt(&mut out, "location", s.location.as_deref(), theme);
    opt(&mut out, "profile", s.profile_url.as_deref(), theme);
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "?".into());
    out.push(Line::from(Span::styled(
        format!(
            "connections {} · followers {} · mutual {} · recent posts {}",
            num(s.connections),
            num(s.followers),
            num(s.mutual_connections),
            num(s.recent_posts)
        ),
        theme.text,
    )));
    if s.joined.is_some() || s.photo_updated.is_some() {
        out.push(Line::from(Span::styled(
            format!("joined {} · photo updated {}", pd(&s.joined), pd(&s.photo_updated)),
            theme.text,
        )));
    }
    list(&mut out, "verifications", &s.verifications, theme);
    if let Some(a) = s.about.as_deref().filter(|a| !a.is_empty()) {
        out.push(Line::from(Span::styled("about:", theme.muted)));
        out.extend(lines(a, theme.text, theme));
    }
    if !s.experience.is_empty() {
        out.push(section("Career", theme));
        for e in &s.experience {
            let mut l = vec![Span::styled("• ", theme.muted)];
            l.extend(spans(&e.title, theme.text, theme));
            l.push(Span::styled(" at ", theme.muted));
            l.extend(spans(&e.org, theme.text, theme));
            l.push(Span::styled(
                format!(" ({} – {})", pd(&e.start), e.end.map(|d| pd(&Some(d))).unwrap_or_else(|| "now".into())),
                theme.muted,
            ));
            if let Some(loc) = &e.location {
                l.push(Span::styled(" ", theme.muted));
                l.extend(spans(loc, theme.muted, theme));
            }
            out.push(Line::from(l));
        }
    }
    if !s.education.is_empty() {
        out.push(section("Education", theme));
        for e in &s.education {
            let mut l = vec![Span::styled("• ", theme.muted)];
            l.extend(spans(&e.school, theme.text, theme));
            if let Some(dg) = &e.degree {
                l.push(Span::styled(", ", theme.muted));
                l.extend(spans(dg, theme.text, theme));
            }
            l.push(Span::styled(format!(" ({} – {})", pd(&e.start), pd(&e.end)), theme.muted));
            out.push(Line::from(l));
        }
    }
    list(&mut out, "skills", &s.skills, theme);
    list(&mut out, "websites", &s.websites, theme);
    list(&mut out, "emails", &s.emails, theme);
    list(&mut out, "phones", &s.phones, theme);
    extra(&mut out, "sender.", &s.extra, theme);
    out.push(section("Recipient", theme));
    out.push(labelled("name", &r.recipient.name, theme));
    opt(&mut out, "org", r.recipient.org.as_deref(), theme);
    opt(&mut out, "role", r.recipient.role.as_deref(), theme);
    if let Some(m) = &r.message {
        out.push(section("Message", theme));
        out.extend(lines(m, theme.text, theme));
    }
    if !r.thread.is_empty() {
        out.push(section("Thread", theme));
        for t in &r.thread {
            let who = if t.from == Party::Sender { "sender" } else { "recipient" };
            out.push(Line::from(Span::styled(format!("[{}] {who}:", short_time(&t.at.0.to_rfc3339())), theme.muted)));
            out.extend(lines(&t.text, theme.text, theme));
        }
    }
    if let Some(n) = &r.notes {
        out.push(section("Reporter notes", theme));
        out.extend(lines(n, theme.text, theme));
    }
    if !r.extra.is_empty() {
        out.push(section("Extra fields", theme));
        extra(&mut out, "", &r.extra, theme);
    }
    out.push(section("Evidence", theme));
    for name in PANES {
        if let Some(e) = d.row.checks.iter().find(|e| e.check == name) {
            out.push(Line::from(vec![
                Span::styled(format!("{name}: "), theme.title),
                Span::styled(
                    format!(
                        "{} {} {}",
                        super::evidence::verdict_symbol(e.verdict),
                        super::evidence::verdict_word(e.verdict),
                        e.score
                    ),
                    theme.verdict(e.verdict),
                ),
            ]));
            out.extend(super::evidence::evidence_lines(e, theme));
        }
    }
    if !d.explanation.is_empty() {
        out.push(section("Risk explanation", theme));
        for x in &d.explanation {
            out.extend(lines(x, theme.text, theme));
        }
    }
    out.push(section("Decision history", theme));
    if d.history.is_empty() {
        out.push(Line::from(Span::styled("no decisions yet", theme.muted)));
    }
    for e in &d.history {
        out.push(super::audit::entry_line(e, theme));
    }
    let title = Line::from(vec![
        Span::styled(format!(" #{} ", d.id), theme.title),
        Span::raw(crate::sanitize::sanitize(r.id.as_deref().unwrap_or("")).into_owned()),
        Span::raw(" "),
    ]);
    Some((title, out))
}

fn pd(d: &Option<crate::domain::PartialDate>) -> String {
    d.as_ref()
        .and_then(|d| serde_json::to_value(d).ok())
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_else(|| "?".into())
}
