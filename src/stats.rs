//! The one computation behind every statistic: `linkvet stats` (table, JSON, CSV, Markdown) and
//! the workstation's statistics view all call [`compute`], and differ only in how they show
//! its [`Stats`]. What is counted, and over which period, is written down in
//! [`crate::domain::stats`]; the SQL is in `store/stats.rs`.

use crate::checks;
use crate::domain::stats::{
    AGE_BANDS, AgeCount, Backlog, Campaign, Campaigns, DecisionCounts, DecisionTime, Filters, LevelCounts, Named,
    OfficerCounts, Period, Ranking, ReferenceHits, Stats, StatsQuery, Totals, Trend, WatchlistHits, alphabetical,
    change_pct, day_of, link_groups, today, week_frame, week_start,
};
use crate::domain::{RiskLevel, Status};
use crate::store::{RecipientField, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Every figure for the requests and period `q` names, as of `now` (which dates an open period
/// and ages the backlog).
pub fn compute(store: &Store, q: &StatsQuery, now: DateTime<Utc>) -> Result<Stats, StoreError> {
    let b = q.period.bounds();
    let today = today(now);

    let profile = store.stats_received_profile(&b, q)?;
    let reported_days = store.stats_reported_days(&b, q)?;
    let mut totals = Totals::default();
    let mut platforms: BTreeMap<String, u64> = BTreeMap::new();
    let mut levels = LevelCounts::default();
    let mut decisions = DecisionCounts::default();
    let mut received_by_day: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
    for p in &profile {
        totals.received += p.count;
        *platforms.entry(p.platform.clone()).or_default() += p.count;
        let level = p.level.as_deref().and_then(RiskLevel::parse);
        match level {
            Some(RiskLevel::High) => levels.high += p.count,
            Some(RiskLevel::Medium) => levels.medium += p.count,
            Some(RiskLevel::Low) => levels.low += p.count,
            None => levels.unchecked += p.count,
        }
        if let Some(s) = Status::parse(&p.status) {
            decisions.add(s, p.count);
        }
        if let Some(day) = day_of(&p.day) {
            let e = received_by_day.entry(day).or_default();
            e.0 += p.count;
            if level == Some(RiskLevel::High) {
                e.1 += p.count;
            }
        }
    }
    let reported_by_day: BTreeMap<NaiveDate, u64> =
        reported_days.iter().filter_map(|(d, n)| Some((day_of(d)?, *n))).collect();
    totals.reported = reported_days.iter().map(|(_, n)| n).sum();

    let seen = received_by_day.keys().chain(reported_by_day.keys());
    let first = q.period.since.or_else(|| seen.clone().min().copied());
    let last = q.period.until.or_else(|| seen.max().copied().map(|d| d.max(today)));
    let mut weeks = match (first, last) {
        // An open end runs to the last day shown, so the weeks' days say how much of each counts.
        (Some(f), Some(l)) if f <= l => week_frame(&Period { since: Some(f), until: Some(l) }, f, l),
        _ => Vec::new(),
    };
    let week_index: HashMap<NaiveDate, usize> = weeks.iter().enumerate().map(|(i, w)| (w.week, i)).collect();
    for (day, (received, high)) in &received_by_day {
        if let Some(&i) = week_index.get(&week_start(*day)) {
            weeks[i].received += received;
            weeks[i].high += high;
        }
    }
    for (day, reported) in &reported_by_day {
        if let Some(&i) = week_index.get(&week_start(*day)) {
            weeks[i].reported += reported;
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

    let org_groups = store.stats_by_recipient(RecipientField::Organisation, &b, q)?;
    totals.organisations = org_groups.iter().filter(|n| n.name.is_some()).count() as u64;
    let organisations = Ranking::from_groups(org_groups, q.top);
    let roles = Ranking::from_groups(store.stats_by_recipient(RecipientField::Role, &b, q)?, q.top);
    let recipients = if q.include_recipients {
        Ranking::from_groups(store.stats_by_recipient(RecipientField::Name, &b, q)?, q.top)
    } else {
        Ranking { distinct: store.stats_distinct_recipients(&b, q)?, top: Vec::new() }
    };
    totals.recipients = recipients.distinct;

    let (counts, oldest) = store.stats_backlog(
        &b,
        q,
        &now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        &AGE_BANDS.map(|(_, limit)| limit),
    )?;
    let backlog = Backlog {
        pending: counts.iter().sum(),
        oldest,
        by_age: AGE_BANDS.iter().zip(counts).map(|((age, _), count)| AgeCount { age, count }).collect(),
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
            platforms.into_iter().map(|(p, count)| Named { name: Some(p), count }).collect(),
            usize::MAX,
        )
        .top,
        risk_levels: levels,
        decisions,
        organisations,
        roles,
        recipients,
        campaigns: campaigns(store, q)?,
        watchlist: watchlist_hits(store, q)?,
        reference_photos: reference_hits(store, q)?,
        decision_time: DecisionTime::from_seconds(store.stats_decision_seconds(&b, q)?),
        backlog,
        officers: officers(store, q)?,
    })
}

/// The campaigns as groups of request ids (each sorted, two or more).
///
/// Today these are the links the campaign check lists in each request's evidence, joined into
/// groups; this is the one place to point at a stored campaign model when there is one.
pub fn campaign_groups(store: &Store) -> Result<Vec<Vec<i64>>, StoreError> {
    let links: Vec<(i64, Vec<i64>)> = store
        .stats_campaign_lines()?
        .into_iter()
        .map(|(id, lines)| (id, checks::campaign::linked_requests(&lines)))
        .collect();
    Ok(link_groups(&links))
}

/// Campaigns with an approach received in the period, the busiest in the period first.
fn campaigns(store: &Store, q: &StatsQuery) -> Result<Campaigns, StoreError> {
    let groups = campaign_groups(store)?;
    let ids: Vec<i64> = groups.iter().flatten().copied().collect();
    let facts: HashMap<i64, crate::store::MemberFacts> =
        store.stats_member_facts(&ids, q)?.into_iter().map(|f| (f.id, f)).collect();
    let mut active = Vec::new();
    for group in groups {
        let members: Vec<&crate::store::MemberFacts> = group.iter().filter_map(|id| facts.get(id)).collect();
        let in_period = members.iter().filter(|m| q.period.contains(&m.received_at)).count() as u64;
        if in_period == 0 {
            continue;
        }
        let recipients: HashSet<String> = members.iter().map(|m| m.recipient.to_lowercase()).collect();
        let organisations: HashSet<String> =
            members.iter().filter_map(|m| m.recipient_org.as_ref()).map(|o| o.to_lowercase()).collect();
        let mut senders: HashMap<&str, u64> = HashMap::new();
        for m in &members {
            *senders.entry(m.sender.as_str()).or_default() += 1;
        }
        let sender = senders
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(s, _)| (*s).to_owned())
            .unwrap_or_default();
        active.push(Campaign {
            id: group[0],
            first_seen: members.iter().map(|m| m.received_at.clone()).min().unwrap_or_default(),
            last_seen: members.iter().map(|m| m.received_at.clone()).max().unwrap_or_default(),
            members: members.len() as u64,
            members_in_period: in_period,
            recipients: recipients.len() as u64,
            organisations: organisations.len() as u64,
            sender,
            senders: senders.len() as u64,
        });
    }
    active.sort_by(|a, b| {
        b.members_in_period.cmp(&a.members_in_period).then_with(|| b.last_seen.cmp(&a.last_seen)).then(a.id.cmp(&b.id))
    });
    let count = active.len() as u64;
    active.truncate(q.top);
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
