//! A running erasure through `update`: its steps in the dialog and the log pane, its report
//! ending the dialog and updating the view, and Ctrl-C while it runs.

use crate::app::msg::{Change, DetailAnswer, Mutation};
use std::time::Duration;

use super::manage::{opened, view};
use super::*;
use crate::app::overlay::confirm::{Action, Phase};
use crate::aws::api::Op;
use crate::aws::api::{FaceRefusal, User, UserPage};
use crate::erase::{Call, Report, Stage, Step, Stopped};
use crate::ids::CollectionId;

/// `b` with 4 faces (0 and 1 alice's), alice listed, faces 0..3 marked and the erasure
/// confirmed.
fn erasing() -> State {
    let mut state = opened(4);
    let page = UserPage {
        users: vec![User {
            user_id: "alice".parse().unwrap(),
            status: Some("ACTIVE".into()),
        }],
        next_token: None,
    };
    let id = || CollectionId::parse("b").unwrap();
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UsersLoaded {
            id: id(),
            token: None,
            outcome: ok(page),
        }),
    );
    if let Some(view) = state.detail_mut() {
        view.faces[0].user_id = Some("alice".parse().unwrap());
        view.faces[1].user_id = Some("alice".parse().unwrap());
    }
    (0..3).for_each(|_| drop(send(&mut state, Msg::FaceMark)));
    send(&mut state, Msg::EraseOpen);
    type_text(&mut state, "b");
    assert!(matches!(
        &send(&mut state, Msg::DialogSubmit)[..],
        [Command::Change(Mutation {
            change: Change::Erase { .. },
            ..
        })]
    ));
    state
}

fn run(state: &State) -> crate::app::detail::erase::Run {
    match state.confirm().map(|c| &c.action) {
        Some(Action::Erase(e)) => e.run.clone().expect("running"),
        other => panic!("{other:?}"),
    }
}

fn step(state: &mut State, step: Step) -> Vec<Command> {
    send(
        state,
        Msg::Detail(DetailAnswer::EraseStep {
            id: "b".parse().unwrap(),
            step: Box::new(step),
        }),
    )
}

fn call(op: Op, user: Option<&str>, sent: usize, done: usize) -> Step {
    Step::Call(Call {
        op,
        user_id: user.map(Into::into),
        sent,
        done,
        refused: Vec::new(),
        request_id: Some("rq-7".into()),
        elapsed: Duration::from_millis(12),
        error: None,
    })
}

#[test]
fn steps_move_the_dialog_and_every_call_is_logged() {
    let mut state = erasing();
    assert_eq!(run(&state).doing(), "starting");
    step(
        &mut state,
        Step::Manifest {
            path: "/m/b-erasure.jsonl".into(),
            sha256: "ab".repeat(32),
            faces: 3,
            users: 1,
        },
    );
    assert_eq!(run(&state).manifest.as_deref(), Some("/m/b-erasure.jsonl"));
    assert!(last_log(&state).starts_with("Erase b: manifest of 3 faces and 1 user written"));
    step(
        &mut state,
        Step::Stage {
            stage: Stage::DeleteFaces,
            calls: 1,
        },
    );
    assert_eq!(run(&state).doing(), "deleting the faces (0 of 1 calls)");
    let mut refused = call(Op::DeleteFaces, None, 3, 2);
    if let Step::Call(c) = &mut refused {
        c.refused.push(FaceRefusal {
            face_id: "face-00002".into(),
            user_id: None,
            reasons: vec!["FACE_NOT_FOUND".into()],
        });
    }
    step(&mut state, refused);
    let r = run(&state);
    assert_eq!((r.faces_erased, r.refused, r.calls), (2, 1, (1, 1)));
    let texts: Vec<&str> = state.log.entries.iter().map(|e| e.text.as_str()).collect();
    assert!(
        texts.contains(&"DeleteFaces b: 2 faces of 3 deleted · request rq-7 · 12 ms"),
        "{texts:?}"
    );
    assert_eq!(
        last_log(&state),
        "DeleteFaces b: face face-00002 kept: FACE_NOT_FOUND"
    );
    step(&mut state, call(Op::DeleteUser, Some("alice"), 0, 1));
    assert_eq!(run(&state).users_erased, 1);
    assert!(last_log(&state).starts_with("DeleteUser b: user alice deleted"));
    assert_eq!(state.confirm().map(|c| c.phase), Some(Phase::Running));
}

