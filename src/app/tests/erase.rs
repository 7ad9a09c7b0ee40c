//! `E`: the erasure dialog for marked faces or a user, what it needs before Erase is
//! possible, the command it sends, and a dialog that keeps its target and runs to its end.

use super::manage::{face, opened, view};
use super::*;
use crate::app::detail::erase::Faces;
use crate::app::keys::map;
use crate::app::msg::{Change, DetailAnswer, DetailCall, Mutation};
use crate::app::overlay::confirm::{Action, Button, Phase};
use crate::aws::api::{User, UserPage};
use crate::erase::search::{Found, Progress, Search};

fn erasing(state: &State) -> crate::app::detail::erase::Erasing {
    match state.confirm().map(|c| &c.action) {
        Some(Action::Erase(erasing)) => (**erasing).clone(),
        other => panic!("no erasure dialog: {other:?}"),
    }
}

/// The view of `b` with 6 faces, faces 0 and 3 belonging to alice and 1 to bob.
fn owned() -> State {
    let mut state = opened(6);
    if let Some(view) = state.detail_mut() {
        view.faces[0].user_id = Some("alice".parse().unwrap());
        view.faces[1].user_id = Some("bob".parse().unwrap());
        view.faces[3].user_id = Some("alice".parse().unwrap());
    }
    state
}

#[test]
fn e_names_the_marked_faces_and_their_users_and_needs_the_id_typed() {
    let mut state = owned();
    assert!(send(&mut state, Msg::EraseOpen).is_empty());
    assert!(state.confirm().is_none());
    assert!(last_log(&state).contains("no face is marked"));
    (0..4).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    assert!(send(&mut state, Msg::EraseOpen).is_empty());
    let e = erasing(&state);
    let ids: Vec<&str> = e
        .faces()
        .expect("found")
        .iter()
        .map(|f| f.face_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["face-00000", "face-00001", "face-00002", "face-00003"]
    );
    assert!(e.users.is_empty(), "the faces' users stay: {:?}", e.users);
    assert_eq!(e.owners(), ["alice", "bob"]);
    let c = state.confirm().expect("dialog");
    assert!(c.typing, "an erasure always needs the ID typed");
    assert_eq!(c.context.account.as_deref(), Some("123456789012"));
    // Enter before the ID is typed, or on Cancel, erases nothing.
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    type_text(&mut state, "b");
    assert_eq!(state.confirm().map(|c| c.focus), Some(Button::Delete));
    let cmds = send(&mut state, Msg::DialogSubmit);
    let plan = match &cmds[..] {
        [
            Command::Change(Mutation {
                change: Change::Erase { erasure },
                ..
            }),
        ] => erasure.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(plan.target.id, "b");
    assert_eq!(plan.target.region, "eu-west-1");
    assert_eq!(plan.target.account.as_deref(), Some("123456789012"));
    assert_eq!(plan.target.profile.as_deref(), Some("ops"));
    assert_eq!(plan.faces.len(), 4);
    assert!(plan.users.is_empty());
    assert_eq!(plan.search, "marked in the detail view");
    assert_eq!(state.confirm().map(|c| c.phase), Some(Phase::Running));
}

#[test]
fn ctrl_n_keeps_the_names_in_clear_text_and_typing_n_does_not() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut state = owned();
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::EraseOpen);
    assert!(!erasing(&state).keep_names, "HMACs by default");
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    assert_eq!(map(&state, ctrl_n), Some(Msg::EraseKeepNames));
    send(&mut state, Msg::EraseKeepNames);
    assert!(erasing(&state).keep_names);
    // A plain n is part of the collection ID being typed.
    let n = KeyEvent::from(KeyCode::Char('n'));
    assert_eq!(map(&state, n), Some(Msg::DialogInput('n')));
    send(&mut state, Msg::EraseKeepNames);
    assert!(!erasing(&state).keep_names, "a second Ctrl-N goes back");
    send(&mut state, Msg::EraseKeepNames);
    type_text(&mut state, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    let [
        Command::Change(Mutation {
            change: Change::Erase { erasure },
            ..
        }),
    ] = &cmds[..]
    else {
        panic!("{cmds:?}");
    };
    assert!(erasure.keep_names);
    // Once running, the choice is fixed.
    assert_ne!(map(&state, ctrl_n), Some(Msg::EraseKeepNames));
    send(&mut state, Msg::EraseKeepNames);
    assert!(erasing(&state).keep_names);
}

