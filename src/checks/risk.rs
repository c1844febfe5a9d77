//! The risk of a request: an explainable combination of its checks' evidence.
//!
//! # Formula
//!
//! Each check's score `s` (0–100) becomes a probability-like contribution `p = w · s / 100`
//! with a per-check weight `w` (below). Contributions combine by noisy-OR:
//!
//! ```text
//! risk = 100 · (1 − Π (1 − p_i))
//! ```
//!
//! so independent signals reinforce each other without ever passing 100. Weights of the
//! checks that are *weak alone* (account, career, message, identity, campaign) are at most
//! 0.65, so one of them, even at score 100, stays below the High threshold: one odd thing is
//! never enough. Several of them together pass it (four cautions at 45 give ≈ 75).
//!
//! *Strong* evidence sets a floor of [`STRONG_FLOOR`]: a photo check that is suspicious
//! with score ≥ 85 (a reference or stolen photo) or a watchlist hit (suspicious, score ≥ 90).
//! Either is High on its own.
//!
//! # Levels
//!
//! Low below [`MEDIUM_AT`] (40), Medium from 40, High from [`HIGH_AT`] (70).
//! `not_applicable` evidence contributes nothing.

use crate::domain::{Evidence, RiskLevel, Verdict};

pub const MEDIUM_AT: u8 = 40;
pub const HIGH_AT: u8 = 70;
/// The least risk of a request with strong evidence.
pub const STRONG_FLOOR: u8 = 80;

/// Weight of a check's score in the combination; unknown checks count like a weak one.
pub fn weight(check: &str) -> f64 {
    match check {
        "photo" => 0.90,
        "watchlist" => 0.95,
        "campaign" => 0.65,
        "message" => 0.65,
        "identity" => 0.60,
        "account" => 0.55,
        "career" => 0.50,
        _ => 0.40,
    }
}

/// Whether this evidence alone is enough for High.
pub fn is_strong(e: &Evidence) -> bool {
    e.verdict == Verdict::Suspicious
        && match e.check.as_str() {
            "photo" => e.score >= 85,
            "watchlist" => e.score >= 90,
            _ => false,
        }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub score: u8,
    pub level: RiskLevel,
    /// How the score came about, largest contribution first, then the result.
    pub explanation: Vec<String>,
}

pub fn level_of(score: u8) -> RiskLevel {
    if score >= HIGH_AT {
        RiskLevel::High
    } else if score >= MEDIUM_AT {
        RiskLevel::Medium
    } else {
        RiskLevel::Low
    }
}

pub fn combine(evidence: &[Evidence]) -> Risk {
    let mut parts: Vec<(&Evidence, f64)> = evidence
        .iter()
        .filter(|e| e.verdict != Verdict::NotApplicable && e.score > 0)
        .map(|e| (e, weight(&e.check) * f64::from(e.score.min(100)) / 100.0))
        .collect();
    parts.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.check.cmp(&b.0.check)));

    let mut explanation = Vec::new();
    let mut keep = 1.0;
    for (e, p) in &parts {
        keep *= 1.0 - p;
        explanation.push(format!(
            "{:<9} {:<10} score {:>3} × weight {:.2} → {:>2}%",
            e.check,
            e.verdict.as_str(),
            e.score,
            weight(&e.check),
            (p * 100.0).round()
        ));
    }
    let combined = ((1.0 - keep) * 100.0).round().clamp(0.0, 100.0) as u8;
    let strong: Vec<&str> = evidence.iter().filter(|e| is_strong(e)).map(|e| e.check.as_str()).collect();
    let score = if strong.is_empty() { combined } else { combined.max(STRONG_FLOOR) };
    let level = level_of(score);
    if parts.is_empty() {
        explanation.push("no check found anything".to_owned());
    }
    explanation.push(format!("combined 1 − Π(1 − p) = {combined}"));
    if !strong.is_empty() && combined < STRONG_FLOOR {
        explanation.push(format!("raised to {STRONG_FLOOR}: strong evidence from {}", strong.join(", ")));
    }
    explanation.push(format!("risk {score} → {} (medium ≥ {MEDIUM_AT}, high ≥ {HIGH_AT})", level.as_str()));
    Risk { score, level, explanation }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(check: &str, verdict: Verdict, score: u8) -> Evidence {
        Evidence::new(check, 1, verdict, score, "test")
    }

    #[test]
    fn strong_evidence_alone_is_high() {
        let photo = combine(&[ev("photo", Verdict::Suspicious, 90), ev("account", Verdict::Clear, 0)]);
        assert_eq!(photo.level, RiskLevel::High, "{:?}", photo.explanation);
        let watch = combine(&[ev("watchlist", Verdict::Suspicious, 90)]);
        assert_eq!(watch.level, RiskLevel::High);
        assert!(watch.explanation.iter().any(|l| l.contains("watchlist")));
    }

    #[test]
    fn one_weak_signal_alone_is_never_high() {
        for check in ["account", "career", "message", "identity", "campaign", "something-new"] {
            for verdict in [Verdict::Caution, Verdict::Suspicious] {
                let r = combine(&[ev(check, verdict, 100)]);
                assert_ne!(r.level, RiskLevel::High, "{check} {verdict}: {:?}", r.explanation);
            }
        }
        // A photo caution (no photo at all) is weak too.
        assert_ne!(combine(&[ev("photo", Verdict::Caution, 30)]).level, RiskLevel::High);
    }

    #[test]
    fn several_weak_signals_together_are_high() {
        let r = combine(&[
            ev("account", Verdict::Caution, 45),
            ev("career", Verdict::Caution, 45),
            ev("message", Verdict::Caution, 45),
            ev("identity", Verdict::Caution, 45),
        ]);
        assert_eq!(r.level, RiskLevel::High, "{:?}", r.explanation);
        let two = combine(&[ev("account", Verdict::Suspicious, 70), ev("message", Verdict::Suspicious, 80)]);
        assert_eq!(two.level, RiskLevel::High, "{:?}", two.explanation);
    }

    #[test]
    fn nothing_found_is_low_and_not_applicable_counts_for_nothing() {
        let r = combine(&[ev("account", Verdict::Clear, 0), Evidence::not_applicable("photo", 1, "timed out")]);
        assert_eq!((r.score, r.level), (0, RiskLevel::Low));
        let na = combine(&[Evidence::new("message", 1, Verdict::NotApplicable, 90, "x")]);
        assert_eq!(na.score, 0);
    }
}
