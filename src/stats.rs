//! The one computation behind every statistic: `linkvet stats` (table, JSON, CSV, Markdown) and
//! the workstation's statistics view all call [`compute`], and differ only in how they show
//! its [`Stats`]. What is counted, and over which period, is written down in
//! [`crate::domain::stats`]; the SQL is in `store/stats.rs`.

use crate::checks;
use crate::domain::Status;
use crate::domain::stats::{
    AGE_BANDS, AgeCount, Backlog, Campaign, Campaigns, DecisionCounts, DecisionTime, Filters, LevelCounts, Named,
    OfficerCounts, Period, Ranking, ReferenceHits, Stats, StatsQuery, Totals, Trend, WatchlistHits, alphabetical,
    change_pct, day_of, link_groups, today, week_frame, week_start,
};
use crate::store::{CampaignSpan, ReceivedRow, Store, StoreError};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every figure for the requests and period `q` names, as of `now` (which dates an open period
/// and ages the backlog).
pub fn compute(store: &Store, q: &StatsQuery, now: DateTime<Utc>) -> Result<Stats, StoreError> {
    let b = q.period.bounds();
    let today = today(now);
    // Remembered campaign groups are read with each request; joined afresh, they are looked up.
    let stamp = store.stats_campaign_stamp()?;
    let joined = if store.campaign_groups_remembered(&stamp)? { None } else { Some(campaign_groups(store)?) };

    // One walk over the approaches received in the period gives every figure about them.
    let all_time = b.from.is_none() && b.to.is_none();
    let mut tally = Tally::new(now, joined.as_ref(), all_time);
    store.stats_for_each_received(&b, q, joined.is_none(), |row| tally.add(row))?;
    let Tally {
        received,
        platforms,
        levels,
        decisions,
        received_by_day,
        reported_by_day: reported_by_day_text,
        orgs,
        no_org,
        roles,
        no_role,
        recipients,
        backlog_counts,
        oldest_pending,
        campaigns: campaign_tally,
        ..
    } = tally;

    // Reports reaching the team in a bounded period need not have been received in it.
    let mut reported_by_day: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    if all_time {
        for (d, n) in reported_by_day_text {
            if let Some(day) = std::str::from_utf8(&d).ok().and_then(day_of) {
                *reported_by_day.entry(day).or_default() += n;
            }
        }
    } else {
        for (d, n) in store.stats_reported_days(&b, q)? {
            if let Some(day) = day_of(&d) {
                *reported_by_day.entry(day).or_default() += n;
            }
        }
    }
    let mut totals = Totals {
        received,
        reported: reported_by_day.values().sum(),
        recipients: distinct_case(recipients.keys()),
        organisations: distinct_case(orgs.keys()),
    };

    let seen = received_by_day.keys().chain(reported_by_day.keys());
    let first = q.period.since.or_else(|| seen.clone().min().copied());
    let last = q.period.until.or_else(|| seen.max().copied().map(|d| d.max(today)));
    let mut weeks = match (first, last) {
        // An open end runs to the last day shown, so the weeks' days say how much of each counts.
        (Some(f), Some(l)) if f <= l => week_frame(&Period { since: Some(f), until: Some(l) }, f, l),
        _ => Vec::new(),
    };
    let week_index: HashMap<NaiveDate, usize> = weeks.iter().enumerate().map(|(i, w)| (w.week, i)).collect();
    for (day, (n, high)) in &received_by_day {
        if let Some(&i) = week_index.get(&week_start(*day)) {
            weeks[i].received += n;
            weeks[i].high += high;
        }
    }
    for (day, n) in &reported_by_day {
        if let Some(&i) = week_index.get(&week_start(*day)) {
            weeks[i].reported += n;
        }
    }

    let trend = match q.period.previous(today) {
        Some(previous) => {
            let (received_previous, reported_previous) = store.stats_period_counts(&previous.bounds(), q)?;
            Some(Trend {
                previous,
                received_previous,
                reported_previous,
                received_change_pct: change_pct(received_previous, totals.received),
                reported_change_pct: change_pct(reported_previous, totals.reported),
            })
        }
        None => None,
    };

    let recipients = if q.include_recipients {
        Ranking::from_groups(merged_case(recipients, 0), q.top)
    } else {
        Ranking { distinct: totals.recipients, top: Vec::new() }
    };
    totals.recipients = recipients.distinct;
    let backlog = Backlog {
        pending: backlog_counts.iter().sum(),
        oldest: oldest_pending.as_deref().map(text),
        by_age: AGE_BANDS.iter().zip(backlog_counts).map(|((age, _), count)| AgeCount { age, count }).collect(),
    };

    Ok(Stats {
        generated_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        period: q.period,
        filters: Filters {
            status: q.status.map_or("all", Status::as_str).to_owned(),
            text: q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned),
        },
        totals,
        weeks,
        trend,
        platforms: Ranking::from_groups(
            platforms.into_iter().map(|(p, count)| Named { name: Some(text(&p)), count }).collect(),
            usize::MAX,
        )
        .top,
        risk_levels: levels,
        decisions,
        organisations: Ranking::from_groups(merged_case(orgs, no_org), q.top),
        roles: Ranking::from_groups(merged_case(roles, no_role), q.top),
        recipients,
        campaigns: campaigns(store, campaign_tally, joined.as_ref(), q.top)?,
        watchlist: watchlist_hits(store, q)?,
        reference_photos: reference_hits(store, q)?,
        decision_time: DecisionTime::from_seconds(store.stats_decision_seconds(&b, q)?),
        backlog,
        officers: officers(store, q)?,
    })
}

