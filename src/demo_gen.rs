//! Synthetic approach reports at any scale, for benchmarks and demonstrations that anyone can
//! reproduce from a seed.
//!
//! Each report starts from one of the demo fixtures (so the hostile/genuine mix, the account
//! shapes and the career anomalies of the fixtures carry over), is moved in time, and gets new
//! names, employers, careers, messages and contact details from the pools below. Hostile reports
//! mostly belong to a small number of campaigns that share a front organisation, a website, a
//! phone number and a message, as real campaigns do; genuine reports share nothing.

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same reports on
/// every machine, which a crate's PRNG does not promise across versions.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed ^ 0x6c69_6e6b_7665_7421)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The demo data a generator starts from.
pub struct GeneratorSources<'a> {
    /// `reports/demo.jsonl`.
    pub reports_jsonl: &'a str,
    /// `labels.csv`: `id,truth,...`.
    pub labels_csv: &'a str,
    /// Photo file name (`R-2026-000101.jpg`) → bytes.
    pub photos: HashMap<String, &'a [u8]>,
}

/// What a generation wrote.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Generated {
    pub reports: usize,
    pub hostile: usize,
    pub photos: usize,
}

struct Skeleton {
    report: Value,
    hostile: bool,
    received: DateTime<Utc>,
    photo: Option<String>,
}

/// Shared infrastructure of one hostile campaign.
struct Campaign {
    org: String,
    domain: String,
    phone: String,
    channel: &'static str,
    lure: usize,
    /// A persona reused across the campaign: shown name, Latin name, profile handle.
    persona: Option<(String, String, String)>,
}

/// How a request's photo is derived from its fixture photo.
struct PhotoJob {
    file: String,
    source: String,
    /// Genuine photos: a 2×2 mosaic of (source, orientation) tiles, so that unrelated people
    /// do not share a photo even though the fixtures hold only a few originals.
    tiles: Vec<(String, u8)>,
    crop: [f32; 4],
    brighten: i32,
    mirror: bool,
    quality: u8,
}

/// Writes `count` reports to `dir/reports.jsonl`, their truth to `dir/labels.csv`, and
/// `dir/photos/*.jpg` when `photos`.
pub fn generate(
    sources: &GeneratorSources,
    dir: &Path,
    count: usize,
    photos: bool,
    seed: u64,
) -> Result<Generated, String> {
    let skeletons = load_skeletons(sources)?;
    if skeletons.is_empty() {
        return Err("no demo reports to start from".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut rng = SplitMix::new(seed);
    let campaigns: Vec<Campaign> = (0..(count / 40).max(3)).map(|_| new_campaign(&mut rng)).collect();
    let start = Utc.with_ymd_and_hms(2025, 11, 1, 0, 0, 0).single().expect("valid date");
    let file = std::fs::File::create(dir.join("reports.jsonl"))
        .map_err(|e| format!("cannot write {}: {e}", dir.join("reports.jsonl").display()))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut done = Generated::default();
    let mut jobs = Vec::new();
    let genuine_photos: Vec<String> = skeletons
        .iter()
        .filter(|k| !k.hostile)
        .filter_map(|k| k.photo.clone())
        .filter(|p| sources.photos.contains_key(p))
        .collect();
    let mut labels = String::from("id,truth\n");
    for i in 0..count {
        let sk = rng.pick(&skeletons);
        let id = format!("SYN-{seed}-{i:07}");
        let received = start + Duration::minutes(rng.range(0, 365 * 24 * 60 - 1));
        let mut r = sk.report.clone();
        let campaign = (sk.hostile && rng.chance(0.7)).then(|| &campaigns[rng.below(campaigns.len())]);
        fill(&mut r, sk, &id, received, campaign, &mut rng);
        let photo = match (&sk.photo, photos) {
            (Some(src), true) if sources.photos.contains_key(src) => {
                let file = format!("photos/{id}.jpg");
                jobs.push(photo_job(&mut rng, &file, src, sk.hostile, &genuine_photos));
                Value::String(file)
            }
            _ => Value::Null,
        };
        r["sender"]["photo"] = photo;
        serde_json::to_writer(&mut out, &r).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
        done.reports += 1;
        done.hostile += usize::from(sk.hostile);
        labels.push_str(&format!("{id},{}\n", if sk.hostile { "hostile" } else { "genuine" }));
    }
    // The truth is kept beside the reports, never in them, so rankings can be evaluated.
    std::fs::write(dir.join("labels.csv"), labels).map_err(|e| format!("cannot write labels.csv: {e}"))?;
    out.flush().map_err(|e| format!("cannot write reports.jsonl: {e}"))?;
    if !jobs.is_empty() {
        std::fs::create_dir_all(dir.join("photos")).map_err(|e| format!("cannot create photos/: {e}"))?;
        done.photos = write_photos(sources, dir, &jobs)?;
    }
    Ok(done)
}

fn load_skeletons(sources: &GeneratorSources) -> Result<Vec<Skeleton>, String> {
    let hostile: HashMap<&str, bool> = sources
        .labels_csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut p = l.split(',');
            Some((p.next()?, p.next()? == "hostile"))
        })
        .collect();
    let mut out = Vec::new();
    for line in sources.reports_jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let report: Value = serde_json::from_str(line).map_err(|e| format!("demo report unreadable: {e}"))?;
        let id = report["id"].as_str().unwrap_or_default().to_owned();
        let received = report["received_at"]
            .as_str()
            .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
            .ok_or_else(|| format!("demo report {id}: no received_at"))?;
        let photo = report["sender"]["photo"].as_str().and_then(|p| p.rsplit('/').next()).map(str::to_owned);
        out.push(Skeleton { hostile: hostile.get(id.as_str()).copied().unwrap_or(false), report, received, photo });
    }
    Ok(out)
}

