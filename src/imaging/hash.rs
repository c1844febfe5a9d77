//! Fingerprints (reference side) and probes (query side): per-view pairs of perceptual hashes
//! — a 64-bit DCT/median pHash and a 40-bit double-gradient hash — and their distance.

use image::{DynamicImage, GrayImage, imageops};
use image_hasher::{HashAlg, Hasher, HasherConfig};

use super::views::{self, Rect};

/// Distance at or below which a probe matches a fingerprint.
///
/// The distance of one view pair is `max(pHash bits, round(1.25 × double-gradient bits))`:
/// both hashes must agree. 10 gives zero false matches (nearest false pair: 13) on the
/// development photo set, and lets the index find every match exactly with radius-2 lookups
/// in four 16-bit pHash chunks (exact up to 11).
pub const MATCH_THRESHOLD: u32 = 10;

/// Central-crop scales stored on the reference side and probed on the query side
/// (0.85: crops / rotations; 0.70: inscribed square of a round avatar; 0.58: inside a ring frame).
pub const CROP_SCALES: [f32; 3] = [0.85, 0.70, 0.58];

/// Query-side counter-rotations (degrees) of the whole frame, for slightly tilted copies.
pub const ROTATIONS: [f32; 2] = [4.0, -4.0];
/// Central part kept of a rotated view (drops the corners a rotation brings in).
pub const ROTATED_SCALE: f32 = 0.85;

/// Which view of the photo a hash was computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum ViewKind {
    /// The whole frame (after trimming uniform borders).
    Whole = 0,
    /// Central crop at `CROP_SCALES[0]`.
    Crop85 = 1,
    /// Central crop at `CROP_SCALES[1]`.
    Crop70 = 2,
    /// Central crop at `CROP_SCALES[2]`.
    Crop58 = 3,
    /// Photo rectangle detected inside a screenshot.
    Screenshot = 4,
    /// Central crop of the detected screenshot rectangle.
    ScreenshotCrop = 5,
    /// Whole frame counter-rotated by a few degrees (query side only).
    Rotated = 6,
}

impl ViewKind {
    #[cfg(test)]
    pub(crate) fn from_index(i: usize) -> Self {
        Self::from_u8((i % 7) as u8).unwrap_or(Self::Whole)
    }

    fn from_u8(v: u8) -> Option<Self> {
        Some(match v & 0x7f {
            0 => Self::Whole,
            1 => Self::Crop85,
            2 => Self::Crop70,
            3 => Self::Crop58,
            4 => Self::Screenshot,
            5 => Self::ScreenshotCrop,
            6 => Self::Rotated,
            _ => return None,
        })
    }
}

/// Combined score of one view pair from the pHash and double-gradient bit distances.
#[inline]
pub(crate) fn combine(phash_bits: u32, dgrad_bits: u32) -> u32 {
    phash_bits.max((dgrad_bits * 5 + 2) / 4)
}

/// Hashes of one view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewHash {
    pub kind: ViewKind,
    /// True if computed on the left–right mirrored view.
    pub mirrored: bool,
    /// 64-bit pHash (DCT, median).
    pub phash: u64,
    /// 40-bit double-gradient hash (upper bits zero).
    pub dgrad: u64,
}

impl ViewHash {
    /// Distance between two views: `max(pHash bits, round(1.25 × double-gradient bits))`
    /// (the 40-bit gradient distance scaled to the 64-bit pHash; both hashes must agree).
    #[inline]
    pub fn distance(&self, other: &ViewHash) -> u32 {
        combine((self.phash ^ other.phash).count_ones(), (self.dgrad ^ other.dgrad).count_ones())
    }
}

/// The stored fingerprint of one photo: whole frame plus three central crops.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    pub(crate) views: Vec<ViewHash>,
}

/// The query-side probe: whole frame and central crops (each also mirrored), the whole frame
/// counter-rotated by ±4°, and — when found — the photo rectangle inside a screenshot and its
/// central crop (each also mirrored): 10 or 14 views.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Probe {
    pub(crate) views: Vec<ViewHash>,
}

