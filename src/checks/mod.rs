//! The checks that look at an approach and the risk engine that combines what they found.
//!
//! Each check lives in its own file, implements [`Check`] and knows no other check. Everything
//! a check may consult beyond the request itself — reference photos, the watchlist, the other
//! requests — is in a [`Context`], whose indexes are built once in [`Context::new`] so that a
//! check run stays cheap however many requests are loaded.
//!
//! # What the caller (the store) provides
//!
//! * every request to compare against, as [`RequestSnapshot`] (id, parsed report, SHA-256 of
//!   the stored photo) — all of them, not only the ones being checked, since the campaign and
//!   photo checks look across requests;
//! * every reference photo as [`ReferencePhoto`];
//! * the whole watchlist;
//! * the perceptual hashes of every stored photo, reference and request alike, keyed by the
//!   photo's SHA-256: [`PhotoHashes`] from `imaging::fingerprint_and_probe` of the decoded image
//!   (compute them at import and store them with `Fingerprint::to_bytes` / `Probe::to_bytes`).
//!
//! Then [`runner::run_checks`] with the ids to check and [`all_checks`]; store each
//! [`Evidence`] (check, version, verdict, score, summary, lines) and the [`Risk`].

pub mod account;
pub mod campaign;
pub mod career;
pub mod features;
pub mod identity;
pub mod message;
pub mod photo;
pub mod risk;
pub mod runner;
pub mod text;
pub mod watchlist;

#[cfg(test)]
mod fixture_tests;

use crate::domain::{Evidence, RequestSnapshot, WatchlistEntry};
use crate::imaging::{self, PhotoIndex};
use campaign::CampaignIndex;
use features::RequestFeatures;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};
use watchlist::WatchIndex;

pub use risk::{Risk, combine};
pub use runner::run_checks;

/// One way of looking at a request. Implementations must not panic on any report (the runner
/// survives it, but the officer loses that check's view).
pub trait Check: Send + Sync {
    /// Stable name, stored with the evidence (`"photo"`, `"account"` …).
    fn id(&self) -> &'static str;
    /// Raised whenever the check's logic or thresholds change, so stored evidence can be told
    /// apart from fresh evidence.
    fn version(&self) -> u32;
    fn run(&self, req: &RequestSnapshot, ctx: &Context) -> Evidence;
}

/// Every check, in the order the officer sees them.
pub fn all_checks() -> Vec<Arc<dyn Check>> {
    vec![
        Arc::new(photo::PhotoCheck),
        Arc::new(account::AccountCheck),
        Arc::new(career::CareerCheck),
        Arc::new(message::MessageCheck),
        Arc::new(identity::IdentityCheck),
        Arc::new(watchlist::WatchlistCheck),
        Arc::new(campaign::CampaignCheck),
    ]
}

/// A photo known to belong to a stock library or a hostile persona.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferencePhoto {
    pub id: i64,
    /// File name as added (`stock-041.jpg`).
    pub name: String,
    /// `stock`, `hostile` or a free label.
    pub label: String,
    pub source: Option<String>,
    pub photo_sha256: String,
}

/// The perceptual hashes of one stored photo (reference or request), computed by the store
/// when the photo was imported: `imaging::fingerprint_and_probe` of the decoded image.
#[derive(Debug, Clone)]
pub struct PhotoHashes {
    pub fingerprint: imaging::Fingerprint,
    pub probe: imaging::Probe,
}

/// How many neighbours a photo search keeps.
const PHOTO_NEIGHBOURS: usize = 32;

/// Read-only material shared by all checks, prepared once.
pub struct Context {
    requests: Vec<RequestSnapshot>,
    by_id: HashMap<i64, usize>,
    features: Vec<RequestFeatures>,
    references: Vec<ReferencePhoto>,
    watchlist: Vec<WatchlistEntry>,
    watch_index: WatchIndex,
    campaign_index: CampaignIndex,
    photos: HashMap<String, PhotoHashes>,
    reference_index: PhotoIndex<usize>,
    reference_by_sha: HashMap<String, Vec<usize>>,
    request_photo_index: PhotoIndex<usize>,
    /// Requests' probes stored as fingerprints, searched with a request's fingerprint: the
    /// reverse direction, so a match between two requests is found from either side.
    request_probe_index: PhotoIndex<usize>,
    /// Each request's near-photo neighbours, searched on first use and kept, so the photo
    /// and campaign checks share one search per request.
    near_photos: Vec<OnceLock<Vec<(usize, u32)>>>,
}

