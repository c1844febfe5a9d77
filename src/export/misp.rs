//! MISP event (`{"Event": {…}}`) of one reported approach, loadable by PyMISP's
//! `MISPEvent().load()`.
//!
//! Uuids are UUIDv5 seeded by the request's key and timestamps are the report decision's, so a
//! re-export is identical. TLP becomes a `tlp:` tag and the event's distribution (amber and
//! stricter: this organisation only). The persona is a `user-account` object and a `person`
//! object (what the profile claims); the approached official appears as a `person` only when
//! the export asks for it.

use super::case::Case;
use super::stix::{domain_of, login_from_profile};
use super::{ExportOptions, Tlp};
use crate::domain::RiskLevel;
use crate::sanitize::sanitize_multiline;
use serde_json::{Value, json};
use uuid::Uuid;

/// PyMISP's object templates (name, uuid, version) this export fills.
const USER_ACCOUNT_TEMPLATE: (&str, &str, u32) = ("user-account", "49606b06-22f0-4ac8-8eee-2f12ad46f3d3", 6);
const PERSON_TEMPLATE: (&str, &str, u32) = ("person", "a15b0477-e9d1-4b9c-9546-abe78a4f4248", 21);

/// ATT&CK techniques tagged on every escalated approach.
pub const ATTACK_TAGS: [&str; 3] = [
    "misp-galaxy:mitre-attack-pattern=\"Establish Accounts - T1585\"",
    "misp-galaxy:mitre-attack-pattern=\"Social Media Accounts - T1585.001\"",
    "misp-galaxy:mitre-attack-pattern=\"Phishing for Information - T1598\"",
];

fn uuid(key: &str, which: &str) -> String {
    let ns = Uuid::new_v5(&Uuid::NAMESPACE_DNS, b"misp.export.linkvet");
    Uuid::new_v5(&ns, format!("{key}\n{which}").as_bytes()).to_string()
}

/// MISP's distribution levels: 0 this organisation, 1 this community, 2 connected, 3 all.
fn distribution(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "3",
        Tlp::Green => "1",
        Tlp::Amber | Tlp::AmberStrict | Tlp::Red => "0",
    }
}

struct Attrs<'a> {
    key: &'a str,
    ts: String,
    list: Vec<Value>,
}

impl Attrs<'_> {
    fn add(&mut self, kind: &str, category: &str, value: &str, to_ids: bool, comment: &str) {
        self.list.push(json!({
            "uuid": uuid(self.key, &format!("attribute\n{kind}\n{value}")),
            "type": kind, "category": category, "value": value, "to_ids": to_ids,
            "distribution": "5", "timestamp": self.ts, "comment": comment,
        }));
    }
}

fn object(
    key: &str,
    ts: &str,
    template: (&str, &str, u32),
    which: &str,
    comment: &str,
    attrs: &[(&str, &str, &str)],
) -> Value {
    let (name, template_uuid, version) = template;
    let attributes: Vec<Value> = attrs
        .iter()
        .filter(|(_, _, v)| !v.trim().is_empty())
        .map(|(relation, kind, value)| {
            json!({
                "uuid": uuid(key, &format!("object\n{which}\n{relation}\n{value}")),
                "object_relation": relation, "type": kind, "value": value,
                "to_ids": false, "distribution": "5", "timestamp": ts,
            })
        })
        .collect();
    json!({
        "uuid": uuid(key, &format!("object\n{which}")),
        "name": name, "meta-category": "misc",
        "template_uuid": template_uuid, "template_version": version.to_string(),
        "distribution": "5", "timestamp": ts, "comment": comment,
        "Attribute": attributes,
    })
}

