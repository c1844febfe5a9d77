//! Stamps the build with the commit and date `linkvet --version` prints.
//!
//! From a git checkout the commit is `git rev-parse`'s; from a tarball without `.git` (or
//! without git installed) it is `LINKVET_COMMIT` if the packager set it, else "unknown". The
//! date honours `SOURCE_DATE_EPOCH` so that reproducible builds stay reproducible.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=LINKVET_COMMIT");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let commit = std::env::var("LINKVET_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]))
        .unwrap_or_else(|| "unknown".to_owned());
    // Rebuild the stamp when HEAD moves (a worktree's HEAD lives in its own git folder).
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        println!("cargo:rerun-if-changed={dir}/HEAD");
        if let (Some(reference), Some(common)) =
            (git(&["symbolic-ref", "-q", "HEAD"]), git(&["rev-parse", "--git-common-dir"]))
        {
            println!("cargo:rerun-if-changed={common}/{reference}");
        }
    }
    let secs =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        });
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    println!("cargo:rustc-env=LINKVET_COMMIT={commit}");
    println!("cargo:rustc-env=LINKVET_BUILD_DATE={y:04}-{m:02}-{d:02}");
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (H. Hinnant's
/// `civil_from_days`), so the build script needs no date crate.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}
