//! DeleteFaces of marked faces: the confirmation, batches, results and refusals.

use super::manage::{faces_page, opened, view};
use super::*;
use crate::app::Mode;
use crate::app::msg::{Change, DetailAnswer, DetailCall, Mutation};
use crate::app::overlay::confirm::{Button, Why};
use crate::aws::api::{FaceDeletion, FaceRefusal};

#[test]
fn up_to_ten_faces_confirm_with_buttons_and_cancel_has_the_focus() {
    let mut state = opened(5);
    (0..3).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    send(&mut state, Msg::FacesDeleteOpen);
    assert_eq!(state.mode(), Mode::Confirm);
    let confirm = state.confirm().cloned().expect("confirmation");
    assert!(!confirm.typing);
    assert_eq!(confirm.focus, Button::Cancel);
    // Enter on Cancel closes without sending; typing is not needed and ignored.
    type_text(&mut state, "b");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    assert!(state.confirm().is_none());
    send(&mut state, Msg::FacesDeleteOpen);
    send(&mut state, Msg::DialogFocusNext);
    let cmds = send(&mut state, Msg::DialogSubmit);
    match &cmds[..] {
        [
            Command::Change(Mutation {
                change: Change::DeleteFaces { id, face_ids },
                intent,
            }),
        ] => {
            assert_eq!(id, "b");
            assert_eq!(face_ids, &["face-00000", "face-00001", "face-00002"]);
            assert_eq!(intent.operation, crate::audit::Operation::DeleteFaces);
            assert_eq!(intent.collection_id, "b");
            assert_eq!(intent.face_count, Some(3));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(view(&state).deleting, 1);
    // A second `d` while the first runs only warns.
    send(&mut state, Msg::FacesDeleteOpen);
    assert!(state.confirm().is_none());
    assert!(
        last_log(&state).contains("already running"),
        "{}",
        last_log(&state)
    );
}

#[test]
fn more_than_ten_faces_need_the_collection_id_typed() {
    let mut state = opened(20);
    (0..11).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    send(&mut state, Msg::FacesDeleteOpen);
    assert!(state.confirm().is_some_and(|c| c.typing));
    send(&mut state, Msg::DialogFocusNext);
    assert!(
        send(&mut state, Msg::DialogSubmit).is_empty(),
        "no ID typed"
    );
    type_text(&mut state, "x");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty(), "wrong ID");
    assert!(
        state
            .confirm()
            .is_some_and(|c| c.notice == Some(Why::Mismatch))
    );
    send(&mut state, Msg::DialogBackspace);
    type_text(&mut state, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert!(
        matches!(&cmds[..], [Command::Change(Mutation { change: Change::DeleteFaces { face_ids, .. }, .. })] if face_ids.len() == 11)
    );
}

#[test]
fn marked_faces_go_in_batches_of_at_most_4096() {
    let mut state = opened(5000);
    let all: Vec<String> = view(&state)
        .faces
        .iter()
        .map(|f| f.face_id.clone())
        .collect();
    if let Some(d) = state.detail_mut() {
        d.marked.extend(all);
    }
    send(&mut state, Msg::FacesDeleteOpen);
    type_text(&mut state, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    let sizes: Vec<usize> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::Change(Mutation {
                change: Change::DeleteFaces { face_ids, .. },
                ..
            }) => Some(face_ids.len()),
            _ => None,
        })
        .collect();
    assert_eq!(sizes, [4096, 904]);
    assert_eq!(view(&state).deleting, 2);
}

#[test]
fn undeleted_faces_are_reported_one_by_one_and_the_rest_leave_the_list() {
    let mut state = opened(5);
    (0..3).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    send(&mut state, Msg::FacesDeleteOpen);
    send(&mut state, Msg::DialogFocusNext);
    let requested = match &send(&mut state, Msg::DialogSubmit)[..] {
        [
            Command::Change(Mutation {
                change: Change::DeleteFaces { face_ids, .. },
                ..
            }),
        ] => face_ids.clone(),
        other => panic!("{other:?}"),
    };
    let result = FaceDeletion {
        deleted: vec!["face-00000".into(), "face-00002".into()],
        unsuccessful: vec![FaceRefusal {
            face_id: "face-00001".into(),
            user_id: Some("alice".into()),
            reasons: vec!["ASSOCIATED_TO_AN_EXISTING_USER".into()],
        }],
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesDeleted {
            id: "b".parse().unwrap(),
            requested,
            outcome: ok(result),
        }),
    );
    let texts: Vec<&str> = state.log.entries.iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("DeleteFaces b: 2 faces of 3 deleted; 1 not deleted")),
        "{texts:?}"
    );
    assert!(
        texts.contains(
            &"DeleteFaces b: face face-00001 not deleted: ASSOCIATED_TO_AN_EXISTING_USER (user alice)"
        ),
        "{texts:?}"
    );
    let v = view(&state);
    assert_eq!(v.faces.len(), 3);
    assert_eq!(v.marked.iter().collect::<Vec<_>>(), ["face-00001"]);
    assert_eq!(v.total(), Some(3));
    assert_eq!(v.deleting, 0);
    assert_eq!(state.table.loaded("b").and_then(|d| d.face_count), Some(3));
}

#[test]
fn a_dead_task_stops_the_view_waiting() {
    let mut state = opened(5);
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::FacesDeleteOpen);
    send(&mut state, Msg::DialogFocusNext);
    send(&mut state, Msg::DialogSubmit);
    assert_eq!(view(&state).deleting, 1);
    let command = Box::new(Command::Change(Mutation {
        change: Change::DeleteFaces {
            id: "b".parse().unwrap(),
            face_ids: vec!["face-00000".into()],
        },
        intent: Box::new(crate::audit::Intent::new(
            crate::audit::Operation::DeleteFaces,
            "b",
            "eu-west-1",
        )),
    }));
    let why = "task panicked".to_string();
    send(&mut state, Msg::TaskFailed { command, why });
    assert_eq!(view(&state).deleting, 0);
    assert!(last_log(&state).contains("internal error"));
    send(&mut state, Msg::Refresh);
    let command = Box::new(Command::Detail(DetailCall::ListFaces {
        id: "b".parse().unwrap(),
        token: None,
    }));
    let why = "task panicked".to_string();
    send(&mut state, Msg::TaskFailed { command, why });
    assert_eq!(view(&state).pending, None);
    assert!(view(&state).faces_error.is_some());
}

#[test]
fn read_only_refuses_delete_faces_before_any_dialog() {
    let mut ro = session();
    ro.read_only = true;
    let mut state = loaded_with(ro, &["b"]).0;
    send(&mut state, Msg::DetailOpen);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(faces_page(0..3, None)),
        }),
    );
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::FacesDeleteOpen);
    assert!(state.confirm().is_none());
    assert!(
        last_log(&state).contains("read-only"),
        "{}",
        last_log(&state)
    );
}

#[test]
fn d_with_nothing_marked_says_how_to_mark() {
    let mut state = opened(3);
    send(&mut state, Msg::FacesDeleteOpen);
    assert!(state.confirm().is_none());
    assert!(last_log(&state).contains("Space marks"));
}
