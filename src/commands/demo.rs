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

pub fn generate(_dir: &Path, _count: usize, _photos: bool, _seed: u64, _out: &mut Out) -> Result<(), Failure> {
    Err(Failure::usage("demo generate is not available yet in this build"))
}
