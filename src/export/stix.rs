//! STIX 2.1 bundle of one reported approach, strict enough for the OASIS `stix2` library with
//! custom content refused.
//!
//! * Observables (SCOs) have the deterministic ids of STIX 2.1 §2.9: UUIDv5 in STIX's namespace
//!   over the canonical JSON of the id-contributing properties.
//! * Domain objects (SDOs) have UUIDv5 ids in linkvet's own namespace, seeded by the request's
//!   key, and `created`/`modified` at the report decision, so re-exports are identical.
//! * TLP is marked with the TLP 2.0 marking definitions published by OASIS (the extension
//!   `extension-definition--60a3c5c5-…`), which `stix2` accepts strictly; every object carries
//!   `object_marking_refs`.
//! * Indicator and observable values are the adversary's exact text (JSON-escaped): analysts
//!   match on them. Prose (descriptions, the note) is sanitised so hidden characters show.
//! * The profile photo is a `file` observable (SHA-256, as named in the bundle folder).
//! * Phone numbers have no STIX 2.1 observable type and custom objects are refused, so they
//!   travel in the note and the report's description only.

use super::case::Case;
use super::{ExportOptions, Tlp};
use crate::domain::Platform;
use crate::sanitize::sanitize_multiline;
use serde_json::{Map, Value, json};
use uuid::Uuid;

/// STIX 2.1 §2.9: the namespace of deterministic SCO ids.
pub const SCO_NAMESPACE: Uuid = Uuid::from_u128(0x00abedb4_aa42_466c_9c01_fed23315a9b7);
/// The TLP 2.0 property extension's definition.
pub const TLP2_EXTENSION: &str = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";
/// When the ATT&CK objects were first written here; fixed so their ids keep one version.
const ATTACK_CREATED: &str = "2020-01-01T00:00:00.000Z";

/// linkvet's namespace for SDO ids.
fn linkvet_namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_DNS, b"export.linkvet")
}

/// The published id of a TLP 2.0 marking definition.
pub fn tlp_marking_id(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
        Tlp::Green => "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
        Tlp::Amber => "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
        Tlp::AmberStrict => "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        Tlp::Red => "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    }
}

/// The marking-definition object exactly as OASIS publishes it.
pub fn tlp_marking(tlp: Tlp) -> Value {
    json!({
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": tlp_marking_id(tlp),
        "created": "2022-10-01T00:00:00.000Z",
        "name": tlp.label(),
        "extensions": { TLP2_EXTENSION: { "extension_type": "property-extension", "tlp_2_0": tlp.as_str() } }
    })
}

/// Canonical JSON (RFC 8785) of string-valued properties: keys sorted, no whitespace. For
/// strings serde_json's escaping is the canonical one.
fn canonical(props: &[(&str, &str)]) -> String {
    let mut sorted: Vec<&(&str, &str)> = props.iter().collect();
    sorted.sort_by_key(|(k, _)| *k);
    let body: Vec<String> =
        sorted.iter().map(|(k, v)| format!("{}:{}", Value::String((*k).into()), Value::String((*v).into()))).collect();
    format!("{{{}}}", body.join(","))
}

/// The deterministic id of an observable from its id-contributing properties.
pub fn sco_id(kind: &str, contributing: &[(&str, &str)]) -> String {
    format!("{kind}--{}", Uuid::new_v5(&SCO_NAMESPACE, canonical(contributing).as_bytes()))
}

fn sdo_id(kind: &str, key: &str, which: &str) -> String {
    format!("{kind}--{}", Uuid::new_v5(&linkvet_namespace(), format!("{kind}\n{key}\n{which}").as_bytes()))
}

/// A value inside a STIX pattern's single-quoted string.
pub fn pattern_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\\' || c == '\'' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// STIX's `account-type-ov` value for a platform (an open vocabulary: `linkedin` is allowed).
pub fn platform_account_type(p: Platform) -> &'static str {
    match p {
        Platform::Linkedin => "linkedin",
        Platform::Facebook => "facebook",
        Platform::X => "twitter",
        Platform::Instagram => "instagram",
        Platform::Github => "github",
        Platform::Email => "email",
        Platform::Other => "other",
    }
}

