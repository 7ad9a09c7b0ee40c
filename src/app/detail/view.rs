//! The detail view of one collection as a model: what DescribeCollection says, its tags,
//! and a lower pane with either its faces or its users; the keys that move and mark in it,
//! its describe, the calls it lost, and the changes it counts as in flight.

use std::collections::BTreeSet;

use super::cursor::Cursor;
use super::out::{DialogNews, Note, Out, TableNews};
use super::search::Searched;
use super::users::UserList;
use crate::app::layout::split;
use crate::app::log::describe_error;
use crate::app::msg::{Change, DetailCall, Move};
use crate::app::step;
use crate::aws::api::{CollectionDetail, Described, Face, Outcome, Tags};
use crate::ids::CollectionId;

/// Lines of the detail view that are neither facts nor face rows: borders, the faces title
/// and the column header.
pub const FRAME_LINES: u16 = 4;
/// Lines of facts at most: the ARN, the counts, the tags and the users.
pub const FACT_LINES: u16 = 4;
/// Face rows the facts leave where they can, giving up their lines (the users, the tags, the
/// ARN; never the counts) on a short terminal: at the smallest, 60x15, two rows are left.
const MIN_FACE_ROWS: u16 = 3;

/// Lines of facts shown in a detail view `height` rows high, its borders included.
pub fn fact_lines(height: u16) -> u16 {
    height
        .saturating_sub(FRAME_LINES + MIN_FACE_ROWS)
        .clamp(1, FACT_LINES)
}

/// Face rows the detail view shows at this terminal height.
pub fn face_rows(height: u16) -> usize {
    let view = split(height).table;
    usize::from(view.saturating_sub(FRAME_LINES + fact_lines(view))).max(1)
}

/// Something the view asked for: still coming, here, or failed (with a short reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load<T> {
    Loading,
    Loaded(T),
    Failed(String),
}

/// What the lower pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Faces,
    Users,
}

/// Why a call the view waited on left it waiting for nothing.
pub(super) const LOST: &str = "the call did not complete";

#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    /// The collection, captured when the view opened.
    pub id: CollectionId,
    pub info: Load<CollectionDetail>,
    pub tags: Load<Tags>,
    pub users: UserList,
    pub pane: Pane,
    /// Faces loaded so far, in ListFaces order.
    pub faces: Vec<Face>,
    /// The token of the next page, when there is one.
    pub next: Option<String>,
    /// The token of the ListFaces in flight (`Some(None)` for the first page).
    pub pending: Option<Option<String>>,
    pub faces_error: Option<String>,
    /// In `faces`.
    pub cursor: Cursor,
    /// A search and its results, which the faces pane shows instead of `faces`.
    pub search: Option<Searched>,
    /// Face ids marked with Space or `A`, among the faces shown (a new list clears them).
    pub marked: BTreeSet<String>,
    /// DeleteFaces batches in flight.
    pub deleting: usize,
    /// CreateUser, DeleteUser, AssociateFaces and DisassociateFaces calls in flight.
    pub changing: usize,
}

impl DetailView {
    /// The view of `id` from nothing, with the calls that fill it. It replaces `old`, whose
    /// search stops; `r` on the same collection keeps the pane the operator looked at.
    pub fn open(id: CollectionId, old: Option<&DetailView>) -> (DetailView, Vec<DetailCall>) {
        let pane = old.filter(|v| v.id == id).map_or(Pane::Faces, |v| v.pane);
        let mut calls: Vec<DetailCall> = old.and_then(DetailView::stop).into_iter().collect();
        calls.extend([
            DetailCall::DescribeDetail { id: id.clone() },
            DetailCall::ListUsers {
                id: id.clone(),
                token: None,
            },
            DetailCall::ListFaces {
                id: id.clone(),
                token: None,
            },
        ]);
        let view = DetailView {
            id,
            info: Load::Loading,
            tags: Load::Loading,
            users: UserList::default(),
            pane,
            faces: Vec::new(),
            next: None,
            pending: Some(None),
            faces_error: None,
            cursor: Cursor::default(),
            search: None,
            marked: BTreeSet::new(),
            deleting: 0,
            changing: 0,
        };
        (view, calls)
    }

    /// The call that stops the view's search, when the view goes while one runs.
    pub fn stop(&self) -> Option<DetailCall> {
        self.search.as_ref().and_then(Searched::cancel)
    }

    /// The face count DescribeCollection gave, once known.
    pub fn total(&self) -> Option<u64> {
        match &self.info {
            Load::Loaded(d) => d.face_count,
            Load::Loading | Load::Failed(_) => None,
        }
    }

    /// The collection's ARN, once described.
    pub fn arn(&self) -> Option<&str> {
        match &self.info {
            Load::Loaded(d) => d.arn.as_deref(),
            Load::Loading | Load::Failed(_) => None,
        }
    }

    /// Movement keys move the list of the pane shown; the next page is asked for near the
    /// loaded end of a full list.
    pub fn navigate(&mut self, mv: Move, rows: usize) -> Vec<DetailCall> {
        let page = isize::try_from(rows).unwrap_or(isize::MAX);
        let delta = step(mv, 1, page);
        match (self.pane, &mut self.search) {
            (Pane::Users, _) => self.users.move_by(&self.id, delta, rows),
            (Pane::Faces, Some(search)) => {
                search.cursor.move_by(delta, search.faces.len(), rows);
                Vec::new()
            }
            (Pane::Faces, None) => {
                self.cursor.move_by(delta, self.faces.len(), rows);
                self.more(rows).into_iter().collect()
            }
        }
    }

