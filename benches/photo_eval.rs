//! Evaluation of the perceptual photo matcher on the shared photo set (`cargo bench --bench photo_eval`).
//!
//! Photos: `$LINKVET_PHOTOS`, else `../shared/photos` relative to the crate root.
//! Tuning used the even-numbered originals (d000, d002, …); the odd ones are held out.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use linkvet::imaging::{self as im, Fingerprint, MATCH_THRESHOLD, PhotoIndex, Probe};

struct Row {
    file: String,
    orig: usize,
    transform: String,
}

fn photos_dir() -> PathBuf {
    match std::env::var_os("LINKVET_PHOTOS") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos")),
    }
}

fn load_rows(dir: &std::path::Path) -> (Vec<String>, Vec<Row>) {
    let man = std::fs::read_to_string(dir.join("manifest.csv")).expect("manifest.csv");
    let mut origs: Vec<String> = Vec::new();
    let mut rows = Vec::new();
    for line in man.lines().skip(1) {
        let p: Vec<&str> = line.trim().split(',').collect();
        if p.len() < 3 {
            continue;
        }
        let o = match origs.iter().position(|x| x == p[1]) {
            Some(i) => i,
            None => {
                origs.push(p[1].to_string());
                origs.len() - 1
            }
        };
        rows.push(Row { file: p[0].to_string(), orig: o, transform: p[2].to_string() });
    }
    (origs, rows)
}

/// Number in the original's name (d013_… → 13); parity decides tuning vs held-out.
fn photo_number(path: &str) -> usize {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.trim_start_matches('d').chars().take_while(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap_or(0)
}

struct Xorshift(u64);
impl Xorshift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i]
}

/// Evaluate a distance matrix `d[query][original]` at threshold `t`.
fn report(name: &str, origs: &[String], rows: &[Row], d: &[Vec<u32>], t: u32) {
    println!("\n== {name} (match if distance <= {t}) ==");
    let held = |o: usize| photo_number(&origs[o]) % 2 == 1;
    // transform -> (held hits, held n, all hits, all n, max true dist)
    let mut per: BTreeMap<&str, (u32, u32, u32, u32, u32)> = BTreeMap::new();
    let (mut false_held, mut false_all) = (0u32, 0u32);
    let (mut false_var, mut false_orig) = (0u32, 0u32);
    let mut min_false = u32::MAX;
    let mut min_false_what = String::new();
    for (qi, r) in rows.iter().enumerate() {
        for (o, &dist) in d[qi].iter().enumerate() {
            if o == r.orig {
                if r.transform == "original" {
                    continue;
                }
                let e = per.entry(r.transform.as_str()).or_default();
                let hit = dist <= t;
                e.2 += hit as u32;
                e.3 += 1;
                e.4 = e.4.max(dist);
                if held(r.orig) {
                    e.0 += hit as u32;
                    e.1 += 1;
                }
            } else {
                if dist < min_false {
                    min_false = dist;
                    min_false_what = format!("{} -> {}", r.file, origs[o]);
                }
                if dist <= t {
                    false_all += 1;
                    if r.transform == "original" {
                        false_orig += 1
                    } else {
                        false_var += 1
                    }
                    if held(r.orig) {
                        false_held += 1;
                    }
                }
            }
        }
    }
    println!("{:<12} {:>16} {:>16} {:>14}", "transform", "held-out (odd)", "all", "max true dist");
    let (mut hh, mut hn, mut ah, mut an) = (0, 0, 0, 0);
    for (tr, (h1, n1, h2, n2, mx)) in &per {
        println!(
            "{:<12} {:>9}/{:<2} {:>3.0}% {:>9}/{:<2} {:>3.0}% {:>14}",
            tr,
            h1,
            n1,
            100.0 * *h1 as f64 / *n1 as f64,
            h2,
            n2,
            100.0 * *h2 as f64 / *n2 as f64,
            mx
        );
        hh += h1;
        hn += n1;
        ah += h2;
        an += n2;
    }
    println!(
        "{:<12} {:>9}/{:<3}{:>3.1}% {:>8}/{:<3}{:>3.1}%",
        "TOTAL",
        hh,
        hn,
        100.0 * hh as f64 / hn as f64,
        ah,
        an,
        100.0 * ah as f64 / an as f64
    );
    println!(
        "false matches: held-out queries {false_held}, all queries {false_all} (variant->wrong original {false_var}, original->other original {false_orig})"
    );
    println!("margin: min false distance {min_false} ({min_false_what}); threshold {t}");
}

