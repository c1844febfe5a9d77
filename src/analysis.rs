//! Glue between the store and the checks: load what the checks read, run them on the
//! blocking pool, store the evidence and risk. Used by `import`, `check`, the demo and the
//! workstation's background worker alike; and the photo index behind `photo search`.

use crate::checks::{self, Context, ReferencePhoto};
use crate::domain::RiskLevel;
use crate::imaging::{self, Fingerprint, PhotoIndex, Probe};
use crate::store::{CheckResult, Store, StoreError};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long one check may take on one request before it is reported as not applicable.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CheckSummary {
    pub checked: usize,
    /// Of `checked`, how many were refreshed because a checked request links to them.
    pub linked: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
}

/// Prepares the checks' shared context from everything in the store.
pub fn load_context(store: &Store) -> Result<Context, StoreError> {
    let inputs = store.load_check_inputs()?;
    let references = inputs
        .references
        .into_iter()
        .map(|r| ReferencePhoto {
            id: r.id,
            name: r.name,
            label: r.label,
            source: r.source,
            photo_sha256: r.photo_sha256,
        })
        .collect();
    let photos = inputs
        .photos
        .into_iter()
        .filter_map(|(sha, (fp, probe))| {
            Some((
                sha,
                checks::PhotoHashes { fingerprint: Fingerprint::from_bytes(&fp)?, probe: Probe::from_bytes(&probe)? },
            ))
        })
        .collect();
    Ok(Context::new(inputs.requests, references, inputs.watchlist, photos))
}

/// Re-runs every check on the given requests and stores the results.
pub fn refresh(
    store: &mut Store,
    ids: &[i64],
    progress: impl Fn(usize, usize) + Send + Sync + 'static,
) -> Result<CheckSummary, StoreError> {
    if ids.is_empty() {
        return Ok(CheckSummary::default());
    }
    let started = std::time::Instant::now();
    let ctx = Arc::new(load_context(store)?);
    let progress = Arc::new(progress);
    let tick = {
        let p = Arc::clone(&progress);
        move |d, t| p(d, t)
    };
    let mut results = run_on_runtime(Arc::clone(&ctx), ids.to_vec(), tick)?;
    // A request that joins a campaign changes what the campaign check says of the requests
    // already in it: refresh those too, once.
    let asked: std::collections::HashSet<i64> = ids.iter().copied().collect();
    let mut linked: Vec<i64> = results
        .iter()
        .flat_map(|c| c.evidence.iter().flat_map(|e| e.related.iter().copied()))
        .filter(|id| !asked.contains(id))
        .collect();
    linked.sort_unstable();
    linked.dedup();
    let linked_count = linked.len();
    if !linked.is_empty() {
        results.extend(run_on_runtime(ctx, linked, move |d, t| progress(d, t))?);
    }
    let mut summary = CheckSummary { linked: linked_count, ..Default::default() };
    let rows: Vec<CheckResult> = results
        .into_iter()
        .map(|c| {
            summary.checked += 1;
            match c.risk.level {
                RiskLevel::High => summary.high += 1,
                RiskLevel::Medium => summary.medium += 1,
                RiskLevel::Low => summary.low += 1,
            }
            CheckResult {
                request_id: c.request_id,
                evidence: c.evidence,
                risk: c.risk.score,
                level: c.risk.level,
                explanation: c.risk.explanation,
            }
        })
        .collect();
    for chunk in rows.chunks(5_000) {
        store.save_check_results(chunk)?;
    }
    tracing::info!(
        checked = summary.checked,
        linked = summary.linked,
        high = summary.high,
        medium = summary.medium,
        low = summary.low,
        ms = started.elapsed().as_millis() as u64,
        "check run"
    );
    // Statistics read campaigns as groups joined from all the campaign evidence: joined once
    // here rather than on every count.
    crate::stats::remember_campaign_groups(store)?;
    Ok(summary)
}

pub fn refresh_all(
    store: &mut Store,
    progress: impl Fn(usize, usize) + Send + Sync + 'static,
) -> Result<CheckSummary, StoreError> {
    let ids: Vec<i64> = store.load_request_ids()?;
    refresh(store, &ids, progress)
}

/// Requests never checked, or made stale by new reference photos or watchlist rows. New
/// requests can change what the campaign check says of older ones, so after an import every
/// request in a cluster with a new one is refreshed too.
pub fn refresh_stale(
    store: &mut Store,
    progress: impl Fn(usize, usize) + Send + Sync + 'static,
) -> Result<CheckSummary, StoreError> {
    let ids = store.stale_requests()?;
    refresh(store, &ids, progress)
}