const FP_MAGIC: u8 = b'L';
const PROBE_MAGIC: u8 = b'P';
const FORMAT_VERSION: u8 = 1;
const VIEW_BYTES: usize = 1 + 8 + 5;
const MAX_VIEWS: usize = 64;

fn views_to_bytes(magic: u8, views: &[ViewHash]) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + VIEW_BYTES * views.len());
    out.push(magic);
    out.push(FORMAT_VERSION);
    for v in views {
        out.push(v.kind as u8 | if v.mirrored { 0x80 } else { 0 });
        out.extend_from_slice(&v.phash.to_le_bytes());
        out.extend_from_slice(&v.dgrad.to_le_bytes()[..5]);
    }
    out
}

fn views_from_bytes(magic: u8, b: &[u8]) -> Option<Vec<ViewHash>> {
    if b.len() < 2 || b[0] != magic || b[1] != FORMAT_VERSION {
        return None;
    }
    let body = &b[2..];
    if body.is_empty() || !body.len().is_multiple_of(VIEW_BYTES) || body.len() / VIEW_BYTES > MAX_VIEWS {
        return None;
    }
    let mut views = Vec::with_capacity(body.len() / VIEW_BYTES);
    for c in body.chunks_exact(VIEW_BYTES) {
        let kind = ViewKind::from_u8(c[0])?;
        let mut p = [0u8; 8];
        p.copy_from_slice(&c[1..9]);
        let mut d = [0u8; 8];
        d[..5].copy_from_slice(&c[9..14]);
        views.push(ViewHash {
            kind,
            mirrored: c[0] & 0x80 != 0,
            phash: u64::from_le_bytes(p),
            dgrad: u64::from_le_bytes(d),
        });
    }
    Some(views)
}

impl Fingerprint {
    /// Compact serialisation for an SQLite BLOB: 2 header bytes + 14 bytes per view
    /// (58 bytes for the four stored views).
    pub fn to_bytes(&self) -> Vec<u8> {
        views_to_bytes(FP_MAGIC, &self.views)
    }

    /// Inverse of [`Fingerprint::to_bytes`]; `None` for anything malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        views_from_bytes(FP_MAGIC, b).map(|views| Fingerprint { views })
    }

    /// The whole-frame pHash as 16 hex digits.
    pub fn primary_hex(&self) -> String {
        let h = self.views.iter().find(|v| v.kind == ViewKind::Whole && !v.mirrored).or(self.views.first());
        format!("{:016x}", h.map(|v| v.phash).unwrap_or(0))
    }

    /// The stored views.
    pub fn views(&self) -> &[ViewHash] {
        &self.views
    }

    /// These views as a probe, to search an index of probes: the reverse direction of a
    /// probe-against-fingerprint search, so two photos match whichever is the query.
    pub fn as_probe(&self) -> Probe {
        Probe { views: self.views.clone() }
    }
}

impl Probe {
    /// These views stored as a fingerprint, for an index searched in the reverse direction.
    pub fn as_fingerprint(&self) -> Fingerprint {
        Fingerprint { views: self.views.clone() }
    }

    /// Compact serialisation (2 header bytes + 14 bytes per view; 142 or 198 bytes).
    pub fn to_bytes(&self) -> Vec<u8> {
        views_to_bytes(PROBE_MAGIC, &self.views)
    }

    /// Inverse of [`Probe::to_bytes`]; `None` for anything malformed.
    pub fn from_bytes(b: &[u8]) -> Option<Self> {
        views_from_bytes(PROBE_MAGIC, b).map(|views| Probe { views })
    }

    /// The probed views.
    pub fn views(&self) -> &[ViewHash] {
        &self.views
    }
}

struct Hashers {
    phash: Hasher,
    dgrad: Hasher,
}

