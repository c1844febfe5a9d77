//! Importers for untrusted input files: approach reports, LinkedIn invitation exports,
//! reference photo folders and watchlists. Pure functions from files to domain values —
//! no SQL; a file either parses whole or yields one error naming file, line and field.

pub mod linkedin;
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

/// How an input file is to be read, from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    ReportsJsonl,
    ReportsJson,
    LinkedinInvitations,
}

impl InputKind {
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" | "ndjson" => Some(InputKind::ReportsJsonl),
            "json" => Some(InputKind::ReportsJson),
            "csv" => Some(InputKind::LinkedinInvitations),
            _ => None,
        }
    }
}

/// Reads a file of any supported kind into reports.
pub fn read_reports(path: &Path) -> Result<Vec<ImportedReport>, IngestError> {
    match InputKind::of(path) {
        Some(InputKind::ReportsJsonl) => reports::read_jsonl(path),
        Some(InputKind::ReportsJson) => reports::read_json(path),
        Some(InputKind::LinkedinInvitations) => linkedin::read_invitations(path),
        None => Err(IngestError::new(
            path,
            "unknown file type: expected approach reports (.jsonl or .json) or a LinkedIn Invitations.csv",
        )),
    }
}

/// Reads a whole input file, refusing anything absurdly large before it is in memory.
pub(crate) fn read_text(path: &Path, max_bytes: u64) -> Result<String, IngestError> {
    let meta = std::fs::metadata(path).map_err(|e| IngestError::new(path, format!("cannot read: {e}")))?;
    if meta.len() > max_bytes {
        return Err(IngestError::new(path, format!("file is {} bytes; the limit is {max_bytes}", meta.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| IngestError::new(path, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
        IngestError::new(path, "not valid UTF-8 text").at_line(line)
    })
}

/// Largest text input accepted (1 GiB): a year of reports fits many times over.
pub(crate) const MAX_TEXT_BYTES: u64 = 1 << 30;
