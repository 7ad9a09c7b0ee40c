//! The guarded delete, end to end through `update`.

use super::*;
use crate::app::msg::{Change, Mutation, TableAnswer, TableCall};
use crate::app::overlay::confirm::{Action, Button, Confirm, Match, Phase, Place, Why as Notice};
use crate::app::overlay::{Notice as Explain, Overlay};

pub(super) fn dialog(state: &State) -> &Confirm {
    match state.confirm() {
        Some(
            d @ Confirm {
                action: Action::DeleteCollection { .. },
                ..
            },
        ) => d,
        other => panic!("no delete dialog: {other:?}"),
    }
}

/// The counts a delete dialog warns about.
fn counts(d: &Confirm) -> (Option<u64>, Option<u64>) {
    match d.action {
        Action::DeleteCollection { faces, users, .. } => (faces, users),
        _ => (None, None),
    }
}

/// `ids` loaded, each described with 3 faces and 1 user, `target` selected, `d` pressed.
pub(super) fn opened(ids: &[&str], target: &str) -> State {
    let mut state = loaded(ids);
    for id in ids {
        describe(&mut state, id, detail(3, 1));
    }
    select(&mut state, target);
    send(&mut state, Msg::DeleteOpen);
    state
}

/// Types the id and presses Enter; returns the commands of the Enter.
pub(super) fn confirm(state: &mut State, id: &str) -> Vec<Command> {
    type_text(state, id);
    send(state, Msg::DialogSubmit)
}

pub(super) fn verify(state: &mut State, id: &str, d: CollectionDetail) -> Vec<Command> {
    send(
        state,
        Msg::Table(TableAnswer::Verified {
            id: id.parse().unwrap(),
            outcome: ok(d),
        }),
    )
}

#[test]
fn the_full_path_checks_then_deletes_then_removes_the_row() {
    let mut state = opened(&["a", "b"], "b");
    let d = dialog(&state);
    assert_eq!(
        (d.id.as_str(), d.typing, d.focus),
        ("b", true, Button::Cancel)
    );
    assert_eq!(
        confirm(&mut state, "b"),
        [Command::Table(TableCall::Verify {
            id: "b".parse().unwrap()
        })]
    );
    let cmds = verify(&mut state, "b", detail(3, 1));
    let [
        Command::Change(Mutation {
            change: Change::DeleteCollection { id },
            intent,
        }),
    ] = &cmds[..]
    else {
        panic!("expected one delete, got {cmds:?}");
    };
    assert_eq!(id, "b");
    // The intent carries the counts of the check the operator's delete passed, and where.
    assert_eq!(intent.operation, crate::audit::Operation::DeleteCollection);
    assert_eq!(intent.collection_id, "b");
    assert_eq!((intent.face_count, intent.user_count), (Some(3), Some(1)));
    assert_eq!(intent.region, "eu-west-1");
    assert_eq!(intent.profile.as_deref(), Some("ops"));
    assert!(state.overlay.is_none());
    assert!(state.table.deleting.contains("b"));
    send(
        &mut state,
        Msg::Table(TableAnswer::Deleted {
            id: "b".parse().unwrap(),
            outcome: ok(200),
        }),
    );
    assert_eq!(state.table.rows.len(), 1);
    assert_eq!(
        last_log(&state),
        "DeleteCollection b: StatusCode 200 · request req-1 · 42 ms"
    );
}

#[test]
fn a_wrong_id_never_deletes() {
    for typed in ["", "B", "b ", "bb", "a", "c"] {
        let mut state = opened(&["a", "b", "c"], "b");
        let mut cmds = confirm(&mut state, typed);
        cmds.extend(send(&mut state, Msg::DialogFocusNext));
        cmds.extend(send(&mut state, Msg::DialogSubmit));
        assert_eq!(deletes(&cmds), 0, "typed {typed:?}");
        assert!(
            !cmds.contains(&Command::Table(TableCall::Verify {
                id: "b".parse().unwrap()
            })),
            "{typed:?}"
        );
    }
}

