//! Correlation across requests: one profile approaching several officials, one photo behind
//! different personas, near-duplicate texts, and shared infrastructure (website domain, e-mail,
//! phone). The more requests a campaign links, the higher the score.

use super::features::{MIN_SHINGLES, RequestFeatures};
use super::text::{self, visible};
use super::{Check, Context, request_label};
use crate::domain::{Evidence, RequestSnapshot, Verdict};
use std::collections::{BTreeMap, HashMap};

pub struct CampaignCheck;

const ID: &str = "campaign";
const VERSION: u32 = 1;
/// Near-duplicate threshold on word-3-gram Jaccard similarity.
pub const JACCARD_AT: f64 = 0.6;
/// A key shared by more requests than this is treated as common (a platform's default
/// invitation text, a big employer's domain, a default avatar) rather than a campaign.
const COMMON_BUCKET: usize = 200;

/// What a line says of a request that is the same approach reported again (not a link).
const REPEAT_REPORT: &str = "same sender to the same official — a repeat report, not counted";

/// The requests a campaign result's lines link to, read back from the lines as stored: each
/// link line starts with the other request's label (`#12 (R-2026-000140): shares phone …`).
/// Repeat reports and shared-but-common keys are not links. At most 12 links are listed per
/// request (see `assess`), so groups are joined from every member's lines.
pub fn linked_requests(lines: &[String]) -> Vec<i64> {
    let mut out: Vec<i64> = lines
        .iter()
        .filter(|l| !l.ends_with(REPEAT_REPORT))
        .filter_map(|l| {
            let digits = l.strip_prefix('#')?;
            let end = digits.find(|c: char| !c.is_ascii_digit())?;
            let rest = &digits[end..];
            (rest.starts_with(": ") || rest.starts_with(" (")).then(|| digits[..end].parse().ok()).flatten()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Which requests share which key, built once for all requests.
#[derive(Debug, Default)]
pub struct CampaignIndex {
    keys: HashMap<String, Vec<usize>>,
    about_bands: text::PremixedMap<Vec<usize>>,
    message_bands: text::PremixedMap<Vec<usize>>,
}

fn keys_of(f: &RequestFeatures) -> Vec<String> {
    let mut k = Vec::new();
    if let Some(u) = &f.profile_url {
        k.push(format!("url {u}"));
    }
    if let Some(p) = &f.photo_sha256 {
        k.push(format!("photo {}", p.to_lowercase()));
    }
    for d in f.distinctive_domains() {
        k.push(format!("domain {d}"));
    }
    for (e, _) in &f.emails {
        k.push(format!("email {e}"));
    }
    for (p, _, _) in &f.phones {
        k.push(format!("phone {p}"));
    }
    k.sort();
    k.dedup();
    k
}

impl CampaignIndex {
    pub fn build(features: &[RequestFeatures]) -> Self {
        let mut ix = CampaignIndex::default();
        for (i, f) in features.iter().enumerate() {
            for k in keys_of(f) {
                ix.keys.entry(k).or_default().push(i);
            }
            for &key in &f.about_bands {
                ix.about_bands.entry(key).or_default().push(i);
            }
            for &key in &f.message_bands {
                ix.message_bands.entry(key).or_default().push(i);
            }
        }
        ix
    }
}

impl Check for CampaignCheck {
    fn id(&self) -> &'static str {
        ID
    }
    fn version(&self) -> u32 {
        VERSION
    }
    fn run(&self, req: &RequestSnapshot, ctx: &Context) -> Evidence {
        assess(req, ctx)
    }
}

fn describe(key: &str, me: &RequestFeatures, other: &RequestFeatures, other_name: &str) -> Option<String> {
    let (kind, value) = key.split_once(' ')?;
    Some(match kind {
        "url" if me.recipient_name == other.recipient_name => return None,
        "url" => format!("same profile \"{}\" approached another official", visible(value, 60)),
        "photo" if me.sender_name != other.sender_name => {
            format!(
                "same photo (sha256 {}…) under another name \"{}\"",
                &value[..value.len().min(12)],
                visible(other_name, 40)
            )
        }
        "photo" => format!("same photo (sha256 {}…)", &value[..value.len().min(12)]),
        "domain" => format!("shares domain {}", visible(value, 60)),
        "email" => format!("shares e-mail {}", visible(value, 60)),
        "phone" => {
            let written = me.phones.iter().find(|(k, _, _)| k == value).map_or(value, |(_, w, _)| w.as_str());
            format!("shares phone {}", visible(written, 30))
        }
        _ => return None,
    })
}

fn assess(req: &RequestSnapshot, ctx: &Context) -> Evidence {
    let ix = ctx.campaign_index();
    let me_pos = ctx.position(req.id);
    let me = ctx.features(req);
    let mut links: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    let mut common = Vec::new();
    let mut only_domain = true;
    let mut duplicates = Vec::new();
    // The same approach reported twice (same sender, same official) is not a second target.
    let is_duplicate = |o: usize| {
        let f = ctx.features_at(o);
        f.sender_name == me.sender_name && f.recipient_name == me.recipient_name && f.profile_url == me.profile_url
    };

    for key in keys_of(&me) {
        let Some(members) = ix.keys.get(&key) else { continue };
        let others: Vec<usize> = members.iter().copied().filter(|m| Some(*m) != me_pos).collect();
        if others.len() > COMMON_BUCKET {
            common.push(format!("{key}: shared by {} requests — treated as common, not a campaign", others.len()));
            continue;
        }
        for o in others {
            if is_duplicate(o) {
                duplicates.push(o);
                continue;
            }
            if let Some(why) = describe(&key, &me, ctx.features_at(o), &ctx.requests()[o].report.sender.name) {
                if !key.starts_with("domain ") {
                    only_domain = false;
                }
                links.entry(o).or_default().push(why);
            }
        }
    }
    // Near photos (a mirrored, cropped or re-encoded copy); byte-identical ones are keyed above.
    for &(o, d) in ctx.near_request_photos(req).iter() {
        if d > crate::imaging::MATCH_THRESHOLD || is_duplicate(o) {
            continue;
        }
        let of = ctx.features_at(o);
        if of.photo_sha256.is_some() && of.photo_sha256 == me.photo_sha256 {
            continue;
        }
        only_domain = false;
        let whose = if of.sender_name == me.sender_name {
            String::new()
        } else {
            format!(" under another name \"{}\"", visible(&ctx.requests()[o].report.sender.name, 40))
        };
        links.entry(o).or_default().push(format!("near-identical photo (distance {d}){whose}"));
    }
    for (what, shingles, my_bands, bands) in [
        ("about", &me.about_shingles, &me.about_bands, &ix.about_bands),
        ("message", &me.message_shingles, &me.message_bands, &ix.message_bands),
    ] {
        if shingles.len() < MIN_SHINGLES {
            continue;
        }
        let mut candidates: Vec<usize> = Vec::new();
        for key in my_bands {
            if let Some(members) = bands.get(key)
                && members.len() <= COMMON_BUCKET
            {
                candidates.extend(members.iter().copied().filter(|m| Some(*m) != me_pos));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        for o in candidates.into_iter().filter(|o| !is_duplicate(*o)) {
            let theirs = match what {
                "about" => &ctx.features_at(o).about_shingles,
                _ => &ctx.features_at(o).message_shingles,
            };
            let j = text::jaccard(shingles, theirs);
            if j >= JACCARD_AT {
                only_domain = false;
                links.entry(o).or_default().push(format!("near-identical {what} text (Jaccard {j:.2})"));
            }
        }
    }

    duplicates.sort_unstable();
    duplicates.dedup();
    for d in duplicates.iter().take(5) {
        common.push(format!("{}: {REPEAT_REPORT}", request_label(&ctx.requests()[*d])));
    }
    if links.is_empty() {
        let mut e = Evidence::new(ID, VERSION, Verdict::Clear, 0, "shares nothing with other requests");
        e.lines = common;
        return e;
    }
    let n = links.len();
    let (verdict, score) = match n {
        1 if only_domain => (Verdict::Caution, 35),
        1 => (Verdict::Caution, 50),
        _ => (Verdict::Suspicious, (70 + 5 * (n as u32 - 2)).min(95) as u8),
    };
    let summary = format!("linked to {n} other request{} ({} in cluster)", if n == 1 { "" } else { "s" }, n + 1);
    let mut e = Evidence::new(ID, VERSION, verdict, score, summary);
    e.related = links.keys().map(|o| ctx.requests()[*o].id).collect();
    for (o, whys) in links.iter().take(12) {
        let other = &ctx.requests()[*o];
        e.lines.push(format!("{}: {}", request_label(other), whys.join("; ")));
    }
    if n > 12 {
        e.lines.push(format!("… and {} more linked requests", n - 12));
    }
    e.lines.extend(common);
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Report;

    fn req(id: i64, name: &str, recipient: &str) -> RequestSnapshot {
        RequestSnapshot { id, report: Report::minimal("2026-10-01T09:00:00Z", name, recipient), photo_sha256: None }
    }

    const PITCH: &str = "I am working with a confidential client, a well-funded Asia-Pacific advisory firm, who is \
                         looking for senior UK experts for short paid consultancy projects. Would you be open to a chat?";

    #[test]
    fn one_persona_to_several_officials_is_a_campaign() {
        let mut reqs = Vec::new();
        for (i, who) in ["Jane", "Amir", "Hugh"].iter().enumerate() {
            let mut r = req(i as i64 + 1, "Emily Carter", who);
            r.report.id = Some(format!("R-{i}"));
            r.report.sender.profile_url = Some("https://www.linkedin.com/in/emily-carter-gtp".into());
            r.report.message = Some(format!("Hi {who}, {PITCH}"));
            r.photo_sha256 = Some("ab".repeat(32));
            reqs.push(r);
        }
        let ctx = Context::new(reqs.clone(), vec![], vec![], Default::default());
        let e = assess(&reqs[0], &ctx);
        assert_eq!(e.verdict, Verdict::Suspicious, "{e:?}");
        assert!(e.lines[0].starts_with("#2 (R-1): "), "{:?}", e.lines);
        assert!(e.lines[0].contains("same profile") && e.lines[0].contains("near-identical message"), "{:?}", e.lines);
    }

    #[test]
    fn the_linked_requests_are_read_back_from_the_lines_and_repeat_reports_are_not_links() {
        let mut reqs = Vec::new();
        for (i, who) in ["Jane", "Amir", "Hugh"].iter().enumerate() {
            let mut r = req(i as i64 + 11, "Emily Carter", who);
            r.report.id = Some(format!("R-{i}): #99 ("));
            r.report.sender.profile_url = Some("https://www.linkedin.com/in/emily-carter-gtp".into());
            reqs.push(r);
        }
        // The first approach reported twice: a repeat, listed but not a link.
        let mut again = reqs[0].clone();
        again.id = 40;
        reqs.push(again);
        let ctx = Context::new(reqs.clone(), vec![], vec![], Default::default());
        let e = assess(&reqs[0], &ctx);
        assert!(e.lines.iter().any(|l| l.starts_with("#40") && l.ends_with(REPEAT_REPORT)), "{:?}", e.lines);
        assert_eq!(linked_requests(&e.lines), vec![12, 13]);
        assert_eq!(linked_requests(&e.lines), e.related);
        // A request the check found nothing for links to nothing, and neither do other lines.
        let lone = assess(&req(50, "Ann Smith", "Tom"), &ctx);
        assert!(linked_requests(&lone.lines).is_empty());
        let other =
            ["url x: shared by 300 requests — treated as common, not a campaign", "… and 3 more linked requests"];
        assert!(linked_requests(&other.map(String::from)).is_empty());
    }

    #[test]
    fn a_shared_phone_between_two_personas_is_caution() {
        let mut a = req(1, "Lukas Becker", "Amir");
        a.report.sender.phones = vec!["+1 202 555 0147".into()];
        let mut b = req(2, "Michael Brandt", "David");
        b.report.message = Some("Can we talk on Signal? +1 202 555 0147".into());
        let ctx = Context::new(vec![a.clone(), b], vec![], vec![], Default::default());
        let e = assess(&a, &ctx);
        assert_eq!(e.verdict, Verdict::Caution);
        assert!(e.lines[0].contains("shares phone +1 202 555 0147"), "{:?}", e.lines);
    }

    #[test]
    fn free_mail_platforms_and_a_re_report_are_not_a_campaign() {
        let mut a = req(1, "Ann Smith", "Jane");
        a.report.sender.emails = vec!["ann.smith@gmail.com".into()];
        a.report.sender.profile_url = Some("https://www.linkedin.com/in/ann-smith".into());
        let mut b = req(2, "Bob Jones", "Tom");
        b.report.sender.emails = vec!["bob.jones@gmail.com".into()];
        b.report.sender.websites = vec!["https://www.linkedin.com/company/acme".into()];
        // The same approach reported twice by the same official.
        let mut c = a.clone();
        c.id = 3;
        let ctx = Context::new(vec![a.clone(), b, c], vec![], vec![], Default::default());
        let e = assess(&a, &ctx);
        assert_eq!(e.verdict, Verdict::Clear, "{e:?}");
    }

    #[test]
    fn two_employees_of_one_big_employer_share_only_a_weak_link() {
        let mut a = req(1, "Ann Smith", "Jane");
        a.report.sender.websites = vec!["https://www.bigco.example/people/ann".into()];
        let mut b = req(2, "Bob Jones", "Tom");
        b.report.sender.websites = vec!["https://bigco.example".into()];
        let ctx = Context::new(vec![a.clone(), b], vec![], vec![], Default::default());
        let e = assess(&a, &ctx);
        assert_eq!((e.verdict, e.score), (Verdict::Caution, 35));
    }
}
