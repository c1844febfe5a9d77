//! Forwarded e-mails: `.eml` files, mbox files and Maildir folders of messages that staff sent
//! to the security mailbox.
//!
//! Each message is read as a *forward*: the approach itself is a message attached to it
//! (`message/rfc822`, one report per attached message), quoted inline below a forwarding marker
//! (Gmail, Outlook, Thunderbird, Apple Mail), or — when a mail rule redirected a LinkedIn
//! notification unchanged — the message itself. The approach is then either a LinkedIn
//! notification ("X wants to connect", "X sent you a message", an InMail) or a plain e-mail from
//! anyone else. Everything else is skipped and counted with its reason, never guessed at: other
//! LinkedIn notifications, automatic replies and delivery reports, a message forwarding nothing.
//!
//! MIME (multipart, quoted-printable, base64, character sets, HTML-only bodies) is parsed by
//! `mail-parser`. Fields are taken only from fixed places — headers, the forwarding block's
//! header lines, LinkedIn's own layout (name, then headline and location, then the note) — and
//! a recognised approach whose name or date cannot be read is an error, which stops the file.

use super::links::{clean_url, hrefs_in_html, images_in_html, linkedin_profile, urls_in_text};
use super::{Batch, IngestError, PhotoFile, ReadOptions, Skipped, photos};
use crate::domain::audit::sha256_hex;
use crate::domain::report::{Extra, Schema, Timestamp};
use crate::domain::{Platform, Recipient, Report, Sender};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use std::path::Path;

/// Largest single message read (a notification is ~60 KB; a forward with photos a few MB).
pub const MAX_MESSAGE_BYTES: u64 = 25 << 20;
/// Largest mbox file read.
pub const MAX_MBOX_BYTES: u64 = 1 << 30;
/// Most messages in one Maildir folder.
const MAX_MAILDIR_MESSAGES: usize = 100_000;
/// Longest headline or location taken from a notification's layout.
const MAX_LINE: usize = 300;
/// Most web addresses kept from one plain e-mail.
const MAX_WEBSITES: usize = 20;

/// One message of a file, with where it starts (1-based line) and how people name it.
struct RawMessage {
    line: usize,
    label: String,
    bytes: Vec<u8>,
}

/// An `.eml` file: one message.
pub fn read_eml(path: &Path, opts: &ReadOptions) -> Result<Batch, IngestError> {
    read_eml_bytes(path, super::read_bytes(path, MAX_MESSAGE_BYTES)?, opts)
}

