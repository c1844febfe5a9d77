//! Reads that only escalation bundles need: a photo's hashes and a reference photo found
//! by the name and label a photo search reports.

use super::{ReferenceRow, Result, Store};
use rusqlite::OptionalExtension;

impl Store {
    /// The serialised fingerprint and search probe of a stored photo, for finding its best match.
    pub fn photo_hashes(&self, sha256: &str) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT fingerprint, probe FROM photos WHERE sha256 = ?1")?
            .query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The reference photo a search candidate names (name and label are what the index reports).
    pub fn reference_by_name(&self, name: &str, label: &str) -> Result<Option<ReferenceRow>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, name, label, source, photo_sha256 FROM reference_photos
                 WHERE name = ?1 AND label = ?2 ORDER BY id LIMIT 1",
            )?
            .query_row([name, label], super::checks::reference_from)
            .optional()?)
    }
}
