//! The audit trail: every decision as an entry that commits to the one before it.
//!
//! # Canonical encoding (version 1)
//!
//! An entry's `hash` is the lowercase hex SHA-256 of these bytes:
//!
//! ```text
//! "linkvet-audit-v1\n"
//! then, for each field in this order:
//!     seq, at, officer, os_user, request_id, action, note, payload_sha256, prev_hash
//! the field's UTF-8 bytes as a netstring: <decimal byte length> ":" <bytes> ","
//! ```
//!
//! * `seq` and `request_id` are decimal integers without sign or leading zeros; an entry with no
//!   request (an export of several, say) encodes `request_id` as the empty string.
//! * `at` is the RFC 3339 UTC time exactly as stored (`2026-11-02T09:14:00.123456Z`).
//! * `note` is the empty string when there is none.
//! * `payload_sha256` is the lowercase hex SHA-256 of the entry's `payload` text exactly as stored
//!   (a JSON object such as `{"reverses":12}` or `{}`).
//! * `prev_hash` is the previous entry's `hash`; the first entry uses [`GENESIS_HASH`]
//!   (64 zeros).
//!
//! Example with `sha256sum`: `printf 'linkvet-audit-v1\n1:1,27:2026-11-02T09:14:00.000000Z,…'`.

use super::Action;
use serde::Serialize;
use sha2::{Digest, Sha256};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";
const DOMAIN_TAG: &[u8] = b"linkvet-audit-v1\n";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub officer: String,
    pub os_user: String,
    pub request_id: Option<i64>,
    pub action: String,
    pub note: String,
    pub payload: String,
    pub prev_hash: String,
    pub hash: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// The fields that are hashed, before the hash is known.
#[derive(Debug, Clone, Copy)]
pub struct EntryFields<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub officer: &'a str,
    pub os_user: &'a str,
    pub request_id: Option<i64>,
    pub action: &'a str,
    pub note: &'a str,
    pub payload: &'a str,
    pub prev_hash: &'a str,
}

impl EntryFields<'_> {
    /// The canonical encoding described in the module documentation.
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let payload_digest = sha256_hex(self.payload.as_bytes());
        let seq = self.seq.to_string();
        let request = self.request_id.map(|r| r.to_string()).unwrap_or_default();
        let fields: [&str; 9] = [
            &seq,
            self.at,
            self.officer,
            self.os_user,
            &request,
            self.action,
            self.note,
            &payload_digest,
            self.prev_hash,
        ];
        let mut out = DOMAIN_TAG.to_vec();
        for f in fields {
            out.extend_from_slice(f.len().to_string().as_bytes());
            out.push(b':');
            out.extend_from_slice(f.as_bytes());
            out.push(b',');
        }
        out
    }

    pub fn hash(&self) -> String {
        sha256_hex(&self.canonical_bytes())
    }
}

impl AuditEntry {
    pub fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            seq: self.seq,
            at: &self.at,
            officer: &self.officer,
            os_user: &self.os_user,
            request_id: self.request_id,
            action: &self.action,
            note: &self.note,
            payload: &self.payload,
            prev_hash: &self.prev_hash,
        }
    }

    pub fn action(&self) -> Option<Action> {
        Action::parse(&self.action)
    }

    /// For an undo: the sequence number of the entry it reverses.
    pub fn reverses(&self) -> Option<i64> {
        serde_json::from_str::<serde_json::Value>(&self.payload).ok()?.get("reverses")?.as_i64()
    }
}

/// What walking the chain found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ChainState {
    /// Every entry links to the one before; `head` is the last entry's (seq, hash).
    Intact { entries: u64, head_seq: i64, head_hash: String },
    /// The first entry that does not fit, and why.
    Broken { seq: i64, reason: String },
}

impl ChainState {
    pub fn is_intact(&self) -> bool {
        matches!(self, ChainState::Intact { .. })
    }
}

/// Incremental chain verification, so a large log can be walked without holding it in memory.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    expected_prev: String,
    expected_seq: i64,
    entries: u64,
    broken: Option<(i64, String)>,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        ChainVerifier { expected_prev: GENESIS_HASH.to_owned(), expected_seq: 1, entries: 0, broken: None }
    }
}

impl ChainVerifier {
    /// Feeds the next entry in `seq` order. Returns false once the chain is broken.
    pub fn push(&mut self, e: &AuditEntry) -> bool {
        if self.broken.is_some() {
            return false;
        }
        let reason = if e.seq != self.expected_seq {
            Some(if e.seq > self.expected_seq {
                format!(
                    "entry {} is missing (the log jumps from {} to {})",
                    self.expected_seq,
                    self.expected_seq - 1,
                    e.seq
                )
            } else {
                format!("entry {} is out of order (expected {})", e.seq, self.expected_seq)
            })
        } else if e.prev_hash != self.expected_prev {
            Some(format!(
                "entry {} does not link to the entry before it (prev_hash {} but the previous hash is {}): an entry was deleted, inserted or reordered",
                e.seq,
                short(&e.prev_hash),
                short(&self.expected_prev)
            ))
        } else if e.fields().hash() != e.hash {
            Some(format!("entry {} was altered: its content does not match its hash {}", e.seq, short(&e.hash)))
        } else {
            None
        };
        if let Some(reason) = reason {
            // Name the entry where the chain first fails: a gap is reported at the first missing seq.
            let at = if e.seq > self.expected_seq { self.expected_seq } else { e.seq };
            self.broken = Some((at, reason));
            return false;
        }
        self.expected_prev = e.hash.clone();
        self.expected_seq += 1;
        self.entries += 1;
        true
    }