/// One message already read from `path`.
pub fn read_eml_bytes(path: &Path, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Batch, IngestError> {
    read_messages(path, vec![RawMessage { line: 1, label: "the message".into(), bytes }], opts)
}

/// An mbox file: messages each starting with a `From ` line (mboxo and mboxrd quoting).
pub fn read_mbox(path: &Path, opts: &ReadOptions) -> Result<Batch, IngestError> {
    read_mbox_bytes(path, super::read_bytes(path, MAX_MBOX_BYTES)?, opts)
}

/// An mbox already read from `path`.
pub fn read_mbox_bytes(path: &Path, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Batch, IngestError> {
    let mut messages = Vec::new();
    let mut line = 1usize;
    for (i, m) in mail_parser::mailbox::mbox::MessageIterator::new(&bytes[..]).enumerate() {
        let m = m.map_err(|e| IngestError::new(path, format!("cannot read the mailbox: {e}")))?;
        let contents = m.unwrap_contents();
        // The message's `From ` separator line is `line`; its header starts on the next.
        let start = line + 1;
        line += 1 + contents.iter().filter(|&&b| b == b'\n').count();
        messages.push(RawMessage { line: start, label: format!("message {}", i + 1), bytes: contents });
    }
    if messages.is_empty() {
        return Err(IngestError::new(path, "not an mbox file: no line starts with \"From \"").at_line(1));
    }
    read_messages(path, messages, opts)
}

/// A Maildir folder: the messages in its `cur/` and `new/` (`tmp/` holds deliveries still being
/// written), in name order.
pub fn read_maildir(dir: &Path, opts: &ReadOptions) -> Result<Batch, IngestError> {
    let mut files = Vec::new();
    for sub in ["cur", "new"] {
        let folder = dir.join(sub);
        let entries = match std::fs::read_dir(&folder) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(IngestError::new(&folder, format!("cannot read the folder: {e}"))),
        };
        for entry in entries {
            let entry = entry.map_err(|e| IngestError::new(&folder, format!("cannot read the folder: {e}")))?;
            let name = entry.file_name();
            // Dot files are the mail program's own; anything not a regular file is refused below.
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            files.push(entry.path());
        }
    }
    if files.len() > MAX_MAILDIR_MESSAGES {
        return Err(IngestError::new(
            dir,
            format!("{} messages; at most {MAX_MAILDIR_MESSAGES} are read from one Maildir", files.len()),
        ));
    }
    files.sort();
    let mut batch = Batch::default();
    for file in files {
        let meta =
            std::fs::symlink_metadata(&file).map_err(|e| IngestError::new(&file, format!("cannot read: {e}")))?;
        if !meta.is_file() {
            return Err(IngestError::new(&file, "not a regular file; a Maildir holds only message files"));
        }
        let bytes = super::read_bytes(&file, MAX_MESSAGE_BYTES)?;
        let one = read_messages(&file, vec![RawMessage { line: 1, label: "the message".into(), bytes }], opts)?;
        batch.extend(one);
    }
    Ok(batch)
}

/// Whether `dir` is laid out as a Maildir.
pub fn is_maildir(dir: &Path) -> bool {
    dir.join("cur").is_dir() || dir.join("new").is_dir()
}

fn read_messages(path: &Path, messages: Vec<RawMessage>, opts: &ReadOptions) -> Result<Batch, IngestError> {
    let mut batch = Batch::default();
    for m in &messages {
        let at = |e: Located| {
            let mut err = IngestError::new(path, format!("{}: {}", m.label, e.message)).at_line(m.line);
            if let Some(f) = e.field {
                err = err.field(f);
            }
            err
        };
        let parsed = MessageParser::default()
            .parse(&m.bytes)
            .ok_or_else(|| at(Located::new(None, "not an e-mail message (no header could be read)")))?;
        for outcome in approaches_in(&parsed, opts).map_err(at)? {
            match outcome {
                Found::Approach(report, photo) => {
                    batch.reports.push(super::ImportedReport { report: *report, line: m.line, photo })
                }
                Found::NotApproach(reason) => {
                    let subject = parsed.subject().unwrap_or("").to_owned();
                    batch.skipped.push(Skipped {
                        file: path.to_path_buf(),
                        line: m.line,
                        what: if subject.is_empty() { m.label.clone() } else { format!("{} ({subject:?})", m.label) },
                        reason,
                    })
                }
            }
        }
    }
    Ok(batch)
}

/// What one message held.
enum Found {
    Approach(Box<Report>, Option<PhotoFile>),
    NotApproach(String),
}

/// An error inside a message: the field (report field or mail header) and what was wrong.
struct Located {
    field: Option<String>,
    message: String,
}

impl Located {
    fn new(field: Option<&str>, message: impl Into<String>) -> Self {
        Located { field: field.map(str::to_owned), message: message.into() }
    }
}

/// The forward's envelope: who sent it to the security mailbox, when, and what they wrote.
#[derive(Default)]
struct Envelope {
    reporter: Option<String>,
    reporter_name: Option<String>,
    reported_at: Option<Timestamp>,
    notes: Option<String>,
}

/// The approach as found: headers (real or from a forwarding block) and bodies.
struct Source<'a> {
    from_name: Option<String>,
    from_address: Option<String>,
    to_name: Option<String>,
    to_address: Option<String>,
    subject: String,
    date: Option<Timestamp>,
    /// The date as written, for messages when it cannot be read.
    date_text: Option<String>,
    message_id: Option<String>,
    text: String,
    html: String,
    /// Where its images are: the message itself (attached or direct), or the forward (inline).
    images_in: &'a Message<'a>,
}

