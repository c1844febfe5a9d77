//! Web addresses found in untrusted input, cleaned the way a person would copy them: tracking
//! parameters gone, LinkedIn profile addresses in their one canonical form.
//!
//! Notification e-mails wrap every link in tracking (`/comm/in/…?midToken=…&trk=…`); stored as
//! is, two reports of the same persona would carry different addresses and the profile, the
//! strongest identity key, would never match across reports.

/// Query parameters that only say who clicked from where; never part of what a link points at.
const TRACKING_PARAMS: &[&str] = &[
    "trk",
    "trkemail",
    "midtoken",
    "midsig",
    "lipi",
    "eid",
    "otptoken",
    "refid",
    "trackingid",
    "li_fat_id",
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "igshid",
    "ref_src",
    "ref_url",
];

fn is_tracking(param: &str) -> bool {
    let name = param.split('=').next().unwrap_or("").to_ascii_lowercase();
    name.starts_with("utm_") || TRACKING_PARAMS.contains(&name.as_str())
}

/// `url` without tracking parameters or fragment; a LinkedIn member profile becomes
/// `https://www.linkedin.com/in/<slug>` whatever host, prefix or suffix it came with.
pub fn clean_url(url: &str) -> String {
    let url = url.trim().trim_end_matches(['.', ',', ';', ')', '>', '"', '\'']);
    if let Some(profile) = linkedin_profile(url) {
        return profile;
    }
    let without_fragment = url.split('#').next().unwrap_or(url);
    match without_fragment.split_once('?') {
        Some((base, query)) => {
            let kept: Vec<&str> = query.split('&').filter(|p| !p.is_empty() && !is_tracking(p)).collect();
            if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) }
        }
        None => without_fragment.to_owned(),
    }
}

/// The canonical address of a LinkedIn member profile (`/in/<slug>`, also behind the `/comm/`
/// e-mail prefix or a country host such as `uk.linkedin.com`), or `None` for any other link.
pub fn linkedin_profile(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://").map(|(_, r)| r)?;
    let (host, path) = rest.split_once('/')?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    if host != "linkedin.com" && !host.ends_with(".linkedin.com") {
        return None;
    }
    let path = path.split(['?', '#']).next()?;
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    let mut first = segments.next()?;
    if first.eq_ignore_ascii_case("comm") {
        first = segments.next()?;
    }
    if !first.eq_ignore_ascii_case("in") {
        return None;
    }
    let slug = segments.next()?;
    let plausible = !slug.is_empty()
        && slug.len() <= 100
        && slug.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '%' | '.'));
    plausible.then(|| format!("https://www.linkedin.com/in/{slug}"))
}

/// Every `http(s)://` address in plain text, in order of first appearance, without duplicates.
pub fn urls_in_text(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(i) = find_scheme(rest) {
        let tail = &rest[i..];
        let end = tail.find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'')).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', ']', '!', '?']);
        if url.len() > "https://".len() && !out.iter().any(|u| u == url) {
            out.push(url.to_owned());
        }
        rest = &tail[end.max(1)..];
    }
    out
}

fn find_scheme(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    match (lower.find("https://"), lower.find("http://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `href` values of the anchors in an HTML text, entity-decoded, in document order.
pub fn hrefs_in_html(html: &str) -> Vec<String> {
    attribute_values(html, "href")
}

/// `(src, alt)` of each `<img>` in an HTML text.
pub fn images_in_html(html: &str) -> Vec<(String, String)> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<img") {
        let start = from + i;
        let end = lower[start..].find('>').map(|e| start + e).unwrap_or(lower.len());
        let tag = &html[start..end];
        let src = attribute_values(tag, "src").into_iter().next().unwrap_or_default();
        let alt = attribute_values(tag, "alt").into_iter().next().unwrap_or_default();
        out.push((src, alt));
        from = end;
    }
    out
}

/// Values of `name="…"` / `name='…'` attributes anywhere in `html`, entity-decoded.
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let needle = format!("{name}=");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find(&needle) {
        let at = from + i;
        let before = lower[..at].chars().next_back();
        from = at + needle.len();
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let value_start = from;
        let Some(quote) = html[value_start..].chars().next().filter(|c| matches!(c, '"' | '\'')) else { continue };
        let Some(len) = html[value_start + 1..].find(quote) else { break };
        out.push(decode_entities(&html[value_start + 1..value_start + 1 + len]));
        from = value_start + 1 + len;
    }
    out
}

/// The character references HTML e-mail uses in attributes.
fn decode_entities(text: &str) -> String {
    text.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tracking_is_removed_and_real_parameters_kept() {
        assert_eq!(
            clean_url("https://gtp-consult.example/jobs?id=7&utm_source=li&utm_medium=email#top"),
            "https://gtp-consult.example/jobs?id=7"
        );
        assert_eq!(clean_url("https://gtp-consult.example/?fbclid=abc"), "https://gtp-consult.example/");
        // A parameter that merely starts like a tracking one is kept.
        assert_eq!(clean_url("https://x.example/p?trkfoo=1"), "https://x.example/p?trkfoo=1");
    }

    #[test]
    fn linkedin_profiles_have_one_form() {
        for url in [
            "https://www.linkedin.com/comm/in/sarah-chen-4b1a2c?midToken=AQH&trk=eml-email_invite",
            "https://uk.linkedin.com/in/sarah-chen-4b1a2c/",
            "http://linkedin.com/in/sarah-chen-4b1a2c#experience",
        ] {
            assert_eq!(clean_url(url), "https://www.linkedin.com/in/sarah-chen-4b1a2c", "{url}");
        }
        // Company pages, settings links and look-alike hosts are not member profiles.
        assert_eq!(linkedin_profile("https://www.linkedin.com/company/gtp"), None);
        assert_eq!(linkedin_profile("https://www.linkedin.com/comm/psettings/email"), None);
        assert_eq!(linkedin_profile("https://linkedin.com.evil.example/in/sarah"), None);
        assert_eq!(linkedin_profile("https://notlinkedin.com/in/sarah"), None);
    }

    #[test]
    fn urls_and_html_attributes_are_found() {
        assert_eq!(
            urls_in_text("see https://a.example/x, and (http://b.example). https://a.example/x"),
            vec!["https://a.example/x", "http://b.example"]
        );
        let html = r#"<a class="x" HREF="https://a.example/?a=1&amp;b=2">A</a><img src="cid:p1" alt="Sarah Chen"><img alt='logo' src='cid:l'>"#;
        assert_eq!(hrefs_in_html(html), vec!["https://a.example/?a=1&b=2"]);
        assert_eq!(
            images_in_html(html),
            vec![("cid:p1".to_owned(), "Sarah Chen".to_owned()), ("cid:l".to_owned(), "logo".to_owned())]
        );
        // `data-href=` is another attribute, not an anchor's target.
        assert!(hrefs_in_html(r#"<a data-href="https://no.example">"#).is_empty());
    }
}
