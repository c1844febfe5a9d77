//! What the workstation knows at one moment: the queue window, the selection, the open view or
//! popup, and the latest results the background threads sent back.

use super::keymap::KeyMap;
use crate::analysis::CheckSummary;
use crate::domain::stats::{PeriodPreset, Stats, StatsQuery};
use crate::domain::{Action as Decision, AuditEntry, ChainState, Report, RequestRow, Status};
use crate::store::{AuditFilter, DecisionGuard, QueueQuery, SortOrder, StatusCounts};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// Rows fetched per page of the queue: a few screens either side of the cursor.
pub const PAGE: usize = 300;
/// How close the cursor may come to the edge of the loaded rows before the next page is fetched.
pub const MARGIN: usize = 60;
/// Audit entries shown (newest first).
pub const AUDIT_LIMIT: usize = 1000;
/// How long a transient message stays on the status line, in seconds.
pub const MESSAGE_SECONDS: i64 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Pending,
    Flagged,
    Reported,
    Accepted,
    All,
}

impl View {
    pub const ALL: [View; 5] = [View::Pending, View::Flagged, View::Reported, View::Accepted, View::All];

    pub fn status(self) -> Option<Status> {
        match self {
            View::Pending => Some(Status::Pending),
            View::Flagged => Some(Status::Flagged),
            View::Reported => Some(Status::Reported),
            View::Accepted => Some(Status::Accepted),
            View::All => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Pending => "pending",
            View::Flagged => "flagged",
            View::Reported => "reported",
            View::Accepted => "accepted",
            View::All => "all",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Detail,
    Audit,
    Stats,
}

/// The evidence panes, in the order the checks run.
pub const PANES: [&str; 7] = ["photo", "account", "career", "message", "identity", "watchlist", "campaign"];

/// One page of the queue as the store returned it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueuePage {
    pub offset: usize,
    pub rows: Vec<RequestRow>,
    pub total: u64,
    pub counts: StatusCounts,
}

/// The loaded window of the queue and the cursor (an index into the whole filtered queue).
#[derive(Debug, Clone, Default)]
pub struct Queue {
    pub rows: Vec<RequestRow>,
    pub offset: usize,
    pub total: u64,
    pub cursor: usize,
    pub loaded: bool,
    /// Offset of the page asked for and not yet arrived.
    pub requested: Option<usize>,
    /// A request to put the cursor on when the next page arrives.
    pub follow: Option<i64>,
    /// The first row the list shows.
    pub top: usize,
}

/// Rows kept between the cursor and the list's top or bottom edge before the list scrolls.
pub const SCROLL_MARGIN: usize = 2;

impl Queue {
    /// Keeps the cursor on screen, `SCROLL_MARGIN` rows from the edges, scrolling by pages.
    /// When the cursor reaches the margin, the list moves so that the cursor sits at the margin
    /// of the other edge: a list scrolled one row per key rewrites every row it shows (about
    /// 3 KB at 120×40), a paged one once per page, which over a slow SSH link is the
    /// difference between a lagging and a responsive queue.
    pub fn scroll_to_cursor(&mut self, visible: usize) {
        let total = self.total as usize;
        let visible = visible.max(1);
        if total <= visible {
            self.top = 0;
            return;
        }
        let margin = SCROLL_MARGIN.min((visible - 1) / 2);
        if self.cursor < self.top + margin {
            self.top = (self.cursor + margin + 1).saturating_sub(visible);
        } else if self.cursor + margin >= self.top + visible {
            self.top = self.cursor.saturating_sub(margin);
        }
        self.top = self.top.min(total - visible);
    }

    pub fn selected(&self) -> Option<&RequestRow> {
        self.cursor.checked_sub(self.offset).and_then(|i| self.rows.get(i))
    }

    pub fn row_at(&self, index: usize) -> Option<&RequestRow> {
        index.checked_sub(self.offset).and_then(|i| self.rows.get(i))
    }
}

/// One request read whole, for the detail view.
#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub id: i64,
    pub row: RequestRow,
    pub report: Report,
    pub history: Vec<AuditEntry>,
    pub explanation: Vec<String>,
}

/// A photo scaled down for drawing with half-blocks: `width × height` RGB pixels, row-major.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thumb {
    pub width: u32,
    pub height: u32,
    pub rgb: Vec<[u8; 3]>,
}

