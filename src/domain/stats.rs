//! The threat picture in figures: the types every medium shows (`linkvet stats` in its four
//! formats, the workstation's statistics view) and the rules behind them — periods and their
//! edges, weeks, percentiles, the backlog's age bands, campaigns from links.
//!
//! # What is counted
//!
//! * A period is whole UTC days, both ends included: `since 2026-11-01 until 2026-11-30` is
//!   every time `t` with `2026-11-01T00:00:00Z ≤ t < 2026-12-01T00:00:00Z`.
//! * Figures about approaches (the weekly "received" count, platforms, risk, decisions,
//!   organisations, roles, recipients, campaigns, watchlist and photo matches, the backlog) count
//!   the approaches *received* in the period. The weekly "reported" count is of approaches whose
//!   report reached the team in the period (the report's `reported_at`, else its import time).
//! * Figures about the team's work (time from report to decision, decisions per officer) count
//!   decisions *made* in the period.
//! * A request's decision is the one that stands (the status its audit entries lead to): an
//!   undone decision does not count, and a request decided twice counts once, as its latest
//!   decision not undone. Per officer, the decisions recorded and how many of them were undone
//!   are counted from the audit log as well.
//! * The queue's filters (a status, a text) choose which requests count, everywhere.

use super::Status;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// Whole UTC days, both ends included; an open end reaches as far as the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Period {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Period {
    pub const ALL: Period = Period { since: None, until: None };

    /// From the command line's `--since` / `--until` (`YYYY-MM-DD`).
    pub fn parse(since: Option<&str>, until: Option<&str>) -> Result<Period, String> {
        let date = |flag: &str, text: &str| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .ok()
                .filter(|d| (1..=9998).contains(&d.year()))
                .ok_or_else(|| format!("{flag} {text:?}: not a date; write YYYY-MM-DD, e.g. 2026-11-01"))
        };
        let since = since.map(|s| date("--since", s)).transpose()?;
        let until = until.map(|u| date("--until", u)).transpose()?;
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            return Err(format!("--until {u} is before --since {s}: the period would be empty"));
        }
        Ok(Period { since, until })
    }

    /// The period as text bounds on stored UTC times (`2026-11-01T09:14:00Z`): the lower one
    /// inclusive, the upper one exclusive. A bare date sorts before every time on that day.
    pub fn bounds(&self) -> Bounds {
        Bounds {
            from: self.since.map(|d| d.format("%Y-%m-%d").to_string()),
            to: self.until.and_then(|d| d.succ_opt()).map(|d| d.format("%Y-%m-%d").to_string()),
        }
    }

    /// The period of the same length just before this one, for the trend; `None` without a
    /// start. An open end is taken as `today`.
    pub fn previous(&self, today: NaiveDate) -> Option<Period> {
        let since = self.since?;
        let until = self.until.unwrap_or(today).max(since);
        let days = (until - since).num_days() + 1;
        let prev_until = since.pred_opt()?;
        let prev_since = since.checked_sub_signed(Duration::days(days))?;
        Some(Period { since: Some(prev_since), until: Some(prev_until) })
    }

    /// Whether a stored UTC time lies in the period.
    pub fn contains(&self, at: &str) -> bool {
        let b = self.bounds();
        b.from.as_deref().is_none_or(|f| at >= f) && b.to.as_deref().is_none_or(|t| at < t)
    }

    /// "2026-11-01 – 2026-11-30", "since 2026-11-01", "until 2026-11-30", "all time".
    pub fn describe(&self) -> String {
        match (self.since, self.until) {
            (Some(s), Some(u)) => format!("{s} – {u}"),
            (Some(s), None) => format!("since {s}"),
            (None, Some(u)) => format!("until {u}"),
            (None, None) => "all time".into(),
        }
    }
}

/// A period as bounds on stored times: `from <= t < to`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bounds {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// The workstation's period selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PeriodPreset {
    #[default]
    FourWeeks,
    Quarter,
    Year,
    All,
}

impl PeriodPreset {
    pub const ALL: [PeriodPreset; 4] =
        [PeriodPreset::FourWeeks, PeriodPreset::Quarter, PeriodPreset::Year, PeriodPreset::All];

