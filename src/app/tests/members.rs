//! `a` and `x`: AssociateFaces with a named user, DisassociateFaces behind a confirmation,
//! batches of at most 100, and the faces the service refuses.

use super::manage::{opened, view};
use super::*;
use crate::app::Mode;
use crate::app::msg::{Change, DetailAnswer, Mutation};
use crate::app::overlay::confirm::Action;
use crate::app::overlay::{Notice, Overlay};
use crate::audit::Operation;
use crate::aws::api::{Association, FaceRefusal};

/// The view of `b` with `n` faces, face `i` belonging to `owner(i)`.
fn owned(n: usize, owner: fn(usize) -> Option<&'static str>) -> State {
    let mut state = opened(n);
    if let Some(view) = state.detail_mut() {
        for (i, face) in view.faces.iter_mut().enumerate() {
            face.user_id = owner(i).map(|u| u.parse().unwrap());
        }
    }
    state
}

fn mark(state: &mut State, n: usize) {
    (0..n).for_each(|_| drop(send(state, Msg::FaceMark)));
}

#[test]
fn associate_names_a_user_and_sends_batches_of_at_most_100() {
    let mut state = opened(250);
    assert!(send(&mut state, Msg::AssociateOpen).is_empty());
    assert!(last_log(&state).contains("no face is marked"));
    send(&mut state, Msg::MarkAll);
    send(&mut state, Msg::AssociateOpen);
    assert_eq!(state.mode(), Mode::UserForm);
    type_text(&mut state, "emp/1");
    assert!(
        send(&mut state, Msg::DialogSubmit).is_empty(),
        "'/' is not allowed"
    );
    send(&mut state, Msg::DialogBackspace);
    send(&mut state, Msg::DialogBackspace);
    type_text(&mut state, "-1");
    let cmds = send(&mut state, Msg::DialogSubmit);
    let sizes: Vec<usize> = cmds
        .iter()
        .map(|c| match c {
            Command::Change(Mutation {
                change: Change::AssociateFaces { id, user, face_ids },
                intent,
            }) => {
                assert_eq!((id.as_str(), user.as_str()), ("b", "emp-1"));
                assert_eq!(intent.operation, Operation::AssociateFaces);
                assert_eq!(intent.face_count, Some(face_ids.len() as u64));
                face_ids.len()
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(sizes, [100, 100, 50]);
    assert!(state.overlay.is_none());
    assert_eq!(view(&state).changing, 3);
}

#[test]
fn refused_faces_are_logged_one_by_one_and_the_rest_change_user() {
    let mut state = opened(4);
    mark(&mut state, 3);
    send(&mut state, Msg::AssociateOpen);
    type_text(&mut state, "alice");
    let requested = match &send(&mut state, Msg::DialogSubmit)[..] {
        [
            Command::Change(Mutation {
                change: Change::AssociateFaces { face_ids, .. },
                ..
            }),
        ] => face_ids.clone(),
        other => panic!("{other:?}"),
    };
    let result = Association {
        faces: vec!["face-00000".into(), "face-00002".into()],
        unsuccessful: vec![FaceRefusal {
            face_id: "face-00001".into(),
            user_id: Some("bob".into()),
            reasons: vec!["ASSOCIATED_TO_A_DIFFERENT_USER".into()],
        }],
        user_status: Some("UPDATING".into()),
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Associated {
            id: "b".parse().unwrap(),
            user: "alice".parse().unwrap(),
            requested,
            outcome: ok(result),
        }),
    );
    let texts: Vec<&str> = state.log.entries.iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.starts_with(
            "AssociateFaces b: 2 faces of 3 associated with user alice; 1 refused (user UPDATING) · request req-1"
        )),
        "{texts:?}"
    );
    assert!(texts.contains(
        &"AssociateFaces b: face face-00001 refused: ASSOCIATED_TO_A_DIFFERENT_USER (user bob)"
    ));
    let users: Vec<Option<&str>> = view(&state)
        .faces
        .iter()
        .map(|f| f.user_id.as_deref())
        .collect();
    assert_eq!(users, [Some("alice"), None, Some("alice"), None]);
    assert_eq!(view(&state).changing, 0);
}

