//! The users pane of the detail view: ListUsers a page at a time as the operator scrolls,
//! and the users CreateUser and DeleteUser add and take away.

use super::cursor::Cursor;
use super::out::{DialogNews, Note, Out};
use super::user_like::UsersLike;
use super::view::{DetailView, LOST, Load};
use crate::app::log::{Call, Level, describe_error};
use crate::app::msg::{Change, DetailCall, Mutation, Timestamp};
use crate::app::overlay::confirm::Count;
use crate::audit::Intent;
use crate::aws::api::{Outcome, User, UserPage};
use crate::ids::{CollectionId, UserId};

/// The users loaded so far, in ListUsers order, and the users like one (`s`), which the
/// pane shows instead while there.
#[derive(Debug, Clone, PartialEq)]
pub struct UserList {
    pub users: Vec<User>,
    /// The token of the next page, when there is one.
    pub next: Option<String>,
    /// The token of the ListUsers in flight (`Some(None)` for the first page).
    pub pending: Option<Option<String>>,
    pub error: Option<String>,
    pub cursor: Cursor,
    pub like: Option<UsersLike>,
}

impl Default for UserList {
    /// The first page is asked for when the view opens.
    fn default() -> Self {
        UserList {
            users: Vec::new(),
            next: None,
            pending: Some(None),
            error: None,
            cursor: Cursor::default(),
            like: None,
        }
    }
}

impl UserList {
    /// Every user is loaded.
    pub fn complete(&self) -> bool {
        self.pending.is_none() && self.next.is_none() && self.error.is_none()
    }

    /// The first page has come (or failed).
    pub fn started(&self) -> bool {
        self.pending != Some(None) || self.error.is_some()
    }

    /// The user selected in the list shown: the users like one, or every user loaded.
    pub fn selected(&self) -> Option<&User> {
        match &self.like {
            Some(like) => like.matches.get(like.cursor.selected).map(|m| &m.user),
            None => self.users.get(self.cursor.selected),
        }
    }

    /// Moves the selection; the next page is asked for near the loaded end.
    pub(super) fn move_by(
        &mut self,
        id: &CollectionId,
        delta: isize,
        rows: usize,
    ) -> Vec<DetailCall> {
        if let Some(like) = &mut self.like {
            like.cursor.move_by(delta, like.matches.len(), rows);
            return Vec::new();
        }
        self.cursor.move_by(delta, self.users.len(), rows);
        self.more(id, rows).into_iter().collect()
    }

    fn more(&mut self, id: &CollectionId, rows: usize) -> Option<DetailCall> {
        if self.pending.is_some() || !self.cursor.near_end(self.users.len(), rows) {
            return None;
        }
        let token = self.next.clone()?;
        self.pending = Some(Some(token.clone()));
        Some(DetailCall::ListUsers {
            id: id.clone(),
            token: Some(token),
        })
    }

    /// A user just created. It goes at the end of what is loaded when that is the whole
    /// list; otherwise a later page lists it where the service sorts it.
    fn created(&mut self, user_id: &UserId) {
        let listed = self.users.iter().any(|u| u.user_id == *user_id);
        if self.complete() && !listed {
            self.users.push(User {
                user_id: user_id.clone(),
                status: Some("CREATED".into()),
            });
        }
    }

    pub(super) fn remove(&mut self, user_id: &str, rows: usize) {
        self.users.retain(|u| u.user_id != user_id);
        self.cursor.fit(self.users.len(), rows);
        if let Some(like) = &mut self.like {
            like.matches.retain(|m| m.user.user_id != user_id);
            like.cursor.fit(like.matches.len(), rows);
        }
    }

    /// The ListUsers asked with `token` died: the list stops waiting and says so.
    pub(super) fn lost(&mut self, token: &Option<String>) {
        if self.pending.as_ref() == Some(token) {
            self.pending = None;
            self.next = token.clone();
            self.error = Some(LOST.into());
        }
    }
}

