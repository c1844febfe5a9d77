//! Diagnostics go to `linkvet.log` beside the database, never to the terminal, which belongs
//! to the workstation or to the command's output.

use std::path::Path;
use tracing_appender::non_blocking::WorkerGuard;

/// Starts logging into `dir/linkvet.log`; keep the guard alive until exit so lines are flushed.
/// Logging is best effort: an unwritable folder means no log, not a failed command.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    if !dir.is_dir() {
        return None;
    }
    let appender = tracing_appender::rolling::never(dir, "linkvet.log");
    let (writer, guard) = tracing_appender::non_blocking(appender);
    let filter = tracing_subscriber::EnvFilter::try_from_env("LINKVET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).try_init().ok()?;
    Some(guard)
}
