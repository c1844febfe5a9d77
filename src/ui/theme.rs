//! Themes: styles keyed by meaning (risk, verdict, selection, hidden-character marker…), parsed
//! from the TOML files in `themes/` that are compiled into the binary. A user file of the same
//! name patches the built-in theme role by role.

use crate::domain::{RiskLevel, Verdict};
use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;

/// Every role a theme must define.
pub const ROLES: [&str; 24] = [
    "risk_high",
    "risk_medium",
    "risk_low",
    "verdict_clear",
    "verdict_caution",
    "verdict_suspicious",
    "verdict_na",
    "selection",
    "marked",
    "border",
    "border_focus",
    "title",
    "text",
    "muted",
    "hidden_marker",
    "header",
    "status_line",
    "key_hint",
    "message_info",
    "message_error",
    "popup",
    "popup_border",
    "chain_ok",
    "chain_broken",
];

/// The themes shipped inside the binary: (name, TOML text).
pub const BUILT_IN: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    ("high-contrast", include_str!("../../themes/high-contrast.toml")),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: String,
    /// Photos in 24-bit colour. Off, they are drawn from the 256-colour palette: about 40 %
    /// fewer bytes per picture on the wire, and right on terminals without 24-bit colour. On
    /// when the terminal says it has it (`COLORTERM=truecolor`), which SSH does not pass on
    /// unless told to.
    pub truecolor: bool,
    pub risk_high: Style,
    pub risk_medium: Style,
    pub risk_low: Style,
    pub verdict_clear: Style,
    pub verdict_caution: Style,
    pub verdict_suspicious: Style,
    pub verdict_na: Style,
    pub selection: Style,
    pub marked: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub text: Style,
    pub muted: Style,
    pub hidden_marker: Style,
    pub header: Style,
    pub status_line: Style,
    pub key_hint: Style,
    pub message_info: Style,
    pub message_error: Style,
    pub popup: Style,
    pub popup_border: Style,
    pub chain_ok: Style,
    pub chain_broken: Style,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
    #[serde(default)]
    underlined: bool,
    #[serde(default)]
    reversed: bool,
    #[serde(default)]
    dim: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    name: Option<String>,
    #[serde(default)]
    roles: BTreeMap<String, StyleSpec>,
}

fn color(text: &str) -> Result<Color, String> {
    text.parse::<Color>().map_err(|_| format!("{text:?} is not a colour (a name, 0-255 or #rrggbb)"))
}

impl StyleSpec {
    fn style(&self) -> Result<Style, String> {
        let mut s = Style::default();
        if let Some(fg) = &self.fg {
            s = s.fg(color(fg)?);
        }
        if let Some(bg) = &self.bg {
            s = s.bg(color(bg)?);
        }
        for (on, m) in [
            (self.bold, Modifier::BOLD),
            (self.italic, Modifier::ITALIC),
            (self.underlined, Modifier::UNDERLINED),
            (self.reversed, Modifier::REVERSED),
            (self.dim, Modifier::DIM),
        ] {
            if on {
                s = s.add_modifier(m);
            }
        }
        Ok(s)
    }
}

fn parse_roles(text: &str) -> Result<(Option<String>, BTreeMap<String, Style>), String> {
    let file: ThemeFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut roles = BTreeMap::new();
    for (role, spec) in file.roles {
        if !ROLES.contains(&role.as_str()) {
            return Err(format!("unknown role {role:?}; known roles: {}", ROLES.join(", ")));
        }
        roles.insert(role.clone(), spec.style().map_err(|e| format!("{role}: {e}"))?);
    }
    Ok((file.name, roles))
}

impl Theme {
    /// A built-in theme by name.
    pub fn built_in(name: &str) -> Option<Theme> {
        let text = BUILT_IN.iter().find(|(n, _)| *n == name)?.1;
        Theme::parse_complete(text).ok()
    }

    /// Parses a theme that must define every role (the shipped ones).
    pub fn parse_complete(text: &str) -> Result<Theme, String> {
        let (name, roles) = parse_roles(text)?;
        let missing: Vec<&str> = ROLES.iter().copied().filter(|r| !roles.contains_key(*r)).collect();
        if !missing.is_empty() {
            return Err(format!("missing roles: {}", missing.join(", ")));
        }
        Ok(Theme::from_roles(name.unwrap_or_default(), &roles))
    }

