//! What can cover the screen, one at a time: help, the filter input, the search input, a
//! typed-ID confirmation, the create form, the UserId form, or a notice. The mode is a
//! match on it.

pub mod confirm;
pub mod create;
pub mod help;
pub mod mfa;
pub mod picker;
pub mod user_form;

use self::confirm::{Action, Confirm, Phase, Submit};
use self::create::CreateForm;
use self::help::Help;
use self::picker::Picker;
use self::user_form::UserForm;
use super::detail::search::SearchInput;
use super::msg::{Command, DialogKey, Timestamp};
use super::{State, collections, detail, switch};
use crate::ids::CollectionId;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    Help(Help),
    /// The filter input has the keys (its text belongs to the table).
    Filter,
    /// The detail view's search input.
    Search(SearchInput),
    Confirm(Confirm),
    Create(CreateForm),
    UserForm(UserForm),
    Notice(Notice),
    /// The region or profile picker.
    Picker(Picker),
    /// The MFA code for a switch.
    Mfa(mfa::MfaPrompt),
}

/// An explanation with a Close button: why something the operator asked for is not done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A mutation in read-only mode: `what` it would have done (`delete lobby-cam`), and
    /// the verb for "restart without read-only to ...".
    ReadOnly { what: String, verb: String },
    /// A change to a protected collection: which rule protects it.
    Protected { id: CollectionId, rule: String },
    /// A switch to context `to` while `what` (a change) is in flight.
    Busy { what: String, to: String },
}

/// Keys in a typed-ID confirmation. Only Enter on an enabled Delete (after typing the ID
/// where needed) goes further: to the check before a DeleteCollection, or to the calls of
/// the action confirmed. A finished erasure's dialog only closes.
fn confirm_key(state: &mut State, key: DialogKey, now: Timestamp) -> Vec<Command> {
    let Some(confirm) = state.confirm_mut() else {
        return Vec::new();
    };
    match confirm.phase {
        // An erasure that started runs to its end: nothing closes its dialog meanwhile.
        Phase::Running => return Vec::new(),
        Phase::Finished if matches!(key, DialogKey::Submit | DialogKey::Cancel) => {
            return state.close_overlay();
        }
        Phase::Finished => return Vec::new(),
        Phase::Editing | Phase::Verifying => {}
    }
    if let Some(draft) = confirm.ticket.as_mut() {
        match key {
            DialogKey::Input(c) if crate::ids::ticket_char(c) => {
                if draft.chars().count() < crate::ids::TICKET_MAX {
                    draft.push(c);
                }
            }
            DialogKey::Backspace => {
                draft.pop();
            }
            DialogKey::Submit => {
                let kept = confirm.ticket.take().filter(|t| !t.is_empty());
                state.settings.ticket = kept;
            }
            DialogKey::Cancel => confirm.ticket = None,
            DialogKey::Input(_) | DialogKey::FocusNext | DialogKey::FocusPrev => {}
        }
        return Vec::new();
    }
    let submit = match key {
        DialogKey::Cancel => Submit::Close,
        DialogKey::Input(c) => {
            confirm.type_char(c);
            Submit::Stay
        }
        DialogKey::Backspace => {
            confirm.backspace();
            Submit::Stay
        }
        DialogKey::FocusNext | DialogKey::FocusPrev => {
            confirm.toggle_focus();
            Submit::Stay
        }
        DialogKey::Submit => confirm.submit(),
    };
    match submit {
        Submit::Stay => return Vec::new(),
        Submit::Close => return state.close_overlay(),
        Submit::Confirmed => {}
    }
    match confirm.action {
        Action::DeleteCollection { .. } => collections::delete::confirmed(confirm),
        Action::DeleteFaces { .. }
        | Action::DeleteUser { .. }
        | Action::Disassociate { .. }
        | Action::Erase(_) => detail::confirmed(state, now),
    }
}

/// Ctrl-T in a delete or erase dialog that is still open for editing: the ticket line takes
/// the typing, starting from the session's ticket.
pub(super) fn edit_ticket(state: &mut State) {
    let current = state.settings.ticket.clone().unwrap_or_default();
    if let Some(confirm) = state.confirm_mut()
        && confirm.phase == Phase::Editing
        && confirm.ticket.is_none()
    {
        confirm.ticket = Some(current);
    }
}

/// A key in a dialog goes to the overlay that is open.
pub(super) fn key(state: &mut State, key: DialogKey, now: Timestamp) -> Vec<Command> {
    match &state.overlay {
        Some(Overlay::Confirm(_)) => confirm_key(state, key, now),
        Some(Overlay::Create(_)) => collections::create::key(state, key),
        Some(Overlay::UserForm(_)) => detail::form_key(state, key),
        Some(Overlay::Search(_)) => detail::search_key(state, key, now),
        Some(Overlay::Notice(_)) => match key {
            DialogKey::Submit | DialogKey::Cancel => state.close_overlay(),
            // A notice has one button, and nothing to type.
            DialogKey::Input(_)
            | DialogKey::Backspace
            | DialogKey::FocusNext
            | DialogKey::FocusPrev => Vec::new(),
        },
        Some(Overlay::Picker(_)) => picker_key(state, key, now),
        Some(Overlay::Mfa(_)) => switch::mfa_key(state, key, now),
        Some(Overlay::Help(_) | Overlay::Filter) | None => Vec::new(),
    }
}

fn picker_key(state: &mut State, key: DialogKey, now: Timestamp) -> Vec<Command> {
    let Some(Overlay::Picker(picker)) = &mut state.overlay else {
        return Vec::new();
    };
    match key {
        DialogKey::Input(c) => picker.type_char(c),
        DialogKey::Backspace => picker.backspace(),
        DialogKey::Submit => return switch::picked(state, now),
        DialogKey::Cancel => state.overlay = None,
        // The picker moves with the arrows, which are movement keys.
        DialogKey::FocusNext | DialogKey::FocusPrev => {}
    }
    Vec::new()
}
