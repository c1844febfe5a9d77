//! Watchlist entries: known persona names, front organisations and infrastructure.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WatchKind {
    Name,
    Url,
    Domain,
    Email,
    Phone,
    Org,
    Text,
    /// A photo's SHA-256 (lower-case hex), as partners share persona pictures.
    Photo,
}

impl WatchKind {
    pub const NAMES: &'static str = "name, url, domain, email, phone, org, text, photo";

    pub fn as_str(self) -> &'static str {
        match self {
            WatchKind::Name => "name",
            WatchKind::Url => "url",
            WatchKind::Domain => "domain",
            WatchKind::Email => "email",
            WatchKind::Phone => "phone",
            WatchKind::Org => "org",
            WatchKind::Text => "text",
            WatchKind::Photo => "photo",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "name" => WatchKind::Name,
            "url" => WatchKind::Url,
            "domain" => WatchKind::Domain,
            "email" => WatchKind::Email,
            "phone" => WatchKind::Phone,
            "org" => WatchKind::Org,
            "text" => WatchKind::Text,
            "photo" => WatchKind::Photo,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchlistEntry {
    pub kind: WatchKind,
    pub value: String,
    pub note: String,
    /// Where the row came from: the CSV file's name, or the MISP event / STIX bundle and its
    /// producer.
    #[serde(default)]
    pub source: String,
}