fn run_on_runtime(
    ctx: Arc<Context>,
    ids: Vec<i64>,
    progress: impl Fn(usize, usize) + Send + Sync + 'static,
) -> Result<Vec<checks::runner::CheckedRequest>, StoreError> {
    let work = checks::run_checks(ctx, ids, checks::all_checks(), CHECK_TIMEOUT, progress);
    match tokio::runtime::Handle::try_current() {
        // Called from inside a runtime (the workstation's worker): don't nest one.
        Ok(handle) => Ok(tokio::task::block_in_place(|| handle.block_on(work))),
        Err(_) => {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .enable_time()
                .build()
                .map_err(|e| StoreError::Io(format!("cannot start the check runtime: {e}")))?;
            Ok(rt.block_on(work))
        }
    }
}

/// One candidate of a photo search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhotoCandidate {
    Reference { name: String, label: String, distance: u32 },
    Report { request_id: i64, distance: u32 },
}

impl PhotoCandidate {
    pub fn distance(&self) -> u32 {
        match self {
            PhotoCandidate::Reference { distance, .. } | PhotoCandidate::Report { distance, .. } => *distance,
        }
    }

    pub fn is_match(&self) -> bool {
        self.distance() <= imaging::MATCH_THRESHOLD
    }

    /// The JSON shape of the CLI spec.
    pub fn to_json(&self) -> Value {
        match self {
            PhotoCandidate::Reference { name, label, distance } => {
                json!({"source": "reference", "name": name, "label": label, "distance": distance, "match": self.is_match()})
            }
            PhotoCandidate::Report { request_id, distance } => {
                json!({"source": "report", "request_id": request_id, "distance": distance, "match": self.is_match()})
            }
        }
    }

    pub fn describe(&self) -> String {
        let verdict = if self.is_match() { "MATCH" } else { "no match" };
        match self {
            PhotoCandidate::Reference { name, label, distance } => format!(
                "{verdict:<8} distance {distance:>2}  reference {} (label {})",
                crate::sanitize::sanitize(name),
                crate::sanitize::sanitize(label)
            ),
            PhotoCandidate::Report { request_id, distance } => {
                format!("{verdict:<8} distance {distance:>2}  request #{request_id}")
            }
        }
    }
}

/// The reference photos and every request's photo, indexed for search.
pub struct PhotoSearch {
    references: PhotoIndex<i64>,
    reference_rows: HashMap<i64, (String, String)>,
    requests: PhotoIndex<i64>,
    /// Requests' probes, searched with the query's fingerprint (the reverse direction).
    request_probes: PhotoIndex<i64>,
}

impl PhotoSearch {
    pub fn load(store: &Store) -> Result<PhotoSearch, StoreError> {
        let inputs = store.load_photo_index_inputs()?;
        let mut references = PhotoIndex::new();
        let mut reference_rows = HashMap::new();
        for (id, name, label, fp) in inputs.references {
            if let Some(fp) = Fingerprint::from_bytes(&fp) {
                references.insert(id, &fp);
                reference_rows.insert(id, (name, label));
            }
        }
        let mut requests = PhotoIndex::new();
        let mut request_probes = PhotoIndex::new();
        for (id, fp, probe) in inputs.requests {
            if let Some(fp) = Fingerprint::from_bytes(&fp) {
                requests.insert(id, &fp);
            }
            if let Some(probe) = Probe::from_bytes(&probe) {
                request_probes.insert(id, &probe.as_fingerprint());
            }
        }
        for index in [&mut references, &mut requests, &mut request_probes] {
            index.compact();
        }
        Ok(PhotoSearch { references, reference_rows, requests, request_probes })
    }

    /// Candidates nearest first, at most `limit` of each source. Requests are matched in both
    /// directions (the query's probe against their fingerprints, and theirs against the
    /// query's fingerprint).
    pub fn search(&self, fingerprint_bytes: &[u8], probe_bytes: &[u8], limit: usize) -> Vec<PhotoCandidate> {
        let Some(probe) = Probe::from_bytes(probe_bytes) else { return Vec::new() };
        let mut nearest_request: HashMap<i64, u32> = HashMap::new();
        let reverse = Fingerprint::from_bytes(fingerprint_bytes)
            .map(|fp| self.request_probes.search(&fp.as_probe(), limit))
            .unwrap_or_default();
        for (id, d) in self.requests.search(&probe, limit).into_iter().chain(reverse) {
            nearest_request.entry(id).and_modify(|b| *b = (*b).min(d)).or_insert(d);
        }
        let mut request_hits: Vec<(i64, u32)> = nearest_request.into_iter().collect();
        request_hits.sort_by_key(|&(id, d)| (d, id));
        request_hits.truncate(limit);
        let mut out: Vec<PhotoCandidate> = self
            .references
            .search(&probe, limit)
            .into_iter()
            .filter_map(|(id, distance)| {
                let (name, label) = self.reference_rows.get(&id)?.clone();
                Some(PhotoCandidate::Reference { name, label, distance })
            })
            .chain(
                request_hits.into_iter().map(|(request_id, distance)| PhotoCandidate::Report { request_id, distance }),
            )
            .collect();
        out.sort_by_key(|c| c.distance());
        out
    }
}
