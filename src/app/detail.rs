//! The detail view of one collection: what DescribeCollection says, its tags, and a lower
//! pane with either its faces (loaded a page at a time as the operator scrolls, or the
//! results of a search) or its users (paged the same way).

use crate::app::msg::{Command, DetailCall, Move};
use std::collections::BTreeSet;

use super::layout::split;
use super::{State, step};
use crate::aws::api::{CollectionDetail, Face, Tags};

mod answers;
pub mod erase;
pub mod faces;
pub mod members;
pub mod search;
pub mod user_edit;
pub mod users;

pub(super) use self::answers::{answer, lost, lost_change};
use self::search::Searched;
use self::users::UserList;

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

/// What the lower pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Faces,
    Users,
}

/// Where a list is: its selected row and the first row on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection among `rows` on screen.
    pub fn move_by(&mut self, delta: isize, len: usize, rows: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.fit(len, rows);
    }

    /// The selection on screen after the list changed under it.
    pub fn fit(&mut self, len: usize, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }

    /// Within two screens of the end of what is loaded: time for the next page.
    pub fn near_end(&self, len: usize, rows: usize) -> bool {
        self.selected + rows * 2 >= len
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DetailView {
    /// The collection, captured when the view opened.
    pub id: String,
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
    fn new(id: String) -> DetailView {
        DetailView {
            id,
            info: Load::Loading,
            tags: Load::Loading,
            users: UserList::default(),
            pane: Pane::Faces,
            faces: Vec::new(),
            next: None,
            pending: Some(None),
            faces_error: None,
            cursor: Cursor::default(),
            search: None,
            marked: BTreeSet::new(),
            deleting: 0,
            changing: 0,
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

    /// The collection's ARN, once described.
    pub fn arn(&self) -> Option<&str> {
        match &self.info {
            Load::Loaded(d) => d.arn.as_deref(),
            _ => None,
        }
    }

    /// The faces the faces pane lists: a search's results, or every face loaded.
    pub fn shown(&self) -> &[Face] {
        match &self.search {
            Some(search) => &search.faces,
            None => &self.faces,
        }
    }

    /// The cursor of the faces the pane lists.
    pub fn shown_cursor(&self) -> Cursor {
        match &self.search {
            Some(search) => search.cursor,
            None => self.cursor,
        }
    }

    pub fn selected_face(&self) -> Option<&Face> {
        self.shown().get(self.shown_cursor().selected)
    }

    /// The marked faces, in the order the list shows them.
    pub fn marked_faces(&self) -> Vec<&Face> {
        self.shown()
            .iter()
            .filter(|f| self.marked.contains(&f.face_id))
            .collect()
    }

    /// Keeps the selection of the faces shown on screen.
    fn fit_faces(&mut self, rows: usize) {
        match &mut self.search {
            Some(search) => search.cursor.fit(search.faces.len(), rows),
            None => self.cursor.fit(self.faces.len(), rows),
        }
    }

    /// The next ListFaces when the selection of the full list is within two screens of
    /// the loaded end.
    fn more(&mut self, rows: usize) -> Option<Command> {
        if self.pending.is_some() || !self.cursor.near_end(self.faces.len(), rows) {
            return None;
        }
        let token = self.next.clone()?;
        self.pending = Some(Some(token.clone()));
        Some(Command::Detail(DetailCall::ListFaces {
            id: self.id.clone(),
            token: Some(token),
        }))
    }
}

/// Enter on a row: the view opens at once and its calls go out together.
pub(super) fn open(state: &mut State) -> Vec<Command> {
    let Some(id) = state.table.selected_id().map(str::to_owned) else {
        return Vec::new();
    };
    reload(state, id)
}

/// (Re)starts the view of `id` from nothing: `r` in the view does the same. A search the
/// old view ran is stopped.
pub(super) fn reload(state: &mut State, id: String) -> Vec<Command> {
    // `r` keeps the pane the operator was looking at.
    let pane = state
        .detail()
        .filter(|v| v.id == id)
        .map_or(Pane::Faces, |v| v.pane);
    let mut view = DetailView::new(id.clone());
    view.pane = pane;
    let old = state.screen.to_detail(view);
    let mut out: Vec<Command> = old
        .and_then(|v| v.search.and_then(|s| s.cancel()))
        .into_iter()
        .collect();
    out.extend([
        Command::Detail(DetailCall::DescribeDetail { id: id.clone() }),
        Command::Detail(DetailCall::ListUsers {
            id: id.clone(),
            token: None,
        }),
        Command::Detail(DetailCall::ListFaces { id, token: None }),
    ]);
    out
}

/// Leaves the view, stopping its search if one runs.
pub(super) fn close(state: &mut State) -> Option<Command> {
    let view = state.screen.to_table()?;
    view.search.and_then(|s| s.cancel())
}

pub(super) fn navigate(state: &mut State, mv: Move) -> Vec<Command> {
    let rows = face_rows(state.height);
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let page = isize::try_from(rows).unwrap_or(isize::MAX);
    let delta = step(mv, 1, page);
    match (view.pane, &mut view.search) {
        (Pane::Users, _) => view.users.move_by(&view.id, delta, rows),
        (Pane::Faces, Some(search)) => {
            search.cursor.move_by(delta, search.faces.len(), rows);
            Vec::new()
        }
        (Pane::Faces, None) => {
            view.cursor.move_by(delta, view.faces.len(), rows);
            view.more(rows).into_iter().collect()
        }
    }
}

/// Space: marks or unmarks the selected face and moves to the next one.
pub(super) fn mark(state: &mut State) -> Vec<Command> {
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let Some(face) = view.selected_face() else {
        return Vec::new();
    };
    let id = face.face_id.clone();
    if !view.marked.remove(&id) {
        view.marked.insert(id);
    }
    navigate(state, Move::Down)
}

/// `A`: marks every face the list shows (a search's results, or the faces loaded).
pub(super) fn mark_all(state: &mut State) -> Vec<Command> {
    if let Some(view) = state.detail_mut() {
        let ids: Vec<String> = view.shown().iter().map(|f| f.face_id.clone()).collect();
        view.marked.extend(ids);
    }
    Vec::new()
}

/// `u`: the lower pane switches between faces and users.
pub(super) fn toggle_pane(state: &mut State) -> Vec<Command> {
    if let Some(view) = state.detail_mut() {
        view.pane = match view.pane {
            Pane::Faces => Pane::Users,
            Pane::Users => Pane::Faces,
        };
    }
    Vec::new()
}
