//! National-scale figures (`cargo bench --bench scale`): import, check and list on 100,000
//! generated requests, import of 10,000 with photos, and photo search against 1,000,000
//! reference hashes. Prints a table; nothing here is a pass/fail test.
//!
//! Each command runs as a separate process, so its wall time and peak memory (`VmHWM`, polled
//! from `/proc/<pid>/status` every 2 ms) are its own. The process is `$LINKVET_BIN` when set;
//! otherwise this bench binary re-executes itself as `linkvet`, calling the very `linkvet::run`
//! that `main.rs` calls. (A shared target directory's `linkvet` may be another branch's build.)
//!
//! Environment: `SCALE_N` (default 100000), `SCALE_PHOTOS_N` (10000), `SCALE_HASHES` (1000000),
//! `SCALE_RUNS` (3, repetitions of the quick commands), `SCALE_ONLY=photo-search` or `stats`, `SCALE_DIR` (work folder, default in the
//! system temp folder), `LINKVET_PHOTOS` (the shared photo set, default `../shared/photos`).

use clap::Parser;
use linkvet::demo_gen::{GeneratorSources, SplitMix, generate};
use linkvet::imaging::{self as im, PhotoIndex, Probe};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const AS_LINKVET: &str = "--as-linkvet";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(AS_LINKVET) {
        let cli = linkvet::cli::Cli::parse_from(std::iter::once("linkvet".to_owned()).chain(args[2..].iter().cloned()));
        return match linkvet::run(cli) {
            Ok(()) => ExitCode::SUCCESS,
            Err(f) => {
                eprintln!("linkvet: {}", f.message);
                ExitCode::from(f.code)
            }
        };
    }
    if args.iter().any(|a| a == "--list") {
        return ExitCode::SUCCESS;
    }
    bench();
    ExitCode::SUCCESS
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.replace('_', "").parse().ok()).unwrap_or(default)
}

struct Measured {
    wall: Duration,
    /// User + system CPU seconds (last poll before exit): on a shared, loaded machine the wall
    /// time says more about the neighbours than about linkvet.
    cpu: f64,
    peak_kib: u64,
    stdout: String,
}

/// Runs `linkvet ARGS`, stdout to a pipe (or /dev/null), polling its peak resident memory.
fn linkvet(args: &[&str], keep_stdout: bool) -> Measured {
    let mut cmd = match std::env::var_os("LINKVET_BIN") {
        Some(bin) => Command::new(bin),
        None => {
            let mut c = Command::new(std::env::current_exe().expect("own path"));
            c.arg(AS_LINKVET);
            c
        }
    };
    cmd.args(args).stdout(if keep_stdout { Stdio::piped() } else { Stdio::null() }).stderr(Stdio::inherit());
    let started = Instant::now();
    let mut child = cmd.spawn().expect("start linkvet");
    let status_path = format!("/proc/{}/status", child.id());
    let stat_path = format!("/proc/{}/stat", child.id());
    let mut peak = 0;
    let mut cpu = 0.0f64;
    let mut out = String::new();
    let reader = child.stdout.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut s, &mut text).ok();
            text
        })
    });
    loop {
        if let Some(kib) = vm_hwm(&status_path) {
            peak = peak.max(kib);
        }
        if let Some(c) = cpu_seconds(&stat_path) {
            cpu = cpu.max(c);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "linkvet {args:?} failed: {status}");
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let wall = started.elapsed();
    if let Some(r) = reader {
        out = r.join().unwrap_or_default();
    }
    Measured { wall, cpu, peak_kib: peak, stdout: out }
}