fn new_campaign(rng: &mut SplitMix) -> Campaign {
    let a = *rng.pick(FRONT_ADJ);
    let n = *rng.pick(FRONT_NOUN);
    let s = *rng.pick(FRONT_SUFFIX);
    let tag = rng.next_u64() % 1000;
    let domain = format!("{}-{}{tag}.example", a.to_lowercase(), n.to_lowercase());
    let persona = rng.chance(0.3).then(|| {
        let (name, latin) = person(rng);
        let handle = format!("{}-{:06x}", slug(&latin), rng.next_u64() & 0xff_ffff);
        (name, latin, handle)
    });
    Campaign {
        org: format!("{a} {n} {s}"),
        domain,
        phone: phone(rng),
        channel: CHANNELS[rng.below(CHANNELS.len())],
        lure: rng.below(LURES.len()),
        persona,
    }
}

/// Rewrites one skeleton into a new report.
fn fill(
    r: &mut Value,
    sk: &Skeleton,
    id: &str,
    received: DateTime<Utc>,
    campaign: Option<&Campaign>,
    rng: &mut SplitMix,
) {
    let months = (received.year() - sk.received.year()) * 12 + received.month() as i32 - sk.received.month() as i32;
    let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    r["id"] = json!(id);
    r["received_at"] = json!(stamp(received));
    if r.get("reported_at").is_some() {
        r["reported_at"] = json!(stamp(received + Duration::minutes(rng.range(10, 48 * 60))));
    }
    let (rfirst, rlast) = (*rng.pick(RECIPIENT_FIRST), *rng.pick(RECIPIENT_LAST));
    let recipient_name = format!("{rfirst} {rlast}");
    r["reporter"] = json!(format!("{}.{}", rfirst[..1].to_lowercase(), rlast.to_lowercase()));
    r["recipient"] = json!({"name": recipient_name, "org": rng.pick(DEPARTMENTS), "role": rng.pick(ROLES)});

    let (mut name, latin) = match campaign.and_then(|c| c.persona.as_ref()) {
        Some((n, l, _)) => (n.clone(), l.clone()),
        None => person(rng),
    };
    if sk.hostile && rng.chance(0.06) {
        name = disguise(&name, rng);
    }
    let platform = r["platform"].as_str().unwrap_or("other").to_owned();
    let s = &mut r["sender"];
    s["name"] = json!(name);
    if s.get("profile_url").is_some() {
        let handle = match campaign.and_then(|c| c.persona.as_ref()) {
            Some((_, _, h)) => h.clone(),
            None => format!("{}-{:06x}", slug(&latin), rng.next_u64() & 0xff_ffff),
        };
        s["profile_url"] = json!(profile_url(&platform, &handle));
    }
    let senior = rng.chance(0.3);
    let employer = match campaign {
        Some(c) => c.org.clone(),
        None if sk.hostile => format!("{} {} {}", rng.pick(FRONT_ADJ), rng.pick(FRONT_NOUN), rng.pick(FRONT_SUFFIX)),
        None => (*rng.pick(EMPLOYERS)).to_owned(),
    };
    if let Some(exp) = s.get_mut("experience").and_then(Value::as_array_mut) {
        for (k, job) in exp.iter_mut().enumerate() {
            let was_senior = job["title"].as_str().is_some_and(is_senior);
            job["org"] = json!(if k == 0 { employer.clone() } else { (*rng.pick(EMPLOYERS)).to_owned() });
            job["title"] = json!(if was_senior || (k == 0 && senior && !sk.hostile) {
                *rng.pick(SENIOR_TITLES)
            } else {
                *rng.pick(TITLES)
            });
            for key in ["start", "end"] {
                shift_field(job, key, months);
            }
            if job.get("location").is_some() {
                job["location"] = json!(rng.pick(CITIES).0);
            }
        }
    }
    if let Some(edu) = s.get_mut("education").and_then(Value::as_array_mut) {
        for e in edu.iter_mut() {
            e["school"] = json!(rng.pick(SCHOOLS));
            if e.get("degree").is_some() {
                e["degree"] = json!(rng.pick(DEGREES));
            }
            for key in ["start", "end"] {
                shift_field(e, key, months);
            }
        }
    }
    for key in ["joined", "photo_updated"] {
        shift_field(s, key, months);
    }
    if s.get("headline").is_some() {
        let title = s["experience"][0]["title"].as_str().unwrap_or("Consultant").to_owned();
        s["headline"] = json!(format!("{title} | {employer}"));
    }
    if s.get("location").is_some() {
        let (city, country) = *rng.pick(CITIES);
        s["location"] = json!(format!("{city}, {country}"));
    }
    if s.get("about").is_some_and(|a| a.as_str().is_some_and(|a| !a.is_empty())) {
        s["about"] = json!(if sk.hostile { hostile_about(rng, campaign) } else { genuine_about(rng, &employer) });
    }
    if let Some(v) = s.get_mut("verifications").and_then(Value::as_array_mut) {
        for x in v.iter_mut() {
            if x.as_str().is_some_and(|t| t.starts_with("workplace:")) {
                *x = json!(format!("workplace:{employer}"));
            }
        }
    }
    let first = recipient_name.split(' ').next().unwrap_or("there").to_owned();
    let contact = contacts(s, sk.hostile, campaign, &latin, &employer, rng);
    let message = if sk.hostile { lure(rng, campaign, &first, &contact) } else { genuine_message(rng, &first, &name) };
    if r.get("message").is_some() {
        r["message"] = json!(message);
    }
    if let Some(thread) = r.get_mut("thread").and_then(Value::as_array_mut) {
        let mut at = received;
        for m in thread.iter_mut() {
            at += Duration::minutes(rng.range(20, 36 * 60));
            m["at"] = json!(stamp(at));
            let from_sender = m["from"].as_str() == Some("sender");
            m["text"] = json!(match (from_sender, sk.hostile) {
                (true, true) => format!("{} {}", rng.pick(HOSTILE_FOLLOW_UPS), contact.off_platform),
                (true, false) => (*rng.pick(GENUINE_FOLLOW_UPS)).to_owned(),
                (false, _) => (*rng.pick(RECIPIENT_REPLIES)).to_owned(),
            });
        }
    }
    if r.get("notes").is_some() {
        r["notes"] = json!(if sk.hostile { rng.pick(HOSTILE_NOTES) } else { rng.pick(GENUINE_NOTES) });
    }
}

