//! LinkedIn's member data export, `Invitations.csv`: incoming invitations become reports.
//!
//! Columns are mapped by header name, so both the current export
//! (`From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl`) and the older one
//! without the two URL columns are read.
//!
//! `Sent At` follows the member's locale and carries no zone: `11/3/26, 9:14 AM` (month first,
//! 12-hour clock) in one export, `05/10/26, 08:41` (day first, 24-hour clock) in another. The
//! order is decided from the whole file, never row by row: a first number above 12 can only be a
//! day, a second above 12 only a day too (so the order is month first), and a 24-hour clock is
//! the day-first locales' habit. A file that shows none of these is refused, naming
//! `--date-order`, rather than misdated. Times are read in `--tz` (UTC when not given).

use super::{Batch, DateOrder, ImportedReport, IngestError, MAX_TEXT_BYTES, ReadOptions, read_text};
use crate::domain::audit::sha256_hex;
use crate::domain::report::{Extra, Schema, Timestamp};
use crate::domain::{Platform, Recipient, Report, Sender};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::path::Path;

const REQUIRED: [&str; 5] = ["From", "To", "Sent At", "Message", "Direction"];

/// A `Sent At` value taken apart before its order is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentAt {
    /// The first and second numbers of a slashed date, or (month, day) of an ISO one.
    first: u32,
    second: u32,
    year: i32,
    time: NaiveTime,
    /// Written with AM/PM.
    twelve_hour: bool,
    /// ISO `2026-11-03` or dotted `03.11.26`: the order is in the form itself.
    fixed: Option<DateOrder>,
}

impl SentAt {
    /// `11/3/26, 9:14 AM`, `05/10/2026, 08:41`, `03.11.26 08:41`, `2026-11-03 09:14:00`.
    pub fn parse(text: &str) -> Option<SentAt> {
        let t = text.trim();
        let (date, time) = t
            .split_once(',')
            .map(|(d, t)| (d.trim(), t.trim()))
            .or_else(|| t.split_once(' ').map(|(d, t)| (d.trim(), t.trim())))?;
        let upper = time.to_ascii_uppercase();
        let (clock, twelve_hour) = match upper.strip_suffix("AM").or_else(|| upper.strip_suffix("PM")) {
            Some(c) => (format!("{} {}", c.trim(), &upper[upper.len() - 2..]), true),
            None => (upper.clone(), false),
        };
        let time = if twelve_hour {
            ["%I:%M %p", "%I:%M:%S %p"].iter().find_map(|f| NaiveTime::parse_from_str(&clock, f).ok())?
        } else {
            ["%H:%M", "%H:%M:%S"].iter().find_map(|f| NaiveTime::parse_from_str(&clock, f).ok())?
        };
        let (parts, fixed): (Vec<&str>, Option<DateOrder>) = if date.contains('-') {
            let p: Vec<&str> = date.split('-').collect();
            // ISO: year, month, day; stored as (month, day) read month first.
            (vec![p.get(1)?, p.get(2)?, p.first()?], Some(DateOrder::Mdy))
        } else if date.contains('.') {
            (date.split('.').collect(), Some(DateOrder::Dmy))
        } else {
            (date.split('/').collect(), None)
        };
        if parts.len() != 3
            || parts.iter().any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let first: u32 = parts[0].parse().ok()?;
        let second: u32 = parts[1].parse().ok()?;
        let year: i32 = parts[2].parse().ok()?;
        let year = if parts[2].len() <= 2 { 2000 + year } else { year };
        Some(SentAt { first, second, year, time, twelve_hour, fixed })
    }

    /// The wall-clock time in `order`, if it is a real date.
    pub fn in_order(&self, order: DateOrder) -> Option<NaiveDateTime> {
        let order = self.fixed.unwrap_or(order);
        let (day, month) = match order {
            DateOrder::Dmy => (self.first, self.second),
            DateOrder::Mdy => (self.second, self.first),
        };
        NaiveDate::from_ymd_opt(self.year, month, day).map(|d| d.and_time(self.time))
    }
}

/// Parses `11/3/26, 9:14 AM` month first, in UTC (the export's old, US reading).
pub fn parse_sent_at(text: &str) -> Option<Timestamp> {
    let naive = SentAt::parse(text)?.in_order(DateOrder::Mdy)?;
    Some(ReadOptions::default().local_time(naive))
}

