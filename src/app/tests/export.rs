//! The pre-delete manifest in the delete flow.

use crate::app::msg::{Change, Mutation, SessionAnswer, TableAnswer, TableCall};
use std::path::PathBuf;

use super::*;
use crate::app::collections::export::Phase;
use crate::manifest::Exported;

fn opened(faces: u64) -> State {
    let mut state = loaded(&["lobby"]);
    state.settings.manifest = true;
    describe(&mut state, "lobby", detail(faces, 1));
    select(&mut state, "lobby");
    state
}

fn exported(faces: u64, described: u64) -> Msg {
    Msg::Table(TableAnswer::Exported {
        id: "lobby".parse().unwrap(),
        result: Ok(Exported {
            path: PathBuf::from("/m/1/eu-west-1/lobby-20240501T123456Z.jsonl"),
            sha256: "ab".repeat(32),
            faces,
            users: 1,
            described_faces: Some(described),
        }),
    })
}

fn export_phase(state: &State) -> Option<&Phase> {
    state.confirm()?.export().map(|e| &e.phase)
}

#[test]
fn opening_the_dialog_starts_the_export_and_delete_waits_for_it() {
    let mut state = opened(3);
    let cmds = send(&mut state, Msg::DeleteOpen);
    let [Command::Table(TableCall::ExportManifest { target })] = &cmds[..] else {
        panic!("{cmds:?}");
    };
    assert_eq!(
        (target.id.as_str(), target.region.as_str()),
        ("lobby", "eu-west-1")
    );
    assert_eq!(target.profile.as_deref(), Some("ops"));
    assert_eq!(export_phase(&state), Some(&Phase::Running));

    type_text(&mut state, "lobby");
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert!(cmds.is_empty(), "no delete before the manifest: {cmds:?}");

    update(
        &mut state,
        Msg::Table(TableAnswer::ExportProgress {
            id: "lobby".parse().unwrap(),
            faces: 2,
            total: Some(3),
        }),
        NOW + 500,
    );
    let Some(d) = state.confirm() else {
        panic!("dialog closed");
    };
    let export = d.export().unwrap();
    assert_eq!((export.faces, export.total), (2, Some(3)));
    assert_eq!(export.rate(), Some(4.0));

    send(&mut state, exported(3, 3));
    assert!(last_log(&state).contains("manifest of lobby: 3 faces"));
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert_eq!(
        cmds,
        [Command::Table(TableCall::Verify {
            id: "lobby".parse().unwrap()
        })]
    );
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "lobby".parse().unwrap(),
            outcome: ok(detail(3, 1)),
        }),
    );
    let [
        Command::Change(Mutation {
            change: Change::DeleteCollection { .. },
            intent,
        }),
    ] = &cmds[..]
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(
        intent.manifest.as_deref(),
        Some(std::path::Path::new(
            "/m/1/eu-west-1/lobby-20240501T123456Z.jsonl"
        ))
    );
    assert_eq!(intent.manifest_sha256, Some("ab".repeat(32)));
}

#[test]
fn a_short_or_failed_manifest_keeps_delete_disabled() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    type_text(&mut state, "lobby");
    send(&mut state, exported(2, 3));
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());

    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    type_text(&mut state, "lobby");
    send(
        &mut state,
        Msg::Table(TableAnswer::Exported {
            id: "lobby".parse().unwrap(),
            result: Err("ListFaces lobby: AccessDeniedException: no".into()),
        }),
    );
    assert!(matches!(export_phase(&state), Some(Phase::Failed(_))));
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    assert!(state.log.entries.last().unwrap().hint.is_some());
}

#[test]
fn faces_added_after_the_export_stop_the_delete() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, exported(3, 3));
    type_text(&mut state, "lobby");
    send(&mut state, Msg::DialogSubmit);
    // The dialog was opened at 3 faces; the check finds 3 again, but the manifest is fine.
    // Now a manifest of 3 faces against a collection of 4 must not pass.
    if let Some(d) = state.confirm_mut() {
        d.set_counts(Some(4), Some(1));
    }
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "lobby".parse().unwrap(),
            outcome: ok(detail(4, 1)),
        }),
    );
    assert_eq!(deletes(&cmds), 0);
}

#[test]
fn closing_the_dialog_cancels_a_running_export_only() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    let cmds = send(&mut state, Msg::DialogCancel);
    assert!(cmds.contains(&Command::Table(TableCall::CancelExport {
        id: "lobby".parse().unwrap()
    })));

    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, exported(3, 3));
    let cmds = send(&mut state, Msg::DialogCancel);
    assert!(
        !cmds
            .iter()
            .any(|c| matches!(c, Command::Table(TableCall::CancelExport { .. })))
    );
}

fn discards(cmds: &[Command]) -> Vec<&std::path::Path> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Table(TableCall::DiscardManifest { path, .. }) => Some(path.as_path()),
            _ => None,
        })
        .collect()
}

const PATH: &str = "/m/1/eu-west-1/lobby-20240501T123456Z.jsonl";

