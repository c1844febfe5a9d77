//! The statistics view: the figures of one computation (`crate::stats::compute`) drawn with
//! ratatui's own widgets — a summary, sparklines of the weeks, bar charts (platforms, risk,
//! decisions, backlog) and tables (organisations, roles, matches, campaigns, officers).
//!
//! The page is laid out for the terminal's width (one to four columns of charts), drawn whole
//! into a buffer of its own, and the rows that fit are copied to the screen: it scrolls like
//! text on a small terminal and shows everything at once on a large one. Meaning never rests
//! on colour alone: every bar is labelled and counted.

use super::text::spans;
use super::theme::Theme;
use crate::app::State;
use crate::domain::stats::{Named, Ranking, Stats, describe_change, describe_hours, share};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Borders, Cell, Paragraph, Row, Sparkline, Table, Widget, Wrap};

/// A chart or table is at least this wide; the page has as many columns as fit (at most 4).
const COLUMN_WIDTH: u16 = 38;
const MAX_COLUMNS: u16 = 4;
/// Rows of the received and reported sparklines.
const RECEIVED_ROWS: u16 = 3;
const REPORTED_ROWS: u16 = 2;

/// One box of the page: its title, its height inside the border, and what it draws.
struct Section<'a> {
    title: Line<'a>,
    rows: u16,
    /// Takes a whole row of the page rather than a column.
    wide: bool,
    body: Body<'a>,
}