/// The date order of a whole file, and why, from its `Sent At` values with their lines.
pub fn decide_date_order(rows: &[(usize, SentAt)]) -> Result<(DateOrder, String), (usize, String)> {
    let loose: Vec<&(usize, SentAt)> = rows.iter().filter(|(_, s)| s.fixed.is_none()).collect();
    let day_first = loose.iter().find(|(_, s)| s.first > 12);
    let month_first = loose.iter().find(|(_, s)| s.second > 12);
    match (day_first, month_first) {
        (Some((a, _)), Some((b, _))) => Err((
            *a.max(b),
            format!(
                "the file mixes date orders: line {a} can only be day first, line {b} only month first; nothing was imported"
            ),
        )),
        (Some((line, s)), None) => Ok((DateOrder::Dmy, format!("day first: line {line} has day {}", s.first))),
        (None, Some((line, s))) => Ok((DateOrder::Mdy, format!("month first: line {line} has day {}", s.second))),
        (None, None) if loose.is_empty() => Ok((DateOrder::Mdy, String::new())),
        (None, None) => {
            if loose.iter().all(|(_, s)| !s.twelve_hour) {
                return Ok((
                    DateOrder::Dmy,
                    format!("day first: times are on the 24-hour clock (line {}), as in day-first locales", loose[0].0),
                ));
            }
            Err((
                loose[0].0,
                "the dates could be day first or month first (no day above 12, 12-hour times); \
                 say which with --date-order dmy or --date-order mdy; nothing was imported"
                    .to_owned(),
            ))
        }
    }
}

pub fn read_invitations(path: &Path) -> Result<Vec<ImportedReport>, IngestError> {
    let text = read_text(path, MAX_TEXT_BYTES)?;
    Ok(parse_invitations(path, &text, &ReadOptions::default())?.reports)
}

