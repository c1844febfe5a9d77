//! The statistics' queries: aggregates over indexes (`requests_stats_*`, `evidence_stats_links`,
//! `audit_stats_decisions`, see migration 4), never a scan of the reports' JSON. Each returns raw
//! counts; `crate::stats` turns them into the figures every medium shows.

use super::{Result, Store, StoreError};
use crate::domain::Status;
use crate::domain::stats::{Bounds, Named, StatsQuery};
use rusqlite::types::Value;
use rusqlite::{Row, params_from_iter};

/// Every figure about approaches received in a period reads this covering index.
pub(super) const RECEIVED: &str = "requests INDEXED BY requests_stats_received";
/// Reports reaching the team, by time.
pub(super) const REPORTED: &str = "requests INDEXED BY requests_stats_reported";
/// Decided requests, by the time of the decision that stands.
pub(super) const DECIDED: &str = "requests INDEXED BY requests_stats_decided";

/// Approaches received on one day with one platform, risk level and status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayProfile {
    pub day: String,
    pub platform: String,
    /// `None`: not checked yet.
    pub level: Option<String>,
    pub status: String,
    pub count: u64,
}

/// Which recipient field a ranking groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecipientField {
    Organisation,
    Role,
    Name,
}

impl RecipientField {
    fn column(self) -> &'static str {
        match self {
            RecipientField::Organisation => "recipient_org",
            RecipientField::Role => "recipient_role",
            RecipientField::Name => "recipient",
        }
    }
}

