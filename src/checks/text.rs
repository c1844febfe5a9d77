//! Normalisation of attacker-controlled text for comparison: case and confusable folding, phrase
//! search on word boundaries, extraction of URLs, e-mail addresses and phone numbers, and the
//! visible rendering of hidden characters used in evidence lines.

use unicode_normalization::UnicodeNormalization;

/// Characters that render as nothing (or nearly nothing) but change what a string is.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}'..='\u{2064}' | '\u{180E}' | '\u{034F}')
}

/// Bidirectional formatting controls: they reorder what is displayed.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Anything an evidence line must not carry raw.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_invisible(c) || is_bidi_control(c)
}

/// Shows hidden and control characters as `⟨U+XXXX⟩` and cuts the text to `max` characters, so
/// a quoted piece of attacker text can neither reorder nor hide anything in an evidence line.
pub fn visible(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n >= max {
            out.push('…');
            break;
        }
        if is_hidden(c) {
            out.push_str(&format!("⟨U+{:04X}⟩", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Folding for identity comparison (names, organisations, watchlist text): NFKC, lower case,
/// hidden characters removed, then the UTS #39 confusable skeleton, so `Sаrah` (Cyrillic а)
/// and `Sarah` compare equal.
pub fn fold_identity(s: &str) -> String {
    let cleaned: String = s.nfkc().filter(|c| !is_hidden(*c)).flat_map(char::to_lowercase).collect();
    unicode_security::skeleton(&cleaned).flat_map(char::to_lowercase).collect()
}

/// Lower-case alphanumeric tokens of the identity-folded text.
pub fn identity_tokens(s: &str) -> Vec<String> {
    fold_identity(s).split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(str::to_owned).collect()
}

/// Latin letters with their accents removed (`Núñez` → `nunez`); other letters are kept as
/// they are. Used to compare a name with a URL slug.
pub fn ascii_fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c) && !is_hidden(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Text prepared for phrase search: lower case, typographic quotes and dashes made plain,
/// hidden characters dropped; `origin[i]` is the character index in the original text.
pub struct Folded {
    pub chars: Vec<char>,
    pub origin: Vec<usize>,
}

impl Folded {
    pub fn new(s: &str) -> Self {
        let mut chars = Vec::with_capacity(s.len());
        let mut origin = Vec::with_capacity(s.len());
        for (i, c) in s.chars().enumerate() {
            if is_invisible(c) || is_bidi_control(c) {
                continue;
            }
            let plain = match c {
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => '\'',
                '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => '"',
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                '\u{00A0}' | '\u{202F}' | '\u{2009}' => ' ',
                c => c,
            };
            for l in plain.to_lowercase() {
                chars.push(l);
                origin.push(i);
            }
        }
        Folded { chars, origin }
    }

    /// Start and end (exclusive) character positions of `phrase` where it stands on word
    /// boundaries (`paid` is not found in `unpaid`). `phrase` must already be lower case.
    pub fn find(&self, phrase: &str) -> Vec<(usize, usize)> {
        let p: Vec<char> = phrase.chars().collect();
        let mut hits = Vec::new();
        if p.is_empty() || p.len() > self.chars.len() {
            return hits;
        }
        let word = |c: char| c.is_alphanumeric();
        for start in 0..=self.chars.len() - p.len() {
            if self.chars[start..start + p.len()] != p[..] {
                continue;
            }
            let end = start + p.len();
            let left_ok = !word(p[0]) || start == 0 || !word(self.chars[start - 1]);
            let right_ok = !word(p[p.len() - 1]) || end == self.chars.len() || !word(self.chars[end]);
            if left_ok && right_ok {
                hits.push((start, end));
            }
        }
        hits
    }

    /// Whether one of the few words before `start` negates what follows ("not paid").
    pub fn negated_before(&self, start: usize) -> bool {
        let before: String = self.chars[start.saturating_sub(24)..start].iter().collect();
        let words: Vec<&str> = before.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        words.iter().rev().take(3).any(|w| matches!(*w, "not" | "no" | "never" | "without" | "non" | "nothing"))
    }

    /// The original text around a hit, with hidden characters made visible.
    pub fn snippet(&self, original: &str, start: usize, end: usize, radius: usize) -> String {
        let o_start = self.origin.get(start).copied().unwrap_or(0);
        let o_end = self.origin.get(end.saturating_sub(1)).copied().map_or(o_start, |e| e + 1);
        let all: Vec<char> = original.chars().collect();
        let from = o_start.saturating_sub(radius);
        let to = (o_end + radius).min(all.len());
        let mut piece: String = all[from..to].iter().collect();
        piece = piece.trim().to_owned();
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.push_str(&visible(&piece, 2 * radius + 60));
        if to < all.len() {
            out.push('…');
        }
        out
    }
}

/// `https://www.Example.com/a/` → `example.com/a`: scheme, `www.`, case of the host and
/// trailing slashes do not distinguish two profile or web addresses.
pub fn normalise_url(url: &str) -> String {
    let clean: String = url.trim().chars().filter(|c| !is_hidden(*c)).collect();
    let rest = match clean.find("://") {
        Some(i) => &clean[i + 3..],
        None => &clean[..],
    };
    let (host, path) = match rest.find(['/', '?', '#']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host).to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    let path = path.split('#').next().unwrap_or("").trim_end_matches('/');
    format!("{host}{}", path.to_lowercase())
}

/// The host of a URL without `www.`, lower case; `None` when there is no plausible host.
pub fn url_domain(url: &str) -> Option<String> {
    let n = normalise_url(url);
    let host = n.split(['/', '?']).next()?.to_owned();
    (host.contains('.') && !host.starts_with('.') && !host.ends_with('.')).then_some(host)
}

/// The domain of an e-mail address, lower case.
pub fn email_domain(email: &str) -> Option<String> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches(['.', ',', ';', ')', '>']).to_lowercase();
    (!local.is_empty() && domain.contains('.')).then_some(domain)
}

/// URLs (`http://`, `https://`, `www.`) found in free text.
pub fn extract_urls(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']'))
        .filter_map(|w| {
            let lower = w.to_lowercase();
            let start = ["https://", "http://", "www."].iter().filter_map(|p| lower.find(p)).min()?;
            let url = w[start..].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
            (url.len() > 6).then(|| url.to_owned())
        })
        .collect()
}

/// E-mail addresses found in free text (a `@handle` without a local part is not one).
pub fn extract_emails(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '(' | ')' | '[' | ']' | ',' | ';'))
        .filter_map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            let (local, domain) = w.split_once('@')?;
            let ok = !local.is_empty()
                && domain.contains('.')
                && local.chars().all(|c| c.is_alphanumeric() || "._%+-".contains(c))
                && domain.chars().all(|c| c.is_alphanumeric() || ".-".contains(c));
            ok.then(|| w.to_lowercase())
        })
        .collect()
}