    pub fn next(self) -> Self {
        match self {
            PeriodPreset::FourWeeks => PeriodPreset::Quarter,
            PeriodPreset::Quarter => PeriodPreset::Year,
            PeriodPreset::Year => PeriodPreset::All,
            PeriodPreset::All => PeriodPreset::FourWeeks,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PeriodPreset::FourWeeks => "last 4 weeks",
            PeriodPreset::Quarter => "quarter",
            PeriodPreset::Year => "year",
            PeriodPreset::All => "all",
        }
    }

    /// Whole weeks ending with the current one: the current week and the 3, 12 or 51 before
    /// it, Monday to today, so every week of the chart but the last is complete.
    pub fn resolve(self, today: NaiveDate) -> Period {
        let weeks = match self {
            PeriodPreset::FourWeeks => 4,
            PeriodPreset::Quarter => 13,
            PeriodPreset::Year => 52,
            PeriodPreset::All => return Period::ALL,
        };
        let since = week_start(today) - Duration::weeks(weeks - 1);
        Period { since: Some(since), until: Some(today) }
    }
}

/// The Monday of the (ISO, UTC) week holding `day`.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// Which requests count, over which period, and how much of each ranking to keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsQuery {
    pub period: Period,
    /// The queue's status filter; `None` is every status.
    pub status: Option<Status>,
    /// The queue's text filter (case-insensitive substring of names, orgs, platform, ids).
    pub text: Option<String>,
    /// Name the most approached officials (by default only how many there were).
    pub include_recipients: bool,
    /// Rows kept of each ranking (organisations, roles, campaigns, matches).
    pub top: usize,
}

impl Default for StatsQuery {
    fn default() -> Self {
        StatsQuery { period: Period::ALL, status: None, text: None, include_recipients: false, top: 10 }
    }
}

impl StatsQuery {
    /// The text filter as the queue applies it, if any.
    pub fn text_filter(&self) -> Option<String> {
        self.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_lowercase)
    }
}

/// Everything `linkvet stats` and the statistics view show, computed once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// When the figures were computed (UTC); ages in the backlog are measured from then.
    pub generated_at: String,
    pub period: Period,
    pub filters: Filters,
    pub totals: Totals,
    pub weeks: Vec<WeekCount>,
    pub trend: Option<Trend>,
    pub platforms: Vec<Named>,
    pub risk_levels: LevelCounts,
    pub decisions: DecisionCounts,
    pub organisations: Ranking,
    pub roles: Ranking,
    pub recipients: Ranking,
    pub campaigns: Campaigns,
    pub watchlist: Vec<WatchlistHits>,
    pub reference_photos: Vec<ReferenceHits>,
    pub decision_time: DecisionTime,
    pub backlog: Backlog,
    pub officers: Vec<OfficerCounts>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Filters {
    /// `all` or a status.
    pub status: String,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Totals {
    /// Approaches received in the period.
    pub received: u64,
    /// Approaches whose report reached the team in the period.
    pub reported: u64,
    /// Distinct officials approached (by name, ignoring case).
    pub recipients: u64,
    /// Distinct organisations approached (not counting "no organisation").
    pub organisations: u64,
}

/// One week (Monday to Sunday, UTC) of the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeekCount {
    /// Its Monday.
    pub week: NaiveDate,
    /// Days of the week inside the period (7 but at a partial first or last week).
    pub days: u8,
    pub received: u64,
    pub reported: u64,
    /// Of `received`, assessed high risk.
    pub high: u64,
}

/// The period against the one of the same length just before it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub previous: Period,
    pub received_previous: u64,
    pub reported_previous: u64,
    /// Percentage change, `None` when the previous period had none.
    pub received_change_pct: Option<f64>,
    pub reported_change_pct: Option<f64>,
}

/// `(now - before) / before` in per cent; `None` from nothing.
pub fn change_pct(before: u64, now: u64) -> Option<f64> {
    (before > 0).then(|| (now as f64 - before as f64) * 100.0 / before as f64)
}

/// A label and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    /// `None` is "none given" (an approach without a recipient organisation, say).
    pub name: Option<String>,
    pub count: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct LevelCounts {
    pub high: u64,
    pub medium: u64,
    pub low: u64,
    /// Not checked yet.
    pub unchecked: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct DecisionCounts {
    pub pending: u64,
    pub flagged: u64,
    pub reported: u64,
    pub accepted: u64,
}

impl DecisionCounts {
    pub fn add(&mut self, status: Status, n: u64) {
        match status {
            Status::Pending => self.pending += n,
            Status::Flagged => self.flagged += n,
            Status::Reported => self.reported += n,
            Status::Accepted => self.accepted += n,
        }
    }
}

/// The most frequent values and how many distinct ones there were.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Ranking {
    /// Distinct values, "none given" counted as one when present.
    pub distinct: u64,
    /// Most frequent first; ties alphabetically.
    pub top: Vec<Named>,
}

