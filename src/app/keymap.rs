//! Which key does what: named commands, their default keys, a partial `keymap.toml` that
//! patches the defaults, and key hints generated from the bindings actually in force.
//!
//! Keys are written as text so the map is independent of the terminal library: a single
//! character (`a`, `G`, `?`), a name (`Enter`, `Esc`, `Tab`, `BackTab`, `Space`, `Up`, `Down`,
//! `Left`, `Right`, `PageUp`, `PageDown`, `Home`, `End`, `Backspace`), or `Ctrl-x`.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Everything a key can be bound to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    Down,
    Up,
    Top,
    Bottom,
    PageDown,
    PageUp,
    Open,
    Back,
    NextPane,
    PrevPane,
    PaneDown,
    PaneUp,
    Accept,
    Flag,
    Report,
    Undo,
    Export,
    Note,
    Mark,
    Filter,
    Sort,
    ViewPending,
    ViewFlagged,
    ViewReported,
    ViewAccepted,
    ViewAll,
    Audit,
    /// The statistics view (issue 17), and its period selector.
    Stats,
    Period,
    Help,
    Quit,
}

impl Command {
    pub const ALL: [Command; 31] = [
        Command::Down,
        Command::Up,
        Command::Top,
        Command::Bottom,
        Command::PageDown,
        Command::PageUp,
        Command::Open,
        Command::Back,
        Command::NextPane,
        Command::PrevPane,
        Command::PaneDown,
        Command::PaneUp,
        Command::Accept,
        Command::Flag,
        Command::Report,
        Command::Undo,
        Command::Export,
        Command::Note,
        Command::Mark,
        Command::Filter,
        Command::Sort,
        Command::ViewPending,
        Command::ViewFlagged,
        Command::ViewReported,
        Command::ViewAccepted,
        Command::ViewAll,
        Command::Audit,
        Command::Stats,
        Command::Period,
        Command::Help,
        Command::Quit,
    ];

