//! Deceptive Unicode in the sender's name and headline — mixed scripts within a word,
//! invisible, bidi and control characters, stacked combining marks — and a name that does not
//! fit the profile address.

use super::text::{self, visible};
use super::{Check, Context};
use crate::domain::{Evidence, RequestSnapshot, Verdict};
use unicode_security::MixedScript;

pub struct IdentityCheck;

const ID: &str = "identity";
const VERSION: u32 = 1;

impl Check for IdentityCheck {
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

fn codepoints(cs: &[char]) -> String {
    let mut v: Vec<String> = cs.iter().map(|c| format!("⟨U+{:04X}⟩", *c as u32)).collect();
    v.dedup();
    v.join("")
}

/// Findings in one field: (points, summary phrase, evidence line).
fn scan(field: &str, value: &str, weight_name: bool) -> Vec<(u32, &'static str, String)> {
    let mut out = Vec::new();
    let shown = visible(value, 80);
    let bidi: Vec<char> = value.chars().filter(|c| text::is_bidi_control(*c)).collect();
    if !bidi.is_empty() {
        out.push((
            if weight_name { 85 } else { 50 },
            "bidi control characters",
            format!("{field}: \"{shown}\" — bidi control {} reorders what is shown", codepoints(&bidi)),
        ));
    }
    let invisible: Vec<char> = value.chars().filter(|c| text::is_invisible(*c)).collect();
    if !invisible.is_empty() {
        out.push((
            if weight_name { 75 } else { 40 },
            "invisible characters",
            format!("{field}: \"{shown}\" — invisible {} inside the text", codepoints(&invisible)),
        ));
    }
    let control: Vec<char> = value.chars().filter(|c| c.is_control()).collect();
    if !control.is_empty() {
        out.push((
            if weight_name { 70 } else { 40 },
            "control characters",
            format!("{field}: \"{shown}\" — control characters {}", codepoints(&control[..control.len().min(6)])),
        ));
    }
    let mut run = 0;
    let mut longest = 0;
    for c in value.chars() {
        if unicode_normalization::char::is_combining_mark(c) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    if longest > 3 {
        out.push((
            if weight_name { 60 } else { 30 },
            "stacked combining marks",
            format!("{field}: {longest} combining marks on one letter — text that overflows its line"),
        ));
    }
    let clean: String = value.chars().filter(|c| !text::is_hidden(*c)).collect();
    for word in clean.split(|c: char| !c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c)) {
        if word.is_empty() || word.is_single_script() {
            continue;
        }
        let foreign: Vec<String> =
            word.chars().filter(|c| !c.is_ascii()).map(|c| format!("'{c}' U+{:04X}", c as u32)).collect();
        out.push((
            if weight_name { 85 } else { 45 },
            "mixed scripts in a word",
            format!(
                "{field}: \"{}\" mixes scripts ({}); reads as \"{}\"",
                visible(word, 40),
                foreign.join(", "),
                visible(&text::fold_identity(word), 40)
            ),
        ));
        break;
    }
    out
}

/// Tokens of a profile address's last path part: `/in/emily-carter-gtp-7f3a91` → `emilycartergtp7f3a91`.
fn slug(url: &str) -> Option<String> {
    let n = text::normalise_url(url);
    let path = n.split_once('/')?.1;
    if path.contains("profile.php") || path.contains('?') {
        return None;
    }
    let last = path.rsplit('/').find(|p| !p.is_empty())?;
    let s: String = text::ascii_fold(last).chars().filter(char::is_ascii_alphanumeric).collect();
    (s.len() >= 3).then_some(s)
}

fn assess(req: &RequestSnapshot) -> Evidence {
    let s = &req.report.sender;
    let mut found = scan("sender.name", &s.name, true);
    if let Some(h) = &s.headline {
        found.extend(scan("sender.headline", h, false));
    }
    let mut lines: Vec<String> = found.iter().map(|(_, _, l)| l.clone()).collect();
    let mut score = found.iter().map(|(p, _, _)| *p).max().unwrap_or(0);
    let mut summary: Vec<&str> = found.iter().map(|(_, w, _)| *w).collect();
    summary.dedup();

    // Does the name fit the profile address? Only for Latin-script names: without
    // transliteration a Greek or Han name cannot be compared with an ASCII slug.
    if let Some(url) = &s.profile_url
        && let Some(slug) = slug(url)
    {
        let folded = text::ascii_fold(&text::fold_identity(&s.name));
        let tokens: Vec<String> = folded
            .split(|c: char| !c.is_alphanumeric())
            .filter(|t| t.len() >= 2 && !matches!(*t, "dr" | "sir" | "mr" | "mrs" | "ms" | "prof" | "phd"))
            .map(str::to_owned)
            .collect();
        if !tokens.is_empty() && tokens.iter().all(|t| t.is_ascii()) {
            let fits = tokens.iter().any(|t| t.len() >= 3 && slug.contains(t.as_str()))
                || (tokens.len() >= 2 && {
                    let initials: String = tokens.iter().filter_map(|t| t.chars().next()).collect();
                    slug.starts_with(&initials)
                });
            if fits {
                lines.push(format!("profile address \"{}\" fits the name", visible(url, 80)));
            } else {
                score = score.max(30);
                summary.push("name differs from profile address");
                lines.push(format!(
                    "profile address \"{}\" shares nothing with the name \"{}\"",
                    visible(url, 80),
                    visible(&s.name, 60)
                ));
            }
        } else if !tokens.is_empty() {
            lines.push("name not in Latin script: profile address not compared".to_owned());
        }
    }

    let score = score.min(100) as u8;
    let verdict = if score >= 60 {
        Verdict::Suspicious
    } else if score > 0 {
        Verdict::Caution
    } else {
        Verdict::Clear
    };
    let summary = if summary.is_empty() {
        lines.insert(0, format!("sender.name: \"{}\" — single script, no hidden characters", visible(&s.name, 60)));
        "name is plain: one script, no hidden characters".to_owned()
    } else {
        let t = summary.join("; ");
        if t.chars().count() > 70 { format!("{}…", t.chars().take(69).collect::<String>()) } else { t }
    };
    let mut e = Evidence::new(ID, VERSION, verdict, score, summary);
    e.lines = lines;
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Report;

    fn req(name: &str, url: Option<&str>) -> RequestSnapshot {
        let mut r = Report::minimal("2026-10-01T09:00:00Z", name, "Jane Smith");
        r.sender.profile_url = url.map(str::to_owned);
        RequestSnapshot { id: 1, report: r, photo_sha256: None }
    }

    #[test]
    fn genuine_names_in_any_single_script_are_clear() {
        for (name, url) in [
            ("José Núñez", Some("https://www.linkedin.com/in/jose-nunez-quantum")),
            ("Zoë Brontë-Ó Súilleabháin", Some("https://www.linkedin.com/in/zoe-bronte-osuilleabhain")),
            ("Γιώργος Παπαδόπουλος", Some("https://www.linkedin.com/in/giorgos-papadopoulos-econ")),
            ("Олена Коваленко", Some("https://www.linkedin.com/in/olena-kovalenko-grid")),
            ("王晓明", Some("https://github.com/wxm-dev")),
            ("Kieran O'Neill", Some("https://www.instagram.com/kieran.rides")),
            ("Dr. Michael Brandt", Some("https://x.com/mbrandt_geo")),
        ] {
            let e = assess(&req(name, url));
            assert_eq!((e.verdict, e.score), (Verdict::Clear, 0), "{name}: {e:?}");
        }
    }

    #[test]
    fn a_cyrillic_letter_in_a_latin_name_is_suspicious() {
        let e = assess(&req("S\u{0430}rah Mitchell", Some("https://www.linkedin.com/in/sarah-mitchell-cyber")));
        assert_eq!(e.verdict, Verdict::Suspicious, "{e:?}");
        assert!(e.lines[0].contains("U+0430") && e.lines[0].contains("reads as \"sarah\""), "{:?}", e.lines);
    }

    #[test]
    fn hidden_characters_are_shown_visibly() {
        let e = assess(&req("Robert Kingsley \u{202E}rosivda\u{202C}", None));
        assert_eq!(e.verdict, Verdict::Suspicious);
        assert!(e.lines[0].contains("⟨U+202E⟩") && !e.lines[0].contains('\u{202E}'), "{:?}", e.lines);
        let z = assess(&req("James Harr\u{200B}ington", Some("https://www.linkedin.com/in/james-harrington-exec-19")));
        assert_eq!(z.verdict, Verdict::Suspicious);
        assert!(z.lines.iter().all(|l| !l.contains('\u{200B}')));
    }

    #[test]
    fn a_name_unlike_its_profile_address_is_caution() {
        let e = assess(&req("Emily Carter", Some("https://www.linkedin.com/in/john-doe-123")));
        assert_eq!(e.verdict, Verdict::Caution, "{e:?}");
        let ok = assess(&req("Emily Carter", Some("https://www.linkedin.com/in/emily-carter-gtp-7f3a91")));
        assert_eq!(ok.verdict, Verdict::Clear);
    }
}