/// The account's handle from its profile address: the last path segment
/// (`…/in/emily-carter-gtp-7f3a91` → `emily-carter-gtp-7f3a91`).
pub fn login_from_profile(url: &str) -> Option<String> {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let path = rest.split(['?', '#']).next()?.trim_end_matches('/');
    let (_, last) = path.split_once('/')?;
    let seg = last.rsplit('/').next()?.trim();
    (!seg.is_empty()).then(|| seg.to_string())
}

/// The host of a web address or the domain of an email address, lower-cased, if it looks like
/// a domain name.
pub fn domain_of(text: &str) -> Option<String> {
    let host = if let Some((_, d)) = text.rsplit_once('@').filter(|_| !text.contains("://")) {
        d.to_string()
    } else {
        let rest = text.split_once("://").map(|(_, r)| r).unwrap_or(text);
        let authority = rest.split(['/', '?', '#']).next()?;
        let host = authority.rsplit_once('@').map(|(_, h)| h).unwrap_or(authority);
        host.split(':').next()?.to_string()
    };
    let host = host.trim().trim_end_matches('.').to_lowercase();
    let ok = host.contains('.')
        && host.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    ok.then_some(host)
}

struct Builder {
    marking: String,
    objects: Vec<Value>,
}

impl Builder {
    fn push(&mut self, mut obj: Value) -> String {
        obj["object_marking_refs"] = json!([self.marking]);
        let id = obj["id"].as_str().unwrap_or_default().to_string();
        self.objects.push(obj);
        id
    }
}

fn sorted_unique(items: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    v.sort();
    v.dedup();
    v
}