/// utime + stime of a live process, in seconds (clock ticks of 1/100 s, as on Linux/x86-64).
fn cpu_seconds(path: &str) -> Option<f64> {
    let text = std::fs::read_to_string(path).ok()?;
    let rest = &text[text.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn secs(m: &Measured) -> String {
    format!("{:.2} s (cpu {:.2} s)", m.wall.as_secs_f64(), m.cpu)
}

fn vm_hwm(path: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

struct Table(Vec<(String, String, String)>);

impl Table {
    fn row(&mut self, what: &str, figure: String, target: &str) {
        println!("{what:<58} {figure:>22}   {target}");
        self.0.push((what.into(), figure, target.into()));
    }
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Generates (seed 1) unless an earlier run left the same reports there: generation is
/// deterministic, and photos take minutes. Returns the time taken, `None` when reused.
fn generate_into(dir: &Path, n: usize, photos: bool) -> Option<Duration> {
    let done = std::fs::read_to_string(dir.join("reports.jsonl")).map(|t| t.lines().count()).unwrap_or(0);
    if done == n && (!photos || dir.join("photos").is_dir()) {
        return None;
    }
    let read = |p: &str| std::fs::read_to_string(fixtures().join(p)).expect("fixture");
    let (reports, labels) = (read("reports/demo.jsonl"), read("labels.csv"));
    let photo_bytes: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures().join("reports/photos"))
        .expect("fixture photos")
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("photo")))
        .collect();
    let sources = GeneratorSources {
        reports_jsonl: &reports,
        labels_csv: &labels,
        photos: photo_bytes.iter().map(|(n, b)| (n.clone(), b.as_slice())).collect(),
    };
    let started = Instant::now();
    generate(&sources, dir, n, photos, 1).expect("generate");
    Some(started.elapsed())
}

fn took(d: Option<Duration>) -> String {
    d.map_or("(reused)".into(), |d| format!("{:.2} s", d.as_secs_f64()))
}

fn fresh_db(dir: &Path, name: &str) -> String {
    let db = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    db.display().to_string()
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

fn bench() {
    let n = env_num("SCALE_N", 100_000);
    let n_photos = env_num("SCALE_PHOTOS_N", 10_000);
    let hashes = env_num("SCALE_HASHES", 1_000_000);
    let runs = env_num("SCALE_RUNS", 3).max(1);
    let work = std::env::var_os("SCALE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("linkvet-scale-bench"));
    std::fs::create_dir_all(&work).expect("work folder");
    let mut t = Table(Vec::new());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average at start: {}", load.trim());
    println!(
        "scale bench: {n} requests, {n_photos} with photos, {hashes} reference hashes, {runs} runs; in {}",
        work.display()
    );

    if std::env::var("SCALE_ONLY").as_deref() == Ok("photo-search") {
        photo_search(&mut t, hashes);
        return;
    }
    if std::env::var("SCALE_ONLY").as_deref() == Ok("stats") {
        // On the checked database an earlier full run left (checking 100,000 takes minutes).
        let db = work.join("plain.db");
        assert!(db.exists(), "SCALE_ONLY=stats needs {} from a full run", db.display());
        stats(&mut t, &db.display().to_string(), n, runs);
        return;
    }
    // Without photos.
    let plain = work.join(format!("plain-{n}"));
    t.row(&format!("generate {n} reports (no photos)"), took(generate_into(&plain, n, false)), "-");
    let file = plain.join("reports.jsonl").display().to_string();
    let mut walls = Vec::new();
    let mut cpus = Vec::new();
    let mut peak = 0;
    let mut db = String::new();
    for _ in 0..runs {
        db = fresh_db(&work, "plain.db");
        let m = linkvet(&["--db", &db, "import", "--no-check", &file], false);
        walls.push(m.wall.as_secs_f64());
        cpus.push(m.cpu);
        peak = peak.max(m.peak_kib);
    }
    t.row(
        &format!("import {n} (JSONL, no photos, --no-check), median"),
        format!("{:.2} s (cpu {:.2} s)", median(walls), median(cpus)),
        "≤ 5 s",
    );
    t.row("  peak memory of that import", mib(peak), "-");

    let m = linkvet(&["--db", &db, "check"], true);
    t.row(&format!("check all {n}"), secs(&m), "-");
    t.row("  peak memory of check", mib(m.peak_kib), "-");
    println!("    ({})", m.stdout.trim());

    for (label, args) in [
        ("list --format json (pending: every request)", vec!["--db", &db, "list", "--format", "json"]),
        ("list --status all --format table", vec!["--db", &db, "list", "--status", "all", "--format", "table"]),
    ] {
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        let mut peak = 0;
        for _ in 0..runs {
            let m = linkvet(&args, false);
            walls.push(m.wall.as_secs_f64());
            cpus.push(m.cpu);
            peak = peak.max(m.peak_kib);
        }
        let target = if label.contains("json") { "≤ 1 s" } else { "-" };
        let figure = format!("{:.2} s (cpu {:.2} s)", median(walls), median(cpus));
        t.row(&format!("{label} over {n}, median"), figure, target);
        t.row("  peak memory of that list", mib(peak), "-");
    }
    stats(&mut t, &db, n, runs);
    let m = linkvet(&["--db", &db, "import", &file], true);
    t.row(&format!("re-import the same {n} (all already present)"), secs(&m), "-");

    // With photos.
    let pics = work.join(format!("photos-{n_photos}"));
    t.row(&format!("generate {n_photos} reports with photos"), took(generate_into(&pics, n_photos, true)), "-");
    let file = pics.join("reports.jsonl").display().to_string();
    let db = fresh_db(&work, "photos.db");
    let m = linkvet(&["--db", &db, "import", "--no-check", &file], false);
    t.row(&format!("import {n_photos} with photos (--no-check)"), secs(&m), "-");
    t.row("  peak memory of that import", mib(m.peak_kib), "-");
    let m = linkvet(&["--db", &db, "check"], false);
    t.row(&format!("check all {n_photos} with photos"), secs(&m), "-");
    t.row("  peak memory of check", mib(m.peak_kib), "-");

    photo_search(&mut t, hashes);

    println!("\n| what | figure | target |\n|---|---:|---|");
    for (what, figure, target) in &t.0 {
        println!("| {} | {figure} | {target} |", what.trim());
    }
}

/// Probes of the shared photo set (or the fixtures' photos when it is absent).
fn real_probes() -> (Vec<Probe>, Vec<linkvet::imaging::Fingerprint>) {
    let shared = std::env::var_os("LINKVET_PHOTOS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/photos"));
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["originals", "variants"] {
        if let Ok(rd) = std::fs::read_dir(shared.join(sub)) {
            files.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    if files.is_empty() {
        files.extend(
            std::fs::read_dir(fixtures().join("reports/photos")).expect("photos").filter_map(|e| Some(e.ok()?.path())),
        );
    }
    files.sort();
    let mut probes = Vec::new();
    let mut fps = Vec::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let Ok(img) = im::decode_untrusted(&bytes) else { continue };
        let (fp, probe) = im::fingerprint_and_probe(&img);
        probes.push(probe);
        if f.to_string_lossy().contains("originals") || fps.len() < 40 {
            fps.push(fp);
        }
    }
    (probes, fps)
}

fn photo_search(t: &mut Table, hashes: usize) {
    let near_share = std::env::var("SCALE_NEAR").ok().and_then(|v| v.parse().ok()).unwrap_or(0.01);
    let (probes, fps) = real_probes();
    let mut index: PhotoIndex<u32> = PhotoIndex::new();
    let mut rng = SplitMix::new(42);
    let started = Instant::now();
    // The real originals, so that searches find true matches among the noise.
    for (k, fp) in fps.iter().enumerate() {
        index.insert(k as u32, fp);
    }
    let real_views: Vec<(u64, u64)> = fps.iter().flat_map(|f| f.views().iter().map(|v| (v.phash, v.dgrad))).collect();
    let mut key = fps.len() as u32;
    let mut added = index.hash_count();
    while added < hashes {
        // Four views per synthetic photo, as a stored fingerprint has. A share of them
        // (`SCALE_NEAR`, default 1 %) are near-copies of a real photo (a few bits flipped), so
        // probes meet crowded buckets too, as re-uploads of one stock photo would make them.
        let near = rng.chance(near_share);
        for _ in 0..4 {
            let (phash, dgrad) = if near {
                let (p, d) = real_views[rng.below(real_views.len())];
                let flips = |r: &mut SplitMix, bits: u32, n: usize| {
                    (0..n).fold(0u64, |m, _| m | 1 << (r.next_u64() % bits as u64))
                };
                let (np, nd) = (6 + rng.below(10), 4 + rng.below(8));
                let (fp_, fd) = (flips(&mut rng, 64, np), flips(&mut rng, 40, nd));
                (p ^ fp_, d ^ fd)
            } else {
                (rng.next_u64(), rng.next_u64() & ((1 << 40) - 1))
            };
            index.insert_raw(key, phash, dgrad);
            added += 1;
        }
        key += 1;
    }
    index.compact();
    let built = started.elapsed();
    t.row(
        &format!("photo index build: {} hashes ({} photos, {near_share} near-copies)", index.hash_count(), index.len()),
        format!("{:.2} s", built.as_secs_f64()),
        "-",
    );
    t.row("  index memory (own estimate)", format!("{:.0} MiB", index.memory_bytes() as f64 / (1 << 20) as f64), "-");
    let mut times = Vec::new();
    let mut slowest = (0.0f64, 0usize, 0usize);
    let mut found = 0usize;
    for _ in 0..3 {
        for p in &probes {
            let s = Instant::now();
            let hits = index.search(p, 10);
            let ms = s.elapsed().as_secs_f64() * 1000.0;
            if ms > slowest.0 {
                slowest = (ms, p.views().len(), hits.len());
            }
            times.push(ms);
            found += usize::from(hits.first().is_some_and(|&(_, d)| d <= im::MATCH_THRESHOLD));
        }
    }
    times.sort_by(f64::total_cmp);
    let what = format!("photo search, {} real probes × 3 against {} hashes", probes.len(), index.hash_count());
    t.row(&format!("{what}: median"), format!("{:.3} ms", percentile(&times, 0.5)), "≤ 5 ms");
    t.row("  p99", format!("{:.3} ms", percentile(&times, 0.99)), "≤ 5 ms");
    t.row("  max", format!("{:.3} ms", percentile(&times, 1.0)), "-");
    println!("    (probes whose best candidate was a match: {found} of {})", times.len());
    println!("    (slowest search: {:.3} ms, a probe of {} views, {} candidates)", slowest.0, slowest.1, slowest.2);
}

/// `linkvet stats` over the checked database (issue 17): all time in each format, and one
/// month as a manager would ask for it.
fn stats(t: &mut Table, db: &str, n: usize, runs: usize) {
    for (label, args) in [
        ("stats --format json (all time)", vec!["--db", db, "stats", "--format", "json"]),
        ("stats (table, all time)", vec!["--db", db, "stats"]),
        ("stats --format markdown (all time)", vec!["--db", db, "stats", "--format", "markdown"]),
        ("stats --format csv (all time)", vec!["--db", db, "stats", "--format", "csv"]),
        (
            "stats --format markdown, one month",
            vec!["--db", db, "stats", "--format", "markdown", "--since", "2026-06-01", "--until", "2026-06-30"],
        ),
    ] {
        let mut walls = Vec::new();
        let mut cpus = Vec::new();
        let mut peak = 0;
        for _ in 0..runs {
            let m = linkvet(&args, false);
            walls.push(m.wall.as_secs_f64());
            cpus.push(m.cpu);
            peak = peak.max(m.peak_kib);
        }
        let figure = format!("{:.2} s (cpu {:.2} s)", median(walls), median(cpus));
        t.row(&format!("{label} over {n}, median"), figure, "≤ 1 s");
        t.row("  peak memory of those stats", mib(peak), "-");
    }
}
