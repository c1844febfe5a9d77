//! The Markdown summary a person reads: who was approached, by whom, the risk and every
//! check's evidence, the officer's decision, the photo with its best match, and the decision
//! trail with its hashes. Every string from the report is escaped (see `text`), so the
//! adversary cannot add links, images, HTML or table cells of their own.

use super::ExportOptions;
use super::case::{Case, MatchSource};
use super::text::{escape_markdown as md, quote_markdown};
use std::fmt::Write;

fn opt(v: &Option<String>) -> String {
    v.as_deref().map(md).unwrap_or_else(|| "—".into())
}

pub fn render(case: &Case, opts: &ExportOptions) -> String {
    let r = &case.report;
    let s = &r.sender;
    let row = &case.row;
    let ext = row.external_id.as_deref().map(md).unwrap_or_else(|| format!("request #{}", case.request_id));
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "# Escalation: suspected hostile approach {ext}\n");
    let _ = writeln!(w, "**{}** — {}.\n", opts.tlp.label(), opts.tlp.meaning());
    let _ = writeln!(w, "| | |\n|---|---|");
    let _ = writeln!(w, "| Request | #{} ({ext}) |", case.request_id);
    let _ = writeln!(w, "| Platform | {} |", r.platform);
    let _ = writeln!(w, "| Received | {} |", r.received_at.utc().to_rfc3339());
    let _ = writeln!(
        w,
        "| Reported by the official | {} by {} |",
        r.reported_at.map(|t| t.utc().to_rfc3339()).unwrap_or_else(|| "—".into()),
        opt(&r.reporter)
    );
    let _ = writeln!(
        w,
        "| Risk | {} |",
        match (row.risk, row.level) {
            (Some(v), Some(l)) => format!("{v} / 100 ({l})"),
            _ => "not checked".into(),
        }
    );
    let _ = writeln!(
        w,
        "| Decision | reported by {} at {} (audit entry {}) |\n",
        md(&case.decision.officer),
        case.decision.at,
        case.decision.seq
    );

    let _ = writeln!(w, "## Who was approached\n");
    if opts.include_recipient {
        let _ = writeln!(w, "- Name: {}", md(&r.recipient.name));
    } else {
        let _ = writeln!(w, "- Name: withheld (export with the recipient included to name them)");
    }
    let _ = writeln!(w, "- Role: {}", opt(&r.recipient.role));
    let _ = writeln!(w, "- Organisation: {}\n", opt(&r.recipient.org));

    let _ = writeln!(w, "## Who approached (as the profile shows it, unverified)\n");
    let _ = writeln!(w, "- Display name: {}", md(&s.name));
    let _ = writeln!(w, "- Profile address: {}", opt(&s.profile_url));
    let _ = writeln!(w, "- Headline: {}", opt(&s.headline));
    let _ = writeln!(w, "- Location: {}", opt(&s.location));
    let num = |n: Option<u32>| n.map(|v| v.to_string()).unwrap_or_else(|| "?".into());
    let _ = writeln!(
        w,
        "- Joined {} · photo updated {} · {} connections · {} followers · {} mutual · {} recent posts",
        s.joined.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        s.photo_updated.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
        num(s.connections),
        num(s.followers),
        num(s.mutual_connections),
        num(s.recent_posts)
    );
    let list = |items: &[String]| {
        if items.is_empty() { "none".to_string() } else { items.iter().map(|i| md(i)).collect::<Vec<_>>().join(", ") }
    };
    let _ = writeln!(w, "- Verifications: {}", list(&s.verifications));
    for e in &s.experience {
        let _ = writeln!(
            w,
            "- Experience: {} at {}, {} – {}",
            md(&e.title),
            md(&e.org),
            e.start.map(|d| d.to_string()).unwrap_or_else(|| "?".into()),
            e.end.map(|d| d.to_string()).unwrap_or_else(|| "present".into())
        );
    }
    for e in &s.education {
        let _ = writeln!(w, "- Education: {}, {}", md(&e.school), opt(&e.degree));
    }
    let _ = writeln!(w, "- Websites: {}", list(&s.websites));
    let _ = writeln!(w, "- Email addresses: {}", list(&s.emails));
    let _ = writeln!(w, "- Phone numbers: {}\n", list(&s.phones));

    let _ = writeln!(w, "## What was written\n");
    match &r.message {
        Some(m) => {
            let _ = writeln!(w, "Invitation message:\n\n{}", quote_markdown(m));
        }
        None => {
            let _ = writeln!(w, "No invitation message.\n");
        }
    }
    for t in &r.thread {
        let who = match t.from {
            crate::domain::report::Party::Sender => "sender",
            crate::domain::report::Party::Recipient => "official",
        };
        let _ =
            writeln!(w, "Later message from the {who} at {}:\n\n{}", t.at.utc().to_rfc3339(), quote_markdown(&t.text));
    }
    if let Some(n) = &r.notes {
        let _ = writeln!(w, "The official's own notes:\n\n{}", quote_markdown(n));
    }

    let _ = writeln!(w, "## The officer's decision\n");
    let _ = writeln!(
        w,
        "{} reported this approach at {}:\n\n{}",
        md(&case.decision.officer),
        case.decision.at,
        quote_markdown(&case.decision.note)
    );

    let _ = writeln!(w, "## Risk and checks\n");
    for line in &case.risk_explanation {
        let _ = writeln!(w, "- {}", md(line));
    }
    let _ = writeln!(w, "\n| Check | Verdict | Score | Summary |\n|---|---|---|---|");
    for e in &row.checks {
        let _ = writeln!(w, "| {} | {} | {} | {} |", md(&e.check), e.verdict, e.score, md(&e.summary));
    }
    let _ = writeln!(w);
    for e in row.checks.iter().filter(|e| !e.lines.is_empty()) {
        let _ = writeln!(w, "### {} — {}\n", md(&e.check), e.verdict);
        for l in &e.lines {
            let _ = writeln!(w, "- {}", md(l));
        }
        let _ = writeln!(w);
    }

    let _ = writeln!(w, "## Profile photo\n");
    match &case.photo {
        Some(p) => {
            let _ = writeln!(w, "![the persona's profile photo]({})\n", p.file_name);
            let _ = writeln!(w, "- File: `{}` ({}, {}×{})", p.file_name, p.format, p.width, p.height);
            let _ = writeln!(w, "- SHA-256: `{}`", p.sha256);
            let _ = writeln!(w, "- Perceptual hash: `{}`", p.phash);
            match &case.best_match {
                Some(m) => {
                    let what = match &m.source {
                        MatchSource::Reference { name, label, source } => format!(
                            "reference photo {} (label {}{})",
                            md(name),
                            md(label),
                            source.as_deref().map(|s| format!(", source: {}", md(s))).unwrap_or_default()
                        ),
                        MatchSource::Request { request_id, external_id } => format!(
                            "the photo of request #{request_id}{}",
                            external_id.as_deref().map(|e| format!(" ({})", md(e))).unwrap_or_default()
                        ),
                    };
                    let verdict = if m.is_match { "a match" } else { "not a match at linkvet's threshold" };
                    let _ = writeln!(w, "- Best match: {what}, distance {} — {verdict}\n", m.distance);
                    match &m.photo {
                        Some(mp) => {
                            let _ = writeln!(w, "![best match]({})\n", mp.file_name);
                            let _ = writeln!(w, "- File: `{}`, SHA-256 `{}`\n", mp.file_name, mp.sha256);
                        }
                        None => {
                            let _ = writeln!(w, "The matching photo is byte-identical to `{}`.\n", p.file_name);
                        }
                    }
                }
                None => {
                    let _ = writeln!(w, "- Best match: none found among reference photos and other requests\n");
                }
            }
        }
        None => {
            let _ = writeln!(w, "The profile had no photo.\n");
        }
    }

    let _ = writeln!(w, "## Decision trail (audit log)\n");
    let _ = writeln!(
        w,
        "Each entry commits to the one before it (`linkvet audit verify`). Exports are recorded too but not listed here.\n"
    );
    let _ = writeln!(w, "| Seq | At | Officer | Action | Note | Hash |\n|---|---|---|---|---|---|");
    for e in &case.trail {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} | `{}` |",
            e.seq,
            md(&e.at),
            md(&e.officer),
            md(&e.action),
            md(&e.note),
            e.hash
        );
    }
    let _ = writeln!(w, "\n## Files\n");
    let _ = writeln!(
        w,
        "Every file in this folder is listed with its SHA-256 in `SHA256SUMS` (check with `sha256sum -c SHA256SUMS`)."
    );
    o
}