#[test]
fn enter_on_a_mismatch_says_so_and_the_input_shows_the_match() {
    let mut state = opened(&["faces-prod"], "faces-prod");
    type_text(&mut state, "faces");
    assert_eq!(dialog(&state).matching(), Match::Partial);
    send(&mut state, Msg::DialogSubmit);
    assert_eq!(dialog(&state).notice, Some(Notice::Mismatch));
    assert_eq!(dialog(&state).phase, Phase::Editing);
    type_text(&mut state, "-prod");
    assert_eq!(dialog(&state).matching(), Match::Full);
    assert_eq!(dialog(&state).focus, Button::Delete);
    assert_eq!(dialog(&state).notice, None);
    send(&mut state, Msg::DialogBackspace);
    assert_eq!(dialog(&state).focus, Button::Cancel);
    type_text(&mut state, "x");
    assert_eq!(dialog(&state).matching(), Match::Mismatch);
}

#[test]
fn esc_and_cancel_close_without_a_call() {
    let mut state = opened(&["a"], "a");
    type_text(&mut state, "a");
    assert!(send(&mut state, Msg::DialogCancel).is_empty());
    assert!(state.overlay.is_none());
    // Tabbing back to Cancel after a full match: Enter cancels.
    send(&mut state, Msg::DeleteOpen);
    type_text(&mut state, "a");
    send(&mut state, Msg::DialogFocusNext);
    assert_eq!(dialog(&state).focus, Button::Cancel);
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    assert!(state.overlay.is_none());
}

#[test]
fn an_empty_collection_uses_buttons_with_cancel_first() {
    let mut state = loaded(&["empty"]);
    describe(&mut state, "empty", detail(0, 0));
    send(&mut state, Msg::DeleteOpen);
    assert!(!dialog(&state).typing, "buttons");
    assert_eq!(dialog(&state).focus, Button::Cancel);
    // Letters are not commands here: nothing but Enter on Delete goes on.
    type_text(&mut state, "empty\n");
    assert!(state.overlay.is_some());
    send(&mut state, Msg::DialogFocusNext);
    assert_eq!(dialog(&state).focus, Button::Delete);
    send(&mut state, Msg::DialogFocusPrev);
    assert!(
        send(&mut state, Msg::DialogSubmit).is_empty(),
        "Enter on Cancel"
    );
    assert!(state.overlay.is_none());
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, Msg::DialogFocusNext);
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert_eq!(
        cmds,
        [Command::Table(TableCall::Verify {
            id: "empty".parse().unwrap()
        })]
    );
    let cmds = verify(&mut state, "empty", detail(0, 0));
    assert!(
        matches!(&cmds[..], [Command::Change(Mutation { change: Change::DeleteCollection { id, .. }, .. })] if id == "empty"),
        "{cmds:?}"
    );
}

#[test]
fn unknown_counts_require_typing() {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::DeleteOpen);
    let d = dialog(&state);
    assert_eq!((counts(d), d.typing), ((None, None), true));
    // The describe landing while the dialog is open fills the counts, not the mode.
    describe(&mut state, "a", detail(0, 0));
    let d = dialog(&state);
    assert_eq!((counts(d).0, d.typing), (Some(0), true));
}

#[test]
fn a_changed_face_count_stops_the_delete() {
    let mut state = opened(&["a"], "a");
    confirm(&mut state, "a");
    let cmds = verify(&mut state, "a", detail(4, 1));
    assert_eq!(deletes(&cmds), 0);
    let d = dialog(&state);
    assert_eq!(
        d.notice,
        Some(Notice::Changed {
            was: 3,
            now: Some(4)
        })
    );
    assert_eq!(
        (counts(d).0, d.input.as_str(), d.phase),
        (Some(4), "", Phase::Editing)
    );
    // Typing the id again after reading the new count does delete.
    confirm(&mut state, "a");
    assert_eq!(verify(&mut state, "a", detail(4, 1)).len(), 1);
}