struct Contact {
    off_platform: String,
}

/// Websites, e-mails and phones: a campaign's shared ones, or the person's own.
fn contacts(
    s: &mut Value,
    hostile: bool,
    campaign: Option<&Campaign>,
    latin: &str,
    employer: &str,
    rng: &mut SplitMix,
) -> Contact {
    let local = slug(latin).replace('-', ".");
    // Genuine people link their own site; a shared employer domain would read as a campaign.
    let own_domain = if hostile {
        format!("{}.example", slug(employer).chars().take(24).collect::<String>())
    } else {
        format!("{}-{:04x}.example", slug(latin), rng.next_u64() & 0xffff)
    };
    let (domain, number, channel) = match campaign {
        Some(c) => (c.domain.clone(), c.phone.clone(), c.channel),
        None => (own_domain, phone(rng), *rng.pick(CHANNELS)),
    };
    let replace = |s: &mut Value, key: &str, v: Value| {
        if s.get(key).and_then(Value::as_array).is_some_and(|a| !a.is_empty()) {
            s[key] = v;
        }
    };
    replace(s, "websites", json!([format!("https://{domain}")]));
    let email = if hostile && rng.chance(0.5) {
        format!("{local}.{}@{}", rng.below(100), rng.pick(&["gmail.com", "proton.me", "outlook.com"]))
    } else {
        format!("{local}@{domain}")
    };
    replace(s, "emails", json!([email]));
    replace(s, "phones", json!([number.clone()]));
    Contact { off_platform: format!("Could we continue on {channel}? {number}") }
}

fn lure(rng: &mut SplitMix, campaign: Option<&Campaign>, first: &str, contact: &Contact) -> String {
    let which = campaign.map(|c| c.lure).unwrap_or_else(|| rng.below(LURES.len()));
    let topic = rng.pick(TOPICS);
    let fee = rng.pick(FEES);
    let city = rng.pick(CITIES).0;
    let urgency = rng.pick(URGENCY);
    let mut text = LURES[which]
        .replace("{first}", first)
        .replace("{topic}", topic)
        .replace("{fee}", fee)
        .replace("{city}", city)
        .replace("{urgency}", urgency);
    if rng.chance(0.4) {
        text.push(' ');
        text.push_str(&contact.off_platform);
    }
    text
}

