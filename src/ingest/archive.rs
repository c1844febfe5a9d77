//! Compressed inputs, read in memory and bounded: the LinkedIn data export ZIP as members
//! download it (its `Invitations.csv`), and gzip-compressed files of any other input kind.
//!
//! Nothing is ever extracted to disk, yet an archive with an entry that climbs out of its root
//! (`../`, an absolute path, a link) is refused whole: such an archive was made to attack
//! whatever unpacks it, and nothing in it is to be trusted. Sizes are checked as declared and
//! again while inflating, since the declared sizes are the attacker's to write.

use super::IngestError;
use std::io::Read;
use std::path::Path;

/// Largest archive file read.
pub const MAX_ARCHIVE_BYTES: u64 = 1 << 30;
/// Largest `Invitations.csv` inflated (a member with 100,000 invitations has ~30 MB).
pub const MAX_INVITATIONS_BYTES: u64 = 256 << 20;
/// Largest gzip input inflated: the limit of a plain text input.
pub const MAX_GUNZIPPED_BYTES: u64 = super::MAX_TEXT_BYTES;
/// Most entries in an export ZIP (a real one has a few dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;
/// Inflating beyond this ratio, past [`RATIO_FLOOR`] bytes, is a decompression bomb: text
/// compresses 5-20 times, a bomb thousands of times.
pub const MAX_RATIO: u64 = 200;
const RATIO_FLOOR: u64 = 16 << 20;

/// The `Invitations.csv` inside a LinkedIn export ZIP: (its name in the archive, its bytes).
pub fn invitations_in_zip(path: &Path) -> Result<(String, Vec<u8>), IngestError> {
    let file = super::open_regular(path, MAX_ARCHIVE_BYTES)?;
    let mut zip =
        zip::ZipArchive::new(file).map_err(|e| IngestError::new(path, format!("not a readable ZIP archive: {e}")))?;
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(IngestError::new(
            path,
            format!(
                "the archive has {} entries; a LinkedIn export has a few dozen (limit {MAX_ZIP_ENTRIES})",
                zip.len()
            ),
        ));
    }
    let mut found = Vec::new();
    let mut names = Vec::new();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| IngestError::new(path, format!("entry {}: {e}", i + 1)))?;
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_else(|_| format!("entry {}", i + 1));
        let climbs = name.starts_with('/') || name.split(['/', '\\']).any(|c| c == "..") || name.contains(':');
        if climbs || entry.enclosed_name().is_none() || name.contains('\\') || name.contains('\0') {
            return Err(IngestError::new(
                path,
                format!("entry {name:?} points outside the archive; an archive with such a path is refused whole"),
            ));
        }
        if entry.is_symlink() {
            return Err(IngestError::new(
                path,
                format!("entry {name:?} is a link; a LinkedIn export holds only files and folders"),
            ));
        }
        let base = name.rsplit('/').next().unwrap_or(&name);
        if base.eq_ignore_ascii_case("Invitations.csv") && !entry.is_dir() {
            found.push(i);
        }
        if names.len() < 8 && !entry.is_dir() {
            names.push(name);
        }
    }
    let index = match found.as_slice() {
        [one] => *one,
        [] => {
            return Err(IngestError::new(
                path,
                format!("no Invitations.csv in the archive (it holds {})", names.join(", ")),
            ));
        }
        _ => {
            return Err(IngestError::new(
                path,
                "the archive holds more than one Invitations.csv; import the one meant",
            ));
        }
    };
    let mut entry =
        zip.by_index(index).map_err(|e| IngestError::new(path, format!("cannot read Invitations.csv: {e}")))?;
    let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
    if entry.encrypted() {
        return Err(IngestError::new(path, format!("{name} is encrypted")));
    }
    let (declared, compressed) = (entry.size(), entry.compressed_size());
    if declared > MAX_INVITATIONS_BYTES {
        return Err(IngestError::new(
            path,
            format!("{name} would inflate to {declared} bytes; the limit is {MAX_INVITATIONS_BYTES}"),
        ));
    }
    let bytes = read_bounded(&mut entry, MAX_INVITATIONS_BYTES, compressed)
        .map_err(|e| IngestError::new(path, format!("{name}: {e}")))?;
    Ok((name, bytes))
}

