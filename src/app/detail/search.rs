//! `/` in the faces pane: the search input, the search while it streams ListFaces pages
//! (cancellable), and its results in place of the faces list until Esc.
//!
//! Every search has a serial number from the state, so a result for another collection, an
//! older search or one already closed finds no owner and is dropped.

use super::{Cursor, face_rows};
use crate::app::State;
use crate::app::log::{Call, Level};
use crate::app::msg::{Command, DetailCall, DialogKey, Timestamp};
use crate::app::overlay::Overlay;
use crate::aws::api::{Face, Outcome};
use crate::erase::search::{Found, Progress, Search};
use crate::text::{count, thousands, time_left};

/// The search input: what is typed, and why the last Enter was not taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchInput {
    pub text: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Running,
    Done,
    Failed(String),
}

/// A search of the open collection and what it found so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Searched {
    pub serial: u64,
    pub search: Search,
    pub phase: Phase,
    pub progress: Progress,
    pub started: Timestamp,
    /// When the last progress came.
    pub updated: Timestamp,
    /// The matches, once the search is done.
    pub faces: Vec<Face>,
    pub cursor: Cursor,
}

impl Searched {
    pub fn running(&self) -> bool {
        self.phase == Phase::Running
    }

    /// The command that stops it, while it runs.
    pub fn cancel(&self) -> Option<Command> {
        self.running()
            .then_some(Command::Detail(DetailCall::CancelFind {
                serial: self.serial,
            }))
    }

    /// `about 12 s left`, for a scan of a collection whose face count is known.
    pub fn time_left(&self) -> Option<String> {
        let ms = self.updated.saturating_sub(self.started);
        let p = &self.progress;
        let rate = (ms > 0).then(|| p.scanned as f64 * 1000.0 / ms as f64)?;
        time_left(p.scanned, p.total?, rate)
    }

    /// `12 of 1,200 faces scanned match` once done.
    pub fn summary(&self) -> String {
        let p = &self.progress;
        format!(
            "{} of {} scanned",
            count(p.matched, "match", "matches"),
            count(p.scanned, "face", "faces")
        )
    }
}

/// `/`: the search input opens.
pub(crate) fn open(state: &mut State) -> Vec<Command> {
    state.overlay = Some(Overlay::Search(SearchInput::default()));
    Vec::new()
}

/// Keys in the search input. Enter starts a search only from text that parses.
pub(crate) fn key(state: &mut State, key: DialogKey, now: Timestamp) -> Vec<Command> {
    let Some(Overlay::Search(input)) = &mut state.overlay else {
        return Vec::new();
    };
    match key {
        DialogKey::Input(c) => {
            input.text.push(c);
            input.error = None;
        }
        DialogKey::Backspace => {
            input.text.pop();
            input.error = None;
        }
        DialogKey::Cancel => state.overlay = None,
        DialogKey::Submit => match Search::parse(&input.text) {
            Err(why) => input.error = Some(why),
            Ok(_) => {
                let text = std::mem::take(&mut input.text);
                state.overlay = None;
                return start(state, &text, now);
            }
        },
        // The input is one line.
        DialogKey::FocusNext | DialogKey::FocusPrev => {}
    }
    Vec::new()
}

/// Starts the search `text` in the open view: the one before it stops, the marks go (they
/// were on another list), and the results will replace the faces list.
pub(crate) fn start(state: &mut State, text: &str, now: Timestamp) -> Vec<Command> {
    let search = match Search::parse(text) {
        Ok(search) => search,
        Err(why) => {
            state.warn(now, format!("search {text:?}: {why}"));
            return Vec::new();
        }
    };
    state.serial += 1;
    let serial = state.serial;
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let mut out: Vec<Command> = view
        .search
        .take()
        .and_then(|s| s.cancel())
        .into_iter()
        .collect();
    view.marked.clear();
    let total = view.total();
    view.search = Some(Searched {
        serial,
        search: search.clone(),
        phase: Phase::Running,
        progress: Progress {
            total: total.filter(|_| search.scans_everything()),
            ..Progress::default()
        },
        started: now,
        updated: now,
        faces: Vec::new(),
        cursor: Cursor::default(),
    });
    out.push(Command::Detail(DetailCall::FindFaces {
        id: view.id.clone(),
        serial,
        search,
        total,
    }));
    out
}

/// Esc while a search runs or its results are shown: back to the full list.
pub(crate) fn close(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let Some(search) = view.search.take() else {
        return Vec::new();
    };
    view.marked.clear();
    let id = view.id.clone();
    let cancel = search.cancel();
    if cancel.is_some() {
        let p = &search.progress;
        state.push_log(crate::app::log::Entry {
            at: now,
            level: Level::Info,
            text: format!(
                "search of {id} for {} cancelled after {} ({} scanned)",
                search.search.describe(),
                count(p.pages, "page", "pages"),
                thousands(p.scanned)
            ),
            hint: None,
        });
    }
    cancel.into_iter().collect()
}

/// The view's running search with this serial, on this collection.
fn running<'a>(state: &'a mut State, id: &str, serial: u64) -> Option<&'a mut Searched> {
    let view = state.detail_mut().filter(|v| v.id == id)?;
    view.search
        .as_mut()
        .filter(|s| s.serial == serial && s.running())
}

pub(crate) fn progress(state: &mut State, id: &str, serial: u64, p: Progress, now: Timestamp) {
    if let Some(search) = running(state, id, serial) {
        search.progress = p;
        search.updated = now;
    } else {
        super::user_edit::counting(state, id, serial, p);
    }
}

/// A search finished: its results replace the faces list, if the view still wants them;
/// otherwise the dialog that asked (a user's face count, the faces of a user to erase)
/// may.
pub(crate) fn found(
    state: &mut State,
    id: String,
    serial: u64,
    outcome: Outcome<Found>,
    now: Timestamp,
) {
    let rows = face_rows(state.height);
    let Some(search) = running(state, &id, serial) else {
        if !super::user_edit::counted(state, &id, serial, &outcome)
            && !super::erase::found(state, &id, serial, &outcome)
        {
            tracing::debug!("search {serial} of {id}: nobody waits for it any more");
        }
        return;
    };
    let what = search.search.describe();
    let call = Call {
        op: "ListFaces",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    match outcome.result {
        Ok(found) => {
            search.progress = found.progress;
            search.faces = found.faces;
            search.phase = Phase::Done;
            search.cursor.fit(search.faces.len(), rows);
            let text = format!(
                "search for {what}: {} in {}",
                search.summary(),
                count(found.progress.pages, "page", "pages")
            );
            state.push_log(call.entry(now, Level::Info, &text, None));
        }
        Err(err) => {
            search.phase = Phase::Failed(crate::app::log::describe_error(&err));
            state.log_error(call, &err, now);
        }
    }
}

/// The search task died: the view stops waiting for it.
pub(crate) fn lost(state: &mut State, id: &str, serial: u64) {
    if let Some(search) = running(state, id, serial) {
        search.phase = Phase::Failed("the search did not complete".into());
    }
}
