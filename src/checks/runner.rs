//! Runs checks concurrently on tokio's blocking pool, one task per (request, check), with a
//! per-check timeout; a check that panics or overruns yields `not_applicable` and never stops
//! the others.

use super::{Check, Context, Risk, combine};
use crate::domain::{Evidence, Verdict};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// The evidence of every check for one request, in the order of `checks`, and its risk.
#[derive(Debug, Clone)]
pub struct CheckedRequest {
    pub request_id: i64,
    pub evidence: Vec<Evidence>,
    pub risk: Risk,
}

/// Check tasks alive at once, per check allowed to run.
const WINDOW_PER_PERMIT: usize = 64;

/// Runs `checks` on each request of `requests` (ids of requests loaded in `ctx`; ids not loaded
/// are skipped with a warning) and returns one [`CheckedRequest`] per request, in the order of
/// `requests`.
///
/// * At most `available_parallelism` checks run at once, each on the blocking pool.
/// * A check that runs longer than `timeout`, or panics, gives `not_applicable` with score 0 and
///   the reason in its summary and lines. A timed-out check's thread cannot be stopped; it
///   finishes in the background and its result is dropped.
/// * `progress(done, total)` is called after each finished check run, `total` being
///   requests × checks; it runs on runtime threads, so it must be quick.
pub async fn run_checks(
    ctx: Arc<Context>,
    requests: Vec<i64>,
    checks: Vec<Arc<dyn Check>>,
    timeout: Duration,
    progress: impl Fn(usize, usize) + Send + Sync + 'static,
) -> Vec<CheckedRequest> {
    let known: Vec<i64> = requests
        .into_iter()
        .filter(|id| {
            let ok = ctx.request(*id).is_some();
            if !ok {
                tracing::warn!(request = id, "not loaded in the check context; skipped");
            }
            ok
        })
        .collect();
    let total = known.len() * checks.len();
    let permits = std::thread::available_parallelism().map_or(4, |n| n.get());
    let limit = Arc::new(Semaphore::new(permits));
    let progress = Arc::new(progress);
    let done = Arc::new(AtomicUsize::new(0));
    let mut slots: Vec<Vec<Option<Evidence>>> = vec![vec![None; checks.len()]; known.len()];

    // Tasks are spawned through a window: at 100,000 requests, one waiting task per (request,
    // check) was 700,000 tasks alive at once. The window is wide enough that a freed permit
    // always finds a task already waiting for it.
    let window = Arc::new(Semaphore::new(permits * WINDOW_PER_PERMIT));
    let mut set = JoinSet::new();
    // run_one catches the check's own failures; a failure in joining would be the runtime's.
    let mut collect = |joined: Result<(usize, usize, Evidence), tokio::task::JoinError>| {
        if let Ok((ri, ci, evidence)) = joined {
            slots[ri][ci] = Some(evidence);
        }
    };
    for (ri, &id) in known.iter().enumerate() {
        for (ci, check) in checks.iter().enumerate() {
            let Ok(place) = Arc::clone(&window).acquire_owned().await else { break };
            while let Some(joined) = set.try_join_next() {
                collect(joined);
            }
            let (ctx, check, limit) = (Arc::clone(&ctx), Arc::clone(check), Arc::clone(&limit));
            let (progress, done) = (Arc::clone(&progress), Arc::clone(&done));
            set.spawn(async move {
                let evidence = run_one(ctx, id, check, limit, timeout).await;
                drop(place);
                progress(done.fetch_add(1, Ordering::SeqCst) + 1, total);
                (ri, ci, evidence)
            });
        }
    }
    while let Some(joined) = set.join_next().await {
        collect(joined);
    }

    known
        .into_iter()
        .zip(slots)
        .map(|(request_id, evs)| {
            let evidence: Vec<Evidence> = evs
                .into_iter()
                .zip(&checks)
                .map(|(e, c)| e.unwrap_or_else(|| failed(c.as_ref(), "check task was lost")))
                .collect();
            let risk = combine(&evidence);
            CheckedRequest { request_id, evidence, risk }
        })
        .collect()
}