    pub fn finish(self) -> ChainState {
        match self.broken {
            Some((seq, reason)) => ChainState::Broken { seq, reason },
            None => ChainState::Intact {
                entries: self.entries,
                head_seq: self.expected_seq - 1,
                head_hash: self.expected_prev,
            },
        }
    }
}

fn short(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}

/// A head of the chain written down outside the host: `linkvet-anchor v1 seq=N hash=H at=T`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Anchor {
    pub seq: i64,
    pub hash: String,
    pub at: String,
}

impl Anchor {
    pub fn to_line(&self) -> String {
        format!("linkvet-anchor v1 seq={} hash={} at={}", self.seq, self.hash, self.at)
    }

    /// Parses the first anchor line found in `text` (a pasted line or a file's contents).
    pub fn parse(text: &str) -> Option<Anchor> {
        let line = text.lines().find(|l| l.trim_start().starts_with("linkvet-anchor v1 "))?;
        let mut seq = None;
        let mut hash = None;
        let mut at = None;
        for word in line.split_whitespace().skip(2) {
            match word.split_once('=') {
                Some(("seq", v)) => seq = v.parse().ok(),
                Some(("hash", v)) if v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()) => {
                    hash = Some(v.to_ascii_lowercase())
                }
                Some(("at", v)) => at = Some(v.to_owned()),
                _ => {}
            }
        }
        Some(Anchor { seq: seq?, hash: hash?, at: at.unwrap_or_default() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let at = format!("2026-11-02T09:{seq:02}:00.000000Z");
                let f = EntryFields {
                    seq,
                    at: &at,
                    officer: "alice",
                    os_user: "alice",
                    request_id: Some(seq),
                    action: "flag",
                    note: "odd",
                    payload: "{}",
                    prev_hash: &prev,
                };
                let hash = f.hash();
                let e = AuditEntry {
                    seq,
                    at: at.clone(),
                    officer: "alice".into(),
                    os_user: "alice".into(),
                    request_id: Some(seq),
                    action: "flag".into(),
                    note: "odd".into(),
                    payload: "{}".into(),
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry]) -> ChainState {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.push(e);
        }
        v.finish()
    }

    #[test]
    fn canonical_encoding_is_netstrings_after_a_tag() {
        let f = EntryFields {
            seq: 1,
            at: "T",
            officer: "bob",
            os_user: "b",
            request_id: None,
            action: "flag",
            note: "",
            payload: "{}",
            prev_hash: GENESIS_HASH,
        };
        let text = String::from_utf8(f.canonical_bytes()).unwrap();
        assert_eq!(
            text,
            format!("linkvet-audit-v1\n1:1,1:T,3:bob,1:b,0:,4:flag,0:,64:{},64:{GENESIS_HASH},", sha256_hex(b"{}"))
        );
    }

    #[test]
    fn intact_chain_verifies_and_each_kind_of_tampering_is_named() {
        let good = chain(5);
        assert!(verify(&good).is_intact());

        let mut edited = good.clone();
        edited[2].note = "nothing odd".into();
        assert_eq!(verify(&edited), ChainState::Broken { seq: 3, reason: verify(&edited).reason() });

        let mut deleted = good.clone();
        deleted.remove(1);
        assert!(matches!(verify(&deleted), ChainState::Broken { seq: 2, .. }));

        let mut reordered = good.clone();
        reordered.swap(1, 2);
        assert!(matches!(verify(&reordered), ChainState::Broken { seq: 2, .. } | ChainState::Broken { seq: 3, .. }));

        // A forged entry with a recomputed hash still cannot link both ways.
        let mut forged = good.clone();
        forged[3].officer = "mallory".into();
        forged[3].hash = forged[3].fields().hash();
        assert!(matches!(verify(&forged), ChainState::Broken { seq: 5, .. }));
    }

    impl ChainState {
        fn reason(&self) -> String {
            match self {
                ChainState::Broken { reason, .. } => reason.clone(),
                _ => String::new(),
            }
        }
    }

    #[test]
    fn anchor_lines_round_trip() {
        let a = Anchor { seq: 42, hash: "ab".repeat(32), at: "2026-11-02T09:14:00Z".into() };
        assert_eq!(Anchor::parse(&format!("ticket text\n{}\n", a.to_line())), Some(a));
        assert_eq!(Anchor::parse("linkvet-anchor v1 seq=x hash=00"), None);
    }
}
