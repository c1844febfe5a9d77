//! Geometric "views" of a photo: the whole frame, mirrored frame, central crops and the
//! photo rectangle detected inside a screenshot, all on a small greyscale working copy.

use image::{DynamicImage, GrayImage, imageops};

/// Longest side of the greyscale working copy every view is cut from.
pub const WORK_SIDE: u32 = 256;

/// A rectangle in working-image pixel coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: u32,
    pub y: u32,
    pub w: u32,
    pub h: u32,
}

impl Rect {
    /// Central square-ish crop keeping `scale` of each side.
    pub fn central(&self, scale: f32) -> Rect {
        let w = ((self.w as f32 * scale).round() as u32).clamp(1, self.w.max(1));
        let h = ((self.h as f32 * scale).round() as u32).clamp(1, self.h.max(1));
        Rect { x: self.x + self.w.saturating_sub(w) / 2, y: self.y + self.h.saturating_sub(h) / 2, w, h }
    }
}

/// Luma (BT.601, integer) of any decoded image, full size.
pub fn luma(img: &DynamicImage) -> GrayImage {
    let (w, h) = (img.width(), img.height());
    fn conv(px: &[u8], step: usize, w: u32, h: u32) -> GrayImage {
        let data: Vec<u8> = px
            .chunks_exact(step)
            .map(|p| ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29 + 128) >> 8) as u8)
            .collect();
        GrayImage::from_raw(w, h, data).unwrap_or_else(|| GrayImage::new(1, 1))
    }
    match img {
        DynamicImage::ImageLuma8(g) => g.clone(),
        DynamicImage::ImageRgb8(rgb) => conv(rgb.as_raw(), 3, w, h),
        DynamicImage::ImageRgba8(rgba) => {
            // composite transparency onto white, as avatars are usually shown
            let data: Vec<u8> = rgba
                .as_raw()
                .chunks_exact(4)
                .map(|p| {
                    let y = (p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29 + 128) >> 8;
                    let a = p[3] as u32;
                    ((y * a + 255 * (255 - a) + 127) / 255) as u8
                })
                .collect();
            GrayImage::from_raw(w, h, data).unwrap_or_else(|| GrayImage::new(1, 1))
        }
        other => {
            if other.color().has_alpha() {
                luma(&DynamicImage::ImageRgba8(other.to_rgba8()))
            } else {
                conv(other.to_rgb8().as_raw(), 3, w, h)
            }
        }
    }
}

/// Area-average `r` of `g` into a `side`×`side` image.
pub fn area_resize(g: &GrayImage, r: Rect, side: u32) -> GrayImage {
    let (gw, gh) = g.dimensions();
    let side = side.max(1);
    if gw == 0 || gh == 0 {
        return GrayImage::new(side, side);
    }
    let x0 = r.x.min(gw - 1);
    let y0 = r.y.min(gh - 1);
    let w = r.w.clamp(1, gw - x0);
    let h = r.h.clamp(1, gh - y0);
    let raw = g.as_raw();
    let stride = gw as usize;
    let xr: Vec<(usize, usize)> = (0..side)
        .map(|i| {
            let a = (i as u64 * w as u64 / side as u64) as u32;
            let b = (((i + 1) as u64 * w as u64 / side as u64) as u32).max(a + 1).min(w);
            ((x0 + a.min(w - 1)) as usize, (x0 + b) as usize)
        })
        .collect();
    let mut out = vec![0u8; (side * side) as usize];
    let mut acc = vec![0u32; side as usize];
    for j in 0..side {
        let a = (j as u64 * h as u64 / side as u64) as u32;
        let b = (((j + 1) as u64 * h as u64 / side as u64) as u32).max(a + 1).min(h);
        let (ya, yb) = ((y0 + a.min(h - 1)) as usize, (y0 + b) as usize);
        acc.iter_mut().for_each(|v| *v = 0);
        for y in ya..yb {
            let row = &raw[y * stride..(y + 1) * stride];
            for (i, &(xa, xb)) in xr.iter().enumerate() {
                acc[i] += row[xa..xb].iter().map(|&v| v as u32).sum::<u32>();
            }
        }
        for (i, &(xa, xb)) in xr.iter().enumerate() {
            let n = ((xb - xa) * (yb - ya)).max(1) as u32;
            out[(j * side + i as u32) as usize] = ((acc[i] + n / 2) / n) as u8;
        }
    }
    GrayImage::from_raw(side, side, out).unwrap_or_else(|| GrayImage::new(side, side))
}

