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
    draw_halfblocks(frame, img, t, colourless, theme.truecolor);
}

/// Scales `t` to fit `area` (two pixels per cell vertically) by nearest neighbour.
pub fn draw_halfblocks(frame: &mut Frame, area: Rect, t: &Thumb, colourless: bool, truecolor: bool) {
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
                let rgb =
                    |p: [u8; 3]| if truecolor { Color::Rgb(p[0], p[1], p[2]) } else { Color::Indexed(xterm_256(p)) };
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

/// The nearest colour of the xterm 256-colour palette: its 6×6×6 cube (16–231) or its 24 greys
/// (232–255), by squared distance.
pub fn xterm_256(p: [u8; 3]) -> u8 {
    const LEVELS: [i32; 6] = [0, 95, 135, 175, 215, 255];
    let level = |v: u8| -> usize {
        let v = i32::from(v);
        (0..6).min_by_key(|&i| (LEVELS[i] - v).abs()).unwrap_or(0)
    };
    let [r, g, b] = p.map(level);
    let cube = [LEVELS[r], LEVELS[g], LEVELS[b]];
    let rgb = p.map(i32::from);
    let dist = |c: [i32; 3]| (0..3).map(|i| (c[i] - rgb[i]).pow(2)).sum::<i32>();
    let mean = (rgb[0] + rgb[1] + rgb[2]) / 3;
    let grey_step = ((mean - 3).max(0) / 10).min(23);
    let grey = 8 + 10 * grey_step;
    if dist([grey; 3]) < dist(cube) { 232 + grey_step as u8 } else { 16 + (36 * r + 6 * g + b) as u8 }
}

#[cfg(test)]
mod tests {
    use super::xterm_256;

    #[test]
    fn colours_map_to_the_nearest_of_the_256_palette() {
        assert_eq!(xterm_256([0, 0, 0]), 16);
        assert_eq!(xterm_256([255, 255, 255]), 231);
        assert_eq!(xterm_256([255, 0, 0]), 196);
        assert_eq!(xterm_256([95, 135, 175]), 67);
        assert_eq!(xterm_256([128, 128, 128]), 244);
        assert_eq!(xterm_256([240, 238, 236]), 255);
        // A skin tone lands on a cube colour near it, not on a grey.
        let i = xterm_256([224, 172, 138]);
        assert!((16..232).contains(&i), "{i}");
    }
}
