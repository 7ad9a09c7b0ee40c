//! The faces pane of the detail view: ListFaces a page at a time as the operator scrolls,
//! the faces it shows (a search's results or every face loaded) and those marked, and
//! DeleteFaces of the marked faces in batches of at most 4096 ids, each face the service
//! would not delete reported in the log.

use std::collections::BTreeSet;

use super::cursor::Cursor;
use super::out::{Note, Out, TableNews};
use super::view::{DetailView, Load};
use crate::app::log::{Call, Entry, Level, describe_error};
use crate::app::msg::{Change, DetailCall, Mutation, Timestamp};
use crate::audit::Intent;
use crate::aws::api::{DELETE_FACES_BATCH, Face, FaceDeletion, FacePage, Outcome};
use crate::ids::CollectionId;
use crate::text::{count, sanitize};

impl DetailView {
    /// Every face is loaded: the first page came and no token is left.
    pub fn complete(&self) -> bool {
        self.pending.is_none() && self.next.is_none() && self.faces_error.is_none()
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
    pub(super) fn more(&mut self, rows: usize) -> Option<DetailCall> {
        if self.pending.is_some() || !self.cursor.near_end(self.faces.len(), rows) {
            return None;
        }
        let token = self.next.clone()?;
        self.pending = Some(Some(token.clone()));
        Some(DetailCall::ListFaces {
            id: self.id.clone(),
            token: Some(token),
        })
    }

    /// Deleted faces leave the lists, the marks and the face count.
    pub(super) fn forget_faces(&mut self, deleted: &[String], rows: usize) {
        let n = u64::try_from(deleted.len()).unwrap_or(u64::MAX);
        let gone: BTreeSet<&str> = deleted.iter().map(String::as_str).collect();
        self.faces.retain(|f| !gone.contains(f.face_id.as_str()));
        if let Some(search) = &mut self.search {
            search.faces.retain(|f| !gone.contains(f.face_id.as_str()));
        }
        self.marked.retain(|f| !gone.contains(f.as_str()));
        if let Load::Loaded(detail) = &mut self.info {
            detail.face_count = detail.face_count.map(|c| c.saturating_sub(n));
        }
        self.fit_faces(rows);
    }

    /// Faces leave `user` (deleted, or its faces taken off it): they belong to no one.
    pub(super) fn disown(&mut self, user: &str) {
        let search = self.search.as_mut().map(|s| &mut s.faces);
        for face in self.faces.iter_mut().chain(search.into_iter().flatten()) {
            if face.user_id.as_deref() == Some(user) {
                face.user_id = None;
            }
        }
    }
}

/// The faces leave the view of `id` and the table's count of them.
pub(super) fn forget(
    out: &mut Out,
    view: Option<&mut DetailView>,
    id: &CollectionId,
    deleted: &[String],
    rows: usize,
) {
    let n = u64::try_from(deleted.len()).unwrap_or(u64::MAX);
    out.table
        .push(TableNews::FacesDeleted { id: id.clone(), n });
    if let Some(view) = view.filter(|v| v.id == *id) {
        view.forget_faces(deleted, rows);
    }
}

/// A page of ListFaces: kept if the view of `id` still waits for it (the one asked with
/// `token`); the next page follows when the selection is near its end.
pub fn loaded(
    view: Option<&mut DetailView>,
    id: &str,
    token: Option<String>,
    outcome: Outcome<FacePage>,
    rows: usize,
) -> Out {
    let Some(view) = view.filter(|v| v.id == id && v.pending.as_ref() == Some(&token)) else {
        return Out::default();
    };
    view.pending = None;
    match outcome.result {
        Ok(page) => {
            view.faces_error = None;
            view.faces.extend(page.faces);
            view.next = page.next_token;
            view.fit_faces(rows);
            Out::calls(view.more(rows))
        }
        Err(ref err) => {
            view.next = token;
            view.faces_error = Some(describe_error(err));
            let mut out = Out::default();
            out.note(Note::failed("ListFaces", id, &outcome, err.clone()));
            out
        }
    }
}

/// DeleteFaces of `face_ids` in `id`, a call per batch, each with `intent` counting its
/// faces.
pub fn deletions(id: &CollectionId, face_ids: &[String], intent: &Intent) -> Vec<Mutation> {
    face_ids
        .chunks(DELETE_FACES_BATCH)
        .map(|ids| {
            let mut intent = intent.clone();
            intent.face_count = Some(ids.len() as u64);
            Mutation::new(
                intent,
                Change::DeleteFaces {
                    id: id.clone(),
                    face_ids: ids.to_vec(),
                },
            )
        })
        .collect()
}

/// One DeleteFaces batch answered: a summary line, then a line per face the service kept,
/// with why; the faces deleted leave the view and the table's count.
pub fn deleted(
    mut view: Option<&mut DetailView>,
    id: &CollectionId,
    requested: &[String],
    outcome: Outcome<FaceDeletion>,
    rows: usize,
    now: Timestamp,
) -> Out {
    if let Some(view) = view.as_deref_mut().filter(|v| v.id == *id) {
        view.deleting = view.deleting.saturating_sub(1);
    }
    let mut out = Out::default();
    let result = match &outcome.result {
        Ok(result) => result,
        Err(err) => {
            out.note(Note::failed("DeleteFaces", id, &outcome, err.clone()));
            return out;
        }
    };
    let call = Call {
        op: "DeleteFaces",
        target: Some(id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    let level = if result.unsuccessful.is_empty() {
        Level::Info
    } else {
        Level::Warn
    };
    let mut text = format!(
        "{} of {} deleted",
        count(result.deleted.len() as u64, "face", "faces"),
        requested.len()
    );
    if !result.unsuccessful.is_empty() {
        text.push_str(&format!("; {} not deleted", result.unsuccessful.len()));
    }
    out.entry(call.entry(now, level, &text, None));
    for face in &result.unsuccessful {
        let text = crate::app::log::face_refused("DeleteFaces", id, "not deleted", face);
        out.entry(Entry {
            at: now,
            level: Level::Warn,
            text: sanitize(&text),
            hint: None,
        });
    }
    forget(&mut out, view, id, &result.deleted, rows);
    out
}