fn approaches_in(outer: &Message, opts: &ReadOptions) -> Result<Vec<Found>, Located> {
    if let Some(reason) = automatic(outer) {
        return Ok(vec![Found::NotApproach(reason)]);
    }
    let attached: Vec<&Message> = outer.attachments().filter_map(|p| p.message()).collect();
    let outer_from = outer.from().and_then(|a| a.first());
    let envelope = |notes: Option<String>| Envelope {
        reporter: outer_from.and_then(|a| a.address()).map(str::to_owned),
        reporter_name: outer_from.and_then(|a| a.name()).map(str::to_owned),
        reported_at: outer.date().and_then(mail_time),
        notes,
    };
    if !attached.is_empty() {
        let notes = Some(clean_notes(&plain_text(outer))).filter(|t| !t.is_empty());
        let env = envelope(notes);
        return attached.into_iter().map(|inner| approach(source_of(inner, inner), &env, opts)).collect();
    }
    if is_linkedin(outer.from().and_then(|a| a.first()).and_then(|a| a.address())) {
        // A notification redirected as it was: no forwarder is named in it.
        return Ok(vec![approach(source_of(outer, outer), &Envelope::default(), opts)?]);
    }
    let text = plain_text(outer);
    match inline_forward(&text) {
        Some(fwd) => {
            let env = envelope(Some(fwd.notes.clone()).filter(|n| !n.is_empty()));
            let html = outer.body_html(0).map(|t| t.into_owned()).unwrap_or_default();
            let src = inline_source(fwd, html, outer, opts)?;
            Ok(vec![approach(src, &env, opts)?])
        }
        None => {
            Ok(vec![Found::NotApproach("it forwards no message (nothing attached, no forwarded-message block)".into())])
        }
    }
}

/// Automatic replies, delivery reports and read receipts.
fn automatic(m: &Message) -> Option<String> {
    let auto = m.header_raw("Auto-Submitted").map(|v| v.trim().to_ascii_lowercase());
    if auto.as_deref().is_some_and(|v| !v.starts_with("no")) {
        return Some("an automatic message (Auto-Submitted)".into());
    }
    if m.content_type().is_some_and(|c| {
        c.ctype().eq_ignore_ascii_case("multipart") && c.subtype().is_some_and(|s| s.eq_ignore_ascii_case("report"))
    }) {
        return Some("a delivery or read report".into());
    }
    let from = m.from().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or("").to_ascii_lowercase();
    if from.starts_with("mailer-daemon@") || from.starts_with("postmaster@") {
        return Some("a delivery report".into());
    }
    None
}

fn source_of<'a>(m: &'a Message<'a>, images_in: &'a Message<'a>) -> Source<'a> {
    let from = m.from().and_then(|a| a.first());
    let to = m.to().and_then(|a| a.first());
    Source {
        from_name: from.and_then(|a| a.name()).map(str::to_owned),
        from_address: from.and_then(|a| a.address()).map(str::to_owned),
        to_name: to.and_then(|a| a.name()).map(str::to_owned),
        to_address: to.and_then(|a| a.address()).map(str::to_owned),
        subject: m.subject().unwrap_or("").to_owned(),
        date: m.date().and_then(mail_time),
        date_text: m.header_raw("Date").map(|d| d.trim().to_owned()),
        message_id: m.message_id().map(str::to_owned),
        text: plain_text(m),
        html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        images_in,
    }
}

fn mail_time(d: &mail_parser::DateTime) -> Option<Timestamp> {
    if !d.is_valid() {
        return None;
    }
    DateTime::from_timestamp(d.to_timestamp(), 0).map(|t| Timestamp(t.fixed_offset()))
}

