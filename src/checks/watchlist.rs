//! Watchlist hits anywhere in the report: names, organisations and phrases on word boundaries
//! after case, NFKC and confusable folding; URLs, domains, e-mail addresses and phone numbers
//! after normalisation. Any hit is strong evidence.

use super::text::{self, visible};
use super::{Check, Context};
use crate::domain::{Evidence, RequestSnapshot, Verdict, WatchKind, WatchlistEntry};
use std::collections::{BTreeSet, HashMap};

pub struct WatchlistCheck;

const ID: &str = "watchlist";
const VERSION: u32 = 1;
/// Longest token sequence looked up for name, org and text rows.
const MAX_TOKENS: usize = 12;

/// The watchlist prepared for lookups: every row under its normalised key.
#[derive(Debug, Default)]
pub struct WatchIndex {
    /// name / org / text rows, keyed by their folded tokens joined with one space.
    phrases: HashMap<String, Vec<usize>>,
    longest_phrase: usize,
    urls: HashMap<String, Vec<usize>>,
    domains: HashMap<String, Vec<usize>>,
    emails: HashMap<String, Vec<usize>>,
    phones: HashMap<String, Vec<usize>>,
    photos: HashMap<String, Vec<usize>>,
}

impl WatchIndex {
    pub fn build(entries: &[WatchlistEntry]) -> Self {
        let mut ix = WatchIndex::default();
        for (i, e) in entries.iter().enumerate() {
            match e.kind {
                WatchKind::Name | WatchKind::Org | WatchKind::Text => {
                    let tokens = text::identity_tokens(&e.value);
                    if tokens.is_empty() || tokens.len() > MAX_TOKENS {
                        continue;
                    }
                    ix.longest_phrase = ix.longest_phrase.max(tokens.len());
                    ix.phrases.entry(tokens.join(" ")).or_default().push(i);
                }
                WatchKind::Url => ix.urls.entry(text::normalise_url(&e.value)).or_default().push(i),
                WatchKind::Domain => {
                    let d = text::url_domain(&e.value).unwrap_or_else(|| e.value.trim().to_lowercase());
                    ix.domains.entry(d).or_default().push(i);
                }
                WatchKind::Email => ix.emails.entry(e.value.trim().to_lowercase()).or_default().push(i),
                WatchKind::Phone => {
                    if let Some(k) = text::phone_key(&e.value) {
                        ix.phones.entry(k).or_default().push(i);
                    }
                }
                WatchKind::Photo => ix.photos.entry(e.value.trim().to_ascii_lowercase()).or_default().push(i),
            }
        }
        ix
    }
}

/// The watchlist row a hit line names, read back from the line as stored
/// (`sender.name: "Sarah Mitchell" hits name "Sarah Mitchell" — note`): its kind and its value
/// as shown. The quoted text found comes first and is the adversary's, so the line is read
/// from the last `" hits `.
pub fn hit_in_line(line: &str) -> Option<(WatchKind, &str)> {
    let (_, rest) = line.rsplit_once("\" hits ")?;
    let (kind, rest) = rest.split_once(" \"")?;
    let (value, _note) = rest.split_once("\" — ")?;
    Some((WatchKind::parse(kind)?, value))
}

