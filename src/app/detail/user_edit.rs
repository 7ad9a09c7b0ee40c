//! The user dialogs of the detail view as functions of their data: the DeleteUser
//! confirmation counting the user's faces (with ListFaces' UserId filter; unknown until
//! counted), and the UserId form waiting for its CreateUser.

use crate::app::overlay::confirm::{Action, Confirm, Count};
use crate::app::overlay::user_form::UserForm;
use crate::aws::api::Face;

/// The DeleteUser dialog's count of `id`, while the search `serial` makes it.
fn count_of<'a>(confirm: &'a mut Confirm, id: &str, serial: u64) -> Option<&'a mut Count> {
    if confirm.id != id {
        return None;
    }
    match &mut confirm.action {
        Action::DeleteUser { faces, .. } => {
            let counting = matches!(faces, Count::Counting { serial: s, .. } if *s == serial);
            counting.then_some(faces)
        }
        Action::DeleteCollection { .. }
        | Action::DeleteFaces { .. }
        | Action::Disassociate { .. }
        | Action::Erase(_) => None,
    }
}

/// Progress of a count. Returns whether the dialog waited for this search.
pub fn counting(confirm: &mut Confirm, id: &str, serial: u64, matched: u64) -> bool {
    let Some(Count::Counting { so_far, .. }) = count_of(confirm, id, serial) else {
        return false;
    };
    *so_far = matched;
    true
}

/// A count finished: the faces found, or why not. Returns whether the dialog waited for
/// it.
pub fn counted(
    confirm: &mut Confirm,
    id: &str,
    serial: u64,
    result: &Result<Vec<Face>, String>,
) -> bool {
    let Some(count) = count_of(confirm, id, serial) else {
        return false;
    };
    *count = match result {
        Ok(faces) => Count::Known(faces.len() as u64),
        Err(why) => Count::Unknown(why.clone()),
    };
    true
}

/// CreateUser of `user` in `id` answered, or why not. The form that sent it says why, or
/// is to close (returns `true`); another form is left alone.
pub fn created(form: &mut UserForm, id: &str, user: &str, result: &Result<(), String>) -> bool {
    let waiting = form.sending && form.id == id && form.input == user;
    match result {
        Err(why) if waiting => {
            form.sending = false;
            form.error = Some(why.clone());
            false
        }
        Err(_) => false,
        Ok(()) => waiting,
    }
}
