//! Escalation bundles: one folder per reported request holding a STIX 2.1 bundle, a MISP event
//! or a Markdown summary, the persona's photo and its best match, and a `SHA256SUMS` manifest.
//!
//! A bundle is built in a hidden temporary folder beside its destination and renamed into place
//! only when every file is written, so a reader never sees half a bundle. An existing non-empty
//! bundle folder is never overwritten unless the caller asks for it ([`ExportOptions::replace`]).
//! Every bundle written is recorded in the audit chain with the manifest's SHA-256.
//!
//! Output is deterministic: ids derive from the request and timestamps from the report decision,
//! so exporting the same case twice gives byte-identical files.

mod case;
pub mod markdown;
pub mod misp;
pub mod stix;
pub(crate) mod text;
pub mod thehive;

pub use case::{BestMatch, BundledPhoto, Case, MatchSource};
pub use text::escape_markdown;

use crate::commands::Identity;
use crate::domain::audit::sha256_hex;
use crate::store::{Store, StoreError};
use serde_json::json;
use std::path::{Path, PathBuf};

/// What a bundle holds as its main file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Stix,
    Misp,
    Markdown,
    /// A TheHive 5 alert.
    Thehive,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Stix => "stix",
            Format::Misp => "misp",
            Format::Markdown => "markdown",
            Format::Thehive => "thehive",
        }
    }

    /// The main file's name inside the bundle folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Stix => "bundle.stix.json",
            Format::Misp => "event.misp.json",
            Format::Markdown => "summary.md",
            Format::Thehive => "alert.thehive.json",
        }
    }
}

/// Traffic Light Protocol 2.0 level, applied to every format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Tlp {
    Clear,
    Green,
    #[default]
    Amber,
    AmberStrict,
    Red,
}

impl Tlp {
    /// The level as TLP 2.0 writes it: `clear`, `green`, `amber`, `amber+strict`, `red`.
    pub fn as_str(self) -> &'static str {
        match self {
            Tlp::Clear => "clear",
            Tlp::Green => "green",
            Tlp::Amber => "amber",
            Tlp::AmberStrict => "amber+strict",
            Tlp::Red => "red",
        }
    }

    /// `TLP:AMBER+STRICT` and so on.
    pub fn label(self) -> String {
        format!("TLP:{}", self.as_str().to_uppercase())
    }

    /// What the level allows, in the words of the TLP 2.0 definitions (abridged).
    pub fn meaning(self) -> &'static str {
        match self {
            Tlp::Clear => "disclosure is not limited",
            Tlp::Green => "limited disclosure: recipients may share within their community, not publicly",
            Tlp::Amber => {
                "limited disclosure: recipients may share on a need-to-know basis within their organisation and its clients"
            }
            Tlp::AmberStrict => {
                "limited disclosure: recipients may share on a need-to-know basis within their organisation only"
            }
            Tlp::Red => "for the eyes and ears of individual recipients only, no further disclosure",
        }
    }
}

/// Permissible Actions Protocol 2.0 level (TheHive alerts carry one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Pap {
    Clear,
    Green,
    #[default]
    Amber,
    Red,
}

/// How to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportOptions {
    pub format: Format,
    pub tlp: Tlp,
    pub pap: Pap,
    /// Name the approached official (by default only their organisation and role leave linkvet).
    pub include_recipient: bool,
    /// Replace an existing bundle folder instead of refusing.
    pub replace: bool,
}

impl ExportOptions {
    pub fn new(format: Format, tlp: Tlp) -> Self {
        ExportOptions { format, tlp, pap: Pap::default(), include_recipient: false, replace: false }
    }
}

/// One bundle folder written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenBundle {
    pub request_id: i64,
    pub folder: PathBuf,
    /// File names in the folder, `SHA256SUMS` last.
    pub files: Vec<String>,
    pub manifest_sha256: String,
    /// The audit entry recording the export.
    pub audit_seq: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BundleSummary {
    pub bundles: Vec<WrittenBundle>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "request #{id} is {status}, not reported: only reported requests leave linkvet as escalation bundles (decide `report` with a note first); nothing was written"
    )]
    NotReported { id: i64, status: String },
    #[error("{}: a bundle is already there; nothing was written (move it away or export to another folder)", .0.display())]
    Exists(PathBuf),
    #[error("{}: {source}; no bundle was left half-written", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io { path: path.to_path_buf(), source }
}

/// A bundle's files in memory, before anything touches the disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBundle {
    pub folder_name: String,
    /// (file name, bytes), without the manifest.
    pub files: Vec<(String, Vec<u8>)>,
}

impl RenderedBundle {
    /// `sha256sum -c` compatible lines, sorted by file name.
    pub fn manifest(&self) -> String {
        let mut lines: Vec<(String, String)> =
            self.files.iter().map(|(name, bytes)| (name.clone(), sha256_hex(bytes))).collect();
        lines.sort();
        lines.into_iter().map(|(name, hash)| format!("{hash}  {name}\n")).collect()
    }
}

