//! The one typed-ID confirmation every destructive action goes through. It is bound to the
//! collection and the context captured when it opened, never to a row position, so
//! refreshes, filters and late results cannot retarget it; no single key confirms.

mod action;

use self::action::typing_for;
pub use self::action::{Action, Count, TYPE_ID_ABOVE_FACES};
use crate::app::collections::export::Export;
use crate::ids::CollectionId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    Cancel,
    Delete,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Editing,
    /// The DescribeCollection right before a DeleteCollection is running.
    Verifying,
    /// An erasure is running; it cannot be stopped, so no key closes the dialog.
    Running,
    /// The erasure ended; the dialog shows how, until it is closed.
    Finished,
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

/// Why the last Enter did not go through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    Mismatch,
    /// The check before the call found a different face count; nothing was sent.
    Changed {
        was: u64,
        now: Option<u64>,
    },
    /// The check before the call failed; nothing was sent.
    CheckFailed(String),
}

/// What Enter did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Submit {
    /// Nothing to do (or the typed ID did not match, which the dialog now says).
    Stay,
    /// The operator confirmed: the action may go ahead.
    Confirmed,
    /// Cancel was activated.
    Close,
}

/// Where the action would act, captured when the dialog opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub region: String,
    pub account: Option<String>,
    pub profile: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// The collection acted on.
    pub id: CollectionId,
    pub context: Place,
    pub action: Action,
    /// The ID must be typed; once required, it stays required.
    pub typing: bool,
    pub input: String,
    pub focus: Button,
    pub phase: Phase,
    pub notice: Option<Why>,
    /// The ticket being typed (Ctrl-T), until Enter keeps it or Esc drops it; the
    /// session's ticket is in the settings.
    pub ticket: Option<String>,
}

impl Confirm {
    pub fn new(id: CollectionId, context: Place, action: Action) -> Confirm {
        let typing = action.typing();
        Confirm {
            id,
            context,
            action,
            typing,
            input: String::new(),
            focus: Button::Cancel,
            phase: Phase::Editing,
            notice: None,
            ticket: None,
        }
    }

    /// What must be typed: the user's ID to delete a user, else the collection's.
    pub fn expected(&self) -> &str {
        match &self.action {
            Action::DeleteUser { user, .. } => user,
            _ => &self.id,
        }
    }

    pub fn matching(&self) -> Match {
        Match::of(&self.input, self.expected())
    }

    /// The pre-delete manifest, for a DeleteCollection that keeps one.
    pub fn export(&self) -> Option<&Export> {
        match &self.action {
            Action::DeleteCollection { export, .. } => export.as_deref(),
            _ => None,
        }
    }

    pub fn export_mut(&mut self) -> Option<&mut Export> {
        match &mut self.action {
            Action::DeleteCollection { export, .. } => export.as_deref_mut(),
            _ => None,
        }
    }

    /// Delete can be activated: nothing is running, what the action needs is known (a
    /// whole manifest, the faces to erase), and the ID is typed where it must be.
    pub fn delete_enabled(&self) -> bool {
        self.phase == Phase::Editing
            && self.action.ready()
            && (!self.typing || self.matching() == Match::Full)
    }

    /// New counts from a describe; an emptiness that is no longer certain requires typing.
    pub fn set_counts(&mut self, faces: Option<u64>, users: Option<u64>) {
        if let Action::DeleteCollection {
            faces: f, users: u, ..
        } = &mut self.action
        {
            (*f, *u) = (faces, users);
            self.typing |= typing_for(faces, users);
        }
    }

    /// The face count the dialog names.
    pub fn faces(&self) -> Option<u64> {
        self.action.faces()
    }

    pub fn type_char(&mut self, c: char) {
        if self.typing && self.phase == Phase::Editing {
            self.input.push(c);
            self.edited();
        }
    }

    pub fn backspace(&mut self) {
        if self.typing && self.phase == Phase::Editing {
            self.input.pop();
            self.edited();
        }
    }

    /// Typing the full id moves the focus to Delete; anything else puts it back on Cancel.
    fn edited(&mut self) {
        self.notice = None;
        self.focus = if self.matching() == Match::Full {
            Button::Delete
        } else {
            Button::Cancel
        };
    }

    pub fn toggle_focus(&mut self) {
        if self.phase == Phase::Editing {
            self.focus = match self.focus {
                Button::Cancel if self.delete_enabled() => Button::Delete,
                _ => Button::Cancel,
            };
        }
    }

    /// Enter. Only an enabled, focused Delete (after the full ID where it is needed)
    /// confirms; a manifest still being written holds Enter on Delete without closing.
    pub fn submit(&mut self) -> Submit {
        if self.phase != Phase::Editing {
            return Submit::Stay;
        }
        if self.typing && self.matching() != Match::Full {
            self.notice = Some(Why::Mismatch);
            return Submit::Stay;
        }
        match self.focus {
            Button::Delete if self.delete_enabled() => Submit::Confirmed,
            Button::Delete if !self.action.ready() => Submit::Stay,
            _ => Submit::Close,
        }
    }

    /// Back to editing after a check that stopped the delete.
    pub fn stop(&mut self, why: Why) {
        self.phase = Phase::Editing;
        self.notice = Some(why);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Place {
        Place {
            region: "eu-west-1".into(),
            account: None,
            profile: None,
        }
    }

    fn faces(n: usize) -> Confirm {
        let face_ids = (0..n).map(|i| format!("f{i}")).collect();
        Confirm::new(
            "b".parse().unwrap(),
            context(),
            Action::DeleteFaces { face_ids },
        )
    }

    #[test]
    fn match_states() {
        assert_eq!(Match::of("", "abc"), Match::Empty);
        assert_eq!(Match::of("ab", "abc"), Match::Partial);
        assert_eq!(Match::of("abd", "abc"), Match::Mismatch);
        assert_eq!(Match::of("abc", "abc"), Match::Full);
        assert_eq!(Match::of("abcd", "abc"), Match::Mismatch);
    }

    #[test]
    fn typing_is_needed_above_ten_faces_and_for_any_nonempty_collection() {
        assert!(!faces(10).typing);
        assert!(faces(11).typing);
        let empty = Action::DeleteCollection {
            faces: Some(0),
            users: Some(0),
            export: None,
        };
        let mut c = Confirm::new("b".parse().unwrap(), context(), empty);
        assert!(!c.typing);
        c.set_counts(None, Some(0));
        assert!(c.typing, "unknown counts need the ID");
        c.set_counts(Some(0), Some(0));
        assert!(c.typing, "once required, always required");
    }

    #[test]
    fn a_lone_enter_never_confirms() {
        let mut c = faces(3);
        assert_eq!(c.submit(), Submit::Close, "Cancel has the focus");
        let mut c = faces(30);
        c.toggle_focus();
        assert_eq!(
            c.focus,
            Button::Cancel,
            "Delete is disabled until the ID is typed"
        );
        assert_eq!(c.submit(), Submit::Stay);
        assert_eq!(c.notice, Some(Why::Mismatch));
        c.type_char('b');
        assert_eq!((c.focus, c.notice.clone()), (Button::Delete, None));
        assert_eq!(c.submit(), Submit::Confirmed);
    }
}
