//! The users pane: paging, a user's faces, CreateUser and DeleteUser.

use super::manage::{face, opened, view};
use super::*;
use crate::app::Mode;
use crate::app::msg::{Change, DetailAnswer, DetailCall, Mutation};
use crate::app::overlay::confirm::{Action, Count};
use crate::app::overlay::{Notice, Overlay};
use crate::audit::Operation;
use crate::aws::api::{User, UserPage};
use crate::erase::search::{Found, Progress, Search};

fn users(range: std::ops::Range<usize>, next: Option<&str>) -> UserPage {
    UserPage {
        users: range
            .map(|i| User {
                user_id: format!("emp-{i:03}").parse().unwrap(),
                status: Some("ACTIVE".into()),
            })
            .collect(),
        next_token: next.map(Into::into),
    }
}

fn users_loaded(state: &mut State, token: Option<&str>, page: UserPage) -> Vec<Command> {
    send(
        state,
        Msg::Detail(DetailAnswer::UsersLoaded {
            id: "b".parse().unwrap(),
            token: token.map(Into::into),
            outcome: ok(page),
        }),
    )
}

/// The view of `b` with its users pane showing `n` users (all of them).
fn users_pane(n: usize) -> State {
    let mut state = opened(5);
    users_loaded(&mut state, None, users(0..n, None));
    send(&mut state, Msg::PaneToggle);
    assert_eq!(state.mode(), Mode::Users);
    state
}

fn found(serial: u64, n: usize) -> Msg {
    Msg::Detail(DetailAnswer::Found {
        id: "b".parse().unwrap(),
        serial,
        outcome: ok(Found {
            faces: (0..n).map(face).collect(),
            progress: Progress::default(),
            ..Found::default()
        }),
    })
}

#[test]
fn users_load_a_page_at_a_time_as_the_selection_nears_the_end() {
    let mut state = opened(5);
    send(&mut state, Msg::PaneToggle);
    assert!(users_loaded(&mut state, None, users(0..100, Some("t1"))).is_empty());
    assert_eq!(view(&state).users.users.len(), 100);
    // A page nobody asked for changes nothing.
    users_loaded(&mut state, Some("t9"), users(500..600, None));
    assert_eq!(view(&state).users.users.len(), 100);
    let mut asked = Vec::new();
    for _ in 0..95 {
        asked.extend(send(&mut state, Msg::Down));
    }
    assert_eq!(
        asked,
        [Command::Detail(DetailCall::ListUsers {
            id: "b".parse().unwrap(),
            token: Some("t1".into())
        })]
    );
    users_loaded(&mut state, Some("t1"), users(100..150, None));
    assert_eq!(view(&state).users.users.len(), 150);
    assert!(view(&state).users.complete());
    send(&mut state, Msg::Bottom);
    assert_eq!(
        view(&state).users.selected().map(|u| u.user_id.as_str()),
        Some("emp-149")
    );
    // u: back to the faces, whose selection was kept.
    send(&mut state, Msg::PaneToggle);
    assert_eq!(state.mode(), Mode::Detail);
}

#[test]
fn enter_on_a_user_searches_its_faces() {
    let mut state = users_pane(3);
    send(&mut state, Msg::Down);
    let cmds = send(&mut state, Msg::UserFaces);
    assert!(
        cmds.iter().any(|c| matches!(c,
            Command::Detail(DetailCall::FindFaces { search: Search::User(u), .. }) if u == "emp-001")),
        "{cmds:?}"
    );
    assert_eq!(
        state.mode(),
        Mode::Detail,
        "the faces pane shows the search"
    );
}

#[test]
fn create_user_checks_the_id_as_typed_and_the_user_joins_the_list() {
    let mut state = users_pane(2);
    send(&mut state, Msg::UserCreateOpen);
    assert_eq!(state.mode(), Mode::UserForm);
    type_text(&mut state, "new user");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty(), "a space");
    match &state.overlay {
        Some(Overlay::UserForm(form)) => {
            assert!(form.problem().is_some_and(|p| p.contains("a space")));
        }
        other => panic!("{other:?}"),
    }
    for _ in 0..5 {
        send(&mut state, Msg::DialogBackspace);
    }
    type_text(&mut state, ":x1");
    let cmds = send(&mut state, Msg::DialogSubmit);
    match &cmds[..] {
        [
            Command::Change(Mutation {
                change: Change::CreateUser { id, user },
                intent,
            }),
        ] => {
            assert_eq!((id.as_str(), user.as_str()), ("b", "new:x1"));
            assert_eq!(intent.operation, Operation::CreateUser);
            assert_eq!(intent.account.as_deref(), Some("123456789012"));
        }
        other => panic!("{other:?}"),
    }
    // A failure keeps the form and says why.
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UserCreated {
            id: "b".parse().unwrap(),
            user: "new:x1".parse().unwrap(),
            outcome: fail(crate::aws::api::ErrorKind::Other, "ConflictException"),
        }),
    );
    assert!(matches!(&state.overlay, Some(Overlay::UserForm(f))
        if f.error.as_deref().is_some_and(|e| e.contains("Conflict")) && !f.sending));
    send(&mut state, Msg::DialogSubmit);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UserCreated {
            id: "b".parse().unwrap(),
            user: "new:x1".parse().unwrap(),
            outcome: ok(()),
        }),
    );
    assert!(state.overlay.is_none());
    let ids: Vec<&str> = view(&state)
        .users
        .users
        .iter()
        .map(|u| u.user_id.as_str())
        .collect();
    assert_eq!(ids, ["emp-000", "emp-001", "new:x1"]);
    assert!(last_log(&state).contains("CreateUser b: user new:x1 created"));
}