impl Ranking {
    /// From every group's (value, count): the `top` most frequent, ties by name.
    pub fn from_groups(mut groups: Vec<Named>, top: usize) -> Ranking {
        let distinct = groups.len() as u64;
        groups.sort_by(|a, b| {
            b.count.cmp(&a.count).then_with(|| match (&a.name, &b.name) {
                (Some(x), Some(y)) => x.to_lowercase().cmp(&y.to_lowercase()).then_with(|| x.cmp(y)),
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, None) => std::cmp::Ordering::Equal,
            })
        });
        groups.truncate(top);
        Ranking { distinct, top: groups }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Campaigns {
    /// Campaigns with at least one approach received in the period.
    pub active: u64,
    /// The largest in the period first.
    pub top: Vec<Campaign>,
}

/// A campaign active in the period: a group of linked requests. Its span (first and last
/// seen, requests) is the whole campaign's, whatever the period and filters; what it did in the
/// period is counted among the approaches the period and filters count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Campaign {
    /// Its first request's number.
    pub id: i64,
    /// Earliest and latest approach (received time) of all its requests.
    pub first_seen: String,
    pub last_seen: String,
    /// All its requests, and how many of them are counted in the period.
    pub members: u64,
    pub members_in_period: u64,
    /// Distinct officials (by name, ignoring case) and organisations it reached in the period.
    pub recipients: u64,
    pub organisations: u64,
    /// The sender name it used most in the period, and how many names it used.
    pub sender: String,
    pub senders: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchlistHits {
    pub kind: String,
    pub value: String,
    /// Approaches in the period that hit it.
    pub requests: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReferenceHits {
    pub name: String,
    pub label: String,
    /// Approaches in the period whose photo matched it.
    pub requests: u64,
}

/// Time from a report reaching the team to the decision that stands, over decisions made in
/// the period.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DecisionTime {
    pub decided: u64,
    pub median_hours: Option<f64>,
    pub p90_hours: Option<f64>,
}

impl DecisionTime {
    /// From each decision's time in seconds (a decision recorded before its report's time
    /// counts as immediate).
    pub fn from_seconds(mut secs: Vec<f64>) -> DecisionTime {
        for s in &mut secs {
            *s = s.max(0.0);
        }
        secs.sort_by(f64::total_cmp);
        let hours = |q| quantile(&secs, q).map(|s| s / 3600.0);
        DecisionTime { decided: secs.len() as u64, median_hours: hours(0.5), p90_hours: hours(0.9) }
    }
}

/// The `q` quantile of sorted values, interpolating linearly between the two nearest ranks
/// (so the median of an even count is the mean of the middle two).
pub fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let pos = q.clamp(0.0, 1.0) * last as f64;
    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
    Some(sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64))
}

/// Pending requests by how long ago their report reached the team.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Backlog {
    pub pending: u64,
    /// When the longest-waiting one reached the team.
    pub oldest: Option<String>,
    pub by_age: Vec<AgeCount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgeCount {
    pub age: &'static str,
    pub count: u64,
}

/// The backlog's age bands: a label and the age in days it runs up to (exclusive).
pub const AGE_BANDS: [(&str, Option<f64>); 6] = [
    ("under 1 day", Some(1.0)),
    ("1–3 days", Some(3.0)),
    ("3–7 days", Some(7.0)),
    ("1–2 weeks", Some(14.0)),
    ("2–4 weeks", Some(28.0)),
    ("over 4 weeks", None),
];

/// One officer's decisions in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfficerCounts {
    pub officer: String,
    /// Requests whose standing decision is theirs.
    pub accepted: u64,
    pub flagged: u64,
    pub reported: u64,
    /// Decision entries they recorded, and how many of those were undone since.
    pub decisions: u64,
    pub undone: u64,
    pub undo_rate: Option<f64>,
}

/// Officers in alphabetical order (ignoring case): for a supervisor, not a league table.
pub fn alphabetical(officers: &mut [OfficerCounts]) {
    officers.sort_by(|a, b| a.officer.to_lowercase().cmp(&b.officer.to_lowercase()).then(a.officer.cmp(&b.officer)));
}

