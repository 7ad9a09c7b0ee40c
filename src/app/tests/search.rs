//! `/` in the detail view: the input, the search's commands, progress and results, and
//! results that arrive for a search no longer shown.

use super::manage::{face, opened, view};
use super::*;
use crate::app::Mode;
use crate::app::detail::search::Phase;
use crate::app::msg::{Change, DetailAnswer, DetailCall, Mutation};
use crate::app::overlay::Overlay;
use crate::erase::search::{Found, Pattern, Progress, Search};

/// Types `text` into a freshly opened search input and presses Enter.
fn search(state: &mut State, text: &str) -> Vec<Command> {
    send(state, Msg::SearchOpen);
    type_text(state, text);
    send(state, Msg::DialogSubmit)
}

/// The serial of the FindFaces among `cmds`.
fn serial_of(cmds: &[Command]) -> u64 {
    cmds.iter()
        .find_map(|c| match c {
            Command::Detail(DetailCall::FindFaces { serial, .. }) => Some(*serial),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no FindFaces in {cmds:?}"))
}

fn found(id: &str, serial: u64, faces: &[usize], scanned: u64) -> Msg {
    Msg::Detail(DetailAnswer::Found {
        id: id.parse().unwrap(),
        serial,
        outcome: ok(Found {
            faces: faces.iter().map(|&i| face(i)).collect(),
            progress: Progress {
                pages: 1,
                scanned,
                matched: faces.len() as u64,
                total: Some(scanned),
            },
            ..Found::default()
        }),
    })
}

fn shown_ids(state: &State) -> Vec<String> {
    view(state)
        .shown()
        .iter()
        .map(|f| f.face_id.clone())
        .collect()
}

#[test]
fn invalid_text_shows_the_rule_in_the_input_and_sends_nothing() {
    let mut state = opened(5);
    send(&mut state, Msg::SearchOpen);
    assert_eq!(state.mode(), Mode::Search);
    type_text(&mut state, "cam 1");
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    match &state.overlay {
        Some(Overlay::Search(input)) => {
            let error = input.error.as_deref().unwrap_or_default();
            assert!(error.contains("a space"), "{error}");
        }
        other => panic!("the input closed: {other:?}"),
    }
    // Editing clears the error; Esc closes the input with nothing sent.
    send(&mut state, Msg::DialogBackspace);
    assert!(matches!(&state.overlay, Some(Overlay::Search(i)) if i.error.is_none()));
    assert!(send(&mut state, Msg::DialogCancel).is_empty());
    assert_eq!(state.mode(), Mode::Detail);
    assert!(view(&state).search.is_none());
}

#[test]
fn each_form_of_text_becomes_its_search() {
    let mut state = opened(5);
    let uuid = "0f3c2a1e-1111-4222-8333-444455556666";
    for (text, want) in [
        (uuid, Search::FaceIds(vec![uuid.parse().unwrap()])),
        ("user:emp-001", Search::User("emp-001".parse().unwrap())),
        (
            "cam-1*",
            Search::ExternalImageId(Pattern::new("cam-1*").expect("a pattern")),
        ),
    ] {
        let cmds = search(&mut state, text);
        let got = cmds.iter().find_map(|c| match c {
            Command::Detail(DetailCall::FindFaces {
                id, search, total, ..
            }) => Some((id.clone(), search.clone(), *total)),
            _ => None,
        });
        assert_eq!(got, Some(("b".parse().unwrap(), want, Some(5))), "{text}");
    }
}

#[test]
fn results_replace_the_list_until_esc_and_a_marks_every_result() {
    let mut state = opened(20);
    send(&mut state, Msg::FaceMark);
    let cmds = search(&mut state, "cam-1");
    let serial = serial_of(&cmds);
    assert!(
        view(&state).marked.is_empty(),
        "marks belong to the list they were made in"
    );
    let searched = view(&state).search.clone().expect("a search");
    assert_eq!(searched.phase, Phase::Running);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::SearchProgress {
            id: "b".parse().unwrap(),
            serial,
            progress: Progress {
                pages: 1,
                scanned: 10,
                matched: 2,
                total: Some(20),
            },
        }),
    );
    assert_eq!(
        view(&state).search.as_ref().map(|s| s.progress.scanned),
        Some(10)
    );
    send(&mut state, found("b", serial, &[1, 10, 11], 20));
    assert_eq!(
        shown_ids(&state),
        ["face-00001", "face-00010", "face-00011"]
    );
    let search = view(&state).search.as_ref().expect("results");
    assert_eq!(search.phase, Phase::Done);
    assert_eq!(search.summary(), "3 matches of 20 faces scanned");
    send(&mut state, Msg::MarkAll);
    assert_eq!(view(&state).marked.len(), 3);
    // Esc: the full list is back, without the marks made in the results.
    assert_eq!(
        crate::app::keys::map(
            &state,
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Esc)
        ),
        Some(Msg::SearchClose)
    );
    assert!(
        send(&mut state, Msg::SearchClose).is_empty(),
        "nothing runs"
    );
    assert_eq!(shown_ids(&state).len(), 20);
    assert!(view(&state).marked.is_empty());
    assert_eq!(state.mode(), Mode::Detail);
}

