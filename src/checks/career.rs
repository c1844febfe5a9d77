//! Career timeline consistency: overlapping full-time roles, impossible dates, senior titles
//! straight out of study, and headlines made of buzzwords with no employer.

use super::text::visible;
use super::{Check, Context};
use crate::domain::{Evidence, Experience, PartialDate, RequestSnapshot, Verdict};
use chrono::NaiveDate;

pub struct CareerCheck;

const ID: &str = "career";
const VERSION: u32 = 1;

impl Check for CareerCheck {
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

/// Roles that legitimately run beside a main job.
const SIDE_ROLE_WORDS: &[&str] = &[
    "part-time",
    "part time",
    "advisory",
    "adviser",
    "advisor",
    "fellow",
    "fellowship",
    "board",
    "non-executive",
    "volunteer",
    "voluntary",
    "visiting",
    "adjunct",
    "honorary",
    "trustee",
    "governor",
    "mentor",
    "associate",
    "freelance",
    "contract",
    "member",
    "emeritus",
    "ambassador",
    "founder",
    "investor",
    "owner",
    "self-employed",
];
const SENIOR_WORDS: &[&str] = &[
    "director",
    "head",
    "vp",
    "vice president",
    "chief",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "partner",
    "principal",
    "senior",
    "managing",
    "president",
    "executive",
    "lead",
];
/// Academic and trade titles that contain a senior word without being senior management.
const NOT_SENIOR: &[&str] = &["principal investigator", "investigador principal", "talent partner", "team lead"];
const BUZZWORDS: &[&str] = &[
    "strategy",
    "geopolitics",
    "consultant",
    "consulting",
    "visionary",
    "investor",
    "innovation",
    "leadership",
    "global",
    "diplomacy",
    "travel",
    "international relations",
    "markets",
    "infrastructure",
    "headhunter",
    "board member",
    "ceo & founder",
    "founder",
    "director",
    "advisor",
    "adviser",
    "entrepreneur",
    "thought leader",
    "energy security",
    "critical minerals",
    "phd researcher",
    "expert",
    "networking",
    "policy",
];

fn contains_any(title: &str, words: &[&str]) -> bool {
    let f = super::text::Folded::new(title);
    words.iter().any(|w| !f.find(w).is_empty())
}

fn is_side_role(e: &Experience) -> bool {
    contains_any(&e.title, SIDE_ROLE_WORDS)
}

fn is_senior(title: &str) -> bool {
    contains_any(title, SENIOR_WORDS) && !contains_any(title, NOT_SENIOR)
}

/// The period a role certainly covered: from the latest possible start to the earliest
/// possible end (today for a current role). `None` when it cannot be placed.
fn certain_span(
    start: Option<PartialDate>,
    end: Option<PartialDate>,
    now: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    let s = start?.latest();
    let e = end.map_or(now, |e| e.earliest());
    (s < e).then_some((s, e))
}

fn role(e: &Experience) -> String {
    let end = e.end.map_or("present".to_owned(), |d| d.to_string());
    let start = e.start.map_or("?".to_owned(), |d| d.to_string());
    format!("\"{}\" at \"{}\" {start}–{end}", visible(&e.title, 50), visible(&e.org, 50))
}

fn assess(req: &RequestSnapshot) -> Evidence {
    let s = &req.report.sender;
    let now = req.report.received_at.utc().date_naive();
    let headline = s.headline.as_deref().unwrap_or("");
    if s.experience.is_empty() && s.education.is_empty() && headline.trim().is_empty() {
        return Evidence::not_applicable(ID, VERSION, "no career, education or headline shown");
    }
    let mut points = 0u32;
    let mut lines = Vec::new();
    let mut findings = Vec::new();

    // End before start, in jobs or study.
    for e in &s.experience {
        if let (Some(a), Some(b)) = (e.start, e.end)
            && b.latest() < a.earliest()
        {
            points += 35;
            findings.push("dates end before they start");
            lines.push(format!("experience: {} — ends before it starts", role(e)));
        }
    }
    for ed in &s.education {
        if let (Some(a), Some(b)) = (ed.start, ed.end)
            && b.latest() < a.earliest()
        {
            points += 35;
            findings.push("dates end before they start");
            lines.push(format!(
                "education: \"{}\" {}, {a}–{b} — ends before it starts",
                visible(&ed.school, 50),
                visible(ed.degree.as_deref().unwrap_or(""), 40)
            ));
        }
    }

    // Overlapping full-time roles at different employers, for at least three months.
    let full_time: Vec<&Experience> = s.experience.iter().filter(|e| !is_side_role(e)).collect();
    let mut overlaps = 0;
    for (i, a) in full_time.iter().enumerate() {
        for b in &full_time[i + 1..] {
            if super::text::fold_identity(&a.org) == super::text::fold_identity(&b.org) {
                continue;
            }
            let (Some((a0, a1)), Some((b0, b1))) =
                (certain_span(a.start, a.end, now), certain_span(b.start, b.end, now))
            else {
                continue;
            };
            let overlap = (a1.min(b1) - a0.max(b0)).num_days();
            if overlap >= 90 && overlaps < 3 {
                overlaps += 1;
                lines.push(format!("overlap: {} and {} — {} months at once", role(a), role(b), overlap / 30));
            }
        }
    }
    if overlaps > 0 {
        points += 35 + 10 * (overlaps - 1);
        findings.push("overlapping full-time roles");
    }

    // Senior titles soon after (or before) finishing study, and study beside a senior role.
    let last_study_end = s.education.iter().filter_map(|e| e.end).map(|d| d.latest()).max();
    let mut early = false;
    let mut during = false;
    for e in s.experience.iter().filter(|e| is_senior(&e.title)) {
        let Some(start) = e.start else { continue };
        if let Some(grad) = last_study_end {
            let years = (start.earliest() - grad).num_days() as f64 / 365.25;
            if years < 3.0 && !early {
                early = true;
                let when = if years < 0.0 {
                    "before finishing study".to_owned()
                } else {
                    format!("{years:.1} years after study ended")
                };
                lines.push(format!("senior title {} — {when}", role(e)));
            }
        }
        for ed in &s.education {
            let (Some(span_e), Some(span_s)) = (certain_span(e.start, e.end, now), certain_span(ed.start, ed.end, now))
            else {
                continue;
            };
            let overlap = (span_e.1.min(span_s.1) - span_e.0.max(span_s.0)).num_days();
            let part_time = contains_any(ed.degree.as_deref().unwrap_or(""), &["part-time", "part time", "executive"]);
            if overlap >= 90 && !part_time && !during && !is_side_role(e) {
                during = true;
                lines.push(format!(
                    "study \"{}\" at \"{}\" {}–{} overlaps senior role {}",
                    visible(ed.degree.as_deref().unwrap_or("degree"), 40),
                    visible(&ed.school, 50),
                    ed.start.map_or("?".into(), |d| d.to_string()),
                    ed.end.map_or("?".into(), |d| d.to_string()),
                    role(e)
                ));
            }
        }
    }
    if early {
        points += 25;
        findings.push("senior title straight out of study");
    }
    if during {
        points += 30;
        findings.push("study beside a senior role");
    }

    // A headline of buzzwords with no employer named.
    let segments: Vec<&str> = headline.split(['|', '·', '•']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if segments.len() >= 3 {
        let orgs: Vec<String> = s.experience.iter().map(|e| super::text::fold_identity(&e.org)).collect();
        let names_org = segments.iter().any(|seg| {
            let f = super::text::fold_identity(seg);
            orgs.iter().any(|o| !o.is_empty() && f.contains(o.as_str()))
                || f.contains(" at ")
                || contains_any(seg, &["university", "ltd", "plc", "inc", "council", "department", "institute"])
        });
        let buzz =
            segments.iter().filter(|seg| seg.split_whitespace().count() <= 3 && contains_any(seg, BUZZWORDS)).count();
        if !names_org && buzz * 2 >= segments.len() {
            points += 20;
            findings.push("vague headline");
            lines.push(format!("headline: \"{}\" — buzzwords, no employer", visible(headline, 80)));
        }
    }

    let score = points.min(100) as u8;
    let verdict = if score >= 60 {
        Verdict::Suspicious
    } else if score >= 25 {
        Verdict::Caution
    } else {
        Verdict::Clear
    };
    findings.dedup();
    let summary = if findings.is_empty() {
        lines.push(format!("{} roles, {} studies: timeline consistent", s.experience.len(), s.education.len()));
        "career timeline consistent".to_owned()
    } else {
        let mut t = findings.join("; ");
        if t.chars().count() > 70 {
            t = format!("{}…", t.chars().take(69).collect::<String>());
        }
        t
    };
    let mut e = Evidence::new(ID, VERSION, verdict, score, summary);
    e.lines = lines;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Education, Report};

    fn job(org: &str, title: &str, start: &str, end: Option<&str>) -> Experience {
        Experience {
            org: org.into(),
            title: title.into(),
            start: PartialDate::parse(start),
            end: end.and_then(PartialDate::parse),
            location: None,
        }
    }

    fn study(degree: &str, start: &str, end: &str) -> Education {
        Education {
            school: "University".into(),
            degree: Some(degree.into()),
            start: PartialDate::parse(start),
            end: PartialDate::parse(end),
        }
    }

    fn req(headline: &str, exp: Vec<Experience>, edu: Vec<Education>) -> RequestSnapshot {
        let mut r = Report::minimal("2026-10-01T09:00:00Z", "A Person", "Jane Smith");
        r.sender.headline = Some(headline.into());
        r.sender.experience = exp;
        r.sender.education = edu;
        RequestSnapshot { id: 1, report: r, photo_sha256: None }
    }

    #[test]
    fn overlapping_full_time_roles_are_quoted() {
        let e = assess(&req(
            "Research Director",
            vec![
                job("Meridian Insight Group", "Research Director", "2021-03", None),
                job("Castlegate Capital", "Head of Research (full-time)", "2020-01", None),
            ],
            vec![study("MSc Finance", "2012", "2013")],
        ));
        assert!(e.verdict >= Verdict::Caution, "{e:?}");
        assert!(e.lines.iter().any(|l| l.contains("Castlegate Capital") && l.contains("overlap")), "{:?}", e.lines);
    }

    #[test]
    fn a_professor_with_a_part_time_fellowship_is_clear() {
        let e = assess(&req(
            "Professor of Marine Engineering; Visiting Fellow",
            vec![
                job("University of Strathclyde", "Professor of Marine Engineering", "2015-08", None),
                job("Centre for Ocean Security", "Visiting Fellow (part-time)", "2022-01", None),
                job("Standards Board", "Independent Advisory Member (voluntary)", "2023-06", None),
            ],
            vec![study("PhD Naval Architecture", "2004", "2008")],
        ));
        assert_eq!((e.verdict, e.score), (Verdict::Clear, 0), "{e:?}");
    }

    #[test]
    fn senior_straight_out_of_study_and_during_study() {
        let e = assess(&req(
            "Headhunter | Semiconductors | Global",
            vec![job("Pearl River Talent", "Vice President", "2018", None)],
            vec![study("MBA (full-time)", "2019", "2021")],
        ));
        assert_eq!(e.verdict, Verdict::Suspicious, "{e:?}");
        assert!(e.lines.iter().any(|l| l.contains("overlaps senior role")));
        assert!(e.lines.iter().any(|l| l.contains("buzzwords")));
    }

    #[test]
    fn dates_that_end_before_they_start() {
        let e = assess(&req("PhD Researcher", vec![], vec![study("PhD War Studies", "2025", "2023")]));
        assert!(e.lines.iter().any(|l| l.contains("2025–2023")), "{:?}", e.lines);
        assert!(e.verdict >= Verdict::Caution);
    }

    #[test]
    fn an_ordinary_career_with_year_dates_touching_is_clear() {
        let e = assess(&req(
            "Senior ICT Architect at Cardiff Council",
            vec![
                job("Cardiff Council", "Senior ICT Architect", "2016", None),
                job("Welsh Water", "Systems Engineer", "2008", Some("2016")),
            ],
            vec![study("BEng", "2004", "2008")],
        ));
        assert_eq!(e.verdict, Verdict::Clear, "{e:?}");
        // A new graduate with an internship.
        let g = assess(&req(
            "MSc Data Science graduate | University of Leeds",
            vec![job("Leeds City Council", "Data Intern (summer)", "2025-06", Some("2025-08"))],
            vec![study("MSc Data Science", "2025-09", "2026-09")],
        ));
        assert_eq!(g.verdict, Verdict::Clear, "{g:?}");
    }
}