pub fn render(case: &Case, opts: &ExportOptions) -> String {
    let mut text = serde_json::to_string_pretty(&event(case, opts)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn event(case: &Case, opts: &ExportOptions) -> Value {
    let r = &case.report;
    let s = &r.sender;
    let key = case.key.as_str();
    let ts = case.decided_at.timestamp().to_string();
    let mut a = Attrs { key, ts: ts.clone(), list: Vec::new() };
    if let Some(u) = &s.profile_url {
        a.add("url", "Network activity", u, true, "profile address of the reported persona");
    }
    for w in &s.websites {
        a.add("url", "Network activity", w, true, "website the reported persona shows");
    }
    for e in &s.emails {
        a.add("email", "Social network", e, true, "email address the reported persona gave");
    }
    for p in &s.phones {
        a.add("phone-number", "Person", p, false, "phone number the reported persona gave");
    }
    let mut domains: Vec<String> = s.websites.iter().chain(&s.emails).filter_map(|t| domain_of(t)).collect();
    domains.sort();
    domains.dedup();
    for d in &domains {
        a.add("domain", "Network activity", d, true, "domain the reported persona uses");
    }
    if let Some(p) = &case.photo {
        a.add(
            "sha256",
            "External analysis",
            &p.sha256,
            false,
            &format!("SHA-256 of the persona's profile photo ({})", p.file_name),
        );
        a.add(
            "text",
            "External analysis",
            &p.phash,
            false,
            &format!(
                "perceptual hash (linkvet pHash) of the persona's profile photo ({}); near values mean a similar image",
                p.file_name
            ),
        );
    }
    let mut objects = vec![object(
        key,
        &ts,
        USER_ACCOUNT_TEMPLATE,
        "persona-account",
        "the reported persona's account",
        &[
            ("account-type", "text", crate::export::stix::platform_account_type(r.platform)),
            ("username", "text", s.profile_url.as_deref().and_then(login_from_profile).as_deref().unwrap_or("")),
            ("display-name", "text", &s.name),
            ("link", "link", s.profile_url.as_deref().unwrap_or("")),
        ],
    )];
    objects.push(object(
        key,
        &ts,
        PERSON_TEMPLATE,
        "persona-person",
        "the person the persona claims to be (unverified)",
        &[
            ("full-name", "full-name", &s.name),
            ("title", "text", s.headline.as_deref().unwrap_or("")),
            ("text", "text", s.location.as_deref().unwrap_or("")),
        ],
    ));
    if opts.include_recipient {
        objects.push(object(
            key,
            &ts,
            PERSON_TEMPLATE,
            "recipient-person",
            "the approached official",
            &[
                ("full-name", "full-name", &r.recipient.name),
                ("role", "text", r.recipient.role.as_deref().unwrap_or("")),
                ("text", "text", r.recipient.org.as_deref().unwrap_or("")),
            ],
        ));
    }
    let threat_level = match case.row.level {
        Some(RiskLevel::High) => "1",
        Some(RiskLevel::Medium) => "2",
        Some(RiskLevel::Low) => "3",
        None => "4",
    };
    let mut tags = vec![json!({"name": format!("tlp:{}", opts.tlp.as_str())})];
    tags.extend(ATTACK_TAGS.iter().map(|t| json!({"name": t})));
    let ext = case.row.external_id.clone().unwrap_or_else(|| format!("#{}", case.request_id));
    let mut info = format!("Suspected hostile approach {ext} on {}: persona \"{}\"", r.platform, s.name);
    if let Some(org) = case.recipient_org() {
        info.push_str(&format!(" approached {org}"));
    }
    let mut rationale = format!("Officer's rationale ({}): {}", case.decision.officer, case.decision.note);
    for e in &case.row.checks {
        rationale.push_str(&format!("\n- {} [{} {}]: {}", e.check, e.verdict, e.score, e.summary));
    }
    a.add("comment", "Other", &sanitize_multiline(&rationale), false, "why the officer reported this approach");
    json!({
        "Event": {
            "uuid": uuid(key, "event"),
            "info": sanitize_multiline(&info),
            "date": case.decided_at.format("%Y-%m-%d").to_string(),
            "threat_level_id": threat_level,
            "analysis": "2",
            "distribution": distribution(opts.tlp),
            "published": false,
            "timestamp": ts,
            "Tag": tags,
            "Attribute": a.list,
            "Object": objects,
        }
    })
}
