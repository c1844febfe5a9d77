//! Small prompts: confirm a decision with a note, add a note, filter. Enter confirms, Esc
//! cancels; a report cannot be confirmed without a note.

use super::text::spans;
use super::theme::Theme;
use crate::app::{Prompt, PromptKind};
use crate::domain::Action as Decision;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

fn who(targets: &[crate::app::Target], theme: &Theme) -> Vec<Span<'static>> {
    match targets {
        [one] => {
            let mut s = vec![Span::styled(format!("#{} ", one.id), theme.popup)];
            s.extend(spans(&one.sender, theme.popup, theme));
            s
        }
        many => vec![Span::styled(format!("{} marked requests", many.len()), theme.popup)],
    }
}

pub fn draw_prompt(frame: &mut Frame, area: Rect, p: &Prompt, theme: &Theme) {
    let (title, mut head, label): (String, Vec<Line>, &str) = match &p.kind {
        PromptKind::Decide { action, targets, force } => {
            let verb = match action {
                Decision::Report => "REPORT (escalate)",
                Decision::Flag => "Flag",
                Decision::Accept => "Accept",
                other => other.as_str(),
            };
            let mut l = vec![Span::styled(format!("{verb} "), theme.popup_border)];
            l.extend(who(targets, theme));
            l.push(Span::styled("?", theme.popup));
            let label =
                if *action == Decision::Report { "Why is it escalated (required):" } else { "Note (optional):" };
            let title = if *force { " decide anyway? " } else { " confirm " };
            (title.into(), vec![Line::from(l)], label)
        }
        PromptKind::Note { target } => {
            let mut l = vec![Span::styled("Note on ", theme.popup)];
            l.extend(who(std::slice::from_ref(target), theme));
            (" note ".into(), vec![Line::from(l)], "Note:")
        }
        PromptKind::Filter { .. } => {
            (" filter ".into(), vec![], "Text in sender, recipient, org, platform or id (empty clears):")
        }
        PromptKind::AuditFilter => {
            (" audit filter ".into(), vec![], "officer=NAME action=ACTION request=ID (empty clears):")
        }
        PromptKind::StatsFilter => (
            " statistics filter ".into(),
            vec![],
            "Count only requests with this text in sender, recipient, org, platform or id (empty clears):",
        ),
    };
    for e in &p.error {
        head.push(Line::from(spans(e, theme.message_error, theme)));
    }
    head.push(Line::from(Span::styled(label, theme.popup)));
    let mut input = vec![Span::styled("> ", theme.key_hint)];
    input.extend(spans(&p.input, theme.popup, theme));
    input.push(Span::styled("█", theme.popup));
    head.push(Line::from(input));
    head.push(Line::from(Span::styled("Enter confirms · Esc cancels", theme.muted)));
    let width = area.width.saturating_sub(4).min(76);
    let rows: u16 = head.iter().map(|l| (l.width() as u16 / width.saturating_sub(2).max(1)) + 1).sum();
    let rect = super::centered(area, width, rows + 2);
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.popup_border)
        .style(theme.popup)
        .title(Span::styled(title, theme.popup_border));
    frame.render_widget(Paragraph::new(head).block(block).wrap(Wrap { trim: false }), rect);
}