fn genuine_message(rng: &mut SplitMix, first: &str, sender: &str) -> String {
    // Four independent slots, so two unrelated people rarely write near-identical notes (the
    // campaign check would rightly link them).
    let opening = rng.pick(GENUINE_OPENINGS).replace("{first}", first);
    let (topic, city) = (*rng.pick(TOPICS), rng.pick(CITIES).0);
    let context = rng.pick(GENUINE_CONTEXTS).replace("{topic}", topic).replace("{city}", city);
    let purpose = rng.pick(GENUINE_PURPOSES).replace("{topic}", topic);
    let close = rng.pick(GENUINE_CLOSES);
    let sign = sender.split(' ').next().unwrap_or(sender);
    format!("{opening} {context} {purpose} {close} {sign}")
}

fn hostile_about(rng: &mut SplitMix, campaign: Option<&Campaign>) -> String {
    let org = campaign.map(|c| c.org.as_str()).unwrap_or("our clients");
    format!("{} {org}. {}", rng.pick(HOSTILE_ABOUT_OPENINGS), rng.pick(HOSTILE_ABOUT_CLOSES))
}

fn genuine_about(rng: &mut SplitMix, employer: &str) -> String {
    format!(
        "{} at {employer}, mostly on {} and {}. {}",
        rng.pick(GENUINE_ABOUT_OPENINGS),
        rng.pick(TOPICS),
        rng.pick(TOPICS),
        rng.pick(GENUINE_ABOUT_CLOSES)
    )
}

fn photo_job(rng: &mut SplitMix, file: &str, source: &str, hostile: bool, pool: &[String]) -> PhotoJob {
    // Hostile photos stay close to their stolen original, so the matcher should still find it.
    let mut side = || (rng.below(1000) as f32 / 1000.0) * 0.04;
    let crop = [side(), side(), side(), side()];
    let tiles = if hostile || pool.is_empty() {
        Vec::new()
    } else {
        (0..4).map(|_| (rng.pick(pool).clone(), rng.below(8) as u8)).collect()
    };
    PhotoJob {
        file: file.to_owned(),
        source: source.to_owned(),
        tiles,
        crop,
        brighten: rng.range(-12, 12) as i32,
        mirror: rng.chance(0.15),
        quality: rng.range(78, 92) as u8,
    }
}

fn write_photos(sources: &GeneratorSources, dir: &Path, jobs: &[PhotoJob]) -> Result<usize, String> {
    let mut decoded: HashMap<&str, image::DynamicImage> = HashMap::new();
    for name in jobs.iter().flat_map(|j| std::iter::once(&j.source).chain(j.tiles.iter().map(|t| &t.0))) {
        if !decoded.contains_key(name.as_str()) {
            let bytes = sources.photos[name];
            let img = image::load_from_memory(bytes).map_err(|e| format!("demo photo {name}: {e}"))?;
            decoded.insert(name.as_str(), img);
        }
    }
    crate::parallel::map(jobs, 2, |j| write_photo(dir, j, &decoded), |_| Err("photo writer panicked".to_owned()))
        .into_iter()
        .collect::<Result<(), String>>()?;
    Ok(jobs.len())
}

fn write_photo(dir: &Path, j: &PhotoJob, decoded: &HashMap<&str, image::DynamicImage>) -> Result<(), String> {
    let mosaic;
    let img = if j.tiles.is_empty() {
        &decoded[j.source.as_str()]
    } else {
        const TILE: u32 = 128;
        let mut canvas = image::RgbImage::new(2 * TILE, 2 * TILE);
        for (k, (name, turn)) in j.tiles.iter().enumerate() {
            let mut t = decoded[name.as_str()].resize_to_fill(TILE, TILE, image::imageops::FilterType::Triangle);
            t = match turn % 4 {
                1 => t.rotate90(),
                2 => t.rotate180(),
                3 => t.rotate270(),
                _ => t,
            };
            if *turn >= 4 {
                t = t.fliph();
            }
            image::imageops::replace(
                &mut canvas,
                &t.to_rgb8(),
                i64::from(k as u32 % 2 * TILE),
                i64::from(k as u32 / 2 * TILE),
            );
        }
        mosaic = image::DynamicImage::ImageRgb8(canvas);
        &mosaic
    };
    let (w, h) = (img.width() as f32, img.height() as f32);
    let x = (j.crop[0] * w) as u32;
    let y = (j.crop[1] * h) as u32;
    let cw = ((1.0 - j.crop[0] - j.crop[2]) * w).max(16.0) as u32;
    let ch = ((1.0 - j.crop[1] - j.crop[3]) * h).max(16.0) as u32;
    let mut out = img.crop_imm(x, y, cw.min(img.width() - x), ch.min(img.height() - y)).brighten(j.brighten);
    if j.mirror {
        out = out.fliph();
    }
    let path = dir.join(&j.file);
    let file = std::fs::File::create(&path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut w, j.quality)
        .encode_image(&out.to_rgb8())
        .map_err(|e| format!("cannot encode {}: {e}", path.display()))
}