/// A message quoted below a forwarding marker.
struct InlineForward {
    /// What the forwarder wrote above the marker.
    notes: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// The lines mail programs put above a forwarded message.
const FORWARD_MARKERS: &[&str] = &[
    "---------- forwarded message ---------",
    "-------- forwarded message --------",
    "-------- original message --------",
    "-----original message-----",
    "begin forwarded message:",
];

fn inline_forward(text: &str) -> Option<InlineForward> {
    let lines: Vec<&str> = text.lines().collect();
    let marker = lines.iter().position(|l| {
        let l = l.trim().trim_start_matches('>').trim().to_ascii_lowercase();
        FORWARD_MARKERS.iter().any(|m| l == *m)
    })?;
    let mut headers = Vec::new();
    let mut i = marker + 1;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    while i < lines.len() {
        let l = lines[i].trim();
        if l.is_empty() {
            break;
        }
        match l.split_once(':') {
            Some((k, v)) if !k.is_empty() && k.len() <= 20 && k.chars().all(|c| c.is_alphabetic() || c == '-') => {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
            // A long header folded onto the next line.
            _ if !headers.is_empty() => {
                if let Some((_, v)) = headers.last_mut() {
                    v.push(' ');
                    v.push_str(l);
                }
            }
            _ => break,
        }
        i += 1;
    }
    if headers.is_empty() {
        return None;
    }
    Some(InlineForward {
        notes: clean_notes(&lines[..marker].join("\n")),
        headers,
        body: lines[i.min(lines.len())..].join("\n").trim().to_owned(),
    })
}

fn inline_source<'a>(
    fwd: InlineForward,
    html: String,
    outer: &'a Message<'a>,
    opts: &ReadOptions,
) -> Result<Source<'a>, Located> {
    let header = |names: &[&str]| {
        fwd.headers.iter().find(|(k, _)| names.contains(&k.as_str())).map(|(_, v)| v.clone()).filter(|v| !v.is_empty())
    };
    let (from_name, from_address) = header(&["from"]).map(|f| split_address(&f)).unwrap_or((None, None));
    let (to_name, to_address) = header(&["to"]).map(|t| split_address(&t)).unwrap_or((None, None));
    let date_text = header(&["date", "sent"]);
    let date = match &date_text {
        Some(d) => Some(forwarded_time(d, opts).ok_or_else(|| {
            Located::new(Some("Date"), format!("the forwarded message's date {d:?} is not a date this import can read"))
        })?),
        None => None,
    };
    Ok(Source {
        from_name,
        from_address,
        to_name,
        to_address,
        subject: header(&["subject"]).unwrap_or_default(),
        date,
        date_text,
        message_id: None,
        text: fwd.body,
        html,
        images_in: outer,
    })
}

/// `Name <address>`, `"Name" <address>`, `address` or `Name [mailto:address]` (Outlook).
fn split_address(text: &str) -> (Option<String>, Option<String>) {
    let t = text.trim();
    let bracket = t.rfind('<').zip(t.rfind('>')).or_else(|| t.rfind("[mailto:").zip(t.rfind(']')));
    if let Some((open, close)) = bracket.filter(|(o, c)| o < c) {
        let inside = t[open + 1..close].trim_start_matches("mailto:").trim();
        let name = t[..open].trim().trim_matches('"').trim();
        return ((!name.is_empty()).then(|| name.to_owned()), inside.contains('@').then(|| inside.to_owned()));
    }
    if t.contains('@') && !t.contains(' ') {
        return (None, Some(t.to_owned()));
    }
    ((!t.is_empty()).then(|| t.to_owned()), None)
}

/// The date line of a forwarding block, as mail programs write it: RFC 5322
/// (`Mon, 2 Nov 2026 09:14:00 +0000`), Gmail (`Mon, Nov 2, 2026 at 9:14 AM`), Outlook
/// (`Monday, November 2, 2026 9:14 AM`) and Apple Mail (`2 November 2026 at 09:14:00 GMT`).
/// Without a zone the time is read in `--tz` (UTC when not given).
fn forwarded_time(text: &str, opts: &ReadOptions) -> Option<Timestamp> {
    let t = text.trim();
    if let Some(d) = mail_parser::DateTime::parse_rfc822(t).filter(|d| d.is_valid()) {
        return mail_time(&d);
    }
    let mut s = t.replace(" at ", " ").replace(',', " ");
    for zone in [" GMT", " UTC"] {
        if let Some(stripped) = s.strip_suffix(zone) {
            s = stripped.to_owned();
        }
    }
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    const FORMATS: &[&str] = &[
        "%a %b %d %Y %I:%M %p",
        "%A %B %d %Y %I:%M %p",
        "%b %d %Y %I:%M %p",
        "%B %d %Y %I:%M %p",
        "%a %d %b %Y %H:%M",
        "%A %d %B %Y %H:%M",
        "%d %B %Y %H:%M:%S",
        "%d %B %Y %H:%M",
        "%a %d %b %Y %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ];
    let naive = FORMATS.iter().find_map(|f| NaiveDateTime::parse_from_str(&s, f).ok())?;
    Some(opts.local_time(naive))
}

fn is_linkedin(address: Option<&str>) -> bool {
    address
        .and_then(|a| a.rsplit_once('@'))
        .map(|(_, d)| d.trim_end_matches('>').to_ascii_lowercase())
        .is_some_and(|d| d == "linkedin.com" || d.ends_with(".linkedin.com"))
}

/// Which LinkedIn notification it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notification {
    Invitation,
    Message,
    InMail,
}