impl Context {
    /// Builds every index the checks use. Linear in the number of requests, photos and
    /// watchlist rows. `photos` maps a photo's SHA-256 (lower-case hex) to its hashes, for
    /// reference photos and request photos alike; a photo without hashes is left unmatched.
    pub fn new(
        requests: Vec<RequestSnapshot>,
        references: Vec<ReferencePhoto>,
        watchlist: Vec<WatchlistEntry>,
        photos: HashMap<String, PhotoHashes>,
    ) -> Self {
        let photos: HashMap<String, PhotoHashes> = photos.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect();
        let by_id = requests.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let features = features_in_parallel(&requests);
        let watch_index = WatchIndex::build(&watchlist);
        let campaign_index = CampaignIndex::build(&features);
        let mut reference_index = PhotoIndex::new();
        let mut reference_by_sha: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, r) in references.iter().enumerate() {
            let sha = r.photo_sha256.to_lowercase();
            if let Some(h) = photos.get(&sha) {
                reference_index.insert(i, &h.fingerprint);
            }
            reference_by_sha.entry(sha).or_default().push(i);
        }
        let mut request_photo_index = PhotoIndex::new();
        let mut request_probe_index = PhotoIndex::new();
        for (i, r) in requests.iter().enumerate() {
            if let Some(h) = r.photo_sha256.as_ref().and_then(|s| photos.get(&s.to_lowercase())) {
                request_photo_index.insert(i, &h.fingerprint);
                request_probe_index.insert(i, &h.probe.as_fingerprint());
            }
        }
        for index in [&mut reference_index, &mut request_photo_index, &mut request_probe_index] {
            index.compact();
        }
        let near_photos = (0..requests.len()).map(|_| OnceLock::new()).collect();
        Context {
            requests,
            by_id,
            features,
            references,
            watchlist,
            watch_index,
            campaign_index,
            photos,
            reference_index,
            reference_by_sha,
            request_photo_index,
            request_probe_index,
            near_photos,
        }
    }

    /// The hashes of a photo by its SHA-256.
    pub fn photo_hashes(&self, sha256: &str) -> Option<&PhotoHashes> {
        self.photos.get(&sha256.to_lowercase())
    }

    /// Reference photos nearest to `probe`: every match within `imaging::MATCH_THRESHOLD`,
    /// then near misses, as (position in [`Context::references`], distance).
    pub fn search_references(&self, probe: &imaging::Probe) -> Vec<(usize, u32)> {
        self.reference_index.search(probe, PHOTO_NEIGHBOURS)
    }

    /// References that are byte-for-byte this photo.
    pub fn references_with_sha(&self, sha256: &str) -> &[usize] {
        self.reference_by_sha.get(&sha256.to_lowercase()).map_or(&[], Vec::as_slice)
    }

    /// Other loaded requests whose photo is near this request's photo (position, distance),
    /// nearest first; searched once per request and kept.
    pub fn near_request_photos(&self, req: &RequestSnapshot) -> Cow<'_, [(usize, u32)]> {
        let me = self.position(req.id);
        let search = || {
            let Some(h) = req.photo_sha256.as_deref().and_then(|s| self.photo_hashes(s)) else {
                return Vec::new();
            };
            let mut best: HashMap<usize, u32> = HashMap::new();
            let forward = self.request_photo_index.search(&h.probe, PHOTO_NEIGHBOURS + 1);
            let reverse = self.request_probe_index.search(&h.fingerprint.as_probe(), PHOTO_NEIGHBOURS + 1);
            for (i, d) in forward.into_iter().chain(reverse).filter(|(i, _)| Some(*i) != me) {
                best.entry(i).and_modify(|b| *b = (*b).min(d)).or_insert(d);
            }
            let mut found: Vec<(usize, u32)> = best.into_iter().collect();
            found.sort_by_key(|&(i, d)| (d, i));
            found.truncate(PHOTO_NEIGHBOURS + 1);
            found
        };
        match me {
            Some(i) => Cow::Borrowed(self.near_photos[i].get_or_init(search).as_slice()),
            None => Cow::Owned(search()),
        }
    }

    pub fn request(&self, id: i64) -> Option<&RequestSnapshot> {
        self.by_id.get(&id).map(|&i| &self.requests[i])
    }

    pub fn requests(&self) -> &[RequestSnapshot] {
        &self.requests
    }

    pub fn references(&self) -> &[ReferencePhoto] {
        &self.references
    }

    pub fn watchlist(&self) -> &[WatchlistEntry] {
        &self.watchlist
    }

    pub(crate) fn watch_index(&self) -> &WatchIndex {
        &self.watch_index
    }

    pub(crate) fn campaign_index(&self) -> &CampaignIndex {
        &self.campaign_index
    }

    /// Position of a loaded request in [`Context::requests`].
    pub(crate) fn position(&self, id: i64) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// The prepared features of a request; computed on the spot for a request that is not
    /// loaded in this context.
    pub fn features(&self, req: &RequestSnapshot) -> Cow<'_, RequestFeatures> {
        match self.position(req.id) {
            Some(i) => Cow::Borrowed(&self.features[i]),
            None => Cow::Owned(RequestFeatures::of(req)),
        }
    }

    pub(crate) fn features_at(&self, i: usize) -> &RequestFeatures {
        &self.features[i]
    }
}

/// Feature extraction is the bulk of building a context (Unicode folding, shingles); it is
/// independent per request, so it is spread over the available cores.
fn features_in_parallel(requests: &[RequestSnapshot]) -> Vec<RequestFeatures> {
    // A panic in feature extraction is a bug: computed again here, it surfaces on this thread.
    crate::parallel::map(requests, 2_000, RequestFeatures::of, RequestFeatures::of)
}

/// A short label for another request in evidence lines: `#17 (R-2026-000123)`.
pub(crate) fn request_label(req: &RequestSnapshot) -> String {
    match &req.report.id {
        Some(ext) => format!("#{} ({})", req.id, text::visible(ext, 40)),
        None => format!("#{}", req.id),
    }
}