/// Counts kept while walking the period's approaches, keyed by the stored bytes (each key
/// copied once, when first met; decoded as text at the end).
struct Tally<'g> {
    /// Campaign groups joined afresh; `None` when the walk reads each request's remembered one.
    groups: Option<&'g CampaignGroups>,
    /// Backlog band limits as stored times: a report after the i-th is younger than its limit.
    band_after: Vec<Option<String>>,
    all_time: bool,
    received: u64,
    platforms: Counts,
    levels: LevelCounts,
    decisions: DecisionCounts,
    /// Rows come in order of receipt: the day changes rarely, so it is parsed once per day.
    last_day: Option<([u8; 10], NaiveDate)>,
    received_by_day: BTreeMap<NaiveDate, (u64, u64)>,
    reported_by_day: FastMap<[u8; 10], u64>,
    orgs: Counts,
    no_org: u64,
    roles: Counts,
    no_role: u64,
    recipients: Counts,
    backlog_counts: Vec<u64>,
    oldest_pending: Option<Vec<u8>>,
    campaigns: FastMap<i64, CampaignTally>,
}

/// A hash map for the walk's many lookups: foldhash (already in the tree through hashbrown)
/// instead of SipHash, which was a tenth of the walk by profile; the keys are the database's
/// own, not chosen to collide.
type FastMap<K, V> = foldhash::HashMap<K, V>;
type Counts = FastMap<Box<[u8]>, u64>;

/// What a campaign did in the period.
#[derive(Default)]
struct CampaignTally {
    members: u64,
    recipients: FastMap<Box<[u8]>, ()>,
    organisations: FastMap<Box<[u8]>, ()>,
    senders: Counts,
}

fn bump(map: &mut Counts, key: &[u8]) {
    match map.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            map.insert(key.into(), 1);
        }
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

impl<'g> Tally<'g> {
    fn new(now: DateTime<Utc>, groups: Option<&'g CampaignGroups>, all_time: bool) -> Self {
        let band_after = AGE_BANDS
            .iter()
            .map(|(_, limit)| {
                limit.map(|days| {
                    let at = now - Duration::seconds((days * 86_400.0) as i64);
                    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                })
            })
            .collect();
        Tally {
            groups,
            band_after,
            all_time,
            received: 0,
            platforms: Counts::default(),
            levels: LevelCounts::default(),
            decisions: DecisionCounts::default(),
            last_day: None,
            received_by_day: BTreeMap::new(),
            reported_by_day: FastMap::default(),
            orgs: Counts::default(),
            no_org: 0,
            roles: Counts::default(),
            no_role: 0,
            recipients: Counts::default(),
            backlog_counts: vec![0; AGE_BANDS.len()],
            oldest_pending: None,
            campaigns: FastMap::default(),
        }
    }

