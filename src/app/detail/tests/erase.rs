//! The erasure dialog as data: finding a user's faces, starting, its steps, its end.

use super::*;
use crate::app::detail::erase::{self, Erasing, Faces};
use crate::app::detail::out::{Counts, DialogNews, TableNews};
use crate::app::detail::{Dialog, Load};
use crate::app::msg::Change;
use crate::app::overlay::Overlay;
use crate::app::overlay::confirm::{Action, Confirm, Phase};
use crate::aws::api::Op;
use crate::erase::{Report, Stage, Step};

/// The erasure dialog of user alice in `b`, its faces found by the search numbered 3.
fn dialog(view: &mut DetailView) -> Confirm {
    view.toggle_pane();
    let ask = view.ask(Dialog::Erase).ok().flatten().expect("an erasure");
    match ask.open(place(), 3).0 {
        Overlay::Confirm(confirm) => confirm,
        other => panic!("not a confirmation: {other:?}"),
    }
}

fn erasing(confirm: &Confirm) -> &Erasing {
    match &confirm.action {
        Action::Erase(erasing) => erasing,
        other => panic!("not an erasure: {other:?}"),
    }
}

#[test]
fn an_erasure_starts_once_its_faces_are_found() {
    let mut view = view_with(vec![owned(0, "alice")], &["alice"]);
    let mut confirm = dialog(&mut view);
    assert_eq!(erase::start(&mut confirm, None, None, NOW), None);
    erase::finding(&mut confirm, "b", 3, 1);
    let finding = Faces::Finding {
        serial: 3,
        so_far: 1,
    };
    assert_eq!(erasing(&confirm).faces, finding);
    assert!(!erase::found(&mut confirm, "b", 4, &Ok(Vec::new())));
    assert!(erase::found(
        &mut confirm,
        "b",
        3,
        &Ok(vec![owned(0, "alice")])
    ));
    assert_eq!(erasing(&confirm).owners(), ["alice"]);
    let arn = Some("arn:aws:iam::123456789012:user/ops".to_owned());
    let change = erase::start(&mut confirm, None, arn.clone(), NOW).map(|m| m.change);
    let Some(Change::Erase { erasure }) = change else {
        panic!("no erasure: {change:?}");
    };
    assert_eq!(erasure.target.id, "b");
    assert_eq!(erasure.target.account.as_deref(), Some("123456789012"));
    assert_eq!(
        (erasure.faces.len(), erasure.users.clone()),
        (1, vec![id("alice")])
    );
    assert_eq!(erasure.caller_arn, arn);
    assert_eq!(confirm.phase, Phase::Running);
    let started = erasing(&confirm).run.as_ref().map(|r| r.started);
    assert_eq!(started, Some(NOW));
}

fn running() -> Confirm {
    let mut view = view_with(vec![owned(0, "alice")], &["alice"]);
    let mut confirm = dialog(&mut view);
    erase::found(&mut confirm, "b", 3, &Ok(vec![owned(0, "alice")]));
    erase::start(&mut confirm, None, None, NOW);
    confirm
}

#[test]
fn steps_move_the_dialog_and_put_the_calls_in_the_log() {
    let mut confirm = running();
    let stage = Step::Stage {
        stage: Stage::DeleteFaces,
        calls: 2,
    };
    let out = erase::step(&id("b"), stage.clone(), NOW);
    assert!(out.notes.is_empty());
    let Some(DialogNews::EraseStep { step, .. }) = out.dialog else {
        panic!("no news for the dialog");
    };
    erase::advance(&mut confirm, "b", &step);
    let call = Step::Call(crate::erase::Call {
        op: Op::DeleteFaces,
        user_id: None,
        sent: 2,
        done: 2,
        refused: Vec::new(),
        request_id: None,
        elapsed: std::time::Duration::ZERO,
        error: None,
    });
    let out = erase::step(&id("b"), call.clone(), NOW);
    assert!(lines(&out)[0].starts_with("DeleteFaces b: 2 faces of 2 deleted"));
    erase::advance(&mut confirm, "b", &call);
    erase::advance(&mut confirm, "c", &call);
    let run = erasing(&confirm).run.clone().expect("running");
    assert_eq!(
        (run.stage, run.calls, run.faces_erased),
        (Some(Stage::DeleteFaces), (1, 2), 2)
    );
}

#[test]
fn the_end_forgets_what_was_erased_and_quits_when_ctrl_c_asked() {
    let faces = vec![owned(0, "alice"), owned(1, "bob"), face(2)];
    let mut view = view_with(faces, &["alice", "bob"]);
    let mut confirm = running();
    assert_eq!(erase::hold_quit(&mut confirm), Some(true));
    assert_eq!(
        erase::hold_quit(&mut confirm),
        Some(false),
        "the second quits now"
    );
    let report = Report {
        faces_erased: vec!["face-00000".into()],
        users_erased: vec!["bob".into()],
        ..Report::default()
    };
    let out = erase::ended(Some(&mut view), &id("b"), Ok(report), ROWS, NOW);
    assert_eq!(
        lines(&out),
        ["Erase b: All named are gone: 1 face and 1 user erased."]
    );
    let news = TableNews::FacesDeleted { id: id("b"), n: 1 };
    assert_eq!(out.table, [news]);
    assert_eq!(ids(&view.faces), ["face-00001", "face-00002"]);
    assert_eq!(view.faces[0].user_id, None, "bob's faces belong to no one");
    assert!(matches!(&view.info, Load::Loaded(d) if d.user_count == Some(1)));
    let Some(DialogNews::Erased { ended, counts, .. }) = out.dialog else {
        panic!("no news for the dialog");
    };
    let want = Counts {
        faces_erased: 1,
        users_erased: 1,
        refused: 0,
    };
    assert_eq!(counts, Some(want));
    assert!(
        erase::end(&mut confirm, "b", ended, counts),
        "Ctrl-C came while it ran"
    );
    assert_eq!(confirm.phase, Phase::Finished);
    assert_eq!(erase::hold_quit(&mut confirm), None);
}

#[test]
fn a_lost_erasure_says_what_it_did_is_unknown() {
    let mut confirm = running();
    assert!(!erase::lose(&mut confirm, "c"));
    assert_eq!(confirm.phase, Phase::Running);
    assert!(!erase::lose(&mut confirm, "b"));
    assert_eq!(confirm.phase, Phase::Finished);
    let ended = erasing(&confirm).run.as_ref().and_then(|r| r.ended.clone());
    assert!(matches!(ended, Some(Err(why)) if why.contains("unknown")));
    let out = erase::ended(
        None,
        &id("b"),
        Err("the manifest could not be written".into()),
        ROWS,
        NOW,
    );
    assert_eq!(
        lines(&out),
        ["Erase b: Nothing was erased: the manifest could not be written"]
    );
    assert!(out.table.is_empty());
}
