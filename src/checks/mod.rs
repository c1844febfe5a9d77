//! The checks that look at an approach and the risk engine that combines what they found.
//!
//! Each check lives in its own file, implements [`Check`] and knows no other check. Everything
//! a check may consult beyond the request itself — reference photos, the watchlist, the other
//! requests — is in a [`Context`], whose indexes are built once in [`Context::new`] so that a
//! check run stays cheap however many requests are loaded.

pub mod account;
pub mod campaign;
pub mod career;
pub mod features;
pub mod identity;
pub mod message;
pub mod risk;
pub mod runner;
pub mod text;
pub mod watchlist;

#[cfg(test)]
mod fixture_tests;

use crate::domain::{Evidence, RequestSnapshot, WatchlistEntry};
use campaign::CampaignIndex;
use features::RequestFeatures;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;
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

/// Read-only material shared by all checks, prepared once.
pub struct Context {
    requests: Vec<RequestSnapshot>,
    by_id: HashMap<i64, usize>,
    features: Vec<RequestFeatures>,
    references: Vec<ReferencePhoto>,
    watchlist: Vec<WatchlistEntry>,
    watch_index: WatchIndex,
    campaign_index: CampaignIndex,
}

impl Context {
    /// Builds every index the checks use. Linear in the number of requests and watchlist rows.
    pub fn new(
        requests: Vec<RequestSnapshot>,
        references: Vec<ReferencePhoto>,
        watchlist: Vec<WatchlistEntry>,
    ) -> Self {
        let by_id = requests.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let features: Vec<RequestFeatures> = requests.iter().map(RequestFeatures::of).collect();
        let watch_index = WatchIndex::build(&watchlist);
        let campaign_index = CampaignIndex::build(&features);
        Context { requests, by_id, features, references, watchlist, watch_index, campaign_index }
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

/// A short label for another request in evidence lines: `#17 (R-2026-000123)`.
pub(crate) fn request_label(req: &RequestSnapshot) -> String {
    match &req.report.id {
        Some(ext) => format!("#{} ({})", req.id, text::visible(ext, 40)),
        None => format!("#{}", req.id),
    }
}