fn main() {
    let dir = photos_dir();
    if !dir.join("manifest.csv").exists() {
        println!("photo set not found at {} (set LINKVET_PHOTOS); nothing to evaluate", dir.display());
        return;
    }
    let (origs, rows) = load_rows(&dir);
    println!("photo set: {} originals, {} files", origs.len(), rows.len());

    let bytes: Vec<Vec<u8>> = rows.iter().map(|r| std::fs::read(dir.join(&r.file)).expect("read photo")).collect();
    let t0 = Instant::now();
    let imgs: Vec<image::DynamicImage> = bytes.iter().map(|b| im::decode_untrusted(b).expect("decode")).collect();
    let decode_ms = t0.elapsed().as_secs_f64() * 1e3 / imgs.len() as f64;

    let orig_idx: Vec<usize> = (0..origs.len())
        .map(|o| rows.iter().position(|r| r.orig == o && r.transform == "original").expect("original row"))
        .collect();

    // Timings (3 rounds, all images).
    let rounds = 3;
    let t0 = Instant::now();
    let mut probes: Vec<Probe> = Vec::new();
    for _ in 0..rounds {
        probes = imgs.iter().map(im::probe).collect();
    }
    let probe_ms = t0.elapsed().as_secs_f64() * 1e3 / (rounds * imgs.len()) as f64;
    let t0 = Instant::now();
    let mut fps: Vec<Fingerprint> = Vec::new();
    for _ in 0..rounds {
        fps = orig_idx.iter().map(|&i| im::fingerprint(&imgs[i])).collect();
    }
    let fp_ms = t0.elapsed().as_secs_f64() * 1e3 / (rounds * fps.len()) as f64;

    // Multi-view matcher.
    let d: Vec<Vec<u32>> = probes.iter().map(|p| fps.iter().map(|f| im::distance(p, f)).collect()).collect();
    report("linkvet multi-view pHash+dGradient", &origs, &rows, &d, MATCH_THRESHOLD);

    // Baseline: plain whole-frame 64-bit pHash (DCT + median, 8x8), threshold = largest with
    // zero false matches on the even (tuning) originals.
    let hasher = image_hasher::HasherConfig::new()
        .hash_alg(image_hasher::HashAlg::Median)
        .preproc_dct()
        .hash_size(8, 8)
        .to_hasher();
    let base: Vec<Vec<u8>> = imgs.iter().map(|i| hasher.hash_image(i).as_bytes().to_vec()).collect();
    let ham = |a: &[u8], b: &[u8]| a.iter().zip(b).map(|(x, y)| (x ^ y).count_ones()).sum::<u32>();
    let db: Vec<Vec<u32>> = base.iter().map(|q| orig_idx.iter().map(|&i| ham(q, &base[i])).collect()).collect();
    let mut min_false_even = 64;
    for (qi, r) in rows.iter().enumerate() {
        if photo_number(&origs[r.orig]) % 2 == 1 {
            continue;
        }
        for (o, &dist) in db[qi].iter().enumerate() {
            if o != r.orig && photo_number(&origs[o]).is_multiple_of(2) {
                min_false_even = min_false_even.min(dist);
            }
        }
    }
    report(
        "baseline: plain whole-frame 64-bit pHash, threshold tuned on even originals",
        &origs,
        &rows,
        &db,
        min_false_even.saturating_sub(1),
    );
    let min_false_all = rows
        .iter()
        .enumerate()
        .flat_map(|(qi, r)| db[qi].iter().enumerate().filter(move |(o, _)| *o != r.orig).map(|(_, &d)| d))
        .min()
        .unwrap_or(64);
    report(
        "baseline: plain whole-frame 64-bit pHash, zero false matches on all",
        &origs,
        &rows,
        &db,
        min_false_all.saturating_sub(1),
    );

    println!("\n== speed (release, one thread) ==");
    println!("decode (400x400 JPEG etc.): {decode_ms:.2} ms/image");
    println!(
        "probe():       {probe_ms:.2} ms/image ({:.1} views avg)",
        probes.iter().map(|p| p.views().len()).sum::<usize>() as f64 / probes.len() as f64
    );
    println!("fingerprint(): {fp_ms:.2} ms/image");

    // Index check on the real set: search must agree with distance() for every match.
    let mut small: PhotoIndex<usize> = PhotoIndex::new();
    for (o, f) in fps.iter().enumerate() {
        small.insert(o, f);
    }
    let mut mismatches = 0;
    for (qi, p) in probes.iter().enumerate() {
        let got = small.search(p, 100);
        for (o, &dist) in d[qi].iter().enumerate() {
            let found = got.iter().find(|(k, _)| *k == o).map(|x| x.1);
            if dist <= MATCH_THRESHOLD && found != Some(dist) {
                mismatches += 1;
            }
        }
    }
    println!("index vs brute force on the 40 originals: {mismatches} missed/different matches");

    // 1,000,000 stored hashes: the 40 real fingerprints plus random hashes (4 per key).
    let target = 1_000_000usize;
    let t0 = Instant::now();
    let mut big: PhotoIndex<u64> = PhotoIndex::new();
    for (o, f) in fps.iter().enumerate() {
        big.insert(o as u64, f);
    }
    let mut rng = Xorshift(0x9E37_79B9_7F4A_7C15);
    let mut key = 1_000u64;
    while big.hash_count() < target {
        big.insert_raw(key, rng.next(), rng.next() & 0xff_ffff_ffff);
        if big.hash_count().is_multiple_of(4) {
            key += 1;
        }
    }
    println!(
        "\nindex: {} hashes, {} keys, built in {:.1} s, ~{} MB ({:.0} bytes/hash)",
        big.hash_count(),
        big.len(),
        t0.elapsed().as_secs_f64(),
        big.memory_bytes() / 1_000_000,
        big.memory_bytes() as f64 / big.hash_count() as f64
    );
    let mut lat: Vec<f64> = Vec::new();
    let mut lost = 0;
    for _ in 0..2 {
        for (qi, p) in probes.iter().enumerate() {
            let t = Instant::now();
            let res = big.search(p, 10);
            lat.push(t.elapsed().as_secs_f64() * 1e3);
            let o = rows[qi].orig;
            if d[qi][o] <= MATCH_THRESHOLD && !res.iter().any(|(k, _)| *k == o as u64) {
                lost += 1;
            }
        }
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    println!(
        "search latency at {} hashes over {} real probes: median {:.3} ms, p99 {:.3} ms, max {:.3} ms; true matches lost: {lost}",
        big.hash_count(),
        probes.len(),
        percentile(&lat, 0.5),
        percentile(&lat, 0.99),
        lat.last().copied().unwrap_or(0.0)
    );
}
