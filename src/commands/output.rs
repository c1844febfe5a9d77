//! Printing for people and scripts: buffered stdout where a closed pipe ends the command
//! quietly, and fixed-width table cells built from sanitised text.

use crate::sanitize::sanitize;
use std::io::{self, BufWriter, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub struct Out {
    inner: Box<dyn Write>,
    /// Each JSON line is serialised here first and handed to `inner` in one call: serde_json
    /// writes a value in many small pieces, each a dynamic call through the box (a tenth of
    /// `list --format json` at 100,000 requests).
    scratch: Vec<u8>,
}

impl Out {
    pub fn stdout() -> Self {
        Out::to(BufWriter::new(io::stdout()))
    }

    pub fn to(w: impl Write + 'static) -> Self {
        Out { inner: Box::new(w), scratch: Vec::new() }
    }

    pub fn line(&mut self, text: impl AsRef<str>) -> io::Result<()> {
        self.inner.write_all(text.as_ref().as_bytes())?;
        self.inner.write_all(b"\n")
    }

    pub fn json(&mut self, value: &serde_json::Value) -> io::Result<()> {
        self.serialize(value)
    }

    /// One value as a line of JSON.
    pub fn serialize(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        self.scratch.clear();
        serde_json::to_writer(&mut self.scratch, value)?;
        self.scratch.push(b'\n');
        self.inner.write_all(&self.scratch)
    }

    /// Bytes as they are (a generated script or manual page).
    pub fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// `text`, sanitised, cut or padded to exactly `width` terminal columns.
pub fn cell(text: &str, width: usize) -> String {
    let clean = sanitize(text);
    let mut out = String::new();
    let mut used = 0;
    let total = clean.width();
    for c in clean.chars() {
        let w = c.width().unwrap_or(0);
        if total > width && used + w > width.saturating_sub(1) {
            out.push('…');
            used += 1;
            break;
        }
        out.push(c);
        used += w;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_exact_width_and_sanitised() {
        assert_eq!(cell("abc", 5), "abc  ");
        assert_eq!(cell("abcdefgh", 5), "abcd…");
        assert_eq!(cell("王伟王伟王伟", 5), "王伟…");
        assert_eq!(cell("王伟王伟王伟", 6), "王伟… ");
        assert_eq!(cell("a\u{1b}b", 12), "a⟨U+001B⟩b  ");
    }
}