/// Greyscale working copy, at most `WORK_SIDE` on its longest side (area-averaged).
pub fn working_gray(img: &DynamicImage) -> GrayImage {
    let (w, h) = (img.width(), img.height());
    if w == 0 || h == 0 {
        return GrayImage::new(1, 1);
    }
    let full = luma(img);
    let long = w.max(h);
    if long <= WORK_SIDE {
        return full;
    }
    let nw = ((w as u64 * WORK_SIDE as u64) / long as u64).max(1) as u32;
    let nh = ((h as u64 * WORK_SIDE as u64) / long as u64).max(1) as u32;
    area_resize_to(&full, nw, nh)
}

/// Area-average the whole of `g` to `nw`×`nh`.
fn area_resize_to(g: &GrayImage, nw: u32, nh: u32) -> GrayImage {
    let (w, h) = g.dimensions();
    let raw = g.as_raw();
    let stride = w as usize;
    let xr: Vec<(usize, usize)> = (0..nw)
        .map(|i| {
            let a = (i as u64 * w as u64 / nw as u64) as usize;
            let b = (((i + 1) as u64 * w as u64 / nw as u64) as usize).max(a + 1).min(w as usize);
            (a.min(w as usize - 1), b)
        })
        .collect();
    let mut out = vec![0u8; (nw * nh) as usize];
    let mut acc = vec![0u32; nw as usize];
    for j in 0..nh {
        let a = (j as u64 * h as u64 / nh as u64) as usize;
        let b = (((j + 1) as u64 * h as u64 / nh as u64) as usize).max(a + 1).min(h as usize);
        let a = a.min(h as usize - 1);
        acc.iter_mut().for_each(|v| *v = 0);
        for y in a..b {
            let row = &raw[y * stride..(y + 1) * stride];
            for (i, &(xa, xb)) in xr.iter().enumerate() {
                acc[i] += row[xa..xb].iter().map(|&v| v as u32).sum::<u32>();
            }
        }
        for (i, &(xa, xb)) in xr.iter().enumerate() {
            let n = ((xb - xa) * (b - a)).max(1) as u32;
            out[(j * nw + i as u32) as usize] = ((acc[i] + n / 2) / n) as u8;
        }
    }
    GrayImage::from_raw(nw, nh, out).unwrap_or_else(|| GrayImage::new(nw.max(1), nh.max(1)))
}

/// Trim uniform (letterbox / flat background) rows and columns off the edges.
pub fn trim_uniform(g: &GrayImage) -> Rect {
    let (w, h) = g.dimensions();
    let full = Rect { x: 0, y: 0, w, h };
    if w < 16 || h < 16 {
        return full;
    }
    let px = |x: u32, y: u32| g.get_pixel(x, y)[0] as i32;
    let ref_val = px(0, 0);
    let line_uniform = |it: &mut dyn Iterator<Item = (u32, u32)>| {
        let mut n = 0i32;
        let mut bad = 0i32;
        for (x, y) in it {
            n += 1;
            if (px(x, y) - ref_val).abs() > 12 {
                bad += 1;
            }
        }
        bad * 50 <= n // at most 2 % off-colour pixels
    };
    let (mut top, mut bottom, mut left, mut right) = (0u32, h, 0u32, w);
    let max_y = h * 2 / 5;
    let max_x = w * 2 / 5;
    while top < max_y && line_uniform(&mut (left..right).map(|x| (x, top))) {
        top += 1;
    }
    while h - bottom < max_y && line_uniform(&mut (left..right).map(|x| (x, bottom - 1))) {
        bottom -= 1;
    }
    while left < max_x && line_uniform(&mut (top..bottom).map(|y| (left, y))) {
        left += 1;
    }
    while w - right < max_x && line_uniform(&mut (top..bottom).map(|y| (right - 1, y))) {
        right -= 1;
    }
    Rect { x: left, y: top, w: right - left, h: bottom - top }
}

const SS_BG_DIFF: i32 = 10;
const SS_EDGE: i32 = 12;
const SS_FILL_DIV: u64 = 4;

