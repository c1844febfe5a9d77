//! Plain types and rules of the triage domain: reports, requests, decisions,
//! evidence, risk and the audit chain. Nothing here knows about the terminal,
//! SQL or async runtimes.

pub mod audit;
pub mod decision;
pub mod evidence;
pub mod partial_date;
pub mod report;
pub mod request;
pub mod stats;
pub mod watchlist;

pub use audit::{AuditEntry, ChainState, GENESIS_HASH};
pub use decision::{Action, Status};
pub use evidence::{Evidence, RiskLevel, Verdict};
pub use partial_date::PartialDate;
pub use report::{Education, Experience, Platform, Recipient, Report, Sender, ThreadMessage};
pub use request::{RequestRow, RequestSnapshot};
pub use watchlist::{WatchKind, WatchlistEntry};
