//! The profile photo: a match with a reference (stock or known hostile) photo, the same photo
//! behind other requests, no photo at all, and a photo set the month the account was made.

use super::text::visible;
use super::{Check, Context, request_label};
use crate::domain::{Evidence, Platform, RequestSnapshot, Verdict};
use crate::imaging::MATCH_THRESHOLD;

pub struct PhotoCheck;

const ID: &str = "photo";
const VERSION: u32 = 1;

impl Check for PhotoCheck {
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

/// The reference photo a line says the request's photo matches, read back from the line as
/// stored (`matches reference 'stock-041.jpg' (label stock, source "…") at distance 4 …`): its
/// file name and label as shown. Lines about the nearest reference that did not match, or about
/// other requests, name none.
pub fn reference_in_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("matches reference '")?;
    let (name, rest) = rest.split_once("' (label ")?;
    let end = [rest.find(", source \""), rest.find(") at distance ")].into_iter().flatten().min()?;
    Some((name, &rest[..end]))
}

fn assess(req: &RequestSnapshot, ctx: &Context) -> Evidence {
    let s = &req.report.sender;
    let mut lines = Vec::new();
    let fresh_photo = match (s.joined, s.photo_updated) {
        (Some(j), Some(p)) if j.year == p.year && j.month.is_some() && j.month == p.month => {
            lines.push(format!("photo_updated {p} is the month the account joined ({j})"));
            true
        }
        _ => false,
    };

    let Some(sha) = req.photo_sha256.as_deref() else {
        if s.photo.is_some() {
            return Evidence::not_applicable(ID, VERSION, "photo named in the report but not stored");
        }
        if req.report.platform == Platform::Email {
            return Evidence::not_applicable(ID, VERSION, "e-mail approach: no profile photo");
        }
        // Fake profiles often have no photo, but so do many real people: a modest caution.
        let mut e = Evidence::new(ID, VERSION, Verdict::Caution, 20, "no profile photo");
        e.lines.push("no photo on the profile — common for fakes, and for cautious real people".to_owned());
        return e;
    };
    let Some(hashes) = ctx.photo_hashes(sha) else {
        return Evidence::not_applicable(ID, VERSION, "photo not hashed (could not be decoded)")
            .line(format!("photo sha256 {}… has no perceptual hashes", &sha[..sha.len().min(12)]));
    };

    let mut score = 0u8;
    let mut verdict = Verdict::Clear;
    let mut summary = String::new();
    let mut raise = |v: Verdict, sc: u8, text: String, summary: &mut String| {
        if sc > score {
            score = sc;
            verdict = v;
            *summary = text;
        }
    };

    // References: byte-identical copies first, then perceptual matches.
    let refs = ctx.references();
    let mut ref_hits: Vec<(usize, u32)> = ctx.references_with_sha(sha).iter().map(|&i| (i, 0)).collect();
    let found = ctx.search_references(&hashes.probe);
    for &(i, d) in &found {
        if d <= MATCH_THRESHOLD && !ref_hits.iter().any(|(j, _)| *j == i) {
            ref_hits.push((i, d));
        }
    }
    ref_hits.sort_by_key(|&(i, d)| (d, i));
    for &(i, d) in ref_hits.iter().take(5) {
        let r = &refs[i];
        let label = visible(&r.label, 20);
        lines.push(format!(
            "matches reference '{}' (label {label}{}) at distance {d} (threshold {MATCH_THRESHOLD}){}",
            visible(&r.name, 50),
            r.source.as_deref().map_or(String::new(), |s| format!(", source \"{}\"", visible(s, 50))),
            if d == 0 && ctx.references_with_sha(sha).contains(&i) { " — exact copy" } else { "" }
        ));
    }
    if let Some(&(i, d)) = ref_hits.first() {
        let r = &refs[i];
        let sc = if r.label.eq_ignore_ascii_case("hostile") { 95 } else { 90 };
        raise(
            Verdict::Suspicious,
            sc,
            format!("matches {} photo '{}' (distance {d})", visible(&r.label, 12), visible(&r.name, 30)),
            &mut summary,
        );
    } else if let Some(&(i, d)) = found.first() {
        lines.push(format!(
            "nearest reference: '{}' at distance {d} (threshold {MATCH_THRESHOLD})",
            visible(&refs[i].name, 50)
        ));
    } else if !refs.is_empty() {
        lines.push(format!("no reference within distance 16 of {} references", refs.len()));
    } else {
        lines.push("no reference photos loaded".to_owned());
    }

    // Other requests with the same or a near photo.
    let me = ctx.features(req);
    let near = ctx.near_request_photos(req);
    let mut personas = 0;
    let mut same = 0;
    for &(o, d) in near.iter().filter(|(_, d)| *d <= MATCH_THRESHOLD) {
        let other = &ctx.requests()[o];
        let of = ctx.features_at(o);
        let same_persona =
            of.sender_name == me.sender_name || (me.profile_url.is_some() && of.profile_url == me.profile_url);
        if same_persona {
            same += 1;
        } else {
            personas += 1;
        }
        if personas + same <= 8 {
            lines.push(format!(
                "same photo as {} \"{}\" at distance {d}{}",
                request_label(other),
                visible(&other.report.sender.name, 40),
                if same_persona { " — same persona" } else { " — a different persona" }
            ));
        }
    }
    if personas > 0 {
        raise(
            Verdict::Suspicious,
            85,
            format!("photo shared with {personas} other persona{}", if personas == 1 { "" } else { "s" }),
            &mut summary,
        );
    } else if same > 0 {
        raise(Verdict::Caution, 30, format!("same persona's photo on {same} other request(s)"), &mut summary);
    }
    if fresh_photo {
        raise(Verdict::Caution, 20, "photo set the month the account was made".to_owned(), &mut summary);
    }
    if summary.is_empty() {
        summary = "photo matches no reference and no other request".to_owned();
    }
    let mut e = Evidence::new(ID, VERSION, verdict, score, summary);
    e.lines = lines;
    e
}

