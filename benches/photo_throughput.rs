//! Throughput of linkvet's photo pipeline as import runs it, per file on one core: read, decode
//! (`decode_untrusted`) and hash (`fingerprint_and_probe`: the stored fingerprint and the query
//! probe), over the shared photo set (`cargo bench --bench photo_throughput`). `benches/peers.sh`
//! runs the same files through Python's imagehash and pdqhash for comparison.
//!
//! Photos: `$LINKVET_PHOTOS`, else `../shared/photos`. Prints `files_per_second=<n>` last.

use linkvet::imaging as im;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = std::env::var_os("LINKVET_PHOTOS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/photos")));
    let mut files: Vec<PathBuf> = ["originals", "variants"]
        .iter()
        .filter_map(|sub| std::fs::read_dir(dir.join(sub)).ok())
        .flat_map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no photos under {}", dir.display());
    let rounds = 3;
    let mut best = f64::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        for f in &files {
            let bytes = std::fs::read(f).expect("read");
            let img = im::decode_untrusted(&bytes).expect("decode");
            std::hint::black_box(im::fingerprint_and_probe(&img));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }
    let mut probe_only = f64::MAX;
    for _ in 0..rounds {
        let started = Instant::now();
        for f in &files {
            let bytes = std::fs::read(f).expect("read");
            let img = im::decode_untrusted(&bytes).expect("decode");
            std::hint::black_box(im::probe(&img));
        }
        probe_only = probe_only.min(started.elapsed().as_secs_f64());
    }
    println!("files: {} in {}", files.len(), dir.display());
    println!(
        "decode + fingerprint + probe (as import): {:.1} files/s, {:.2} ms/file (best of {rounds})",
        files.len() as f64 / best,
        best * 1000.0 / files.len() as f64
    );
    println!(
        "decode + probe (as photo search):         {:.1} files/s, {:.2} ms/file (best of {rounds})",
        files.len() as f64 / probe_only,
        probe_only * 1000.0 / files.len() as f64
    );
    println!("files_per_second={:.1}", files.len() as f64 / probe_only);
}
