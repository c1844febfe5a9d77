//! Small reads the workstation needs for the photo pane and nothing else does.

use super::{Result, Store};
use rusqlite::OptionalExtension;

impl Store {
    /// SHA-256 of the request's stored profile photo, without parsing the report.
    pub fn request_photo_sha(&self, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT photo_sha256 FROM requests WHERE id = ?1")?
            .query_row([id], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }

    /// Changes when reference photos are added or requests imported: when the photo search
    /// index must be rebuilt (decisions, which change `data_version` too, do not need it).
    pub fn photo_index_stamp(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM reference_photos), (SELECT COALESCE(MAX(id), 0) FROM requests)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_rows_are_none_not_errors() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db")).unwrap();
        assert_eq!(store.request_photo_sha(1).unwrap(), None);
        assert_eq!(store.photo_hashes("00").unwrap(), None);
        assert_eq!(store.reference_by_name("a.jpg", "stock").unwrap(), None);
        assert_eq!(store.photo_index_stamp().unwrap(), (0, 0));
    }
}