/// Groups of requests joined by links (each request with the ones it links to), as sorted
/// member lists of two or more, ordered by their first member.
pub fn link_groups(links: &[(i64, Vec<i64>)]) -> Vec<Vec<i64>> {
    let mut parent: HashMap<i64, i64> = HashMap::new();
    fn root(parent: &mut HashMap<i64, i64>, x: i64) -> i64 {
        let mut r = x;
        while let Some(&p) = parent.get(&r).filter(|p| **p != r) {
            r = p;
        }
        // Path compression keeps later lookups short on big campaigns.
        let mut y = x;
        while y != r {
            let next = parent[&y];
            parent.insert(y, r);
            y = next;
        }
        r
    }
    for (id, linked) in links {
        parent.entry(*id).or_insert(*id);
        for other in linked {
            parent.entry(*other).or_insert(*other);
            let (a, b) = (root(&mut parent, *id), root(&mut parent, *other));
            if a != b {
                // The smaller id is the root, so a group is named by its first request.
                parent.insert(a.max(b), a.min(b));
            }
        }
    }
    let ids: Vec<i64> = parent.keys().copied().collect();
    let mut groups: HashMap<i64, Vec<i64>> = HashMap::new();
    for id in ids {
        let r = root(&mut parent, id);
        groups.entry(r).or_default().push(id);
    }
    let mut out: Vec<Vec<i64>> = groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort_unstable();
            g
        })
        .collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// A stored UTC time's day, `2026-11-02T09:14:00Z` → 2026-11-02.
pub fn day_of(at: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()
}

/// The weeks from `first` to `last` (any days in them), each with the days of it in `period`.
pub fn week_frame(period: &Period, first: NaiveDate, last: NaiveDate) -> Vec<WeekCount> {
    let mut out = Vec::new();
    let mut w = week_start(first);
    while w <= last {
        let days = (0..7)
            .filter(|d| {
                let day = w + Duration::days(*d);
                period.since.is_none_or(|s| day >= s) && period.until.is_none_or(|u| day <= u)
            })
            .count() as u8;
        out.push(WeekCount { week: w, days, received: 0, reported: 0, high: 0 });
        w += Duration::weeks(1);
    }
    out
}

/// A duration in hours as people read it: "45 min", "27.0 h", "3.5 days".
pub fn describe_hours(hours: f64) -> String {
    if hours < 1.0 {
        format!("{:.0} min", hours * 60.0)
    } else if hours < 48.0 {
        format!("{hours:.1} h")
    } else {
        format!("{:.1} days", hours / 24.0)
    }
}

/// A change in per cent with its sign: "+25 %", "-40 %", "±0 %"; "new" from nothing before.
pub fn describe_change(pct: Option<f64>) -> String {
    match pct {
        None => "new".into(),
        Some(p) if p.round() == 0.0 => "±0 %".into(),
        Some(p) => format!("{p:+.0} %"),
    }
}

/// A share of a total in whole per cent ("0 %" of nothing).
pub fn share(part: u64, total: u64) -> u64 {
    if total == 0 { 0 } else { ((part as f64) * 100.0 / total as f64).round() as u64 }
}

