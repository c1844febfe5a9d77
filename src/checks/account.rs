//! Account plausibility at the time of the approach: age of the account, its network and
//! activity, verifications, taken together. Absence of a figure lowers confidence but is
//! never suspicious by itself.

use super::{Check, Context};
use crate::domain::{Evidence, PartialDate, Platform, RequestSnapshot, Verdict};
use chrono::NaiveDate;

pub struct AccountCheck;

const ID: &str = "account";
const VERSION: u32 = 1;

impl Check for AccountCheck {
    fn id(&self) -> &'static str {
        ID
    }
    fn version(&self) -> u32 {
        VERSION
    }
    fn run(&self, req: &RequestSnapshot, _ctx: &Context) -> Evidence {
        assess(req)
    }
}

/// Days between two dates, never negative.
fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days().max(0)
}

fn assess(req: &RequestSnapshot) -> Evidence {
    let r = &req.report;
    let s = &r.sender;
    let received = r.received_at.utc().date_naive();
    let figures = [s.connections, s.followers, s.mutual_connections, s.recent_posts];
    if s.joined.is_none() && figures.iter().all(Option::is_none) && s.verifications.is_empty() {
        let why = if r.platform == Platform::Email {
            "e-mail approach: no account figures"
        } else {
            "no account figures shown"
        };
        return Evidence::not_applicable(ID, VERSION, why);
    }

    let mut points: i32 = 0;
    let mut lines = Vec::new();
    let mut unknown = Vec::new();

    // Conservative age: the *oldest* the account could be (earliest join date), so a partial
    // date never makes an account look newer than it may be.
    let age = s.joined.map(|j: PartialDate| days(j.earliest(), received));
    match (s.joined, age) {
        (Some(j), Some(a)) => {
            let (p, what) = match a {
                0..90 => (35, "new"),
                90..180 => (25, "new"),
                180..365 => (10, "young"),
                365..1095 => (0, "established"),
                _ => (-20, "long-established"),
            };
            points += p;
            lines.push(format!("joined {j}, approach {received}: at most {a} days old ({what})"));
        }
        _ => unknown.push("joined"),
    }
    let new = age.is_some_and(|a| a < 180);

    match s.connections {
        Some(c) => {
            if let Some(a) = age.filter(|a| *a < 180) {
                let per_month = f64::from(c) / (a.max(15) as f64 / 30.0);
                if c >= 30 && per_month >= 25.0 {
                    points += 15;
                    lines.push(format!("connections: {c} in at most {a} days — fast-grown network"));
                } else {
                    lines.push(format!("connections: {c}"));
                }
            } else {
                if c >= 300 {
                    points -= 5;
                }
                lines.push(format!("connections: {c}{}", if c >= 500 { "+" } else { "" }));
            }
        }
        None => unknown.push("connections"),
    }
    if let Some(f) = s.followers {
        lines.push(format!("followers: {f}"));
        if f >= 1000 && !new {
            points -= 5;
        }
    }
    match s.mutual_connections {
        Some(0) => {
            points += 10;
            lines.push("mutual connections: 0 — nobody the recipient knows".to_owned());
        }
        Some(m @ 1..=2) => lines.push(format!("mutual connections: {m}")),
        Some(m) => {
            points -= if m >= 10 { 20 } else { 15 };
            lines.push(format!("mutual connections: {m}"));
        }
        None => unknown.push("mutual_connections"),
    }
    match s.recent_posts {
        Some(0) if new => {
            points += 10;
            lines.push("recent posts: 0 on a new account".to_owned());
        }
        Some(0) => lines.push("recent posts: 0".to_owned()),
        Some(p) => {
            if p >= 5 {
                points -= 10;
            }
            lines.push(format!("recent posts: {p}"));
        }
        None => unknown.push("recent_posts"),
    }
    let verified: Vec<&String> =
        s.verifications.iter().filter(|v| *v == "identity" || v.starts_with("workplace:")).collect();
    if verified.is_empty() {
        if s.verifications.is_empty() && !unknown.is_empty() {
            unknown.push("verifications");
        }
    } else {
        points -= 20;
        let shown: Vec<String> = verified.iter().map(|v| format!("\"{}\"", super::text::visible(v, 60))).collect();
        lines.push(format!("verified: {}", shown.join(", ")));
    }

    // A recent graduate has a new, thin account for a good reason: never more than caution.
    let recent_study = s.education.iter().filter_map(|e| e.end).find(|end| {
        let gap = (received - end.latest()).num_days();
        (-400..=540).contains(&gap)
    });
    let mut cap_caution = false;
    if new && let Some(end) = recent_study {
        points -= 15;
        cap_caution = true;
        lines.push(format!("education ending {end}: a recent graduate may have a new, small account"));
    }
    if !unknown.is_empty() {
        lines.push(format!("not shown: {} — lower confidence", unknown.join(", ")));
    }

    let score = points.clamp(0, 100) as u8;
    let mut verdict = if score >= 60 {
        Verdict::Suspicious
    } else if score >= 30 {
        Verdict::Caution
    } else {
        Verdict::Clear
    };
    if cap_caution && verdict == Verdict::Suspicious {
        verdict = Verdict::Caution;
    }
    let score = if verdict == Verdict::Caution { score.min(55) } else { score };
    let summary = match (verdict, age) {
        (Verdict::Suspicious, Some(a)) => format!("new account ({a} days at most), thin and unconnected"),
        (Verdict::Caution, Some(a)) if a < 365 => format!("young account ({a} days at most); some signs of use"),
        (Verdict::Caution, _) => "account figures partly unusual".to_owned(),
        (_, Some(a)) if a >= 1095 => format!("established account ({} years)", a / 365),
        _ if unknown.len() >= 3 => "few account figures shown; nothing unusual in them".to_owned(),
        _ => "account figures look ordinary".to_owned(),
    };
    let mut e = Evidence::new(ID, VERSION, verdict, score, summary);
    e.lines = lines;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Education, Report};

    fn req(received: &str, joined: &str, c: u32, m: u32, posts: u32) -> RequestSnapshot {
        let mut r = Report::minimal(received, "A Person", "Jane Smith");
        r.sender.joined = PartialDate::parse(joined);
        r.sender.connections = Some(c);
        r.sender.followers = Some(c);
        r.sender.mutual_connections = Some(m);
        r.sender.recent_posts = Some(posts);
        RequestSnapshot { id: 1, report: r, photo_sha256: None }
    }

    #[test]
    fn a_three_week_old_account_with_a_network_and_no_posts_is_suspicious() {
        let e = assess(&req("2026-09-22T09:00:00Z", "2026-09-01", 40, 0, 0));
        assert_eq!(e.verdict, Verdict::Suspicious, "{e:?}");
        assert!(e.lines.iter().any(|l| l.contains("40 in at most 21 days")), "{:?}", e.lines);
    }

    #[test]
    fn an_old_busy_account_is_clear() {
        let mut r = req("2026-09-22T09:00:00Z", "2011-03", 500, 12, 20);
        r.report.sender.verifications = vec!["identity".into()];
        let e = assess(&r);
        assert_eq!((e.verdict, e.score), (Verdict::Clear, 0), "{e:?}");
    }

    #[test]
    fn a_new_graduate_is_at_most_caution() {
        let mut r = req("2026-09-14T09:00:00Z", "2026-08", 38, 0, 0);
        r.report.sender.education = vec![Education {
            school: "University of Leeds".into(),
            degree: Some("MSc".into()),
            start: PartialDate::parse("2025-09"),
            end: PartialDate::parse("2026-09"),
        }];
        let e = assess(&r);
        assert!(e.verdict <= Verdict::Caution, "{e:?}");
        assert!(e.lines.iter().any(|l| l.contains("recent graduate")));
    }

    #[test]
    fn missing_figures_are_named_and_never_suspicious() {
        let mut r = Report::minimal("2026-09-14T09:00:00Z", "A", "B");
        r.sender.joined = PartialDate::parse("2026-09");
        let e = assess(&RequestSnapshot { id: 1, report: r.clone(), photo_sha256: None });
        assert!(e.verdict <= Verdict::Caution, "{e:?}");
        assert!(e.lines.iter().any(|l| l.contains("not shown: connections")));
        r.sender.joined = None;
        let na = assess(&RequestSnapshot { id: 1, report: r, photo_sha256: None });
        assert_eq!(na.verdict, Verdict::NotApplicable);
    }

    #[test]
    fn partial_join_dates_are_read_conservatively() {
        // Joined "2026": it could be January, so the account may be 8 months old, not new.
        let e = assess(&req("2026-09-22T09:00:00Z", "2026", 40, 0, 0));
        assert!(e.lines[0].contains("at most 264 days"), "{:?}", e.lines);
        assert_ne!(e.verdict, Verdict::Suspicious);
    }
}
