//! Importers for untrusted input files: approach reports, LinkedIn invitation exports (the CSV
//! or the whole export ZIP), forwarded e-mails (`.eml`, mbox, Maildir), gzip-compressed inputs,
//! reference photo folders and watchlists (CSV, MISP, STIX). Pure functions from files to domain
//! values — no SQL; a file either parses whole or yields one error naming file, line and field.

pub mod archive;
pub mod email;
pub mod linkedin;
pub mod links;
pub mod partner;
pub mod photos;
pub mod reference;
pub mod reports;
pub mod watchlist;

use std::fmt;
use std::path::{Path, PathBuf};

pub use photos::PhotoFile;
pub use reports::ImportedReport;

/// Where in which file the input was wrong, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct IngestError {
    pub file: PathBuf,
    /// 1-based line, for line-oriented files (JSONL, CSV) and JSON syntax errors.
    pub line: Option<usize>,
    /// Dotted path of the field (`sender.connections`, `[1].platform`) or the CSV column.
    pub field: Option<String>,
    pub message: String,
}

impl IngestError {
    pub fn new(file: &Path, message: impl Into<String>) -> Self {
        IngestError { file: file.to_path_buf(), line: None, field: None, message: message.into() }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let f = field.into();
        self.field = (!f.is_empty()).then_some(f);
        self
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// How an input file is to be read, from its name (and, for a folder, its layout).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    ReportsJsonl,
    ReportsJson,
    LinkedinInvitations,
    /// The LinkedIn data export as downloaded: a ZIP holding `Invitations.csv`.
    LinkedinExportZip,
    /// One e-mail message (`.eml`).
    Email,
    /// An mbox file of messages.
    Mbox,
    /// A Maildir folder (`cur/`, `new/`).
    Maildir,
    /// Any of the file kinds above, gzip-compressed (`reports.jsonl.gz`).
    Gzip,
}

/// What `import` accepts, for messages.
pub const ACCEPTED: &str = "approach reports (.jsonl, .json), a LinkedIn Invitations.csv or export .zip, \
e-mail (.eml, .mbox, a Maildir folder), or any of these files gzip-compressed (.gz)";

impl InputKind {
    pub fn of(path: &Path) -> Option<Self> {
        if path.is_dir() {
            return email::is_maildir(path).then_some(InputKind::Maildir);
        }
        Self::of_name(path)
    }

    /// The kind a file name says, without looking at the disk.
    pub fn of_name(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(InputKind::ReportsJsonl),
            "json" => Some(InputKind::ReportsJson),
            "csv" => Some(InputKind::LinkedinInvitations),
            "zip" => Some(InputKind::LinkedinExportZip),
            "eml" => Some(InputKind::Email),
            "mbox" | "mbx" => Some(InputKind::Mbox),
            "gz" => Some(InputKind::Gzip),
            _ => None,
        }
    }
}

/// In which order a date like `05/10/26` gives day and month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// Day first: `05/10/26` is 5 October.
    Dmy,
    /// Month first: `05/10/26` is 10 May.
    Mdy,
}

/// Told how many lines of a long input are parsed: `(done, total)`.
#[derive(Clone)]
pub struct LineTicker(pub std::sync::Arc<dyn Fn(u64, u64) + Send + Sync>);

impl fmt::Debug for LineTicker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LineTicker")
    }
}

/// What an import is told beyond its files.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Where line-by-line parsing reports how far it is.
    pub lines: Option<LineTicker>,
    /// The date order of LinkedIn exports, when the file alone cannot tell.
    pub date_order: Option<DateOrder>,
    /// The zone of times written without one (LinkedIn exports, forwarded-message blocks).
    pub tz: Option<chrono_tz::Tz>,
    /// Who reported, for reports that do not say.
    pub reporter: Option<String>,
    /// The approached official's organisation, for reports that do not say.
    pub recipient_org: Option<String>,
}

/// A message or row read and set aside because it is not an approach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub file: PathBuf,
    pub line: usize,
    /// Which message, as people would name it (`message 3 ("Weekly digest")`).
    pub what: String,
    pub reason: String,
}

/// Everything one input yielded.
#[derive(Debug, Default)]
pub struct Batch {
    pub reports: Vec<ImportedReport>,
    /// Messages that are not approaches, with why.
    pub skipped: Vec<Skipped>,
    /// LinkedIn invitations the member sent (not approaches).
    pub outgoing: usize,
    /// How the input was read where it had to be decided (e.g. the date order), for the officer.
    pub notes: Vec<String>,
}

impl Batch {
    pub fn extend(&mut self, other: Batch) {
        self.reports.extend(other.reports);
        self.skipped.extend(other.skipped);
        self.outgoing += other.outgoing;
        self.notes.extend(other.notes);
    }

    fn of(reports: Vec<ImportedReport>) -> Batch {
        Batch { reports, ..Default::default() }
    }
}