    fn add(&mut self, r: ReceivedRow<'_>) {
        self.received += 1;
        bump(&mut self.platforms, r.platform);
        let high = match r.level {
            Some(b"high") => {
                self.levels.high += 1;
                true
            }
            Some(b"medium") => {
                self.levels.medium += 1;
                false
            }
            Some(b"low") => {
                self.levels.low += 1;
                false
            }
            _ => {
                self.levels.unchecked += 1;
                false
            }
        };
        let pending = r.status == b"pending";
        if let Some(s) = std::str::from_utf8(r.status).ok().and_then(Status::parse) {
            self.decisions.add(s, 1);
        }
        if let Some(day_text) = r.received_at.get(..10).and_then(|d| <[u8; 10]>::try_from(d).ok()) {
            if self.last_day.is_none_or(|(t, _)| t != day_text) {
                self.last_day = std::str::from_utf8(&day_text).ok().and_then(day_of).map(|d| (day_text, d));
            }
            if let Some((_, day)) = self.last_day {
                let e = self.received_by_day.entry(day).or_default();
                e.0 += 1;
                e.1 += u64::from(high);
            }
        }
        if self.all_time
            && let Some(key) = r.reported_at.and_then(|t| t.get(..10)).and_then(|d| <[u8; 10]>::try_from(d).ok())
        {
            *self.reported_by_day.entry(key).or_default() += 1;
        }
        match r.recipient_org {
            Some(o) => bump(&mut self.orgs, o),
            None => self.no_org += 1,
        }
        match r.recipient_role {
            Some(o) => bump(&mut self.roles, o),
            None => self.no_role += 1,
        }
        bump(&mut self.recipients, r.recipient);
        if pending {
            // The youngest band whose limit the report is within; no time at all is the oldest.
            let band = r
                .reported_at
                .and_then(|t| {
                    self.band_after.iter().position(|after| after.as_deref().is_none_or(|a| t > a.as_bytes()))
                })
                .unwrap_or(self.band_after.len() - 1);
            self.backlog_counts[band] += 1;
            if let Some(t) = r.reported_at
                && self.oldest_pending.as_deref().is_none_or(|o| t < o)
            {
                self.oldest_pending = Some(t.to_vec());
            }
        }
        if let Some(group) = r.group.or_else(|| self.groups.and_then(|g| g.group_of.get(&r.id).copied())) {
            let c = self.campaigns.entry(group).or_default();
            c.members += 1;
            if !c.recipients.contains_key(r.recipient) {
                c.recipients.insert(r.recipient.into(), ());
            }
            if let Some(o) = r.recipient_org
                && !c.organisations.contains_key(o)
            {
                c.organisations.insert(o.into(), ());
            }
            bump(&mut c.senders, r.sender);
        }
    }
}

/// Values counted exactly as stored, joined ignoring case (named by their first spelling in
/// code-point order), with the count of those without a value as `None`.
fn merged_case(exact: Counts, none: u64) -> Vec<Named> {
    let mut by_folded: HashMap<String, (String, u64)> = HashMap::new();
    for (name, n) in exact {
        let name = text(&name);
        let e = by_folded.entry(name.to_lowercase()).or_insert_with(|| (name.clone(), 0));
        if name < e.0 {
            e.0 = name;
        }
        e.1 += n;
    }
    let mut out: Vec<Named> = by_folded.into_values().map(|(name, count)| Named { name: Some(name), count }).collect();
    if none > 0 {
        out.push(Named { name: None, count: none });
    }
    out
}

/// How many distinct values, ignoring case.
fn distinct_case<'a>(values: impl Iterator<Item = &'a Box<[u8]>>) -> u64 {
    values.map(|v| text(v).to_lowercase()).collect::<HashSet<String>>().len() as u64
}

