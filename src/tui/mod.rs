//! The terminal: set-up and restoration, signals, the config files (keymap, themes), and the
//! event loop that turns keys into actions, hands effects to the background threads and draws.

mod worker;

use crate::app::{self, Action, InputKey, KeyMap, State};
use crate::cli::Global;
use crate::commands::{Failure, Identity};
use crate::ui::{self, Theme};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

/// Longest wait for input before looking at results from the background threads.
const FRAME: Duration = Duration::from_millis(40);
/// More terminal events than this in one second means the terminal is gone and reads return
/// garbage at once (a fast paste is a few thousand).
const SPIN_LIMIT: u32 = 50_000;
/// Most messages handled before drawing again.
const MAX_BATCH: usize = 5_000;

pub fn run(db: &Path, global: &Global, watch: Option<&Path>) -> Result<(), Failure> {
    // A missing database is named before anything else: the workstation never creates one.
    crate::store::Store::open_existing(db)?;
    let identity = Identity::resolve(global.officer.as_deref());
    let config = directories::ProjectDirs::from("", "", "linkvet").map(|d| d.config_dir().to_path_buf());
    let keymap = load_keymap(config.as_deref())?;
    let mut theme = load_theme(global.theme.as_deref(), std::env::var_os("NO_COLOR"), config.as_deref())?;
    theme.truecolor = std::env::var("COLORTERM").is_ok_and(|v| matches!(v.as_str(), "truecolor" | "24bit"));
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(Failure::usage("the workstation needs a terminal; use a subcommand (see --help) in scripts"));
    }
    let (tx, rx) = channel();
    // Opening the store first means a missing, locked or newer database is reported before the
    // screen changes.
    let workers = worker::Workers::start(db, identity.clone(), tx.clone())?;
    let spool_stop = Arc::new(AtomicBool::new(false));
    if let Some(dir) = watch {
        let spool = crate::spool::Spool::new(dir, Duration::from_secs(2)).map_err(Failure::usage)?;
        let store = crate::store::Store::open_existing(db)?;
        spawn_spool(store, spool, tx.clone(), Arc::clone(&spool_stop));
    }
    let signalled = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&signalled))
            .map_err(|e| Failure::problem(format!("cannot watch for signals: {e}")))?;
    }
    let db_label = db.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "database".into());
    let mut state = State::new(&identity.officer, &identity.os_user, &db_label, chrono::Utc::now(), keymap);
    let mut terminal = ratatui::try_init().map_err(|e| Failure::problem(format!("cannot set up the terminal: {e}")))?;
    spawn_input(tx);
    let result = event_loop(&mut terminal, &mut state, &theme, &workers, &rx, &signalled);
    spool_stop.store(true, Ordering::Relaxed);
    // A decision confirmed just before quitting is written before the process ends.
    let written = workers.finish(Duration::from_secs(10));
    let _ = terminal.show_cursor();
    ratatui::restore();
    if !written {
        return Err(Failure::problem(
            "quit while a decision was still being written (the database was busy); check the audit log",
        ));
    }
    result.map_err(|e| Failure::problem(format!("terminal error: {e}")))
}

/// What wakes the event loop: a terminal event from the input thread, a result from a
/// background thread, or the end of input.
pub enum Incoming {
    Event(Event),
    Action(Action),
    InputClosed(String),
}

/// Reads terminal events on their own thread. crossterm can spin inside `poll`/`read` once the
/// terminal is gone; kept off the event loop, that can never stop the loop from seeing a
/// signal or the vanished terminal and exiting.
fn spawn_input(tx: Sender<Incoming>) {
    let _ = std::thread::Builder::new().name("linkvet-input".into()).spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(ev) => Incoming::Event(ev),
                Err(e) => Incoming::InputClosed(e.to_string()),
            };
            let closed = matches!(msg, Incoming::InputClosed(_));
            if tx.send(msg).is_err() || closed {
                return;
            }
        }
    });
}

/// Imports the spool folder's files on a thread of its own, with its own connection, so a long
/// import never holds up a key; each file's outcome comes back as an action, and the queue
/// reloads with what it added.
fn spawn_spool(
    mut store: crate::store::Store,
    mut spool: crate::spool::Spool,
    tx: Sender<Incoming>,
    stop: Arc<AtomicBool>,
) {
    let _ = std::thread::Builder::new().name("linkvet-spool".into()).spawn(move || {
        let opts = crate::ingest::ReadOptions::default();
        let stopped = || stop.load(Ordering::Relaxed);
        let mut report = |t: &crate::spool::Taken| {
            let text = t.describe();
            let action = match t {
                crate::spool::Taken::Done { .. } => Action::Spooled(Ok(format!("spool: {text}"))),
                _ => Action::Spooled(Err(format!("spool: {text}"))),
            };
            let _ = tx.send(Incoming::Action(action));
        };
        let interval = Duration::from_secs(1);
        if let Err(e) = crate::spool::run(&mut store, &mut spool, &opts, true, interval, false, &stopped, &mut report) {
            let _ = tx.send(Incoming::Action(Action::Spooled(Err(format!("spool stopped: {e}")))));
        }
    });
}

