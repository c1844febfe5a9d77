//! The statistics thread: computes the figures the statistics view asks for on a connection of
//! its own, so a long count never holds up the queue or a decision. Only the newest request is
//! answered; the view drops anything older by its generation anyway.

use super::Outbox;
use crate::app::Action;
use crate::domain::stats::StatsQuery;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::path::Path;
use std::sync::mpsc::{Sender, channel};

type Ask = (u64, StatsQuery, DateTime<Utc>);

pub(super) struct StatsThread {
    asks: Sender<Ask>,
}

impl StatsThread {
    pub(super) fn start(path: &Path, out: Outbox) -> StatsThread {
        let (asks, rx) = channel::<Ask>();
        let path = path.to_path_buf();
        let spawned = std::thread::Builder::new().name("linkvet-stats".into()).spawn(move || {
            let mut store = None;
            while let Ok(first) = rx.recv() {
                let (generation, query, now) = rx.try_iter().last().unwrap_or(first);
                if store.is_none() {
                    store = Some(Store::open(&path));
                }
                let result = match store.as_ref().expect("opened above") {
                    Ok(s) => crate::stats::compute(s, &query, now).map(Box::new).map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                if result.is_err() {
                    // Opened again next time: the database may be back.
                    store = None;
                }
                if out.send(Action::StatsLoaded { generation, result }).is_err() {
                    return;
                }
            }
        });
        if let Err(e) = spawned {
            tracing::error!("cannot start the statistics thread: {e}");
        }
        StatsThread { asks }
    }

    /// Hands a request to the thread. Never blocks.
    pub(super) fn ask(&self, generation: u64, query: StatsQuery, now: DateTime<Utc>) {
        let _ = self.asks.send((generation, query, now));
    }
}