/// Reads a file or folder of any supported kind. `--reporter` and `--recipient-org` fill in
/// reports that name neither.
pub fn read_input(path: &Path, opts: &ReadOptions) -> Result<Batch, IngestError> {
    let mut batch = match InputKind::of(path) {
        Some(InputKind::Maildir) => email::read_maildir(path, opts)?,
        Some(InputKind::LinkedinExportZip) => {
            let (entry, bytes) = archive::invitations_in_zip(path)?;
            let inner = path.join(&entry);
            let text = text_from_bytes(&inner, bytes)?;
            linkedin::parse_invitations(&inner, &text, opts)?
        }
        Some(InputKind::Gzip) => {
            let inner_name = path.with_extension("");
            let kind = InputKind::of_name(&inner_name)
                .filter(|k| !matches!(k, InputKind::Gzip | InputKind::LinkedinExportZip));
            let Some(kind) = kind else {
                return Err(IngestError::new(
                    path,
                    "a .gz file must name what it holds: reports.jsonl.gz, Invitations.csv.gz, mail.mbox.gz, message.eml.gz",
                ));
            };
            let bytes = archive::gunzip(path)?;
            read_bytes_as(path, kind, bytes, opts)?
        }
        Some(kind) if path.is_dir() => {
            return Err(IngestError::new(path, format!("a folder, not a {kind:?} file")));
        }
        Some(kind) => {
            let limit = if matches!(kind, InputKind::Mbox) { email::MAX_MBOX_BYTES } else { MAX_TEXT_BYTES };
            let limit = if matches!(kind, InputKind::Email) { email::MAX_MESSAGE_BYTES } else { limit };
            let bytes = read_bytes(path, limit)?;
            read_bytes_as(path, kind, bytes, opts)?
        }
        None if path.is_dir() => {
            return Err(IngestError::new(path, "a folder that is not a Maildir (no cur/ or new/ inside)"));
        }
        None => return Err(IngestError::new(path, format!("unknown file type: expected {ACCEPTED}"))),
    };
    for r in &mut batch.reports {
        if r.report.reporter.as_deref().is_none_or(|s| s.trim().is_empty()) {
            r.report.reporter.clone_from(&opts.reporter);
        }
        if r.report.recipient.org.as_deref().is_none_or(|s| s.trim().is_empty()) {
            r.report.recipient.org.clone_from(&opts.recipient_org);
        }
    }
    Ok(batch)
}

/// Parses bytes already read (or inflated) as `kind`; `path` names the input in messages and
/// anchors relative photo paths.
fn read_bytes_as(path: &Path, kind: InputKind, bytes: Vec<u8>, opts: &ReadOptions) -> Result<Batch, IngestError> {
    match kind {
        InputKind::Email => email::read_eml_bytes(path, bytes, opts),
        InputKind::Mbox => email::read_mbox_bytes(path, bytes, opts),
        InputKind::ReportsJsonl => {
            Ok(Batch::of(reports::parse_jsonl_ticking(path, &text_from_bytes(path, bytes)?, opts.lines.as_ref())?))
        }
        InputKind::ReportsJson => Ok(Batch::of(reports::parse_json(path, &text_from_bytes(path, bytes)?)?)),
        InputKind::LinkedinInvitations => linkedin::parse_invitations(path, &text_from_bytes(path, bytes)?, opts),
        InputKind::LinkedinExportZip | InputKind::Gzip | InputKind::Maildir => {
            Err(IngestError::new(path, "this kind of input cannot be nested here"))
        }
    }
}

/// Reads a file of any supported kind into reports (options at their defaults).
pub fn read_reports(path: &Path) -> Result<Vec<ImportedReport>, IngestError> {
    Ok(read_input(path, &ReadOptions::default())?.reports)
}

/// Opens a regular file for reading, refusing anything else and anything over `max_bytes`.
pub(crate) fn open_regular(path: &Path, max_bytes: u64) -> Result<std::fs::File, IngestError> {
    let file = std::fs::File::open(path).map_err(|e| IngestError::new(path, format!("cannot read: {e}")))?;
    let meta = file.metadata().map_err(|e| IngestError::new(path, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(IngestError::new(path, "not a regular file"));
    }
    if meta.len() > max_bytes {
        return Err(IngestError::new(path, format!("file is {} bytes; the limit is {max_bytes}", meta.len())));
    }
    Ok(file)
}

/// Reads a whole input file as bytes, refusing anything absurdly large before it is in memory.
pub(crate) fn read_bytes(path: &Path, max_bytes: u64) -> Result<Vec<u8>, IngestError> {
    use std::io::Read;
    let file = open_regular(path, max_bytes)?;
    let mut bytes = Vec::new();
    // Bounded even if the file grows after it was measured.
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| IngestError::new(path, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(IngestError::new(path, format!("file is over the limit of {max_bytes} bytes")));
    }
    Ok(bytes)
}

/// UTF-8 text from bytes, without a leading byte-order mark; the error names the first bad line.
pub(crate) fn text_from_bytes(path: &Path, bytes: Vec<u8>) -> Result<String, IngestError> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        IngestError::new(path, "not valid UTF-8 text").at_line(line)
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Reads a whole text input file (UTF-8, a leading byte-order mark dropped), refusing anything
/// absurdly large before it is in memory.
pub(crate) fn read_text(path: &Path, max_bytes: u64) -> Result<String, IngestError> {
    text_from_bytes(path, read_bytes(path, max_bytes)?)
}

/// Largest text input accepted (1 GiB): a year of reports fits many times over.
pub(crate) const MAX_TEXT_BYTES: u64 = 1 << 30;