    /// Space: marks or unmarks the selected face and moves to the next one.
    pub fn mark(&mut self, rows: usize) -> Vec<DetailCall> {
        let Some(face) = self.selected_face() else {
            return Vec::new();
        };
        let id = face.face_id.clone();
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
        self.navigate(Move::Down, rows)
    }

    /// `A`: marks every face the list shows (a search's results, or the faces loaded).
    pub fn mark_all(&mut self) {
        let ids: Vec<String> = self.shown().iter().map(|f| f.face_id.clone()).collect();
        self.marked.extend(ids);
    }

    /// `u`: the lower pane switches between faces and users.
    pub fn toggle_pane(&mut self) {
        self.pane = match self.pane {
            Pane::Faces => Pane::Users,
            Pane::Users => Pane::Faces,
        };
    }

    /// Enter in the users list: the faces pane, and the search that finds the selected
    /// user's faces (`user:ID`).
    pub fn user_faces(&mut self) -> Option<String> {
        let user = self.users.selected()?.user_id.clone();
        self.pane = Pane::Faces;
        Some(format!("user:{user}"))
    }

    /// A change of this collection was sent: one more in flight.
    pub fn sent(&mut self, change: &Change) {
        if let Some(count) = self.in_flight(change) {
            *count += 1;
        }
    }

    /// The count of changes in flight that `change` is one of.
    fn in_flight(&mut self, change: &Change) -> Option<&mut usize> {
        match change {
            Change::DeleteFaces { .. } => Some(&mut self.deleting),
            Change::CreateUser { .. }
            | Change::DeleteUser { .. }
            | Change::AssociateFaces { .. }
            | Change::DisassociateFaces { .. } => Some(&mut self.changing),
            // An erasure shows in its dialog; the table's changes are the table's.
            Change::Erase { .. }
            | Change::DeleteCollection { .. }
            | Change::CreateCollection { .. } => None,
        }
    }

    /// A change of this collection answered (or died): one fewer in flight.
    pub(super) fn answered(&mut self, change: &Change) {
        if let Some(count) = self.in_flight(change) {
            *count = count.saturating_sub(1);
        }
    }
}

/// DescribeCollection and the tags of `id`: the table's row learns the describe, the view
/// (if it shows `id`) both; a failure of either is logged.
pub fn described(
    view: Option<&mut DetailView>,
    id: &CollectionId,
    outcome: Outcome<Described>,
) -> Out {
    let mut out = Out::default();
    let (info, tags) = match &outcome.result {
        Ok(Described { detail, tags }) => {
            out.table.push(TableNews::Described {
                id: id.clone(),
                detail: detail.clone(),
            });
            let tags = match tags {
                Ok(tags) => Load::Loaded(tags.clone()),
                Err(err) => {
                    out.note(Note::failed(
                        "ListTagsForResource",
                        id,
                        &outcome,
                        err.clone(),
                    ));
                    Load::Failed(describe_error(err))
                }
            };
            (Load::Loaded(detail.clone()), tags)
        }
        Err(err) => {
            out.note(Note::failed(
                "DescribeCollection",
                id,
                &outcome,
                err.clone(),
            ));
            let why = describe_error(err);
            (Load::Failed(why.clone()), Load::Failed(why))
        }
    };
    if let Some(view) = view.filter(|v| v.id == *id) {
        view.info = info;
        view.tags = tags;
    }
    out
}

/// A call of the view died: whatever of the view waited on it stops waiting, and a dialog
/// waiting on a search that died too.
pub fn lost(view: Option<&mut DetailView>, call: DetailCall) -> Out {
    let (DetailCall::DescribeDetail { id }
    | DetailCall::ListFaces { id, .. }
    | DetailCall::ListUsers { id, .. }
    | DetailCall::FindFaces { id, .. }
    | DetailCall::SearchUsers { id, .. }) = &call
    else {
        // Nothing waits on a cancellation.
        return Out::default();
    };
    let view = view.filter(|v| v.id == *id);
    match call {
        DetailCall::FindFaces { id, serial, .. } => {
            if let Some(view) = view {
                view.search_lost(serial);
            }
            return Out::dialog(DialogNews::SearchLost { id, serial });
        }
        DetailCall::ListFaces { token, .. } => {
            if let Some(view) = view
                && view.pending.as_ref() == Some(&token)
            {
                view.pending = None;
                view.next = token;
                view.faces_error = Some(LOST.to_owned());
            }
        }
        DetailCall::ListUsers { token, .. } => {
            if let Some(view) = view {
                view.users.lost(&token);
            }
        }
        DetailCall::DescribeDetail { .. } => {
            if let Some(view) = view
                && view.info == Load::Loading
            {
                view.info = Load::Failed(LOST.to_owned());
                view.tags = Load::Failed(LOST.to_owned());
            }
        }
        DetailCall::SearchUsers { serial, .. } => {
            if let Some(view) = view {
                view.users_like_lost(serial);
            }
        }
        DetailCall::CancelFind { .. } => {}
    }
    Out::default()
}

/// A change made from the view died: the view stops counting it as in flight, and a dialog
/// waiting for it stops waiting.
pub fn lost_change(view: Option<&mut DetailView>, change: Change) -> Out {
    if let Some(view) = view.filter(|v| v.id == *change.id()) {
        view.answered(&change);
    }
    match change {
        Change::Erase { erasure } => Out::dialog(DialogNews::EraseLost {
            id: erasure.target.id,
        }),
        Change::CreateUser { id, user } => Out::dialog(DialogNews::UserCreated {
            id,
            user,
            result: Err(LOST.to_owned()),
        }),
        Change::DeleteUser { .. }
        | Change::AssociateFaces { .. }
        | Change::DisassociateFaces { .. }
        | Change::DeleteFaces { .. }
        | Change::DeleteCollection { .. }
        | Change::CreateCollection { .. } => Out::default(),
    }
}
