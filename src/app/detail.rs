//! The detail view of one collection: what DescribeCollection says, its tags and users, and
//! its faces, loaded a page at a time as the operator scrolls towards the end.

use std::collections::BTreeSet;

use super::layout::split;
use super::msg::{Command, Msg};
use super::{State, step};
use crate::api::{CollectionDetail, Face, Tags, UserPage};

pub mod faces;
pub mod results;

/// Lines of the detail view that are not face rows: borders, four lines of facts, the faces
/// title and the column header.
pub const FIXED_LINES: u16 = 8;

/// Face rows the detail view shows at this terminal height.
pub fn face_rows(height: u16) -> usize {
    usize::from(split(height).table.saturating_sub(FIXED_LINES)).max(1)
}

/// Something the view asked for: still coming, here, or failed (with a short reason).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Load<T> {
    Loading,
    Loaded(T),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    /// The collection, captured when the view opened.
    pub id: String,
    pub info: Load<CollectionDetail>,
    pub tags: Load<Tags>,
    pub users: Load<UserPage>,
    /// Faces loaded so far, in ListFaces order.
    pub faces: Vec<Face>,
    /// The token of the next page, when there is one.
    pub next: Option<String>,
    /// The token of the ListFaces in flight (`Some(None)` for the first page).
    pub pending: Option<Option<String>>,
    pub faces_error: Option<String>,
    /// Index into `faces`.
    pub selected: usize,
    /// First face on screen.
    pub offset: usize,
    /// Face ids marked with Space.
    pub marked: BTreeSet<String>,
    /// DeleteFaces batches in flight.
    pub deleting: usize,
}

impl DetailView {
    fn new(id: String) -> DetailView {
        DetailView {
            id,
            info: Load::Loading,
            tags: Load::Loading,
            users: Load::Loading,
            faces: Vec::new(),
            next: None,
            pending: Some(None),
            faces_error: None,
            selected: 0,
            offset: 0,
            marked: BTreeSet::new(),
            deleting: 0,
        }
    }

    /// Every face is loaded: the first page came and no token is left.
    pub fn complete(&self) -> bool {
        self.pending.is_none() && self.next.is_none() && self.faces_error.is_none()
    }

    /// The face count DescribeCollection gave, once known.
    pub fn total(&self) -> Option<u64> {
        match &self.info {
            Load::Loaded(d) => d.face_count,
            _ => None,
        }
    }

    pub fn selected_face(&self) -> Option<&Face> {
        self.faces.get(self.selected)
    }

    fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(self.faces.len().saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.faces.len().saturating_sub(rows));
    }

    /// The next ListFaces when the selection is within a screen of the loaded end.
    fn more(&mut self, rows: usize) -> Option<Command> {
        if self.pending.is_some() || self.selected + rows * 2 < self.faces.len() {
            return None;
        }
        let token = self.next.clone()?;
        self.pending = Some(Some(token.clone()));
        Some(Command::ListFaces {
            id: self.id.clone(),
            token: Some(token),
        })
    }
}

/// Enter on a row: the view opens at once and its calls go out together.
pub(super) fn open(state: &mut State) -> Vec<Command> {
    let Some(id) = state.table.selected_id().map(str::to_owned) else {
        return Vec::new();
    };
    reload(state, id)
}

/// (Re)starts the view of `id` from nothing: `r` in the view does the same.
pub(super) fn reload(state: &mut State, id: String) -> Vec<Command> {
    state.detail = Some(DetailView::new(id.clone()));
    vec![
        Command::DescribeDetail { id: id.clone() },
        Command::ListUsers { id: id.clone() },
        Command::ListFaces { id, token: None },
    ]
}

pub(super) fn navigate(state: &mut State, msg: &Msg) -> Vec<Command> {
    let rows = face_rows(state.height);
    let Some(view) = &mut state.detail else {
        return Vec::new();
    };
    let page = isize::try_from(rows).unwrap_or(isize::MAX);
    let delta = step(msg, 1, page);
    let last = view.faces.len().saturating_sub(1);
    view.selected = view.selected.saturating_add_signed(delta).min(last);
    view.scroll_into_view(rows);
    view.more(rows).into_iter().collect()
}

/// Space: marks or unmarks the selected face and moves to the next one.
pub(super) fn mark(state: &mut State) -> Vec<Command> {
    let Some(view) = &mut state.detail else {
        return Vec::new();
    };
    let Some(face) = view.selected_face() else {
        return Vec::new();
    };
    let id = face.face_id.clone();
    if !view.marked.remove(&id) {
        view.marked.insert(id);
    }
    navigate(state, &Msg::Down)
}