/// The comparison key of a phone number: its last ten digits, so `+44 7700 900481`,
/// `0044 7700 900481` and `07700 900481` agree. `None` for fewer than 9 digits.
pub fn phone_key(s: &str) -> Option<String> {
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() < 9 || digits.len() > 15 {
        return None;
    }
    Some(digits[digits.len().saturating_sub(10)..].to_owned())
}

/// Phone numbers written in free text: runs of digits, spaces, dots, dashes and brackets,
/// optionally after `+`, holding 9–15 digits. Returns the text as written.
pub fn extract_phones(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts =
            chars[i].is_ascii_digit() || (chars[i] == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        let after_word = i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '£' | '$' | '€'));
        if !starts || after_word {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (chars[j].is_ascii_digit() || matches!(chars[j], ' ' | '-' | '.' | '(' | ')')) {
            j += 1;
        }
        let piece: String = chars[i..j].iter().collect();
        let piece = piece.trim_end_matches([' ', '-', '.', '(']).to_owned();
        let digits = piece.chars().filter(char::is_ascii_digit).count();
        if (9..=15).contains(&digits) {
            out.push(piece);
        }
        i = j.max(i + 1);
    }
    out
}

/// Personal (free) mail providers.
const FREE_MAIL: &[&str] = &[
    "gmail.com",
    "googlemail.com",
    "outlook.com",
    "hotmail.com",
    "hotmail.co.uk",
    "live.com",
    "msn.com",
    "yahoo.com",
    "yahoo.co.uk",
    "ymail.com",
    "aol.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "proton.me",
    "protonmail.com",
    "pm.me",
    "gmx.com",
    "gmx.de",
    "gmx.net",
    "web.de",
    "mail.com",
    "mail.ru",
    "yandex.ru",
    "yandex.com",
    "qq.com",
    "163.com",
    "126.com",
    "tutanota.com",
];

/// Platforms and link shorteners that appear in everyone's profile.
const PLATFORMS: &[&str] = &["zoho.com", "linkedin.com", "lnkd.in", "facebook.com", "fb.com", "x.com"];

/// Mail providers and platforms that thousands of unrelated people share: a shared domain of
/// this kind is no sign of shared infrastructure.
pub fn is_common_domain(domain: &str) -> bool {
    FREE_MAIL.iter().chain(PLATFORMS).any(|c| domain == *c || domain.ends_with(&format!(".{c}")))
}

/// Personal (free) mail providers, for "move to a personal address" lures.
pub fn is_free_mail_domain(domain: &str) -> bool {
    FREE_MAIL.contains(&domain)
}

