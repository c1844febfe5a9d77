//! Reference photos: a folder of known stock or fake-persona images, added under one label.

use super::photos::read_photo;
use super::{IngestError, PhotoFile};
use std::path::Path;

/// One reference image, read and hashed; `name` is its file name as added.
#[derive(Debug, Clone)]
pub struct ReferenceImage {
    pub name: String,
    pub photo: PhotoFile,
}

/// Reads every image in `dir` (not recursing). Files that aren't images by extension are
/// skipped; an image that fails to decode fails the whole folder, naming the file.
pub fn read_folder(dir: &Path) -> Result<Vec<ReferenceImage>, IngestError> {
    let entries = std::fs::read_dir(dir).map_err(|e| IngestError::new(dir, format!("cannot read folder: {e}")))?;
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png" | "webp" | "gif"))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(IngestError::new(dir, "no images (.jpg, .jpeg, .png, .webp, .gif) in this folder"));
    }
    crate::parallel::map(
        &files,
        2,
        |p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            read_photo(p).map(|photo| ReferenceImage { name, photo }).map_err(|e| IngestError::new(p, e))
        },
        |p| Err(IngestError::new(p, "the image could not be decoded")),
    )
    .into_iter()
    .collect()
}
