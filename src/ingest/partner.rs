//! Partner intelligence as watchlist rows: MISP events (one event JSON, a MISP REST search
//! result, or a MISP feed folder of `manifest.json` plus `<uuid>.json` events) and STIX 2.1
//! bundles, besides linkvet's own `kind,value,note` CSV.
//!
//! Taken: persons and personas (names), organisations, domains, URLs, e-mail addresses, phone
//! numbers and photo hashes (SHA-256). Every row records its source: the event or bundle and its
//! producer. What is left out is counted by kind, never silently dropped, and some things are
//! left out on purpose:
//!
//! * the producer's own identity (a STIX `created_by_ref`, a MISP event's `Orgc`), and anyone a
//!   `targets` relationship points at, since the victims of a campaign are not suspects — a
//!   bundle linkvet itself exported names the approached organisation that way;
//! * MISP attributes marked deleted, and attribute types with no watchlist kind (IP addresses,
//!   file names, MD5 or SHA-1 hashes: linkvet keeps photos by SHA-256 only).

use super::{IngestError, MAX_TEXT_BYTES, read_text};
use crate::domain::{WatchKind, WatchlistEntry};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Most events read from one MISP feed folder.
const MAX_FEED_EVENTS: usize = 10_000;

/// Rows read from a watchlist source, and what was not taken.
#[derive(Debug, Default)]
pub struct PartnerRead {
    /// `csv`, `MISP event`, `MISP feed`, `STIX 2.1 bundle`.
    pub format: &'static str,
    pub entries: Vec<WatchlistEntry>,
    /// What was left out and how many of each.
    pub skipped: BTreeMap<String, usize>,
}

impl PartnerRead {
    fn new(format: &'static str) -> Self {
        PartnerRead { format, ..Default::default() }
    }

    fn add(&mut self, kind: WatchKind, value: &str, note: String, source: &str) {
        let value = value.trim();
        if value.is_empty() {
            return;
        }
        let value = if kind == WatchKind::Photo { value.to_ascii_lowercase() } else { value.to_owned() };
        if self.entries.iter().any(|e| e.kind == kind && e.value == value) {
            return;
        }
        self.entries.push(WatchlistEntry { kind, value, note: note.trim().to_owned(), source: source.to_owned() });
    }

    fn skip(&mut self, what: impl Into<String>) {
        *self.skipped.entry(what.into()).or_default() += 1;
    }
}

/// Reads a watchlist in any accepted form, told apart by shape, not by name alone.
pub fn read_any_watchlist(path: &Path) -> Result<PartnerRead, IngestError> {
    if path.is_dir() {
        if path.join("manifest.json").is_file() {
            return read_misp_feed(path);
        }
        return Err(IngestError::new(path, "a folder without manifest.json: not a MISP feed"));
    }
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if ext.as_deref() == Some("csv") {
        let entries = super::watchlist::read_watchlist(path)?;
        return Ok(PartnerRead { format: "csv", entries, skipped: BTreeMap::new() });
    }
    let text = read_text(path, MAX_TEXT_BYTES)?;
    let json: Value = serde_json::from_str(&text).map_err(|e| {
        IngestError::new(path, format!("not JSON: {}", e.to_string().split(" at line ").next().unwrap_or("")))
            .at_line(e.line())
    })?;
    if json.get("type").and_then(Value::as_str) == Some("bundle") {
        return read_stix(path, &json);
    }
    if json.get("Event").is_some() || json.get("response").is_some() {
        let mut read = PartnerRead::new("MISP event");
        misp_events(path, &json, &mut read)?;
        return Ok(read);
    }
    Err(IngestError::new(
        path,
        "not a watchlist: expected a CSV (kind,value,note), a MISP event ({\"Event\": …}), a MISP feed folder or a STIX 2.1 bundle",
    ))
}

// ---- MISP -------------------------------------------------------------------------------