#[test]
fn the_target_survives_a_refresh_that_reorders_or_removes_rows() {
    let mut state = opened(&["a", "b", "c"], "b");
    type_text(&mut state, "b");
    // Refresh is held back while the dialog is open...
    assert!(send(&mut state, Msg::Refresh).is_empty());
    assert!(state.table.refresh_deferred);
    // ...but a listing already running can still reorder or drop rows under it.
    state.table.listing.loading = true;
    let generation = state.table.listing.generation;
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation,
            outcome: ok(page(&["c", "a"], None)),
        }),
    );
    assert_eq!(dialog(&state).id, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert_eq!(
        cmds,
        [Command::Table(TableCall::Verify {
            id: "b".parse().unwrap()
        })]
    );
    let cmds = verify(&mut state, "b", detail(3, 1));
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::Change(Mutation { change: Change::DeleteCollection { id, .. }, .. }) if id == "b"))
    );
    // Closing the dialog runs the deferred refresh.
    assert!(
        cmds.iter()
            .any(|c| matches!(c, Command::Table(TableCall::ListPage { token: None, .. })))
    );
}

#[test]
fn read_only_explains_and_never_emits_delete() {
    let ro = Session {
        read_only: true,
        ..session()
    };
    let (mut state, _) = loaded_with(ro, &["a"]);
    describe(&mut state, "a", detail(0, 0));
    send(&mut state, Msg::DeleteOpen);
    assert_eq!(
        state.overlay,
        Some(Overlay::Notice(Explain::ReadOnly {
            what: "delete a".into(),
            verb: "delete".into()
        }))
    );
    let mut cmds = Vec::new();
    for msg in [
        Msg::DialogInput('a'),
        Msg::DialogFocusNext,
        Msg::DialogSubmit,
        Msg::DeleteOpen,
        Msg::DialogFocusNext,
        Msg::DialogSubmit,
    ] {
        cmds.extend(send(&mut state, msg));
    }
    // Even a delete dialog waiting on its check (which read-only never opens) cannot
    // trigger the call.
    let context = Place {
        region: "eu-west-1".into(),
        account: None,
        profile: None,
    };
    let action = Action::DeleteCollection {
        faces: None,
        users: None,
        export: None,
    };
    let mut forced = Confirm::new("a".parse().unwrap(), context, action);
    forced.phase = Phase::Verifying;
    state.overlay = Some(Overlay::Confirm(forced));
    cmds.extend(verify(&mut state, "a", detail(0, 0)));
    assert_eq!(deletes(&cmds), 0);
    assert!(state.overlay.is_none());
}

#[test]
fn a_late_check_of_another_collection_never_deletes_it() {
    let mut state = opened(&["a", "b"], "a");
    assert_eq!(
        confirm(&mut state, "a"),
        [Command::Table(TableCall::Verify {
            id: "a".parse().unwrap()
        })]
    );
    // The operator gives up while the check of `a` runs, and confirms `b` instead.
    send(&mut state, Msg::DialogCancel);
    select(&mut state, "b");
    send(&mut state, Msg::DeleteOpen);
    assert_eq!(
        confirm(&mut state, "b"),
        [Command::Table(TableCall::Verify {
            id: "b".parse().unwrap()
        })]
    );
    // Same counts, so only the id tells the two checks apart.
    let cmds = verify(&mut state, "a", detail(3, 1));
    assert_eq!(deletes(&cmds), 0, "{cmds:?}");
    assert_eq!(dialog(&state).phase, Phase::Verifying);
    let cmds = verify(&mut state, "b", detail(3, 1));
    assert!(
        matches!(&cmds[..], [Command::Change(Mutation { change: Change::DeleteCollection { id, .. }, .. })] if id == "b"),
        "{cmds:?}"
    );
}
