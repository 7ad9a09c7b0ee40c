//! What can cover the screen, one at a time: help, the filter input, a typed-ID
//! confirmation, the create form, or a notice. The mode is a match on it.

pub mod confirm;
pub mod create;
pub mod help;

use self::confirm::{Action, Confirm, Submit};
use self::create::CreateForm;
use self::help::Help;
use super::msg::{Command, Msg, Timestamp};
use super::{State, collections, detail};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help(Help),
    /// The filter input has the keys (its text belongs to the table).
    Filter,
    Confirm(Confirm),
    Create(CreateForm),
    Notice(Notice),
}

/// An explanation with a Close button: why something the operator asked for is not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A mutation in read-only mode: `what` it would have done (`delete lobby-cam`), and
    /// the verb for "restart without read-only to ...".
    ReadOnly { what: String, verb: String },
    /// `d` on a protected collection: which rule protects it.
    Protected { id: String, rule: String },
}

/// Keys in a typed-ID confirmation. Only Enter on an enabled Delete (after typing the ID
/// where needed) goes further: to the check before a DeleteCollection, or to the
/// DeleteFaces calls.
pub(super) fn confirm_key(state: &mut State, msg: Msg, now: Timestamp) -> Vec<Command> {
    let Some(confirm) = state.confirm_mut() else {
        return Vec::new();
    };
    let submit = match msg {
        Msg::DialogCancel => Submit::Close,
        Msg::DialogInput(c) => {
            confirm.type_char(c);
            Submit::Stay
        }
        Msg::DialogBackspace => {
            confirm.backspace();
            Submit::Stay
        }
        Msg::DialogFocusNext | Msg::DialogFocusPrev => {
            confirm.toggle_focus();
            Submit::Stay
        }
        Msg::DialogSubmit => confirm.submit(),
        _ => Submit::Stay,
    };
    match submit {
        Submit::Stay => Vec::new(),
        Submit::Close => state.close_overlay(),
        Submit::Confirmed if matches!(confirm.action, Action::DeleteCollection { .. }) => {
            collections::delete::confirmed(confirm)
        }
        Submit::Confirmed => detail::faces::confirmed(state, now),
    }
}
