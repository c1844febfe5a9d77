//! Profile and reference photos from disk: path rules, size and format limits, decoding with
//! bounded memory, and the perceptual hashes computed once at import.

use crate::domain::audit::sha256_hex;
use crate::imaging;
use std::path::{Component, Path, PathBuf};

/// A photo read, checked and hashed, ready to be stored content-addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFile {
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub format: &'static str,
    pub width: u32,
    pub height: u32,
    /// Serialised [`imaging::Fingerprint`] (reference side).
    pub fingerprint: Vec<u8>,
    /// Serialised [`imaging::Probe`] (query side).
    pub probe: Vec<u8>,
    /// The whole-frame perceptual hash, hex, for people and exports.
    pub phash: String,
}

/// Resolves a photo path written in a report against the report file's folder, refusing
/// absolute paths and any path that leaves the folder (lexically or through a link).
pub fn resolve(base: &Path, written: &str) -> Result<PathBuf, String> {
    let rel = Path::new(written);
    if written.is_empty() {
        return Err("empty photo path".into());
    }
    if rel.is_absolute() || written.starts_with('/') || written.starts_with('\\') {
        return Err(format!("{written:?} is an absolute path; photo paths must be relative to the report file"));
    }
    if rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(format!("{written:?} climbs out of the report file's folder"));
    }
    let full = base.join(rel);
    let canon_base = base.canonicalize().map_err(|e| format!("cannot resolve the report folder: {e}"))?;
    let canon = full.canonicalize().map_err(|e| format!("cannot read photo {written:?}: {e}"))?;
    if !canon.starts_with(&canon_base) {
        return Err(format!("{written:?} leads outside the report file's folder (through a link)"));
    }
    Ok(canon)
}

/// Reads, checks and hashes one image file.
pub fn read_photo(path: &Path) -> Result<PhotoFile, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.len() > imaging::MAX_BYTES as u64 {
        return Err(format!("image is {} bytes; the limit is {} (10 MB)", meta.len(), imaging::MAX_BYTES));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    photo_from_bytes(bytes)
}

/// Checks and hashes image bytes.
pub fn photo_from_bytes(bytes: Vec<u8>) -> Result<PhotoFile, String> {
    let format = imaging::sniff_format(&bytes).ok_or_else(|| "not a JPEG, PNG, WebP or GIF image".to_owned())?;
    let img = imaging::decode_untrusted(&bytes).map_err(|e| e.to_string())?;
    let (fp, probe) = imaging::fingerprint_and_probe(&img);
    Ok(PhotoFile {
        sha256: sha256_hex(&bytes),
        format,
        width: img.width(),
        height: img.height(),
        fingerprint: fp.to_bytes(),
        probe: probe.to_bytes(),
        phash: fp.primary_hex(),
        bytes,
    })
}

/// Reads the photos of many reports on all cores. `jobs` holds (line, written path); the error
/// names the first failing line in file order.
pub fn read_all(base: &Path, jobs: &[(usize, Option<String>)]) -> Result<Vec<Option<PhotoFile>>, (usize, String)> {
    crate::parallel::map(
        jobs,
        2,
        |(line, written)| match written {
            None => Ok(None),
            Some(w) => resolve(base, w).and_then(|p| read_photo(&p)).map(Some).map_err(|e| (*line, e)),
        },
        |(line, _)| Err((*line, "the image could not be decoded".to_owned())),
    )
    .into_iter()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["/etc/passwd", "../x.jpg", "a/../../x.jpg", ""] {
            assert!(resolve(dir.path(), bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_link_out_of_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::NamedTempFile::new().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("p.jpg")).unwrap();
        let err = resolve(dir.path(), "p.jpg").unwrap_err();
        assert!(err.contains("outside"), "{err}");
    }
}
