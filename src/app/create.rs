//! `c`: CreateCollection, with the ID checked as it is typed against the service's rules and
//! optional tags `key=value,...`. The new row appears selected.

use super::State;
use super::log::{Call, Entry, Level};
use super::msg::{Command, Msg, Timestamp};
use crate::api::{Collection, Created, Outcome, Tags};
use crate::audit::Operation;

pub const MAX_ID: usize = 255;
pub const MAX_TAGS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Tags,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateDialog {
    pub id: String,
    pub tags: String,
    pub field: Field,
    /// CreateCollection is in flight.
    pub sending: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl CreateDialog {
    /// The input's problem, if any: what the service would reject, said before sending.
    pub fn problem(&self) -> Option<String> {
        id_problem(&self.id).or_else(|| parse_tags(&self.tags).err())
    }
}

/// The rule `id` breaks: length 1-255, characters `[a-zA-Z0-9_.\-]`.
pub fn id_problem(id: &str) -> Option<String> {
    let len = id.chars().count();
    if len == 0 {
        return Some("the ID is required (1 to 255 characters)".into());
    }
    if len > MAX_ID {
        return Some(format!("too long: {len} characters, at most {MAX_ID}"));
    }
    let bad = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))?;
    Some(format!(
        "{} is not allowed: only letters, digits, _ . and -",
        shown(bad)
    ))
}

fn shown(c: char) -> String {
    if c == ' ' {
        "a space".into()
    } else if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// `key=value,...` into tags, or the first rule broken (the service model's limits).
pub fn parse_tags(text: &str) -> Result<Tags, String> {
    let mut tags = Tags::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!("tag {part:?} needs the form key=value"));
        };
        let (key, value) = (key.trim(), value.trim());
        let key_len = key.chars().count();
        if key_len == 0 || key_len > 128 {
            return Err(format!("tag key {key:?} must be 1 to 128 characters"));
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(format!("tag key {key:?} may not start with aws:"));
        }
        if value.chars().count() > 256 {
            return Err(format!("the value of tag {key} is over 256 characters"));
        }
        if tags.iter().any(|(k, _)| k == key) {
            return Err(format!("tag key {key} appears twice"));
        }
        tags.push((key.to_owned(), value.to_owned()));
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("{} tags, at most {MAX_TAGS}", tags.len()));
    }
    Ok(tags)
}

/// `c` on the table. Read-only mode says no here already.
pub(super) fn open(state: &mut State, now: Timestamp) {
    if state.dialog.is_some() || state.help || state.filtering || state.create.is_some() {
        return;
    }
    if state.session.read_only {
        state.push_log(Entry {
            at: now,
            level: Level::Warn,
            text: "CreateCollection: refused, rekog is read-only (--read-only or \
                   REKOG_READ_ONLY=1)"
                .into(),
            hint: None,
        });
        return;
    }
    state.create = Some(CreateDialog {
        id: String::new(),
        tags: String::new(),
        field: Field::Id,
        sending: false,
        error: None,
    });
}

pub(super) fn on_key(state: &mut State, msg: Msg) -> Vec<Command> {
    let read_only = state.session.read_only;
    // Built before the dialog is borrowed: the audit intent needs the whole state.
    let mut intent = state.intent(Operation::CreateCollection, "", None);
    let Some(dialog) = &mut state.create else {
        return Vec::new();
    };
    if msg == Msg::DialogCancel {
        state.create = None;
        return Vec::new();
    }
    if dialog.sending {
        return Vec::new();
    }
    let text = match dialog.field {
        Field::Id => &mut dialog.id,
        Field::Tags => &mut dialog.tags,
    };
    match msg {
        Msg::DialogInput(c) => {
            text.push(c);
            dialog.error = None;
        }
        Msg::DialogBackspace => {
            text.pop();
            dialog.error = None;
        }
        Msg::DialogFocusNext | Msg::DialogFocusPrev => {
            dialog.field = match dialog.field {
                Field::Id => Field::Tags,
                Field::Tags => Field::Id,
            };
        }
        Msg::DialogSubmit if dialog.problem().is_none() && !read_only => {
            let tags = parse_tags(&dialog.tags).unwrap_or_default();
            dialog.sending = true;
            dialog.error = None;
            intent.collection_id = dialog.id.clone();
            return vec![Command::CreateCollection {
                id: dialog.id.clone(),
                tags,
                intent: Box::new(intent),
            }];
        }
        _ => {}
    }
    Vec::new()
}

pub(super) fn created(state: &mut State, id: String, outcome: Outcome<Created>, now: Timestamp) {
    let call = Call {
        op: "CreateCollection",
        target: Some(&id),
        request_id: outcome.request_id.as_deref(),
        elapsed: outcome.elapsed,
    };
    let created = match outcome.result {
        Ok(created) => created,
        Err(err) => {
            let why = super::log::describe_error(&err);
            state.log_error(call, &err, now);
            if let Some(dialog) = state.create.as_mut().filter(|d| d.id == id) {
                dialog.sending = false;
                dialog.error = Some(why);
            }
            return;
        }
    };
    let mut text = format!("StatusCode {}", created.status);
    if let Some(arn) = &created.arn {
        text.push_str(&format!(" · {arn}"));
    }
    state.push_log(call.entry(now, Level::Info, &text, None));
    if state.create.as_ref().is_some_and(|d| d.id == id) {
        state.create = None;
    }
    let table = &mut state.table;
    table.gone.remove(&id);
    if !table.rows.iter().any(|c| c.id == id) {
        table.rows.push(Collection {
            id: id.clone(),
            face_model_version: created.face_model_version,
        });
    }
    // The new row is shown even if the filter would hide it.
    if !id.to_lowercase().contains(&table.filter.to_lowercase()) {
        table.filter.clear();
    }
    table.reselect = None;
    table.rebuild(Some(id));
}