thread_local! {
    static HASHERS: Hashers = Hashers {
        phash: HasherConfig::new()
            .hash_alg(HashAlg::Median)
            .preproc_dct()
            .hash_size(8, 8)
            .resize_filter(image::imageops::FilterType::Lanczos3)
            .to_hasher(),
        dgrad: HasherConfig::new()
            .hash_alg(HashAlg::DoubleGradient)
            .hash_size(8, 8)
            .resize_filter(image::imageops::FilterType::Lanczos3)
            .to_hasher(),
    };
}

fn to_u64(bytes: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(b)
}

fn hash_view(g: &GrayImage, kind: ViewKind, mirrored: bool) -> ViewHash {
    HASHERS.with(|h| ViewHash {
        kind,
        mirrored,
        phash: to_u64(h.phash.hash_image(g).as_bytes()),
        dgrad: to_u64(h.dgrad.hash_image(g).as_bytes()),
    })
}

/// Side of the small square every view is area-averaged to before hashing.
pub const VIEW_SIDE: u32 = 32;

fn push_views(out: &mut Vec<ViewHash>, g: &GrayImage, r: Rect, kind: ViewKind, mirror: bool) {
    let c = views::area_resize(g, r, VIEW_SIDE);
    out.push(hash_view(&c, kind, false));
    if mirror {
        let m = imageops::flip_horizontal(&c);
        out.push(hash_view(&m, kind, true));
    }
}

const CROP_KINDS: [ViewKind; 3] = [ViewKind::Crop85, ViewKind::Crop70, ViewKind::Crop58];

fn fingerprint_gray(g: &GrayImage) -> Fingerprint {
    let base = views::trim_uniform(g);
    let mut v = Vec::with_capacity(4);
    push_views(&mut v, g, base, ViewKind::Whole, false);
    for (s, k) in CROP_SCALES.iter().zip(CROP_KINDS) {
        push_views(&mut v, g, base.central(*s), k, false);
    }
    Fingerprint { views: v }
}

/// Reference-side fingerprint of a photo.
pub fn fingerprint(img: &DynamicImage) -> Fingerprint {
    fingerprint_gray(&views::working_gray(img))
}

/// Query-side probe of a (possibly disguised) photo.
pub fn probe(img: &DynamicImage) -> Probe {
    let g = views::working_gray(img);
    let base = views::trim_uniform(&g);
    let mut v = Vec::with_capacity(12);
    push_views(&mut v, &g, base, ViewKind::Whole, true);
    for (s, k) in CROP_SCALES.iter().zip(CROP_KINDS) {
        push_views(&mut v, &g, base.central(*s), k, true);
    }
    for a in ROTATIONS {
        let img = views::rotated_view(&g, base, a, ROTATED_SCALE, VIEW_SIDE);
        v.push(hash_view(&img, ViewKind::Rotated, false));
    }
    if let Some(r) = views::screenshot_rect(&g) {
        let r = r.central(0.96);
        push_views(&mut v, &g, r, ViewKind::Screenshot, true);
        push_views(&mut v, &g, r.central(0.85), ViewKind::ScreenshotCrop, true);
    }
    Probe { views: v }
}

/// Both sides at once (saves decoding/greyscale work when a photo is stored and checked).
pub fn fingerprint_and_probe(img: &DynamicImage) -> (Fingerprint, Probe) {
    let p = probe(img);
    let fp = Fingerprint { views: p.views.iter().filter(|v| !v.mirrored && (v.kind as u8) <= 3).copied().collect() };
    (fp, p)
}

/// Distance between a probe and a fingerprint: the minimum over all (probe view, stored view)
/// pairs of `max(pHash bits, round(1.25 × double-gradient bits))` — a calibrated score on the
/// pHash's 0..=64 bit scale that is small only when both hash types agree on the same view
/// pair. `<= MATCH_THRESHOLD` means a match.
/// Returns 64 if either side has no views.
pub fn distance(probe: &Probe, fp: &Fingerprint) -> u32 {
    let mut best = 64;
    for q in &probe.views {
        for r in &fp.views {
            best = best.min(q.distance(r));
        }
    }
    best
}
