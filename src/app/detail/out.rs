//! What the detail model hands back for the rest of the app to apply: the calls to send, the
//! log lines to write, what the table's cache learns, and news for a dialog that may wait
//! on it. Plain values, so the model is tested without a `State`.

use std::time::Duration;

use crate::app::log::{self, Entry};
use crate::app::msg::DetailCall;
use crate::aws::api::{ApiError, CollectionDetail, Face, Outcome};
use crate::erase::Step;
use crate::ids::{CollectionId, UserId};

/// What should happen after the model took an answer or a key.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Out {
    /// Calls to send, in order.
    pub calls: Vec<DetailCall>,
    /// What the collections table's cache learns; applied before `notes`, whose hints
    /// name the ARN it may hold.
    pub table: Vec<TableNews>,
    /// Log lines, in order.
    pub notes: Vec<Note>,
    /// News for the dialog that may wait on it.
    pub dialog: Option<DialogNews>,
}

impl Out {
    pub fn calls(calls: impl IntoIterator<Item = DetailCall>) -> Out {
        Out {
            calls: calls.into_iter().collect(),
            ..Out::default()
        }
    }

    pub fn dialog(news: DialogNews) -> Out {
        Out {
            dialog: Some(news),
            ..Out::default()
        }
    }

    pub(super) fn note(&mut self, note: Note) {
        self.notes.push(note);
    }

    pub(super) fn entry(&mut self, entry: Entry) {
        self.notes.push(Note::Entry(entry));
    }
}

/// A line for the log pane.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// Written as it is.
    Entry(Entry),
    /// A call that failed, written with a hint that names the IAM resource and the
    /// endpoint, which only the state knows.
    Failed(Failed),
}

/// The facts of a failed call its log line names.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    pub op: &'static str,
    pub target: String,
    pub request_id: Option<String>,
    pub elapsed: Duration,
    pub err: ApiError,
}

impl Note {
    /// `op target` failed with `err`; the outcome gives the request id and the time taken.
    pub fn failed<T>(op: &'static str, target: &str, outcome: &Outcome<T>, err: ApiError) -> Note {
        Note::Failed(Failed {
            op,
            target: target.to_owned(),
            request_id: outcome.request_id.clone(),
            elapsed: outcome.elapsed,
            err,
        })
    }
}

impl Failed {
    /// As the log names the call.
    pub fn call(&self) -> log::Call<'_> {
        log::Call {
            op: self.op,
            target: Some(&self.target),
            request_id: self.request_id.as_deref(),
            elapsed: self.elapsed,
        }
    }
}

/// What the collections table's cache learns from the detail view.
#[derive(Debug, Clone, PartialEq)]
pub enum TableNews {
    /// DescribeCollection of `id` answered: its row shows this.
    Described {
        id: CollectionId,
        detail: CollectionDetail,
    },
    /// `n` faces of `id` were deleted: its row counts fewer.
    FacesDeleted { id: CollectionId, n: u64 },
}

/// News for a dialog the detail view opened, which the glue finds (if it is still open).
#[derive(Debug, Clone, PartialEq)]
pub enum DialogNews {
    /// The search numbered `serial` in `id`, not the view's, has matched this many faces
    /// so far: a DeleteUser dialog counting a user's faces, or an erasure finding them.
    Finding {
        id: CollectionId,
        serial: u64,
        matched: u64,
    },
    /// That search ended: the faces it found, or why not.
    Found {
        id: CollectionId,
        serial: u64,
        result: Result<Vec<Face>, String>,
    },
    /// That search's task died.
    SearchLost { id: CollectionId, serial: u64 },
    /// CreateUser of `user` in `id` answered, or why not: the form waiting for it closes,
    /// or says why.
    UserCreated {
        id: CollectionId,
        user: UserId,
        result: Result<(), String>,
    },
    /// A step of the erasure in `id`: its progress moves.
    EraseStep { id: CollectionId, step: Box<Step> },
    /// The erasure in `id` ended: how it reads (everything named is gone, or what is left
    /// and why), and the report's counts when there is one.
    Erased {
        id: CollectionId,
        ended: Result<String, String>,
        counts: Option<Counts>,
    },
    /// The erasure's task died: what it did is unknown.
    EraseLost { id: CollectionId },
}

/// The counts an erasure's report has the last word on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub faces_erased: u64,
    pub users_erased: u64,
    pub refused: u64,
}
