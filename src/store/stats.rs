//! The statistics' queries, each read through an index made for it (`requests_stats_*`,
//! `evidence_stats_links`, `audit_stats_decisions`, see migration 5), never a read of the reports'
//! JSON: one walk of the approaches received in a period (a covering index), counts and
//! aggregates, and the remembered campaign groups. `crate::stats` turns them into the figures
//! every medium shows.

use super::{Result, Store, StoreError};
use crate::domain::stats::{Bounds, StatsQuery};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};

/// Every figure about approaches received in a period reads this covering index.
pub(super) const RECEIVED: &str = "requests INDEXED BY requests_stats_received";
/// Reports reaching the team, by time.
pub(super) const REPORTED: &str = "requests INDEXED BY requests_stats_reported";
/// Decided requests, by the time of the decision that stands.
pub(super) const DECIDED: &str = "requests INDEXED BY requests_stats_decided";

/// One approach received in the period, as the statistics read it from their covering index:
/// text as stored bytes (UTF-8), so that a walk over every request validates and copies only
/// what it keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReceivedRow<'a> {
    pub id: i64,
    pub received_at: &'a [u8],
    pub status: &'a [u8],
    pub platform: &'a [u8],
    /// `None`: not checked yet.
    pub level: Option<&'a [u8]>,
    pub reported_at: Option<&'a [u8]>,
    pub recipient_org: Option<&'a [u8]>,
    pub recipient_role: Option<&'a [u8]>,
    pub recipient: &'a [u8],
    pub sender: &'a [u8],
    /// The remembered campaign group it belongs to, when asked for and if any.
    pub group: Option<i64>,
}

/// Remembered campaign groups: (request, group) pairs, and each group's span.
pub type RememberedGroups = (Vec<(i64, i64)>, Vec<CampaignSpan>);

/// A campaign's whole span, whatever the period: its first and last approach, its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSpan {
    pub group_id: i64,
    pub first_seen: String,
    pub last_seen: String,
    pub members: u64,
}

/// SQL conditions on a time column and the queue's filters, with their arguments. `alias` is
/// the requests table's name in the query ("" when unaliased).
struct Conditions {
    clauses: Vec<String>,
    args: Vec<Value>,
}

impl Conditions {
    fn new() -> Self {
        Conditions { clauses: Vec::new(), args: Vec::new() }
    }

    fn push(&mut self, clause: impl Into<String>, arg: Option<Value>) {
        self.clauses.push(clause.into());
        self.args.extend(arg);
    }

    /// `column` in the period's bounds.
    fn period(mut self, column: &str, b: &Bounds) -> Self {
        if let Some(from) = &b.from {
            self.push(format!("{column} >= ?"), Some(from.clone().into()));
        }
        if let Some(to) = &b.to {
            self.push(format!("{column} < ?"), Some(to.clone().into()));
        }
        self
    }

    /// The queue's status and text filters on the requests table called `table`.
    fn filters(mut self, table: &str, q: &StatsQuery) -> Self {
        let col = |c: &str| if table.is_empty() { c.to_owned() } else { format!("{table}.{c}") };
        if let Some(s) = q.status {
            self.push(format!("{} = ?", col("status")), Some(s.as_str().to_owned().into()));
        }
        if let Some(t) = q.text_filter() {
            self.push(format!("instr({}, ?) > 0", col("search_text")), Some(t.into()));
        }
        self
    }

    /// The filters as a condition on a request id column of another table (audit entries).
    fn filters_on_request(mut self, id_column: &str, q: &StatsQuery) -> Self {
        let inner = Conditions::new().filters("", q);
        if !inner.clauses.is_empty() {
            self.clauses
                .push(format!("{id_column} IN (SELECT id FROM requests WHERE {})", inner.clauses.join(" AND ")));
            self.args.extend(inner.args);
        }
        self
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() { String::new() } else { format!(" WHERE {}", self.clauses.join(" AND ")) }
    }
}

fn count(r: &Row, i: usize) -> rusqlite::Result<u64> {
    Ok(r.get::<_, i64>(i)?.max(0) as u64)
}

/// Each query's SQL and arguments, built in one place for the query and its plan test.
mod sql {
    use super::*;

