//! Safe decoding of untrusted image bytes: format sniffing, size caps and decoder limits.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

/// Largest accepted input, in bytes.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Largest accepted width or height, in pixels.
pub const MAX_SIDE: u32 = 4096;
/// Largest allocation the decoder may make, in bytes.
pub const MAX_ALLOC: u64 = 64 * 1024 * 1024;

/// Why an image was refused.
#[derive(thiserror::Error, Debug)]
pub enum ImageError {
    /// The byte size exceeds [`MAX_BYTES`].
    #[error("image is too large: {bytes} bytes (at most {} allowed)", MAX_BYTES)]
    TooLarge { bytes: usize },
    /// The declared pixel dimensions exceed [`MAX_SIDE`] (or are empty).
    #[error("image dimensions {w}×{h} are not accepted (each side must be 1..={})", MAX_SIDE)]
    Dimensions { w: u32, h: u32 },
    /// Not a JPEG, PNG, WebP or GIF file.
    #[error("unsupported image format: {0}")]
    UnsupportedFormat(String),
    /// The file is damaged or would need too much memory to decode.
    #[error("image could not be decoded: {0}")]
    Decode(String),
}

/// Identify the container format from its magic bytes: `"jpeg"`, `"png"`, `"webp"` or `"gif"`.
pub fn sniff_format(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("png")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("gif")
    } else if bytes.len() >= 12 && &bytes[0..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("webp")
    } else {
        None
    }
}

fn describe_unknown(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "empty input".to_string();
    }
    if bytes.starts_with(b"BM") {
        return "BMP images are not accepted (only JPEG, PNG, WebP, GIF)".to_string();
    }
    let head: Vec<String> = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("not JPEG, PNG, WebP or GIF (first bytes: {})", head.join(" "))
}

/// Untrusted image bytes → image. Only JPEG, PNG, WebP and GIF (sniffed from the magic bytes,
/// never from a file name); refuses more than 10 MB of bytes, more than 4096×4096 pixels and
/// decodes that would allocate more than 64 MiB. Never panics.
pub fn decode_untrusted(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    if bytes.len() > MAX_BYTES {
        return Err(ImageError::TooLarge { bytes: bytes.len() });
    }
    let fmt = match sniff_format(bytes) {
        Some("jpeg") => ImageFormat::Jpeg,
        Some("png") => ImageFormat::Png,
        Some("gif") => ImageFormat::Gif,
        Some("webp") => ImageFormat::WebP,
        _ => return Err(ImageError::UnsupportedFormat(describe_unknown(bytes))),
    };
    match std::panic::catch_unwind(|| decode_inner(bytes, fmt)) {
        Ok(r) => r,
        Err(_) => Err(ImageError::Decode("decoder failed on a malformed file".to_string())),
    }
}

fn limits() -> Limits {
    let mut l = Limits::default();
    l.max_image_width = Some(MAX_SIDE);
    l.max_image_height = Some(MAX_SIDE);
    l.max_alloc = Some(MAX_ALLOC);
    l
}

fn decode_inner(bytes: &[u8], fmt: ImageFormat) -> Result<DynamicImage, ImageError> {
    // Header first, so oversized images are reported with their dimensions.
    let mut head = ImageReader::with_format(Cursor::new(bytes), fmt);
    head.limits(limits_header_only());
    let (w, h) = head.into_dimensions().map_err(|e| ImageError::Decode(e.to_string()))?;
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(ImageError::Dimensions { w, h });
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), fmt);
    reader.limits(limits());
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(l) => ImageError::Decode(format!("decoding would exceed memory limits ({l})")),
        other => ImageError::Decode(other.to_string()),
    })?;
    if img.width() == 0 || img.height() == 0 || img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        return Err(ImageError::Dimensions { w: img.width(), h: img.height() });
    }
    Ok(img)
}

/// Limits for reading just the header: allocation capped, dimensions unchecked so that they
/// can be reported.
fn limits_header_only() -> Limits {
    let mut l = Limits::default();
    l.max_alloc = Some(MAX_ALLOC);
    l
}