enum Body<'a> {
    Text(Vec<Line<'a>>),
    Weeks { received: Vec<u64>, reported: Vec<u64>, first: String, last: String },
    Bars(Vec<Bar<'a>>),
    Table { header: Row<'a>, rows: Vec<Row<'a>>, widths: Vec<Constraint> },
}

pub fn draw_stats(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let v = &state.stats;
    let mut title = vec![Span::styled(" statistics · ", theme.title)];
    let period = match &v.stats {
        Some(s) => format!("{} ({})", v.preset.label(), s.period.describe()),
        None => v.preset.label().to_owned(),
    };
    title.push(Span::styled(period, theme.title));
    title.push(Span::styled(format!(" · {}", v.view.label()), theme.title));
    if !v.filter.trim().is_empty() {
        title.push(Span::styled(" · filter ", theme.title));
        title.extend(spans(v.filter.trim(), theme.title, theme));
    }
    if v.loading {
        title.push(Span::styled(" · computing…", theme.muted));
    } else if v.error.is_some() {
        title.push(Span::styled(" · not up to date", theme.message_error));
    }
    title.push(Span::styled(" ", theme.title));
    let mut block = Block::default().borders(Borders::ALL).border_style(theme.border_focus).title(Line::from(title));
    let inner = block.inner(area);
    let Some(stats) = &v.stats else {
        frame.render_widget(block, area);
        let text = match &v.error {
            Some(e) => Span::styled(format!("cannot compute the statistics: {e}"), theme.message_error),
            None => Span::styled("computing the statistics…", theme.muted),
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let (page, total) = render_page(stats, inner.width, theme);
    let max = total.saturating_sub(inner.height);
    let scroll = v.scroll.min(max);
    if total > inner.height {
        let last = (scroll + inner.height).min(total);
        block = block.title_bottom(Line::from(Span::styled(
            format!(" rows {}–{last} of {total} · {} ", scroll + 1, scroll_keys(state)),
            theme.muted,
        )));
    }
    frame.render_widget(block, area);
    let screen = frame.buffer_mut();
    for y in 0..inner.height.min(total - scroll) {
        for x in 0..inner.width {
            screen[(inner.x + x, inner.y + y)] = page[(x, scroll + y)].clone();
        }
    }
}

/// "j/k scroll" from the keys bound.
fn scroll_keys(state: &State) -> String {
    use crate::app::Command;
    let first = |c| state.keymap.keys(c).first().cloned().unwrap_or_default();
    format!("{}/{} scroll", first(Command::Down), first(Command::Up))
}

/// How far the page can scroll in the body of a `width × height` terminal.
pub fn max_scroll(state: &State, width: u16, height: u16) -> u16 {
    let Some(stats) = &state.stats.stats else { return 0 };
    // The body lies between the header and status lines, inside the view's border.
    let inner_w = width.saturating_sub(2);
    let inner_h = height.saturating_sub(2).saturating_sub(2);
    let sections = sections(stats, inner_w, &Theme::default());
    page_height(&sections, inner_w).saturating_sub(inner_h)
}

/// The whole page drawn at `width`: the buffer and its height.
fn render_page(stats: &Stats, width: u16, theme: &Theme) -> (Buffer, u16) {
    let sections = sections(stats, width, theme);
    let total = page_height(&sections, width).max(1);
    let mut buf = Buffer::empty(Rect::new(0, 0, width, total));
    for (rect, section) in place(sections, width) {
        draw_section(section, rect, &mut buf, theme);
    }
    (buf, total)
}

fn columns(width: u16) -> u16 {
    (width / COLUMN_WIDTH).clamp(1, MAX_COLUMNS)
}

/// Where each section goes: wide ones across the page, the others in rows of columns, each row
/// as tall as its tallest.
fn place(sections: Vec<Section<'static>>, width: u16) -> Vec<(Rect, Section<'static>)> {
    let cols = columns(width) as usize;
    let mut out = Vec::new();
    let mut y = 0u16;
    let mut pending: Vec<Section<'static>> = Vec::new();
    let flush = |pending: &mut Vec<Section<'static>>, y: &mut u16, out: &mut Vec<(Rect, Section<'static>)>| {
        if pending.is_empty() {
            return;
        }
        let h = pending.iter().map(|s| s.rows + 2).max().unwrap_or(0);
        let row = Rect::new(0, *y, width, h);
        let cells = Layout::horizontal(vec![Constraint::Ratio(1, cols as u32); cols]).split(row);
        for (i, s) in pending.drain(..).enumerate() {
            out.push((cells[i], s));
        }
        *y += h;
    };
    for s in sections {
        if s.wide {
            flush(&mut pending, &mut y, &mut out);
            let h = s.rows + 2;
            out.push((Rect::new(0, y, width, h), s));
            y += h;
        } else {
            pending.push(s);
            if pending.len() == cols {
                flush(&mut pending, &mut y, &mut out);
            }
        }
    }
    flush(&mut pending, &mut y, &mut out);
    out
}

fn page_height(sections: &[Section<'_>], width: u16) -> u16 {
    let cols = columns(width) as usize;
    let mut total = 0u16;
    let mut row: Vec<u16> = Vec::new();
    for s in sections {
        if s.wide {
            total += row.drain(..).max().unwrap_or(0);
            total += s.rows + 2;
        } else {
            row.push(s.rows + 2);
            if row.len() == cols {
                total += row.drain(..).max().unwrap_or(0);
            }
        }
    }
    total + row.into_iter().max().unwrap_or(0)
}

fn draw_section(section: Section<'_>, rect: Rect, buf: &mut Buffer, theme: &Theme) {
    let block = Block::default().borders(Borders::ALL).border_style(theme.border).title(section.title);
    let inner = block.inner(rect);
    block.render(rect, buf);
    match section.body {
        Body::Text(lines) => Paragraph::new(lines).wrap(Wrap { trim: false }).render(inner, buf),
        Body::Weeks { received, reported, first, last } => {
            let [l1, s1, l2, s2, axis] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(RECEIVED_ROWS),
                Constraint::Length(1),
                Constraint::Length(REPORTED_ROWS),
                Constraint::Length(1),
            ])
            .areas(inner);
            let max = |v: &[u64]| v.iter().copied().max().unwrap_or(0);
            let caption = |what: &str, v: &[u64], style: Style| {
                Line::from(vec![
                    Span::styled(what.to_owned(), style),
                    Span::styled(
                        format!(" per week: {} in all, at most {} a week", v.iter().sum::<u64>(), max(v)),
                        theme.muted,
                    ),
                ])
            };
            Paragraph::new(caption("received", &received, theme.title)).render(l1, buf);
            spark(&received, s1.width, theme.title).render(s1, buf);
            Paragraph::new(caption("reported", &reported, theme.text)).render(l2, buf);
            spark(&reported, s2.width, theme.text).render(s2, buf);
            let gap = (axis.width as usize).saturating_sub(first.len() + last.len());
            Paragraph::new(Line::from(Span::styled(format!("{first}{}{last}", " ".repeat(gap)), theme.muted)))
                .render(axis, buf);
        }
        Body::Bars(bars) => {
            BarChart::default()
                .direction(Direction::Horizontal)
                .bar_width(1)
                .bar_gap(0)
                .data(ratatui::widgets::BarGroup::default().bars(&bars))
                .render(inner, buf);
        }
        Body::Table { header, rows, widths } => {
            Table::new(rows, widths).header(header).column_spacing(1).render(inner, buf);
        }
    }
}

/// The weeks as a sparkline as wide as the box: each week repeated so that a few weeks are
/// not a few thin columns, and only the latest weeks when there are more than columns.
fn spark(values: &[u64], width: u16, style: Style) -> Sparkline<'static> {
    let width = usize::from(width.max(1));
    let shown = &values[values.len().saturating_sub(width)..];
    let each = (width / shown.len().max(1)).max(1);
    let data: Vec<u64> = shown.iter().flat_map(|v| std::iter::repeat_n(*v, each)).collect();
    Sparkline::default().data(data).max(shown.iter().copied().max().unwrap_or(0).max(1)).style(style)
}

