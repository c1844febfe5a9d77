//! `linkvet stats`: the figures of [`crate::stats::compute`] as a table for people, JSON or CSV
//! for scripts, or Markdown a manager can paste into a monthly briefing. Every string that came
//! from a report (organisations, roles, names, a watchlist value as found) is sanitised, and
//! Markdown escapes it as well; recipients are named only with `--include-recipients`.

use super::output::cell;
use super::{Failure, Out, open_store};
use crate::cli::{StatsArgs, StatsFormat};
use crate::domain::stats::{Named, Ranking, Stats, StatsQuery, describe_change, describe_hours, share};
use crate::export::text::escape_markdown;
use crate::sanitize::{is_hostile, sanitize};
use std::path::Path;

pub fn stats(db: &Path, args: &StatsArgs, out: &mut Out) -> Result<(), Failure> {
    let period = crate::domain::stats::Period::parse(args.since.as_deref(), args.until.as_deref())
        .map_err(|e| Failure::usage(format!("{e}; nothing was read")))?;
    // A read never creates a database: a mistyped --db would otherwise count an empty one.
    if !db.exists() {
        return Err(Failure::usage(format!(
            "{}: no database there, so nothing to count (give --db PATH, or import reports first); nothing was created",
            db.display()
        )));
    }
    let store = open_store(db)?;
    let q = StatsQuery {
        period,
        status: super::inspect::status_filter(args.status),
        text: args.filter.clone(),
        include_recipients: args.include_recipients,
        top: usize::from(args.top),
    };
    let s = crate::stats::compute(&store, &q, chrono::Utc::now())?;
    match args.format {
        StatsFormat::Table => table(&s, out)?,
        StatsFormat::Json => out.line(json_text(&s)?)?,
        StatsFormat::Csv => out.line(csv_text(&s)?.trim_end())?,
        StatsFormat::Markdown => out.line(markdown(&s))?,
    }
    Ok(())
}

// ── text charts (table and Markdown) ──────────────────────────────────────────────────────

const EIGHTHS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A horizontal bar of `value` against `max`, at most `width` characters, in eighths.
pub fn bar(value: u64, max: u64, width: usize) -> String {
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = ((value as f64 / max as f64) * (width * 8) as f64).round().max(1.0) as usize;
    format!("{}{}", "█".repeat(eighths / 8), EIGHTHS[eighths % 8])
}

/// One character per value, `▁` (none or least) to `█` (the most).
pub fn sparkline(values: &[u64]) -> String {
    let max = values.iter().copied().max().unwrap_or(0);
    values.iter().map(|&v| SPARKS[(v * 7 + max / 2).checked_div(max).unwrap_or(0) as usize]).collect()
}

fn none_label(what: &str) -> String {
    format!("(no {what})")
}

fn status_line(s: &Stats) -> String {
    let mut l = format!("status {}", s.filters.status);
    if let Some(t) = &s.filters.text {
        l.push_str(&format!(", text \"{}\"", sanitize(t)));
    }
    l
}

/// "+25 % on 2026-10-02 – 2026-10-31: 56" and "+25 %: 52"; "none in …" after nothing.
fn trend_text(s: &Stats) -> (String, String) {
    let Some(t) = &s.trend else { return (String::new(), String::new()) };
    let previous = t.previous.describe();
    let received = match t.received_change_pct {
        Some(_) => format!("{} on {previous}: {}", describe_change(t.received_change_pct), t.received_previous),
        None => format!("none in {previous}"),
    };
    let reported = match t.reported_change_pct {
        Some(_) => format!("{}: {}", describe_change(t.reported_change_pct), t.reported_previous),
        None => "none before".to_owned(),
    };
    (received, reported)
}

// ── table ────────────────────────────────────────────────────────────────────────────────

