//! Shared helpers for the integration tests: a throw-away database and the binary under test.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// A temporary folder holding `case/linkvet.db`.
pub struct Case {
    pub dir: tempfile::TempDir,
}

impl Case {
    pub fn new() -> Case {
        Case { dir: tempfile::tempdir().unwrap() }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("case").join("linkvet.db")
    }

    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("linkvet").unwrap();
        c.env("LINKVET_DB", self.db()).env("LINKVET_OFFICER", "alice").env_remove("NO_COLOR");
        c
    }

    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "linkvet {args:?} failed: {}\n{}",
            String::from_utf8_lossy(&out.stderr),
            String::from_utf8_lossy(&out.stdout)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Imports the demo reports, reference photos and watchlist, checked.
    pub fn with_demo(self) -> Case {
        let f = fixtures();
        self.run_ok(&["reference", "add", f.join("reference/stock").to_str().unwrap(), "--label", "stock"]);
        self.run_ok(&["watchlist", "import", f.join("watchlist.csv").to_str().unwrap()]);
        self.run_ok(&["import", f.join("reports/demo.jsonl").to_str().unwrap()]);
        self
    }

    pub fn json_lines(&self, args: &[&str]) -> Vec<serde_json::Value> {
        self.run_ok(args).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    }

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).unwrap()
    }
}