#[cfg(test)]
mod tests {
    use super::super::{PhotoHashes, ReferencePhoto};
    use super::*;
    use crate::domain::{PartialDate, Report};
    use crate::imaging;
    use image::{DynamicImage, GrayImage, Luma};
    use std::collections::HashMap;

    /// A synthetic picture with structure at several scales; `seed` changes it completely.
    fn picture(seed: u32, mirror: bool) -> DynamicImage {
        let g = GrayImage::from_fn(160, 160, |x, y| {
            let x = if mirror { 159 - x } else { x };
            let v = ((x * (3 + seed)) ^ (y * (5 + 2 * seed))).wrapping_add((x / 20 + y / 30) * 40 * (seed + 1));
            Luma([(v % 256) as u8])
        });
        DynamicImage::ImageLuma8(g)
    }

    fn hashes(img: &DynamicImage) -> PhotoHashes {
        let (fingerprint, probe) = imaging::fingerprint_and_probe(img);
        PhotoHashes { fingerprint, probe }
    }

    fn req(id: i64, name: &str, sha: Option<&str>) -> RequestSnapshot {
        let mut r = Report::minimal("2026-10-01T09:00:00Z", name, "Jane");
        r.sender.photo = sha.map(|_| "photo.jpg".into());
        RequestSnapshot { id, report: r, photo_sha256: sha.map(str::to_owned) }
    }

    fn setup() -> (Context, Vec<RequestSnapshot>) {
        let mut photos = HashMap::new();
        photos.insert("aa".repeat(32), hashes(&picture(1, false)));
        photos.insert("bb".repeat(32), hashes(&picture(1, true)));
        photos.insert("cc".repeat(32), hashes(&picture(7, false)));
        photos.insert("dd".repeat(32), hashes(&picture(1, true)));
        let refs = vec![ReferencePhoto {
            id: 1,
            name: "stock-041.jpg".into(),
            label: "stock".into(),
            source: Some("stock library".into()),
            photo_sha256: "aa".repeat(32),
        }];
        let reqs = vec![
            req(1, "Emily Carter", Some(&"bb".repeat(32))),
            req(2, "Ann Genuine", Some(&"cc".repeat(32))),
            req(3, "Sophie Lambert", Some(&"dd".repeat(32))),
            req(4, "Gareth Pritchard", None),
        ];
        (Context::new(reqs.clone(), refs, vec![], photos), reqs)
    }

    #[test]
    fn a_mirrored_stock_photo_matches_its_reference() {
        let (ctx, reqs) = setup();
        let e = assess(&reqs[0], &ctx);
        assert_eq!(e.verdict, Verdict::Suspicious, "{e:?}");
        assert!(e.score >= 85);
        assert!(e.lines[0].contains("stock-041.jpg") && e.lines[0].contains("label stock"), "{:?}", e.lines);
        assert!(e.lines.iter().any(|l| l.contains("#3") && l.contains("different persona")), "{:?}", e.lines);
    }

    #[test]
    fn an_unrelated_photo_is_clear_and_says_how_near_it_came() {
        let (ctx, reqs) = setup();
        let e = assess(&reqs[1], &ctx);
        assert_eq!(e.verdict, Verdict::Clear, "{e:?}");
        assert!(e.lines.iter().any(|l| l.contains("reference")), "{:?}", e.lines);
        // The nearest reference it did not match is no match when the lines are read back.
        assert_eq!(e.lines.iter().filter_map(|l| reference_in_line(l)).count(), 0, "{:?}", e.lines);
    }

    #[test]
    fn the_matched_reference_is_read_back_from_the_lines() {
        let (ctx, reqs) = setup();
        let e = assess(&reqs[0], &ctx);
        let matched: Vec<(&str, &str)> = e.lines.iter().filter_map(|l| reference_in_line(l)).collect();
        assert_eq!(matched, vec![("stock-041.jpg", "stock")], "{:?}", e.lines);
        // Without a source the label ends at the distance.
        let line = "matches reference 'a b.jpg' (label hostile) at distance 0 (threshold 10) — exact copy";
        assert_eq!(reference_in_line(line), Some(("a b.jpg", "hostile")));
    }

    #[test]
    fn no_photo_is_a_modest_caution_and_a_fresh_photo_is_noted() {
        let (ctx, mut reqs) = setup();
        let e = assess(&reqs[3], &ctx);
        assert_eq!((e.verdict, e.score), (Verdict::Caution, 20));
        reqs[1].report.sender.joined = PartialDate::parse("2026-09");
        reqs[1].report.sender.photo_updated = PartialDate::parse("2026-09");
        let f = assess(&reqs[1], &ctx);
        assert_eq!(f.verdict, Verdict::Caution, "{f:?}");
        assert!(f.lines[0].contains("photo_updated 2026-09"));
    }
}
