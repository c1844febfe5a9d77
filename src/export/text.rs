//! Adversary text made safe for Markdown: hidden and control characters shown as markers (the
//! one sanitiser every view uses), then every character Markdown or HTML would act on escaped.

use crate::sanitize::{sanitize, sanitize_multiline};

/// Characters that start links, images, code, emphasis, HTML, tables or headings anywhere in a
/// line. Escaping them all costs some backslashes and guarantees the text stays text.
const ALWAYS: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '#', '&', '$'];

fn escape_line(line: &str, out: &mut String) {
    // What makes a block only at the start of a line: lists, quotes, headings (setext), rules.
    let trimmed = line.trim_start_matches(' ');
    let lead = &line[..line.len() - trimmed.len()];
    out.push_str(lead);
    let mut chars = trimmed.chars().peekable();
    if let Some(&first) = chars.peek() {
        let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
        let after_digits = trimmed[digits.len()..].chars().next();
        if matches!(first, '-' | '+' | '=') || (!digits.is_empty() && matches!(after_digits, Some('.' | ')'))) {
            if digits.is_empty() {
                out.push('\\');
            } else {
                out.push_str(&digits);
                out.push('\\');
                for _ in 0..digits.chars().count() {
                    chars.next();
                }
            }
        }
    }
    for c in chars {
        if c == '&' {
            out.push_str("&amp;");
        } else if ALWAYS.contains(&c) {
            out.push('\\');
            out.push(c);
        } else {
            out.push(c);
        }
    }
}

/// `text` on one line, sanitised and escaped for Markdown (safe inside table cells too).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_line(&sanitize(text), &mut out);
    out
}

/// Multi-line `text` as a Markdown block quote, sanitised and escaped line by line.
pub fn quote_markdown(text: &str) -> String {
    let clean = sanitize_multiline(text);
    let mut out = String::new();
    for line in clean.split('\n') {
        out.push_str("> ");
        escape_line(line, &mut out);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_adversary_text_stays_text() {
        assert_eq!(escape_markdown("[click](http://evil)"), "\\[click\\](http://evil)");
        assert_eq!(escape_markdown("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)\\>");
        assert_eq!(escape_markdown("a | b"), "a \\| b");
        assert_eq!(escape_markdown("`code`"), "\\`code\\`");
        assert_eq!(escape_markdown("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape_markdown("# Title"), "\\# Title");
        assert_eq!(escape_markdown("- item"), "\\- item");
        assert_eq!(escape_markdown("1. item"), "1\\. item");
        assert_eq!(escape_markdown("abc\u{202e}gpj.exe"), "abc⟨U+202E⟩gpj.exe");
        assert_eq!(escape_markdown("line\nbreak"), "line⟨U+000A⟩break");
    }

    #[test]
    fn quotes_keep_lines_and_escape_each() {
        assert_eq!(quote_markdown("Hi\n# not a heading\n> nested"), "> Hi\n> \\# not a heading\n> \\> nested\n");
    }
}