#[test]
fn once_started_no_key_closes_the_dialog() {
    let mut state = owned();
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::EraseOpen);
    type_text(&mut state, "b");
    send(&mut state, Msg::DialogSubmit);
    for code in [
        ratatui::crossterm::event::KeyCode::Esc,
        ratatui::crossterm::event::KeyCode::Enter,
        ratatui::crossterm::event::KeyCode::Char('b'),
    ] {
        let key = ratatui::crossterm::event::KeyEvent::from(code);
        assert_eq!(map(&state, key), None, "{code:?}");
    }
    // Even if such a message came, the dialog stays.
    assert!(send(&mut state, Msg::DialogCancel).is_empty());
    assert_eq!(state.confirm().map(|c| c.phase), Some(Phase::Running));
    // A task that dies ends it, saying that what it did is unknown.
    let erasure = crate::erase::Erasure {
        target: crate::manifest::Target {
            id: "b".parse().unwrap(),
            account: None,
            region: "eu-west-1".into(),
            profile: None,
            endpoint: None,
        },
        search: String::new(),
        faces: Vec::new(),
        users: Vec::new(),
        caller_arn: None,
        recheck: None,
        keep_names: false,
        likeness: None,
        photo: None,
    };
    let intent = crate::erase::base_intent(&erasure);
    let change = Change::Erase {
        erasure: Box::new(erasure),
    };
    let command = Box::new(Command::Change(Mutation::new(intent, change)));
    send(
        &mut state,
        Msg::TaskFailed {
            command,
            why: "task panicked".into(),
        },
    );
    assert_eq!(state.confirm().map(|c| c.phase), Some(Phase::Finished));
    assert!(matches!(
        erasing(&state).run.and_then(|r| r.ended),
        Some(Err(why)) if why.contains("unknown")
    ));
    send(&mut state, Msg::DialogSubmit);
    assert!(state.confirm().is_none(), "a finished dialog closes");
}

#[test]
fn e_on_a_user_finds_its_faces_before_erase_is_possible() {
    let mut state = opened(3);
    let page = UserPage {
        users: vec![User {
            user_id: "alice".parse().unwrap(),
            status: Some("ACTIVE".into()),
        }],
        next_token: None,
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UsersLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(page),
        }),
    );
    send(&mut state, Msg::PaneToggle);
    let cmds = send(&mut state, Msg::EraseOpen);
    let serial = match &cmds[..] {
        [Command::Detail(DetailCall::FindFaces { serial, search, .. })] => {
            assert_eq!(search, &Search::User("alice".parse().unwrap()));
            *serial
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(erasing(&state).users, ["alice"]);
    type_text(&mut state, "b");
    assert!(
        !state.confirm().is_some_and(|c| c.delete_enabled()),
        "not before the faces are known"
    );
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    send(
        &mut state,
        Msg::Detail(DetailAnswer::SearchProgress {
            id: "b".parse().unwrap(),
            serial,
            progress: Progress {
                matched: 1,
                ..Progress::default()
            },
        }),
    );
    assert!(matches!(
        erasing(&state).faces,
        Faces::Finding { so_far: 1, .. }
    ));
    let found = Found {
        faces: vec![face(7), face(8)],
        progress: Progress::default(),
        ..Found::default()
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Found {
            id: "b".parse().unwrap(),
            serial,
            outcome: ok(found),
        }),
    );
    assert_eq!(erasing(&state).faces().map(<[_]>::len), Some(2));
    assert!(state.confirm().is_some_and(|c| c.delete_enabled()));
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert!(
        matches!(&cmds[..], [Command::Change(Mutation { change: Change::Erase { erasure: plan }, .. })]
        if plan.users == ["alice"] && plan.faces.len() == 2 && plan.search == "UserId alice")
    );
}

#[test]
fn the_dialog_keeps_its_faces_when_the_rows_change_beneath_it() {
    let mut state = owned();
    (0..2).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    send(&mut state, Msg::EraseOpen);
    let before = erasing(&state);
    // Faces go (another tab deleted them), the list reloads underneath, marks change.
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesDeleted {
            id: "b".parse().unwrap(),
            requested: vec!["face-00000".into()],
            outcome: ok(crate::aws::api::FaceDeletion {
                deleted: vec!["face-00000".into()],
                unsuccessful: Vec::new(),
            }),
        }),
    );
    send(
        &mut state,
        Msg::Resize {
            width: 100,
            height: 30,
        },
    );
    if let Some(view) = state.detail_mut() {
        view.marked.clear();
    }
    assert_eq!(erasing(&state), before);
    type_text(&mut state, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert!(
        matches!(&cmds[..], [Command::Change(Mutation { change: Change::Erase { erasure: plan }, .. })]
        if plan.faces.iter().map(|f| f.face_id.as_str()).collect::<Vec<_>>()
            == ["face-00000", "face-00001"])
    );
    assert_eq!(view(&state).faces.len(), 5);
}

#[test]
fn faces_marked_in_a_user_search_name_that_user() {
    let mut state = owned();
    send(&mut state, Msg::SearchOpen);
    type_text(&mut state, "user:alice");
    let cmds = send(&mut state, Msg::DialogSubmit);
    let serial = cmds
        .iter()
        .find_map(|c| match c {
            Command::Detail(DetailCall::FindFaces { serial, .. }) => Some(*serial),
            _ => None,
        })
        .expect("a search");
    let mut alices = vec![face(0), face(3)];
    alices
        .iter_mut()
        .for_each(|f| f.user_id = Some("alice".parse().unwrap()));
    let found = Found {
        faces: alices,
        progress: Progress::default(),
        ..Found::default()
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Found {
            id: "b".parse().unwrap(),
            serial,
            outcome: ok(found),
        }),
    );
    send(&mut state, Msg::MarkAll);
    send(&mut state, Msg::EraseOpen);
    let e = erasing(&state);
    assert_eq!(e.users, ["alice"]);
    assert_eq!(e.search, "UserId alice, marked in the results");
}