/// Whether the controlling terminal is still there: after a hang-up it cannot be opened.
fn terminal_present() -> bool {
    std::io::stdin().is_terminal() && std::fs::OpenOptions::new().read(true).write(true).open("/dev/tty").is_ok()
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    state: &mut State,
    theme: &Theme,
    workers: &worker::Workers,
    incoming: &Receiver<Incoming>,
    signalled: &AtomicBool,
) -> std::io::Result<()> {
    let mut effects = app::start(state);
    let size = terminal.size()?;
    effects.extend(app::update(state, Action::PageRows(ui::queue_rows(size.width, size.height))));
    let mut dirty = true;
    let mut second = Instant::now();
    let mut events = 0u32;
    // Some containers give a terminal on stdin without a controlling terminal: only a /dev/tty
    // that was there at the start and then vanished means the session dropped.
    let had_tty = terminal_present();
    loop {
        for e in effects.drain(..) {
            workers.perform(e);
        }
        if state.quit {
            return Ok(());
        }
        if dirty {
            // Only changed cells are sent: ratatui diffs against the previous frame.
            let frame = terminal.draw(|f| ui::draw(f, state, theme))?;
            let (w, h) = (frame.area.width, frame.area.height);
            dirty = false;
            if state.screen == app::Screen::Detail {
                // G scrolls "to the end": pull the position back to where the text ends, so k
                // moves up at once.
                let max = ui::detail_max_scroll(state, theme, w, h);
                if state.detail_scroll > max {
                    effects.extend(app::update(state, Action::DetailExtent(max)));
                }
            }
            if state.screen == app::Screen::Stats {
                // Likewise for the statistics page.
                let max = ui::stats_max_scroll(state, w, h);
                if state.stats.scroll > max {
                    effects.extend(app::update(state, Action::StatsExtent(max)));
                }
            }
        }
        let wait = Duration::from_secs(1).saturating_sub(second.elapsed()).max(Duration::from_millis(1));
        if let Ok(first) = incoming.recv_timeout(wait.min(FRAME)) {
            // Take everything pending (a resize storm, a paste, a burst of results), then draw once.
            for msg in std::iter::once(first).chain(incoming.try_iter().take(MAX_BATCH)) {
                dirty = true;
                match msg {
                    Incoming::Action(a) => effects.extend(app::update(state, a)),
                    Incoming::InputClosed(e) => {
                        return Err(std::io::Error::other(format!("terminal input closed: {e}")));
                    }
                    Incoming::Event(ev) => {
                        events += 1;
                        match ev {
                            Event::Key(k) if k.kind != KeyEventKind::Release => {
                                if let Some(a) = key_action(state, k) {
                                    effects.extend(app::update(state, a));
                                }
                            }
                            Event::Resize(w, h) => {
                                effects.extend(app::update(state, Action::PageRows(ui::queue_rows(w, h))))
                            }
                            _ => {}
                        }
                    }
                }
                if state.quit {
                    break;
                }
            }
        }
        if signalled.load(Ordering::Relaxed) {
            effects.extend(app::update(state, Action::Quit));
        }
        if second.elapsed() >= Duration::from_secs(1) {
            if events > SPIN_LIMIT || (had_tty && !terminal_present()) {
                return Err(std::io::Error::other("the terminal went away"));
            }
            // A write to a hung-up terminal fails too.
            let out = terminal.backend_mut();
            out.write_all(b"\x1b[?25l")?;
            out.flush()?;
            events = 0;
            second = Instant::now();
            // What the clock changes on screen is ages (to the minute) and a message timing
            // out; an idle workstation redraws only then, not every second: even an unchanged
            // frame costs its closing escape sequences on the wire.
            let shown = |s: &State| (s.now.timestamp().div_euclid(60), s.message.is_some());
            let before = shown(state);
            effects.extend(app::update(state, Action::Tick(chrono::Utc::now())));
            dirty |= shown(state) != before;
        }
    }
}

