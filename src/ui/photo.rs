//! The photo pane: the check's findings, then the profile photo and its nearest match side by
//! side, drawn with half-blocks (`▀`: foreground the upper pixel, background the lower), or in
//! shades of grey characters when the theme has no colour.

use super::theme::Theme;
use crate::app::{State, Thumb};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw_photo(frame: &mut Frame, area: Rect, state: &State, theme: &Theme, text: Vec<Line<'static>>) {
    let selected = state.selected().map(|r| r.id);
    let photo = state.photo.as_ref().filter(|p| Some(p.id) == selected);
    let text_h = (text.len() as u16 + 1).min(area.height / 3).max(1);
    let [words, pictures] = Layout::vertical([Constraint::Length(text_h), Constraint::Min(0)]).areas(area);
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: false }), words);
    if pictures.height < 3 {
        return;
    }
    let Some(photo) = photo else {
        frame.render_widget(Paragraph::new(Span::styled("loading photo…", theme.muted)), pictures);
        return;
    };
    // Side by side, or one above the other in a tall narrow pane (the grid's cells), whichever
    // leaves the pictures bigger.
    let halves = [Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)];
    let [left, right] = if pictures.height * 2 > pictures.width {
        Layout::vertical(halves).areas(pictures)
    } else {
        Layout::horizontal(halves).areas(pictures)
    };
    let caption_own = photo.note.clone().unwrap_or_else(|| "profile photo".into());
    draw_picture(frame, left, photo.own.as_ref(), vec![Line::from(Span::styled(caption_own, theme.muted))], theme);
    let caption = match &photo.best {
        Some(m) => {
            let verdict = if m.is_match { "MATCH" } else { "nearest" };
            let style = if m.is_match { theme.verdict_suspicious } else { theme.muted };
            let mut l = vec![Span::styled(format!("{verdict} d={} ", m.distance), style)];
            l.extend(super::text::spans(&m.label, theme.text, theme));
            vec![Line::from(l)]
        }
        None => vec![Line::from(Span::styled("no other photo to compare", theme.muted))],
    };
    draw_picture(frame, right, photo.best.as_ref().and_then(|m| m.thumb.as_ref()), caption, theme);
}

fn draw_picture(frame: &mut Frame, area: Rect, thumb: Option<&Thumb>, caption: Vec<Line<'static>>, theme: &Theme) {
    let cap_h = 2.min(area.height.saturating_sub(1));
    let [img, cap] = Layout::vertical([Constraint::Min(1), Constraint::Length(cap_h)]).areas(area);
    frame.render_widget(Paragraph::new(caption).wrap(Wrap { trim: false }), cap);
    let Some(t) = thumb else { return };
    let colourless = theme.risk_high.fg.is_none() && theme.risk_high.bg.is_none();
    draw_halfblocks(frame, img, t, colourless);
}

/// Scales `t` to fit `area` (two pixels per cell vertically) by nearest neighbour.
pub fn draw_halfblocks(frame: &mut Frame, area: Rect, t: &Thumb, colourless: bool) {
    if area.width < 2 || area.height < 1 || t.width == 0 || t.height == 0 {
        return;
    }
    let (aw, ah) = (u32::from(area.width.saturating_sub(1)), u32::from(area.height) * 2);
    // Fit preserving the aspect ratio: pixels are square as half-blocks.
    let (w, h) = if aw * t.height <= ah * t.width {
        (aw, (aw * t.height / t.width).max(1))
    } else {
        ((ah * t.width / t.height).max(1), ah)
    };
    let sample = |x: u32, y: u32| t.pixel((x * t.width / w).min(t.width - 1), (y * t.height / h).min(t.height - 1));
    let buf = frame.buffer_mut();
    for cy in 0..h.div_ceil(2) {
        for cx in 0..w {
            let top = sample(cx, cy * 2);
            let bottom = if cy * 2 + 1 < h { Some(sample(cx, cy * 2 + 1)) } else { None };
            let pos = (area.x + cx as u16, area.y + cy as u16);
            let Some(cell) = buf.cell_mut(pos) else { continue };
            if colourless {
                let luma = |p: [u8; 3]| (u32::from(p[0]) * 3 + u32::from(p[1]) * 6 + u32::from(p[2])) / 10;
                let l = (luma(top) + bottom.map(luma).unwrap_or(luma(top))) / 2;
                let shade = [" ", "░", "▒", "▓", "█"][(l * 5 / 256) as usize];
                cell.set_symbol(shade).set_style(Style::default());
            } else {
                let rgb = |p: [u8; 3]| Color::Rgb(p[0], p[1], p[2]);
                let mut style = Style::default().fg(rgb(top));
                style = match bottom {
                    Some(b) => style.bg(rgb(b)),
                    None => style.bg(Color::Reset),
                };
                cell.set_symbol("▀").set_style(style);
            }
        }
    }
}