/// Find a photo pasted into a screenshot: the largest connected region that differs from the
/// dominant (chrome/background) grey, if it is clearly smaller than the frame.
pub fn screenshot_rect(g: &GrayImage) -> Option<Rect> {
    let (w, h) = g.dimensions();
    if w < 32 || h < 32 {
        return None;
    }
    let mut hist = [0u32; 64];
    for p in g.pixels() {
        hist[(p[0] >> 2) as usize] += 1;
    }
    let mode = hist.iter().enumerate().max_by_key(|(_, c)| **c).map(|(i, _)| i).unwrap_or(0);
    // background must cover a real share of the frame, otherwise this is just a photo
    let share: u32 = hist[mode.saturating_sub(1)..(mode + 2).min(64)].iter().sum();
    if (share as u64) * 5 < (w as u64 * h as u64) {
        return None;
    }
    let bg = (mode * 4 + 2) as i32;
    let n = (w * h) as usize;
    let raw = g.as_raw();
    let wu = w as usize;
    // Off-background pixels, plus edge pixels (so a thin outline around a pale photo counts).
    let mask: Vec<bool> = (0..n)
        .map(|i| {
            let v = raw[i] as i32;
            if (v - bg).abs() > SS_BG_DIFF {
                return true;
            }
            let right = if i % wu + 1 < wu { raw[i + 1] as i32 } else { v };
            let down = if i + wu < n { raw[i + wu] as i32 } else { v };
            (v - right).abs() + (v - down).abs() > SS_EDGE
        })
        .collect();
    let mut label = vec![0u32; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut best: Option<(u32, Rect)> = None;
    let mut next = 0u32;
    for start in 0..n {
        if !mask[start] || label[start] != 0 {
            continue;
        }
        next += 1;
        label[start] = next;
        stack.push(start);
        let (mut x0, mut y0, mut x1, mut y1, mut count) = (w, h, 0u32, 0u32, 0u32);
        while let Some(i) = stack.pop() {
            let x = (i % w as usize) as u32;
            let y = (i / w as usize) as u32;
            count += 1;
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
            let mut push = |j: usize| {
                if mask[j] && label[j] == 0 {
                    label[j] = next;
                    stack.push(j);
                }
            };
            if x > 0 {
                push(i - 1);
            }
            if x + 1 < w {
                push(i + 1);
            }
            if y > 0 {
                push(i - w as usize);
            }
            if y + 1 < h {
                push(i + w as usize);
            }
        }
        if best.as_ref().is_none_or(|(c, _)| count > *c) {
            best = Some((count, Rect { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 }));
        }
    }
    let (count, r) = best?;
    let area = r.w as u64 * r.h as u64;
    let frame = w as u64 * h as u64;
    let min_side = w.min(h) / 4;
    if area * 10 > frame * 8 || r.w < min_side || r.h < min_side || (count as u64) * SS_FILL_DIV < area {
        return None;
    }
    let aspect = r.w as f32 / r.h as f32;
    if !(0.5..=2.0).contains(&aspect) {
        return None;
    }
    Some(r)
}

/// Cut `r` out of `g` (clamped to the image), at least 1×1.
pub fn cut(g: &GrayImage, r: Rect) -> GrayImage {
    let (w, h) = g.dimensions();
    let x = r.x.min(w.saturating_sub(1));
    let y = r.y.min(h.saturating_sub(1));
    let cw = r.w.clamp(1, w - x);
    let ch = r.h.clamp(1, h - y);
    imageops::crop_imm(g, x, y, cw, ch).to_image()
}

/// A `side`×`side` view of the square region of relative size `scale` centred in `r`,
/// rotated by `degrees` (bilinear sampling of an area-averaged 2×`side` copy of `r`).
pub fn rotated_view(g: &GrayImage, r: Rect, degrees: f32, scale: f32, side: u32) -> GrayImage {
    let pre_side = side * 2;
    let pre = area_resize(g, r, pre_side);
    let src = pre.as_raw();
    let n = pre_side as usize;
    let (sin, cos) = degrees.to_radians().sin_cos();
    let c = pre_side as f32 / 2.0;
    let step = scale * pre_side as f32 / side as f32;
    let at = |x: usize, y: usize| src[y.min(n - 1) * n + x.min(n - 1)] as f32;
    let mut out = vec![0u8; (side * side) as usize];
    for j in 0..side {
        for i in 0..side {
            let u = (i as f32 + 0.5 - side as f32 / 2.0) * step;
            let v = (j as f32 + 0.5 - side as f32 / 2.0) * step;
            let x = (c + u * cos - v * sin - 0.5).clamp(0.0, pre_side as f32 - 1.0);
            let y = (c + u * sin + v * cos - 0.5).clamp(0.0, pre_side as f32 - 1.0);
            let (x0, y0) = (x.floor() as usize, y.floor() as usize);
            let (fx, fy) = (x - x0 as f32, y - y0 as f32);
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
            let bot = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
            out[(j * side + i) as usize] = (top * (1.0 - fy) + bot * fy).round().clamp(0.0, 255.0) as u8;
        }
    }
    GrayImage::from_raw(side, side, out).unwrap_or_else(|| GrayImage::new(side, side))
}