/// A gzip file inflated (several members are read as one stream, as `gzip -d` does).
pub fn gunzip(path: &Path) -> Result<Vec<u8>, IngestError> {
    let file = super::open_regular(path, MAX_ARCHIVE_BYTES)?;
    let compressed = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut decoder = flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file));
    read_bounded(&mut decoder, MAX_GUNZIPPED_BYTES, compressed)
        .map_err(|e| IngestError::new(path, format!("cannot decompress: {e}")))
}

/// Reads at most `limit` bytes, refusing more and refusing a bomb-like ratio to `compressed`.
fn read_bounded(reader: &mut impl Read, limit: u64, compressed: u64) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        let n = reader.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&chunk[..n]);
        let len = out.len() as u64;
        if len > limit {
            return Err(format!("inflates to more than {limit} bytes; refused as a decompression bomb"));
        }
        if len > RATIO_FLOOR && len > compressed.max(1).saturating_mul(MAX_RATIO) {
            return Err(format!(
                "inflates more than {MAX_RATIO} times ({compressed} compressed bytes); refused as a decompression bomb"
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let file = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
        let mut w = zip::ZipWriter::new(file.reopen().unwrap());
        for (name, bytes) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        file
    }

    #[test]
    fn the_invitations_file_is_found_anywhere_in_the_export() {
        let z =
            zip_with(&[("Basic_LinkedInDataExport_11-30-2026/Invitations.csv", b"From,To\n"), ("Profile.csv", b"x")]);
        let (name, bytes) = invitations_in_zip(z.path()).unwrap();
        assert!(name.ends_with("Invitations.csv"));
        assert_eq!(bytes, b"From,To\n");
    }

    #[test]
    fn an_export_without_it_or_with_two_is_refused() {
        let z = zip_with(&[("Profile.csv", b"x")]);
        assert!(invitations_in_zip(z.path()).unwrap_err().message.contains("no Invitations.csv"));
        let z = zip_with(&[("a/Invitations.csv", b"x"), ("b/Invitations.csv", b"y")]);
        assert!(invitations_in_zip(z.path()).unwrap_err().message.contains("more than one"));
    }

    #[test]
    fn a_path_out_of_the_archive_is_refused_whole() {
        let z = zip_with(&[("Invitations.csv", b"From,To\n"), ("../../.bashrc", b"evil")]);
        let e = invitations_in_zip(z.path()).unwrap_err();
        assert!(e.message.contains("outside the archive"), "{e}");
        let z = zip_with(&[("Invitations.csv", b"From,To\n"), ("/etc/cron.d/x", b"evil")]);
        assert!(invitations_in_zip(z.path()).is_err());
    }

    #[test]
    fn bombs_are_refused_and_ordinary_text_is_not() {
        // 40 MB of one byte compresses about a thousand times.
        let big = vec![b'a'; 40 << 20];
        let z = zip_with(&[("Invitations.csv", &big)]);
        let e = invitations_in_zip(z.path()).unwrap_err();
        assert!(e.message.contains("bomb"), "{e}");
        let gz = tempfile::Builder::new().suffix(".jsonl.gz").tempfile().unwrap();
        let mut enc = flate2::write::GzEncoder::new(gz.reopen().unwrap(), flate2::Compression::default());
        enc.write_all(&big).unwrap();
        enc.finish().unwrap();
        assert!(gunzip(gz.path()).unwrap_err().message.contains("bomb"));
        // The same size of varied text (about 4:1) is read.
        let text: Vec<u8> =
            (0..(20u32 << 20) / 8).flat_map(|i| format!("{:07x}\n", i.wrapping_mul(2654435761)).into_bytes()).collect();
        let gz = tempfile::Builder::new().suffix(".jsonl.gz").tempfile().unwrap();
        let mut enc = flate2::write::GzEncoder::new(gz.reopen().unwrap(), flate2::Compression::default());
        enc.write_all(&text).unwrap();
        enc.finish().unwrap();
        assert_eq!(gunzip(gz.path()).unwrap().len(), text.len());
    }
}
