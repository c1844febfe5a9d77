//! Every figure against a small case counted by hand: ten approaches around November 2026,
//! each placed to test one rule (the edges of the period, no organisation, an undone decision,
//! a request decided twice, a campaign reaching outside the period, hostile text).
//!
//! | #  | received (UTC)      | reported (UTC)          | platform | organisation        | role           | recipient  | sender         |
//! |----|---------------------|-------------------------|----------|---------------------|----------------|------------|----------------|
//! | 1  | 10-31 23:59:59      | 11-01 08:00             | linkedin | Home Office         | Policy Adviser | Jane Smith | Emily Carter   |
//! | 2  | 11-01 00:00:00      | 11-01 06:00             | linkedin | Home Office         | Policy Adviser | Amir Khan  | Emily Carter   |
//! | 3  | 11-30 23:59:59      | 12-01 00:00             | x        | home office         | Engineer       | jane smith | Li Wei         |
//! | 4  | 12-01 00:00:00      | 12-01 01:00             | linkedin | Home Office         | —              | Ann Lee    | Mark Chen      |
//! | 5  | 11-10 09:00         | (import: 11-20 12:00)   | facebook | —                   | —              | Tom Brown  | Sarah Mitchell |
//! | 6  | 11-11 09:00         | 11-11 11:00+01:00       | email    | "" (blank)          | "  " (blank)   | Priya Nair | Lukas Becker   |
//! | 7  | 11-12 09:00         | 11-12 09:30             | linkedin | Ministry of Defence | Engineer       | Hugh Jones | Emily Carter   |
//! | 8  | 11-25 09:00         | 11-25 10:00             | linkedin | Ministry of Defence | Analyst        | Amir Khan  | Anna⟨RLO⟩ Ivanova |
//! | 9  | 11-26 09:00         | (import: 12-02 08:00)   | linkedin | Ministry of Defence | Analyst        | Priya Nair | Emily Carter   |
//! | 10 | 10-05 09:00         | 10-05 12:00             | linkedin | Cabinet Office      | —              | Zoe Adams  | Mark Chen      |

use super::*;
use crate::domain::stats::{Period, WeekCount};
use crate::domain::{Action, Evidence, Report, RiskLevel, Verdict};
use crate::ingest::ImportedReport;
use crate::store::{CheckResult, DecisionGuard, DecisionInput, set_test_clock};
use chrono::TimeZone;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

struct Row {
    received: &'static str,
    reported: Option<&'static str>,
    platform: &'static str,
    org: Option<&'static str>,
    role: Option<&'static str>,
    recipient: &'static str,
    sender: &'static str,
}

