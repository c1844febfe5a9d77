//! Diagnostics go to `linkvet.log` beside the database, never to the terminal, which belongs
//! to the workstation or to the command's output.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tracing_appender::non_blocking::WorkerGuard;

/// Starts logging into `dir/linkvet.log`; keep the guard alive until exit so lines are flushed.
/// Logging is best effort: an unwritable folder means no log, not a failed command.
pub fn init(dir: &Path) -> Option<WorkerGuard> {
    let (writer, guard) = tracing_appender::non_blocking(LogFile { path: dir.join("linkvet.log"), file: None });
    let filter = tracing_subscriber::EnvFilter::try_from_env("LINKVET_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt().with_writer(writer).with_ansi(false).with_env_filter(filter).try_init().ok()?;
    Some(guard)
}

/// The log file, opened at its first line: the folder of a new database exists only once the
/// command creating it has run, and a command that logs nothing leaves no file behind. Created
/// 0600 — the log names officers and the files they import — and appended to.
struct LogFile {
    path: PathBuf,
    file: Option<File>,
}

impl Write for LogFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.file.is_none() {
            use std::os::unix::fs::OpenOptionsExt;
            self.file = std::fs::OpenOptions::new().append(true).create(true).mode(0o600).open(&self.path).ok();
        }
        match &mut self.file {
            Some(f) => f.write(buf),
            // No folder (yet), or not writable: the line is dropped, the command goes on.
            None => Ok(buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}