/// One request of a campaign, as the campaign figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    pub id: i64,
    pub received_at: String,
    pub recipient: String,
    pub recipient_org: Option<String>,
    pub sender: String,
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

    pub(super) fn profile(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = Conditions::new().period("received_at", b).filters("", q);
        let sql = format!(
            "SELECT substr(received_at, 1, 10), platform, level, status, COUNT(*) FROM {RECEIVED}{}
             GROUP BY 1, 2, 3, 4",
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

    pub(super) fn by_recipient(field: RecipientField, b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let col = field.column();
        let c = Conditions::new().period("received_at", b).filters("", q);
        (format!("SELECT MIN({col}), COUNT(*) FROM {RECEIVED}{} GROUP BY {col} COLLATE NOCASE", c.sql()), c)
    }

    pub(super) fn distinct_recipients(b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let c = Conditions::new().period("received_at", b).filters("", q);
        (format!("SELECT COUNT(DISTINCT recipient COLLATE NOCASE) FROM {RECEIVED}{}", c.sql()), c)
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

    /// The first argument is the time ages are measured at.
    pub(super) fn backlog(b: &Bounds, q: &StatsQuery, now: &str, limits: &[Option<f64>]) -> (String, Conditions) {
        let mut case = String::from("CASE");
        for (i, limit) in limits.iter().enumerate() {
            match limit {
                Some(days) => case.push_str(&format!(" WHEN age < {days:?} THEN {i}")),
                None => case.push_str(&format!(" ELSE {i}")),
            }
        }
        case.push_str(" END");
        let mut c = Conditions::new();
        c.args.push(now.to_owned().into());
        c.push("status = 'pending'", None);
        let c = c.period("received_at", b).filters("", q);
        let sql = format!(
            "SELECT {case}, COUNT(*), MIN(reported_at) FROM
                (SELECT reported_at, julianday(?) - julianday(reported_at) AS age FROM {RECEIVED}{})
             GROUP BY 1",
            c.sql()
        );
        (sql, c)
    }

    pub(super) fn evidence_lines(check: &str, b: &Bounds, q: &StatsQuery) -> (String, Conditions) {
        let mut c = Conditions::new();
        c.push("e.check_id = ?", Some(check.to_owned().into()));
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

    pub(super) fn member_facts(ids: &[i64], q: &StatsQuery) -> (String, Conditions) {
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut c = Conditions::new();
        c.push("id IN (SELECT value FROM json_each(?))", Some(list.into()));
        let c = c.filters("", q);
        // Each request by its id: a status index would walk every request of that status.
        (format!("SELECT id, received_at, recipient, recipient_org, sender FROM requests NOT INDEXED{}", c.sql()), c)
    }
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

    /// Approaches received in the period, by day, platform, risk level and status.
    pub fn stats_received_profile(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<DayProfile>> {
        self.stats_rows(sql::profile(b, q), |r| {
            Ok(DayProfile {
                day: r.get(0)?,
                platform: r.get(1)?,
                level: r.get(2)?,
                status: r.get(3)?,
                count: count(r, 4)?,
            })
        })
    }

    /// Approaches whose report reached the team in the period, by day.
    pub fn stats_reported_days(&self, b: &Bounds, q: &StatsQuery) -> Result<Vec<(String, u64)>> {
        self.stats_rows(sql::reported_days(b, q), |r| Ok((r.get(0)?, count(r, 1)?)))
    }

    /// How many approaches were received, and how many reports reached the team, in the period.
    pub fn stats_period_counts(&self, b: &Bounds, q: &StatsQuery) -> Result<(u64, u64)> {
        Ok((self.stats_count(sql::received_count(b, q))?, self.stats_count(sql::reported_count(b, q))?))
    }

    /// Approaches received in the period grouped by a recipient field, ignoring case (the
    /// group's name is one of its spellings); `None` groups those without one.
    pub fn stats_by_recipient(&self, field: RecipientField, b: &Bounds, q: &StatsQuery) -> Result<Vec<Named>> {
        self.stats_rows(sql::by_recipient(field, b, q), |r| Ok(Named { name: r.get(0)?, count: count(r, 1)? }))
    }

    /// Distinct officials approached in the period (by name, ignoring case).
    pub fn stats_distinct_recipients(&self, b: &Bounds, q: &StatsQuery) -> Result<u64> {
        self.stats_count(sql::distinct_recipients(b, q))
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

    /// Pending approaches received in the period, by age band of their report at `now`; each
    /// band runs up to its limit in days (exclusive), the last one has none. Also the time the
    /// longest-waiting report reached the team.
    pub fn stats_backlog(
        &self,
        b: &Bounds,
        q: &StatsQuery,
        now: &str,
        limits: &[Option<f64>],
    ) -> Result<(Vec<u64>, Option<String>)> {
        let mut counts = vec![0u64; limits.len()];
        if limits.is_empty() || q.status.is_some_and(|s| s != Status::Pending) {
            return Ok((counts, None));
        }
        let rows: Vec<(Option<i64>, u64, Option<String>)> =
            self.stats_rows(sql::backlog(b, q, now, limits), |r| Ok((r.get(0)?, count(r, 1)?, r.get(2)?)))?;
        let mut oldest: Option<String> = None;
        for (band, n, first) in rows {
            // A report with no readable time has no age: it is counted in the oldest band.
            let i = band.map_or(limits.len() - 1, |b| (b.max(0) as usize).min(limits.len() - 1));
            counts[i] += n;
            if let Some(f) = first
                && oldest.as_ref().is_none_or(|o| f < *o)
            {
                oldest = Some(f);
            }
        }
        Ok((counts, oldest))
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

    /// What the campaign figures need of the given requests, those passing the queue's filters.
    pub fn stats_member_facts(&self, ids: &[i64], q: &StatsQuery) -> Result<Vec<MemberFacts>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.stats_rows(sql::member_facts(ids, q), |r| {
            Ok(MemberFacts {
                id: r.get(0)?,
                received_at: r.get(1)?,
                recipient: r.get(2)?,
                recipient_org: r.get(3)?,
                sender: r.get(4)?,
            })
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
    use crate::domain::stats::{AGE_BANDS, Period};
    let period = Period::parse(Some("2026-11-01"), Some("2026-11-30")).unwrap();
    let limits: Vec<Option<f64>> = AGE_BANDS.iter().map(|(_, l)| *l).collect();
    let mut out = Vec::new();
    for (q, label) in [
        (StatsQuery::default(), "no filter"),
        (StatsQuery { status: Some(Status::Flagged), ..Default::default() }, "status"),
        (StatsQuery { text: Some("ann".into()), ..Default::default() }, "text"),
    ] {
        for (b, span) in [(period.bounds(), "a period"), (Bounds::default(), "all time")] {
            let named = [
                ("profile", sql::profile(&b, &q)),
                ("reported days", sql::reported_days(&b, &q)),
                ("received count", sql::received_count(&b, &q)),
                ("reported count", sql::reported_count(&b, &q)),
                ("organisations", sql::by_recipient(RecipientField::Organisation, &b, &q)),
                ("roles", sql::by_recipient(RecipientField::Role, &b, &q)),
                ("recipients", sql::by_recipient(RecipientField::Name, &b, &q)),
                ("distinct recipients", sql::distinct_recipients(&b, &q)),
                ("decision seconds", sql::decision_seconds(&b, &q)),
                ("standing by officer", sql::standing_by_officer(&b, &q)),
                ("decision entries", sql::decision_entries(&b, &q)),
                ("undone entries", sql::undone_entries(&b, &q)),
                ("backlog", sql::backlog(&b, &q, "2026-12-01T00:00:00Z", &limits)),
                ("watchlist lines", sql::evidence_lines("watchlist", &b, &q)),
                ("campaign lines", sql::campaign_lines()),
                ("member facts", sql::member_facts(&[1, 2, 3], &q)),
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