#[test]
fn the_report_ends_the_dialog_and_what_went_leaves_the_view() {
    let mut state = erasing();
    let report = Report {
        faces_erased: vec![
            "face-00000".into(),
            "face-00001".into(),
            "face-00002".into(),
        ],
        users_erased: vec!["alice".into()],
        ..Report::default()
    };
    let cmds = send(
        &mut state,
        Msg::Detail(DetailAnswer::Erased {
            id: "b".parse().unwrap(),
            result: Ok(Box::new(report)),
        }),
    );
    assert!(cmds.is_empty());
    assert_eq!(state.confirm().map(|c| c.phase), Some(Phase::Finished));
    assert!(
        matches!(run(&state).ended, Some(Ok(text)) if text.contains("3 faces and 1 user erased"))
    );
    let v = view(&state);
    assert_eq!(v.faces.len(), 1);
    assert!(v.users.users.is_empty());
    assert!(v.marked.is_empty());
    assert_eq!(v.total(), Some(1));
    assert_eq!(state.table.loaded("b").and_then(|d| d.face_count), Some(1));
    assert!(last_log(&state).starts_with("Erase b: All named are gone"));
    send(&mut state, Msg::DialogCancel);
    assert!(state.confirm().is_none());
}

#[test]
fn a_partial_or_refused_erasure_says_what_is_left_and_why() {
    let mut state = erasing();
    let report = Report {
        faces_erased: vec!["face-00002".into()],
        faces_not_reached: vec!["face-00000".into(), "face-00001".into()],
        users_not_reached: vec!["alice".into()],
        stopped: Some(Stopped {
            op: Op::DisassociateFaces,
            error: crate::aws::api::ApiError {
                kind: crate::aws::api::ErrorKind::AccessDenied,
                code: Some("AccessDeniedException".into()),
                message: "not allowed".into(),
                status: Some(400),
            },
            request_id: None,
        }),
        ..Report::default()
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Erased {
            id: "b".parse().unwrap(),
            result: Ok(Box::new(report)),
        }),
    );
    let ended = run(&state).ended;
    assert!(
        matches!(&ended, Some(Err(text)) if text.contains("3 not reached")
            && text.contains("Stopped by DisassociateFaces: AccessDeniedException")),
        "{ended:?}"
    );
    assert_eq!(
        view(&state).faces.len(),
        3,
        "only the erased face left the list"
    );

    let mut state = erasing();
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Erased {
            id: "b".parse().unwrap(),
            result: Err("refused: rekog is read-only".into()),
        }),
    );
    assert!(matches!(run(&state).ended, Some(Err(t)) if t.starts_with("Nothing was erased")));
    assert_eq!(view(&state).faces.len(), 4);
}

#[test]
fn ctrl_c_waits_for_the_erasure_and_a_second_one_quits_now() {
    let mut state = erasing();
    assert!(send(&mut state, Msg::Quit).is_empty());
    assert!(!state.should_quit());
    assert!(run(&state).quit_after);
    assert!(last_log(&state).contains("quits when the erasure ends"));
    let cmds = send(
        &mut state,
        Msg::Detail(DetailAnswer::Erased {
            id: "b".parse().unwrap(),
            result: Ok(Box::default()),
        }),
    );
    assert_eq!(cmds, [Command::Quit]);
    assert!(state.should_quit());

    let mut state = erasing();
    send(&mut state, Msg::Quit);
    assert_eq!(send(&mut state, Msg::Quit), [Command::Quit]);
    assert!(state.should_quit());
}

#[test]
fn steps_for_another_collection_change_nothing() {
    let mut state = erasing();
    send(
        &mut state,
        Msg::Detail(DetailAnswer::EraseStep {
            id: "c".parse().unwrap(),
            step: Box::new(Step::Stage {
                stage: Stage::DeleteUsers,
                calls: 2,
            }),
        }),
    );
    assert_eq!(run(&state).stage, None);
    send(
        &mut state,
        Msg::Detail(DetailAnswer::Erased {
            id: "c".parse().unwrap(),
            result: Ok(Box::default()),
        }),
    );
    assert_eq!(state.confirm().map(|c| c.phase), Some(Phase::Running));
}
