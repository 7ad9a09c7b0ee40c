//! The detail view, marking faces and copying, through `update` and the key map.

use crate::app::msg::{DetailAnswer, DetailCall, SessionAnswer, SessionCall, TableCall};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rstest::rstest;

use super::*;
use crate::app::Mode;
use crate::app::keys::map;
use crate::aws::api::{Described, Face, FacePage};

pub(super) fn face(i: usize) -> Face {
    Face {
        face_id: format!("face-{i:05}"),
        image_id: Some(format!("image-{i}")),
        external_image_id: Some(format!("cam-{i}.jpg")),
        user_id: None,
        confidence: Some(99.5),
        bounding_box: None,
        index_faces_model_version: None,
    }
}

pub(super) fn faces_page(range: std::ops::Range<usize>, next: Option<&str>) -> FacePage {
    FacePage {
        faces: range.map(face).collect(),
        next_token: next.map(Into::into),
    }
}

/// A table of `a`, `b`, `c` with the detail view of `b` open and `n` faces loaded.
pub(super) fn opened(n: usize) -> State {
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
        Msg::Detail(DetailAnswer::DetailDescribed {
            id: "b".parse().unwrap(),
            outcome,
        }),
    );
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(faces_page(0..n, None)),
        }),
    );
    state
}

pub(super) fn view(state: &State) -> &crate::app::detail::DetailView {
    state.detail().expect("the detail view is open")
}

#[test]
fn enter_opens_the_detail_view_and_asks_for_everything_it_shows() {
    let mut state = loaded(&["a", "b", "c"]);
    select(&mut state, "b");
    let cmds = send(&mut state, Msg::DetailOpen);
    for want in [
        Command::Detail(DetailCall::DescribeDetail {
            id: "b".parse().unwrap(),
        }),
        Command::Detail(DetailCall::ListUsers {
            id: "b".parse().unwrap(),
            token: None,
        }),
        Command::Detail(DetailCall::ListFaces {
            id: "b".parse().unwrap(),
            token: None,
        }),
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
    assert_eq!(view(&state).cursor.selected, 29);
    send(&mut state, Msg::DetailClose);
    assert!(state.detail().is_none());
    assert_eq!(state.mode(), Mode::Table);
    assert_eq!(state.table.selected_id(), Some("b"));
}

#[test]
fn faces_load_page_by_page_as_the_selection_nears_the_end() {
    let mut state = loaded(&["b"]);
    send(&mut state, Msg::DetailOpen);
    let cmds = send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(faces_page(0..100, Some("t1"))),
        }),
    );
    assert!(
        cmds.iter()
            .all(|c| !matches!(c, Command::Detail(DetailCall::ListFaces { .. })))
    );
    assert!(!view(&state).complete());
    let cmds = send(&mut state, Msg::Bottom);
    let next = Command::Detail(DetailCall::ListFaces {
        id: "b".parse().unwrap(),
        token: Some("t1".into()),
    });
    assert_eq!(cmds.iter().filter(|c| **c == next).count(), 1);
    // Already asked: moving again does not ask twice.
    assert!(!send(&mut state, Msg::Up).contains(&next));
    // A late page of an older view (other token) is dropped.
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(faces_page(500..600, Some("stale"))),
        }),
    );
    assert_eq!(view(&state).faces.len(), 100);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: Some("t1".into()),
            outcome: ok(faces_page(100..150, None)),
        }),
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
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: "b".parse().unwrap(),
            token: None,
            outcome: ok(faces_page(0..3, None)),
        }),
    );
    assert!(state.detail().is_none());
}

#[test]
fn space_marks_and_moves_on_and_unmarks_on_the_way_back() {
    let mut state = opened(5);
    send(&mut state, Msg::FaceMark);
    send(&mut state, Msg::FaceMark);
    assert_eq!(view(&state).cursor.selected, 2);
    assert_eq!(view(&state).marked.len(), 2);
    send(&mut state, Msg::Up);
    send(&mut state, Msg::FaceMark);
    assert_eq!(
        view(&state).marked.iter().collect::<Vec<_>>(),
        ["face-00000"]
    );
}

#[test]
fn copy_id_and_arn_are_commands_and_an_unknown_arn_is_said() {
    let mut state = loaded(&["a", "b"]);
    select(&mut state, "b");
    assert_eq!(
        send(&mut state, Msg::CopyId),
        [Command::Session(SessionCall::Copy {
            what: "collection ID b".into(),
            text: "b".into()
        })]
    );
    assert!(
        send(&mut state, Msg::CopyArn)
            .iter()
            .all(|c| !matches!(c, Command::Session(SessionCall::Copy { .. })))
    );
    assert!(last_log(&state).contains("not known yet"));
    let mut d = detail(1, 0);
    d.arn = Some("arn:aws:rekognition:eu-west-1:1:collection/b".into());
    describe(&mut state, "b", d);
    assert_eq!(
        send(&mut state, Msg::CopyArn),
        [Command::Session(SessionCall::Copy {
            what: "ARN arn:aws:rekognition:eu-west-1:1:collection/b".into(),
            text: "arn:aws:rekognition:eu-west-1:1:collection/b".into()
        })]
    );
    send(
        &mut state,
        Msg::Session(SessionAnswer::Copied {
            what: "collection ID b (through tmux)".into(),
            result: Ok(()),
        }),
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
#[case(key(KeyCode::Char('h')), Some(Msg::DetailClose))]
#[case(key(KeyCode::Left), Some(Msg::DetailClose))]
#[case(key(KeyCode::Char('?')), Some(Msg::ToggleHelp))]
#[case(key(KeyCode::Enter), None)]
#[case(key(KeyCode::Tab), None)]
#[case(key(KeyCode::Char('/')), Some(Msg::SearchOpen))]
#[case(key(KeyCode::Char('A')), Some(Msg::MarkAll))]
#[case(key(KeyCode::Char('a')), Some(Msg::AssociateOpen))]
#[case(key(KeyCode::Char('x')), Some(Msg::DisassociateOpen))]
#[case(key(KeyCode::Char('E')), Some(Msg::EraseOpen))]
#[case(key(KeyCode::Char('u')), Some(Msg::PaneToggle))]
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

#[test]
fn r_in_the_view_reloads_it_and_help_returns_to_it() {
    let mut state = opened(5);
    send(&mut state, Msg::FaceMark);
    let cmds = send(&mut state, Msg::Refresh);
    assert!(cmds.contains(&Command::Detail(DetailCall::ListFaces {
        id: "b".parse().unwrap(),
        token: None
    })));
    assert!(cmds.contains(&Command::Detail(DetailCall::DescribeDetail {
        id: "b".parse().unwrap()
    })));
    assert!(view(&state).marked.is_empty() && view(&state).faces.is_empty());
    assert!(
        cmds.iter()
            .all(|c| !matches!(c, Command::Table(TableCall::ListPage { .. }))),
        "the table is not refreshed under the view"
    );
    send(&mut state, Msg::ToggleHelp);
    assert_eq!(state.mode(), Mode::Help);
    send(&mut state, Msg::ToggleHelp);
    assert_eq!(state.mode(), Mode::Detail);
}
