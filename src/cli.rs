//! Command-line definitions (the contract in the shared CLI spec): names, flags and defaults.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// `linkvet 0.1.0 (commit 1a2b3c4d5e6f, built 2026-12-01)`, from the build script.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("LINKVET_COMMIT"),
    ", built ",
    env!("LINKVET_BUILD_DATE"),
    ")"
);

#[derive(Debug, Parser)]
#[command(
    name = "linkvet",
    version = VERSION,
    about = "Triage suspicious connection requests: a keyboard-driven workstation and a headless CLI"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    /// Open the workstation on a fresh throw-away database seeded with the built-in demo data.
    #[arg(long)]
    pub demo: bool,
    /// Workstation: also import files dropped into DIR as they appear (see `linkvet watch`)
    #[arg(long, value_name = "DIR")]
    pub watch: Option<PathBuf>,
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
    /// Workstation colour theme: default, light, high-contrast, monochrome, or a file's name in the config directory
    #[arg(long, value_name = "NAME")]
    pub theme: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import approach reports, LinkedIn exports and forwarded e-mails (all files or none)
    Import {
        /// Approach reports (.jsonl, .json), a LinkedIn Invitations.csv or export .zip, e-mail (.eml, .mbox, a Maildir folder), any file also as .gz
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        intake: IntakeArgs,
    },
    /// Reference photos (known stock or fake-persona photos)
    #[command(subcommand)]
    Reference(ReferenceCommand),
    /// The watchlist of known personas, organisations and infrastructure
    #[command(subcommand)]
    Watchlist(WatchlistCommand),
    /// (Re)run every check; no ID = every request
    Check {
        /// Requests to check (numbers or report ids), and those linked to them
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
        /// Which requests: pending, accepted, flagged, reported or all
        #[arg(long, default_value = "pending", value_name = "STATUS")]
        status: StatusArg,
        /// table for people; json (one object per line, JSON Lines) or csv for scripts
        #[arg(long, default_value = "table")]
        format: QueueFormat,
    },
    /// Show one request whole: report, evidence, decision history
    Show {
        /// The request's number or the report's own id
        #[arg(value_name = "ID")]
        id: String,
        /// text for people, json for scripts
        #[arg(long, default_value = "text")]
        format: ShowFormat,
    },
    /// Decide a request: accept, flag or report
    Decide {
        /// The request's number or the report's own id
        #[arg(value_name = "ID")]
        id: String,
        /// accept (genuine), flag (keep an eye on it) or report (escalate)
        action: DecisionArg,
        /// Why; required for report
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
        /// Only a decision on this request (number or report id)
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
        /// Reported requests to export (numbers or report ids)
        #[arg(required = true, value_name = "ID")]
        ids: Vec<String>,
        /// stix (STIX 2.1 bundle), misp (MISP event), thehive (TheHive 5 alert) or markdown
        #[arg(long)]
        format: ExportFormat,
        /// Folder to write one bundle folder per request into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Traffic Light Protocol level marked on every format
        #[arg(long, default_value = "amber")]
        tlp: Tlp,
        /// Permissible Actions Protocol level of a TheHive alert
        #[arg(long, default_value = "amber")]
        pap: Pap,
        /// Also name the approached official (by default only their role and organisation travel)
        #[arg(long)]
        include_recipient: bool,
    },
    /// Demo data tools
    #[command(subcommand)]
    Demo(DemoCommand),

    // Intake and conventions (second wave): kept together so other additions merge cleanly.
    /// Create an empty database (no other read or decide command ever creates one)
    Init,
    /// Import files as they appear in DIR, moving each to DIR/done/ or DIR/rejected/
    Watch {
        /// The spool folder; write files as NAME.tmp (or .NAME) and rename them when complete
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[command(flatten)]
        intake: IntakeArgs,
        /// Seconds a file's size and time must stay unchanged before it is taken
        #[arg(long, default_value_t = 2.0, value_name = "SECS")]
        settle: f64,
        /// Seconds between looks at the folder
        #[arg(long, default_value_t = 1.0, value_name = "SECS")]
        interval: f64,
        /// Take what is complete now, then exit (for cron and scripts)
        #[arg(long)]
        once: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `linkvet manpage > linkvet.1`
    Manpage,
    /// The threat picture in figures: approaches per week, platforms, risk, decisions,
    /// organisations and roles approached, campaigns, matches, decision times, per-officer counts
    Stats(StatsArgs),
}