fn read_misp_feed(dir: &Path) -> Result<PartnerRead, IngestError> {
    let manifest_path = dir.join("manifest.json");
    let manifest: Value = serde_json::from_str(&read_text(&manifest_path, MAX_TEXT_BYTES)?).map_err(|e| {
        IngestError::new(&manifest_path, format!("not JSON: {}", e.to_string().split(" at line ").next().unwrap_or("")))
            .at_line(e.line())
    })?;
    let uuids: Vec<&String> = manifest
        .as_object()
        .ok_or_else(|| IngestError::new(&manifest_path, "a MISP feed manifest is an object keyed by event uuid"))?
        .keys()
        .collect();
    if uuids.len() > MAX_FEED_EVENTS {
        return Err(IngestError::new(
            &manifest_path,
            format!("{} events; the limit is {MAX_FEED_EVENTS}", uuids.len()),
        ));
    }
    let mut read = PartnerRead::new("MISP feed");
    for uuid in uuids {
        if uuid.is_empty() || !uuid.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(IngestError::new(&manifest_path, format!("{uuid:?} is not an event uuid")).field(uuid.clone()));
        }
        let file: PathBuf = dir.join(format!("{uuid}.json"));
        let event: Value = serde_json::from_str(&read_text(&file, MAX_TEXT_BYTES)?).map_err(|e| {
            IngestError::new(&file, format!("not JSON: {}", e.to_string().split(" at line ").next().unwrap_or("")))
                .at_line(e.line())
        })?;
        misp_events(&file, &event, &mut read)?;
    }
    Ok(read)
}