impl Thumb {
    pub fn pixel(&self, x: u32, y: u32) -> [u8; 3] {
        self.rgb.get((y * self.width + x) as usize).copied().unwrap_or([0, 0, 0])
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoMatch {
    /// "reference stock-041.jpg (label stock)" or "request #17".
    pub label: String,
    pub distance: u32,
    pub is_match: bool,
    pub thumb: Option<Thumb>,
}

/// The selected request's photo and its nearest other photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoView {
    pub id: i64,
    pub own: Option<Thumb>,
    /// Why there is no picture ("no photo in the report", a decode error).
    pub note: Option<String>,
    pub best: Option<PhotoMatch>,
}

impl PhotoView {
    /// The pane of a request whose report has no photo.
    pub fn none(id: i64) -> PhotoView {
        PhotoView { id, own: None, note: Some("no photo in the report".into()), best: None }
    }
}

/// A request a decision is about, with the status the officer saw it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub id: i64,
    pub seen: Status,
    /// The sender's name as stored (sanitised when drawn).
    pub sender: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Confirm a decision on `targets`; `force` after a conflict was shown.
    Decide {
        action: Decision,
        targets: Vec<Target>,
        force: bool,
    },
    Note {
        target: Target,
    },
    /// The queue filters as the officer types; `previous` comes back on Esc.
    Filter {
        previous: String,
    },
    AuditFilter,
    /// The statistics view's text filter, applied on Enter.
    StatsFilter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: String,
    /// A refusal or conflict to show above the input.
    pub error: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help,
    Prompt(Prompt),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
    pub at: DateTime<Utc>,
}

/// Audit filter as the officer types it: `officer=NAME action=ACTION request=ID`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilterSpec {
    pub officer: Option<String>,
    pub action: Option<String>,
    pub request: Option<i64>,
}