/// The bundle as pretty-printed JSON with a final newline.
pub fn render(case: &Case, opts: &ExportOptions) -> String {
    let mut text = serde_json::to_string_pretty(&bundle(case, opts)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn bundle(case: &Case, opts: &ExportOptions) -> Value {
    let r = &case.report;
    let s = &r.sender;
    let key = &case.key;
    let at = case.stix_time();
    let received = super::case::stix_time(r.received_at.utc());
    let mut b = Builder { marking: tlp_marking_id(opts.tlp).to_string(), objects: Vec::new() };
    let sdo = |kind: &str, which: &str| -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("type".into(), kind.into());
        m.insert("spec_version".into(), "2.1".into());
        m.insert("id".into(), sdo_id(kind, key, which).into());
        m.insert("created".into(), at.clone().into());
        m.insert("modified".into(), at.clone().into());
        m
    };

    // Observables.
    let mut observables = Vec::new();
    let mut indicators: Vec<(String, String, String)> = Vec::new(); // (name, pattern, which)
    let login = s.profile_url.as_deref().and_then(login_from_profile);
    let atype = platform_account_type(r.platform);
    let account_id = match &login {
        Some(l) => sco_id("user-account", &[("account_type", atype), ("account_login", l)]),
        // Without a login the contributing properties would not tell personas apart.
        None => sdo_id("user-account", key, "persona"),
    };
    let mut account = json!({"type": "user-account", "spec_version": "2.1", "id": account_id, "account_type": atype});
    if let Some(l) = &login {
        account["account_login"] = json!(l);
        indicators.push((
            format!("{} account of the reported persona", r.platform),
            format!(
                "[user-account:account_type = {} AND user-account:account_login = {}]",
                pattern_string(atype),
                pattern_string(l)
            ),
            format!("account\n{l}"),
        ));
    }
    account["display_name"] = json!(s.name);
    observables.push(b.push(account));

    let mut urls = Vec::new();
    if let Some(u) = s.profile_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        urls.push((u.to_string(), "profile address of the reported persona"));
    }
    for w in sorted_unique(s.websites.iter().cloned()) {
        if !urls.iter().any(|(u, _)| *u == w) {
            urls.push((w, "website the reported persona shows"));
        }
    }
    for (u, what) in &urls {
        observables.push(
            b.push(json!({"type": "url", "spec_version": "2.1", "id": sco_id("url", &[("value", u)]), "value": u})),
        );
        indicators.push((what.to_string(), format!("[url:value = {}]", pattern_string(u)), format!("url\n{u}")));
    }
    let emails = sorted_unique(s.emails.iter().cloned());
    for e in &emails {
        observables.push(b.push(
            json!({"type": "email-addr", "spec_version": "2.1", "id": sco_id("email-addr", &[("value", e)]), "value": e}),
        ));
        indicators.push((
            "email address the reported persona gave".into(),
            format!("[email-addr:value = {}]", pattern_string(e)),
            format!("email\n{e}"),
        ));
    }
    if let Some(p) = &case.photo {
        // §2.9: of `hashes` only the preferred algorithm present contributes to the id.
        let canonical_file = format!(
            "{{\"hashes\":{{\"SHA-256\":{}}},\"name\":{}}}",
            Value::String(p.sha256.clone()),
            Value::String(p.file_name.clone())
        );
        let id = format!("file--{}", Uuid::new_v5(&SCO_NAMESPACE, canonical_file.as_bytes()));
        observables.push(b.push(json!({
            "type": "file", "spec_version": "2.1", "id": id,
            "hashes": {"SHA-256": p.sha256}, "name": p.file_name, "size": p.bytes.len(),
        })));
        indicators.push((
            "profile photo of the reported persona".into(),
            format!("[file:hashes.'SHA-256' = {}]", pattern_string(&p.sha256)),
            format!("photo\n{}", p.sha256),
        ));
    }
    let domains = sorted_unique(s.websites.iter().chain(&s.emails).filter_map(|t| domain_of(t)));
    let profile_domain = s.profile_url.as_deref().and_then(domain_of);
    for d in domains.iter().filter(|d| Some(*d) != profile_domain.as_ref()) {
        observables.push(b.push(
            json!({"type": "domain-name", "spec_version": "2.1", "id": sco_id("domain-name", &[("value", d)]), "value": d}),
        ));
        indicators.push((
            "domain the reported persona uses".into(),
            format!("[domain-name:value = {}]", pattern_string(d)),
            format!("domain\n{d}"),
        ));
    }

    // The approach as observed.
    let mut observed = sdo("observed-data", "approach");
    observed.insert("first_observed".into(), received.clone().into());
    observed.insert("last_observed".into(), received.clone().into());
    observed.insert("number_observed".into(), 1.into());
    observed.insert("object_refs".into(), json!(observables));
    let observed_id = b.push(Value::Object(observed));

    // Who was approached: the organisation; the person only when asked.
    let mut targets = Vec::new();
    if let Some(org) = case.recipient_org() {
        let mut ident = sdo("identity", "recipient-org");
        ident.insert("name".into(), org.into());
        ident.insert("identity_class".into(), "organization".into());
        targets.push(b.push(Value::Object(ident)));
    }
    if opts.include_recipient {
        let mut person = sdo("identity", "recipient");
        person.insert("name".into(), r.recipient.name.clone().into());
        person.insert("identity_class".into(), "individual".into());
        if let Some(role) = &r.recipient.role {
            person.insert("roles".into(), json!([role]));
        }
        targets.push(b.push(Value::Object(person)));
    }

    // ATT&CK techniques the approach fits.
    let attack = |b: &mut Builder, id: &str, name: &str, url: &str| {
        b.push(json!({
            "type": "attack-pattern", "spec_version": "2.1",
            "id": format!("attack-pattern--{}", Uuid::new_v5(&linkvet_namespace(), format!("attack-pattern\nmitre-attack\n{id}").as_bytes())),
            "created": ATTACK_CREATED, "modified": ATTACK_CREATED,
            "name": name,
            "external_references": [{"source_name": "mitre-attack", "external_id": id, "url": url}]
        }))
    };
    let accounts_ap = attack(
        &mut b,
        "T1585.001",
        "Establish Accounts: Social Media Accounts",
        "https://attack.mitre.org/techniques/T1585/001/",
    );
    let phishing_ap = attack(&mut b, "T1598", "Phishing for Information", "https://attack.mitre.org/techniques/T1598/");

    // Indicators: every identifier the reported persona controls.
    let mut indicator_ids = Vec::new();
    for (name, pattern, which) in &indicators {
        let mut ind = sdo("indicator", which);
        ind.insert("name".into(), name.clone().into());
        ind.insert("indicator_types".into(), json!(["malicious-activity"]));
        ind.insert("pattern".into(), pattern.clone().into());
        ind.insert("pattern_type".into(), "stix".into());
        ind.insert("valid_from".into(), received.clone().into());
        indicator_ids.push(b.push(Value::Object(ind)));
    }

    // The officer's rationale and the evidence behind it.
    let mut content = format!("Officer's rationale ({}): {}\n\nEvidence:\n", case.decision.officer, case.decision.note);
    for e in &case.row.checks {
        content.push_str(&format!("- {} [{} {}]: {}\n", e.check, e.verdict, e.score, e.summary));
    }
    if !s.phones.is_empty() {
        content.push_str(&format!("\nPhone numbers the persona gave: {}\n", s.phones.join(", ")));
    }
    let mut note = sdo("note", "rationale");
    note.insert("abstract".into(), "Why the officer reported this approach".into());
    note.insert("content".into(), sanitize_multiline(&content).into_owned().into());
    note.insert("authors".into(), json!([case.decision.officer]));
    note.insert("object_refs".into(), json!([observed_id, observables[0]]));
    let note_id = b.push(Value::Object(note));

    // Relationships.
    let mut rel_ids = Vec::new();
    let mut relate = |b: &mut Builder, source: &str, kind: &str, target: &str| {
        let mut rel = sdo("relationship", &format!("{source}\n{kind}\n{target}"));
        rel.insert("relationship_type".into(), kind.into());
        rel.insert("source_ref".into(), source.into());
        rel.insert("target_ref".into(), target.into());
        rel_ids.push(b.push(Value::Object(rel)));
    };
    for ind in &indicator_ids {
        relate(&mut b, ind, "based-on", &observed_id);
        relate(&mut b, ind, "indicates", &accounts_ap);
    }
    for t in &targets {
        relate(&mut b, &phishing_ap, "targets", t);
    }

    // The report tying it together.
    let mut refs = vec![observed_id.clone(), note_id, accounts_ap, phishing_ap];
    refs.extend(observables.iter().cloned());
    refs.extend(targets.iter().cloned());
    refs.extend(indicator_ids.iter().cloned());
    refs.extend(rel_ids);
    let mut report = sdo("report", "escalation");
    report.insert(
        "name".into(),
        format!(
            "Suspected hostile approach {} on {}",
            case.row.external_id.clone().unwrap_or_else(|| format!("#{}", case.request_id)),
            r.platform
        )
        .into(),
    );
    let mut description = format!(
        "A {} connection request from the persona \"{}\" received {} was reported by {} at {}.",
        r.platform, s.name, received, case.decision.officer, at
    );
    if let Some(org) = case.recipient_org() {
        description.push_str(&format!(" The approached official works at {org}."));
    }
    if let (Some(risk), Some(level)) = (case.row.risk, case.row.level) {
        description.push_str(&format!(" linkvet risk {risk}/100 ({level})."));
    }
    report.insert("description".into(), sanitize_multiline(&description).into_owned().into());
    report.insert("report_types".into(), json!(["threat-report"]));
    report.insert("published".into(), at.clone().into());
    report.insert("object_refs".into(), json!(refs));
    b.push(Value::Object(report));

    let mut objects = vec![tlp_marking(opts.tlp)];
    objects.extend(b.objects);
    json!({
        "type": "bundle",
        "id": format!("bundle--{}", Uuid::new_v5(&linkvet_namespace(), format!("bundle\n{key}\n{}", opts.tlp.as_str()).as_bytes())),
        "objects": objects,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sco_ids_follow_the_stix_example() {
        // Pins the algorithm against the stix2 library:
        // stix2.URL(value="https://example.com").id
        assert_eq!(sco_id("url", &[("value", "https://example.com")]), "url--528ccb4e-e65b-57d2-8aef-9eca4c7fb79f");
    }

    #[test]
    fn pattern_strings_escape_quotes_and_backslashes() {
        assert_eq!(pattern_string(r"o'brien\x"), r"'o\'brien\\x'");
    }

    #[test]
    fn logins_and_domains() {
        assert_eq!(
            login_from_profile("https://www.linkedin.com/in/emily-carter-gtp-7f3a91/").as_deref(),
            Some("emily-carter-gtp-7f3a91")
        );
        assert_eq!(login_from_profile("https://www.linkedin.com/"), None);
        assert_eq!(domain_of("https://GTP-consult.example/about").as_deref(), Some("gtp-consult.example"));
        assert_eq!(domain_of("o.hart@proton.me").as_deref(), Some("proton.me"));
        assert_eq!(domain_of("not a domain"), None);
    }
}