    /// Every approach received in the period: one walk of the covering index.
    /// With `groups`, each with its remembered campaign group (one primary-key seek a request).
    pub(super) fn received_rows(b: &Bounds, q: &StatsQuery, groups: bool) -> (String, Conditions) {
        let c = Conditions::new().period("received_at", b).filters("", q);
        let (group, join) = if groups {
            (", g.group_id", " LEFT JOIN campaign_groups AS g ON g.request_id = requests.id")
        } else {
            (", NULL", "")
        };
        let sql = format!(
            "SELECT requests.id, received_at, status, platform, level, reported_at, recipient_org, recipient_role,
                 recipient, sender{group} FROM {RECEIVED}{join}{}",
            c.sql()
        );
        (sql, c)
    }

    fn reported_conditions(b: &Bounds, q: &StatsQuery) -> Conditions {
        let mut c = Conditions::new();
        c.push("reported_at IS NOT NULL", None);
        c.period("reported_at", b).filters("", q)
    }

    pub(super) fn reported_days(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = reported_conditions(b, q);
        (format!("SELECT substr(reported_at, 1, 10), COUNT(*) FROM {REPORTED}{} GROUP BY 1", c.sql()), c)
    }

    pub(super) fn received_count(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = Conditions::new().period("received_at", b).filters("", q);
        (format!("SELECT COUNT(*) FROM {RECEIVED}{}", c.sql()), c)
    }

    pub(super) fn reported_count(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = reported_conditions(b, q);
        (format!("SELECT COUNT(*) FROM {REPORTED}{}", c.sql()), c)
    }

    fn decided_conditions(b: &Bounds, q: &StatsQuery) -> Conditions {
        // Said outright, so SQLite sees the partial index applies even with no period.
        let mut c = Conditions::new();
        c.push("decided_at IS NOT NULL", None);
        c.period("decided_at", b).filters("", q)
    }

    pub(super) fn decision_seconds(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = decided_conditions(b, q);
        let sql =
            format!("SELECT (julianday(decided_at) - julianday(reported_at)) * 86400.0 FROM {DECIDED}{}", c.sql());
        (sql, c)
    }

    pub(super) fn standing_by_officer(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = decided_conditions(b, q);
        (format!("SELECT decided_by, status, COUNT(*) FROM {DECIDED}{} GROUP BY 1, 2", c.sql()), c)
    }

    pub(super) fn decision_entries(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let mut c = Conditions::new();
        c.push("action IN ('accept', 'flag', 'report')", None);
        let c = c.period("at", b).filters_on_request("request_id", q);
        let sql = format!(
            "SELECT officer, action, COUNT(*) FROM audit_log INDEXED BY audit_stats_decisions{} GROUP BY 1, 2",
            c.sql()
        );
        (sql, c)
    }

    pub(super) fn undone_entries(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let mut c = Conditions::new();
        c.push("u.action = 'undo'", None);
        c.push("d.action IN ('accept', 'flag', 'report')", None);
        let c = c.period("d.at", b).filters_on_request("d.request_id", q);
        let sql = format!(
            "SELECT d.officer, COUNT(DISTINCT d.seq)
             FROM audit_log AS u INDEXED BY audit_stats_decisions
             JOIN audit_log AS d ON d.seq = json_extract(u.payload, '$.reverses'){}
             GROUP BY 1",
            c.sql()
        );
        (sql, c)
    }

    /// Lines of the check's results that found something (`suspicious`: a watchlist hit, a
    /// reference photo matched), for approaches received in the period.
    pub(super) fn evidence_lines(check: &str, b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let mut c = Conditions::new();
        c.push("e.check_id = ?", Some(check.to_owned().into()));
        c.push("e.verdict = 'suspicious'", None);
        c.push(LINKS_INDEX_CONDITION, None);
        let c = c.period("r.received_at", b).filters("r", q);
        let sql = format!(
            "SELECT e.request_id, l.lines_json FROM evidence AS e INDEXED BY evidence_stats_links
             JOIN requests AS r ON r.id = e.request_id
             JOIN evidence_lines AS l ON l.request_id = e.request_id AND l.check_id = e.check_id{}",
            c.sql()
        );
        (sql, c)
    }

