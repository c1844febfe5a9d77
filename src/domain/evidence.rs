//! What a check found: a verdict, a score, a summary and the concrete facts behind it; and the
//! risk that combines them.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Clear,
    Caution,
    Suspicious,
    NotApplicable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Clear => "clear",
            Verdict::Caution => "caution",
            Verdict::Suspicious => "suspicious",
            Verdict::NotApplicable => "not_applicable",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "clear" => Verdict::Clear,
            "caution" => Verdict::Caution,
            "suspicious" => Verdict::Suspicious,
            "not_applicable" => Verdict::NotApplicable,
            _ => return None,
        })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One check's result for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub check: String,
    pub version: u32,
    pub verdict: Verdict,
    /// 0–100: how strongly this check alone points at a hostile approach.
    pub score: u8,
    pub summary: String,
    /// Facts quoting exact text, numbers, dates or matched items.
    pub lines: Vec<String>,
    /// Other requests this evidence links to (a campaign's members), so that a new request
    /// joining a cluster refreshes the evidence of the requests already in it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<i64>,
}

/// A check's result as a listing prints it: the items of `list --format json`'s `checks`.
#[derive(Debug, Serialize)]
pub struct ListedCheck<'a> {
    pub check: &'a str,
    pub verdict: &'a str,
    pub score: u8,
    pub summary: &'a str,
}

/// The `checks` array of a listing, as JSON text, in the order given.
pub fn summaries_json(evidence: &[Evidence]) -> String {
    let items: Vec<ListedCheck> = evidence
        .iter()
        .map(|e| ListedCheck { check: &e.check, verdict: e.verdict.as_str(), score: e.score, summary: &e.summary })
        .collect();
    serde_json::to_string(&items).unwrap_or_else(|_| "[]".into())
}

impl Evidence {
    pub fn new(check: &str, version: u32, verdict: Verdict, score: u8, summary: impl Into<String>) -> Self {
        Evidence {
            check: check.into(),
            version,
            verdict,
            score: score.min(100),
            summary: summary.into(),
            lines: Vec::new(),
            related: Vec::new(),
        }
    }

    pub fn not_applicable(check: &str, version: u32, why: impl Into<String>) -> Self {
        Self::new(check, version, Verdict::NotApplicable, 0, why)
    }

    pub fn line(mut self, line: impl Into<String>) -> Self {
        self.lines.push(line.into());
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord, Default)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    #[default]
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "low" => RiskLevel::Low,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            _ => return None,
        })
    }

    /// One letter, so the level reads without colour.
    pub fn letter(self) -> char {
        match self {
            RiskLevel::Low => 'L',
            RiskLevel::Medium => 'M',
            RiskLevel::High => 'H',
        }
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
