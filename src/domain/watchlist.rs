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
}

impl WatchKind {
    pub const NAMES: &'static str = "name, url, domain, email, phone, org, text";

    pub fn as_str(self) -> &'static str {
        match self {
            WatchKind::Name => "name",
            WatchKind::Url => "url",
            WatchKind::Domain => "domain",
            WatchKind::Email => "email",
            WatchKind::Phone => "phone",
            WatchKind::Org => "org",
            WatchKind::Text => "text",
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
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WatchlistEntry {
    pub kind: WatchKind,
    pub value: String,
    pub note: String,
}
