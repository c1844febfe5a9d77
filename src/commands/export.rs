//! `export`: writes escalation bundles for reported requests and says where they are.

use super::{Failure, Identity, Out, open_store};
use crate::cli::{ExportFormat, Pap as PapArg, Tlp as TlpArg};
use crate::export::{self, ExportError, ExportOptions, Format, Pap, Tlp};
use std::path::Path;

impl From<ExportError> for Failure {
    fn from(e: ExportError) -> Self {
        match e {
            ExportError::Store(e) => e.into(),
            e @ (ExportError::NotReported { .. } | ExportError::Exists(_)) => Failure::usage(e.to_string()),
            e @ ExportError::Io { .. } => Failure::problem(e.to_string()),
        }
    }
}

fn format(f: ExportFormat) -> Format {
    match f {
        ExportFormat::Stix => Format::Stix,
        ExportFormat::Misp => Format::Misp,
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Thehive => Format::Thehive,
    }
}

fn tlp(t: TlpArg) -> Tlp {
    match t {
        TlpArg::Clear => Tlp::Clear,
        TlpArg::Green => Tlp::Green,
        TlpArg::Amber => Tlp::Amber,
        TlpArg::AmberStrict => Tlp::AmberStrict,
        TlpArg::Red => Tlp::Red,
    }
}

#[allow(clippy::too_many_arguments)] // one per command-line option
pub fn export(
    db: &Path,
    identity: &Identity,
    ids: &[String],
    fmt: ExportFormat,
    out_dir: &Path,
    level: TlpArg,
    pap: PapArg,
    include_recipient: bool,
    out: &mut Out,
) -> Result<(), Failure> {
    let mut store = open_store(db)?;
    // Every id resolved before anything is written: an unknown one stops the export (exit 2).
    let resolved = ids.iter().map(|id| store.resolve_request(id)).collect::<Result<Vec<i64>, _>>()?;
    let mut opts = ExportOptions::new(format(fmt), tlp(level));
    opts.include_recipient = include_recipient;
    opts.pap = match pap {
        PapArg::Clear => Pap::Clear,
        PapArg::Green => Pap::Green,
        PapArg::Amber => Pap::Amber,
        PapArg::Red => Pap::Red,
    };
    let summary = export::write_bundle(&mut store, &resolved, out_dir, &opts, identity)?;
    for b in &summary.bundles {
        out.line(format!(
            "#{} → {} ({} files, {}; SHA256SUMS sha256 {}, audit entry {})",
            b.request_id,
            b.folder.display(),
            b.files.len(),
            opts.tlp.label(),
            b.manifest_sha256,
            b.audit_seq
        ))?;
    }
    Ok(())
}