    pub(super) fn campaign_lines() -> (String, Conditions) {
        let mut c = Conditions::new();
        c.push("e.check_id = 'campaign'", None);
        c.push(LINKS_INDEX_CONDITION, None);
        let sql = format!(
            "SELECT e.request_id, l.lines_json FROM evidence AS e INDEXED BY evidence_stats_links
             JOIN evidence_lines AS l ON l.request_id = e.request_id AND l.check_id = e.check_id{}",
            c.sql()
        );
        (sql, c)
    }

    /// The state of the campaign evidence: how many requests it links, and the latest run.
    pub(super) fn campaign_stamp() -> (String, Conditions) {
        let mut c = Conditions::new();
        c.push("e.check_id = 'campaign'", None);
        c.push(LINKS_INDEX_CONDITION, None);
        let sql = format!(
            "SELECT COUNT(*) || ' ' || COALESCE(MAX(e.ran_at), '') FROM evidence AS e INDEXED BY evidence_stats_links{}",
            c.sql()
        );
        (sql, c)
    }

    pub(super) fn member_times(ids: &[i64]) -> (String, Conditions) {
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut c = Conditions::new();
        c.push("id IN (SELECT value FROM json_each(?))", Some(list.into()));
        (format!("SELECT id, received_at FROM requests{}", c.sql()), c)
    }
}

/// Column `i`'s text as its bytes; a number or blob where text belongs is read as absent rather
/// than failing the count.
fn bytes<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<Option<&'r [u8]>> {
    Ok(match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(t) => Some(t),
        _ => None,
    })
}