/// Bars must show in every theme: a reversed style (monochrome's "high") would draw a full
/// block in the background colour, that is, nothing.
fn bar_style(style: Style) -> Style {
    style.remove_modifier(Modifier::REVERSED)
}

fn title(text: String, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(format!(" {text} "), theme.title))
}

/// Labelled bars: "linkedin    4  57 %" then the bar.
fn bars(rows: Vec<(String, u64, Style)>, total: u64, theme: &Theme) -> Body<'static> {
    let label_w = rows.iter().map(|(l, _, _)| l.chars().count()).max().unwrap_or(0);
    let count_w = rows.iter().map(|(_, n, _)| n.to_string().len()).max().unwrap_or(1);
    Body::Bars(
        rows.into_iter()
            .map(|(label, n, style)| {
                let text = format!("{label:<label_w$} {n:>count_w$} {:>3} %", share(n, total));
                Bar::default()
                    .value(n)
                    .label(Line::from(Span::styled(text, theme.text)))
                    .text_value(String::new())
                    .style(bar_style(style))
            })
            .collect(),
    )
}

fn ranked_rows(r: &Ranking, none: &str, theme: &Theme) -> Vec<Row<'static>> {
    if r.top.is_empty() {
        return vec![Row::new(vec![Cell::from(""), Cell::from(Span::styled("none", theme.muted))])];
    }
    r.top
        .iter()
        .map(|n: &Named| {
            let name = match &n.name {
                Some(t) => Line::from(spans(t, theme.text, theme)),
                None => Line::from(Span::styled(format!("(no {none})"), theme.muted)),
            };
            Row::new(vec![Cell::from(Line::from(n.count.to_string()).right_aligned()), Cell::from(name)])
        })
        .collect()
}

fn ranking_section(what: &str, none: &str, r: &Ranking, theme: &Theme) -> Section<'static> {
    let rows = ranked_rows(r, none, theme);
    Section {
        title: title(format!("{what}s approached · {} distinct", r.distinct), theme),
        rows: rows.len() as u16 + 1,
        wide: false,
        body: Body::Table {
            header: Row::new(vec!["count".to_owned(), what.to_owned()]).style(theme.muted),
            rows,
            widths: vec![Constraint::Length(6), Constraint::Fill(1)],
        },
    }
}

