//! The users pane of the detail view: ListUsers a page at a time as the operator scrolls,
//! and Enter to see a user's faces.

use super::{Cursor, Pane, face_rows};
use crate::app::State;
use crate::app::log::Call;
use crate::app::msg::{Command, DetailCall, Timestamp};
use crate::aws::api::{Outcome, User, UserPage};

/// The users loaded so far, in ListUsers order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserList {
    pub users: Vec<User>,
    /// The token of the next page, when there is one.
    pub next: Option<String>,
    /// The token of the ListUsers in flight (`Some(None)` for the first page).
    pub pending: Option<Option<String>>,
    pub error: Option<String>,
    pub cursor: Cursor,
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

    pub fn selected(&self) -> Option<&User> {
        self.users.get(self.cursor.selected)
    }

    /// Moves the selection; the next page is asked for near the loaded end.
    pub(super) fn move_by(&mut self, id: &str, delta: isize, rows: usize) -> Vec<Command> {
        self.cursor.move_by(delta, self.users.len(), rows);
        self.more(id, rows).into_iter().collect()
    }

    fn more(&mut self, id: &str, rows: usize) -> Option<Command> {
        if self.pending.is_some() || !self.cursor.near_end(self.users.len(), rows) {
            return None;
        }
        let token = self.next.clone()?;
        self.pending = Some(Some(token.clone()));
        Some(Command::Detail(DetailCall::ListUsers {
            id: id.to_owned(),
            token: Some(token),
        }))
    }

    /// A user just created. It goes at the end of what is loaded when that is the whole
    /// list; otherwise a later page lists it where the service sorts it.
    pub(crate) fn created(&mut self, user_id: &str) {
        let listed = self.users.iter().any(|u| u.user_id == user_id);
        if self.complete() && !listed {
            self.users.push(User {
                user_id: user_id.to_owned(),
                status: Some("CREATED".into()),
            });
        }
    }

    pub(crate) fn remove(&mut self, user_id: &str, rows: usize) {
        self.users.retain(|u| u.user_id != user_id);
        self.cursor.fit(self.users.len(), rows);
    }
}

/// A page of ListUsers: kept if the view still waits for it.
pub(crate) fn loaded(
    state: &mut State,
    id: String,
    token: Option<String>,
    outcome: Outcome<UserPage>,
    now: Timestamp,
) -> Vec<Command> {
    let rows = face_rows(state.height);
    let waiting = state
        .detail()
        .is_some_and(|d| d.id == id && d.users.pending.as_ref() == Some(&token));
    if !waiting {
        return Vec::new();
    }
    let result = match outcome.result {
        Ok(page) => Ok(page),
        Err(err) => {
            let call = Call {
                op: "ListUsers",
                target: Some(&id),
                request_id: outcome.request_id.as_deref(),
                elapsed: outcome.elapsed,
            };
            state.log_error(call, &err, now);
            Err(crate::app::log::describe_error(&err))
        }
    };
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let list = &mut view.users;
    list.pending = None;
    match result {
        Ok(page) => {
            list.error = None;
            list.users.extend(page.users);
            list.next = page.next_token;
            list.cursor.fit(list.users.len(), rows);
            list.more(&id, rows).into_iter().collect()
        }
        Err(why) => {
            list.next = token;
            list.error = Some(why);
            Vec::new()
        }
    }
}

/// The ListUsers task died: the list stops waiting and says so.
pub(crate) fn lost(list: &mut UserList, token: &Option<String>) {
    if list.pending.as_ref() == Some(token) {
        list.pending = None;
        list.next = token.clone();
        list.error = Some("the call did not complete".into());
    }
}

/// Enter in the users list: the selected user's faces, as the search `user:ID` finds them.
pub(crate) fn faces_of(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(view) = state.detail_mut() else {
        return Vec::new();
    };
    let Some(user) = view.users.selected().map(|u| u.user_id.clone()) else {
        return Vec::new();
    };
    view.pane = Pane::Faces;
    super::search::start(state, &format!("user:{user}"), now)
}