const ROWS: [Row; 10] = [
    Row {
        received: "2026-10-31T23:59:59Z",
        reported: Some("2026-11-01T08:00:00Z"),
        platform: "linkedin",
        org: Some("Home Office"),
        role: Some("Policy Adviser"),
        recipient: "Jane Smith",
        sender: "Emily Carter",
    },
    Row {
        received: "2026-11-01T00:00:00Z",
        reported: Some("2026-11-01T06:00:00Z"),
        platform: "linkedin",
        org: Some("Home Office"),
        role: Some("Policy Adviser"),
        recipient: "Amir Khan",
        sender: "Emily Carter",
    },
    Row {
        received: "2026-11-30T23:59:59Z",
        reported: Some("2026-12-01T00:00:00Z"),
        platform: "x",
        org: Some("home office"),
        role: Some("Engineer"),
        recipient: "jane smith",
        sender: "Li Wei",
    },
    Row {
        received: "2026-12-01T00:00:00Z",
        reported: Some("2026-12-01T01:00:00Z"),
        platform: "linkedin",
        org: Some("Home Office"),
        role: None,
        recipient: "Ann Lee",
        sender: "Mark Chen",
    },
    Row {
        received: "2026-11-10T09:00:00Z",
        reported: None,
        platform: "facebook",
        org: None,
        role: None,
        recipient: "Tom Brown",
        sender: "Sarah Mitchell",
    },
    Row {
        received: "2026-11-11T09:00:00Z",
        reported: Some("2026-11-11T11:00:00+01:00"),
        platform: "email",
        org: Some(""),
        role: Some("  "),
        recipient: "Priya Nair",
        sender: "Lukas Becker",
    },
    Row {
        received: "2026-11-12T09:00:00Z",
        reported: Some("2026-11-12T09:30:00Z"),
        platform: "linkedin",
        org: Some("Ministry of Defence"),
        role: Some("Engineer"),
        recipient: "Hugh Jones",
        sender: "Emily Carter",
    },
    Row {
        received: "2026-11-25T09:00:00Z",
        reported: Some("2026-11-25T10:00:00Z"),
        platform: "linkedin",
        org: Some("Ministry of Defence"),
        role: Some("Analyst"),
        recipient: "Amir Khan",
        sender: "Anna\u{202e} Ivanova",
    },
    Row {
        received: "2026-11-26T09:00:00Z",
        reported: None,
        platform: "linkedin",
        org: Some("Ministry of Defence"),
        role: Some("Analyst"),
        recipient: "Priya Nair",
        sender: "Emily Carter",
    },
    Row {
        received: "2026-10-05T09:00:00Z",
        reported: Some("2026-10-05T12:00:00Z"),
        platform: "linkedin",
        org: Some("Cabinet Office"),
        role: None,
        recipient: "Zoe Adams",
        sender: "Mark Chen",
    },
];

fn imported(i: usize) -> ImportedReport {
    let r = &ROWS[i];
    let mut report = Report::minimal(r.received, r.sender, r.recipient);
    report.id = Some(format!("R-{}", i + 1));
    report.reported_at = r.reported.map(|t| crate::domain::report::Timestamp::parse(t).unwrap());
    report.platform = crate::domain::Platform::parse(r.platform).unwrap();
    report.recipient.org = r.org.map(str::to_owned);
    report.recipient.role = r.role.map(str::to_owned);
    ImportedReport { report, line: i + 1, photo: None }
}

fn evidence(check: &str, verdict: Verdict, lines: &[&str]) -> Evidence {
    let mut e = Evidence::new(check, 1, verdict, 50, "summary");
    e.lines = lines.iter().map(|l| (*l).to_owned()).collect();
    e
}

fn checked(id: i64, level: RiskLevel, evidence: Vec<Evidence>) -> CheckResult {
    CheckResult { request_id: id, evidence, risk: 50, level, explanation: vec![] }
}

fn decide(store: &mut Store, when: &str, id: i64, action: Action, officer: &str) {
    set_test_clock(Some(at(when)));
    let input = DecisionInput {
        request_id: id,
        action,
        note: "why".into(),
        officer: officer.into(),
        os_user: "os".into(),
        guard: DecisionGuard::Force,
    };
    store.record_decision(&input).unwrap();
}

