//! Background threads that perform the reducer's effects and send results back as actions.
//!
//! The database thread owns the workstation's `Store` (a rusqlite connection is not `Sync`),
//! serves reads and writes in order and polls `data_version` so changes by other officers show
//! within a second. Photo decoding and search, running the checks and verifying the audit
//! chain each get their own connection on their own thread, so none of them holds up the queue.

use crate::analysis::PhotoSearch;
use crate::app::{Action, Detail, Effect, PhotoMatch, PhotoView, QueuePage, Target, Thumb};
use crate::commands::Identity;
use crate::domain::Action as Decision;
use crate::store::{AuditFilter, DecisionGuard, DecisionInput, QueueQuery, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// How often the database thread asks whether another connection committed.
const POLL: Duration = Duration::from_millis(300);
/// Largest side of a photo thumbnail sent to the UI, in pixels.
const THUMB_SIDE: u32 = 96;

mod stats;

/// Where the background threads send their results: the event loop's queue.
#[derive(Clone)]
pub struct Outbox(Sender<super::Incoming>);

impl Outbox {
    fn send(&self, a: Action) -> Result<(), ()> {
        self.0.send(super::Incoming::Action(a)).map_err(|_| ())
    }
}

/// The running background threads; dropping it lets them finish.
pub struct Workers {
    db: Sender<Effect>,
    /// Effects handed to the database thread, and how many it has finished: equal when every
    /// decision asked for has been written (or refused).
    sent: std::cell::Cell<usize>,
    done: Arc<AtomicUsize>,
    photo: Sender<(u64, i64)>,
    results: Outbox,
    path: PathBuf,
    /// The statistics thread, started the first time the view is opened.
    stats: std::cell::OnceCell<stats::StatsThread>,
}

impl Workers {
    pub fn start(path: &Path, identity: Identity, results: Sender<super::Incoming>) -> Result<Workers, StoreError> {
        let results = Outbox(results);
        let store = Store::open_existing(path)?;
        let (db_tx, db_rx) = channel();
        let out = results.clone();
        let done = Arc::new(AtomicUsize::new(0));
        let done_db = Arc::clone(&done);
        std::thread::Builder::new()
            .name("linkvet-db".into())
            .spawn(move || db_thread(store, identity, db_rx, out, &done_db))
            .map_err(|e| StoreError::Io(format!("cannot start the database thread: {e}")))?;
        let photo_store = Store::open_existing(path)?;
        let (photo_tx, photo_rx) = channel();
        let out = results.clone();
        std::thread::Builder::new()
            .name("linkvet-photo".into())
            .spawn(move || photo_thread(photo_store, photo_rx, out))
            .map_err(|e| StoreError::Io(format!("cannot start the photo thread: {e}")))?;
        Ok(Workers {
            db: db_tx,
            sent: std::cell::Cell::new(0),
            done,
            photo: photo_tx,
            results,
            path: path.to_path_buf(),
            stats: std::cell::OnceCell::new(),
        })
    }

    /// Hands an effect to the thread that performs it. Never blocks.
    pub fn perform(&self, effect: Effect) {
        match effect {
            Effect::LoadPhoto { generation, id } => {
                let _ = self.photo.send((generation, id));
            }
            Effect::RefreshStale => self.spawn_refresh(),
            Effect::VerifyChain { generation } => self.spawn_verify(generation),
            Effect::LoadStats { generation, query, now } => {
                self.stats
                    .get_or_init(|| stats::StatsThread::start(&self.path, self.results.clone()))
                    .ask(generation, query, now);
            }
            Effect::Quit => {}
            other => {
                if self.db.send(other).is_ok() {
                    self.sent.set(self.sent.get() + 1);
                }
            }
        }
    }

    /// Waits (at most `limit`) until the database thread has finished everything handed to it,
    /// so quitting right after confirming a decision does not cut its transaction short.
    /// Returns false if it had not finished in time.
    pub fn finish(&self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while self.done.load(Ordering::SeqCst) < self.sent.get() {
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        true
    }

    fn spawn_refresh(&self) {
        let path = self.path.clone();
        let out = self.results.clone();
        let _ = std::thread::Builder::new().name("linkvet-checks".into()).spawn(move || {
            let result = (|| {
                let mut store = Store::open_existing(&path)?;
                let stale = store.stale_requests()?.len();
                if stale == 0 {
                    return Ok(Default::default());
                }
                // Say so at once: preparing the checks' context takes a while on a large case.
                let _ = out.send(Action::ChecksProgress { done: 0, total: stale });
                let progress_out = out.clone();
                crate::analysis::refresh_stale(&mut store, move |done, total| {
                    let _ = progress_out.send(Action::ChecksProgress { done, total });
                })
            })();
            let _ = out.send(Action::ChecksDone(result.map_err(|e: StoreError| e.to_string())));
        });
    }

    fn spawn_verify(&self, generation: u64) {
        let path = self.path.clone();
        let out = self.results.clone();
        let _ = std::thread::Builder::new().name("linkvet-verify".into()).spawn(move || {
            let result = Store::open_existing(&path).and_then(|s| s.verify_chain()).map_err(|e| e.to_string());
            let _ = out.send(Action::ChainVerified { generation, result });
        });
    }
}

fn db_thread(mut store: Store, identity: Identity, rx: Receiver<Effect>, out: Outbox, done: &AtomicUsize) {
    let mut version = store.data_version().ok();
    let mut last_poll = Instant::now();
    loop {
        let first = match rx.recv_timeout(POLL) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let mut batch: Vec<Effect> = first.into_iter().collect();
        batch.extend(rx.try_iter());
        let dropped = batch.len();
        let batch = coalesce(batch);
        done.fetch_add(dropped - batch.len(), Ordering::SeqCst);
        for effect in batch {
            let action = perform(&mut store, &identity, effect);
            done.fetch_add(1, Ordering::SeqCst);
            // The loop may be gone (quitting): the write is done all the same.
            let _ = out.send(action);
        }
        if last_poll.elapsed() >= POLL {
            last_poll = Instant::now();
            let now = store.data_version().ok();
            if now != version {
                version = now;
                if out.send(Action::DataChanged).is_err() {
                    return;
                }
            }
        }
    }
}

/// Keeps only the newest of each kind of read: older ones would be dropped as stale anyway.
/// Writes are never dropped and keep their order.
fn coalesce(batch: Vec<Effect>) -> Vec<Effect> {
    let kind = |e: &Effect| match e {
        Effect::LoadQueue { .. } => Some(0),
        Effect::LoadDetail { .. } => Some(1),
        Effect::LoadAudit { .. } => Some(2),
        _ => None,
    };
    let mut out: Vec<Effect> = Vec::with_capacity(batch.len());
    for (i, e) in batch.iter().enumerate() {
        let k = kind(e);
        if k.is_some() && batch[i + 1..].iter().any(|later| kind(later) == k) {
            continue;
        }
        out.push(e.clone());
    }
    out
}

/// STIX, MISP and Markdown bundles (TLP:AMBER) in `bundles/` beside the database.
fn export_bundles(store: &mut Store, who: &Identity, ids: &[i64]) -> Result<String, String> {
    use crate::export::{ExportOptions, Format, Tlp, write_bundle};
    let dir = store.path().parent().unwrap_or(Path::new(".")).join("bundles");
    let mut folders = 0;
    for format in [Format::Stix, Format::Misp, Format::Markdown] {
        let summary = write_bundle(store, ids, &dir, &ExportOptions::new(format, Tlp::Amber), who)
            .map_err(|e| format!("no bundle written: {e}"))?;
        folders += summary.bundles.len();
    }
    Ok(format!("{folders} escalation bundles (TLP:AMBER) written to {}", dir.display()))
}

fn perform(store: &mut Store, who: &Identity, effect: Effect) -> Action {
    match effect {
        Effect::LoadQueue { generation, query } => match load_queue(store, &query) {
            Ok(page) => Action::QueueLoaded { generation, page },
            Err(e) => Action::Failed(format!("cannot read the queue: {e}")),
        },
        Effect::LoadDetail { generation, id } => match load_detail(store, id) {
            Ok(detail) => Action::DetailLoaded { generation, detail: Box::new(detail) },
            Err(e) => Action::Failed(format!("cannot read request #{id}: {e}")),
        },
        Effect::LoadAudit { generation, filter } => match store.audit_entries(&filter) {
            Ok(entries) => Action::AuditLoaded { generation, entries },
            Err(e) => Action::Failed(format!("cannot read the audit trail: {e}")),
        },
        Effect::Decide { action, note, targets } => decide(store, who, action, &note, targets),
        Effect::Undo => Action::Undone(store.undo_last(&who.officer, &who.os_user, None).map_err(|e| e.to_string())),
        Effect::Export { ids } => Action::Exported(export_bundles(store, who, &ids)),
        Effect::AddNote { id, note } => Action::NoteAdded(
            store.add_note(id, &who.officer, &who.os_user, &note).map(|_| id).map_err(|e| e.to_string()),
        ),
        // Routed to other threads by `Workers::perform`.
        Effect::LoadPhoto { .. }
        | Effect::VerifyChain { .. }
        | Effect::LoadStats { .. }
        | Effect::RefreshStale
        | Effect::Quit => Action::Failed("internal: effect sent to the wrong thread".into()),
    }
}

fn load_queue(store: &Store, query: &QueueQuery) -> Result<QueuePage, StoreError> {
    let total = store.count_requests(query)?;
    let mut q = query.clone();
    // Past the end (the queue shrank): fetch the last page instead.
    if q.offset as u64 >= total && total > 0 {
        q.offset = (total as usize).saturating_sub(q.limit.unwrap_or(crate::app::PAGE));
    }
    let rows = store.list_requests_counted(&q, Some(total))?;
    Ok(QueuePage { offset: q.offset, rows, total, counts: store.status_counts()? })
}

fn load_detail(store: &Store, id: i64) -> Result<Detail, StoreError> {
    let row = store.request_row(id)?;
    let report = store.snapshot(id)?.report;
    let history = store.audit_entries(&AuditFilter { request_id: Some(id), ..Default::default() })?;
    let explanation = store.risk_explanation(id)?;
    Ok(Detail { id, row, report, history, explanation })
}

fn decide(
    store: &mut Store,
    who: &Identity,
    action: Decision,
    note: &str,
    targets: Vec<(Target, DecisionGuard)>,
) -> Action {
    let mut done = Vec::new();
    let mut conflicts = Vec::new();
    let mut failed = Vec::new();
    for (target, guard) in targets {
        let input = DecisionInput {
            request_id: target.id,
            action,
            note: note.to_owned(),
            officer: who.officer.clone(),
            os_user: who.os_user.clone(),
            guard,
        };
        match store.record_decision(&input) {
            Ok(_) => done.push(target.id),
            Err(StoreError::Conflict(c)) => conflicts.push((target, c.to_string())),
            Err(e) => failed.push(format!("#{}: {e}; nothing was written for it", target.id)),
        }
    }
    Action::Decided { action, note: note.to_owned(), done, conflicts, failed }
}

/// Photo requests closer together than this are a held key: only the one it stops on is drawn.
const PHOTO_SETTLE: Duration = Duration::from_millis(120);

fn photo_thread(store: Store, rx: Receiver<(u64, i64)>, out: Outbox) {
    let mut search: Option<((i64, i64), PhotoSearch)> = None;
    let mut last_asked: Option<Instant> = None;
    while let Ok(first) = rx.recv() {
        // Only the newest request matters: the officer has moved on from the others.
        let (mut generation, mut id) = rx.try_iter().last().unwrap_or(first);
        // While a navigation key is held, wait for the keys to settle: every picture drawn on
        // the way is some 15 KB of colour on the wire at 120×40, for a request already left.
        if last_asked.is_some_and(|t| t.elapsed() < PHOTO_SETTLE) {
            while let Ok(newer) = rx.recv_timeout(PHOTO_SETTLE) {
                (generation, id) = newer;
            }
        }
        last_asked = Some(Instant::now());
        let stamp = store.photo_index_stamp().unwrap_or_default();
        if search.as_ref().is_none_or(|(s, _)| *s != stamp) {
            search = PhotoSearch::load(&store).ok().map(|s| (stamp, s));
        }
        let photo = match photo_view(&store, search.as_ref().map(|(_, s)| s), id) {
            Ok(p) => p,
            Err(e) => PhotoView { id, own: None, note: Some(format!("cannot read the photo: {e}")), best: None },
        };
        if out.send(Action::PhotoLoaded { generation, photo: Box::new(photo) }).is_err() {
            return;
        }
    }
}

fn photo_view(store: &Store, search: Option<&PhotoSearch>, id: i64) -> Result<PhotoView, StoreError> {
    let Some(sha) = store.request_photo_sha(id)? else {
        return Ok(PhotoView::none(id));
    };
    let (own, note) = match store.photo(&sha)?.map(|p| thumb(&p.bytes)) {
        Some(Ok(t)) => (Some(t), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, Some("the photo is missing from the database".into())),
    };
    let mut best = None;
    if let (Some(search), Some((fingerprint, probe))) = (search, store.photo_hashes(&sha)?) {
        let nearest = search.search(&fingerprint, &probe, 5).into_iter().find(|c| match c {
            crate::analysis::PhotoCandidate::Report { request_id, .. } => *request_id != id,
            crate::analysis::PhotoCandidate::Reference { .. } => true,
        });
        if let Some(c) = nearest {
            let (label, other_sha) = match &c {
                crate::analysis::PhotoCandidate::Reference { name, label, .. } => (
                    format!("reference {name} ({label})"),
                    store.reference_by_name(name, label)?.map(|r| r.photo_sha256),
                ),
                crate::analysis::PhotoCandidate::Report { request_id, .. } => {
                    (format!("request #{request_id}"), store.request_photo_sha(*request_id)?)
                }
            };
            let thumb = match other_sha {
                Some(s) => store.photo(&s)?.and_then(|p| thumb(&p.bytes).ok()),
                None => None,
            };
            best = Some(PhotoMatch { label, distance: c.distance(), is_match: c.is_match(), thumb });
        }
    }
    Ok(PhotoView { id, own, note, best })
}

/// Untrusted bytes → a small RGB thumbnail, decoded with the safe decoder's limits.
fn thumb(bytes: &[u8]) -> Result<Thumb, String> {
    let img = crate::imaging::decode_untrusted(bytes).map_err(|e| e.to_string())?;
    let small = img.thumbnail(THUMB_SIDE, THUMB_SIDE).to_rgb8();
    let (width, height) = small.dimensions();
    let rgb = small.pixels().map(|p| p.0).collect();
    Ok(Thumb { width, height, rgb })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coalescing_keeps_the_newest_read_and_every_write() {
        let q = |g| Effect::LoadQueue { generation: g, query: QueueQuery::default() };
        let batch = vec![q(1), Effect::Undo, q(2), Effect::LoadDetail { generation: 1, id: 3 }, q(3)];
        assert_eq!(coalesce(batch), vec![Effect::Undo, Effect::LoadDetail { generation: 1, id: 3 }, q(3)]);
    }
}
