//! The approach report, `linkvet.report/1`, as the shared report-format spec defines it.
//!
//! Field names, types and optionality follow the spec exactly; unknown keys at the top level and
//! in `sender` are kept verbatim in `extra` (shown to officers, never trusted by a check).

use super::PartialDate;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The only schema this code reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Schema {
    #[default]
    #[serde(rename = "linkvet.report/1")]
    V1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    Linkedin,
    Facebook,
    X,
    Instagram,
    Github,
    Email,
    Other,
}

impl Platform {
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Linkedin => "linkedin",
            Platform::Facebook => "facebook",
            Platform::X => "x",
            Platform::Instagram => "instagram",
            Platform::Github => "github",
            Platform::Email => "email",
            Platform::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(s.to_owned())).ok()
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An RFC 3339 timestamp, strictly parsed, keeping the producer's offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub DateTime<FixedOffset>);

impl Timestamp {
    pub fn parse(text: &str) -> Option<Self> {
        // chrono's RFC 3339 parser also takes a space for `T`; the spec's producers must not.
        if text.as_bytes().get(10) != Some(&b'T') && text.as_bytes().get(10) != Some(&b't') {
            return None;
        }
        DateTime::parse_from_rfc3339(text).ok().map(Timestamp)
    }

    pub fn utc(&self) -> DateTime<chrono::Utc> {
        self.0.with_timezone(&chrono::Utc)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!("not an RFC 3339 time (e.g. 2026-11-02T09:14:00Z): {text:?}"))
        })
    }
}

pub type Extra = serde_json::Map<String, serde_json::Value>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema: Schema,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub received_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reported_at: Option<Timestamp>,
    pub platform: Platform,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter: Option<String>,
    pub recipient: Recipient,
    pub sender: Sender,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub thread: Vec<ThreadMessage>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Unknown top-level keys, kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Sender {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Path of the photo relative to the report file, as written by the producer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connections: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followers: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutual_connections: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub photo_updated: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub verifications: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_posts: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub experience: Vec<Experience>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub education: Vec<Education>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub websites: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub phones: Vec<String>,
    /// Unknown `sender` keys, kept verbatim.
    #[serde(flatten)]
    pub extra: Extra,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    pub org: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// `None` means current (the spec's `end: null`) or not given.
    #[serde(default)]
    pub end: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Education {
    pub school: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degree: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    Sender,
    Recipient,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreadMessage {
    pub at: Timestamp,
    pub from: Party,
    pub text: String,
}

fn null_as_empty<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

impl Report {
    /// Every piece of free text the sender wrote or shows, labelled by where it came from,
    /// for checks that scan text.
    pub fn sender_texts(&self) -> Vec<(String, &str)> {
        let mut out: Vec<(String, &str)> = Vec::new();
        let s = &self.sender;
        out.push(("sender.name".into(), &s.name));
        for (label, v) in
            [("sender.headline", &s.headline), ("sender.location", &s.location), ("sender.about", &s.about)]
        {
            if let Some(v) = v {
                out.push((label.into(), v));
            }
        }
        if let Some(m) = &self.message {
            out.push(("message".into(), m));
        }
        for (i, t) in self.thread.iter().enumerate() {
            if t.from == Party::Sender {
                out.push((format!("thread[{i}]"), &t.text));
            }
        }
        out
    }

    /// A minimal valid report, for tests and generators.
    pub fn minimal(received_at: &str, sender: &str, recipient: &str) -> Self {
        Report {
            schema: Schema::V1,
            id: None,
            received_at: Timestamp::parse(received_at).expect("valid RFC 3339"),
            reported_at: None,
            platform: Platform::Linkedin,
            reporter: None,
            recipient: Recipient { name: recipient.into(), ..Default::default() },
            sender: Sender { name: sender.into(), ..Default::default() },
            message: None,
            thread: Vec::new(),
            notes: None,
            extra: Extra::new(),
        }
    }
}