impl Store {
    fn stats_rows<T>(
        &self,
        (sql, c): (String, Conditions),
        f: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.args.iter()), f)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn stats_count(&self, query: (String, Conditions)) -> Result<u64> {
        Ok(self.stats_rows(query, |r| count(r, 0))?.first().copied().unwrap_or(0))
    }

    /// Calls `each` for every approach received in the period that passes the queue's filters,
    /// in order of receipt, without holding them.
    pub fn stats_for_each_received(
        &self,
        b: &Bounds,
        q: &StatsQuery,
        with_groups: bool,
        mut each: impl FnMut(ReceivedRow<'_>),
    ) -> Result<()> {
        let (sql, c) = sql::received_rows(b, q, with_groups);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(c.args.iter()))?;
        while let Some(r) = rows.next()? {
            each(ReceivedRow {
                id: r.get(0)?,
                received_at: bytes(r, 1)?.unwrap_or_default(),
                status: bytes(r, 2)?.unwrap_or_default(),
                platform: bytes(r, 3)?.unwrap_or_default(),
                level: bytes(r, 4)?,
                reported_at: bytes(r, 5)?,
                recipient_org: bytes(r, 6)?,
                recipient_role: bytes(r, 7)?,
                recipient: bytes(r, 8)?.unwrap_or_default(),
                sender: bytes(r, 9)?.unwrap_or_default(),
                group: r.get(10)?,
            });
        }
        Ok(())
    }

    /// Approaches whose report reached the team in the period, by day.
    pub fn stats_reported_days(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<(String, u64)>> {
        self.stats_rows(sql::reported_days(b, q), |r| Ok((r.get(0)?, count(r, 1)?)))
    }

    /// How many approaches were received, and how many reports reached the team, in the period.
    pub fn stats_period_counts(&self, b: &Bounds, q: &StatsQuery) -> Result<(u64, u64)> {
        Ok((self.stats_count(sql::received_count(b, q))?, self.stats_count(sql::reported_count(b, q))?))
    }

    /// Seconds from each report reaching the team to the decision that stands, for decisions
    /// made in the period.
    pub fn stats_decision_seconds(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<f64>> {
        let secs = self.stats_rows(sql::decision_seconds(b, q), |r| r.get::<_, Option<f64>>(0))?;
        Ok(secs.into_iter().flatten().collect())
    }

    /// Standing decisions made in the period, by officer and status.
    pub fn stats_standing_by_officer(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<(String, String, u64)>> {
        self.stats_rows(sql::standing_by_officer(b, q), |r| {
            Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?, count(r, 2)?))
        })
    }

    /// Decision entries recorded in the period, by officer and action.
    pub fn stats_decision_entries(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<(String, String, u64)>> {
        self.stats_rows(sql::decision_entries(b, q), |r| Ok((r.get(0)?, r.get(1)?, count(r, 2)?)))
    }

    /// Of the decision entries recorded in the period, how many have been undone since, by officer.
    pub fn stats_undone_entries(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<(String, u64)>> {
        self.stats_rows(sql::undone_entries(b, q), |r| Ok((r.get(0)?, count(r, 1)?)))
    }

    /// Each request's evidence lines from one check that linked or matched something
    /// (verdict caution or suspicious), for approaches received in the period.
    pub fn stats_evidence_lines(&self, check: &str, b: &Bounds, q: &StatsQuery) -> Result<Vec<(i64, Vec<String>)>> {
        self.lines_rows(sql::evidence_lines(check, b, q))
    }

    /// Every request's campaign evidence lines where the campaign check linked it to others,
    /// whenever received (a campaign's first and last approach may lie outside the period).
    pub fn stats_campaign_lines(&self) -> Result<Vec<(i64, Vec<String>)>> {
        self.lines_rows(sql::campaign_lines())
    }

    fn lines_rows(&self, query: (String, Conditions)) -> Result<Vec<(i64, Vec<String>)>> {
        let rows: Vec<(i64, String)> = self.stats_rows(query, |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.into_iter()
            .map(|(id, json)| {
                serde_json::from_str(&json)
                    .map(|lines| (id, lines))
                    .map_err(|e| StoreError::Data(format!("request #{id}: stored evidence lines unreadable: {e}")))
            })
            .collect()
    }

    /// The state of the campaign evidence the remembered groups must have been made from.
    pub fn stats_campaign_stamp(&self) -> Result<String> {
        Ok(self.stats_rows(sql::campaign_stamp(), |r| r.get::<_, String>(0))?.pop().unwrap_or_default())
    }

    /// When each of the given requests was received.
    pub fn stats_member_times(&self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.stats_rows(sql::member_times(ids), |r| Ok((r.get(0)?, r.get(1)?)))
    }

    /// Whether the remembered campaign groups were made from the campaign evidence in the
    /// state `stamp`.
    pub fn campaign_groups_remembered(&self, stamp: &str) -> Result<bool> {
        let held: Option<String> = self
            .conn
            .prepare_cached("SELECT stamp FROM derived_stamps WHERE name = 'campaign_groups'")?
            .query_row([], |r| r.get(0))
            .optional()?;
        Ok(held.as_deref() == Some(stamp))
    }

    /// The spans of the given remembered campaign groups.
    pub fn remembered_campaign_spans(&self, groups: &[i64]) -> Result<Vec<CampaignSpan>> {
        let list = serde_json::to_string(groups).map_err(|e| StoreError::Data(e.to_string()))?;
        let spans = self
            .conn
            .prepare_cached(
                "SELECT group_id, first_seen, last_seen, members FROM campaign_spans
                 WHERE group_id IN (SELECT value FROM json_each(?1))",
            )?
            .query_map([list], |r| {
                Ok(CampaignSpan {
                    group_id: r.get(0)?,
                    first_seen: r.get(1)?,
                    last_seen: r.get(2)?,
                    members: count(r, 3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(spans)
    }

    /// The campaign groups remembered from the campaign evidence in the state `stamp`, if they
    /// were: (request, group) pairs and each group's span.
    pub fn remembered_campaign_groups(&self, stamp: &str) -> Result<Option<RememberedGroups>> {
        if !self.campaign_groups_remembered(stamp)? {
            return Ok(None);
        }
        let members = self
            .conn
            .prepare_cached("SELECT request_id, group_id FROM campaign_groups")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let spans = self
            .conn
            .prepare_cached("SELECT group_id, first_seen, last_seen, members FROM campaign_spans")?
            .query_map([], |r| {
                Ok(CampaignSpan {
                    group_id: r.get(0)?,
                    first_seen: r.get(1)?,
                    last_seen: r.get(2)?,
                    members: count(r, 3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some((members, spans)))
    }

    /// Remembers campaign groups (each a sorted list of request ids, named by its first) made
    /// from the campaign evidence in the state `stamp`, with each group's span, in one
    /// transaction.
    pub fn remember_campaign_groups(&mut self, stamp: &str, groups: &[Vec<i64>]) -> Result<()> {
        self.write(|tx| {
            tx.execute_batch("DELETE FROM campaign_groups; DELETE FROM campaign_spans;")?;
            let mut insert = tx.prepare_cached("INSERT INTO campaign_groups (request_id, group_id) VALUES (?1, ?2)")?;
            for g in groups {
                for id in g {
                    insert.execute(rusqlite::params![id, g[0]])?;
                }
            }
            tx.execute_batch(
                "INSERT INTO campaign_spans (group_id, first_seen, last_seen, members)
                 SELECT g.group_id, MIN(r.received_at), MAX(r.received_at), COUNT(*)
                 FROM campaign_groups AS g JOIN requests AS r ON r.id = g.request_id GROUP BY g.group_id",
            )?;
            tx.execute(
                "INSERT INTO derived_stamps (name, stamp) VALUES ('campaign_groups', ?1)
                 ON CONFLICT (name) DO UPDATE SET stamp = excluded.stamp",
                [stamp],
            )?;
            Ok(())
        })
    }
}

/// The partial index `evidence_stats_links` holds only rows meeting this; a query must say so
/// in the same words for SQLite to use it.
const LINKS_INDEX_CONDITION: &str =
    "e.check_id IN ('campaign', 'watchlist', 'photo') AND e.verdict IN ('caution', 'suspicious')";

/// Every statistics query, its placeholders filled with example values, named, for the
/// query-plan tests (`plans.rs`).
#[cfg(test)]
pub(super) fn example_queries() -> Vec<(String, String)> {
    use crate::domain::stats::Period;
    let period = Period::parse(Some("2026-11-01"), Some("2026-11-30")).unwrap();
    let mut out = Vec::new();
    for (q, label) in [
        (StatsQuery::default(), "no filter"),
        (StatsQuery { status: Some(crate::domain::Status::Flagged), ..Default::default() }, "status"),
        (StatsQuery { text: Some("ann".into()), ..Default::default() }, "text"),
    ] {
        for (b, span) in [(period.bounds(), "a period"), (Bounds::default(), "all time")] {
            let named = [
                ("received rows", sql::received_rows(&b, &q, false)),
                ("received rows with groups", sql::received_rows(&b, &q, true)),
                ("reported days", sql::reported_days(&b, &q)),
                ("received count", sql::received_count(&b, &q)),
                ("reported count", sql::reported_count(&b, &q)),
                ("decision seconds", sql::decision_seconds(&b, &q)),
                ("standing by officer", sql::standing_by_officer(&b, &q)),
                ("decision entries", sql::decision_entries(&b, &q)),
                ("undone entries", sql::undone_entries(&b, &q)),
                ("watchlist lines", sql::evidence_lines("watchlist", &b, &q)),
                ("photo lines", sql::evidence_lines("photo", &b, &q)),
                ("campaign lines", sql::campaign_lines()),
                ("campaign stamp", sql::campaign_stamp()),
                ("member times", sql::member_times(&[1, 2, 3])),
            ];
            for (name, (sql, c)) in named {
                out.push((format!("{name} ({label}, {span})"), fill(&sql, &c)));
            }
        }
    }
    out
}

/// `sql` with each `?` replaced by its argument as an SQL literal.
#[cfg(test)]
fn fill(sql: &str, c: &Conditions) -> String {
    let mut out = String::new();
    let mut args = c.args.iter();
    for ch in sql.chars() {
        if ch == '?' {
            match args.next() {
                Some(Value::Text(t)) => out.push_str(&format!("'{}'", t.replace('\'', "''"))),
                Some(Value::Integer(i)) => out.push_str(&i.to_string()),
                other => panic!("unexpected argument {other:?}"),
            }
        } else {
            out.push(ch);
        }
    }
    assert!(args.next().is_none(), "more arguments than placeholders in {sql}");
    out
}
