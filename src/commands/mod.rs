//! What each subcommand does: opens the store, calls the domain, ingest and store code, and
//! prints for people (tables, text) or scripts (JSON, CSV). Exit codes follow the CLI spec.

mod audit;
mod demo;
mod export;
mod import;
mod inspect;
mod output;
mod stats;
mod watch;

use crate::cli::{AuditCommand, Cli, Command, DemoCommand, PhotoCommand, ReferenceCommand, WatchlistCommand};
use crate::ingest::IngestError;
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};

pub use demo::seed_demo;
pub use output::Out;

/// Why a command stopped, and the exit code that says so.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    /// Exit 1: the command ran and found a problem.
    pub fn problem(message: impl Into<String>) -> Self {
        Failure { code: 1, message: message.into() }
    }

    /// Exit 2: bad usage or bad input; nothing was written.
    pub fn usage(message: impl Into<String>) -> Self {
        Failure { code: 2, message: message.into() }
    }

    /// Exit 0 without a message: the reader of our output went away (`| head`).
    fn closed_pipe() -> Self {
        Failure { code: 0, message: String::new() }
    }
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            e if e.is_unavailable() => 3,
            StoreError::NoSuchRequest(_)
            | StoreError::Invalid(_)
            | StoreError::NewerSchema { .. }
            | StoreError::Missing(_)
            | StoreError::NotADatabase { .. } => 2,
            _ => 1,
        };
        Failure { code, message: e.to_string() }
    }
}

impl From<IngestError> for Failure {
    fn from(e: IngestError) -> Self {
        Failure::usage(format!("{e}\nnothing was imported; the database is unchanged"))
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::closed_pipe()
        } else {
            Failure::problem(e.to_string())
        }
    }
}

/// Who is acting: the name recorded as officer, and the operating-system user behind it.
#[derive(Debug, Clone)]
pub struct Identity {
    pub officer: String,
    pub os_user: String,
}

impl Identity {
    pub fn resolve(officer: Option<&str>) -> Identity {
        let os_user = os_user_name();
        let officer =
            officer.map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).unwrap_or_else(|| os_user.clone());
        Identity { officer, os_user }
    }
}

/// The login name of the real uid (not `$USER`, which anyone can set).
pub fn os_user_name() -> String {
    let uid = uzers::get_current_uid();
    uzers::get_user_by_uid(uid).map(|u| u.name().to_string_lossy().into_owned()).unwrap_or_else(|| format!("uid:{uid}"))
}

pub fn default_db_path() -> Result<PathBuf, Failure> {
    directories::ProjectDirs::from("", "", "linkvet")
        .map(|d| d.data_dir().join("linkvet.db"))
        .ok_or_else(|| Failure::usage("no home directory to keep the database in; give --db PATH"))
}

/// Opens the database for a command that reads or decides: it must already exist.
pub fn open_store(db: &Path) -> Result<Store, Failure> {
    Ok(Store::open_existing(db)?)
}

/// Opens the database for a command that adds data, creating it if it is not there yet.
pub fn create_store(db: &Path) -> Result<Store, Failure> {
    Ok(Store::open(db)?)
}

/// Runs a headless subcommand.
pub fn run(cli: Cli, db: &Path) -> Result<(), Failure> {
    let id = Identity::resolve(cli.global.officer.as_deref());
    let Some(command) = cli.command else { return Err(Failure::usage("no command")) };
    let mut out = Out::stdout();
    match command {
        Command::Import { files, intake } => import::import(db, &files, &intake, &mut out),
        Command::Reference(ReferenceCommand::Add { dir, label, source }) => {
            import::reference_add(db, &dir, &label, source.as_deref(), &mut out)
        }
        Command::Watchlist(WatchlistCommand::Import { file }) => import::watchlist_import(db, &file, &mut out),
        Command::Check { ids, stale } => import::check(db, &ids, stale, &mut out),
        Command::Photo(PhotoCommand::Search { files, format }) => inspect::photo_search(db, &files, format, &mut out),
        Command::List { status, format } => inspect::list(db, status, format, &mut out),
        Command::Show { id, format } => inspect::show(db, &id, format, &mut out),
        Command::Decide { id: rid, action, note, force, officer } => {
            let id = officer.as_deref().map(|o| Identity::resolve(Some(o))).unwrap_or(id);
            audit::decide(db, &id, &rid, action, note, force, &mut out)
        }
        Command::Undo { id: rid, officer } => {
            let id = officer.as_deref().map(|o| Identity::resolve(Some(o))).unwrap_or(id);
            audit::undo(db, &id, rid.as_deref(), &mut out)
        }
        Command::Audit(AuditCommand::Log { format, officer, request, action, since }) => {
            audit::log(db, format, officer, request, action, since, &mut out)
        }
        Command::Audit(AuditCommand::Verify { anchor }) => audit::verify(db, anchor.as_deref(), &mut out),
        Command::Audit(AuditCommand::Anchor) => audit::anchor(db, &mut out),
        Command::Export { ids, format, out: dir, tlp, pap, include_recipient } => {
            export::export(db, &id, &ids, format, &dir, tlp, pap, include_recipient, &mut out)
        }
        Command::Demo(DemoCommand::Generate { count, out: dir, photos, seed }) => {
            demo::generate(&dir, count, photos, seed, &mut out)
        }
        // Intake and conventions (second wave).
        Command::Init => import::init(db, &mut out),
        Command::Watch { dir, intake, settle, interval, once } => {
            watch::watch(db, &dir, &intake, watch::Timing::from_secs(settle, interval)?, once, &mut out)
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut cmd, "linkvet", &mut buf);
            out.bytes(&buf).map_err(Failure::from)
        }
        Command::Manpage => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command()).render(&mut buf)?;
            out.bytes(&buf).map_err(Failure::from)
        }
        Command::Stats(args) => stats::stats(db, &args, &mut out),
    }?;
    out.flush()?;
    Ok(())
}