#[test]
fn a_finished_manifest_goes_when_its_dialog_is_cancelled_and_the_log_says_so() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, exported(3, 3));
    let cmds = send(&mut state, Msg::DialogCancel);
    assert_eq!(discards(&cmds), [std::path::Path::new(PATH)]);
    send(
        &mut state,
        Msg::Table(TableAnswer::ManifestDiscarded {
            id: "lobby".parse().unwrap(),
            path: PATH.into(),
            result: Ok(()),
        }),
    );
    assert_eq!(
        last_log(&state),
        format!("manifest of lobby removed, as the delete was not sent: {PATH}")
    );
    send(
        &mut state,
        Msg::Table(TableAnswer::ManifestDiscarded {
            id: "lobby".parse().unwrap(),
            path: PATH.into(),
            result: Err("cannot remove it: Permission denied".into()),
        }),
    );
    assert!(last_log(&state).contains("Permission denied"));
}

#[test]
fn a_short_manifest_goes_too_when_the_dialog_is_cancelled() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, exported(2, 3));
    let cmds = send(&mut state, Msg::DialogCancel);
    assert_eq!(discards(&cmds).len(), 1);
}

#[test]
fn the_manifest_of_a_delete_that_is_sent_stays() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, exported(3, 3));
    type_text(&mut state, "lobby");
    send(&mut state, Msg::DialogSubmit);
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "lobby".parse().unwrap(),
            outcome: ok(detail(3, 1)),
        }),
    );
    assert_eq!(deletes(&cmds), 1);
    assert!(discards(&cmds).is_empty(), "{cmds:?}");
}

#[test]
fn a_delete_stopped_by_the_check_loses_its_manifest_once_the_dialog_closes() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, exported(3, 3));
    type_text(&mut state, "lobby");
    send(&mut state, Msg::DialogSubmit);
    // The collection was found gone: nothing to delete, the dialog closes.
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "lobby".parse().unwrap(),
            outcome: fail(
                crate::aws::api::ErrorKind::NotFound,
                "ResourceNotFoundException",
            ),
        }),
    );
    assert!(state.confirm().is_none());
    assert_eq!(discards(&cmds), [std::path::Path::new(PATH)]);
}

#[test]
fn an_export_that_ends_after_its_dialog_closed_is_removed() {
    let mut state = opened(3);
    send(&mut state, Msg::DeleteOpen);
    send(&mut state, Msg::DialogCancel);
    let cmds = send(&mut state, exported(3, 3));
    assert_eq!(discards(&cmds), [std::path::Path::new(PATH)]);
    // A failed one left no file to remove.
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Exported {
            id: "lobby".parse().unwrap(),
            result: Err("ListFaces lobby: throttled".into()),
        }),
    );
    assert!(discards(&cmds).is_empty());
}

#[test]
fn with_manifests_off_nothing_is_exported() {
    let mut state = opened(3);
    state.settings.manifest = false;
    assert!(send(&mut state, Msg::DeleteOpen).is_empty());
    assert_eq!(export_phase(&state), None);
}

#[test]
fn the_callers_identity_goes_into_the_intent_and_a_failure_is_logged() {
    use crate::app::session::Identity;
    let mut state = opened(0);
    state.settings.manifest = false;
    send(
        &mut state,
        Msg::Session(SessionAnswer::IdentityLoaded {
            result: Err("GetCallerIdentity: dispatch failure".into()),
        }),
    );
    assert!(last_log(&state).contains("cannot tell the account and caller"));
    send(
        &mut state,
        Msg::Session(SessionAnswer::IdentityLoaded {
            result: Ok(Identity {
                account: Some("210987654321".into()),
                arn: Some("arn:aws:sts::210987654321:assumed-role/ops/me".into()),
            }),
        }),
    );
    send(&mut state, Msg::DeleteOpen);
    type_text(&mut state, "lobby");
    send(&mut state, Msg::DialogSubmit);
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "lobby".parse().unwrap(),
            outcome: ok(detail(0, 1)),
        }),
    );
    let [
        Command::Change(Mutation {
            change: Change::DeleteCollection { .. },
            intent,
        }),
    ] = &cmds[..]
    else {
        panic!("{cmds:?}");
    };
    assert_eq!(intent.account.as_deref(), Some("210987654321"));
    assert_eq!(
        intent.caller_arn.as_deref(),
        Some("arn:aws:sts::210987654321:assumed-role/ops/me")
    );
    assert_eq!(intent.manifest, None);
}

#[test]
fn the_dialog_names_the_account_the_header_shows() {
    use crate::app::session::Identity;
    // No describe has given an ARN yet: only GetCallerIdentity knows the account.
    let mut state = loaded(&["lobby"]);
    send(
        &mut state,
        Msg::Session(SessionAnswer::IdentityLoaded {
            result: Ok(Identity {
                account: Some("210987654321".into()),
                arn: None,
            }),
        }),
    );
    send(&mut state, Msg::DeleteOpen);
    let confirm = state.confirm().expect("the delete dialog");
    assert_eq!(confirm.context.account.as_deref(), Some("210987654321"));
}