fn table(s: &Stats, out: &mut Out) -> std::io::Result<()> {
    out.line(format!("linkvet statistics · {} · {} · as of {}", s.period.describe(), status_line(s), s.generated_at))?;
    out.line("")?;
    let (received_trend, reported_trend) = trend_text(s);
    let paren = |t: &str| if t.is_empty() { String::new() } else { format!("  ({t})") };
    out.line("APPROACHES")?;
    out.line(format!("  received               {:>8}{}", s.totals.received, paren(&received_trend)))?;
    out.line(format!("  reported to the team   {:>8}{}", s.totals.reported, paren(&reported_trend)))?;
    out.line(format!("  officials approached   {:>8}", s.totals.recipients))?;
    out.line(format!("  organisations          {:>8}", s.totals.organisations))?;
    out.line(format!("  active campaigns       {:>8}", s.campaigns.active))?;
    out.line("")?;

    out.line("PER WEEK (Monday, UTC)")?;
    out.line(format!("  {:<10} {:>4} {:>9} {:>9} {:>6}  RECEIVED", "WEEK", "DAYS", "RECEIVED", "REPORTED", "HIGH"))?;
    let max = s.weeks.iter().map(|w| w.received).max().unwrap_or(0);
    for w in &s.weeks {
        out.line(format!(
            "  {:<10} {:>4} {:>9} {:>9} {:>6}  {}",
            w.week.to_string(),
            w.days,
            w.received,
            w.reported,
            w.high,
            bar(w.received, max, 30)
        ))?;
    }
    out.line("")?;

    let total = s.totals.received;
    let counted = |out: &mut Out, title: &str, rows: &[(String, u64)]| -> std::io::Result<()> {
        out.line(title)?;
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
        for (label, n) in rows {
            out.line(format!("  {} {:>8} {:>4} %  {}", cell(label, 22), n, share(*n, total), bar(*n, max, 30)))?;
        }
        out.line("")
    };
    let platforms: Vec<(String, u64)> =
        s.platforms.iter().map(|p| (p.name.clone().unwrap_or_default(), p.count)).collect();
    counted(out, "PLATFORMS", &platforms)?;
    let r = &s.risk_levels;
    counted(
        out,
        "RISK",
        &[
            ("high".into(), r.high),
            ("medium".into(), r.medium),
            ("low".into(), r.low),
            ("unchecked".into(), r.unchecked),
        ],
    )?;
    let d = &s.decisions;
    counted(
        out,
        "DECISIONS (standing)",
        &[
            ("reported".into(), d.reported),
            ("flagged".into(), d.flagged),
            ("accepted".into(), d.accepted),
            ("pending".into(), d.pending),
        ],
    )?;

    let ranking = |out: &mut Out, title: &str, r: &Ranking, none: &str| -> std::io::Result<()> {
        out.line(format!("{title} ({} distinct)", r.distinct))?;
        for n in &r.top {
            out.line(format!("  {:>8}  {}", n.count, ranked_name(n, none)))?;
        }
        out.line("")
    };
    ranking(out, "ORGANISATIONS MOST APPROACHED", &s.organisations, "organisation")?;
    ranking(out, "ROLES MOST APPROACHED", &s.roles, "role")?;
    if s.recipients.top.is_empty() {
        out.line(format!("OFFICIALS APPROACHED: {} (names with --include-recipients)", s.recipients.distinct))?;
        out.line("")?;
    } else {
        ranking(out, "OFFICIALS MOST APPROACHED", &s.recipients, "name")?;
    }

    out.line(format!("ACTIVE CAMPAIGNS ({})", s.campaigns.active))?;
    if !s.campaigns.top.is_empty() {
        out.line(format!(
            "  {:<9} {:<10} {:<10} {:>8} {:>9} {:>9} {:>5}  SENDER (names used)",
            "CAMPAIGN", "FIRST", "LAST", "REQUESTS", "IN PERIOD", "OFFICIALS", "ORGS"
        ))?;
    }
    for c in &s.campaigns.top {
        out.line(format!(
            "  {:<9} {:<10} {:<10} {:>8} {:>9} {:>9} {:>5}  {} ({})",
            format!("#{}", c.id),
            day(&c.first_seen),
            day(&c.last_seen),
            c.members,
            c.members_in_period,
            c.recipients,
            c.organisations,
            sanitize(&c.sender),
            c.senders
        ))?;
    }
    out.line("")?;

    out.line("WATCHLIST VALUES MATCHED MOST")?;
    for w in &s.watchlist {
        out.line(format!("  {:>8}  {:<7} {}", w.requests, w.kind, sanitize(&w.value)))?;
    }
    out.line("REFERENCE PHOTOS MATCHED MOST")?;
    for r in &s.reference_photos {
        out.line(format!("  {:>8}  {} ({})", r.requests, sanitize(&r.name), sanitize(&r.label)))?;
    }
    out.line("")?;

    let t = &s.decision_time;
    out.line(format!("TIME FROM REPORT TO DECISION ({} decisions made in the period)", t.decided))?;
    if let (Some(m), Some(p)) = (t.median_hours, t.p90_hours) {
        out.line(format!("  median {}, 90th percentile {}", describe_hours(m), describe_hours(p)))?;
    }
    out.line(format!(
        "PENDING BACKLOG: {}{}",
        s.backlog.pending,
        s.backlog.oldest.as_deref().map(|o| format!(" (the oldest reached the team {})", day(o))).unwrap_or_default()
    ))?;
    let max = s.backlog.by_age.iter().map(|a| a.count).max().unwrap_or(0);
    for a in &s.backlog.by_age {
        out.line(format!("  {:<14} {:>8}  {}", a.age, a.count, bar(a.count, max, 30)))?;
    }
    out.line("")?;

    out.line("DECISIONS BY OFFICER (alphabetical; for supervision, not a ranking)")?;
    out.line(format!(
        "  {} {:>8} {:>8} {:>8} {:>8} {:>7} {:>9}",
        cell("OFFICER", 20),
        "ACCEPTED",
        "FLAGGED",
        "REPORTED",
        "RECORDED",
        "UNDONE",
        "UNDO RATE"
    ))?;
    if s.officers.is_empty() {
        out.line("  (no decisions in the period)")?;
    }
    for o in &s.officers {
        out.line(format!(
            "  {} {:>8} {:>8} {:>8} {:>8} {:>7} {:>9}",
            cell(&o.officer, 20),
            o.accepted,
            o.flagged,
            o.reported,
            o.decisions,
            o.undone,
            o.undo_rate.map(|r| format!("{:.0} %", r * 100.0)).unwrap_or_else(|| "-".into())
        ))?;
    }
    Ok(())
}

