//! What the cross-request checks compare, extracted once per request when the context is
//! built: normalised profile address, domains, e-mail addresses, phone keys and text shingles.

use super::text;
use crate::domain::{Report, RequestSnapshot};
use std::collections::BTreeSet;

/// Texts shorter than this many word 3-grams are too generic to compare.
pub const MIN_SHINGLES: usize = 8;

#[derive(Debug, Clone, Default)]
pub struct RequestFeatures {
    /// `linkedin.com/in/emily-carter-gtp-7f3a91`.
    pub profile_url: Option<String>,
    /// Identity-folded sender name, to tell personas apart.
    pub sender_name: String,
    /// Identity-folded recipient name, to tell a re-report from a second target.
    pub recipient_name: String,
    /// Every normalised URL (profile, websites, text), with where it was seen.
    pub urls: Vec<(String, String)>,
    /// Domains of URLs and e-mail addresses, with where they were seen.
    pub domains: BTreeSet<(String, String)>,
    /// Lower-case e-mail addresses, with where they were seen.
    pub emails: BTreeSet<(String, String)>,
    /// Phone keys (last ten digits), with the number as written and where.
    pub phones: Vec<(String, String, String)>,
    /// Word 3-gram shingles of `about` and of everything the sender wrote to the recipient.
    pub about_shingles: Vec<u64>,
    pub message_shingles: Vec<u64>,
    /// MinHash LSH band keys of the two shingle sets (empty when too short to compare).
    pub about_bands: Vec<u64>,
    pub message_bands: Vec<u64>,
    pub photo_sha256: Option<String>,
}

impl RequestFeatures {
    pub fn of(req: &RequestSnapshot) -> Self {
        let r: &Report = &req.report;
        let s = &r.sender;
        let mut f = RequestFeatures {
            profile_url: s.profile_url.as_deref().map(text::normalise_url).filter(|u| !u.is_empty()),
            sender_name: text::identity_tokens(&s.name).join(" "),
            recipient_name: text::identity_tokens(&r.recipient.name).join(" "),
            photo_sha256: req.photo_sha256.clone(),
            ..Default::default()
        };
        let add_url = |f: &mut RequestFeatures, url: &str, at: &str| {
            f.urls.push((text::normalise_url(url), at.to_owned()));
            if let Some(d) = text::url_domain(url) {
                f.domains.insert((d, at.to_owned()));
            }
        };
        if let Some(u) = &s.profile_url {
            add_url(&mut f, u, "sender.profile_url");
        }
        for (i, w) in s.websites.iter().enumerate() {
            add_url(&mut f, w, &format!("sender.websites[{i}]"));
        }
        let add_email = |f: &mut RequestFeatures, e: &str, at: &str| {
            let e = e.trim().to_lowercase();
            if let Some(d) = text::email_domain(&e) {
                f.domains.insert((d, at.to_owned()));
                f.emails.insert((e, at.to_owned()));
            }
        };
        for (i, e) in s.emails.iter().enumerate() {
            add_email(&mut f, e, &format!("sender.emails[{i}]"));
        }
        for (i, p) in s.phones.iter().enumerate() {
            if let Some(k) = text::phone_key(p) {
                f.phones.push((k, p.clone(), format!("sender.phones[{i}]")));
            }
        }
        let texts = r.sender_texts();
        for (at, t) in &texts {
            for u in text::extract_urls(t) {
                add_url(&mut f, &u, at);
            }
            for e in text::extract_emails(t) {
                add_email(&mut f, &e, at);
            }
            for p in text::extract_phones(t) {
                if let Some(k) = text::phone_key(&p) {
                    f.phones.push((k, p, at.clone()));
                }
            }
        }
        f.about_shingles = s.about.as_deref().map(text::shingles).unwrap_or_default();
        let written: Vec<&str> =
            texts.iter().filter(|(at, _)| at == "message" || at.starts_with("thread[")).map(|(_, t)| *t).collect();
        f.message_shingles = text::shingles(&written.join(" \n "));
        if f.about_shingles.len() >= MIN_SHINGLES {
            f.about_bands = text::lsh_bands(&f.about_shingles);
        }
        if f.message_shingles.len() >= MIN_SHINGLES {
            f.message_bands = text::lsh_bands(&f.message_shingles);
        }
        f
    }

    /// Domains that could be shared infrastructure: not mail providers or big platforms.
    pub fn distinctive_domains(&self) -> BTreeSet<&str> {
        self.domains.iter().map(|(d, _)| d.as_str()).filter(|d| !text::is_common_domain(d)).collect()
    }
}
