//! `s` in the users pane: the users like the selected one (SearchUsers), most similar first,
//! in place of the users list until Esc; `+` and `-` search again at a threshold 5 higher
//! or lower. The searched user is not among them, as the service leaves it out.

use super::cursor::Cursor;
use super::out::{Note, Out};
use super::search::Phase;
use super::view::{DetailView, LOST};
use crate::app::log::{Call, Level, describe_error};
use crate::app::msg::{DetailCall, Timestamp};
use crate::aws::api::{Outcome, UserMatch};
use crate::erase::search::{LIKE_THRESHOLD, step};
use crate::ids::{CollectionId, UserId};
use crate::text::count;

/// A search for the users like one, and what it found.
#[derive(Debug, Clone, PartialEq)]
pub struct UsersLike {
    pub serial: u64,
    pub user: UserId,
    /// The least similarity (0 to 100) of a user found.
    pub threshold: u8,
    pub phase: Phase,
    pub matches: Vec<UserMatch>,
    pub cursor: Cursor,
}

impl UsersLike {
    pub fn running(&self) -> bool {
        self.phase == Phase::Running
    }

    /// `2 users at similarity 90 or more`, once done.
    pub fn summary(&self) -> String {
        let n = count(self.matches.len() as u64, "user", "users");
        format!("{n} at similarity {} or more", self.threshold)
    }
}

impl DetailView {
    /// `s` on a user: the users like it, at the threshold of the search shown (90 at
    /// first). `Err` says why there is nothing to search with.
    pub fn users_like(&mut self, serial: u64) -> Result<Vec<DetailCall>, String> {
        let user = self
            .users
            .selected()
            .ok_or("no user is selected to search with")?
            .user_id
            .clone();
        let threshold = self
            .users
            .like
            .as_ref()
            .map_or(LIKE_THRESHOLD, |l| l.threshold);
        Ok(vec![self.start_users_like(serial, user, threshold)])
    }

    /// `+` / `-` while users found by likeness are shown: the same search, its threshold
    /// up or down by 5 (within 0 to 100); the answer of one still running finds no owner.
    pub fn users_restep(&mut self, up: bool, serial: u64) -> Vec<DetailCall> {
        let Some(like) = self.users.like.as_ref() else {
            return Vec::new();
        };
        let Some(threshold) = step(like.threshold, up) else {
            return Vec::new();
        };
        let user = like.user.clone();
        vec![self.start_users_like(serial, user, threshold)]
    }

    fn start_users_like(&mut self, serial: u64, user: UserId, threshold: u8) -> DetailCall {
        self.users.like = Some(UsersLike {
            serial,
            user: user.clone(),
            threshold,
            phase: Phase::Running,
            matches: Vec::new(),
            cursor: Cursor::default(),
        });
        DetailCall::SearchUsers {
            id: self.id.clone(),
            serial,
            user,
            threshold,
        }
    }

    /// Esc while users found by likeness are shown: back to every user. Nothing to stop:
    /// the one call's answer finds no owner.
    pub fn close_users_like(&mut self) -> bool {
        self.users.like.take().is_some()
    }

    /// The search numbered `serial`, while it runs.
    fn users_running(&mut self, serial: u64) -> Option<&mut UsersLike> {
        (self.users.like.as_mut()).filter(|l| l.serial == serial && l.running())
    }

    /// Its call died: the view stops waiting for it.
    pub(super) fn users_like_lost(&mut self, serial: u64) {
        if let Some(like) = self.users_running(serial) {
            like.phase = Phase::Failed(LOST.to_owned());
        }
    }
}

/// SearchUsers answered: its matches replace the users list, if the view still wants them.
pub fn found(
    view: Option<&mut DetailView>,
    id: &CollectionId,
    serial: u64,
    outcome: Outcome<Vec<UserMatch>>,
    rows: usize,
    now: Timestamp,
) -> Out {
    let Some(like) = (view.filter(|v| v.id == *id)).and_then(|v| v.users_running(serial)) else {
        return Out::default();
    };
    let mut out = Out::default();
    match outcome.result {
        Ok(mut matches) => {
            matches.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
            like.matches = matches;
            like.phase = Phase::Done;
            like.cursor.fit(like.matches.len(), rows);
            let call = Call {
                op: "SearchUsers",
                target: Some(id),
                request_id: outcome.request_id.as_deref(),
                elapsed: outcome.elapsed,
            };
            let text = format!("users like {}: {}", like.user, like.summary());
            out.entry(call.entry(now, Level::Info, &text, None));
        }
        Err(ref err) => {
            like.phase = Phase::Failed(describe_error(err));
            out.note(Note::failed("SearchUsers", id, &outcome, err.clone()));
        }
    }
    out
}
