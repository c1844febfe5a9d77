//! The terminal: a minimal full-screen queue (q quits) until the full workstation lands.

use crate::cli::Global;
use crate::commands::Failure;
use crate::sanitize::sanitize;
use crate::store::{QueueQuery, Store};
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState};
use std::path::Path;

pub fn run(db: &Path, _global: &Global) -> Result<(), Failure> {
    let store = Store::open(db)?;
    let rows = store.list_requests(&QueueQuery {
        status: Some(crate::domain::Status::Pending),
        limit: Some(500),
        ..Default::default()
    })?;
    let items: Vec<ListItem> = rows
        .iter()
        .map(|r| {
            ListItem::new(format!(
                "{} {:>3} {} → {}",
                r.level.map(|l| l.letter()).unwrap_or('-'),
                r.risk.unwrap_or(0),
                sanitize(&r.sender),
                sanitize(&r.recipient)
            ))
        })
        .collect();
    let mut terminal = ratatui::init();
    let mut state = ListState::default().with_selected(Some(0));
    let result = (|| -> std::io::Result<()> {
        loop {
            terminal.draw(|f| {
                let list = List::new(items.clone())
                    .block(Block::default().borders(Borders::ALL).title("linkvet — pending (q quits)"))
                    .highlight_symbol("> ");
                f.render_stateful_widget(list, f.area(), &mut state);
            })?;
            if let Event::Key(k) = event::read()? {
                if k.kind != KeyEventKind::Press {
                    continue;
                }
                match k.code {
                    KeyCode::Char('q') => return Ok(()),
                    KeyCode::Char('j') | KeyCode::Down => state.select_next(),
                    KeyCode::Char('k') | KeyCode::Up => state.select_previous(),
                    _ => {}
                }
            }
        }
    })();
    ratatui::restore();
    result.map_err(|e| Failure::problem(format!("terminal error: {e}")))
}
