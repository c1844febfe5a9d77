//! Lures in what the sender wrote: unsolicited paid work, flattery, urgency, funded trips,
//! moves off the platform, and requests for the officer's CV, role, projects or clearance.

use super::text::{self, Folded};
use super::{Check, Context};
use crate::domain::report::Party;
use crate::domain::{Evidence, RequestSnapshot, Verdict};

pub struct MessageCheck;

const ID: &str = "message";
const VERSION: u32 = 1;

impl Check for MessageCheck {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Lure {
    PaidWork,
    Trip,
    OffPlatform,
    InfoRequest,
    Urgency,
    Flattery,
}

impl Lure {
    fn label(self) -> &'static str {
        match self {
            Lure::PaidWork => "unsolicited paid work",
            Lure::Trip => "funded trip",
            Lure::OffPlatform => "off-platform move",
            Lure::InfoRequest => "asks about role, CV or clearance",
            Lure::Urgency => "urgency",
            Lure::Flattery => "flattery",
        }
    }
    fn short(self) -> &'static str {
        match self {
            Lure::PaidWork => "paid work",
            Lure::Trip => "funded trip",
            Lure::OffPlatform => "off-platform",
            Lure::InfoRequest => "info request",
            Lure::Urgency => "urgency",
            Lure::Flattery => "flattery",
        }
    }
    /// Points for the first hit of this category; strong lures weigh more than tone.
    fn points(self) -> u32 {
        match self {
            Lure::PaidWork | Lure::OffPlatform | Lure::InfoRequest => 30,
            Lure::Trip => 25,
            Lure::Urgency => 15,
            Lure::Flattery => 10,
        }
    }
    fn strong(self) -> bool {
        !matches!(self, Lure::Urgency | Lure::Flattery)
    }
}

const PHRASES: &[(Lure, &[&str])] = &[
    (
        Lure::PaidWork,
        &[
            "per hour",
            "/hour",
            "an hour",
            "per meeting",
            "per day",
            "fee",
            "honorarium",
            "honoraria",
            "paid consultancy",
            "paid advice",
            "paid calls",
            "paid study",
            "paid survey",
            "paid freelance",
            "paid",
            "pay handsomely",
            "pay for your time",
            "pays very well",
            "consulting fee",
            "consultancy",
            "gift card",
            "white paper",
            "policy brief",
            "advisory board",
            "short written insights",
            "payment via",
            "budget allows",
            "equity",
            "expert network",
            "commission a",
        ],
    ),
    (
        Lure::Trip,
        &[
            "all expenses",
            "all-expenses",
            "expenses are covered",
            "expenses covered",
            "expenses paid",
            "fully funded",
            "business class",
            "business-class",
            "5-star",
            "five-star",
            "flights, hotel",
            "flights and hotel",
            "travel is covered",
            "flight booking",
            "book your travel",
        ],
    ),
    (
        Lure::OffPlatform,
        &[
            "whatsapp",
            "telegram",
            "wechat",
            "viber",
            "on signal",
            "use signal",
            "via signal",
            "signal?",
            "signal:",
            "personal email",
            "private email",
            "personal e-mail",
            "text me",
            "call me on",
            "my number",
            "reach me on",
            "add my",
            "talk freely",
            "than linkedin",
        ],
    ),
    (
        Lure::InfoRequest,
        &[
            "your cv",
            "short cv",
            "a cv",
            "your resume",
            "clearance",
            "who you report to",
            "outline of your team",
            "line manager",
            "job title",
            "your current responsibilities",
            "systems you currently",
            "current border systems",
            "systems your team",
            "internal report",
            "internal thinking",
            "your passport",
            "passport copy",
            "passport details",
            "passport number",
            "programmes you currently oversee",
            "are you posted",
            "which embassy",
            "what exactly do you do",
            "travelling to",
            "org chart",
            "organisation chart",
            "unpublished",
        ],
    ),
    (
        Lure::Urgency,
        &[
            "urgent",
            "urgently",
            "deadline",
            "this week only",
            "only this week",
            "limited places",
            "places are limited",
            "within 48 hours",
            "within 24 hours",
            "move quickly",
            "by end of the week",
            "end of the week",
            "as soon as possible",
            "asap",
            "hear back quickly",
            "let me know soon",
            "closes on friday",
            "close the series",
            "exclusive",
        ],
    ),
    (
        Lure::Flattery,
        &[
            "impressive",
            "impressed",
            "remarkable",
            "outstanding",
            "invaluable",
            "exactly the voice",
            "exceptional",
            "brilliant",
            "truly impressive",
            "makes you ideal",
            "you have been selected",
            "love your photos",
        ],
    ),
];

