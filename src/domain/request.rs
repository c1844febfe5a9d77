//! A request: one imported report, its stored photo, its status and its latest evidence.

use super::{Evidence, Report, RiskLevel, Status};
use serde::Serialize;

/// What a check sees of one request.
#[derive(Debug, Clone)]
pub struct RequestSnapshot {
    pub id: i64,
    pub report: Report,
    /// SHA-256 (hex) of the stored profile photo, if any.
    pub photo_sha256: Option<String>,
}

/// A queue row: what lists and the queue pane show, without the whole report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestRow {
    pub id: i64,
    pub external_id: Option<String>,
    pub received_at: String,
    pub sender: String,
    pub recipient: String,
    pub platform: String,
    pub status: Status,
    pub risk: Option<u8>,
    pub level: Option<RiskLevel>,
    /// Officer and time of the decision behind the current status, if decided.
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// The report came with a profile photo (stored with it). Without one, the photo pane has
    /// nothing to load and can say so at once.
    pub has_photo: bool,
    pub checks: Vec<Evidence>,
}
