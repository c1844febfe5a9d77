//! LinkedIn's member data export, `Invitations.csv`: incoming invitations become reports.
//!
//! Columns are mapped by header name, so both the current export
//! (`From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl`) and the older one
//! without the two URL columns are read. `Sent At` (`11/3/26, 9:14 AM`) carries no zone; the
//! export is written in UTC, and that is how it is read.

use super::{ImportedReport, IngestError, MAX_TEXT_BYTES, read_text};
use crate::domain::audit::sha256_hex;
use crate::domain::report::{Extra, Schema, Timestamp};
use crate::domain::{Platform, Recipient, Report, Sender};
use chrono::{NaiveDateTime, TimeZone, Utc};
use std::path::Path;

const REQUIRED: [&str; 5] = ["From", "To", "Sent At", "Message", "Direction"];

/// Parses `11/3/26, 9:14 AM` (month/day/two-digit year, 12-hour clock).
pub fn parse_sent_at(text: &str) -> Option<Timestamp> {
    let t = text.trim();
    let naive = ["%m/%d/%y, %I:%M %p", "%m/%d/%Y, %I:%M %p", "%m/%d/%y, %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())?;
    Some(Timestamp(Utc.from_utc_datetime(&naive).fixed_offset()))
}

pub fn read_invitations(path: &Path) -> Result<Vec<ImportedReport>, IngestError> {
    let text = read_text(path, MAX_TEXT_BYTES)?;
    parse_invitations(path, &text)
}

pub fn parse_invitations(path: &Path, text: &str) -> Result<Vec<ImportedReport>, IngestError> {
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| csv_error(path, e))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim().trim_start_matches('\u{feff}') == name);
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|n| col(n).is_none()).collect();
    if !missing.is_empty() {
        return Err(IngestError::new(
            path,
            format!(
                "not a LinkedIn Invitations.csv: the header lacks {} (expected From,To,Sent At,Message,Direction[,inviterProfileUrl,inviteeProfileUrl])",
                missing.join(", ")
            ),
        )
        .at_line(1)
        .field(missing[0]));
    }
    let [from, to, sent, message, direction] = REQUIRED.map(|n| col(n).unwrap_or_default());
    let inviter_url = col("inviterProfileUrl");
    let mut out = Vec::new();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |i: usize| record.get(i).unwrap_or("").to_owned();
        let dir = get(direction);
        match dir.trim().to_ascii_uppercase().as_str() {
            "INCOMING" => {}
            "OUTGOING" => continue,
            other => {
                return Err(IngestError::new(path, format!("expected INCOMING or OUTGOING, found {other:?}"))
                    .at_line(line)
                    .field("Direction"));
            }
        }
        let sender_name = get(from);
        if sender_name.trim().is_empty() {
            return Err(IngestError::new(path, "the sender's name is empty").at_line(line).field("From"));
        }
        let sent_text = get(sent);
        let received_at = parse_sent_at(&sent_text).ok_or_else(|| {
            IngestError::new(path, format!("expected a time like \"11/3/26, 9:14 AM\", found {sent_text:?}"))
                .at_line(line)
                .field("Sent At")
        })?;
        let url = inviter_url.map(get).filter(|u| !u.trim().is_empty());
        let msg = get(message);
        // The export has no id; one derived from what identifies the invitation makes a
        // re-import of the same export a no-op.
        let key = format!("{}\u{1f}{}\u{1f}{}\u{1f}{}", sender_name, get(to), sent_text, url.as_deref().unwrap_or(""));
        let id = format!("LI-{}", &sha256_hex(key.as_bytes())[..16]);
        let mut extra = Extra::new();
        extra.insert("source".into(), serde_json::Value::String("linkedin-invitations-csv".into()));
        out.push(ImportedReport {
            report: Report {
                schema: Schema::V1,
                id: Some(id),
                received_at,
                reported_at: None,
                platform: Platform::Linkedin,
                reporter: None,
                recipient: Recipient { name: get(to), org: None, role: None },
                sender: Sender { name: sender_name, profile_url: url, ..Default::default() },
                message: (!msg.trim().is_empty()).then_some(msg),
                thread: Vec::new(),
                notes: None,
                extra,
            },
            line,
            photo: None,
        });
    }
    Ok(out)
}

/// The number of OUTGOING rows, for the import summary.
pub fn count_outgoing(text: &str) -> usize {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let Ok(headers) = rdr.headers().cloned() else { return 0 };
    let Some(d) = headers.iter().position(|h| h == "Direction") else { return 0 };
    rdr.records()
        .filter_map(Result::ok)
        .filter(|r| r.get(d).is_some_and(|v| v.eq_ignore_ascii_case("OUTGOING")))
        .count()
}

pub(crate) fn csv_error(path: &Path, e: csv::Error) -> IngestError {
    let line = e.position().map(|p| p.line() as usize);
    let msg = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields; the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text".to_owned(),
        _ => e.to_string(),
    };
    let mut err = IngestError::new(path, msg);
    if let Some(l) = line {
        err = err.at_line(l);
    }
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sent_at_in_the_export_shape() {
        let t = parse_sent_at("11/3/26, 9:14 AM").unwrap();
        assert_eq!(t.utc().to_rfc3339(), "2026-11-03T09:14:00+00:00");
        assert!(parse_sent_at("2026-11-03").is_none());
    }

    #[test]
    fn only_incoming_rows_and_both_shapes() {
        let new = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nA,B,\"11/3/26, 9:14 AM\",hi,INCOMING,https://www.linkedin.com/in/a,https://www.linkedin.com/in/b\nB,C,\"11/3/26, 9:15 AM\",,OUTGOING,x,y\n";
        let r = parse_invitations(Path::new("i.csv"), new).unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].report.sender.profile_url.as_deref(), Some("https://www.linkedin.com/in/a"));
        assert_eq!(r[0].line, 2);
        let old = "From,To,Sent At,Message,Direction\nA,B,\"11/3/26, 9:14 AM\",hi,INCOMING\n";
        let r = parse_invitations(Path::new("i.csv"), old).unwrap();
        assert_eq!(r[0].report.sender.profile_url, None);
        let bad = "From,To,Sent At,Message,inviterProfileUrl\n";
        let e = parse_invitations(Path::new("i.csv"), bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Direction"));
    }
}