fn assess(req: &RequestSnapshot) -> Evidence {
    let r = &req.report;
    let mut texts: Vec<(String, &str)> = Vec::new();
    if let Some(m) = &r.message {
        texts.push(("message".into(), m));
    }
    for (i, t) in r.thread.iter().enumerate() {
        if t.from == Party::Sender {
            texts.push((format!("thread[{i}]"), &t.text));
        }
    }
    if texts.iter().all(|(_, t)| t.trim().is_empty()) {
        return Evidence::not_applicable(ID, VERSION, "no message from the sender");
    }

    let mut found: Vec<(Lure, String)> = Vec::new();
    for (at, t) in &texts {
        let f = Folded::new(t);
        for (lure, phrases) in PHRASES {
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for p in *phrases {
                for (s, e) in f.find(p) {
                    // A phrase already quoted nearby covers this one ("paid consultancy" / "paid").
                    if taken.iter().any(|(a, b)| s < *b + 30 && e + 30 > *a) || f.negated_before(s) {
                        continue;
                    }
                    taken.push((s, e));
                    found.push((*lure, format!("{at}: \"{}\" — {}", f.snippet(t, s, e, 28), lure.label())));
                }
            }
        }
        for email in text::extract_emails(t) {
            if text::email_domain(&email).is_some_and(|d| text::is_free_mail_domain(&d)) {
                found.push((
                    Lure::OffPlatform,
                    format!("{at}: \"{}\" — personal mail address", text::visible(&email, 60)),
                ));
            }
        }
        for phone in text::extract_phones(t) {
            found.push((Lure::OffPlatform, format!("{at}: \"{}\" — phone number given", text::visible(&phone, 30))));
        }
    }
    // An organisation (summit, secretariat, committee) writing from a personal mail address.
    let org_speak = ["on behalf of", "secretariat", "summit", "committee", "organiser", "delegate", "our company"];
    if let Some((_, m)) = texts.first() {
        let f = Folded::new(m);
        if let Some(p) = org_speak.iter().find(|p| !f.find(p).is_empty()) {
            for (i, email) in r.sender.emails.iter().enumerate() {
                if text::email_domain(email).is_some_and(|d| text::is_free_mail_domain(&d)) {
                    found.push((
                        Lure::OffPlatform,
                        format!(
                            "sender.emails[{i}]: \"{}\" — writes as an organisation (\"{p}\") from a personal mail address",
                            text::visible(email, 60)
                        ),
                    ));
                }
            }
        }
    }
    found.sort_by_key(|f| f.0);

    let mut cats: Vec<Lure> = found.iter().map(|(l, _)| *l).collect();
    cats.dedup();
    let mut score: u32 = cats.iter().map(|c| c.points()).sum();
    // Repeated hits within a category add a little, so a message that is all lure ranks higher.
    score += (found.len().saturating_sub(cats.len()) as u32 * 3).min(15);
    let strong = cats.iter().filter(|c| c.strong()).count();
    let score = score.min(100) as u8;
    let verdict = if strong >= 2 || score >= 60 {
        Verdict::Suspicious
    } else if cats.is_empty() {
        Verdict::Clear
    } else {
        Verdict::Caution
    };
    let summary = if cats.is_empty() {
        "no lure found in the message or thread".to_owned()
    } else {
        let names: Vec<&str> = cats.iter().map(|c| c.short()).collect();
        let t = format!("lures: {}", names.join(", "));
        if t.chars().count() > 70 { format!("{}…", t.chars().take(69).collect::<String>()) } else { t }
    };
    let mut e = Evidence::new(ID, VERSION, verdict, score, summary);
    // Keep the pane readable: at most three quotes per category.
    for c in &cats {
        e.lines.extend(found.iter().filter(|(l, _)| l == c).take(3).map(|(_, s)| s.clone()));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::Timestamp;
    use crate::domain::{Report, ThreadMessage};

    fn req(message: &str, thread: &[&str]) -> RequestSnapshot {
        let mut r = Report::minimal("2026-10-01T09:00:00Z", "A Person", "Jane Smith");
        r.message = Some(message.into());
        r.thread = thread
            .iter()
            .map(|t| ThreadMessage {
                at: Timestamp::parse("2026-10-02T09:00:00Z").unwrap(),
                from: Party::Sender,
                text: (*t).into(),
            })
            .collect();
        RequestSnapshot { id: 1, report: r, photo_sha256: None }
    }

    #[test]
    fn a_classic_lure_is_suspicious_and_quoted_with_its_place() {
        let e = assess(&req(
            "I was genuinely impressed by your expertise. A confidential client needs paid consultancy, £400-£600 per hour.",
            &["Could we continue on WhatsApp? +44 7700 900481", "Please send a short CV and your level of clearance."],
        ));
        assert_eq!(e.verdict, Verdict::Suspicious, "{e:?}");
        assert!(e.lines.iter().any(|l| l.starts_with("thread[0]:") && l.contains("WhatsApp")), "{:?}", e.lines);
        assert!(e.lines.iter().any(|l| l.starts_with("message:") && l.contains("per hour")));
        assert!(e.lines.iter().any(|l| l.starts_with("thread[1]:") && l.contains("clearance")));
    }

    #[test]
    fn a_real_recruiter_keeping_it_on_platform_is_clear() {
        let e = assess(&req(
            "Hi Sanjay, I’m recruiting a Head of Systems Engineering for a naval shipbuilder in Plymouth \
             (permanent, advertised on our site, ref CR-4471). Happy to share the job description here on \
             LinkedIn, or by email if you’d rather - no pressure either way.",
            &["No problem, attached here. If anything changes, feel free to drop me a line."],
        ));
        assert_eq!(e.verdict, Verdict::Clear, "{e:?}");
    }

    #[test]
    fn a_contact_suggesting_work_email_and_unpaid_events_is_clear() {
        let e = assess(&req(
            "We're running a roundtable (unpaid, on campus). Speakers are not paid. \
             Happy to continue by email at a.mehta@ukradarconf.example.",
            &[],
        ));
        assert_eq!(e.verdict, Verdict::Clear, "{e:?}");
    }

    #[test]
    fn curly_quotes_and_case_do_not_hide_a_lure() {
        let e = assess(&req("URGENT: let’s talk on Telegram — “only this week”", &[]));
        assert!(e.lines.iter().any(|l| l.contains("Telegram")), "{:?}", e.lines);
        assert!(e.lines.iter().any(|l| l.contains("only this week")));
        let g = assess(&req("Write to me at someone@gmail.com", &[]));
        assert!(g.lines.iter().any(|l| l.contains("personal mail")), "{:?}", g.lines);
    }

    #[test]
    fn a_single_flattering_word_is_only_caution() {
        let e = assess(&req("Impressive talk yesterday, let's connect.", &[]));
        assert_eq!(e.verdict, Verdict::Caution);
        assert!(e.score < 30);
    }
}
