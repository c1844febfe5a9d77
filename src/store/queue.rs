//! The queue: requests by status, ordered by risk, age or sender, one page at a time.

use super::{Result, Store, StoreError};
use crate::domain::evidence::summaries_json;
use crate::domain::{Evidence, RequestRow, RiskLevel, Status, Verdict};
use rusqlite::{Row, params_from_iter};
use serde_json::value::RawValue;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Risk,
    Age,
    Sender,
}

impl SortOrder {
    pub fn next(self) -> Self {
        match self {
            SortOrder::Risk => SortOrder::Age,
            SortOrder::Age => SortOrder::Sender,
            SortOrder::Sender => SortOrder::Risk,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Risk => "risk",
            SortOrder::Age => "age",
            SortOrder::Sender => "sender",
        }
    }

    fn sql(self) -> &'static str {
        match self {
            SortOrder::Risk => "risk IS NULL, risk DESC, received_at DESC, id",
            SortOrder::Age => "received_at DESC, id",
            SortOrder::Sender => "sender COLLATE NOCASE, received_at DESC, id",
        }
    }
}

/// Which requests, in what order, which page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueQuery {
    /// `None` is every status.
    pub status: Option<Status>,
    pub sort: SortOrder,
    /// Case-insensitive substring over sender, recipient, org, platform, ids.
    pub text: Option<String>,
    pub offset: usize,
    pub limit: Option<usize>,
    /// Fill each row's `checks` with its stored evidence.
    pub with_evidence: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub pending: u64,
    pub flagged: u64,
    pub reported: u64,
    pub accepted: u64,
}

impl StatusCounts {
    pub fn get(&self, s: Option<Status>) -> u64 {
        match s {
            Some(Status::Pending) => self.pending,
            Some(Status::Flagged) => self.flagged,
            Some(Status::Reported) => self.reported,
            Some(Status::Accepted) => self.accepted,
            None => self.pending + self.flagged + self.reported + self.accepted,
        }
    }
}

/// A text-filtered page is read by walking the queue's order only if that visits at most this
/// many rows; otherwise the matching rows are found first and sorted.
const SPARSE_WALK_LIMIT: u64 = 20_000;

/// `requests` read through its narrowest index that starts with the status, for counting.
pub(super) const STATUS_INDEX: &str = "requests INDEXED BY requests_received";

pub(super) const ROW_COLUMNS: &str = "id, external_id, received_at, sender, recipient, platform, status, risk, level, decided_by, \
     decided_at, photo_sha256 IS NOT NULL";

fn row_from(r: &Row) -> rusqlite::Result<RequestRow> {
    let status: String = r.get(6)?;
    let level: Option<String> = r.get(8)?;
    Ok(RequestRow {
        id: r.get(0)?,
        external_id: r.get(1)?,
        received_at: r.get(2)?,
        sender: r.get(3)?,
        recipient: r.get(4)?,
        platform: r.get(5)?,
        status: Status::parse(&status).unwrap_or_default(),
        risk: r.get::<_, Option<i64>>(7)?.map(|v| v.clamp(0, 100) as u8),
        level: level.as_deref().and_then(RiskLevel::parse),
        decided_by: r.get(9)?,
        decided_at: r.get(10)?,
        has_photo: r.get(11)?,
        checks: Vec::new(),
    })
}