/// How `import` and `watch` read their files.
#[derive(Debug, Args, Clone, Default)]
pub struct IntakeArgs {
    /// Don't run the checks on the new requests (run `linkvet check` later)
    #[arg(long)]
    pub no_check: bool,
    /// Date order of LinkedIn exports whose dates could be either (05/10/26)
    #[arg(long, value_name = "dmy|mdy")]
    pub date_order: Option<DateOrderArg>,
    /// Time zone of times written without one (LinkedIn exports, forwarded e-mails), e.g. Europe/London [default: UTC]
    #[arg(long, value_name = "ZONE", value_parser = parse_tz)]
    pub tz: Option<chrono_tz::Tz>,
    /// Who reported, for reports that do not say (LinkedIn exports)
    #[arg(long, value_name = "NAME")]
    pub reporter: Option<String>,
    /// The approached official's organisation, for reports that do not say
    #[arg(long, value_name = "ORG")]
    pub recipient_org: Option<String>,
}

fn parse_tz(text: &str) -> Result<chrono_tz::Tz, String> {
    text.parse::<chrono_tz::Tz>().map_err(|_| format!("{text:?} is not a time zone name such as UTC or Europe/London"))
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DateOrderArg {
    /// Day first: 05/10/26 is 5 October
    Dmy,
    /// Month first: 05/10/26 is 10 May
    Mdy,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum QueueFormat {
    Table,
    Json,
    Csv,
}

/// Permissible Actions Protocol 2.0.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Pap {
    Clear,
    Green,
    Amber,
    Red,
}

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Add a folder of images under a label
    Add {
        /// Folder of JPEG, PNG, WebP or GIF images
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// stock, hostile, or a label of your own
        #[arg(long)]
        label: String,
        /// Where the photos came from
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum WatchlistCommand {
    /// Import a CSV (kind,value,note), a MISP event JSON or feed folder, or a STIX 2.1 bundle
    Import {
        /// watchlist.csv, a MISP event .json, a MISP feed folder (manifest.json), or a STIX 2.1 bundle .json
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum PhotoCommand {
    /// Match image files against reference photos and every request's photo
    Search {
        /// Image files to look for
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// table for people, json for scripts
        #[arg(long, default_value = "table")]
        format: ListFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Print audit entries, oldest first
    Log {
        /// table for people; json (one object per line) or csv for scripts
        #[arg(long, default_value = "table")]
        format: AuditFormat,
        /// Only entries by this officer
        #[arg(long, value_name = "NAME")]
        officer: Option<String>,
        /// Only entries about this request
        #[arg(long, value_name = "ID")]
        request: Option<String>,
        /// Only entries of this action (accept, flag, report, undo, note, export)
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
        /// How many reports
        #[arg(long, default_value_t = 1000)]
        count: usize,
        /// Folder to write reports.jsonl (and photos/) into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Also write photos derived from the demo photos
        #[arg(long)]
        photos: bool,
        /// Random seed: the same seed gives the same reports
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
    Thehive,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `--help` describes every argument of every command: a flag without words is a trap.
    #[test]
    fn every_argument_and_command_has_a_description() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {} (command)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "linkvet", &mut missing);
        assert!(missing.is_empty(), "no description: {missing:#?}");
        Cli::command().debug_assert();
    }

    /// `--theme` is the workstation's: a subcommand does not offer it.
    #[test]
    fn the_theme_belongs_to_the_workstation_only() {
        assert!(Cli::try_parse_from(["linkvet", "--theme", "light"]).is_ok());
        assert!(Cli::try_parse_from(["linkvet", "list", "--theme", "light"]).is_err());
    }
}
