//! The detail view, marking faces and DeleteFaces, through `update` and the key map.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rstest::rstest;

use super::*;
use crate::api::{Described, Face, FaceDeletion, FacePage, Undeleted};
use crate::app::Mode;
use crate::app::dialog::Button;
use crate::app::keymap::map;

fn face(i: usize) -> Face {
    Face {
        face_id: format!("face-{i:05}"),
        image_id: Some(format!("image-{i}")),
        external_image_id: Some(format!("cam-{i}.jpg")),
        user_id: None,
        confidence: Some(99.5),
    }
}

fn faces_page(range: std::ops::Range<usize>, next: Option<&str>) -> FacePage {
    FacePage {
        faces: range.map(face).collect(),
        next_token: next.map(Into::into),
    }
}

/// A table of `a`, `b`, `c` with the detail view of `b` open and `n` faces loaded.
fn opened(n: usize) -> State {
    let mut state = loaded(&["a", "b", "c"]);
    select(&mut state, "b");
    send(&mut state, Msg::DetailOpen);
    let mut d = detail(n as u64, 0);
    d.arn = Some("arn:aws:rekognition:eu-west-1:123456789012:collection/b".into());
    let outcome = ok(Described {
        detail: d,
        tags: Ok(vec![("team".into(), "ops".into())]),
    });
    send(
        &mut state,
        Msg::DetailDescribed {
            id: "b".into(),
            outcome,
        },
    );
    send(
        &mut state,
        Msg::FacesLoaded {
            id: "b".into(),
            token: None,
            outcome: ok(faces_page(0..n, None)),
        },
    );
    state
}

fn view(state: &State) -> &crate::app::detail::DetailView {
    state.detail.as_ref().expect("the detail view is open")
}

#[test]
fn enter_opens_the_detail_view_and_asks_for_everything_it_shows() {
    let mut state = loaded(&["a", "b", "c"]);
    select(&mut state, "b");
    let cmds = send(&mut state, Msg::DetailOpen);
    for want in [
        Command::DescribeDetail { id: "b".into() },
        Command::ListUsers { id: "b".into() },
        Command::ListFaces {
            id: "b".into(),
            token: None,
        },
    ] {
        assert!(cmds.contains(&want), "{want:?} missing from {cmds:?}");
    }
    assert_eq!(state.mode(), Mode::Detail);
}

#[test]
fn esc_returns_to_the_table_with_the_same_selection() {
    let mut state = opened(30);
    send(&mut state, Msg::Down);
    send(&mut state, Msg::Bottom);
    assert_eq!(view(&state).selected, 29);
    send(&mut state, Msg::DetailClose);
    assert!(state.detail.is_none());
    assert_eq!(state.mode(), Mode::Table);
    assert_eq!(state.table.selected_id(), Some("b"));
}

#[test]
fn faces_load_page_by_page_as_the_selection_nears_the_end() {
    let mut state = loaded(&["b"]);
    send(&mut state, Msg::DetailOpen);
    let cmds = send(
        &mut state,
        Msg::FacesLoaded {
            id: "b".into(),
            token: None,
            outcome: ok(faces_page(0..100, Some("t1"))),
        },
    );
    assert!(cmds.iter().all(|c| !matches!(c, Command::ListFaces { .. })));
    assert!(!view(&state).complete());
    let cmds = send(&mut state, Msg::Bottom);
    let next = Command::ListFaces {
        id: "b".into(),
        token: Some("t1".into()),
    };
    assert_eq!(cmds.iter().filter(|c| **c == next).count(), 1);
    // Already asked: moving again does not ask twice.
    assert!(!send(&mut state, Msg::Up).contains(&next));
    // A late page of an older view (other token) is dropped.
    send(
        &mut state,
        Msg::FacesLoaded {
            id: "b".into(),
            token: None,
            outcome: ok(faces_page(500..600, Some("stale"))),
        },
    );
    assert_eq!(view(&state).faces.len(), 100);
    send(
        &mut state,
        Msg::FacesLoaded {
            id: "b".into(),
            token: Some("t1".into()),
            outcome: ok(faces_page(100..150, None)),
        },
    );
    assert_eq!(view(&state).faces.len(), 150);
    assert!(view(&state).complete());
}