#[test]
fn disassociate_confirms_the_faces_with_a_user_and_groups_them_by_user() {
    let mut state = owned(14, |i| match i % 3 {
        0 => Some("alice"),
        1 => Some("bob"),
        _ => None,
    });
    // Faces without a user are left out; none at all is only a warning.
    send(&mut state, Msg::Down);
    send(&mut state, Msg::Down);
    send(&mut state, Msg::FaceMark);
    assert!(send(&mut state, Msg::DisassociateOpen).is_empty());
    assert!(state.overlay.is_none());
    assert!(last_log(&state).contains("none of the marked faces belongs to a user"));
    send(&mut state, Msg::MarkAll);
    send(&mut state, Msg::DisassociateOpen);
    let faces = match state.confirm().map(|c| &c.action) {
        Some(Action::Disassociate { faces }) => faces.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(faces.len(), 10);
    assert_eq!(
        faces[0],
        ("face-00000".to_string(), "alice".parse().unwrap())
    );
    assert_eq!(faces[1], ("face-00001".to_string(), "bob".parse().unwrap()));
    assert!(
        !state.confirm().is_some_and(|c| c.typing),
        "10 faces: buttons"
    );
    send(&mut state, Msg::DialogFocusNext);
    let cmds = send(&mut state, Msg::DialogSubmit);
    let batches: Vec<(String, usize)> = cmds
        .iter()
        .map(|c| match c {
            Command::Change(Mutation {
                change: Change::DisassociateFaces { user, face_ids, .. },
                intent,
            }) => {
                assert_eq!(intent.operation, Operation::DisassociateFaces);
                (user.to_string(), face_ids.len())
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(batches, [("alice".into(), 5), ("bob".into(), 5)]);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Disassociated {
            id: "b".parse().unwrap(),
            user: "alice".parse().unwrap(),
            requested: vec!["face-00000".into()],
            outcome: ok(Association {
                faces: vec!["face-00000".into()],
                unsuccessful: Vec::new(),
                user_status: None,
            }),
        }),
    );
    assert_eq!(view(&state).faces[0].user_id, None);
    assert_eq!(view(&state).faces[1].user_id.as_deref(), Some("bob"));
}

#[test]
fn read_only_and_protected_refuse_associate_and_disassociate() {
    let mut ro = session();
    ro.read_only = true;
    let mut state = loaded_with(ro, &["b"]).0;
    send(&mut state, Msg::DetailOpen);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(super::manage::faces_page(0..3, None)),
        }),
    );
    if let Some(view) = state.detail_mut() {
        view.faces[0].user_id = Some("alice".parse().unwrap());
    }
    for msg in [Msg::AssociateOpen, Msg::DisassociateOpen, Msg::EraseOpen] {
        send(&mut state, Msg::MarkAll);
        assert!(send(&mut state, msg.clone()).is_empty(), "{msg:?}");
        assert!(
            matches!(
                state.overlay,
                Some(Overlay::Notice(Notice::ReadOnly { .. }))
            ),
            "{msg:?}"
        );
        send(&mut state, Msg::DialogCancel);
    }
    let mut state = owned(3, |_| Some("alice"));
    state.settings.protect = crate::protect::Protect::new(&["b"]).expect("a rule");
    for msg in [Msg::AssociateOpen, Msg::DisassociateOpen, Msg::EraseOpen] {
        send(&mut state, Msg::MarkAll);
        assert!(send(&mut state, msg.clone()).is_empty(), "{msg:?}");
        assert!(
            matches!(
                state.overlay,
                Some(Overlay::Notice(Notice::Protected { .. }))
            ),
            "{msg:?}"
        );
        send(&mut state, Msg::DialogCancel);
    }
}