/// Moves a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) by whole months, keeping its form,
/// so a career keeps its shape relative to when the approach arrived.
fn shift_partial(text: &str, months: i32) -> String {
    let parts: Vec<&str> = text.split('-').collect();
    let Ok(year) = parts[0].parse::<i32>() else { return text.to_owned() };
    match parts.len() {
        1 => format!("{:04}", year + months.div_euclid(12)),
        _ => {
            let Ok(month) = parts[1].parse::<i32>() else { return text.to_owned() };
            let total = year * 12 + (month - 1) + months;
            let ym = format!("{:04}-{:02}", total.div_euclid(12), total.rem_euclid(12) + 1);
            match parts.get(2) {
                Some(day) => format!("{ym}-{:02}", day.parse::<u32>().unwrap_or(1).min(28)),
                None => ym,
            }
        }
    }
}

fn shift_field(v: &mut Value, key: &str, months: i32) {
    if let Some(t) = v.get(key).and_then(Value::as_str) {
        let shifted = shift_partial(t, months);
        v[key] = json!(shifted);
    }
}

fn is_senior(title: &str) -> bool {
    ["Director", "Head", "Partner", "Chief", "President", "Principal", "Managing", "Secretary", "Professor"]
        .iter()
        .any(|w| title.contains(w))
}

/// A name from one of the cultures below, as shown, and a Latin form for handles.
fn person(rng: &mut SplitMix) -> (String, String) {
    let c = rng.pick(CULTURES);
    let (gn, gl) = *rng.pick(c.given);
    let (fnm, fl) = *rng.pick(c.family);
    let shown = if c.family_first {
        if c.no_space { format!("{fnm}{gn}") } else { format!("{fnm} {gn}") }
    } else {
        format!("{gn} {fnm}")
    };
    (shown, format!("{gl} {fl}"))
}