#[test]
fn results_for_a_closed_view_change_nothing_there() {
    let mut state = loaded(&["a", "b"]);
    select(&mut state, "b");
    send(&mut state, Msg::DetailOpen);
    send(&mut state, Msg::DetailClose);
    send(
        &mut state,
        Msg::FacesLoaded {
            id: "b".into(),
            token: None,
            outcome: ok(faces_page(0..3, None)),
        },
    );
    assert!(state.detail.is_none());
}

#[test]
fn space_marks_and_moves_on_and_unmarks_on_the_way_back() {
    let mut state = opened(5);
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::FaceMark);
    assert_eq!(view(&state).selected, 2);
    assert_eq!(view(&state).marked.len(), 2);
    send(&mut state, Msg::Up);
    send(&mut state, Msg::FaceMark);
    assert_eq!(
        view(&state).marked.iter().collect::<Vec<_>>(),
        ["face-00000"]
    );
}

#[test]
fn up_to_ten_faces_confirm_with_buttons_and_cancel_has_the_focus() {
    let mut state = opened(5);
    (0..3).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    send(&mut state, Msg::FacesDeleteOpen);
    assert_eq!(state.mode(), Mode::Dialog);
    let confirm = view(&state).confirm.clone().expect("confirmation");
    assert!(!confirm.type_id());
    assert_eq!(confirm.focus, Button::Cancel);
    // Enter on Cancel closes without sending; typing is not needed and ignored.
    type_text(&mut state, "b");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    assert!(view(&state).confirm.is_none());
    send(&mut state, Msg::FacesDeleteOpen);
    send(&mut state, Msg::DialogFocusNext);
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert_eq!(
        cmds,
        [Command::DeleteFaces {
            id: "b".into(),
            face_ids: vec![
                "face-00000".into(),
                "face-00001".into(),
                "face-00002".into()
            ],
        }]
    );
    assert_eq!(view(&state).deleting, 1);
    // A second `d` while the first runs only warns.
    send(&mut state, Msg::FacesDeleteOpen);
    assert!(view(&state).confirm.is_none());
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
    assert!(view(&state).confirm.as_ref().is_some_and(|c| c.type_id()));
    send(&mut state, Msg::DialogFocusNext);
    assert!(
        send(&mut state, Msg::DialogSubmit).is_empty(),
        "no ID typed"
    );
    type_text(&mut state, "x");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty(), "wrong ID");
    assert!(view(&state).confirm.as_ref().is_some_and(|c| c.mismatch));
    send(&mut state, Msg::DialogBackspace);
    type_text(&mut state, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert!(matches!(&cmds[..], [Command::DeleteFaces { face_ids, .. }] if face_ids.len() == 11));
}

#[test]
fn marked_faces_go_in_batches_of_at_most_4096() {
    let mut state = opened(5000);
    let all: Vec<String> = view(&state)
        .faces
        .iter()
        .map(|f| f.face_id.clone())
        .collect();
    if let Some(d) = state.detail.as_mut() {
        d.marked.extend(all);
    }
    send(&mut state, Msg::FacesDeleteOpen);
    type_text(&mut state, "b");
    let cmds = send(&mut state, Msg::DialogSubmit);
    let sizes: Vec<usize> = cmds
        .iter()
        .filter_map(|c| match c {
            Command::DeleteFaces { face_ids, .. } => Some(face_ids.len()),
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
        [Command::DeleteFaces { face_ids, .. }] => face_ids.clone(),
        other => panic!("{other:?}"),
    };
    let result = FaceDeletion {
        deleted: vec!["face-00000".into(), "face-00002".into()],
        unsuccessful: vec![Undeleted {
            face_id: "face-00001".into(),
            user_id: Some("alice".into()),
            reasons: vec!["ASSOCIATED_TO_AN_EXISTING_USER".into()],
        }],
    };
    send(
        &mut state,
        Msg::FacesDeleted {
            id: "b".into(),
            requested,
            outcome: ok(result),
        },
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
    let what = "DeleteFaces b: task panicked".to_string();
    send(&mut state, Msg::TaskFailed { what });
    assert_eq!(view(&state).deleting, 0);
    assert!(last_log(&state).contains("internal error"));
    send(&mut state, Msg::Refresh);
    let what = "ListFaces b: task panicked".to_string();
    send(&mut state, Msg::TaskFailed { what });
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
        Msg::FacesLoaded {
            id: "b".into(),
            token: None,
            outcome: ok(faces_page(0..3, None)),
        },
    );
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::FacesDeleteOpen);
    assert!(view(&state).confirm.is_none());
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
    assert!(view(&state).confirm.is_none());
    assert!(last_log(&state).contains("Space marks"));
}

