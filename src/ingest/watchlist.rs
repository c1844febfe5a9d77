//! Watchlist CSV: `kind,value,note`.

use super::linkedin::csv_error;
use super::{IngestError, MAX_TEXT_BYTES, read_text};
use crate::domain::{WatchKind, WatchlistEntry};
use std::path::Path;

pub fn read_watchlist(path: &Path) -> Result<Vec<WatchlistEntry>, IngestError> {
    let text = read_text(path, MAX_TEXT_BYTES)?;
    parse_watchlist(path, &text)
}

pub fn parse_watchlist(path: &Path, text: &str) -> Result<Vec<WatchlistEntry>, IngestError> {
    let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| csv_error(path, e))?.clone();
    let names: Vec<&str> = headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}')).collect();
    if names != ["kind", "value", "note"] {
        return Err(IngestError::new(
            path,
            format!("the header must be `kind,value,note`, found `{}`", names.join(",")),
        )
        .at_line(1));
    }
    let source = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut out = Vec::new();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let kind_text = record.get(0).unwrap_or("").trim();
        let kind = WatchKind::parse(kind_text).ok_or_else(|| {
            IngestError::new(path, format!("unknown kind {kind_text:?}; expected one of {}", WatchKind::NAMES))
                .at_line(line)
                .field("kind")
        })?;
        let value = record.get(1).unwrap_or("").trim().to_owned();
        if value.is_empty() {
            return Err(IngestError::new(path, "empty value").at_line(line).field("value"));
        }
        if kind == WatchKind::Photo && !is_sha256(&value) {
            return Err(IngestError::new(path, "a photo row's value is the photo's SHA-256: 64 hex digits")
                .at_line(line)
                .field("value"));
        }
        let value = if kind == WatchKind::Photo { value.to_ascii_lowercase() } else { value };
        out.push(WatchlistEntry {
            kind,
            value,
            note: record.get(2).unwrap_or("").trim().to_owned(),
            source: source.clone(),
        });
    }
    Ok(out)
}

/// 64 hexadecimal digits.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_kind_names_line_and_column() {
        let e = parse_watchlist(Path::new("w.csv"), "kind,value,note\nname,A,\nip,1.2.3.4,x\n").unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(3), Some("kind")));
        let ok = parse_watchlist(Path::new("w.csv"), "kind,value,note\nphone,+44 7700 900481,\"a, b\"\n").unwrap();
        assert_eq!(ok[0].note, "a, b");
    }
}
