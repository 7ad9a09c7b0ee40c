//! The dialogs' plain data. A delete dialog is bound to the collection id captured when it
//! opened, never to a row position, so refreshes and filters cannot retarget it.

use super::export::Export;
use super::format::account_of;
use crate::api::CollectionDetail;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dialog {
    Delete(DeleteDialog),
    /// `d` in read-only mode: an explanation and a Close button.
    ReadOnly {
        id: String,
    },
    // Records and safety
    /// `d` on a protected collection: which rule protects it, and a Close button.
    Protected {
        id: String,
        rule: String,
    },
}

/// How the operator confirms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// The collection has faces or users, or its counts are unknown: type the id.
    TypeId,
    /// Known to be empty: Cancel / Delete buttons.
    Buttons,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Cancel,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Editing,
    /// The DescribeCollection right before the delete is running.
    Verifying,
}

/// How the typed text compares with the collection id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    Empty,
    /// A prefix of the id, not all of it.
    Partial,
    Mismatch,
    Full,
}

impl Match {
    /// How `typed` compares with `id`, for the dialogs that need an ID typed to confirm.
    pub fn of(typed: &str, id: &str) -> Match {
        if typed.is_empty() {
            Match::Empty
        } else if typed == id {
            Match::Full
        } else if id.starts_with(typed) {
            Match::Partial
        } else {
            Match::Mismatch
        }
    }
}

/// Why the last Enter did not delete.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Mismatch,
    /// The check before the call found a different face count; nothing was sent.
    Changed {
        was: u64,
        now: Option<u64>,
    },
    /// The check before the call failed; nothing was sent.
    CheckFailed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeleteDialog {
    pub id: String,
    pub faces: Option<u64>,
    pub users: Option<u64>,
    pub account: Option<String>,
    pub confirm: Confirm,
    pub input: String,
    pub focus: Button,
    pub phase: Phase,
    pub notice: Option<Notice>,
    /// The pre-delete manifest; `None` when manifests are off.
    pub export: Option<Box<Export>>,
}

impl DeleteDialog {
    /// `detail` is what the table knows; `account` a fallback found on other collections.
    pub fn new(id: String, detail: Option<&CollectionDetail>, account: Option<String>) -> Self {
        let faces = detail.and_then(|d| d.face_count);
        let users = detail.and_then(|d| d.user_count);
        let own = detail
            .and_then(|d| d.arn.as_deref())
            .and_then(account_of)
            .map(str::to_owned);
        DeleteDialog {
            id,
            faces,
            users,
            account: own.or(account),
            confirm: confirm_for(faces, users),
            input: String::new(),
            focus: Button::Cancel,
            phase: Phase::Editing,
            notice: None,
            export: None,
        }
    }

    pub fn matching(&self) -> Match {
        Match::of(&self.input, &self.id)
    }

    pub fn delete_enabled(&self) -> bool {
        self.phase == Phase::Editing
            && self.export.as_deref().is_none_or(Export::ready)
            && match self.confirm {
                Confirm::Buttons => true,
                Confirm::TypeId => self.matching() == Match::Full,
            }
    }

    /// Typing the full id moves the focus to Delete; anything else puts it back on Cancel.
    pub fn refocus(&mut self) {
        if self.confirm == Confirm::TypeId {
            self.focus = if self.matching() == Match::Full {
                Button::Delete
            } else {
                Button::Cancel
            };
        }
    }

    pub fn toggle_focus(&mut self) {
        self.focus = match self.focus {
            Button::Cancel if self.delete_enabled() => Button::Delete,
            _ => Button::Cancel,
        };
    }

    /// New counts from a describe; an emptiness that is no longer certain requires typing.
    pub fn set_counts(&mut self, faces: Option<u64>, users: Option<u64>) {
        self.faces = faces;
        self.users = users;
        if confirm_for(faces, users) == Confirm::TypeId {
            self.confirm = Confirm::TypeId;
        }
    }
}

/// Only a collection known to hold no face and no user skips typing the id.
fn confirm_for(faces: Option<u64>, users: Option<u64>) -> Confirm {
    if faces == Some(0) && users == Some(0) {
        Confirm::Buttons
    } else {
        Confirm::TypeId
    }
}