    /// `self` with the roles `text` names replaced (a user's file).
    pub fn patched(&self, text: &str) -> Result<Theme, String> {
        let (_, roles) = parse_roles(text)?;
        let mut all = self.roles();
        all.extend(roles);
        Ok(Theme { truecolor: self.truecolor, ..Theme::from_roles(self.name.clone(), &all) })
    }

    fn roles(&self) -> BTreeMap<String, Style> {
        let list = [
            self.risk_high,
            self.risk_medium,
            self.risk_low,
            self.verdict_clear,
            self.verdict_caution,
            self.verdict_suspicious,
            self.verdict_na,
            self.selection,
            self.marked,
            self.border,
            self.border_focus,
            self.title,
            self.text,
            self.muted,
            self.hidden_marker,
            self.header,
            self.status_line,
            self.key_hint,
            self.message_info,
            self.message_error,
            self.popup,
            self.popup_border,
            self.chain_ok,
            self.chain_broken,
        ];
        ROLES.iter().map(|r| (*r).to_owned()).zip(list).collect()
    }

    fn from_roles(name: String, r: &BTreeMap<String, Style>) -> Theme {
        let g = |k: &str| r.get(k).copied().unwrap_or_default();
        Theme {
            name,
            truecolor: false,
            risk_high: g("risk_high"),
            risk_medium: g("risk_medium"),
            risk_low: g("risk_low"),
            verdict_clear: g("verdict_clear"),
            verdict_caution: g("verdict_caution"),
            verdict_suspicious: g("verdict_suspicious"),
            verdict_na: g("verdict_na"),
            selection: g("selection"),
            marked: g("marked"),
            border: g("border"),
            border_focus: g("border_focus"),
            title: g("title"),
            text: g("text"),
            muted: g("muted"),
            hidden_marker: g("hidden_marker"),
            header: g("header"),
            status_line: g("status_line"),
            key_hint: g("key_hint"),
            message_info: g("message_info"),
            message_error: g("message_error"),
            popup: g("popup"),
            popup_border: g("popup_border"),
            chain_ok: g("chain_ok"),
            chain_broken: g("chain_broken"),
        }
    }

    pub fn risk(&self, level: Option<RiskLevel>) -> Style {
        match level {
            Some(RiskLevel::High) => self.risk_high,
            Some(RiskLevel::Medium) => self.risk_medium,
            Some(RiskLevel::Low) => self.risk_low,
            None => self.muted,
        }
    }

    pub fn verdict(&self, v: Verdict) -> Style {
        match v {
            Verdict::Clear => self.verdict_clear,
            Verdict::Caution => self.verdict_caution,
            Verdict::Suspicious => self.verdict_suspicious,
            Verdict::NotApplicable => self.verdict_na,
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::built_in("default").expect("the default theme ships complete")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_theme_parses_and_covers_every_role() {
        for (name, text) in BUILT_IN {
            let theme = Theme::parse_complete(text).unwrap_or_else(|e| panic!("theme {name}: {e}"));
            assert_eq!(theme.name, name);
        }
    }

    #[test]
    fn monochrome_uses_no_colour() {
        let t = Theme::built_in("monochrome").unwrap();
        for (role, style) in t.roles() {
            assert!(style.fg.is_none() && style.bg.is_none(), "{role} has a colour");
        }
    }

    #[test]
    fn a_user_file_patches_roles_and_mistakes_are_named() {
        let t = Theme::default().patched("[roles]\nrisk_high = { fg = \"magenta\" }\n").unwrap();
        assert_eq!(t.risk_high.fg, Some(Color::Magenta));
        assert_eq!(t.risk_low, Theme::default().risk_low);
        assert!(Theme::default().patched("[roles]\nrisk_hi = {}\n").unwrap_err().contains("risk_hi"));
        assert!(
            Theme::default().patched("[roles]\nrisk_high = { fg = \"blurple\" }\n").unwrap_err().contains("blurple")
        );
    }
}
