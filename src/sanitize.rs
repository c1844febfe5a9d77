//! The one way adversary-written text reaches a terminal.
//!
//! Every string from a report is the adversary's. Control characters (C0, C1, ESC, DEL),
//! bidi overrides and isolates, zero-width and other invisible characters are replaced by a
//! visible `⟨U+XXXX⟩` marker — never passed through, never silently dropped — and floods of
//! combining marks are cut short with a count. Callers that draw can tell markers from text
//! through [`segments`] and highlight them.

use std::borrow::Cow;

/// Most combining marks kept on one base character; the rest are counted in a marker.
const MAX_COMBINING: usize = 3;

/// Whether `c` must never reach the terminal as itself.
pub fn is_hostile(c: char) -> bool {
    let u = c as u32;
    matches!(u,
        0x00..=0x1F | 0x7F..=0x9F            // C0, DEL, C1
        | 0x00AD                               // soft hyphen
        | 0x034F                               // combining grapheme joiner
        | 0x061C                               // Arabic letter mark
        | 0x115F | 0x1160 | 0x3164 | 0xFFA0    // Hangul fillers (render blank)
        | 0x17B4 | 0x17B5                      // Khmer invisible vowels
        | 0x180B..=0x180F                      // Mongolian selectors and vowel separator
        | 0x200B..=0x200F                      // zero-width space/joiners, LRM, RLM
        | 0x2028 | 0x2029                      // line and paragraph separators
        | 0x202A..=0x202E                      // bidi embeddings and overrides
        | 0x2060..=0x206F                      // word joiner, invisible operators, bidi isolates
        | 0xFE00..=0xFE0E                      // variation selectors (not the emoji one)
        | 0xFEFF                               // BOM / zero-width no-break space
        | 0xFFF0..=0xFFFB                      // specials, interlinear annotations
        | 0x1D173..=0x1D17A                    // musical formatting controls
        | 0xE0000..=0xE0FFF                    // tags, variation selectors supplement
    ) || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// A piece of sanitised text: as-is, or a marker standing for hidden characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Marker(String),
}

/// Splits `text` into plain runs and markers. With `multiline`, `\n` is kept as a line break and a
/// tab becomes spaces; otherwise both are shown as markers.
pub fn segments(text: &str, multiline: bool) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut combining_run = 0usize;
    let mut dropped_combining = 0usize;
    let flush_dropped = |out: &mut Vec<Segment>, plain: &mut String, dropped: &mut usize| {
        if *dropped > 0 {
            if !plain.is_empty() {
                out.push(Segment::Text(std::mem::take(plain)));
            }
            out.push(Segment::Marker(format!("⟨+{} combining⟩", *dropped)));
            *dropped = 0;
        }
    };
    for c in text.chars() {
        if is_combining(c) && !is_hostile(c) {
            combining_run += 1;
            if combining_run > MAX_COMBINING {
                dropped_combining += 1;
                continue;
            }
            plain.push(c);
            continue;
        }
        combining_run = 0;
        flush_dropped(&mut out, &mut plain, &mut dropped_combining);
        if multiline && c == '\n' {
            plain.push('\n');
        } else if multiline && c == '\t' {
            plain.push_str("    ");
        } else if is_hostile(c) {
            if !plain.is_empty() {
                out.push(Segment::Text(std::mem::take(&mut plain)));
            }
            out.push(Segment::Marker(format!("⟨U+{:04X}⟩", c as u32)));
        } else {
            plain.push(c);
        }
    }
    flush_dropped(&mut out, &mut plain, &mut dropped_combining);
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

/// `text` with every hostile character shown as a marker, on one line.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    sanitize_with(text, false)
}

/// As [`sanitize`], keeping line breaks.
pub fn sanitize_multiline(text: &str) -> Cow<'_, str> {
    sanitize_with(text, true)
}

fn sanitize_with(text: &str, multiline: bool) -> Cow<'_, str> {
    let clean = text.chars().all(|c| !is_hostile(c) && !is_combining(c))
        || (multiline && text.chars().all(|c| c == '\n' || (!is_hostile(c) && !is_combining(c))));
    if clean {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        segments(text, multiline)
            .into_iter()
            .map(|s| match s {
                Segment::Text(t) | Segment::Marker(t) => t,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_become_visible_markers() {
        let attacks = [
            ("\u{1b}[2J", "⟨U+001B⟩[2J"),
            ("\u{1b}]52;c;ZWNobw==\u{7}", "⟨U+001B⟩]52;c;ZWNobw==⟨U+0007⟩"),
            ("\u{1b}]8;;http://x\u{1b}\\link", "⟨U+001B⟩]8;;http://x⟨U+001B⟩\\link"),
            ("\u{1b}Pq#0\u{1b}\\", "⟨U+001B⟩Pq#0⟨U+001B⟩\\"),
            ("a\u{9b}31mb", "a⟨U+009B⟩31mb"),
            ("x\u{7f}", "x⟨U+007F⟩"),
            ("abc\u{202e}gpj.exe", "abc⟨U+202E⟩gpj.exe"),
            ("Jo\u{200b}hn", "Jo⟨U+200B⟩hn"),
            ("\u{2066}x\u{2069}", "⟨U+2066⟩x⟨U+2069⟩"),
            ("\u{feff}bom", "⟨U+FEFF⟩bom"),
            ("nul\u{0}", "nul⟨U+0000⟩"),
        ];
        for (input, want) in attacks {
            assert_eq!(sanitize(input), want, "{input:?}");
        }
    }

    #[test]
    fn genuine_text_passes_untouched() {
        for s in ["José Núñez", "Zoë Brontë-Ó Súilleabháin", "Αλέξανδρος Παπαδόπουλος", "王伟", "Олена Коваленко", "👍🏽"]
        {
            assert!(matches!(sanitize(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn combining_floods_are_cut_with_a_count() {
        let flood = format!("Z{}", "\u{301}".repeat(200));
        let out = sanitize(&flood);
        assert_eq!(out, format!("Z{}⟨+197 combining⟩", "\u{301}".repeat(3)));
    }

    #[test]
    fn newlines_only_in_multiline() {
        assert_eq!(sanitize("a\nb"), "a⟨U+000A⟩b");
        assert_eq!(sanitize_multiline("a\nb\u{1b}"), "a\nb⟨U+001B⟩");
    }

    #[test]
    fn no_output_ever_contains_a_control_character() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = sanitize(&all);
        assert!(!out.chars().any(|c| (c as u32) < 0x20 || (0x7f..=0x9f).contains(&(c as u32))));
        assert!(!out.chars().any(|c| matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069 | 0x200B..=0x200F)));
    }
}