/// A ranked value sanitised, or "(no organisation)" for none given.
fn ranked_name(n: &Named, none: &str) -> String {
    n.name.as_deref().map(|t| sanitize(t).into_owned()).unwrap_or_else(|| none_label(none))
}

/// `2026-11-02T09:14:00Z` → `2026-11-02`.
fn day(at: &str) -> String {
    sanitize(at.get(..10).unwrap_or(at)).into_owned()
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────

/// The figures as one JSON object. Hidden, control, bidi and other format characters in any
/// string are written as `\uXXXX` escapes, never as themselves.
fn json_text(s: &Stats) -> Result<String, Failure> {
    let text = serde_json::to_string(s).map_err(|e| Failure::problem(e.to_string()))?;
    Ok(escape_json_text(&text))
}

/// `\uXXXX`-escapes every character the sanitiser would mark, in serialised JSON (where such
/// characters can only stand inside strings, so an escape means the same to a reader).
pub fn escape_json_text(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_hostile(c) {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────

/// A text cell safe to open in a spreadsheet: sanitised, and never read as a formula.
fn csv_text_cell(text: &str) -> String {
    let clean = sanitize(text).into_owned();
    if clean.starts_with(['=', '+', '-', '@']) { format!("'{clean}") } else { clean }
}

/// The figures as `section,item,measure,value` rows (one figure a row), for spreadsheets.
fn csv_text(s: &Stats) -> Result<String, Failure> {
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut row = |section: &str, item: &str, measure: &str, value: String| {
        rows.push([section.to_owned(), csv_text_cell(item), measure.to_owned(), value]);
    };
    let f = |v: f64| format!("{v:.2}");
    row("period", "", "since", s.period.since.map(|d| d.to_string()).unwrap_or_default());
    row("period", "", "until", s.period.until.map(|d| d.to_string()).unwrap_or_default());
    row("filters", "", "status", s.filters.status.clone());
    row("filters", "", "text", s.filters.text.as_deref().map(csv_text_cell).unwrap_or_default());
    row("totals", "", "received", s.totals.received.to_string());
    row("totals", "", "reported", s.totals.reported.to_string());
    row("totals", "", "recipients", s.totals.recipients.to_string());
    row("totals", "", "organisations", s.totals.organisations.to_string());
    row("totals", "", "active_campaigns", s.campaigns.active.to_string());
    if let Some(t) = &s.trend {
        let p = t.previous.describe();
        row("trend", &p, "received_previous", t.received_previous.to_string());
        row("trend", &p, "received_change_pct", t.received_change_pct.map(f).unwrap_or_default());
        row("trend", &p, "reported_previous", t.reported_previous.to_string());
        row("trend", &p, "reported_change_pct", t.reported_change_pct.map(f).unwrap_or_default());
    }
    for w in &s.weeks {
        let week = w.week.to_string();
        row("week", &week, "days", w.days.to_string());
        row("week", &week, "received", w.received.to_string());
        row("week", &week, "reported", w.reported.to_string());
        row("week", &week, "high", w.high.to_string());
    }
    for p in &s.platforms {
        row("platform", p.name.as_deref().unwrap_or_default(), "approaches", p.count.to_string());
    }
    let r = &s.risk_levels;
    for (level, n) in [("high", r.high), ("medium", r.medium), ("low", r.low), ("unchecked", r.unchecked)] {
        row("risk", level, "approaches", n.to_string());
    }
    let d = &s.decisions;
    for (status, n) in
        [("pending", d.pending), ("flagged", d.flagged), ("reported", d.reported), ("accepted", d.accepted)]
    {
        row("decision", status, "approaches", n.to_string());
    }
    for (section, ranking) in [("organisation", &s.organisations), ("role", &s.roles), ("recipient", &s.recipients)] {
        row(section, "", "distinct", ranking.distinct.to_string());
        for n in &ranking.top {
            // An empty item with measure `approaches_none_given` is "no organisation" etc.
            match &n.name {
                Some(name) => row(section, name, "approaches", n.count.to_string()),
                None => row(section, "", "approaches_none_given", n.count.to_string()),
            }
        }
    }
    for c in &s.campaigns.top {
        let id = format!("#{}", c.id);
        row("campaign", &id, "first_seen", c.first_seen.clone());
        row("campaign", &id, "last_seen", c.last_seen.clone());
        row("campaign", &id, "members", c.members.to_string());
        row("campaign", &id, "members_in_period", c.members_in_period.to_string());
        row("campaign", &id, "recipients", c.recipients.to_string());
        row("campaign", &id, "organisations", c.organisations.to_string());
        row("campaign", &id, "sender", csv_text_cell(&c.sender));
        row("campaign", &id, "senders", c.senders.to_string());
    }
    for w in &s.watchlist {
        row("watchlist", &format!("{}:{}", w.kind, w.value), "approaches", w.requests.to_string());
    }
    for p in &s.reference_photos {
        row("reference_photo", &format!("{}/{}", p.label, p.name), "approaches", p.requests.to_string());
    }
    let t = &s.decision_time;
    row("decision_time", "", "decided", t.decided.to_string());
    row("decision_time", "", "median_hours", t.median_hours.map(f).unwrap_or_default());
    row("decision_time", "", "p90_hours", t.p90_hours.map(f).unwrap_or_default());
    row("backlog", "", "pending", s.backlog.pending.to_string());
    row("backlog", "", "oldest", s.backlog.oldest.clone().unwrap_or_default());
    for a in &s.backlog.by_age {
        row("backlog", a.age, "pending", a.count.to_string());
    }
    for o in &s.officers {
        row("officer", &o.officer, "accepted", o.accepted.to_string());
        row("officer", &o.officer, "flagged", o.flagged.to_string());
        row("officer", &o.officer, "reported", o.reported.to_string());
        row("officer", &o.officer, "decisions", o.decisions.to_string());
        row("officer", &o.officer, "undone", o.undone.to_string());
        row("officer", &o.officer, "undo_rate", o.undo_rate.map(f).unwrap_or_default());
    }
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::problem(e.to_string());
    w.write_record(["section", "item", "measure", "value"]).map_err(fail)?;
    for r in rows {
        w.write_record(r).map_err(fail)?;
    }
    let bytes = w.into_inner().map_err(|e| Failure::problem(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Failure::problem(e.to_string()))
}

// ── Markdown ─────────────────────────────────────────────────────────────────────────────

/// Adversary (or any stored) text for a Markdown table cell.
fn md(text: &str) -> String {
    escape_markdown(text)
}

/// The monthly report: the figures, a short table per section and small text charts.
pub fn markdown(s: &Stats) -> String {
    let mut m = String::new();
    let mut line = |l: &str| {
        m.push_str(l);
        m.push('\n');
    };
    line(&format!("# Approaches to staff: {}", s.period.describe()));
    line("");
    let mut filters = format!("status {}", s.filters.status);
    if let Some(t) = &s.filters.text {
        filters.push_str(&format!(", matching “{}”", md(t)));
    }
    line(&format!(
        "_Figures from linkvet as of {}; {filters}. Periods are whole UTC days, both ends included. \
         Approaches are counted by when they were received, decisions by when they were made; \
         an undone decision does not count, and a request decided twice counts once, as the \
         decision that stands._",
        s.generated_at
    ));
    line("");

    let t = s.totals;
    let (received_trend, reported_trend) = trend_text(s);
    let paren = |x: &str| if x.is_empty() { String::new() } else { format!(" ({x})") };
    line("## Summary");
    line("");
    line(&format!("- **{}** approaches received{}", t.received, paren(&received_trend)));
    line(&format!("- **{}** reports reached the security team{}", t.reported, paren(&reported_trend)));
    line(&format!(
        "- **{}** assessed high risk ({} %); **{}** reported onwards, **{}** flagged, **{}** accepted, **{}** pending",
        s.risk_levels.high,
        share(s.risk_levels.high, t.received),
        s.decisions.reported,
        s.decisions.flagged,
        s.decisions.accepted,
        s.decisions.pending
    ));
    line(&format!("- **{}** officials in **{}** organisations approached", t.recipients, t.organisations));
    line(&format!("- **{}** active campaigns", s.campaigns.active));
    if let (Some(med), Some(p90)) = (s.decision_time.median_hours, s.decision_time.p90_hours) {
        line(&format!(
            "- Time from report to decision: median **{}**, nine in ten within **{}** ({} decisions)",
            describe_hours(med),
            describe_hours(p90),
            s.decision_time.decided
        ));
    }
    line(&format!(
        "- **{}** pending{}",
        s.backlog.pending,
        s.backlog.oldest.as_deref().map(|o| format!(", waiting since {}", day(o))).unwrap_or_default()
    ));
    if !s.weeks.is_empty() {
        let received: Vec<u64> = s.weeks.iter().map(|w| w.received).collect();
        line(&format!("- Received per week: {} (from the week of {})", sparkline(&received), s.weeks[0].week));
    }
    line("");

    line("## Approaches per week");
    line("");
    line("| Week (Monday) | Days | Received | Reported | High risk | |");
    line("|---|--:|--:|--:|--:|---|");
    let max = s.weeks.iter().map(|w| w.received).max().unwrap_or(0);
    for w in &s.weeks {
        line(&format!(
            "| {} | {} | {} | {} | {} | {} |",
            w.week,
            w.days,
            w.received,
            w.reported,
            w.high,
            bar(w.received, max, 20)
        ));
    }
    line("");

    let counted = |line: &mut dyn FnMut(&str), head: &str, rows: &[(String, u64)]| {
        line(&format!("| {head} | Approaches | Share | |"));
        line("|---|--:|--:|---|");
        let max = rows.iter().map(|r| r.1).max().unwrap_or(0);
        for (label, n) in rows {
            line(&format!("| {} | {n} | {} % | {} |", md(label), share(*n, t.received), bar(*n, max, 20)));
        }
        line("");
    };
    line("## Platforms");
    line("");
    let platforms: Vec<(String, u64)> =
        s.platforms.iter().map(|p| (p.name.clone().unwrap_or_default(), p.count)).collect();
    counted(&mut line, "Platform", &platforms);
    line("## Risk and decisions");
    line("");
    let r = s.risk_levels;
    counted(
        &mut line,
        "Risk",
        &[
            ("High".into(), r.high),
            ("Medium".into(), r.medium),
            ("Low".into(), r.low),
            ("Not yet checked".into(), r.unchecked),
        ],
    );
    let d = s.decisions;
    counted(
        &mut line,
        "Decision",
        &[
            ("Reported onwards".into(), d.reported),
            ("Flagged".into(), d.flagged),
            ("Accepted".into(), d.accepted),
            ("Pending".into(), d.pending),
        ],
    );

    let ranking = |line: &mut dyn FnMut(&str), title: &str, head: &str, r: &Ranking, none: &str| {
        line(&format!("## {title} ({} distinct)", r.distinct));
        line("");
        line(&format!("| {head} | Approaches | |"));
        line("|---|--:|---|");
        let max = r.top.iter().map(|n| n.count).max().unwrap_or(0);
        for n in &r.top {
            let name = n.name.as_deref().map(md).unwrap_or_else(|| format!("_{}_", none_label(none)));
            line(&format!("| {name} | {} | {} |", n.count, bar(n.count, max, 20)));
        }
        line("");
    };
    ranking(&mut line, "Organisations most approached", "Organisation", &s.organisations, "organisation");
    ranking(&mut line, "Roles most approached", "Role", &s.roles, "role");
    if s.recipients.top.is_empty() {
        line(&format!("## Officials approached ({} distinct)", s.recipients.distinct));
        line("");
        line("_Names are left out of this report._");
        line("");
    } else {
        ranking(&mut line, "Officials most approached", "Official", &s.recipients, "name");
    }

    line(&format!("## Active campaigns ({})", s.campaigns.active));
    line("");
    if !s.campaigns.top.is_empty() {
        line(
            "| Campaign | First seen | Last seen | Requests | In period | Officials | Organisations | Persona (names used) |",
        );
        line("|---|---|---|--:|--:|--:|--:|---|");
        for c in &s.campaigns.top {
            line(&format!(
                "| #{} | {} | {} | {} | {} | {} | {} | {} ({}) |",
                c.id,
                day(&c.first_seen),
                day(&c.last_seen),
                c.members,
                c.members_in_period,
                c.recipients,
                c.organisations,
                md(&c.sender),
                c.senders
            ));
        }
        line("");
    }

    line("## Watchlist and reference photos matched most");
    line("");
    if s.watchlist.is_empty() && s.reference_photos.is_empty() {
        line("_No approach in the period matched the watchlist or a reference photo._");
        line("");
    }
    if !s.watchlist.is_empty() {
        line("| Watchlist value | Kind | Approaches |");
        line("|---|---|--:|");
        for w in &s.watchlist {
            line(&format!("| {} | {} | {} |", md(&w.value), md(&w.kind), w.requests));
        }
        line("");
    }
    if !s.reference_photos.is_empty() {
        line("| Reference photo | Label | Approaches |");
        line("|---|---|--:|");
        for p in &s.reference_photos {
            line(&format!("| {} | {} | {} |", md(&p.name), md(&p.label), p.requests));
        }
        line("");
    }

    line("## Decision times and backlog");
    line("");
    match (s.decision_time.median_hours, s.decision_time.p90_hours) {
        (Some(med), Some(p90)) => line(&format!(
            "{} decisions made in the period: median {} from report to decision, 90th percentile {}.",
            s.decision_time.decided,
            describe_hours(med),
            describe_hours(p90)
        )),
        _ => line("No decisions were made in the period."),
    }
    line("");
    line("| Pending for | Requests | |");
    line("|---|--:|---|");
    let max = s.backlog.by_age.iter().map(|a| a.count).max().unwrap_or(0);
    for a in &s.backlog.by_age {
        line(&format!("| {} | {} | {} |", a.age, a.count, bar(a.count, max, 20)));
    }
    line("");

    line("## Decisions by officer");
    line("");
    line("_Alphabetical, for supervision; not a ranking._");
    line("");
    if s.officers.is_empty() {
        line("No decisions were made in the period.");
        return m.trim_end().to_owned();
    }
    line("| Officer | Accepted | Flagged | Reported | Decisions recorded | Undone | Undo rate |");
    line("|---|--:|--:|--:|--:|--:|--:|");
    for o in &s.officers {
        line(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&o.officer),
            o.accepted,
            o.flagged,
            o.reported,
            o.decisions,
            o.undone,
            o.undo_rate.map(|r| format!("{:.0} %", r * 100.0)).unwrap_or_else(|| "–".into())
        ));
    }
    m.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_sparklines_scale_to_the_largest_value() {
        assert_eq!(bar(0, 10, 10), "");
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 100, 4), "▏", "a value is never drawn as nothing");
        assert_eq!(bar(3, 8, 1), "▍");
        assert_eq!(sparkline(&[0, 1, 2, 4, 8]), "▁▂▃▅█");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn json_escapes_hidden_characters_and_csv_cells_cannot_be_formulas() {
        let json = serde_json::to_string(&serde_json::json!({"name": "Anna\u{202e}\u{1b}x\u{e0041}"})).unwrap();
        let escaped = escape_json_text(&json);
        assert_eq!(escaped, r#"{"name":"Anna\u202e\u001bx\udb40\udc41"}"#);
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back["name"], "Anna\u{202e}\u{1b}x\u{e0041}");
        // A genuine look-alike: ordinary accented and non-Latin text passes unchanged.
        let plain = serde_json::to_string(&serde_json::json!({"name": "Zoë Ørsted 王伟"})).unwrap();
        assert_eq!(escape_json_text(&plain), plain);
        assert_eq!(csv_text_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text_cell("Ministry of Defence"), "Ministry of Defence");
        assert_eq!(csv_text_cell("a\u{202e}b"), "a⟨U+202E⟩b");
    }
}