#[test]
fn esc_while_running_cancels_and_a_late_result_changes_nothing() {
    let mut state = opened(5);
    let serial = serial_of(&search(&mut state, "cam"));
    let cmds = send(&mut state, Msg::SearchClose);
    assert_eq!(cmds, [Command::Detail(DetailCall::CancelFind { serial })]);
    assert!(
        last_log(&state).contains("cancelled"),
        "{}",
        last_log(&state)
    );
    send(&mut state, found("b", serial, &[2], 5));
    assert!(view(&state).search.is_none());
    assert_eq!(shown_ids(&state).len(), 5);
}

#[test]
fn results_of_an_older_search_or_another_collection_are_dropped() {
    let mut state = opened(5);
    let first = serial_of(&search(&mut state, "cam-1"));
    let cmds = search(&mut state, "cam-2");
    assert!(
        cmds.contains(&Command::Detail(DetailCall::CancelFind { serial: first })),
        "a new search stops the one before: {cmds:?}"
    );
    let second = serial_of(&cmds);
    assert_ne!(first, second);
    send(&mut state, found("b", first, &[1], 5));
    send(&mut state, found("a", second, &[1], 5));
    assert_eq!(
        view(&state).search.as_ref().map(|s| s.phase.clone()),
        Some(Phase::Running)
    );
    send(&mut state, found("b", second, &[2], 5));
    assert_eq!(shown_ids(&state), ["face-00002"]);
}

#[test]
fn a_reload_or_leaving_the_view_stops_a_running_search() {
    let mut state = opened(5);
    let serial = serial_of(&search(&mut state, "cam"));
    let cmds = send(&mut state, Msg::Refresh);
    assert!(
        cmds.contains(&Command::Detail(DetailCall::CancelFind { serial })),
        "{cmds:?}"
    );
    // The reloaded view does not take the old search's results.
    send(&mut state, found("b", serial, &[1], 5));
    assert!(view(&state).search.is_none());

    let serial = serial_of(&search(&mut state, "cam"));
    let cmds = send(&mut state, Msg::DetailClose);
    assert_eq!(cmds, [Command::Detail(DetailCall::CancelFind { serial })]);
    assert!(state.detail().is_none());
}

#[test]
fn a_failed_or_lost_search_says_so_and_esc_returns() {
    let mut state = opened(5);
    let serial = serial_of(&search(&mut state, "cam"));
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Found {
            id: "b".parse().unwrap(),
            serial,
            outcome: fail(
                crate::aws::api::ErrorKind::AccessDenied,
                "AccessDeniedException",
            ),
        }),
    );
    assert!(matches!(
        view(&state).search.as_ref().map(|s| &s.phase),
        Some(Phase::Failed(why)) if why.contains("AccessDenied")
    ));
    assert!(last_log(&state).contains("ListFaces b"));
    assert!(
        send(&mut state, Msg::SearchClose).is_empty(),
        "nothing to cancel"
    );

    let cmds = search(&mut state, "cam");
    let command = Box::new(
        cmds.into_iter()
            .find(|c| matches!(c, Command::Detail(DetailCall::FindFaces { .. })))
            .expect("a search"),
    );
    let why = "task panicked".to_string();
    send(&mut state, Msg::TaskFailed { command, why });
    assert!(matches!(
        view(&state).search.as_ref().map(|s| &s.phase),
        Some(Phase::Failed(_))
    ));
}

#[test]
fn faces_deleted_from_the_results_leave_the_results_too() {
    let mut state = opened(5);
    let serial = serial_of(&search(&mut state, "cam"));
    send(&mut state, found("b", serial, &[1, 3], 5));
    send(&mut state, Msg::MarkAll);
    send(&mut state, Msg::FacesDeleteOpen);
    match state.confirm().map(|c| &c.action) {
        Some(crate::app::overlay::confirm::Action::DeleteFaces { face_ids }) => {
            assert_eq!(
                face_ids,
                &["face-00001", "face-00003"],
                "the results, in order"
            );
        }
        other => panic!("{other:?}"),
    }
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
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesDeleted {
            id: "b".parse().unwrap(),
            requested: requested.clone(),
            outcome: ok(crate::aws::api::FaceDeletion {
                deleted: requested,
                unsuccessful: Vec::new(),
            }),
        }),
    );
    assert!(shown_ids(&state).is_empty());
    assert_eq!(view(&state).faces.len(), 3);
}