impl Notification {
    fn as_str(self) -> &'static str {
        match self {
            Notification::Invitation => "invitation",
            Notification::Message => "message",
            Notification::InMail => "inmail",
        }
    }
}

fn linkedin_kind(src: &Source) -> Result<Notification, String> {
    let subject = src.subject.to_lowercase();
    let local = src.from_address.as_deref().and_then(|a| a.split('@').next()).unwrap_or("").to_ascii_lowercase();
    if subject.contains("accepted your invitation") {
        return Err("a LinkedIn notification that an invitation was accepted".into());
    }
    if local.starts_with("inmail") || subject.contains("inmail") {
        return Ok(Notification::InMail);
    }
    if [
        "wants to connect",
        "would like to connect",
        "invitation to connect",
        "invited you to connect",
        "add me to your",
    ]
    .iter()
    .any(|p| subject.contains(p))
        || (local.starts_with("invitations") && subject.contains("invitation"))
    {
        return Ok(Notification::Invitation);
    }
    if ["sent you a message", "sent you a new message", "new message from", "messaged you"]
        .iter()
        .any(|p| subject.contains(p))
        || local.starts_with("messages-noreply")
    {
        return Ok(Notification::Message);
    }
    Err(format!("a LinkedIn notification that is not an invitation, message or InMail ({:?})", src.subject))
}

/// The sender's name in a LinkedIn notification: the From name (`Sarah Chen via LinkedIn`), or
/// the subject (`Sarah Chen wants to connect`) when the From name is LinkedIn's own.
fn linkedin_sender(src: &Source) -> Option<String> {
    let from = src.from_name.as_deref().map(str::trim).unwrap_or("");
    let from = from.strip_suffix("via LinkedIn").map(str::trim).unwrap_or(from);
    if !from.is_empty() && !from.eq_ignore_ascii_case("linkedin") && !from.to_ascii_lowercase().starts_with("linkedin ")
    {
        return Some(from.to_owned());
    }
    let lower = src.subject.to_lowercase();
    for phrase in [" wants to connect", " would like to connect", " sent you a new message", " sent you a message"] {
        if let Some(i) = lower.find(phrase) {
            let name = src.subject[..i].trim().trim_end_matches(',');
            if !name.is_empty() {
                return Some(name.to_owned());
            }
        }
    }
    None
}

/// Lines at which a notification's own text ends and LinkedIn's buttons and footer begin.
const LINKEDIN_STOPS: &[&str] = &[
    "accept",
    "ignore",
    "view profile",
    "view message",
    "view inmail",
    "reply",
    "see all",
    "unsubscribe",
    "this email was intended for",
    "you are receiving",
    "learn why we included this",
    "help:",
    "©",
    "linkedin corporation",
    "-----",
];

fn is_stop(line: &str) -> bool {
    let l = line.trim().to_lowercase();
    l.starts_with("http://") || l.starts_with("https://") || LINKEDIN_STOPS.iter().any(|s| l.starts_with(s))
}

/// The layout every LinkedIn notification shares in its text: the sender's name alone on a
/// line, then headline and location on the lines right below, a blank line, then what they wrote
/// up to the buttons.
struct LinkedinLayout {
    headline: Option<String>,
    location: Option<String>,
    text: Option<String>,
}

