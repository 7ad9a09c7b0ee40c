//! `update` and `keymap` tests, with helpers that play the effects layer's part.

mod create;
mod delete;
mod delete_results;
mod describe;
mod erase;
mod erase_run;
mod export;
mod faces;
mod fleet;
mod keys;
mod listing;
mod manage;
mod members;
mod property;
mod protect;
mod retry;
mod search;
mod switch;
mod ticket;
mod users;

use crate::app::msg::{Change, Command, Msg, Mutation, TableAnswer, TableCall, Timestamp};
use std::time::Duration;

use super::{State, update};
use crate::aws::api::{ApiError, Collection, CollectionDetail, ErrorKind, Outcome, Page};
use crate::context::Session;

pub const NOW: Timestamp = 1_714_566_896_000;

pub fn session() -> Session {
    Session {
        profile: Some("ops".into()),
        region: "eu-west-1".into(),
        ..Session::default()
    }
}

pub fn ok<T>(value: T) -> Outcome<T> {
    Outcome {
        result: Ok(value),
        request_id: Some("req-1".into()),
        elapsed: Duration::from_millis(42),
    }
}

pub fn fail<T>(kind: ErrorKind, code: &str) -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind,
            code: Some(code.into()),
            message: format!("{code} happened"),
            status: Some(400),
        }),
        request_id: Some("req-err".into()),
        elapsed: Duration::from_millis(7),
    }
}

pub fn page(ids: &[&str], next: Option<&str>) -> Page {
    Page {
        collections: ids
            .iter()
            .map(|id| Collection {
                id: (*id).parse().unwrap(),
                face_model_version: Some("7.0".into()),
            })
            .collect(),
        next_token: next.map(Into::into),
    }
}

pub fn detail(faces: u64, users: u64) -> CollectionDetail {
    CollectionDetail {
        face_count: Some(faces),
        user_count: Some(users),
        face_model_version: Some("7.0".into()),
        arn: None,
        created: Some(1_700_000_000),
        created_nanos: 0,
    }
}

pub fn send(state: &mut State, msg: Msg) -> Vec<Command> {
    update(state, msg, NOW)
}

/// A state with one page of `ids` loaded (describes issued but not answered).
pub fn loaded_with(session: Session, ids: &[&str]) -> (State, Vec<Command>) {
    let mut state = State::new(session);
    let start = state.start();
    assert_eq!(
        start,
        [Command::Table(TableCall::ListPage {
            generation: 1,
            token: None
        })]
    );
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(ids, None)),
        }),
    );
    (state, cmds)
}

pub fn loaded(ids: &[&str]) -> State {
    loaded_with(session(), ids).0
}

/// Answers one describe per id with `detail`.
pub fn describe(state: &mut State, id: &str, d: CollectionDetail) -> Vec<Command> {
    send(
        state,
        Msg::Table(TableAnswer::Described {
            id: id.parse().unwrap(),
            outcome: ok(d),
        }),
    )
}

pub fn select(state: &mut State, id: &str) {
    send(state, Msg::Top);
    while state.table.selected_id() != Some(id) {
        let before = state.table.selected;
        send(state, Msg::Down);
        assert_ne!(before, state.table.selected, "{id} is not in the view");
    }
}

pub fn type_text(state: &mut State, text: &str) {
    for c in text.chars() {
        send(state, Msg::DialogInput(c));
    }
}

pub fn deletes(cmds: &[Command]) -> usize {
    cmds.iter()
        .filter(|c| {
            matches!(
                c,
                Command::Change(Mutation {
                    change: Change::DeleteCollection { .. },
                    ..
                })
            )
        })
        .count()
}

pub fn last_log(state: &State) -> &str {
    state.log.entries.last().map_or("", |e| e.text.as_str())
}
