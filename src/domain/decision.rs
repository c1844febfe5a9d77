//! Officers' decisions on a request and the status they lead to.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What an officer decided. `Undo` reverses an earlier decision entry; `Note` adds words without
/// changing the status; `Export` records that a case left linkvet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Accept,
    Flag,
    Report,
    Undo,
    Note,
    Export,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::Flag => "flag",
            Action::Report => "report",
            Action::Undo => "undo",
            Action::Note => "note",
            Action::Export => "export",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "accept" => Action::Accept,
            "flag" => Action::Flag,
            "report" => Action::Report,
            "undo" => Action::Undo,
            "note" => Action::Note,
            "export" => Action::Export,
            _ => return None,
        })
    }

    /// The status a decision of this kind puts a request in; `None` for entries that don't decide.
    pub fn resulting_status(self) -> Option<Status> {
        match self {
            Action::Accept => Some(Status::Accepted),
            Action::Flag => Some(Status::Flagged),
            Action::Report => Some(Status::Reported),
            Action::Undo | Action::Note | Action::Export => None,
        }
    }

    /// Past tense for messages: "flagged #17".
    pub fn past_tense(self) -> &'static str {
        match self {
            Action::Accept => "accepted",
            Action::Flag => "flagged",
            Action::Report => "reported",
            Action::Undo => "undid",
            Action::Note => "noted",
            Action::Export => "exported",
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Pending,
    Accepted,
    Flagged,
    Reported,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Pending, Status::Flagged, Status::Reported, Status::Accepted];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pending => "pending",
            Status::Accepted => "accepted",
            Status::Flagged => "flagged",
            Status::Reported => "reported",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "pending" => Status::Pending,
            "accepted" => Status::Accepted,
            "flagged" => Status::Flagged,
            "reported" => Status::Reported,
            _ => return None,
        })
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One decision-bearing audit entry as status derivation needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionEvent {
    pub seq: i64,
    pub action: Action,
    /// For `Undo`: the entry it reverses.
    pub reverses: Option<i64>,
}

/// A request's status is derived from its audit entries: the latest decision that has not been
/// undone, or pending when there is none.
pub fn derive_status(events: &[DecisionEvent]) -> Status {
    let undone: std::collections::HashSet<i64> =
        events.iter().filter(|e| e.action == Action::Undo).filter_map(|e| e.reverses).collect();
    events
        .iter()
        .filter(|e| !undone.contains(&e.seq))
        .filter_map(|e| e.action.resulting_status().map(|s| (e.seq, s)))
        .max_by_key(|(seq, _)| *seq)
        .map(|(_, s)| s)
        .unwrap_or(Status::Pending)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: i64, action: Action, reverses: Option<i64>) -> DecisionEvent {
        DecisionEvent { seq, action, reverses }
    }

    #[test]
    fn status_is_the_latest_decision_not_undone() {
        assert_eq!(derive_status(&[]), Status::Pending);
        assert_eq!(derive_status(&[ev(1, Action::Flag, None)]), Status::Flagged);
        assert_eq!(derive_status(&[ev(1, Action::Flag, None), ev(2, Action::Report, None)]), Status::Reported);
        assert_eq!(
            derive_status(&[ev(1, Action::Flag, None), ev(2, Action::Report, None), ev(3, Action::Undo, Some(2))]),
            Status::Flagged
        );
        assert_eq!(derive_status(&[ev(1, Action::Accept, None), ev(2, Action::Undo, Some(1))]), Status::Pending);
        assert_eq!(derive_status(&[ev(1, Action::Accept, None), ev(2, Action::Note, None)]), Status::Accepted);
    }
}