/// Sorted, de-duplicated hashes of the word 3-grams of `s` (words: runs of letters and digits
/// after [`Folded`]), hashed without building strings, since this runs for every request.
pub fn shingles(s: &str) -> Vec<u64> {
    let f = Folded::new(s);
    let mut word_hashes = Vec::new();
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut in_word = false;
    for &c in f.chars.iter().chain(std::iter::once(&' ')) {
        if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
            in_word = true;
        } else if in_word {
            word_hashes.push(h);
            h = 0xcbf2_9ce4_8422_2325u64;
            in_word = false;
        }
    }
    let mut out: Vec<u64> =
        word_hashes.windows(3).map(|g| mix(g[0] ^ g[1].rotate_left(21) ^ g[2].rotate_left(42))).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Exact Jaccard similarity of two sorted, de-duplicated sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    both as f64 / (a.len() + b.len() - both) as f64
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// MinHash LSH: `BANDS` bands of `ROWS` rows. Two texts with Jaccard 0.6 share a band with
/// probability 1 − (1 − 0.6²)¹⁶ ≈ 0.999; at 0.2 about 0.48 (then the exact Jaccard decides).
pub const BANDS: usize = 16;
pub const ROWS: usize = 2;

/// One key per band for a set of shingles (the band number mixed in, so keys of different
/// bands never collide); empty when the set is empty.
pub fn lsh_bands(shingles: &[u64]) -> Vec<u64> {
    if shingles.is_empty() {
        return Vec::new();
    }
    let mut mins = [u64::MAX; BANDS * ROWS];
    for &s in shingles {
        for (k, m) in mins.iter_mut().enumerate() {
            let h = mix(s ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *m {
                *m = h;
            }
        }
    }
    mins.chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| rows.iter().fold(mix(band as u64 + 1), |acc, r| mix(acc ^ *r)))
        .collect()
}

/// A hasher for keys that are already well-mixed 64-bit hashes (LSH band keys): hashing them
/// again with SipHash would only cost time.
#[derive(Default, Clone, Copy)]
pub struct PremixedHasher(u64);

impl std::hash::Hasher for PremixedHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 ^= n;
    }
}

pub type PremixedMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<PremixedHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homoglyphs_and_hidden_characters_fold_away() {
        assert_eq!(fold_identity("S\u{0430}rah Mitchell"), fold_identity("sarah mitchell"));
        assert_eq!(fold_identity("James Harr\u{200B}ington"), fold_identity("James Harrington"));
        assert_ne!(fold_identity("Sarah Mitchell"), fold_identity("Sarah Mitchel"));
        assert_eq!(ascii_fold("José Núñez"), "jose nunez");
    }

    #[test]
    fn phrases_match_on_word_boundaries_only() {
        let f = Folded::new("Unpaid roundtable; we’d pay handsomely");
        assert!(f.find("paid").is_empty());
        assert_eq!(f.find("we'd pay").len(), 1);
        let g = Folded::new("Speakers are not paid");
        let (s, _) = g.find("paid")[0];
        assert!(g.negated_before(s));
    }

    #[test]
    fn contact_details_are_extracted_from_text() {
        let t = "Call +1 202 555 0147 or WhatsApp +447700900481, £400-£600 per hour, 8-10 December 2026. \
                 Mail o.hart@proton.me or see https://www.gtp-consult.example/jobs. Telegram @rk_adv";
        let phones: Vec<_> = extract_phones(t).iter().filter_map(|p| phone_key(p)).collect();
        assert_eq!(phones, ["2025550147", "7700900481"]);
        assert_eq!(extract_emails(t), ["o.hart@proton.me"]);
        assert_eq!(extract_urls(t), ["https://www.gtp-consult.example/jobs"]);
        assert_eq!(url_domain("https://www.gtp-consult.example/jobs").as_deref(), Some("gtp-consult.example"));
        assert_eq!(phone_key("07700 900481"), phone_key("0044 7700 900481"));
    }

    #[test]
    fn visible_shows_what_would_be_hidden() {
        assert_eq!(visible("a\u{202E}b\u{1b}", 10), "a⟨U+202E⟩b⟨U+001B⟩");
    }

    #[test]
    fn near_duplicate_texts_share_a_band() {
        let a = shingles("I am working with a confidential client who is looking for senior UK experts for paid work");
        let b =
            shingles("I am working with a confidential client who is looking for senior UK experts for paid projects");
        assert!(jaccard(&a, &b) > 0.6);
        let (ba, bb) = (lsh_bands(&a), lsh_bands(&b));
        assert!(ba.iter().zip(&bb).any(|(x, y)| x == y));
    }
}