fn linkedin_layout(body: &str, name: &str) -> LinkedinLayout {
    let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let mut out = LinkedinLayout { headline: None, location: None, text: None };
    let Some(at) = lines.iter().position(|l| l.trim() == name) else { return out };
    let mut i = at + 1;
    let mut block = Vec::new();
    while i < lines.len() && !lines[i].trim().is_empty() && !is_stop(lines[i]) {
        block.push(lines[i].trim());
        i += 1;
    }
    let fits = |s: &&&str| s.chars().count() <= MAX_LINE;
    out.headline = block.first().filter(fits).map(|s| s.to_string());
    out.location = block.get(1).filter(fits).map(|s| s.to_string());
    let mut text = Vec::new();
    for l in &lines[i..] {
        if is_stop(l) {
            break;
        }
        text.push(l.trim());
    }
    let text = text.join("\n").trim().to_owned();
    // An invitation's note is shown in quotes; a message as "Name: text" or "First: text".
    let first = name.split_whitespace().next().unwrap_or(name);
    let text = text
        .strip_prefix(&format!("{name}:"))
        .or_else(|| text.strip_prefix(&format!("{first}:")))
        .map(str::trim)
        .unwrap_or(&text);
    let text = strip_quotes(text);
    out.text = (!text.is_empty()).then(|| text.to_owned());
    out
}

fn strip_quotes(text: &str) -> &str {
    for (open, close) in [('"', '"'), ('“', '”'), ('«', '»')] {
        if let Some(inner) = text.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            return inner.trim();
        }
    }
    text
}

/// LinkedIn's footer names the member the notification went to: `This email was intended for
/// Jane Smith (Senior Policy Adviser, Nuclear)`.
fn intended_for(body: &str) -> Option<(String, Option<String>)> {
    let line = body.lines().map(str::trim).find(|l| l.to_lowercase().starts_with("this email was intended for "))?;
    let rest = line["this email was intended for ".len()..].trim().trim_end_matches('.');
    match rest.split_once(" (") {
        Some((name, role)) => Some((name.trim().to_owned(), Some(role.trim_end_matches(')').trim().to_owned()))),
        None => Some((rest.to_owned(), None)),
    }
}

fn approach(src: Source, env: &Envelope, opts: &ReadOptions) -> Result<Found, Located> {
    let linkedin = is_linkedin(src.from_address.as_deref());
    let kind = if linkedin {
        match linkedin_kind(&src) {
            Ok(k) => Some(k),
            Err(reason) => return Ok(Found::NotApproach(reason)),
        }
    } else {
        None
    };
    let text = if src.text.trim().is_empty() { html_text(&src.html) } else { src.text.clone() };
    let links: Vec<String> = {
        let mut l = hrefs_in_html(&src.html);
        l.extend(urls_in_text(&text));
        l
    };
    let mut extra = Extra::new();
    extra.insert("source".into(), "email".into());
    if !src.subject.is_empty() {
        extra.insert("email_subject".into(), src.subject.clone().into());
    }
    let received_at = match (src.date, &src.date_text) {
        (Some(d), _) => d,
        (None, Some(t)) => return Err(Located::new(Some("Date"), format!("the approach's date {t:?} cannot be read"))),
        (None, None) => {
            return Err(Located::new(
                Some("Date"),
                "the approach has no date (no Date header in the forwarded message)",
            ));
        }
    };
    let mut sender = Sender::default();
    let mut recipient = Recipient::default();
    let message;
    let platform;
    if let Some(kind) = kind {
        platform = Platform::Linkedin;
        extra.insert("linkedin_notification".into(), kind.as_str().into());
        sender.name = linkedin_sender(&src).ok_or_else(|| {
            Located::new(
                Some("sender.name"),
                "a LinkedIn notification whose sender's name cannot be found (From or Subject)",
            )
        })?;
        let layout = linkedin_layout(&text, &sender.name);
        sender.headline = layout.headline;
        sender.location = layout.location;
        sender.profile_url = links.iter().find_map(|l| linkedin_profile(l));
        message = match (kind, layout.text) {
            (Notification::InMail, Some(t)) if !src.subject.is_empty() => Some(format!("{}\n\n{t}", src.subject)),
            (_, t) => t,
        };
        if let Some((name, role)) = intended_for(&text) {
            recipient.name = name;
            recipient.role = role;
        }
    } else {
        platform = Platform::Email;
        let address = src.from_address.clone();
        sender.name = src
            .from_name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| address.clone())
            .ok_or_else(|| Located::new(Some("From"), "the forwarded message names no sender"))?;
        sender.emails = address.into_iter().collect();
        sender.profile_url = links.iter().find_map(|l| linkedin_profile(l));
        let mut sites: Vec<String> = Vec::new();
        for l in links.iter().filter(|l| linkedin_profile(l).is_none()) {
            let c = clean_url(l);
            if !sites.contains(&c) && sites.len() < MAX_WEBSITES {
                sites.push(c);
            }
        }
        sender.websites = sites;
        let body = text.trim();
        message = match (src.subject.trim(), body.is_empty()) {
            ("", true) => None,
            ("", false) => Some(body.to_owned()),
            (s, true) => Some(s.to_owned()),
            (s, false) => Some(format!("{s}\n\n{body}")),
        };
    }
    if recipient.name.is_empty() {
        recipient.name = src
            .to_name
            .clone()
            .or(src.to_address.clone())
            .or(env.reporter_name.clone())
            .or(env.reporter.clone())
            .unwrap_or_default();
    }
    if recipient.name.trim().is_empty() {
        return Err(Located::new(Some("To"), "the approach names no recipient (no To header, no forwarder)"));
    }
    recipient.org = opts.recipient_org.clone();
    let photo = profile_photo(&src, &sender.name).map_err(|e| Located::new(Some("sender.photo"), e))?;
    let key = match &src.message_id {
        Some(id) => format!("message-id\u{1f}{id}"),
        None => format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            sender.name,
            src.date_text.as_deref().unwrap_or(""),
            src.subject,
            message.as_deref().unwrap_or("")
        ),
    };
    if let Some(id) = &src.message_id {
        extra.insert("email_message_id".into(), id.clone().into());
    }
    let report = Report {
        schema: Schema::V1,
        id: Some(format!("EM-{}", &sha256_hex(key.as_bytes())[..16])),
        received_at,
        reported_at: env.reported_at,
        platform,
        reporter: env.reporter.clone().or(opts.reporter.clone()),
        recipient,
        sender,
        message,
        thread: Vec::new(),
        notes: env.notes.clone(),
        extra,
    };
    Ok(Found::Approach(Box::new(report), photo))
}