pub fn parse_invitations(path: &Path, text: &str, opts: &ReadOptions) -> Result<Batch, IngestError> {
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
    // First every incoming row checked and its date taken apart; then the order decided from all.
    let mut rows = Vec::new();
    let mut batch = Batch::default();
    for record in rdr.records() {
        let record = record.map_err(|e| csv_error(path, e))?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let get = |i: usize| record.get(i).unwrap_or("").to_owned();
        let dir = get(direction);
        match dir.trim().to_ascii_uppercase().as_str() {
            "INCOMING" => {}
            "OUTGOING" => {
                batch.outgoing += 1;
                continue;
            }
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
        let sent_at = SentAt::parse(&sent_text).ok_or_else(|| {
            IngestError::new(path, format!("expected a time like \"11/3/26, 9:14 AM\", found {sent_text:?}"))
                .at_line(line)
                .field("Sent At")
        })?;
        rows.push((line, sent_at, sender_name, get(to), sent_text, inviter_url.map(get), get(message)));
    }
    let order = match opts.date_order {
        Some(o) => o,
        None => {
            let dates: Vec<(usize, SentAt)> = rows.iter().map(|r| (r.0, r.1)).collect();
            let (order, why) = decide_date_order(&dates)
                .map_err(|(line, msg)| IngestError::new(path, msg).at_line(line).field("Sent At"))?;
            if !why.is_empty() {
                batch.notes.push(format!("{}: dates read {why}", path.display()));
            }
            order
        }
    };
    for (line, sent_at, sender_name, to_name, sent_text, url, msg) in rows {
        let naive = sent_at.in_order(order).ok_or_else(|| {
            let o = if order == DateOrder::Dmy { "day first" } else { "month first" };
            IngestError::new(path, format!("{sent_text:?} is not a date when read {o}")).at_line(line).field("Sent At")
        })?;
        let received_at = opts.local_time(naive);
        let url = url.filter(|u| !u.trim().is_empty());
        // The export has no id; one derived from what identifies the invitation makes a
        // re-import of the same export a no-op.
        let key = format!("{}\u{1f}{}\u{1f}{}\u{1f}{}", sender_name, to_name, sent_text, url.as_deref().unwrap_or(""));
        let id = format!("LI-{}", &sha256_hex(key.as_bytes())[..16]);
        let mut extra = Extra::new();
        extra.insert("source".into(), serde_json::Value::String("linkedin-invitations-csv".into()));
        batch.reports.push(ImportedReport {
            report: Report {
                schema: Schema::V1,
                id: Some(id),
                received_at,
                reported_at: None,
                platform: Platform::Linkedin,
                reporter: None,
                recipient: Recipient { name: to_name, org: None, role: None },
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
    Ok(batch)
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
        let new = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nA,B,\"11/23/26, 9:14 AM\",hi,INCOMING,https://www.linkedin.com/in/a,https://www.linkedin.com/in/b\nB,C,\"11/3/26, 9:15 AM\",,OUTGOING,x,y\n";
        let b = parse_invitations(Path::new("i.csv"), new, &ReadOptions::default()).unwrap();
        assert_eq!(b.outgoing, 1);
        let r = b.reports;
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].report.sender.profile_url.as_deref(), Some("https://www.linkedin.com/in/a"));
        assert_eq!(r[0].line, 2);
        let old = "From,To,Sent At,Message,Direction\nA,B,\"11/23/26, 9:14 AM\",hi,INCOMING\n";
        let r = parse_invitations(Path::new("i.csv"), old, &ReadOptions::default()).unwrap().reports;
        assert_eq!(r[0].report.sender.profile_url, None);
        let bad = "From,To,Sent At,Message,inviterProfileUrl\n";
        let e = parse_invitations(Path::new("i.csv"), bad, &ReadOptions::default()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("Direction"));
    }

    fn read(csv_rows: &str, opts: &ReadOptions) -> Result<Batch, IngestError> {
        let text = format!("From,To,Sent At,Message,Direction\n{csv_rows}");
        parse_invitations(Path::new("Invitations.csv"), &text, opts)
    }

    fn dates(b: &Batch) -> Vec<String> {
        b.reports.iter().map(|r| r.report.received_at.utc().format("%Y-%m-%d %H:%M").to_string()).collect()
    }

    #[test]
    fn a_day_above_12_makes_the_whole_file_day_first() {
        // `05/10/26` alone could be either; line 3's 25 can only be a day, so it is 5 October.
        let b = read("A,J,\"05/10/26, 8:41 AM\",,INCOMING\nB,J,\"25/10/26, 9:00 PM\",,INCOMING\n", &Default::default())
            .unwrap();
        assert_eq!(dates(&b), ["2026-10-05 08:41", "2026-10-25 21:00"]);
        assert!(b.notes[0].contains("day first: line 3 has day 25"), "{:?}", b.notes);
    }

    #[test]
    fn a_second_number_above_12_makes_it_month_first() {
        // The look-alike of the day-first file: here `05/10/26` is 10 May.
        let b = read("A,J,\"05/10/26, 8:41 AM\",,INCOMING\nB,J,\"10/25/26, 9:00 PM\",,INCOMING\n", &Default::default())
            .unwrap();
        assert_eq!(dates(&b), ["2026-05-10 08:41", "2026-10-25 21:00"]);
    }

    #[test]
    fn a_24_hour_clock_means_day_first() {
        let b = read("A,J,\"05/10/26, 08:41\",,INCOMING\nB,J,\"06/10/26, 17:02\",,INCOMING\n", &Default::default())
            .unwrap();
        assert_eq!(dates(&b), ["2026-10-05 08:41", "2026-10-06 17:02"]);
    }

    #[test]
    fn an_ambiguous_file_is_refused_naming_the_flag_and_read_when_told() {
        let rows = "A,J,\"05/10/26, 8:41 AM\",,INCOMING\nB,J,\"06/10/26, 5:02 PM\",,INCOMING\n";
        let e = read(rows, &Default::default()).unwrap_err();
        assert!(e.message.contains("--date-order dmy") && e.message.contains("--date-order mdy"), "{e}");
        assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("Sent At")));
        let dmy = ReadOptions { date_order: Some(DateOrder::Dmy), ..Default::default() };
        assert_eq!(dates(&read(rows, &dmy).unwrap()), ["2026-10-05 08:41", "2026-10-06 17:02"]);
        let mdy = ReadOptions { date_order: Some(DateOrder::Mdy), ..Default::default() };
        assert_eq!(dates(&read(rows, &mdy).unwrap()), ["2026-05-10 08:41", "2026-06-10 17:02"]);
    }

    #[test]
    fn a_file_mixing_orders_or_contradicting_the_flag_is_refused() {
        let e = read("A,J,\"25/10/26, 8:41 AM\",,INCOMING\nB,J,\"10/25/26, 9:00 PM\",,INCOMING\n", &Default::default())
            .unwrap_err();
        assert!(e.message.contains("mixes date orders"), "{e}");
        let mdy = ReadOptions { date_order: Some(DateOrder::Mdy), ..Default::default() };
        let e = read("A,J,\"25/10/26, 8:41 AM\",,INCOMING\n", &mdy).unwrap_err();
        assert_eq!((e.line, e.field.as_deref()), (Some(2), Some("Sent At")));
    }

    #[test]
    fn times_are_read_in_the_zone_given() {
        let tz = ReadOptions { tz: Some(chrono_tz::Europe::London), ..Default::default() };
        // 5 October is summer time in London (UTC+1); 5 December is not.
        let b = read("A,J,\"05/10/26, 08:41\",,INCOMING\nB,J,\"05/12/26, 08:41\",,INCOMING\n", &tz).unwrap();
        assert_eq!(dates(&b), ["2026-10-05 07:41", "2026-12-05 08:41"]);
    }
}