impl AuditFilterSpec {
    pub fn parse(text: &str) -> Result<AuditFilterSpec, String> {
        let mut f = AuditFilterSpec::default();
        for word in text.split_whitespace() {
            match word.split_once('=') {
                Some(("officer", v)) => f.officer = Some(v.to_owned()),
                Some(("action", v)) => {
                    if Decision::parse(v).is_none() {
                        return Err(format!("unknown action {v:?}: accept, flag, report, undo, note or export"));
                    }
                    f.action = Some(v.to_owned())
                }
                Some(("request", v)) => {
                    f.request = Some(
                        v.trim_start_matches('#').parse().map_err(|_| format!("request={v}: not a request number"))?,
                    )
                }
                _ => return Err(format!("{word:?}: write officer=NAME, action=ACTION or request=ID")),
            }
        }
        Ok(f)
    }

    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(o) = &self.officer {
            parts.push(format!("officer={o}"));
        }
        if let Some(a) = &self.action {
            parts.push(format!("action={a}"));
        }
        if let Some(r) = self.request {
            parts.push(format!("request={r}"));
        }
        parts.join(" ")
    }

    pub fn to_store(&self) -> AuditFilter {
        AuditFilter {
            officer: self.officer.clone(),
            request_id: self.request,
            action: self.action.clone(),
            since: None,
            newest_first: true,
            limit: Some(AUDIT_LIMIT),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct AuditView {
    pub entries: Vec<AuditEntry>,
    pub cursor: usize,
    pub filter: AuditFilterSpec,
    pub loaded: bool,
    /// `None` while the chain is being verified.
    pub chain: Option<Result<(ChainState, Vec<String>), String>>,
}

/// The statistics view: its own period and filters (the queue's kinds of filter, set apart so
/// that opening the view from the pending queue still shows the whole picture), the figures
/// last computed, and how far the page is scrolled.
#[derive(Debug, Clone)]
pub struct StatsView {
    pub preset: PeriodPreset,
    pub view: View,
    pub filter: String,
    /// Figures last computed; kept while newer ones are on their way.
    pub stats: Option<Box<Stats>>,
    pub loading: bool,
    pub error: Option<String>,
    pub scroll: u16,
}

impl Default for StatsView {
    fn default() -> Self {
        StatsView {
            preset: PeriodPreset::default(),
            view: View::All,
            filter: String::new(),
            stats: None,
            loading: false,
            error: None,
            scroll: 0,
        }
    }
}

impl StatsView {
    /// What to compute, for the period as of `now`.
    pub fn query(&self, now: DateTime<Utc>) -> StatsQuery {
        StatsQuery {
            period: self.preset.resolve(crate::domain::stats::today(now)),
            status: self.view.status(),
            text: Some(self.filter.clone()).filter(|t| !t.trim().is_empty()),
            include_recipients: false,
            top: STATS_TOP,
        }
    }
}

/// Rows kept of each ranking in the statistics view.
pub const STATS_TOP: usize = 10;

/// Generation counters: a result tagged with an older generation is dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generations {
    pub queue: u64,
    pub detail: u64,
    pub photo: u64,
    pub audit: u64,
    pub chain: u64,
    pub stats: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChecksState {
    Idle,
    Running { done: usize, total: usize },
    Finished(CheckSummary),
}

pub struct State {
    pub officer: String,
    pub os_user: String,
    /// How the database is named on the status line.
    pub db_label: String,
    pub now: DateTime<Utc>,
    pub keymap: KeyMap,
    pub view: View,
    pub sort: SortOrder,
    pub filter: String,
    pub screen: Screen,
    pub popup: Option<Popup>,
    pub queue: Queue,
    pub counts: StatusCounts,
    /// Marked requests and the status each had when marked.
    pub marks: BTreeMap<i64, Target>,
    /// Selected evidence pane (tabs on narrow terminals).
    pub pane: usize,
    /// Rows the selected pane's text is scrolled by.
    pub pane_scroll: u16,
    /// Rows the queue shows at once (for PgUp / PgDn); set from the terminal's size.
    pub page_rows: usize,
    pub detail: Option<Detail>,
    pub detail_scroll: u16,
    pub photo: Option<PhotoView>,
    pub audit: AuditView,
    pub stats: StatsView,
    pub message: Option<Message>,
    pub checks: ChecksState,
    pub generations: Generations,
    /// Requests this officer just reported, which `x` exports.
    pub last_reported: Vec<i64>,
    pub quit: bool,
}

impl State {
    pub fn new(officer: &str, os_user: &str, db_label: &str, now: DateTime<Utc>, keymap: KeyMap) -> State {
        State {
            officer: officer.to_owned(),
            os_user: os_user.to_owned(),
            db_label: db_label.to_owned(),
            now,
            keymap,
            view: View::Pending,
            sort: SortOrder::Risk,
            filter: String::new(),
            screen: Screen::Queue,
            popup: None,
            queue: Queue::default(),
            counts: StatusCounts::default(),
            marks: BTreeMap::new(),
            pane: 0,
            pane_scroll: 0,
            page_rows: 10,
            detail: None,
            detail_scroll: 0,
            photo: None,
            audit: AuditView::default(),
            stats: StatsView::default(),
            message: None,
            checks: ChecksState::Idle,
            generations: Generations::default(),
            last_reported: Vec::new(),
            quit: false,
        }
    }

    /// Whether keys go to a text prompt instead of the keymap.
    pub fn wants_text(&self) -> bool {
        matches!(self.popup, Some(Popup::Prompt(_)))
    }

    pub fn selected(&self) -> Option<&RequestRow> {
        self.queue.selected()
    }

    pub fn query(&self, offset: usize) -> QueueQuery {
        QueueQuery {
            status: self.view.status(),
            sort: self.sort,
            text: Some(self.filter.clone()).filter(|t| !t.trim().is_empty()),
            offset,
            limit: Some(PAGE),
            with_evidence: true,
        }
    }
}

/// Work for the background threads. None of it runs on the UI thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadQueue {
        generation: u64,
        query: QueueQuery,
    },
    LoadDetail {
        generation: u64,
        id: i64,
    },
    LoadPhoto {
        generation: u64,
        id: i64,
    },
    Decide {
        action: Decision,
        note: String,
        targets: Vec<(Target, DecisionGuard)>,
    },
    Undo,
    /// Write STIX, MISP and Markdown bundles of reported requests beside the database.
    Export {
        ids: Vec<i64>,
    },
    AddNote {
        id: i64,
        note: String,
    },
    LoadAudit {
        generation: u64,
        filter: AuditFilter,
    },
    VerifyChain {
        generation: u64,
    },
    /// Compute the statistics (`now` dates the period and ages the backlog).
    LoadStats {
        generation: u64,
        query: StatsQuery,
        now: DateTime<Utc>,
    },
    RefreshStale,
    Quit,
}
