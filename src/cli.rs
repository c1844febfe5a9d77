//! Command-line definitions (the contract in the shared CLI spec): names, flags and defaults.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "linkvet",
    version,
    about = "Triage suspicious connection requests: a keyboard-driven workstation and a headless CLI"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the workstation on a fresh throw-away database seeded with the built-in demo data.
    #[arg(long)]
    pub demo: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Database file [default: linkvet.db in the platform data directory]
    #[arg(long, env = "LINKVET_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// The officer's name, recorded with every decision [default: the login name]
    #[arg(long, env = "LINKVET_OFFICER", value_name = "NAME")]
    pub officer: Option<String>,
    /// Colour theme: default, light, high-contrast, monochrome, or a file's name in the config directory
    #[arg(long, global = true, value_name = "NAME")]
    pub theme: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import approach reports (.jsonl / .json) or a LinkedIn Invitations.csv
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Don't run the checks on the new requests (run `linkvet check` later)
        #[arg(long)]
        no_check: bool,
    },
    /// Reference photos (known stock or fake-persona photos)
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// The watchlist of known personas, organisations and infrastructure
    #[command(subcommand)]
    Watchlist(WatchlistCommand),
    /// (Re)run every check; no ID = every request
    Check {
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// Only requests whose evidence is missing or out of date
        #[arg(long, conflicts_with = "ids")]
        stale: bool,
    },
    /// Offline reverse image search
    #[command(subcommand)]
    Photo(PhotoCommand),
    /// List requests, highest risk first
    List {
        #[arg(long, default_value = "pending", value_name = "STATUS")]
        status: StatusArg,
        #[arg(long, default_value = "table")]
        format: ListFormat,
    },
    /// Show one request whole: report, evidence, decision history
    Show {
        #[arg(value_name = "ID")]
        id: String,
        #[arg(long, default_value = "text")]
        format: ShowFormat,
    },
    /// Decide a request: accept, flag or report
    Decide {
        #[arg(value_name = "ID")]
        id: String,
        action: DecisionArg,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Decide even if another officer's decision stands
        #[arg(long)]
        force: bool,
        /// The officer deciding [default: the login name]
        #[arg(long, env = "LINKVET_OFFICER", value_name = "NAME")]
        officer: Option<String>,
    },
    /// Undo your latest decision (on ID if given); recorded as a new audit entry
    Undo {
        #[arg(value_name = "ID")]
        id: Option<String>,
        /// The officer whose decision is undone [default: the login name]
        #[arg(long, env = "LINKVET_OFFICER", value_name = "NAME")]
        officer: Option<String>,
    },
    /// The audit trail
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Write escalation bundles
    Export {
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        #[arg(long)]
        format: ExportFormat,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[arg(long, default_value = "amber")]
        tlp: Tlp,
        /// Also name the approached official (by default only their role and organisation travel)
        #[arg(long)]
        include_recipient: bool,
    },
    /// Demo data tools
    #[command(subcommand)]
    Demo(DemoCommand),
    /// The threat picture in figures: approaches per week, platforms, risk, decisions,
    /// organisations and roles approached, campaigns, matches, decision times, per-officer counts
    Stats(StatsArgs),
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Add a folder of images under a label
    Add {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[arg(long)]
        label: String,
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum WatchlistCommand {
    /// Import a CSV with header kind,value,note
    Import {
        #[arg(value_name = "FILE.csv")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Match image files against reference photos and every request's photo
    Search {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[arg(long, default_value = "table")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print audit entries, oldest first
    Log {
        #[arg(long, default_value = "table")]
        format: AuditFormat,
        /// Only entries by this officer
        #[arg(long, value_name = "NAME")]
        officer: Option<String>,
        /// Only entries about this request
        #[arg(long, value_name = "ID")]
        request: Option<String>,
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
        /// RFC 3339 time or YYYY-MM-DD
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
    },
    /// Walk the hash chain; exit 1 at the first broken entry
    Verify {
        /// An anchor line printed earlier by `audit anchor`, or a file holding one
        #[arg(long, value_name = "LINE-or-FILE")]
        anchor: Option<String>,
    },
    /// Print the chain's head as one line to keep outside this host
    Anchor,
}

#[derive(Debug, Subcommand)]
pub enum DemoCommand {
    /// Generate synthetic approach reports
    Generate {
        #[arg(long, default_value_t = 1000)]
        count: usize,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Also write photos derived from the demo photos
        #[arg(long)]
        photos: bool,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatusArg {
    Pending,
    Accepted,
    Flagged,
    Reported,
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum AuditFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DecisionArg {
    Accept,
    Flag,
    Report,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Stix,
    Misp,
    Markdown,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Tlp {
    Clear,
    Green,
    Amber,
    #[value(name = "amber+strict")]
    AmberStrict,
    Red,
}

// ── `linkvet stats` (issue 17) ──────────────────────────────────────────────────────────────

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// First day counted, YYYY-MM-DD (UTC, from 00:00) [default: the first approach]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Last day counted, YYYY-MM-DD (UTC, to the end of that day) [default: open]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Count only requests with this status, as the queue's views do
    #[arg(long, default_value = "all", value_name = "STATUS")]
    pub status: StatusArg,
    /// Count only requests matching this text, as the queue's `/` filter does
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,
    /// table for people, json or csv for scripts, markdown for a briefing
    #[arg(long, default_value = "table")]
    pub format: StatsFormat,
    /// Name the officials approached most (by default only how many there were)
    #[arg(long)]
    pub include_recipients: bool,
    /// Rows shown of each ranking (organisations, roles, campaigns, matches)
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub top: u16,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatsFormat {
    Table,
    Json,
    Csv,
    Markdown,
}
