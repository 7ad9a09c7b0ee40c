//! The collections table as the operator sees it: listing, describing the rows in view,
//! deleting (with its manifest) and creating, and copying an ID or ARN.

use crate::app::overlay::confirm::Why;
pub mod create;
pub mod delete;
pub mod export;
pub mod listing;
pub mod table;

pub use self::table::{Cached, Column, Detail, Listing, Sort, Table};

use super::State;
use super::log::{Entry, Level};
use super::msg::{Command, SessionCall, TableAnswer, TableCall, Timestamp};
use crate::ids::CollectionId;
use crate::text::sanitize;

/// DescribeCollection calls in flight at most; more are issued as results come back.
pub const MAX_DESCRIBES: usize = 8;

impl Table {
    /// Starts a new ListCollections pass; the rows stay until its first page lands.
    pub fn refresh(&mut self) -> Vec<Command> {
        let generation = self.listing.generation + 1;
        self.listing = Listing {
            generation,
            loading: true,
            ..Listing::default()
        };
        self.reselect = self.selected().map(|c| c.id.clone());
        self.gone.clear();
        vec![Command::Table(TableCall::ListPage {
            generation,
            token: None,
        })]
    }

    /// The listing generation the rows on screen belong to: until a refresh's first page
    /// lands, they are the previous listing's.
    fn shown_generation(&self) -> u64 {
        if self.listing.received {
            self.listing.generation
        } else {
            self.listing.generation.saturating_sub(1)
        }
    }

    /// Describes for the `rows` on screen, within the in-flight cap.
    pub fn describes(&mut self, rows: usize) -> Vec<Command> {
        let room = MAX_DESCRIBES.saturating_sub(self.describing.len());
        let generation = self.shown_generation();
        let ids = self.to_describe(generation, rows, room);
        ids.into_iter()
            .map(|id| {
                self.describing.insert(id.clone(), generation);
                Command::Table(TableCall::Describe { id })
            })
            .collect()
    }

    /// A ListCollections task of `generation` died.
    pub fn listing_failed(&mut self, generation: u64) {
        if generation == self.listing.generation && self.listing.loading {
            self.stop_listing();
            self.listing.error = Some("failed".into());
        }
    }

    /// The listing ends where it is: failed, or given up by the operator (pages still on
    /// their way are dropped).
    pub fn stop_listing(&mut self) {
        self.listing.loading = false;
        self.listing.retry = None;
        self.reselect = None;
    }

    /// A describe task died: the row says so and is described again when next in view.
    pub fn describe_lost(&mut self, id: &CollectionId) {
        if let Some(generation) = self.describing.remove(id) {
            self.store(id, Detail::Failed("failed".into()), generation);
        }
    }

    /// A DeleteCollection of `id` (or the check before it) is under way.
    pub fn delete_started(&mut self, id: &CollectionId) {
        self.deleting.insert(id.clone());
    }

    pub fn delete_finished(&mut self, id: &str) {
        self.deleting.remove(id);
    }
}

/// `y` / `Y`: the collection in the detail view, else the selected row.
pub(super) fn copy(state: &mut State, arn: bool, now: Timestamp) -> Vec<Command> {
    let id = match state.detail() {
        Some(view) => Some(view.id.clone()),
        None => state.table.selected().map(|c| c.id.clone()),
    };
    let Some(id) = id else {
        return Vec::new();
    };
    if !arn {
        return vec![Command::Session(SessionCall::Copy {
            what: format!("collection ID {id}"),
            text: id.into(),
        })];
    }
    match state.table.loaded(&id).and_then(|d| d.arn.clone()) {
        Some(arn) => vec![Command::Session(SessionCall::Copy {
            what: format!("ARN {arn}"),
            text: arn,
        })],
        None => {
            state.warn(
                now,
                format!(
                    "The ARN of {id} is not known yet (DescribeCollection has not answered); \
                     nothing copied"
                ),
            );
            Vec::new()
        }
    }
}

/// The clipboard write's result.
pub(super) fn copied(state: &mut State, what: &str, result: Result<(), String>, now: Timestamp) {
    let (level, text) = match result {
        Ok(()) => (
            Level::Info,
            format!("Copied {what} to the clipboard (OSC 52)"),
        ),
        Err(why) => (Level::Error, format!("Could not copy {what}: {why}")),
    };
    state.push_log(Entry {
        at: now,
        level,
        text: sanitize(&text),
        hint: None,
    });
}

/// A result for the collections table (a listing, a describe, a delete, a create, a
/// manifest export).
pub(super) fn answer(state: &mut State, answer: TableAnswer, now: Timestamp) -> Vec<Command> {
    match answer {
        TableAnswer::PageLoaded {
            generation,
            outcome,
        } => return listing::page(state, generation, outcome, now),
        TableAnswer::Described { id, outcome } => listing::described(state, id, outcome, now),
        TableAnswer::Verified { id, outcome } => return delete::verified(state, id, outcome, now),
        TableAnswer::Deleted { id, outcome } => delete::deleted(state, id, outcome, now),
        TableAnswer::CollectionCreated { id, outcome } => create::created(state, id, outcome, now),
        TableAnswer::ExportProgress { id, faces, total } => {
            export::progress(state, &id, faces, total, now);
        }
        TableAnswer::Exported { id, result } => return export::finished(state, &id, result, now),
        TableAnswer::ManifestDiscarded { id, path, result } => {
            export::discarded(state, &id, &path, result, now);
        }
    }
    Vec::new()
}

/// A call of the table's died: what waited on it stops waiting.
pub(super) fn lost(state: &mut State, call: TableCall, now: Timestamp) -> Vec<Command> {
    match call {
        TableCall::ListPage { generation, .. } | TableCall::RetryListPage { generation, .. } => {
            state.table.listing_failed(generation);
        }
        TableCall::Describe { id } => state.table.describe_lost(&id),
        TableCall::Verify { id } => {
            if let Some(confirm) = state.confirm_mut().filter(|c| c.id == id) {
                confirm.stop(Why::CheckFailed("the check did not complete".into()));
            }
        }
        TableCall::ExportManifest { target } => {
            let failed = Err("the export stopped".into());
            return export::finished(state, &target.id, failed, now);
        }
        // Nothing waits on a cancellation.
        TableCall::CancelExport { .. } => {}
        TableCall::DiscardManifest { id, path } => {
            let why = Err("its removal stopped; remove it by hand".into());
            export::discarded(state, &id, &path, why, now);
        }
    }
    Vec::new()
}