    /// The name used in `keymap.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Command::Down => "down",
            Command::Up => "up",
            Command::Top => "top",
            Command::Bottom => "bottom",
            Command::PageDown => "page_down",
            Command::PageUp => "page_up",
            Command::Open => "open",
            Command::Back => "back",
            Command::NextPane => "next_pane",
            Command::PrevPane => "prev_pane",
            Command::PaneDown => "pane_down",
            Command::PaneUp => "pane_up",
            Command::Accept => "accept",
            Command::Flag => "flag",
            Command::Report => "report",
            Command::Undo => "undo",
            Command::Export => "export",
            Command::Note => "note",
            Command::Mark => "mark",
            Command::Filter => "filter",
            Command::Sort => "sort",
            Command::ViewPending => "view_pending",
            Command::ViewFlagged => "view_flagged",
            Command::ViewReported => "view_reported",
            Command::ViewAccepted => "view_accepted",
            Command::ViewAll => "view_all",
            Command::Audit => "audit",
            Command::Stats => "stats",
            Command::Period => "period",
            Command::Help => "help",
            Command::Quit => "quit",
        }
    }

    /// What the command does, for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Command::Down => "move down / scroll",
            Command::Up => "move up / scroll",
            Command::Top => "first",
            Command::Bottom => "last",
            Command::PageDown => "one page down",
            Command::PageUp => "one page up",
            Command::Open => "detail view",
            Command::Back => "back / close / clear",
            Command::NextPane => "next pane",
            Command::PrevPane => "previous pane",
            Command::PaneDown => "scroll the pane down",
            Command::PaneUp => "scroll the pane up",
            Command::Accept => "accept (+ note)",
            Command::Flag => "flag (+ note)",
            Command::Report => "report (confirm, note)",
            Command::Undo => "undo my last decision",
            Command::Export => "escalation bundles",
            Command::Note => "add a note",
            Command::Mark => "mark: a/f/r act on all",
            Command::Filter => "filter by text",
            Command::Sort => "sort: risk/age/sender",
            Command::ViewPending => "view pending",
            Command::ViewFlagged => "view flagged",
            Command::ViewReported => "view reported",
            Command::ViewAccepted => "view accepted",
            Command::ViewAll => "view all",
            Command::Audit => "audit trail",
            Command::Stats => "statistics",
            Command::Period => "statistics period",
            Command::Help => "this help",
            Command::Quit => "quit",
        }
    }

    fn parse(name: &str) -> Option<Command> {
        Command::ALL.into_iter().find(|c| c.name() == name)
    }

    fn default_keys(self) -> &'static [&'static str] {
        match self {
            Command::Down => &["j", "Down"],
            Command::Up => &["k", "Up"],
            Command::Top => &["g", "Home"],
            Command::Bottom => &["G", "End"],
            Command::PageDown => &["PageDown", "Ctrl-d"],
            Command::PageUp => &["PageUp", "Ctrl-u"],
            Command::Open => &["Enter"],
            Command::Back => &["Esc"],
            Command::NextPane => &["Tab"],
            Command::PrevPane => &["BackTab"],
            Command::PaneDown => &["J"],
            Command::PaneUp => &["K"],
            Command::Accept => &["a"],
            Command::Flag => &["f"],
            Command::Report => &["r"],
            Command::Undo => &["u"],
            Command::Export => &["x"],
            Command::Note => &["n"],
            Command::Mark => &["Space"],
            Command::Filter => &["/"],
            Command::Sort => &["s"],
            Command::ViewPending => &["1"],
            Command::ViewFlagged => &["2"],
            Command::ViewReported => &["3"],
            Command::ViewAccepted => &["4"],
            Command::ViewAll => &["5"],
            Command::Audit => &["L"],
            Command::Stats => &["S"],
            Command::Period => &["p"],
            Command::Help => &["?"],
            Command::Quit => &["q", "Ctrl-c"],
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMap {
    by_key: HashMap<String, Command>,
    by_command: BTreeMap<Command, Vec<String>>,
}

impl Default for KeyMap {
    fn default() -> Self {
        let by_command: BTreeMap<Command, Vec<String>> =
            Command::ALL.into_iter().map(|c| (c, c.default_keys().iter().map(|k| (*k).to_owned()).collect())).collect();
        KeyMap::from_commands(by_command)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    keys: BTreeMap<String, KeyList>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyMap {
    fn from_commands(by_command: BTreeMap<Command, Vec<String>>) -> KeyMap {
        let mut by_key = HashMap::new();
        for (c, keys) in &by_command {
            for k in keys {
                by_key.insert(k.clone(), *c);
            }
        }
        KeyMap { by_key, by_command }
    }

    /// The defaults patched by a `keymap.toml`: each command named in `[keys]` gets exactly
    /// the keys given; a key taken from another command is removed from it.
    pub fn with_overrides(toml_text: &str) -> Result<KeyMap, String> {
        let file: KeymapFile = toml::from_str(toml_text).map_err(|e| format!("keymap.toml: {e}"))?;
        let mut by_command = KeyMap::default().by_command;
        for (name, keys) in file.keys {
            let command = Command::parse(&name).ok_or_else(|| {
                format!("keymap.toml: unknown command {name:?}; known: {}", Command::ALL.map(Command::name).join(", "))
            })?;
            let keys = match keys {
                KeyList::One(k) => vec![k],
                KeyList::Many(ks) => ks,
            };
            for k in &keys {
                if !is_valid_key(k) {
                    return Err(format!("keymap.toml: {name}: {k:?} is not a key this terminal can send"));
                }
            }
            for other in by_command.values_mut() {
                other.retain(|k| !keys.contains(k));
            }
            by_command.insert(command, keys);
        }
        Ok(KeyMap::from_commands(by_command))
    }

    pub fn command(&self, key: &str) -> Option<Command> {
        self.by_key.get(key).copied()
    }

    pub fn keys(&self, c: Command) -> &[String] {
        self.by_command.get(&c).map(Vec::as_slice).unwrap_or(&[])
    }

    /// `j/Down` — every key of a command, for the help screen.
    pub fn describe_keys(&self, c: Command) -> String {
        let keys = self.keys(c);
        if keys.is_empty() { "(unbound)".into() } else { keys.join(" / ") }
    }

    /// A short hint such as `a accept`, from the first key bound; `None` when unbound.
    pub fn hint(&self, c: Command, label: &str) -> Option<String> {
        self.keys(c).first().map(|k| format!("{k} {label}"))
    }
}

const NAMED: [&str; 14] = [
    "Enter",
    "Esc",
    "Tab",
    "BackTab",
    "Space",
    "Up",
    "Down",
    "Left",
    "Right",
    "PageUp",
    "PageDown",
    "Home",
    "End",
    "Backspace",
];

fn is_valid_key(k: &str) -> bool {
    let single = |s: &str| {
        let mut chars = s.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_control() && c != ' ')
    };
    if let Some(rest) = k.strip_prefix("Ctrl-") {
        return single(rest) || NAMED.contains(&rest);
    }
    single(k) || NAMED.contains(&k) || (k.starts_with('F') && k[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_cover_every_command_once_per_key() {
        let km = KeyMap::default();
        for c in Command::ALL {
            assert!(!km.keys(c).is_empty(), "{} has no default key", c.name());
            for k in km.keys(c) {
                assert_eq!(km.command(k), Some(c), "{k} is bound twice");
                assert!(is_valid_key(k), "{k}");
            }
        }
    }

    #[test]
    fn a_partial_file_patches_the_defaults_and_steals_keys() {
        let km = KeyMap::with_overrides("[keys]\naccept = \"y\"\nflag = [\"j\", \"F\"]\n").unwrap();
        assert_eq!(km.command("y"), Some(Command::Accept));
        assert_eq!(km.command("a"), None);
        assert_eq!(km.command("j"), Some(Command::Flag));
        assert_eq!(km.keys(Command::Down), ["Down"]);
        assert_eq!(km.command("r"), Some(Command::Report));
        assert_eq!(km.hint(Command::Accept, "accept").as_deref(), Some("y accept"));
    }

    #[test]
    fn mistakes_in_the_file_are_named() {
        assert!(KeyMap::with_overrides("[keys]\nacept = \"y\"").unwrap_err().contains("acept"));
        assert!(KeyMap::with_overrides("[keys]\naccept = \"yy\"").unwrap_err().contains("yy"));
        assert!(KeyMap::with_overrides("[keys\n").is_err());
    }
}
