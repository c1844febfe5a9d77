//! The built-in demo: fixtures compiled into the binary, unpacked into a throw-away folder
//! and imported like any officer's files would be.

use super::{Failure, Out};
use crate::store::Store;
use include_dir::{Dir, include_dir};
use std::path::{Path, PathBuf};

static FIXTURES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/fixtures");

/// Unpacks the demo fixtures into `dir` and seeds a new database there with the reports,
/// reference photos and watchlist, checked. Returns the database path.
pub fn seed_demo(dir: &Path) -> Result<PathBuf, Failure> {
    let files = dir.join("fixtures");
    for sub in ["reports", "reference", "watchlist.csv"] {
        let Some(entry) = FIXTURES.get_entry(sub) else { continue };
        unpack(entry, &files)?;
    }
    let db = dir.join("linkvet.db");
    let reports = crate::ingest::read_reports(&files.join("reports/demo.jsonl"))?;
    let refs = crate::ingest::reference::read_folder(&files.join("reference/stock"))?;
    let watch = crate::ingest::watchlist::read_watchlist(&files.join("watchlist.csv"))?;
    let mut store = Store::open(&db)?;
    store.add_references(&refs, "stock", Some("demo stock-photo corpus"))?;
    store.add_watchlist(&watch)?;
    store.import_reports(&[("fixtures/reports/demo.jsonl".to_owned(), reports)])?;
    crate::analysis::refresh_stale(&mut store, |_, _| {})?;
    Ok(db)
}

fn unpack(entry: &include_dir::DirEntry<'_>, root: &Path) -> Result<(), Failure> {
    let io = |e: std::io::Error| Failure::problem(format!("cannot unpack the demo data: {e}"));
    match entry {
        include_dir::DirEntry::Dir(d) => {
            std::fs::create_dir_all(root.join(d.path())).map_err(io)?;
            for e in d.entries() {
                unpack(e, root)?;
            }
        }
        include_dir::DirEntry::File(f) => {
            let path = root.join(f.path());
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(io)?;
            }
            std::fs::write(path, f.contents()).map_err(io)?;
        }
    }
    Ok(())
}

/// `demo generate`: synthetic reports (and photos) derived from the built-in fixtures.
pub fn generate(dir: &Path, count: usize, photos: bool, seed: u64, out: &mut Out) -> Result<(), Failure> {
    let text = |path: &str| {
        FIXTURES
            .get_file(path)
            .and_then(|f| f.contents_utf8())
            .ok_or_else(|| Failure::problem(format!("the built-in fixture {path} is missing")))
    };
    let photo_files = FIXTURES.get_dir("reports/photos").map(|d| d.files().collect::<Vec<_>>()).unwrap_or_default();
    let sources = crate::demo_gen::GeneratorSources {
        reports_jsonl: text("reports/demo.jsonl")?,
        labels_csv: text("labels.csv")?,
        photos: photo_files
            .iter()
            .filter_map(|f| Some((f.path().file_name()?.to_str()?.to_owned(), f.contents())))
            .collect(),
    };
    let done = crate::demo_gen::generate(&sources, dir, count, photos, seed).map_err(Failure::problem)?;
    out.line(format!(
        "wrote {} reports ({} hostile, {} genuine) and {} photos to {}",
        done.reports,
        done.hostile,
        done.reports - done.hostile,
        done.photos,
        dir.join("reports.jsonl").display()
    ))?;
    Ok(())
}