/// A page of ListUsers: kept if the view of `id` still waits for it (the one asked with
/// `token`).
pub fn loaded(
    view: Option<&mut DetailView>,
    id: &CollectionId,
    token: Option<String>,
    outcome: Outcome<UserPage>,
    rows: usize,
) -> Out {
    let waiting = |v: &&mut DetailView| v.id == *id && v.users.pending.as_ref() == Some(&token);
    let Some(view) = view.filter(waiting) else {
        return Out::default();
    };
    let list = &mut view.users;
    list.pending = None;
    match outcome.result {
        Ok(page) => {
            list.error = None;
            list.users.extend(page.users);
            list.next = page.next_token;
            list.cursor.fit(list.users.len(), rows);
            Out::calls(list.more(id, rows))
        }
        Err(ref err) => {
            list.next = token;
            list.error = Some(describe_error(err));
            let mut out = Out::default();
            out.note(Note::failed("ListUsers", id, &outcome, err.clone()));
            out
        }
    }
}

/// CreateUser of `user` in `id`, as the form sends it.
pub fn creation(id: CollectionId, user: UserId, intent: Intent) -> Mutation {
    Mutation::new(intent, Change::CreateUser { id, user })
}

/// DeleteUser of `user` in `id`, its intent counting the faces the dialog counted.
pub fn deletion(id: CollectionId, user: UserId, faces: &Count, mut intent: Intent) -> Mutation {
    if let Count::Known(n) = faces {
        intent.face_count = Some(*n);
    }
    Mutation::new(intent, Change::DeleteUser { id, user })
}

/// CreateUser answered: the user joins the list and the count, and the form waiting for it
/// closes; or the form says why not.
pub fn created(
    mut view: Option<&mut DetailView>,
    id: &CollectionId,
    user: &UserId,
    outcome: Outcome<()>,
    now: Timestamp,
) -> Out {
    let mut out = logged(view.as_deref_mut(), "CreateUser", id, user, &outcome, now);
    let result = match &outcome.result {
        Ok(()) => Ok(()),
        Err(err) => Err(describe_error(err)),
    };
    if result.is_ok()
        && let Some(view) = view.filter(|v| v.id == *id)
    {
        view.users.created(user);
        if let Load::Loaded(d) = &mut view.info {
            d.user_count = d.user_count.map(|n| n + 1);
        }
    }
    out.dialog = Some(DialogNews::UserCreated {
        id: id.clone(),
        user: user.clone(),
        result,
    });
    out
}

/// DeleteUser answered: the user leaves the list and the count, and its faces belong to no
/// one.
pub fn deleted(
    mut view: Option<&mut DetailView>,
    id: &str,
    user: &str,
    outcome: Outcome<()>,
    rows: usize,
    now: Timestamp,
) -> Out {
    let out = logged(view.as_deref_mut(), "DeleteUser", id, user, &outcome, now);
    if outcome.result.is_err() {
        return out;
    }
    let Some(view) = view.filter(|v| v.id == id) else {
        return out;
    };
    view.users.remove(user, rows);
    view.disown(user);
    if let Load::Loaded(d) = &mut view.info {
        d.user_count = d.user_count.map(|n| n.saturating_sub(1));
    }
    out
}

/// A CreateUser or DeleteUser answered: one call fewer in flight, and its log line.
fn logged(
    view: Option<&mut DetailView>,
    op: &'static str,
    id: &str,
    user: &str,
    outcome: &Outcome<()>,
    now: Timestamp,
) -> Out {
    if let Some(view) = view.filter(|v| v.id == id) {
        view.changing = view.changing.saturating_sub(1);
    }
    let mut out = Out::default();
    match &outcome.result {
        Ok(()) => {
            let call = Call {
                op,
                target: Some(id),
                request_id: outcome.request_id.as_deref(),
                elapsed: outcome.elapsed,
            };
            let done = if op == "CreateUser" {
                "created"
            } else {
                "deleted"
            };
            let text = format!("user {user} {done}");
            out.entry(call.entry(now, Level::Info, &text, None));
        }
        Err(err) => out.note(Note::failed(op, id, outcome, err.clone())),
    }
    out
}