/// The tricks hostile profiles use on names: a zero-width character or a Cyrillic homoglyph.
fn disguise(name: &str, rng: &mut SplitMix) -> String {
    if rng.chance(0.5)
        && let Some(i) = name.find('a')
    {
        return format!("{}\u{0430}{}", &name[..i], &name[i + 1..]);
    }
    let cut = name.char_indices().nth(name.chars().count() / 2).map_or(name.len(), |(i, _)| i);
    format!("{}\u{200b}{}", &name[..cut], &name[cut..])
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' | 'ć' => 'c',
            'ñ' | 'ń' => 'n',
            'ł' => 'l',
            'ś' | 'ş' => 's',
            'ż' | 'ź' => 'z',
            'ğ' => 'g',
            'ı' => 'i',
            c => c.to_ascii_lowercase(),
        };
        if folded.is_ascii_alphanumeric() {
            out.push(folded);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn phone(rng: &mut SplitMix) -> String {
    // Only ranges reserved for drama and fiction, as in the fixtures.
    if rng.chance(0.5) {
        format!("+44 7700 900{:03}", rng.below(1000))
    } else {
        format!("+1 202 555 01{:02}", rng.below(100))
    }
}

fn profile_url(platform: &str, handle: &str) -> String {
    match platform {
        "linkedin" => format!("https://www.linkedin.com/in/{handle}"),
        "x" => format!("https://x.com/{}", handle.replace('-', "_")),
        "facebook" => format!("https://www.facebook.com/{}", handle.replace('-', ".")),
        "instagram" => format!("https://www.instagram.com/{}", handle.replace('-', "_")),
        "github" => format!("https://github.com/{handle}"),
        _ => format!("https://social.example/@{handle}"),
    }
}

struct Culture {
    given: &'static [(&'static str, &'static str)],
    family: &'static [(&'static str, &'static str)],
    family_first: bool,
    no_space: bool,
}

macro_rules! latin {
    ($($n:literal),* $(,)?) => { &[$(($n, $n)),*] };
}

const CULTURES: &[Culture] = &[
    Culture {
        given: latin![
            "Emily",
            "James",
            "Sophie",
            "Oliver",
            "Hannah",
            "Thomas",
            "Charlotte",
            "Daniel",
            "Amelia",
            "George"
        ],
        family: latin![
            "Carter", "Hughes", "Walker", "Bennett", "Clarke", "Morgan", "Fletcher", "Hale", "Price", "Turner"
        ],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["José", "María", "Lucía", "Javier", "Carmen", "Andrés", "Inés", "Álvaro"],
        family: latin!["Núñez", "García", "Martínez", "López", "Hernández", "Muñoz", "Ortega", "Ruiz"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Lukas", "Anna", "Jürgen", "Lena", "Matthias", "Katrin", "Stefan", "Jonas"],
        family: latin!["Becker", "Müller", "Schmidt", "Weber", "Brandt", "Schäfer", "Wagner", "Koch"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Claire", "Antoine", "Élodie", "Mathieu", "Camille", "Benoît"],
        family: latin!["Dubois", "Lefèvre", "Moreau", "Girard", "Laurent", "Rousseau"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Piotr", "Agnieszka", "Łukasz", "Małgorzata", "Krzysztof"],
        family: latin!["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Zieliński"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: &[("Олена", "Olena"), ("Андрій", "Andrii"), ("Ірина", "Iryna"), ("Тарас", "Taras")],
        family: &[("Коваленко", "Kovalenko"), ("Шевченко", "Shevchenko"), ("Бондаренко", "Bondarenko")],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: &[("Анна", "Anna"), ("Дмитрий", "Dmitry"), ("Екатерина", "Ekaterina"), ("Алексей", "Alexey")],
        family: &[("Иванова", "Ivanova"), ("Смирнов", "Smirnov"), ("Волкова", "Volkova"), ("Орлов", "Orlov")],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: &[("Γιώργος", "Giorgos"), ("Μαρία", "Maria"), ("Νίκος", "Nikos"), ("Ελένη", "Eleni")],
        family: &[("Παπαδόπουλος", "Papadopoulos"), ("Οικονόμου", "Oikonomou"), ("Γεωργίου", "Georgiou")],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: &[("晓明", "Xiaoming"), ("静", "Jing"), ("伟", "Wei"), ("丽华", "Lihua"), ("俊杰", "Junjie")],
        family: &[("王", "Wang"), ("陈", "Chen"), ("李", "Li"), ("刘", "Liu"), ("张", "Zhang")],
        family_first: true,
        no_space: true,
    },
    Culture {
        given: &[("Wei", "Wei"), ("Jing", "Jing"), ("Grace", "Grace"), ("Kevin", "Kevin")],
        family: &[("Chen", "Chen"), ("Liu", "Liu"), ("Ng", "Ng"), ("Zhou", "Zhou")],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: &[("陽翔", "Haruto"), ("さくら", "Sakura"), ("健", "Ken"), ("美咲", "Misaki")],
        family: &[("佐藤", "Sato"), ("鈴木", "Suzuki"), ("高橋", "Takahashi"), ("田中", "Tanaka")],
        family_first: true,
        no_space: true,
    },
    Culture {
        given: &[("민준", "Minjun"), ("서연", "Seoyeon"), ("지훈", "Jihoon")],
        family: &[("김", "Kim"), ("이", "Lee"), ("박", "Park")],
        family_first: true,
        no_space: true,
    },
    Culture {
        given: &[("أحمد", "Ahmed"), ("فاطمة", "Fatima"), ("يوسف", "Youssef"), ("ليلى", "Layla")],
        family: &[("خليل", "Khalil"), ("حداد", "Haddad"), ("منصور", "Mansour")],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Ahmed", "Aisha", "Omar", "Leila", "Karim", "Nadia"],
        family: latin!["Khalil", "Rahman", "Haddad", "Hassan", "Mansour", "Farouk"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: &[("अनिल", "Anil"), ("प्रिया", "Priya"), ("राहुल", "Rahul")],
        family: &[("मेहता", "Mehta"), ("शर्मा", "Sharma"), ("पटेल", "Patel")],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Priya", "Anil", "Sunita", "Rahul", "Deepa", "Vikram", "Sanjay"],
        family: latin!["Nair", "Mehta", "Patel", "Sharma", "Iyer", "Reddy", "Gupta"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Samuel", "Chidi", "Ngozi", "Tunde", "Amaka", "Emeka"],
        family: latin!["Okoro", "Okafor", "Adeyemi", "Balogun", "Eze", "Nwosu"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Zoë", "Siobhán", "Cian", "Aoife", "Seán", "Niamh"],
        family: latin!["Ó Súilleabháin", "O'Neill", "MacLeod", "Ní Bhriain", "Brontë-Ó Súilleabháin", "Byrne"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Mehmet", "Ayşe", "Emre", "Zeynep", "Burak"],
        family: latin!["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik"],
        family_first: false,
        no_space: false,
    },
    Culture {
        given: latin!["Minh", "Lan", "Tuấn", "Hương"],
        family: latin!["Nguyễn", "Trần", "Lê", "Phạm"],
        family_first: true,
        no_space: false,
    },
    Culture {
        given: latin!["Helena", "Erik", "Astrid", "Johan", "Ingrid"],
        family: latin!["Lindqvist", "Andersson", "Johansson", "Berg", "Nilsson"],
        family_first: false,
        no_space: false,
    },
];

const RECIPIENT_FIRST: &[&str] =
    &["Jane", "Amir", "Rebecca", "Peter", "Nia", "Sanjay", "Laura", "Mark", "Fatima", "David", "Chloe", "Rhys"];
const RECIPIENT_LAST: &[&str] =
    &["Smith", "Khan", "Moore", "Wong", "Bowen", "Mehra", "Evans", "Ali", "Jones", "Taylor", "Campbell", "Patel"];
const DEPARTMENTS: &[&str] = &[
    "Department for Energy Security",
    "Defence Science Directorate",
    "National Cyber Resilience Unit",
    "Cabinet Secretariat",
    "Department for Science and Research",
    "Defence Equipment Programmes Agency",
    "Foreign Affairs Directorate",
    "Treasury Economic Security Unit",
    "Home Security Policy Group",
    "Nuclear Decommissioning Office",
];
const ROLES: &[&str] = &[
    "Senior Policy Adviser, Nuclear",
    "Principal Engineer, Sensors",
    "Lead Vulnerability Researcher",
    "Deputy Director, National Security",
    "Policy Adviser, Quantum Technologies",
    "Programme Manager, Maritime Systems",
    "Analyst, Export Controls",
    "Head of Supply Chain Security",
    "Private Secretary",
    "Grade 7 Economist",
];
const EMPLOYERS: &[&str] = &[
    "Calder Recruitment",
    "Northgate Water plc",
    "University of Leeds",
    "Trinity College Dublin",
    "Hartwell Engineering Ltd",
    "Severn Grid Services",
    "Open Source Initiative",
    "City of Bristol Council",
    "Marlow & Finch LLP",
    "Kestrel Shipbuilding",
    "Aurora Analytics GmbH",
    "Institut Pasteur",
    "Riverside NHS Trust",
    "Pennine Rail",
    "Bluewater Software",
    "Royal Society of Engineers",
];
const FRONT_ADJ: &[&str] =
    &["Global", "Meridian", "Strategic", "Northern", "Pacific", "Horizon", "Summit", "Atlas", "Sterling", "Crescent"];
const FRONT_NOUN: &[&str] =
    &["Talent", "Insight", "Futures", "Dialogue", "Advisory", "Research", "Expert", "Policy", "Bridge", "Vantage"];
const FRONT_SUFFIX: &[&str] = &["Partners", "Group", "Institute", "Consulting", "Network", "Forum", "Associates"];
const TITLES: &[&str] = &[
    "Consultant",
    "Research Fellow",
    "Senior Engineer",
    "Policy Analyst",
    "Talent Consultant",
    "Project Manager",
    "Software Developer",
    "Lecturer",
    "Account Manager",
    "Data Scientist",
];
const SENIOR_TITLES: &[&str] = &[
    "Director",
    "Managing Director",
    "Head of Research",
    "Senior Partner",
    "Principal Consultant",
    "Chief Strategy Officer",
    "Professor",
    "Non-Executive Director",
];
const SCHOOLS: &[&str] = &[
    "University of Edinburgh",
    "University of Bath",
    "University of Cambridge",
    "Technische Universität München",
    "University of Exeter",
    "Sciences Po",
    "National University of Singapore",
    "Universidad de Salamanca",
    "Trinity College Dublin",
    "Peking University",
    "University of Lagos",
    "Indian Institute of Technology Bombay",
];
const DEGREES: &[&str] = &[
    "MA International Relations",
    "BSc Computer Science",
    "BA History",
    "BSc Electrical Engineering",
    "MSc Security Studies",
    "PhD Physics",
    "LLB Law",
    "MEng Mechanical Engineering",
];
const CITIES: &[(&str, &str)] = &[
    ("London", "United Kingdom"),
    ("Bristol", "United Kingdom"),
    ("Cheltenham", "United Kingdom"),
    ("Berlin", "Germany"),
    ("Helsinki", "Finland"),
    ("Singapore", "Singapore"),
    ("Dubai", "United Arab Emirates"),
    ("Washington", "United States"),
    ("Madrid", "Spain"),
    ("Dublin", "Ireland"),
    ("Hong Kong", "China"),
    ("Warsaw", "Poland"),
];
const CHANNELS: &[&str] = &["WhatsApp", "Telegram", "Signal", "WeChat"];
const TOPICS: &[&str] = &[
    "nuclear policy",
    "radar procurement",
    "quantum technologies",
    "grid resilience",
    "export controls",
    "maritime systems",
    "vulnerability research",
    "semiconductor supply chains",
    "space policy",
    "critical minerals",
];
const FEES: &[&str] = &["£400-£600 per hour", "€1,000 per hour", "USD 2,500 per paper", "£3,000 honorarium"];
const URGENCY: &[&str] = &["Deadline this Friday.", "The client needs this within days.", "Only this week.", ""];
const LURES: &[&str] = &[
    "Hi {first}, I came across your profile and was genuinely impressed by your expertise in {topic}. I am working with a confidential client looking for senior experts for short paid consultancy projects ({fee}, fully remote). {urgency} Would you be open to a brief chat?",
    "Dear {first}, our institute is preparing a policy brief on {topic} and would value a short white paper from you. The honorarium is {fee}. {urgency} Could you also share how your team is organised so we can tailor the questions?",
    "Dear {first}, on behalf of the organising committee I am delighted to invite you as a keynote speaker in {city}. All expenses are covered, including business-class flights. To book your travel, please reply with a copy of your passport and your official job title.",
    "Hi {first}, impressive background in {topic}! I have a very senior role for someone with your profile. To put you forward I need your CV, your current clearance level and a summary of the systems you currently work on. {urgency}",
    "Hello {first}, I run an expert network connecting specialists in {topic} with investors. A one-hour call pays {fee}. {urgency} Nothing confidential, of course, just your general view of the programme.",
    "Hi {first}, I am a PhD student researching {topic} and would love to interview you. I can offer a gift card for your time. Could you tell me which projects you are on at the moment?",
];
const HOSTILE_FOLLOW_UPS: &[&str] = &[
    "Thank you for connecting! The client would like to move quickly.",
    "It is easier to talk privately.",
    "My LinkedIn messages are unreliable.",
    "Please send your CV there as well.",
];
const GENUINE_OPENINGS: &[&str] = &["Hi {first},", "Dear {first},", "{first} -", "Hello {first},"];
const GENUINE_CONTEXTS: &[&str] = &[
    "Good to see you at the {topic} workshop in {city}.",
    "We co-authored the {topic} paper a few years ago.",
    "Thanks for your talk on {topic} in {city}; the slides were very useful to our team.",
    "We worked together on the {topic} programme before I moved on.",
    "I sat next to you at the {city} conference dinner.",
    "My colleague Sam mentioned you lead on {topic}.",
    "I read your department's published strategy on {topic}.",
    "We met briefly at the {city} careers fair.",
    "Our teams overlapped on the {topic} review last year.",
    "I'm the new chair of the {topic} standards group.",
];
const GENUINE_PURPOSES: &[&str] = &[
    "Let's stay in touch.",
    "I'm recruiting for an advertised role; happy to share the job description here, no pressure either way.",
    "Our call for papers is open until the spring; details are on the conference website.",
    "Would be glad to compare notes at the next public meeting.",
    "I've just moved institutions, so reconnecting here.",
    "No agenda, just keeping my network current.",
    "If useful, the minutes are on our public site.",
    "Hope the new role is going well.",
];
const GENUINE_CLOSES: &[&str] = &[
    "Best wishes,",
    "Cheers,",
    "Kind regards,",
    "All the best,",
    "Speak soon,",
    "Thanks,",
    "Warm regards,",
    "With best regards from the team,",
];
const GENUINE_FOLLOW_UPS: &[&str] = &[
    "No problem, attached here. If anything changes, feel free to drop me a line.",
    "Great, see you at the next meeting.",
    "Thanks! The details are on our public website.",
];
const RECIPIENT_REPLIES: &[&str] = &[
    "Thanks, not looking right now.",
    "Who gave you my details?",
    "Please send it here.",
    "Sorry, I can't discuss that.",
];
const HOSTILE_NOTES: &[&str] = &[
    "Don't know this person; the firm has no website I can find.",
    "Asked to move to a messaging app straight away.",
    "Very flattering, very urgent, offered money.",
    "Accepted by mistake, then the questions started.",
];
const GENUINE_NOTES: &[&str] = &[
    "Reporting because the checklist says every request from outside.",
    "I know this person; reporting to be safe.",
    "Looks normal, job is on their website.",
];
const HOSTILE_ABOUT_OPENINGS: &[&str] = &[
    "Passionate about connecting brilliant minds with exciting opportunities at",
    "Discreet, confidential, global advisory through",
    "Bridging East and West in policy dialogue with",
];
const HOSTILE_ABOUT_CLOSES: &[&str] = &["Discreet, confidential, global.", "Generous fees for real expertise.", ""];
const GENUINE_ABOUT_OPENINGS: &[&str] = &[
    "Working on infrastructure and public services",
    "Researcher and teacher",
    "Engineer for fifteen years",
    "Analyst, occasional speaker",
    "Programme lead",
    "Recruiter for technical roles",
];
const GENUINE_ABOUT_CLOSES: &[&str] =
    &["Views my own.", "Always happy to talk shop.", "", "Cyclist, parent, bad cook.", "Ex-army, now civilian."];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_keep_their_form() {
        assert_eq!(shift_partial("2026-08", -10), "2025-10");
        assert_eq!(shift_partial("2026-08-20", 5), "2027-01-20");
        assert_eq!(shift_partial("2019", -13), "2017");
        assert_eq!(shift_partial("2019", 0), "2019");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("José Núñez"), "jose-nunez");
        assert_eq!(slug("Kieran O'Neill"), "kieran-o-neill");
    }

    #[test]
    fn the_generator_is_stable_for_a_seed() {
        let mut a = SplitMix::new(7);
        let mut b = SplitMix::new(7);
        assert_eq!(
            (0..10).map(|_| a.next_u64()).collect::<Vec<_>>(),
            (0..10).map(|_| b.next_u64()).collect::<Vec<_>>()
        );
        assert!((0..1000).all(|_| a.below(3) < 3));
    }
}
