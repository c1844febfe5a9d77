//! Adversary text to spans: everything from a report goes through the one sanitiser here, and
//! the markers it leaves for hidden characters are drawn highlighted.

use super::theme::Theme;
use crate::sanitize::{Segment, segments};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// One line of hostile text as spans (line breaks and tabs shown as markers).
pub fn spans(text: &str, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    segments(text, false)
        .into_iter()
        .map(|s| match s {
            Segment::Text(t) => Span::styled(t, style),
            Segment::Marker(m) => Span::styled(m, theme.hidden_marker),
        })
        .collect()
}

/// Hostile text that may span lines, one `Line` per line break.
pub fn lines(text: &str, style: Style, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::default()];
    for s in segments(text, true) {
        match s {
            Segment::Marker(m) => out.last_mut().expect("never empty").push_span(Span::styled(m, theme.hidden_marker)),
            Segment::Text(t) => {
                for (i, part) in t.split('\n').enumerate() {
                    if i > 0 {
                        out.push(Line::default());
                    }
                    if !part.is_empty() {
                        out.last_mut().expect("never empty").push_span(Span::styled(part.to_owned(), style));
                    }
                }
            }
        }
    }
    out
}

/// A label, then hostile text, on one line.
pub fn labelled(label: &str, text: &str, theme: &Theme) -> Line<'static> {
    let mut l = vec![Span::styled(format!("{label}: "), theme.muted)];
    l.extend(spans(text, theme.text, theme));
    Line::from(l)
}

/// `2026-09-02T15:05:00+01:00` → `2026-09-02 15:05` (the stored text, sanitised, cut short).
pub fn short_time(at: &str) -> String {
    let s: String = at.chars().take(16).collect();
    crate::sanitize::sanitize(&s.replacen('T', " ", 1)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_highlighted_and_escapes_never_pass() {
        let theme = Theme::default();
        let s = spans("Eve\u{1b}]0;pwned\u{7}", theme.text, &theme);
        let joined: String = s.iter().map(|s| s.content.as_ref()).collect();
        assert!(!joined.contains('\u{1b}') && !joined.contains('\u{7}'));
        assert!(s.iter().any(|s| s.content == "⟨U+001B⟩" && s.style == theme.hidden_marker));
        let l = lines("a\nb\u{202e}c", theme.text, &theme);
        assert_eq!(l.len(), 2);
    }
}