#[test]
fn copy_id_and_arn_are_commands_and_an_unknown_arn_is_said() {
    let mut state = loaded(&["a", "b"]);
    select(&mut state, "b");
    assert_eq!(
        send(&mut state, Msg::CopyId),
        [Command::Copy {
            what: "collection ID b".into(),
            text: "b".into()
        }]
    );
    assert!(
        send(&mut state, Msg::CopyArn)
            .iter()
            .all(|c| !matches!(c, Command::Copy { .. }))
    );
    assert!(last_log(&state).contains("not known yet"));
    let mut d = detail(1, 0);
    d.arn = Some("arn:aws:rekognition:eu-west-1:1:collection/b".into());
    describe(&mut state, "b", d);
    assert_eq!(
        send(&mut state, Msg::CopyArn),
        [Command::Copy {
            what: "ARN arn:aws:rekognition:eu-west-1:1:collection/b".into(),
            text: "arn:aws:rekognition:eu-west-1:1:collection/b".into()
        }]
    );
    send(
        &mut state,
        Msg::Copied {
            what: "collection ID b (through tmux)".into(),
            result: Ok(()),
        },
    );
    assert_eq!(
        last_log(&state),
        "Copied collection ID b (through tmux) to the clipboard (OSC 52)"
    );
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[rstest]
#[case(key(KeyCode::Char('j')), Some(Msg::Down))]
#[case(key(KeyCode::Char('k')), Some(Msg::Up))]
#[case(key(KeyCode::PageDown), Some(Msg::PageDown))]
#[case(key(KeyCode::Char('G')), Some(Msg::Bottom))]
#[case(key(KeyCode::Char(' ')), Some(Msg::FaceMark))]
#[case(key(KeyCode::Char('d')), Some(Msg::FacesDeleteOpen))]
#[case(key(KeyCode::Delete), Some(Msg::FacesDeleteOpen))]
#[case(key(KeyCode::Char('y')), Some(Msg::CopyId))]
#[case(key(KeyCode::Char('Y')), Some(Msg::CopyArn))]
#[case(key(KeyCode::Char('r')), Some(Msg::Refresh))]
#[case(key(KeyCode::Esc), Some(Msg::DetailClose))]
#[case(key(KeyCode::Backspace), Some(Msg::DetailClose))]
#[case(key(KeyCode::Char('q')), Some(Msg::DetailClose))]
#[case(key(KeyCode::Char('/')), None)]
#[case(key(KeyCode::Char('c')), None)]
#[case(
    KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    Some(Msg::Quit)
)]
fn detail_keys(#[case] key: KeyEvent, #[case] want: Option<Msg>) {
    assert_eq!(map(&opened(3), key), want);
}

#[test]
fn confirmation_keys_are_dialog_keys() {
    let mut state = opened(3);
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::FacesDeleteOpen);
    assert_eq!(map(&state, key(KeyCode::Esc)), Some(Msg::DialogCancel));
    assert_eq!(map(&state, key(KeyCode::Tab)), Some(Msg::DialogFocusNext));
    assert_eq!(
        map(&state, key(KeyCode::Char(' '))),
        Some(Msg::DialogInput(' '))
    );
    send(&mut state, Msg::DialogCancel);
    assert_eq!(
        state.mode(),
        Mode::Detail,
        "Esc in the dialog stays in the view"
    );
}