/// The case described at the top, in a fresh database.
fn case() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("stats.db")).unwrap();
    // Reports without a time of their own reached the team when imported.
    set_test_clock(Some(at("2026-11-20T12:00:00Z")));
    store.import_reports(&[("a.jsonl".into(), (0..8).map(imported).collect())]).unwrap();
    set_test_clock(Some(at("2026-12-02T08:00:00Z")));
    store.import_reports(&[("b.jsonl".into(), vec![imported(8)])]).unwrap();
    store.import_reports(&[("c.jsonl".into(), vec![imported(9)])]).unwrap();

    let link = |ids: &[&str]| evidence("campaign", Verdict::Suspicious, ids);
    store
        .save_check_results(&[
            checked(1, RiskLevel::High, vec![
                link(&["#2 (R-2): same profile \"https://www.linkedin.com/in/emily\" approached another official"]),
                evidence("watchlist", Verdict::Suspicious, &["sender.name: \"Emily Carter\" hits name \"Emily Carter\" — persona"]),
            ]),
            checked(2, RiskLevel::High, vec![
                link(&["#1 (R-1): same profile", "#7 (R-7): near-identical message text (Jaccard 0.91)"]),
                evidence("watchlist", Verdict::Suspicious, &["message: \"…gtp consult…\" hits domain \"gtp-consult.example\" — front company"]),
                evidence("photo", Verdict::Suspicious, &[
                    "matches reference 'stock-041.jpg' (label stock, source \"stock library\") at distance 4 (threshold 10)",
                    "matches reference 'face-7.jpg' (label hostile) at distance 8 (threshold 10)",
                ]),
            ]),
            checked(3, RiskLevel::Medium, vec![evidence("photo", Verdict::Caution, &["nearest reference: 'x.jpg' at distance 14 (threshold 10)"])]),
            checked(4, RiskLevel::High, vec![link(&["#10 (R-10): shares phone +44 7700 900123"])]),
            // #5 links one way to #6 (never checked: its risk is unknown), and names #3 as a
            // repeat report, which is no link.
            checked(5, RiskLevel::Low, vec![evidence("campaign", Verdict::Caution, &[
                "#6 (R-6): shares phone +1 202 555 0147",
                "#3 (R-3): same sender to the same official — a repeat report, not counted",
            ])]),
            checked(7, RiskLevel::High, vec![
                link(&["#2 (R-2): near-identical message text (Jaccard 0.91)", "#9 (R-9): same photo (sha256 abcdef123456…)"]),
                evidence("watchlist", Verdict::Suspicious, &[
                    "sender.name: \"Emily Carter\" hits name \"Emily Carter\" — persona",
                    "sender.about: \"…emily carter…\" hits name \"Emily Carter\" — persona",
                    "sender.websites[0]: \"https://gtp-consult.example\" hits domain \"gtp-consult.example\" — front company",
                ]),
            ]),
            checked(8, RiskLevel::High, vec![
                evidence("watchlist", Verdict::Suspicious, &[
                    "sender.name: \"Anna⟨U+202E⟩ Ivanova\" hits name \"Emily Carter\" — persona",
                    "sender.headline: \"a\" hits phone \"+44\" — b\" hits domain \"gtp-consult.example\" — front company",
                ]),
                evidence("photo", Verdict::Suspicious, &["matches reference 'stock-041.jpg' (label stock) at distance 0 (threshold 10) — exact copy"]),
            ]),
            checked(9, RiskLevel::Low, vec![evidence("watchlist", Verdict::Clear, &[])]),
            checked(10, RiskLevel::Low, vec![]),
        ])
        .unwrap();
    decide(&mut store, "2026-11-02T00:00:00Z", 2, Action::Flag, "alice");
    decide(&mut store, "2026-11-03T06:00:00Z", 2, Action::Report, "bob");
    decide(&mut store, "2026-11-05T08:00:00Z", 1, Action::Report, "bob");
    decide(&mut store, "2026-11-12T10:30:00Z", 7, Action::Accept, "Carol");
    decide(&mut store, "2026-11-21T12:00:00Z", 5, Action::Accept, "alice");
    set_test_clock(Some(at("2026-11-21T13:00:00Z")));
    store.undo_last("alice", "os", Some(5)).unwrap();
    store.add_note(7, "alice", "os", "a note is not a decision").unwrap();
    decide(&mut store, "2026-11-25T16:00:00Z", 8, Action::Flag, "alice");
    decide(&mut store, "2026-12-01T02:00:00Z", 4, Action::Accept, "alice");
    decide(&mut store, "2026-12-02T09:00:00Z", 9, Action::Flag, "dave");
    set_test_clock(None);
    (dir, store)
}

fn november() -> StatsQuery {
    StatsQuery { period: Period::parse(Some("2026-11-01"), Some("2026-11-30")).unwrap(), ..Default::default() }
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap()
}

fn named(name: Option<&str>, count: u64) -> Named {
    Named { name: name.map(str::to_owned), count }
}