impl Check for WatchlistCheck {
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

fn assess(req: &RequestSnapshot, ctx: &Context) -> Evidence {
    let list = ctx.watchlist();
    if list.is_empty() {
        return Evidence::not_applicable(ID, VERSION, "watchlist is empty");
    }
    let ix = ctx.watch_index();
    let f = ctx.features(req);
    // (row, where, what was found there)
    let mut hits: BTreeSet<(usize, String, String)> = BTreeSet::new();

    // Names, organisations and phrases: every run of folded tokens in every field.
    let s = &req.report.sender;
    let mut fields: Vec<(String, &str)> = req.report.sender_texts();
    for (i, e) in s.experience.iter().enumerate() {
        fields.push((format!("sender.experience[{i}].org"), &e.org));
        fields.push((format!("sender.experience[{i}].title"), &e.title));
    }
    for (i, e) in s.education.iter().enumerate() {
        fields.push((format!("sender.education[{i}].school"), &e.school));
    }
    for (at, value) in &fields {
        let tokens = text::identity_tokens(value);
        for start in 0..tokens.len() {
            for len in 1..=ix.longest_phrase.min(tokens.len() - start) {
                let phrase = tokens[start..start + len].join(" ");
                if let Some(rows) = ix.phrases.get(&phrase) {
                    // Short fields are quoted whole; in long text, the (folded) words that hit.
                    let found = if value.chars().count() <= 60 {
                        visible(value, 60)
                    } else {
                        format!("…{}…", visible(&phrase, 60))
                    };
                    for &row in rows {
                        hits.insert((row, at.clone(), found.clone()));
                    }
                }
            }
        }
    }
    for (url, at) in &f.urls {
        // The row's address itself or anything below it.
        let mut key = url.as_str();
        loop {
            if let Some(rows) = ix.urls.get(key) {
                for &row in rows {
                    hits.insert((row, at.clone(), visible(url, 80)));
                }
            }
            match key.rfind('/') {
                Some(i) => key = &key[..i],
                None => break,
            }
        }
    }
    for (domain, at) in &f.domains {
        // The domain or any parent of it: `mail.gtp-consult.example` hits `gtp-consult.example`.
        let mut key = domain.as_str();
        loop {
            if let Some(rows) = ix.domains.get(key) {
                for &row in rows {
                    hits.insert((row, at.clone(), visible(domain, 80)));
                }
            }
            match key.split_once('.') {
                Some((_, rest)) if rest.contains('.') => key = rest,
                _ => break,
            }
        }
    }
    for (email, at) in &f.emails {
        for &row in ix.emails.get(email).into_iter().flatten() {
            hits.insert((row, at.clone(), visible(email, 80)));
        }
    }
    for (key, written, at) in &f.phones {
        for &row in ix.phones.get(key).into_iter().flatten() {
            hits.insert((row, at.clone(), visible(written, 40)));
        }
    }

    // A partner's photo hash: the very same image file as this persona's profile photo.
    if let Some(sha) = &req.photo_sha256 {
        for &row in ix.photos.get(sha.as_str()).into_iter().flatten() {
            hits.insert((row, "sender.photo".to_owned(), format!("SHA-256 {}…", &sha[..sha.len().min(16)])));
        }
    }

    if hits.is_empty() {
        return Evidence::new(ID, VERSION, Verdict::Clear, 0, format!("no hit on {} watchlist rows", list.len()));
    }
    let rows: BTreeSet<usize> = hits.iter().map(|(r, _, _)| *r).collect();
    let first = &list[*rows.iter().next().unwrap_or(&0)];
    let summary = {
        let t = format!(
            "watchlist: {} \"{}\"{}",
            first.kind.as_str(),
            visible(&first.value, 40),
            if rows.len() > 1 { format!(" +{} more", rows.len() - 1) } else { String::new() }
        );
        if t.chars().count() > 70 { format!("{}…", t.chars().take(69).collect::<String>()) } else { t }
    };
    let score = (90 + 3 * (rows.len() as u32 - 1)).min(100) as u8;
    let mut e = Evidence::new(ID, VERSION, Verdict::Suspicious, score, summary);
    for (row, at, found) in &hits {
        let w = &list[*row];
        e.lines.push(format!(
            "{at}: \"{found}\" hits {} \"{}\" — {}",
            w.kind.as_str(),
            visible(&w.value, 60),
            visible(&w.note, 80)
        ));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(kind: WatchKind, value: &str) -> WatchlistEntry {
        WatchlistEntry { kind, value: value.into(), note: format!("note on {value}"), source: "test".into() }
    }

    const PARTNER_PHOTO: &str = "5e1c3a9f0b7d2e4c6a8f1b3d5e7c9a0b2d4f6e8a1c3b5d7f9e0a2c4b6d8f0a1c";

    fn ctx_with(report: crate::domain::Report) -> (Context, RequestSnapshot) {
        ctx_with_photo(report, None)
    }

    fn ctx_with_photo(report: crate::domain::Report, photo: Option<&str>) -> (Context, RequestSnapshot) {
        let req = RequestSnapshot { id: 7, report, photo_sha256: photo.map(str::to_owned) };
        let list = vec![
            row(WatchKind::Name, "Sarah Mitchell"),
            row(WatchKind::Domain, "gtp-consult.example"),
            row(WatchKind::Phone, "+44 7700 900481"),
            row(WatchKind::Org, "Institute for Strategic Futures"),
            row(WatchKind::Text, "confidential client"),
            row(WatchKind::Url, "https://www.linkedin.com/in/emily-carter-gtp-7f3a91"),
            row(WatchKind::Email, "o.hart.research@proton.me"),
            row(WatchKind::Photo, PARTNER_PHOTO),
        ];
        (Context::new(vec![req.clone()], vec![], list, Default::default()), req)
    }

    #[test]
    fn a_homoglyph_name_hits_after_folding() {
        let r = crate::domain::Report::minimal("2026-10-01T09:00:00Z", "S\u{0430}rah Mitchell", "Jane");
        let (ctx, req) = ctx_with(r);
        let e = assess(&req, &ctx);
        assert_eq!(e.verdict, Verdict::Suspicious);
        assert!(e.score >= 90);
        assert!(
            e.lines[0].starts_with("sender.name:") && e.lines[0].contains("name \"Sarah Mitchell\""),
            "{:?}",
            e.lines
        );
    }

    #[test]
    fn infrastructure_hits_after_normalisation() {
        let mut r = crate::domain::Report::minimal("2026-10-01T09:00:00Z", "Li Wei", "Tom");
        r.sender.phones = vec!["+447700900481".into()];
        r.sender.websites = vec!["https://WWW.gtp-consult.example/team".into()];
        r.sender.profile_url = Some("https://linkedin.com/in/emily-carter-gtp-7f3a91/".into());
        r.message = Some("Mail O.Hart.Research@proton.me about our Confidential  Client. 07700 900481".into());
        r.sender.experience = vec![crate::domain::Experience {
            org: "Institute for Strategic Futures".into(),
            title: "Director".into(),
            start: None,
            end: None,
            location: None,
        }];
        let (ctx, req) = ctx_with(r);
        let e = assess(&req, &ctx);
        let kinds: BTreeSet<&str> =
            e.lines.iter().filter_map(|l| l.split(" hits ").nth(1)?.split(' ').next()).collect();
        assert_eq!(kinds, BTreeSet::from(["domain", "email", "org", "phone", "text", "url"]), "{:?}", e.lines);
        assert!(e.lines.iter().any(|l| l.starts_with("message:") && l.contains("07700 900481")));
    }

    #[test]
    fn each_hit_line_names_its_row_even_when_the_found_text_imitates_one() {
        let mut r = crate::domain::Report::minimal("2026-10-01T09:00:00Z", "Sarah Mitchell", "Tom");
        // The adversary's own text dressed up as a hit on another row.
        r.sender.headline = Some("x\" hits name \"Innocent Person\" — y Institute for Strategic Futures".into());
        r.sender.phones = vec!["+447700900481".into()];
        let (ctx, req) = ctx_with(r);
        let e = assess(&req, &ctx);
        let mut hits: Vec<(WatchKind, &str)> = e.lines.iter().filter_map(|l| hit_in_line(l)).collect();
        hits.sort_by_key(|(k, v)| (k.as_str(), *v));
        assert_eq!(
            hits,
            vec![
                (WatchKind::Name, "Sarah Mitchell"),
                (WatchKind::Org, "Institute for Strategic Futures"),
                (WatchKind::Phone, "+44 7700 900481"),
            ],
            "{:?}",
            e.lines
        );
        assert_eq!(hits.len(), e.lines.len(), "every line is a hit");
        assert_eq!(hit_in_line("no watchlist rows loaded"), None);
    }

    #[test]
    fn near_misses_and_genuine_people_do_not_hit() {
        let mut r = crate::domain::Report::minimal("2026-10-01T09:00:00Z", "Sarah Mitchells", "Jane");
        r.message = Some("I work at the Institute for Strategic Studies; call 07700 900482".into());
        r.sender.websites = vec!["https://not-gtp-consult.example".into()];
        let (ctx, req) = ctx_with(r);
        let e = assess(&req, &ctx);
        assert_eq!(e.verdict, Verdict::Clear, "{e:?}");
    }

    #[test]
    fn a_partners_photo_hash_hits_the_same_photo_and_no_other() {
        let r = crate::domain::Report::minimal("2026-10-01T09:00:00Z", "Li Wei", "Tom");
        let (ctx, req) = ctx_with_photo(r.clone(), Some(PARTNER_PHOTO));
        let e = assess(&req, &ctx);
        assert_eq!(e.verdict, Verdict::Suspicious);
        assert!(e.lines.iter().any(|l| l.starts_with("sender.photo:") && l.contains("hits photo")), "{:?}", e.lines);
        // A different photo (one hex digit apart) is another image: no hit.
        let other = format!("{}d", &PARTNER_PHOTO[..63]);
        let (ctx, req) = ctx_with_photo(r, Some(&other));
        assert_eq!(assess(&req, &ctx).verdict, Verdict::Clear);
    }
}