/// One `{"Event": …}`, or a REST search result `{"response": [{"Event": …}, …]}`.
fn misp_events(path: &Path, json: &Value, read: &mut PartnerRead) -> Result<(), IngestError> {
    if let Some(list) = json.get("response").and_then(Value::as_array) {
        for (i, item) in list.iter().enumerate() {
            let event = item.get("Event").ok_or_else(|| {
                IngestError::new(path, "a search result item without an Event").field(format!("response[{i}]"))
            })?;
            misp_event(path, event, &format!("response[{i}].Event"), read)?;
        }
        return Ok(());
    }
    let event = json.get("Event").ok_or_else(|| IngestError::new(path, "no Event in it").field("Event"))?;
    misp_event(path, event, "Event", read)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn misp_event(path: &Path, event: &Value, at: &str, read: &mut PartnerRead) -> Result<(), IngestError> {
    if !event.is_object() {
        return Err(IngestError::new(path, "the Event is not an object").field(at));
    }
    let uuid = text(event, "uuid");
    let info = text(event, "info");
    let org = event.get("Orgc").map(|o| text(o, "name")).filter(|n| !n.is_empty()).unwrap_or("unknown organisation");
    let source = format!("MISP event {uuid} ({org})");
    let context = if info.is_empty() { String::new() } else { format!("{info}: ") };
    for (i, attr) in list(event, "Attribute").iter().enumerate() {
        misp_attribute(path, attr, None, &format!("{at}.Attribute[{i}]"), &context, &source, read)?;
    }
    for (i, object) in list(event, "Object").iter().enumerate() {
        if object.get("deleted").and_then(Value::as_bool) == Some(true) {
            read.skip("deleted MISP object");
            continue;
        }
        let name = text(object, "name");
        for (j, attr) in list(object, "Attribute").iter().enumerate() {
            misp_attribute(
                path,
                attr,
                Some(name),
                &format!("{at}.Object[{i}].Attribute[{j}]"),
                &context,
                &source,
                read,
            )?;
        }
    }
    Ok(())
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

fn misp_attribute(
    path: &Path,
    attr: &Value,
    object: Option<&str>,
    at: &str,
    context: &str,
    source: &str,
    read: &mut PartnerRead,
) -> Result<(), IngestError> {
    if attr.get("deleted").and_then(Value::as_bool) == Some(true) {
        read.skip("deleted MISP attribute");
        return Ok(());
    }
    let kind = text(attr, "type");
    let value = match attr.get("value") {
        Some(Value::String(s)) => s.as_str(),
        Some(other) => {
            return Err(IngestError::new(path, format!("an attribute's value must be a string, found {other}"))
                .field(format!("{at}.value")));
        }
        None => return Err(IngestError::new(path, "an attribute without a value").field(format!("{at}.value"))),
    };
    let relation = text(attr, "object_relation");
    let comment = text(attr, "comment");
    let note = format!("{context}{}", if comment.is_empty() { kind } else { comment });
    let taken = match (kind, object, relation) {
        ("url" | "uri" | "link", _, _) if value.contains("://") => Some((WatchKind::Url, value.to_owned())),
        ("domain" | "hostname", _, _) => Some((WatchKind::Domain, value.to_owned())),
        ("domain|ip", _, _) => Some((WatchKind::Domain, value.split('|').next().unwrap_or("").to_owned())),
        ("email" | "email-src" | "email-dst" | "email-reply-to" | "whois-registrant-email", _, _) => {
            Some((WatchKind::Email, value.to_owned()))
        }
        ("phone-number" | "whois-registrant-phone", _, _) => Some((WatchKind::Phone, value.to_owned())),
        ("full-name" | "whois-registrant-name", _, _) => Some((WatchKind::Name, value.to_owned())),
        ("whois-registrant-org", _, _) => Some((WatchKind::Org, value.to_owned())),
        ("text", Some("user-account"), "display-name") => Some((WatchKind::Name, value.to_owned())),
        ("text", Some("organization" | "organisation"), "name") => Some((WatchKind::Org, value.to_owned())),
        ("sha256", _, _) if super::watchlist::is_sha256(value) => Some((WatchKind::Photo, value.to_owned())),
        ("filename|sha256", _, _) => {
            value.split('|').nth(1).filter(|h| super::watchlist::is_sha256(h)).map(|h| (WatchKind::Photo, h.to_owned()))
        }
        _ => None,
    };
    match taken {
        Some((k, v)) => read.add(k, &v, note, source),
        None => read.skip(format!("MISP {kind}{}", object.map(|o| format!(" in a {o} object")).unwrap_or_default())),
    }
    Ok(())
}

// ---- STIX 2.1 ---------------------------------------------------------------------------

fn read_stix(path: &Path, bundle: &Value) -> Result<PartnerRead, IngestError> {
    let objects = bundle
        .get("objects")
        .and_then(Value::as_array)
        .ok_or_else(|| IngestError::new(path, "a STIX bundle without an objects list").field("objects"))?;
    for (i, o) in objects.iter().enumerate() {
        if text(o, "type").is_empty() || text(o, "id").is_empty() {
            return Err(
                IngestError::new(path, "every STIX object needs a type and an id").field(format!("objects[{i}]"))
            );
        }
        if o.get("spec_version").and_then(Value::as_str).is_some_and(|v| v != "2.1") {
            return Err(IngestError::new(path, "only STIX 2.1 is read").field(format!("objects[{i}].spec_version")));
        }
    }
    let by_id: BTreeMap<&str, &Value> = objects.iter().map(|o| (text(o, "id"), o)).collect();
    // Producers and victims are not suspects.
    let producers: Vec<&str> = objects.iter().filter_map(|o| o.get("created_by_ref").and_then(Value::as_str)).collect();
    let targets: Vec<&str> = objects
        .iter()
        .filter(|o| text(o, "type") == "relationship" && text(o, "relationship_type") == "targets")
        .map(|o| text(o, "target_ref"))
        .collect();
    let producer_name = producers
        .first()
        .and_then(|id| by_id.get(id))
        .map(|o| text(o, "name"))
        .filter(|n| !n.is_empty())
        .unwrap_or("unknown producer");
    let source = format!("STIX bundle {} ({producer_name})", text(bundle, "id"));
    let mut read = PartnerRead::new("STIX 2.1 bundle");
    for o in objects {
        let kind = text(o, "type");
        let id = text(o, "id");
        let name = text(o, "name");
        let described = |what: &str| {
            let d = text(o, "description");
            if d.is_empty() { format!("STIX {what} {name}").trim().to_owned() } else { format!("{what}: {d}") }
        };
        match kind {
            "identity" if producers.contains(&id) => read.skip("STIX identity of the producer"),
            "identity" if targets.contains(&id) => read.skip("STIX identity that is targeted (a victim)"),
            "identity" => {
                let k = match text(o, "identity_class") {
                    "individual" => WatchKind::Name,
                    "organization" | "group" => WatchKind::Org,
                    other => {
                        read.skip(format!("STIX identity of class {other:?}"));
                        continue;
                    }
                };
                read.add(k, name, described("identity"), &source);
                let contact = text(o, "contact_information");
                for e in crate::checks::text::extract_emails(contact) {
                    read.add(WatchKind::Email, &e, described("contact of"), &source);
                }
                for p in crate::checks::text::extract_phones(contact) {
                    read.add(WatchKind::Phone, &p, described("contact of"), &source);
                }
            }
            "threat-actor" => {
                read.add(WatchKind::Name, name, described("threat actor"), &source);
                for alias in list(o, "aliases").iter().filter_map(Value::as_str) {
                    read.add(WatchKind::Name, alias, format!("alias of threat actor {name}"), &source);
                }
            }
            "domain-name" => read.add(WatchKind::Domain, text(o, "value"), "STIX domain-name".into(), &source),
            "url" => read.add(WatchKind::Url, text(o, "value"), "STIX url".into(), &source),
            "email-addr" => {
                read.add(WatchKind::Email, text(o, "value"), "STIX email-addr".into(), &source);
            }
            "user-account" => {
                let display = text(o, "display_name");
                read.add(WatchKind::Name, display, "STIX user-account".into(), &source);
                let login = text(o, "account_login");
                if text(o, "account_type") == "linkedin" && !login.is_empty() {
                    let url = format!("https://www.linkedin.com/in/{login}");
                    read.add(WatchKind::Url, &url, format!("STIX user-account {display}"), &source);
                }
            }
            "file" => match o.get("hashes").and_then(|h| h.get("SHA-256")).and_then(Value::as_str) {
                Some(h) if super::watchlist::is_sha256(h) => {
                    read.add(WatchKind::Photo, h, format!("STIX file {}", text(o, "name")), &source)
                }
                _ => read.skip("STIX file without a SHA-256"),
            },
            "indicator" => {
                let note = described("indicator");
                let pattern = text(o, "pattern");
                let mut any = false;
                if text(o, "pattern_type") == "stix" {
                    for (k, v) in pattern_values(pattern) {
                        read.add(k, &v, note.clone(), &source);
                        any = true;
                    }
                }
                if !any {
                    read.skip("STIX indicator with no comparison linkvet can use");
                }
            }
            "marking-definition"
            | "relationship"
            | "report"
            | "note"
            | "observed-data"
            | "attack-pattern"
            | "grouping"
            | "extension-definition"
            | "language-content"
            | "opinion"
            | "sighting" => {}
            other => read.skip(format!("STIX {other}")),
        }
    }
    Ok(read)
}

/// The `object:property = 'value'` comparisons of a STIX pattern that name a watchlist kind.
fn pattern_values(pattern: &str) -> Vec<(WatchKind, String)> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(eq) = rest.find(" = '") {
        let lhs_start = rest[..eq].rfind(['[', ' ', '(']).map(|i| i + 1).unwrap_or(0);
        let lhs = rest[lhs_start..eq].trim();
        let after = &rest[eq + 4..];
        let mut value = String::new();
        let mut chars = after.char_indices();
        let mut end = after.len();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, n)) = chars.next() {
                        value.push(n);
                    }
                }
                '\'' => {
                    end = i + 1;
                    break;
                }
                c => value.push(c),
            }
        }
        let kind = match lhs {
            "domain-name:value" => Some(WatchKind::Domain),
            "url:value" => Some(WatchKind::Url),
            "email-addr:value" => Some(WatchKind::Email),
            "user-account:display_name" => Some(WatchKind::Name),
            "file:hashes.'SHA-256'" | "file:hashes.SHA256" | "file:hashes.'SHA256'" => {
                Some(WatchKind::Photo).filter(|_| super::watchlist::is_sha256(&value))
            }
            _ => None,
        };
        if let Some(k) = kind {
            out.push((k, value));
        }
        rest = &after[end.min(after.len())..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stix_patterns_give_their_values() {
        let p = "[domain-name:value = 'gtp-consult.example'] OR [url:value = 'https://x.example/a\\'b'] AND [ipv4-addr:value = '1.2.3.4']";
        assert_eq!(
            pattern_values(p),
            vec![(WatchKind::Domain, "gtp-consult.example".into()), (WatchKind::Url, "https://x.example/a'b".into())]
        );
        let h = "[file:hashes.'SHA-256' = '5E1C3A9F0B7D2E4C6A8F1B3D5E7C9A0B2D4F6E8A1C3B5D7F9E0A2C4B6D8F0A1C']";
        assert_eq!(pattern_values(h)[0].0, WatchKind::Photo);
        assert!(pattern_values("[file:hashes.MD5 = 'abc']").is_empty());
    }
}