#[test]
fn approaches_received_in_november_counted_by_hand() {
    let (_dir, store) = case();
    let s = compute(&store, &november(), now()).unwrap();
    // #2 at midnight and #3 a second before the end are in; #1 a second before and #4 at
    // midnight after are out.
    assert_eq!(s.totals.received, 7);
    // Reached the team in November: #1, #2, #5 (its import), #6, #7, #8; not #3 (12-01 00:00)
    // nor #9 (imported 12-02).
    assert_eq!(s.totals.reported, 6);
    assert_eq!(s.totals.recipients, 5, "Amir Khan, jane smith, Tom Brown, Priya Nair, Hugh Jones");
    assert_eq!(s.totals.organisations, 2, "Home Office (either spelling) and the Ministry of Defence");
    let week = |w: &str, days, received, reported, high| WeekCount { week: d(w), days, received, reported, high };
    assert_eq!(
        s.weeks,
        vec![
            week("2026-10-26", 1, 1, 2, 1),
            week("2026-11-02", 7, 0, 0, 0),
            week("2026-11-09", 7, 3, 2, 1),
            week("2026-11-16", 7, 0, 1, 0),
            week("2026-11-23", 7, 2, 1, 1),
            week("2026-11-30", 1, 1, 0, 0),
        ]
    );
    assert_eq!(
        s.platforms,
        vec![named(Some("linkedin"), 4), named(Some("email"), 1), named(Some("facebook"), 1), named(Some("x"), 1)]
    );
    assert_eq!(s.risk_levels, LevelCounts { high: 3, medium: 1, low: 2, unchecked: 1 });
    // #2 decided twice counts once, as bob's report; #5's undone accept does not count; #9 is
    // flagged (in December, but it is November's approach).
    assert_eq!(s.decisions, DecisionCounts { pending: 3, flagged: 2, reported: 1, accepted: 1 });
}

#[test]
fn organisations_roles_and_recipients_with_none_counted_as_such() {
    let (_dir, store) = case();
    let s = compute(&store, &november(), now()).unwrap();
    assert_eq!(s.organisations.distinct, 3);
    assert_eq!(
        s.organisations.top,
        vec![named(Some("Ministry of Defence"), 3), named(Some("Home Office"), 2), named(None, 2)]
    );
    assert_eq!(s.roles.distinct, 4);
    assert_eq!(
        s.roles.top,
        vec![named(Some("Analyst"), 2), named(Some("Engineer"), 2), named(None, 2), named(Some("Policy Adviser"), 1)]
    );
    // Names only when asked for.
    assert_eq!(s.recipients.distinct, 5);
    assert!(s.recipients.top.is_empty());
    let with = compute(&store, &StatsQuery { include_recipients: true, top: 2, ..november() }, now()).unwrap();
    assert_eq!(with.recipients.distinct, 5);
    assert_eq!(with.recipients.top, vec![named(Some("Amir Khan"), 2), named(Some("Priya Nair"), 2)]);
    assert_eq!(with.organisations.top.len(), 2, "--top keeps that many");
}

#[test]
fn the_trend_compares_with_the_thirty_days_before() {
    let (_dir, store) = case();
    let s = compute(&store, &november(), now()).unwrap();
    let t = s.trend.unwrap();
    assert_eq!(t.previous, Period { since: Some(d("2026-10-02")), until: Some(d("2026-10-31")) });
    // Received: #1 and #10; reported: only #10 (#1's report came on 11-01).
    assert_eq!((t.received_previous, t.reported_previous), (2, 1));
    assert_eq!((t.received_change_pct, t.reported_change_pct), (Some(250.0), Some(500.0)));
    assert!(compute(&store, &StatsQuery::default(), now()).unwrap().trend.is_none());
}

