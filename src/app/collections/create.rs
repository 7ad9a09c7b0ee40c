//! `c`: CreateCollection from the create form. The new row appears selected.

use crate::app::State;
use crate::app::log::{Call, Level};
use crate::app::msg::{Change, Command, DialogKey, Mutation, Timestamp};
use crate::app::overlay::Overlay;
use crate::app::overlay::create::CreateForm;
use crate::audit::Operation;
use crate::aws::api::{Created, Outcome};
use crate::ids::CollectionId;

/// `c` on the table.
pub(crate) fn open(state: &mut State, now: Timestamp) -> Vec<Command> {
    if !state.refuse_read_only("CreateCollection", "create a collection", "create one", now) {
        state.overlay = Some(Overlay::Create(CreateForm::default()));
    }
    Vec::new()
}

fn form(state: &mut State) -> Option<&mut CreateForm> {
    match &mut state.overlay {
        Some(Overlay::Create(form)) => Some(form),
        _ => None,
    }
}

/// Keys in the form. Enter sends only a form with nothing wrong in it.
pub(crate) fn key(state: &mut State, key: DialogKey) -> Vec<Command> {
    let read_only = state.session.read_only;
    // Built before the form is borrowed: the audit intent needs the whole state.
    let mut intent = state.intent(
        Operation::CreateCollection,
        "",
        None,
        &state.context_of(None),
    );
    let Some(form) = form(state) else {
        return Vec::new();
    };
    match key {
        DialogKey::Cancel => state.overlay = None,
        DialogKey::Input(c) => form.type_char(c),
        DialogKey::Backspace => form.backspace(),
        DialogKey::FocusNext | DialogKey::FocusPrev => form.next_field(),
        DialogKey::Submit => {
            if let Some((id, tags)) = form.ready().filter(|_| !read_only) {
                form.sending = true;
                form.error = None;
                intent.collection_id = id.to_string();
                let change = Change::CreateCollection { id, tags };
                return vec![Command::Change(Mutation::new(intent, change))];
            }
        }
    }
    Vec::new()
}

/// The form waiting for `id`'s CreateCollection.
fn waiting<'a>(state: &'a mut State, id: &str) -> Option<&'a mut CreateForm> {
    form(state).filter(|f| f.sending && f.id == id)
}

/// The CreateCollection task died: the form may be sent again.
pub(crate) fn lost(state: &mut State, id: &str) {
    if let Some(form) = waiting(state, id) {
        form.sending = false;
        form.error = Some("the call did not complete".into());
    }
}

pub(crate) fn created(
    state: &mut State,
    id: CollectionId,
    outcome: Outcome<Created>,
    now: Timestamp,
) {
    let call = Call {
        op: "CreateCollection",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    let created = match outcome.result {
        Ok(created) => created,
        Err(err) => {
            let why = crate::app::log::describe_error(&err);
            state.log_error(call, &err, now);
            if let Some(form) = waiting(state, &id) {
                form.sending = false;
                form.error = Some(why);
            }
            return;
        }
    };
    let mut text = format!("StatusCode {}", created.status);
    if let Some(arn) = &created.arn {
        text.push_str(&format!(" · {arn}"));
    }
    state.push_log(call.entry(now, Level::Info, &text, None));
    if waiting(state, &id).is_some() {
        state.overlay = None;
    }
    state.table.insert_created(&id, created.face_model_version);
}