/// Today's date in UTC.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_period_includes_both_end_days_and_nothing_beyond() {
        let p = Period::parse(Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert!(p.contains("2026-11-01T00:00:00Z"));
        assert!(p.contains("2026-11-30T23:59:59Z"));
        assert!(p.contains("2026-11-30T23:59:59.999999Z"));
        assert!(!p.contains("2026-10-31T23:59:59Z"));
        assert!(!p.contains("2026-12-01T00:00:00Z"));
        assert_eq!(p.bounds(), Bounds { from: Some("2026-11-01".into()), to: Some("2026-12-01".into()) });
        assert!(Period::ALL.contains("1970-01-01T00:00:00Z"));
    }

    #[test]
    fn bad_dates_and_an_empty_period_are_refused_with_the_flag_named() {
        assert!(Period::parse(Some("2026-13-01"), None).unwrap_err().starts_with("--since \"2026-13-01\""));
        assert!(Period::parse(None, Some("yesterday")).unwrap_err().starts_with("--until \"yesterday\""));
        assert!(Period::parse(Some("2026-11-02"), Some("2026-11-01")).unwrap_err().contains("before --since"));
        assert!(Period::parse(Some("2026-11-01"), Some("2026-11-01")).is_ok());
    }

    #[test]
    fn the_previous_period_has_the_same_length_and_ends_the_day_before() {
        let p = Period::parse(Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert_eq!(
            p.previous(d("2026-12-10")),
            Some(Period { since: Some(d("2026-10-02")), until: Some(d("2026-10-31")) })
        );
        let open = Period { since: Some(d("2026-11-01")), until: None };
        assert_eq!(open.previous(d("2026-11-10")).unwrap().since, Some(d("2026-10-22")));
        assert_eq!(Period::ALL.previous(d("2026-11-10")), None);
    }

    #[test]
    fn presets_are_whole_weeks_ending_today() {
        let thursday = d("2026-11-26");
        let four = PeriodPreset::FourWeeks.resolve(thursday);
        assert_eq!(four, Period { since: Some(d("2026-11-02")), until: Some(thursday) });
        assert_eq!(four.since.unwrap().weekday(), chrono::Weekday::Mon);
        assert_eq!(PeriodPreset::Quarter.resolve(thursday).since, Some(d("2026-08-31")));
        assert_eq!(PeriodPreset::Year.resolve(thursday).since, Some(d("2025-12-01")));
        assert_eq!(PeriodPreset::All.resolve(thursday), Period::ALL);
        assert_eq!(
            PeriodPreset::ALL.map(|p| p.next()),
            [PeriodPreset::Quarter, PeriodPreset::Year, PeriodPreset::All, PeriodPreset::FourWeeks]
        );
    }

    #[test]
    fn weeks_start_on_monday_and_partial_weeks_say_so() {
        assert_eq!(week_start(d("2026-11-01")), d("2026-10-26"));
        assert_eq!(week_start(d("2026-11-02")), d("2026-11-02"));
        let p = Period { since: Some(d("2026-11-01")), until: Some(d("2026-11-11")) };
        let weeks = week_frame(&p, d("2026-11-01"), d("2026-11-11"));
        let got: Vec<(NaiveDate, u8)> = weeks.iter().map(|w| (w.week, w.days)).collect();
        assert_eq!(got, vec![(d("2026-10-26"), 1), (d("2026-11-02"), 7), (d("2026-11-09"), 3)]);
    }

    #[test]
    fn quantiles_interpolate_between_ranks() {
        assert_eq!(quantile(&[], 0.5), None);
        assert_eq!(quantile(&[4.0], 0.9), Some(4.0));
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 10.0], 0.5), Some(2.5));
        assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0], 0.9), Some(10.0));
        let t = DecisionTime::from_seconds(vec![7200.0, -60.0, 3600.0]);
        assert_eq!((t.decided, t.median_hours, t.p90_hours), (3, Some(1.0), Some(1.8)));
    }

    #[test]
    fn links_join_into_groups_named_by_their_first_request() {
        let links = vec![(5, vec![9]), (9, vec![5, 12]), (3, vec![4]), (20, vec![])];
        assert_eq!(link_groups(&links), vec![vec![3, 4], vec![5, 9, 12]]);
        // A one-sided link is enough, and a request alone is no campaign.
        assert_eq!(link_groups(&[(7, vec![2])]), vec![vec![2, 7]]);
        assert!(link_groups(&[(7, vec![])]).is_empty());
    }

    #[test]
    fn rankings_put_the_most_frequent_first_and_none_given_last_among_equals() {
        let n = |name: Option<&str>, count| Named { name: name.map(str::to_owned), count };
        let r = Ranking::from_groups(vec![n(Some("b"), 2), n(None, 3), n(Some("a"), 3), n(Some("c"), 1)], 3);
        assert_eq!(r.distinct, 4);
        assert_eq!(r.top, vec![n(Some("a"), 3), n(None, 3), n(Some("b"), 2)]);
        assert_eq!(change_pct(0, 5), None);
        assert_eq!(change_pct(4, 5), Some(25.0));
        assert_eq!(describe_change(Some(25.0)), "+25 %");
        assert_eq!(describe_change(Some(-40.0)), "-40 %");
        assert_eq!(describe_change(Some(0.2)), "±0 %");
        assert_eq!(describe_change(None), "new");
        assert_eq!((share(1, 3), share(2, 3), share(1, 0)), (33, 67, 0));
    }

    #[test]
    fn durations_read_in_the_unit_people_use() {
        assert_eq!(describe_hours(0.75), "45 min");
        assert_eq!(describe_hours(27.0), "27.0 h");
        assert_eq!(describe_hours(84.0), "3.5 days");
    }
}