/// The text of a message: its plain-text part, or its HTML made text when it has none.
fn plain_text(m: &Message) -> String {
    match m.text_part(0) {
        Some(p) if !p.is_text_html() => m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
        _ => html_text(&m.body_html(0).unwrap_or_default()),
    }
}

/// Plain text of an HTML body, for notifications sent as HTML only: paragraphs and blocks end
/// in a blank line, as in the plain-text part they would otherwise have.
fn html_text(html: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    let mut marked = String::with_capacity(html.len() + 64);
    let lower = html.to_ascii_lowercase();
    let mut last = 0;
    for (i, _) in lower.match_indices("</") {
        let tag: String = lower[i + 2..].chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if matches!(tag.as_str(), "p" | "div" | "tr" | "table" | "h1" | "h2" | "h3" | "li") {
            let end = lower[i..].find('>').map(|e| i + e + 1).unwrap_or(lower.len());
            marked.push_str(&html[last..end]);
            marked.push_str("<br><br>");
            last = end;
        }
    }
    marked.push_str(&html[last..]);
    let text = mail_parser::decoders::html::html_to_text(&marked);
    // Collapse the runs of blank lines nested blocks leave.
    let mut out = String::new();
    let mut blank = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if blank > 0 && !out.is_empty() {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// The profile picture: an image the HTML shows with the sender's name or "profile" as its
/// alternative text, or named like one (`profile`, `photo`, `avatar`); failing that, the only
/// image there is. Several images and none of them marked means no photo, not a guess.
fn profile_photo(src: &Source, name: &str) -> Result<Option<PhotoFile>, String> {
    let images: Vec<(Option<String>, Option<String>, Vec<u8>)> = src
        .images_in
        .parts
        .iter()
        .filter(|p| p.content_type().is_some_and(|c| c.ctype().eq_ignore_ascii_case("image")))
        .filter_map(|p| match &p.body {
            PartType::Binary(b) | PartType::InlineBinary(b) => Some((
                p.content_id().map(|c| c.trim_matches(['<', '>']).to_owned()),
                p.attachment_name().map(str::to_owned),
                b.to_vec(),
            )),
            _ => None,
        })
        .collect();
    if images.is_empty() {
        return Ok(None);
    }
    let lower_name = name.to_lowercase();
    let marked_cids: Vec<String> = images_in_html(&src.html)
        .into_iter()
        .filter(|(_, alt)| {
            let alt = alt.to_lowercase();
            (!lower_name.is_empty() && alt.contains(&lower_name)) || alt.contains("profile")
        })
        .filter_map(|(s, _)| s.strip_prefix("cid:").map(str::to_owned))
        .collect();
    let named = |n: &Option<String>| {
        n.as_deref().is_some_and(|n| {
            let n = n.to_lowercase();
            ["profile", "photo", "avatar"].iter().any(|w| n.contains(w))
        })
    };
    let chosen = images
        .iter()
        .find(|(cid, _, _)| cid.as_ref().is_some_and(|c| marked_cids.contains(c)))
        .or_else(|| images.iter().find(|(_, file, _)| named(file)))
        .or_else(|| (images.len() == 1).then(|| &images[0]));
    match chosen {
        Some((_, _, bytes)) => photos::photo_from_bytes(bytes.clone()).map(Some),
        None => Ok(None),
    }
}

/// The forwarder's own words: without quoted lines and the usual signature separator.
fn clean_notes(text: &str) -> String {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.trim_end() == "--" {
            break;
        }
        if line.trim_start().starts_with('>') {
            continue;
        }
        out.push(line.trim_end());
    }
    out.join("\n").trim().to_owned()
}

impl ReadOptions {
    /// A wall-clock time from an input that names no zone, read in `--tz` (UTC by default).
    pub fn local_time(&self, naive: NaiveDateTime) -> Timestamp {
        let utc = match self.tz {
            Some(tz) => tz
                .from_local_datetime(&naive)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| Utc.from_utc_datetime(&naive)),
            None => Utc.from_utc_datetime(&naive),
        };
        Timestamp(utc.fixed_offset())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_date_lines_of_the_common_mail_programs() {
        let opts = ReadOptions::default();
        let at = |s: &str| forwarded_time(s, &opts).map(|t| t.utc().to_rfc3339());
        let want = Some("2026-11-02T09:14:00+00:00".to_owned());
        assert_eq!(at("Mon, 2 Nov 2026 09:14:00 +0000"), want);
        assert_eq!(at("Mon, Nov 2, 2026 at 9:14 AM"), want);
        assert_eq!(at("Monday, November 2, 2026 9:14 AM"), want);
        assert_eq!(at("2 November 2026 at 09:14:00 GMT"), want);
        assert_eq!(at("sometime last week"), None);
        let london = ReadOptions { tz: Some(chrono_tz::Europe::London), ..Default::default() };
        // 2 July is summer time in London: 09:14 there is 08:14 UTC.
        assert_eq!(
            forwarded_time("Thu, Jul 2, 2026 at 9:14 AM", &london).map(|t| t.utc().to_rfc3339()),
            Some("2026-07-02T08:14:00+00:00".to_owned())
        );
    }

    #[test]
    fn addresses_in_forwarding_blocks() {
        assert_eq!(
            split_address("Sarah Chen <s.chen@gtp.example>"),
            (Some("Sarah Chen".into()), Some("s.chen@gtp.example".into()))
        );
        assert_eq!(
            split_address("\"Chen, Sarah\" [mailto:s.chen@gtp.example]"),
            (Some("Chen, Sarah".into()), Some("s.chen@gtp.example".into()))
        );
        assert_eq!(split_address("s.chen@gtp.example"), (None, Some("s.chen@gtp.example".into())));
    }

    #[test]
    fn the_layout_gives_headline_location_and_note_and_stops_at_the_buttons() {
        let body = "Sarah Chen would like to connect\n\nSarah Chen\nSenior Talent Partner\nLondon\n\n\"Hi Jane, a paid white paper?\"\n\nAccept: https://x\nView profile: https://y\n";
        let l = linkedin_layout(body, "Sarah Chen");
        assert_eq!(l.headline.as_deref(), Some("Senior Talent Partner"));
        assert_eq!(l.location.as_deref(), Some("London"));
        assert_eq!(l.text.as_deref(), Some("Hi Jane, a paid white paper?"));
        // No note: nothing between the profile block and the buttons.
        let bare = "Sarah Chen\nSenior Talent Partner\n\nAccept: https://x\n";
        assert_eq!(linkedin_layout(bare, "Sarah Chen").text, None);
    }
}