/// Campaign groups: which group each linked request belongs to (named by its first request),
/// and each group's whole span.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CampaignGroups {
    pub group_of: HashMap<i64, i64>,
    pub spans: HashMap<i64, CampaignSpan>,
}

impl CampaignGroups {
    /// Sorted member lists, ordered by their first member.
    pub fn lists(&self) -> Vec<Vec<i64>> {
        let mut by: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
        for (id, g) in &self.group_of {
            by.entry(*g).or_default().push(*id);
        }
        by.into_values()
            .map(|mut v| {
                v.sort_unstable();
                v
            })
            .collect()
    }
}

/// The campaigns: groups of requests the campaign check linked.
///
/// This is the one place to point at a stored campaign model when there is one. Today the
/// groups are joined from the links each request's campaign evidence lists; joining them reads
/// every linked request's evidence, so the groups are remembered after each check run
/// ([`remember_campaign_groups`]) and used while the campaign evidence is as it was then. When
/// it is not (a database checked by an older build), they are joined afresh, which is slower.
pub fn campaign_groups(store: &Store) -> Result<CampaignGroups, StoreError> {
    let stamp = store.stats_campaign_stamp()?;
    if let Some((members, spans)) = store.remembered_campaign_groups(&stamp)? {
        return Ok(CampaignGroups {
            group_of: members.into_iter().collect(),
            spans: spans.into_iter().map(|s| (s.group_id, s)).collect(),
        });
    }
    let lists = joined_campaign_links(store)?;
    let ids: Vec<i64> = lists.iter().flatten().copied().collect();
    let received: HashMap<i64, String> = store.stats_member_times(&ids)?.into_iter().collect();
    let mut groups = CampaignGroups::default();
    for list in lists {
        let times: Vec<&String> = list.iter().filter_map(|id| received.get(id)).collect();
        groups.spans.insert(
            list[0],
            CampaignSpan {
                group_id: list[0],
                first_seen: times.iter().min().map(|t| (*t).clone()).unwrap_or_default(),
                last_seen: times.iter().max().map(|t| (*t).clone()).unwrap_or_default(),
                members: list.len() as u64,
            },
        );
        for id in &list {
            groups.group_of.insert(*id, list[0]);
        }
    }
    Ok(groups)
}

/// Joins the campaign check's links into groups, from the evidence as stored.
fn joined_campaign_links(store: &Store) -> Result<Vec<Vec<i64>>, StoreError> {
    let links: Vec<(i64, Vec<i64>)> = store
        .stats_campaign_lines()?
        .into_iter()
        .map(|(id, lines)| (id, checks::campaign::linked_requests(&lines)))
        .collect();
    Ok(link_groups(&links))
}

/// Joins and remembers the campaign groups for later statistics (after a check run).
pub fn remember_campaign_groups(store: &mut Store) -> Result<(), StoreError> {
    let stamp = store.stats_campaign_stamp()?;
    let lists = joined_campaign_links(store)?;
    store.remember_campaign_groups(&stamp, &lists)
}

/// Campaigns with an approach received in the period, the busiest in the period first.
fn campaigns(
    store: &Store,
    tally: FastMap<i64, CampaignTally>,
    joined: Option<&CampaignGroups>,
    top: usize,
) -> Result<Campaigns, StoreError> {
    let spans: HashMap<i64, CampaignSpan> = match joined {
        Some(g) => g.spans.clone(),
        None => {
            let active: Vec<i64> = tally.keys().copied().collect();
            store.remembered_campaign_spans(&active)?.into_iter().map(|s| (s.group_id, s)).collect()
        }
    };
    let mut active: Vec<Campaign> = tally
        .into_iter()
        .map(|(id, c)| {
            let span = spans.get(&id);
            let sender = c
                .senders
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(s, _)| text(s))
                .unwrap_or_default();
            Campaign {
                id,
                first_seen: span.map(|s| s.first_seen.clone()).unwrap_or_default(),
                last_seen: span.map(|s| s.last_seen.clone()).unwrap_or_default(),
                members: span.map_or(c.members, |s| s.members),
                members_in_period: c.members,
                recipients: distinct_case(c.recipients.keys()),
                organisations: distinct_case(c.organisations.keys()),
                sender,
                senders: c.senders.len() as u64,
            }
        })
        .collect();
    active.sort_by(|a, b| {
        b.members_in_period.cmp(&a.members_in_period).then_with(|| b.last_seen.cmp(&a.last_seen)).then(a.id.cmp(&b.id))
    });
    let count = active.len() as u64;
    active.truncate(top);
    Ok(Campaigns { active: count, top: active })
}