#[test]
fn delete_user_names_the_user_counts_its_faces_and_wants_its_id_typed() {
    let mut state = users_pane(3);
    send(&mut state, Msg::Down);
    let cmds = send(&mut state, Msg::UserDeleteOpen);
    let serial = match &cmds[..] {
        [Command::Detail(DetailCall::FindFaces { serial, search, .. })] => {
            assert_eq!(search, &Search::User("emp-001".parse().unwrap()));
            *serial
        }
        other => panic!("{other:?}"),
    };
    let action = |state: &State| state.confirm().map(|c| c.action.clone());
    assert!(matches!(action(&state),
        Some(Action::DeleteUser { user, faces: Count::Counting { .. } }) if user == "emp-001"));
    // The list changing under the dialog does not move it to another user.
    users_loaded(&mut state, None, users(7..9, None));
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UserDeleted {
            id: "b".parse().unwrap(),
            user: "emp-000".parse().unwrap(),
            outcome: ok(()),
        }),
    );
    send(&mut state, found(serial, 4));
    assert!(matches!(action(&state),
        Some(Action::DeleteUser { user, faces: Count::Known(4) }) if user == "emp-001"));
    // The collection's ID is not what is asked for: the user's is.
    type_text(&mut state, "b");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    send(&mut state, Msg::DialogBackspace);
    type_text(&mut state, "emp-001");
    let cmds = send(&mut state, Msg::DialogSubmit);
    match &cmds[..] {
        [
            Command::Change(Mutation {
                change: Change::DeleteUser { id, user },
                intent,
            }),
        ] => {
            assert_eq!((id.as_str(), user.as_str()), ("b", "emp-001"));
            assert_eq!(intent.operation, Operation::DeleteUser);
            assert_eq!(intent.face_count, Some(4), "the faces the dialog named");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_deleted_user_leaves_the_list_and_its_faces_belong_to_no_one() {
    let mut state = users_pane(3);
    if let Some(view) = state.detail_mut() {
        view.faces[1].user_id = Some("emp-002".parse().unwrap());
    }
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UserDeleted {
            id: "b".parse().unwrap(),
            user: "emp-002".parse().unwrap(),
            outcome: ok(()),
        }),
    );
    assert_eq!(view(&state).users.users.len(), 2);
    assert_eq!(view(&state).faces[1].user_id, None);
    assert!(last_log(&state).contains("DeleteUser b: user emp-002 deleted"));
}

#[test]
fn esc_while_counting_stops_the_count() {
    let mut state = users_pane(1);
    let serial = match &send(&mut state, Msg::UserDeleteOpen)[..] {
        [Command::Detail(DetailCall::FindFaces { serial, .. })] => *serial,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        send(&mut state, Msg::DialogCancel),
        [Command::Detail(DetailCall::CancelFind { serial })]
    );
    // Its late result has no dialog to go to.
    send(&mut state, found(serial, 2));
    assert!(state.overlay.is_none());
}

#[test]
fn read_only_and_protected_refuse_user_changes_before_any_dialog() {
    let mut ro = session();
    ro.read_only = true;
    let mut state = loaded_with(ro, &["b"]).0;
    send(&mut state, Msg::DetailOpen);
    users_loaded(&mut state, None, users(0..2, None));
    send(&mut state, Msg::PaneToggle);
    for msg in [Msg::UserCreateOpen, Msg::UserDeleteOpen, Msg::EraseOpen] {
        let cmds = send(&mut state, msg.clone());
        assert!(cmds.is_empty(), "{msg:?}: {cmds:?}");
        assert!(
            matches!(
                state.overlay,
                Some(Overlay::Notice(Notice::ReadOnly { .. }))
            ),
            "{msg:?}"
        );
        assert!(last_log(&state).contains("read-only"));
        send(&mut state, Msg::DialogCancel);
    }

    let mut state = users_pane(2);
    state.settings.protect = crate::protect::Protect::new(&["b"]).expect("a rule");
    for msg in [Msg::UserCreateOpen, Msg::UserDeleteOpen, Msg::EraseOpen] {
        assert!(send(&mut state, msg.clone()).is_empty(), "{msg:?}");
        assert!(
            matches!(&state.overlay, Some(Overlay::Notice(Notice::Protected { id, .. })) if id == "b"),
            "{msg:?}"
        );
        send(&mut state, Msg::DialogCancel);
    }
}

#[test]
fn r_in_the_users_pane_reloads_and_stays_there() {
    let mut state = users_pane(3);
    let cmds = send(&mut state, Msg::Refresh);
    assert!(cmds.contains(&Command::Detail(DetailCall::ListUsers {
        id: "b".parse().unwrap(),
        token: None
    })));
    assert_eq!(state.mode(), Mode::Users);
    assert!(
        view(&state).users.users.is_empty(),
        "loaded again from nothing"
    );
}
