//! TheHive 5 alert (`POST /api/v1/alert`) of one reported approach.
//!
//! The fields are TheHive's `InputAlert`: `type`, `source`, `sourceRef`, `title` and
//! `description` required; `date` (epoch milliseconds), `severity` (1 low, 2 medium, 3 high,
//! 4 critical), `tlp` (0 clear, 1 green, 2 amber, 3 red, 4 amber+strict), `pap` (0 clear,
//! 1 green, 2 amber, 3 red), `tags` and `observables` (`dataType` required; `data`, `message`,
//! `tlp`, `pap`, `ioc`, `tags`). `.ci/thehive-alert.schema.json` holds that field list and CI
//! checks every exported alert against it.
//!
//! `source` + `type` + `sourceRef` identify an alert to TheHive, which refuses a second alert
//! with the same three: `sourceRef` is the bundle's key (the report's id), so re-sending the
//! same case cannot raise a duplicate. The description is Markdown, which TheHive renders: every
//! piece of adversary text in it is escaped as in the Markdown export. Phone numbers travel as
//! `other` observables tagged `phone`, a type every TheHive instance has.

use super::case::Case;
use super::stix::domain_of;
use super::text::escape_markdown as md;
use super::{ExportOptions, Pap, Tlp};
use crate::domain::RiskLevel;
use serde_json::{Value, json};
use std::fmt::Write;

/// TheHive's number for a TLP level.
pub fn tlp_number(t: Tlp) -> u8 {
    match t {
        Tlp::Clear => 0,
        Tlp::Green => 1,
        Tlp::Amber => 2,
        Tlp::Red => 3,
        Tlp::AmberStrict => 4,
    }
}

/// TheHive's number for a PAP level.
pub fn pap_number(p: Pap) -> u8 {
    match p {
        Pap::Clear => 0,
        Pap::Green => 1,
        Pap::Amber => 2,
        Pap::Red => 3,
    }
}

/// Severity from the risk: the level, and critical for a risk of 90 or more (a stolen photo or
/// a watchlist hit with more besides).
pub fn severity(level: Option<RiskLevel>, risk: Option<u8>) -> u8 {
    match (level, risk) {
        (_, Some(r)) if r >= 90 => 4,
        (Some(RiskLevel::High), _) => 3,
        (Some(RiskLevel::Medium), _) => 2,
        _ => 1,
    }
}

pub fn render(case: &Case, opts: &ExportOptions) -> String {
    let mut text = serde_json::to_string_pretty(&alert(case, opts)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn alert(case: &Case, opts: &ExportOptions) -> Value {
    let r = &case.report;
    let s = &r.sender;
    let (tlp, pap) = (tlp_number(opts.tlp), pap_number(opts.pap));
    let mut observables: Vec<Value> = Vec::new();
    let mut add = |data_type: &str, data: &str, message: &str, ioc: bool, tags: &[&str]| {
        if data.trim().is_empty()
            || observables.iter().any(|o| o["dataType"] == data_type && o["data"].as_str() == Some(data))
        {
            return;
        }
        observables.push(json!({
            "dataType": data_type, "data": data, "message": message,
            "tlp": tlp, "pap": pap, "ioc": ioc, "tags": tags,
        }));
    };
    if let Some(u) = &s.profile_url {
        add("url", u, "profile address of the reported persona", true, &["persona-profile"]);
    }
    for w in &s.websites {
        add("url", w, "website the reported persona shows", true, &[]);
    }
    let mut domains: Vec<String> = s.websites.iter().chain(&s.emails).filter_map(|t| domain_of(t)).collect();
    domains.sort();
    domains.dedup();
    for d in &domains {
        add("domain", d, "domain the reported persona uses", true, &[]);
    }
    for e in &s.emails {
        add("mail", e, "e-mail address the reported persona gave", true, &[]);
    }
    for p in &s.phones {
        add("other", p, "phone number the reported persona gave", false, &["phone"]);
    }
    if let Some(p) = &case.photo {
        add(
            "hash",
            &p.sha256,
            &format!("SHA-256 of the persona's profile photo ({} in the bundle)", p.file_name),
            false,
            &["profile-photo", "sha256"],
        );
    }
    let ext = case.row.external_id.clone().unwrap_or_else(|| format!("#{}", case.request_id));
    let mut title = format!("Suspected hostile approach {ext} on {}: persona \"{}\"", r.platform, s.name);
    if let Some(org) = case.recipient_org() {
        title.push_str(&format!(" approached {org}"));
    }
    let mut tags = vec![
        "linkvet".to_owned(),
        format!("platform:{}", r.platform),
        format!("tlp:{}", opts.tlp.as_str()),
        "mitre-attack:T1585.001".to_owned(),
        "mitre-attack:T1598".to_owned(),
    ];
    if let Some(l) = case.row.level {
        tags.push(format!("risk:{}", l.as_str()));
    }
    json!({
        "type": "linkvet-approach",
        "source": "linkvet",
        "sourceRef": case.key,
        "title": crate::sanitize::sanitize(&title),
        "description": description(case, opts),
        "date": case.decided_at.timestamp_millis(),
        "severity": severity(case.row.level, case.row.risk),
        "tlp": tlp,
        "pap": pap,
        "tags": tags,
        "observables": observables,
    })
}

fn description(case: &Case, opts: &ExportOptions) -> String {
    let r = &case.report;
    let s = &r.sender;
    let opt = |v: &Option<String>| v.as_deref().map(md).unwrap_or_else(|| "—".into());
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "**{}** — {}.\n", opts.tlp.label(), opts.tlp.meaning());
    let _ = writeln!(
        w,
        "Reported by {} at {}: {}\n",
        md(&case.decision.officer),
        case.decision.at,
        md(&case.decision.note)
    );
    let _ = writeln!(
        w,
        "- Risk: {}",
        match (case.row.risk, case.row.level) {
            (Some(v), Some(l)) => format!("{v} / 100 ({l})"),
            _ => "not checked".into(),
        }
    );
    let _ = writeln!(w, "- Platform: {}; received {}", r.platform, r.received_at.utc().to_rfc3339());
    let _ = writeln!(w, "- Persona: {} — {}", md(&s.name), opt(&s.headline));
    let _ = writeln!(w, "- Profile: {}", opt(&s.profile_url));
    if opts.include_recipient {
        let _ = writeln!(w, "- Approached: {}", md(&r.recipient.name));
    }
    let _ = writeln!(w, "- Approached role and organisation: {} — {}\n", opt(&r.recipient.role), opt(&r.recipient.org));
    let _ = writeln!(w, "**Evidence**\n");
    for e in &case.row.checks {
        let _ = writeln!(w, "- {} [{} {}]: {}", e.check, e.verdict, e.score, md(&e.summary));
    }
    if let Some(m) = &r.message {
        let _ = writeln!(w, "\n**Message**\n\n{}", md(m));
    }
    o
}