/// How many approaches in the period hit each `(first, second)` a line names, most first.
fn count_named<'a>(
    rows: &'a [(i64, Vec<String>)],
    read: impl Fn(&'a str) -> Option<(String, String)>,
) -> Vec<((String, String), u64)> {
    let mut counts: HashMap<(String, String), u64> = HashMap::new();
    for (_, lines) in rows {
        let named: HashSet<(String, String)> = lines.iter().filter_map(|l| read(l)).collect();
        for n in named {
            *counts.entry(n).or_default() += 1;
        }
    }
    let mut out: Vec<_> = counts.into_iter().collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    out
}

fn watchlist_hits(store: &Store, q: &StatsQuery) -> Result<Vec<WatchlistHits>, StoreError> {
    let rows = store.stats_evidence_lines("watchlist", &q.period.bounds(), q)?;
    let counted =
        count_named(&rows, |l| checks::watchlist::hit_in_line(l).map(|(k, v)| (k.as_str().to_owned(), v.to_owned())));
    Ok(counted
        .into_iter()
        .take(q.top)
        .map(|((kind, value), requests)| WatchlistHits { kind, value, requests })
        .collect())
}

fn reference_hits(store: &Store, q: &StatsQuery) -> Result<Vec<ReferenceHits>, StoreError> {
    let rows = store.stats_evidence_lines("photo", &q.period.bounds(), q)?;
    let counted =
        count_named(&rows, |l| checks::photo::reference_in_line(l).map(|(n, label)| (n.to_owned(), label.to_owned())));
    Ok(counted
        .into_iter()
        .take(q.top)
        .map(|((name, label), requests)| ReferenceHits { name, label, requests })
        .collect())
}

/// Each officer's standing decisions, decisions recorded and undone, alphabetically.
fn officers(store: &Store, q: &StatsQuery) -> Result<Vec<OfficerCounts>, StoreError> {
    let b = q.period.bounds();
    let mut by: BTreeMap<String, OfficerCounts> = BTreeMap::new();
    fn get<'m>(by: &'m mut BTreeMap<String, OfficerCounts>, name: &str) -> &'m mut OfficerCounts {
        by.entry(name.to_owned()).or_insert_with(|| OfficerCounts {
            officer: name.to_owned(),
            accepted: 0,
            flagged: 0,
            reported: 0,
            decisions: 0,
            undone: 0,
            undo_rate: None,
        })
    }
    for (officer, status, n) in store.stats_standing_by_officer(&b, q)? {
        let o = get(&mut by, &officer);
        match Status::parse(&status) {
            Some(Status::Accepted) => o.accepted += n,
            Some(Status::Flagged) => o.flagged += n,
            Some(Status::Reported) => o.reported += n,
            _ => {}
        }
    }
    for (officer, _action, n) in store.stats_decision_entries(&b, q)? {
        get(&mut by, &officer).decisions += n;
    }
    for (officer, n) in store.stats_undone_entries(&b, q)? {
        get(&mut by, &officer).undone += n;
    }
    let mut out: Vec<OfficerCounts> = by
        .into_values()
        .map(|mut o| {
            o.undo_rate = (o.decisions > 0).then(|| o.undone as f64 / o.decisions as f64);
            o
        })
        .collect();
    alphabetical(&mut out);
    Ok(out)
}

#[cfg(test)]
mod tests;