fn summary(s: &Stats, width: u16, theme: &Theme) -> Section<'static> {
    let t = s.totals;
    let figure = |n: String| Span::styled(n, theme.title);
    let word = |w: &str| Span::styled(w.to_owned(), theme.text);
    let muted = |w: String| Span::styled(w, theme.muted);
    let mut first = vec![figure(t.received.to_string()), word(" received")];
    if let Some(tr) = &s.trend {
        first.push(muted(match tr.received_change_pct {
            Some(_) => format!(
                " ({} on {}: {})",
                describe_change(tr.received_change_pct),
                tr.previous.describe(),
                tr.received_previous
            ),
            None => format!(" (none in {})", tr.previous.describe()),
        }));
    }
    first.extend([word(" · "), figure(t.reported.to_string()), word(" reported to the team")]);
    if let Some(tr) = &s.trend {
        first.push(muted(format!(" ({})", describe_change(tr.reported_change_pct))));
    }
    let second = vec![
        figure(s.risk_levels.high.to_string()),
        word(format!(" high risk ({} %)", share(s.risk_levels.high, t.received)).as_str()),
        word(" · "),
        figure(t.recipients.to_string()),
        word(" officials in "),
        figure(t.organisations.to_string()),
        word(" organisations · "),
        figure(s.campaigns.active.to_string()),
        word(" active campaigns"),
    ];
    let mut third = Vec::new();
    match (s.decision_time.median_hours, s.decision_time.p90_hours) {
        (Some(m), Some(p)) => third.extend([
            word("decided in "),
            figure(describe_hours(m)),
            word(" (median), 90 % within "),
            figure(describe_hours(p)),
            muted(format!(" · {} decisions", s.decision_time.decided)),
        ]),
        _ => third.push(muted("no decisions in the period".into())),
    }
    third.extend([word(" · "), figure(s.backlog.pending.to_string()), word(" pending")]);
    if let Some(o) = &s.backlog.oldest {
        third.push(muted(format!(", oldest since {}", o.get(..10).unwrap_or(o))));
    }
    let lines = vec![Line::from(first), Line::from(second), Line::from(third)];
    let rows = Paragraph::new(lines.clone()).wrap(Wrap { trim: false }).line_count(width.saturating_sub(2).max(1));
    Section { title: title("summary".into(), theme), rows: rows as u16, wide: true, body: Body::Text(lines) }
}