/// A key as the keymap names it: `j`, `G`, `Enter`, `BackTab`, `Ctrl-c`.
pub fn key_name(k: &KeyEvent) -> Option<String> {
    let base = match k.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "BackTab".into(),
        KeyCode::Up => "Up".into(),
        KeyCode::Down => "Down".into(),
        KeyCode::Left => "Left".into(),
        KeyCode::Right => "Right".into(),
        KeyCode::PageUp => "PageUp".into(),
        KeyCode::PageDown => "PageDown".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::F(n) => format!("F{n}"),
        _ => return None,
    };
    Some(if k.modifiers.contains(KeyModifiers::CONTROL) { format!("Ctrl-{base}") } else { base })
}

fn key_action(state: &State, k: KeyEvent) -> Option<Action> {
    if state.wants_text() {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        return Some(Action::Input(match k.code {
            KeyCode::Enter => InputKey::Enter,
            KeyCode::Esc => InputKey::Esc,
            KeyCode::Char('c') if ctrl => InputKey::Esc,
            KeyCode::Backspace => InputKey::Backspace,
            KeyCode::Char(c) if !ctrl => InputKey::Char(c),
            _ => return None,
        }));
    }
    let name = key_name(&k)?;
    state.keymap.command(&name).map(Action::Command)
}

fn load_keymap(config: Option<&Path>) -> Result<KeyMap, Failure> {
    let Some(path) = config.map(|d| d.join("keymap.toml")).filter(|p| p.exists()) else {
        return Ok(KeyMap::default());
    };
    let text =
        std::fs::read_to_string(&path).map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
    KeyMap::with_overrides(&text).map_err(|e| Failure::usage(format!("{e} (in {})", path.display())))
}

/// `--theme` wins; else `NO_COLOR` (set and not empty) picks monochrome; else the default. A file
/// of the same name in the config dir's `themes/` patches the built-in theme.
fn load_theme(
    name: Option<&str>,
    no_color: Option<std::ffi::OsString>,
    config: Option<&Path>,
) -> Result<Theme, Failure> {
    let name = match name {
        Some(n) => n.to_owned(),
        None if no_color.is_some_and(|v| !v.is_empty()) => "monochrome".into(),
        None => "default".into(),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(Failure::usage(format!("--theme {name:?}: a theme name is letters, digits, - and _")));
    }
    let user: Option<PathBuf> = config.map(|d| d.join("themes").join(format!("{name}.toml"))).filter(|p| p.exists());
    let user_text = match &user {
        Some(p) => {
            Some(std::fs::read_to_string(p).map_err(|e| Failure::usage(format!("cannot read {}: {e}", p.display())))?)
        }
        None => None,
    };
    let base = Theme::built_in(&name);
    let bad = |e: String| {
        Failure::usage(format!("theme {}: {e}", user.as_ref().map(|p| p.display().to_string()).unwrap_or_default()))
    };
    match (base, user_text) {
        (Some(b), None) => Ok(b),
        (Some(b), Some(t)) => b.patched(&t).map_err(bad),
        (None, Some(t)) => {
            let mut theme = Theme::default().patched(&t).map_err(bad)?;
            theme.name = name;
            Ok(theme)
        }
        (None, None) => Err(Failure::usage(format!(
            "no theme {name:?}: built in are {}; or put {name}.toml in the config directory's themes/",
            ui::theme::BUILT_IN.map(|(n, _)| n).join(", ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_named_as_the_keymap_writes_them() {
        let k = |code, m| KeyEvent::new(code, m);
        assert_eq!(key_name(&k(KeyCode::Char('G'), KeyModifiers::SHIFT)).as_deref(), Some("G"));
        assert_eq!(key_name(&k(KeyCode::Char('c'), KeyModifiers::CONTROL)).as_deref(), Some("Ctrl-c"));
        assert_eq!(key_name(&k(KeyCode::Char(' '), KeyModifiers::NONE)).as_deref(), Some("Space"));
        assert_eq!(key_name(&k(KeyCode::BackTab, KeyModifiers::SHIFT)).as_deref(), Some("BackTab"));
    }

    #[test]
    fn no_color_picks_monochrome_unless_a_theme_is_named() {
        let t = load_theme(None, Some("1".into()), None).unwrap();
        assert_eq!(t.name, "monochrome");
        assert_eq!(load_theme(Some("light"), Some("1".into()), None).unwrap().name, "light");
        assert_eq!(load_theme(None, Some("".into()), None).unwrap().name, "default");
        assert!(load_theme(Some("../x"), None, None).is_err());
        assert!(load_theme(Some("nope"), None, None).unwrap_err().message.contains("default, light"));
    }
}