impl Store {
    fn queue_sql(q: &QueueQuery) -> (String, Vec<String>) {
        let mut clauses = Vec::new();
        let mut args = Vec::new();
        if let Some(s) = q.status {
            clauses.push("status = ?".to_owned());
            args.push(s.as_str().to_owned());
        }
        if let Some(t) = q.text.as_deref().filter(|_| Self::has_text(q)) {
            clauses.push("instr(search_text, ?) > 0".to_owned());
            args.push(t.trim().to_lowercase());
        }
        let filter = if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) };
        (filter, args)
    }

    /// One page of the queue.
    pub fn list_requests(&self, q: &QueueQuery) -> Result<Vec<RequestRow>> {
        let matching = if Self::has_text(q) { Some(self.count_requests(q)?) } else { None };
        self.list_requests_counted(q, matching)
    }

    fn has_text(q: &QueueQuery) -> bool {
        q.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    }

    /// One page of the queue, when the caller has counted the rows matching already
    /// ([`Store::count_requests`]; only used when the query has a text filter).
    ///
    /// A text filter is answered one of two ways. When many rows match, walking the queue's
    /// order index and testing each row finds a page after a few hundred rows. When few match,
    /// that walk would visit the whole queue, row by row: instead the matching ids are found
    /// by scanning the narrow `(status, search_text)` index and only those rows are sorted.
    pub fn list_requests_counted(&self, q: &QueueQuery, matching: Option<u64>) -> Result<Vec<RequestRow>> {
        let (filter, args) = Self::queue_sql(q);
        let limit = q.limit.map(|l| l as i64).unwrap_or(-1);
        let sparse = match matching.filter(|_| Self::has_text(q)) {
            Some(m) => {
                let scope = self.count_requests(&QueueQuery { text: None, ..q.clone() })?;
                let wanted = (q.offset as u64).saturating_add(q.limit.map_or(scope, |l| l as u64));
                // Rows the walk would visit to fill the page, at the match rate.
                wanted.saturating_mul(scope) / m.max(1) > SPARSE_WALK_LIMIT
            }
            None => false,
        };
        let order = q.sort.sql();
        let sql = if sparse {
            format!(
                "SELECT {ROW_COLUMNS} FROM requests WHERE id IN (SELECT id FROM requests{filter})
                 ORDER BY {order} LIMIT {limit} OFFSET {}",
                q.offset
            )
        } else {
            format!("SELECT {ROW_COLUMNS} FROM requests{filter} ORDER BY {order} LIMIT {limit} OFFSET {}", q.offset)
        };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<RequestRow> =
            stmt.query_map(params_from_iter(args.iter()), row_from)?.collect::<rusqlite::Result<_>>()?;
        if q.with_evidence && !rows.is_empty() {
            let mut by_id = self.evidence_for_many(rows.iter().map(|r| r.id))?;
            for row in &mut rows {
                row.checks = by_id.remove(&row.id).unwrap_or_default();
            }
        }
        Ok(rows)
    }

    /// Calls `each` for every matching row in order, without holding them all in memory. With
    /// `with_evidence`, each row comes with its checks' verdicts, scores and summaries as the
    /// JSON array a listing prints (`[]` before any check ran), as stored with the evidence.
    pub fn for_each_request(
        &self,
        q: &QueueQuery,
        mut each: impl FnMut(RequestRow, Option<&RawValue>) -> Result<bool>,
    ) -> Result<()> {
        let (filter, args) = Self::queue_sql(q);
        let sql = format!("SELECT {ROW_COLUMNS}, checks_json FROM requests{filter} ORDER BY {}", q.sort.sql());
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.iter()))?;
        while let Some(r) = rows.next()? {
            let row = row_from(r)?;
            let rebuilt: Box<RawValue>;
            let checks = if !q.with_evidence {
                None
            } else if let Some(stored) =
                r.get_ref(12)?.as_str_or_null().ok().flatten().and_then(|t| serde_json::from_str::<&RawValue>(t).ok())
            {
                Some(stored)
            } else {
                // Never checked, or a summary that is not JSON: built from the evidence rows.
                rebuilt = RawValue::from_string(summaries_json(&self.evidence_summaries(row.id)?))
                    .map_err(|e| StoreError::Data(e.to_string()))?;
                Some(&*rebuilt)
            };
            if !each(row, checks)? {
                break;
            }
        }
        Ok(())
    }

    fn evidence_summaries(&self, id: i64) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(EVIDENCE_SUMMARY_SQL)?;
        in_position_order(stmt.query_map([id], evidence_summary_from)?)
    }

    /// How many rows the query matches (ignoring offset and limit).
    pub fn count_requests(&self, q: &QueueQuery) -> Result<u64> {
        let (filter, args) = Self::queue_sql(q);
        // Without a text filter, counting reads the narrowest index that has the status (the
        // planner cannot tell it from the wider `requests_search`, whose columns are also text).
        let source = if Self::has_text(q) { "requests" } else { STATUS_INDEX };
        let sql = format!("SELECT COUNT(*) FROM {source}{filter}");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params_from_iter(args.iter()), |r| r.get::<_, i64>(0))? as u64)
    }

    pub fn status_counts(&self) -> Result<StatusCounts> {
        let mut c = StatusCounts::default();
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT status, COUNT(*) FROM {STATUS_INDEX} GROUP BY status"))?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let n = r.get::<_, i64>(1)? as u64;
            match Status::parse(&r.get::<_, String>(0)?) {
                Some(Status::Pending) => c.pending = n,
                Some(Status::Flagged) => c.flagged = n,
                Some(Status::Reported) => c.reported = n,
                Some(Status::Accepted) => c.accepted = n,
                None => {}
            }
        }
        Ok(c)
    }

    pub fn request_row(&self, id: i64) -> Result<RequestRow> {
        let mut row = self
            .conn
            .prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM requests WHERE id = ?1"))?
            .query_row([id], row_from)
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => super::StoreError::NoSuchRequest(id.to_string()),
                e => e.into(),
            })?;
        row.checks = self.evidence_for(id)?;
        Ok(row)
    }

    pub fn evidence_for(&self, id: i64) -> Result<Vec<Evidence>> {
        let mut stmt = self.conn.prepare_cached(EVIDENCE_SQL)?;
        in_position_order(stmt.query_map([id], evidence_from)?)
    }

    fn evidence_for_many(&self, ids: impl Iterator<Item = i64>) -> Result<HashMap<i64, Vec<Evidence>>> {
        let mut out = HashMap::new();
        let mut stmt = self.conn.prepare_cached(EVIDENCE_SQL)?;
        for id in ids {
            let ev = in_position_order(stmt.query_map([id], evidence_from)?)?;
            out.insert(id, ev);
        }
        Ok(out)
    }

    /// The risk explanation stored with the latest check run.
    pub fn risk_explanation(&self, id: i64) -> Result<Vec<String>> {
        let text: Option<String> = self
            .conn
            .prepare_cached("SELECT risk_explained FROM requests WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?;
        Ok(text.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default())
    }
}