#[test]
fn campaigns_active_in_november_span_their_whole_and_a_repeat_report_is_no_link() {
    let (_dir, store) = case();
    // Joined from the evidence as stored (the case writes its evidence without a check run)…
    let joined = campaign_groups(&store).unwrap();
    assert_eq!(joined.lists(), vec![vec![1, 2, 7, 9], vec![4, 10], vec![5, 6]]);
    // …and the same once remembered, as a check run leaves them: every figure agrees.
    let before = compute(&store, &november(), now()).unwrap();
    let mut store = store;
    remember_campaign_groups(&mut store).unwrap();
    assert_eq!(campaign_groups(&store).unwrap(), joined);
    assert_eq!(compute(&store, &november(), now()).unwrap(), before);
    let s = compute(&store, &november(), now()).unwrap();
    // #4 and #10 (both outside November) are not active.
    assert_eq!(s.campaigns.active, 2);
    assert_eq!(
        s.campaigns.top,
        vec![
            Campaign {
                id: 1,
                first_seen: "2026-10-31T23:59:59Z".into(),
                last_seen: "2026-11-26T09:00:00Z".into(),
                members: 4,
                members_in_period: 3,
                recipients: 3,
                organisations: 2,
                sender: "Emily Carter".into(),
                senders: 1,
            },
            Campaign {
                id: 5,
                first_seen: "2026-11-10T09:00:00Z".into(),
                last_seen: "2026-11-11T09:00:00Z".into(),
                members: 2,
                members_in_period: 2,
                recipients: 2,
                organisations: 0,
                sender: "Lukas Becker".into(),
                senders: 2,
            },
        ]
    );
}

#[test]
fn watchlist_values_and_reference_photos_counted_once_per_approach() {
    let (_dir, store) = case();
    let s = compute(&store, &november(), now()).unwrap();
    let hit = |kind: &str, value: &str, requests| WatchlistHits { kind: kind.into(), value: value.into(), requests };
    // #1 is October's; #7 names Emily Carter twice, counted once; #8's headline imitates a
    // phone hit but its row is the domain.
    assert_eq!(s.watchlist, vec![hit("domain", "gtp-consult.example", 3), hit("name", "Emily Carter", 2)]);
    let photo = |name: &str, label: &str, requests| ReferenceHits { name: name.into(), label: label.into(), requests };
    assert_eq!(s.reference_photos, vec![photo("stock-041.jpg", "stock", 2), photo("face-7.jpg", "hostile", 1)]);
}

#[test]
fn decision_times_backlog_and_officers_counted_by_hand() {
    let (_dir, store) = case();
    let s = compute(&store, &november(), now()).unwrap();
    // Decisions standing that were made in November: #7 1 h, #8 6 h, #2 48 h (from its report to
    // bob's report, not alice's flag), #1 96 h. #5's accept was undone.
    assert_eq!(s.decision_time.decided, 4);
    assert_eq!(s.decision_time.median_hours, Some(27.0));
    let p90 = s.decision_time.p90_hours.unwrap();
    assert!((p90 - 81.6).abs() < 1e-6, "{p90}");
    // Pending November approaches at 12-01 12:00: #3 (12 h), #5 (11 days), #6 (20 days).
    assert_eq!(s.backlog.pending, 3);
    assert_eq!(s.backlog.oldest.as_deref(), Some("2026-11-11T10:00:00Z"));
    let bands: Vec<u64> = s.backlog.by_age.iter().map(|a| a.count).collect();
    assert_eq!(bands, vec![1, 0, 0, 1, 1, 0]);
    let o = |officer: &str, accepted, flagged, reported, decisions, undone, undo_rate| OfficerCounts {
        officer: officer.into(),
        accepted,
        flagged,
        reported,
        decisions,
        undone,
        undo_rate,
    };
    // Alphabetical whatever the case; dave decided only in December.
    assert_eq!(
        s.officers,
        vec![
            o("alice", 0, 1, 0, 3, 1, Some(1.0 / 3.0)),
            o("bob", 0, 0, 2, 2, 0, Some(0.0)),
            o("Carol", 1, 0, 0, 1, 0, Some(0.0))
        ]
    );
}