/// Every section of the page, in reading order.
fn sections(s: &Stats, width: u16, theme: &Theme) -> Vec<Section<'static>> {
    let mut out = vec![summary(s, width, theme)];
    let received: Vec<u64> = s.weeks.iter().map(|w| w.received).collect();
    let reported: Vec<u64> = s.weeks.iter().map(|w| w.reported).collect();
    let first = s.weeks.first().map(|w| format!("week of {}", w.week)).unwrap_or_default();
    let last = s.weeks.last().filter(|_| s.weeks.len() > 1).map(|w| w.week.to_string()).unwrap_or_default();
    out.push(Section {
        title: title("per week (Monday, UTC)".into(), theme),
        rows: 1 + RECEIVED_ROWS + 1 + REPORTED_ROWS + 1,
        wide: true,
        body: Body::Weeks { received, reported, first, last },
    });

    let total = s.totals.received;
    let platforms: Vec<(String, u64, Style)> = if s.platforms.is_empty() {
        vec![("none".into(), 0, theme.muted)]
    } else {
        s.platforms.iter().map(|p| (p.name.clone().unwrap_or_default(), p.count, theme.title)).collect()
    };
    out.push(Section {
        title: title("platform".into(), theme),
        rows: platforms.len() as u16,
        wide: false,
        body: bars(platforms, total, theme),
    });
    let r = s.risk_levels;
    out.push(Section {
        title: title("risk".into(), theme),
        rows: 4,
        wide: false,
        body: bars(
            vec![
                ("H high".into(), r.high, theme.risk_high),
                ("M medium".into(), r.medium, theme.risk_medium),
                ("L low".into(), r.low, theme.risk_low),
                ("- unchecked".into(), r.unchecked, theme.verdict_na),
            ],
            total,
            theme,
        ),
    });
    let d = s.decisions;
    out.push(Section {
        title: title("decision (standing)".into(), theme),
        rows: 4,
        wide: false,
        body: bars(
            vec![
                ("reported".into(), d.reported, theme.risk_high),
                ("flagged".into(), d.flagged, theme.risk_medium),
                ("accepted".into(), d.accepted, theme.risk_low),
                ("pending".into(), d.pending, theme.text),
            ],
            total,
            theme,
        ),
    });
    let backlog: Vec<(String, u64, Style)> =
        s.backlog.by_age.iter().map(|a| (a.age.to_owned(), a.count, theme.risk_medium)).collect();
    out.push(Section {
        title: title(format!("pending by age · {}", s.backlog.pending), theme),
        rows: backlog.len() as u16,
        wide: false,
        body: bars(backlog, s.backlog.pending, theme),
    });
    out.push(ranking_section("organisation", "organisation", &s.organisations, theme));
    out.push(ranking_section("role", "role", &s.roles, theme));

    let mut matched: Vec<Row> = Vec::new();
    for w in &s.watchlist {
        matched.push(Row::new(vec![
            Cell::from(Line::from(w.requests.to_string()).right_aligned()),
            Cell::from(Span::styled(w.kind.clone(), theme.muted)),
            Cell::from(Line::from(spans(&w.value, theme.text, theme))),
        ]));
    }
    for p in &s.reference_photos {
        let mut name = spans(&p.name, theme.text, theme);
        name.push(Span::styled(" (", theme.muted));
        name.extend(spans(&p.label, theme.muted, theme));
        name.push(Span::styled(")", theme.muted));
        matched.push(Row::new(vec![
            Cell::from(Line::from(p.requests.to_string()).right_aligned()),
            Cell::from(Span::styled("photo", theme.muted)),
            Cell::from(Line::from(name)),
        ]));
    }
    if matched.is_empty() {
        matched.push(Row::new(vec![Cell::from(""), Cell::from(""), Cell::from(Span::styled("none", theme.muted))]));
    }
    out.push(Section {
        title: title("watchlist and photos matched most".into(), theme),
        rows: matched.len() as u16 + 1,
        wide: false,
        body: Body::Table {
            header: Row::new(vec!["count", "kind", "value"]).style(theme.muted),
            rows: matched,
            widths: vec![Constraint::Length(6), Constraint::Length(9), Constraint::Fill(1)],
        },
    });

    let mut campaigns: Vec<Row> = s
        .campaigns
        .top
        .iter()
        .map(|c| {
            let mut sender = spans(&c.sender, theme.text, theme);
            match c.senders {
                0 | 1 => {}
                2 => sender.push(Span::styled(" +1 other name", theme.muted)),
                n => sender.push(Span::styled(format!(" +{} other names", n - 1), theme.muted)),
            }
            Row::new(vec![
                Cell::from(Span::styled(format!("#{}", c.id), theme.title)),
                Cell::from(c.first_seen.get(..10).unwrap_or(&c.first_seen).to_owned()),
                Cell::from(c.last_seen.get(..10).unwrap_or(&c.last_seen).to_owned()),
                Cell::from(Line::from(format!("{} ({})", c.members, c.members_in_period)).right_aligned()),
                Cell::from(Line::from(c.recipients.to_string()).right_aligned()),
                Cell::from(Line::from(c.organisations.to_string()).right_aligned()),
                Cell::from(Line::from(sender)),
            ])
        })
        .collect();
    if campaigns.is_empty() {
        campaigns.push(Row::new(vec![Cell::from(Span::styled("none", theme.muted))]));
    }
    out.push(Section {
        title: title(format!("active campaigns · {}", s.campaigns.active), theme),
        rows: campaigns.len() as u16 + 1,
        wide: true,
        body: Body::Table {
            header: Row::new(vec!["campaign", "first seen", "last seen", "requests", "officials", "orgs", "sender"])
                .style(theme.muted),
            rows: campaigns,
            widths: vec![
                Constraint::Length(8),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(9),
                Constraint::Length(9),
                Constraint::Length(4),
                Constraint::Fill(1),
            ],
        },
    });

    let mut officers: Vec<Row> = s
        .officers
        .iter()
        .map(|o| {
            let n = |v: u64| Cell::from(Line::from(v.to_string()).right_aligned());
            Row::new(vec![
                Cell::from(Line::from(spans(&o.officer, theme.text, theme))),
                n(o.accepted),
                n(o.flagged),
                n(o.reported),
                n(o.decisions),
                n(o.undone),
                Cell::from(
                    Line::from(o.undo_rate.map(|r| format!("{:.0} %", r * 100.0)).unwrap_or_else(|| "-".into()))
                        .right_aligned(),
                ),
            ])
        })
        .collect();
    if officers.is_empty() {
        officers.push(Row::new(vec![Cell::from(Span::styled("no decisions in the period", theme.muted))]));
    }
    out.push(Section {
        title: title("decisions by officer · alphabetical, not a ranking".into(), theme),
        rows: officers.len() as u16 + 1,
        wide: true,
        body: Body::Table {
            header: Row::new(vec!["officer", "accepted", "flagged", "reported", "recorded", "undone", "undo rate"])
                .style(theme.muted),
            rows: officers,
            widths: vec![
                Constraint::Length(24),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(8),
                Constraint::Length(7),
                Constraint::Length(9),
            ],
        },
    });
    out
}