// A request's evidence rows are read by the primary key, (request_id, check_id): one seek to
// rows stored side by side. `ORDER BY position` would make SQLite walk a second index and look
// each row up from it (eight seeks per request: half of `list --format json` at 100,000
// requests); the handful of rows is put in position order here instead.
pub(super) const EVIDENCE_SQL: &str =
    "SELECT e.check_id, e.check_version, e.verdict, e.score, e.summary, e.position, COALESCE(l.lines_json, '[]')
     FROM evidence AS e LEFT JOIN evidence_lines AS l ON l.request_id = e.request_id AND l.check_id = e.check_id
     WHERE e.request_id = ?1";

pub(super) const EVIDENCE_SUMMARY_SQL: &str =
    "SELECT check_id, check_version, verdict, score, summary, position FROM evidence WHERE request_id = ?1";

/// One request's evidence rows, in the order the checks were run (`position`).
fn in_position_order(rows: impl Iterator<Item = rusqlite::Result<(i64, Evidence)>>) -> Result<Vec<Evidence>> {
    let mut rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by_key(|(position, _)| *position);
    Ok(rows.into_iter().map(|(_, e)| e).collect())
}

fn evidence_summary_from(r: &Row) -> rusqlite::Result<(i64, Evidence)> {
    let verdict: String = r.get(2)?;
    Ok((
        r.get(5)?,
        Evidence {
            check: r.get(0)?,
            version: r.get(1)?,
            verdict: Verdict::parse(&verdict).unwrap_or(Verdict::NotApplicable),
            score: r.get::<_, i64>(3)?.clamp(0, 100) as u8,
            summary: r.get(4)?,
            lines: Vec::new(),
            related: Vec::new(),
        },
    ))
}

fn evidence_from(r: &Row) -> rusqlite::Result<(i64, Evidence)> {
    let lines: String = r.get(6)?;
    let (position, summary) = evidence_summary_from(r)?;
    Ok((position, Evidence { lines: serde_json::from_str(&lines).unwrap_or_default(), ..summary }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_unreadable_listing_summary_is_rebuilt_from_the_evidence() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("q.db")).unwrap();
        let batch = crate::store::generated_reports(dir.path(), 30, 3);
        store.import_reports(&[("r.jsonl".into(), batch)]).unwrap();
        crate::analysis::refresh_all(&mut store, |_, _| {}).unwrap();
        let listed = |store: &Store| {
            let mut out = Vec::new();
            let q = QueueQuery { status: None, with_evidence: true, ..Default::default() };
            store
                .for_each_request(&q, |r, c| {
                    out.push((r.id, c.unwrap().get().to_owned()));
                    Ok(true)
                })
                .unwrap();
            out
        };
        let stored = listed(&store);
        assert_eq!(stored.len(), 30);
        for (id, json) in &stored {
            assert_eq!(json, &summaries_json(&store.evidence_for(*id).unwrap()), "request {id}");
        }
        store
            .conn
            .execute_batch(
                "UPDATE requests SET checks_json = NULL WHERE id % 3 = 0;
             UPDATE requests SET checks_json = '[{not json' WHERE id % 3 = 1;",
            )
            .unwrap();
        assert_eq!(listed(&store), stored);
    }
}