async fn run_one(
    ctx: Arc<Context>,
    id: i64,
    check: Arc<dyn Check>,
    limit: Arc<Semaphore>,
    timeout: Duration,
) -> Evidence {
    // The permit is held by this task, not the blocking thread: a check that overran releases
    // its place at the timeout, so one stuck check cannot stall the whole run.
    let Ok(_permit) = limit.acquire_owned().await else {
        return failed(check.as_ref(), "runner shut down");
    };
    let worker = Arc::clone(&check);
    let handle = tokio::task::spawn_blocking(move || match ctx.request(id) {
        Some(req) => worker.run(req, &ctx),
        None => failed(worker.as_ref(), "request not loaded"),
    });
    match tokio::time::timeout(timeout, handle).await {
        Ok(Ok(evidence)) => evidence,
        Ok(Err(e)) if e.is_panic() => {
            let payload = e.into_panic();
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_owned());
            tracing::error!(check = check.id(), request = id, "check panicked: {why}");
            failed(check.as_ref(), &format!("check failed (panic: {why})"))
        }
        Ok(Err(e)) => failed(check.as_ref(), &format!("check failed ({e})")),
        Err(_) => {
            tracing::warn!(check = check.id(), request = id, "check timed out after {timeout:?}");
            failed(check.as_ref(), &format!("check timed out after {} ms", timeout.as_millis()))
        }
    }
}

fn failed(check: &dyn Check, why: &str) -> Evidence {
    let why = super::text::visible(why, 200);
    let summary: String = why.chars().take(70).collect();
    Evidence::new(check.id(), check.version(), Verdict::NotApplicable, 0, summary).line(format!("error: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Report, RequestSnapshot};

    struct Fine;
    impl Check for Fine {
        fn id(&self) -> &'static str {
            "fine"
        }
        fn version(&self) -> u32 {
            1
        }
        fn run(&self, _: &RequestSnapshot, _: &Context) -> Evidence {
            Evidence::new("fine", 1, Verdict::Suspicious, 60, "found something")
        }
    }

    struct Panics;
    impl Check for Panics {
        fn id(&self) -> &'static str {
            "panics"
        }
        fn version(&self) -> u32 {
            1
        }
        fn run(&self, _: &RequestSnapshot, _: &Context) -> Evidence {
            panic!("deliberate failure")
        }
    }

    struct Slow;
    impl Check for Slow {
        fn id(&self) -> &'static str {
            "slow"
        }
        fn version(&self) -> u32 {
            1
        }
        fn run(&self, _: &RequestSnapshot, _: &Context) -> Evidence {
            std::thread::sleep(Duration::from_millis(6000));
            Evidence::new("slow", 1, Verdict::Suspicious, 100, "too late")
        }
    }

    fn ctx(n: i64) -> Arc<Context> {
        let reqs = (1..=n)
            .map(|id| RequestSnapshot {
                id,
                report: Report::minimal("2026-11-02T09:14:00Z", "Sender", "Jane Smith"),
                photo_sha256: None,
            })
            .collect();
        Arc::new(Context::new(reqs, vec![], vec![], Default::default()))
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_or_slow_check_does_not_stop_the_others() {
        let checks: Vec<Arc<dyn Check>> = vec![Arc::new(Fine), Arc::new(Panics), Arc::new(Slow)];
        let calls = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&calls);
        let out = run_checks(ctx(3), vec![1, 2, 99, 3], checks, Duration::from_millis(2000), move |_, total| {
            assert_eq!(total, 9);
            seen.fetch_add(1, Ordering::SeqCst);
        })
        .await;
        assert_eq!(out.iter().map(|c| c.request_id).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(calls.load(Ordering::SeqCst), 9);
        for c in &out {
            assert_eq!(c.evidence[0].verdict, Verdict::Suspicious);
            let p = &c.evidence[1];
            assert_eq!((p.check.as_str(), p.verdict, p.score), ("panics", Verdict::NotApplicable, 0));
            assert!(p.summary.contains("panic") && p.lines[0].contains("deliberate failure"), "{p:?}");
            let s = &c.evidence[2];
            assert_eq!((s.verdict, s.score), (Verdict::NotApplicable, 0));
            assert!(s.summary.contains("timed out"), "{s:?}");
            assert_eq!(c.risk.score, 24, "only the fine check counts: {:?}", c.risk.explanation);
        }
    }
}