#[test]
fn the_queues_filters_choose_what_counts_everywhere() {
    let (_dir, store) = case();
    let pending = compute(&store, &StatsQuery { status: Some(Status::Pending), ..november() }, now()).unwrap();
    assert_eq!(pending.totals.received, 3);
    assert_eq!(pending.decisions, DecisionCounts { pending: 3, ..Default::default() });
    assert_eq!(pending.backlog.pending, 3);
    assert_eq!(pending.decision_time.decided, 0);
    assert!(pending.officers.iter().all(|o| o.accepted + o.flagged + o.reported == 0));
    // alice's undone accept of #5, now pending again, is her one entry on a pending request.
    assert_eq!(
        pending.officers.iter().map(|o| (o.officer.as_str(), o.decisions, o.undone)).collect::<Vec<_>>(),
        vec![("alice", 1, 1)]
    );

    let flagged = compute(&store, &StatsQuery { status: Some(Status::Flagged), ..november() }, now()).unwrap();
    assert_eq!(flagged.backlog.pending, 0, "a status other than pending has no backlog");

    // The text filter of the queue: organisation, names, ids.
    let mod_ = compute(&store, &StatsQuery { text: Some("  MINISTRY ".into()), ..november() }, now()).unwrap();
    assert_eq!(mod_.filters.text.as_deref(), Some("MINISTRY"));
    assert_eq!(mod_.totals.received, 3);
    assert_eq!(mod_.decisions, DecisionCounts { flagged: 2, accepted: 1, ..Default::default() });
    // The campaign's span is its whole; what it did is counted among the filtered approaches.
    let a = &mod_.campaigns.top[0];
    assert_eq!((a.id, a.members, a.members_in_period, a.first_seen.as_str()), (1, 4, 2, "2026-10-31T23:59:59Z"));
    assert_eq!((a.recipients, a.organisations), (2, 1));
    assert_eq!(mod_.campaigns.active, 1);
    let names: Vec<(&str, u64)> = mod_.officers.iter().map(|o| (o.officer.as_str(), o.decisions)).collect();
    assert_eq!(names, vec![("alice", 1), ("Carol", 1)]);
}

#[test]
fn all_time_runs_from_the_first_approach_to_today() {
    let (_dir, store) = case();
    let s = compute(&store, &StatsQuery::default(), now()).unwrap();
    assert_eq!(s.totals.received, 10);
    assert_eq!(s.weeks.first().unwrap().week, d("2026-10-05"), "#10's week");
    assert_eq!(s.weeks.last().unwrap().week, d("2026-11-30"), "the week of #9's import (12-02) is the last");
    assert_eq!(s.weeks.iter().map(|w| w.received).sum::<u64>(), 10);
    assert_eq!(s.weeks.iter().map(|w| w.reported).sum::<u64>(), 10);
    assert_eq!(s.campaigns.active, 3);
    // An empty database has no weeks and no figures, and says so without failing.
    let dir = tempfile::tempdir().unwrap();
    let empty = Store::open(&dir.path().join("empty.db")).unwrap();
    let e = compute(&empty, &november(), now()).unwrap();
    assert_eq!((e.totals.received, e.weeks.len(), e.decision_time.median_hours), (0, 6, None));
    assert_eq!(compute(&empty, &StatsQuery::default(), now()).unwrap().weeks.len(), 0);
}

#[test]
fn remembered_campaign_groups_are_not_used_once_the_campaign_evidence_changed() {
    let (_dir, mut store) = case();
    remember_campaign_groups(&mut store).unwrap();
    // A later check run links #10 to #3 without the groups being remembered again.
    set_test_clock(Some(at("2026-12-03T09:00:00Z")));
    store
        .save_check_results(&[checked(
            10,
            RiskLevel::High,
            vec![evidence("campaign", Verdict::Suspicious, &["#3 (R-3): shares e-mail x@example.org"])],
        )])
        .unwrap();
    set_test_clock(None);
    assert_eq!(campaign_groups(&store).unwrap().lists(), vec![vec![1, 2, 7, 9], vec![3, 4, 10], vec![5, 6]]);
    let s = compute(&store, &november(), now()).unwrap();
    let ids: Vec<i64> = s.campaigns.top.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![1, 5, 3], "#3's new campaign is active in November");
    // Remembered again, the figures are the same.
    remember_campaign_groups(&mut store).unwrap();
    assert_eq!(compute(&store, &november(), now()).unwrap(), s);
}