/// Renders one case in `format` with its photo files; pure, no I/O.
pub fn render(case: &Case, opts: &ExportOptions) -> RenderedBundle {
    let main = match opts.format {
        Format::Stix => stix::render(case, opts),
        Format::Misp => misp::render(case, opts),
        Format::Markdown => markdown::render(case, opts),
        Format::Thehive => thehive::render(case, opts),
    };
    let mut files = vec![(opts.format.file_name().to_string(), main.into_bytes())];
    if let Some(p) = &case.photo {
        files.push((p.file_name.clone(), p.bytes.clone()));
    }
    if let Some(p) = case.best_match.as_ref().and_then(|m| m.photo.as_ref()) {
        files.push((p.file_name.clone(), p.bytes.clone()));
    }
    RenderedBundle { folder_name: format!("{}-{}", case.key, opts.format.as_str()), files }
}

/// Writes one bundle folder per request under `out_dir` and records each in the audit chain.
///
/// Every id is resolved and every request read before anything is written: an unknown id, a
/// request that is not reported, or an existing bundle folder stops the export untouched.
pub fn write_bundle(
    store: &mut Store,
    ids: &[i64],
    out_dir: &Path,
    opts: &ExportOptions,
    identity: &Identity,
) -> Result<BundleSummary, ExportError> {
    let mut rendered = Vec::new();
    let mut seen = std::collections::HashSet::new();
    // The same request named twice (by number and by report id) is one bundle.
    for &id in ids.iter().filter(|id| seen.insert(**id)) {
        let case = Case::load(store, id)?;
        rendered.push((id, render(&case, opts)));
    }
    for (_, b) in &rendered {
        let target = out_dir.join(&b.folder_name);
        if !opts.replace && holds_something(&target) {
            return Err(ExportError::Exists(target));
        }
    }
    std::fs::create_dir_all(out_dir).map_err(io_err(out_dir))?;
    let mut summary = BundleSummary::default();
    for (id, b) in rendered {
        summary.bundles.push(place_bundle(store, id, out_dir, &b, opts, identity)?);
    }
    Ok(summary)
}

fn holds_something(path: &Path) -> bool {
    match std::fs::read_dir(path) {
        Ok(mut entries) => entries.next().is_some(),
        Err(e) => e.kind() != std::io::ErrorKind::NotFound,
    }
}

/// Writes the files into a temporary folder, records the export, then renames the folder into
/// place. The audit entry goes first so that a bundle never exists without its record.
fn place_bundle(
    store: &mut Store,
    id: i64,
    out_dir: &Path,
    b: &RenderedBundle,
    opts: &ExportOptions,
    identity: &Identity,
) -> Result<WrittenBundle, ExportError> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let tmp = tempfile::Builder::new()
        .prefix(".linkvet-export-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir_in(out_dir)
        .map_err(io_err(out_dir))?;
    let manifest = b.manifest();
    let mut names = Vec::new();
    for (name, bytes) in
        b.files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).chain([("SHA256SUMS", manifest.as_bytes())])
    {
        let path = tmp.path().join(name);
        let mut f =
            std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path).map_err(io_err(&path))?;
        f.write_all(bytes).and_then(|()| f.sync_all()).map_err(io_err(&path))?;
        names.push(name.to_string());
    }
    let manifest_sha256 = sha256_hex(manifest.as_bytes());
    let target = out_dir.join(&b.folder_name);
    let payload = json!({
        "format": opts.format.as_str(),
        "tlp": opts.tlp.as_str(),
        "bundle": b.folder_name,
        "files": names,
        "manifest_sha256": manifest_sha256,
        "include_recipient": opts.include_recipient,
    });
    let mut payload = payload;
    if opts.format == Format::Thehive {
        payload["pap"] = json!(format!("{:?}", opts.pap).to_lowercase());
    }
    let entry = store.record_export(&[id], &identity.officer, &identity.os_user, &payload)?;
    if opts.replace && target.exists() {
        let old = tempfile::Builder::new().prefix(".linkvet-replaced-").tempdir_in(out_dir).map_err(io_err(out_dir))?;
        let aside = old.path().join("old");
        std::fs::rename(&target, &aside).map_err(io_err(&target))?;
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, &target).map_err(|e| {
        let _ = std::fs::remove_dir_all(&kept);
        ExportError::Io { path: target.clone(), source: e }
    })?;
    tracing::info!(
        request = id,
        format = opts.format.as_str(),
        tlp = opts.tlp.as_str(),
        folder = %target.display(),
        audit_seq = entry.seq,
        officer = %identity.officer,
        "export"
    );
    Ok(WrittenBundle { request_id: id, folder: target, files: names, manifest_sha256, audit_seq: entry.seq })
}
