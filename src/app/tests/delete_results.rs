//! What the check and the call answer, applied by collection id.

use super::delete::{confirm, dialog, opened, verify};
use super::*;
use crate::app::log::Level;
use crate::app::msg::TableAnswer;
use crate::app::overlay::confirm::Why as Notice;

#[test]
fn a_result_for_a_row_the_filter_hides_is_applied_by_id() {
    let mut state = opened(&["alpha", "beta"], "beta");
    confirm(&mut state, "beta");
    verify(&mut state, "beta", detail(3, 1));
    send(&mut state, Msg::FilterOpen);
    send(&mut state, Msg::FilterInput('a'));
    send(&mut state, Msg::FilterInput('l'));
    assert_eq!(state.table.selected_id(), Some("alpha"));
    send(
        &mut state,
        Msg::Table(TableAnswer::Deleted {
            id: "beta".parse().unwrap(),
            outcome: ok(200),
        }),
    );
    assert!(state.table.rows.iter().all(|r| r.id != "beta"));
    assert_eq!(state.table.selected_id(), Some("alpha"));
    send(&mut state, Msg::FilterClear);
    assert_eq!(state.table.view.len(), 1);
}

#[test]
fn a_second_d_while_deleting_starts_nothing() {
    let mut state = opened(&["a"], "a");
    confirm(&mut state, "a");
    verify(&mut state, "a", detail(3, 1));
    let cmds = send(&mut state, Msg::DeleteOpen);
    assert!(state.overlay.is_none());
    assert!(cmds.is_empty());
    assert!(last_log(&state).contains("already running"));
}

#[test]
fn already_gone_removes_the_row_with_a_warning() {
    let mut state = opened(&["a", "b"], "a");
    confirm(&mut state, "a");
    verify(&mut state, "a", detail(3, 1));
    send(
        &mut state,
        Msg::Table(TableAnswer::Deleted {
            id: "a".parse().unwrap(),
            outcome: fail(ErrorKind::NotFound, "ResourceNotFoundException"),
        }),
    );
    assert_eq!(state.table.rows.len(), 1);
    let entry = state.log.entries.last();
    assert_eq!(entry.map(|e| e.level), Some(Level::Warn));
    assert!(last_log(&state).contains("already gone"));
}

#[test]
fn gone_at_the_check_closes_without_deleting() {
    let mut state = opened(&["a"], "a");
    confirm(&mut state, "a");
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "a".parse().unwrap(),
            outcome: fail(ErrorKind::NotFound, "ResourceNotFoundException"),
        }),
    );
    assert_eq!(deletes(&cmds), 0);
    assert!(state.overlay.is_none() && state.table.rows.is_empty());
}

#[test]
fn other_errors_keep_the_row_and_log_a_hint() {
    let mut state = opened(&["a"], "a");
    confirm(&mut state, "a");
    verify(&mut state, "a", detail(3, 1));
    send(
        &mut state,
        Msg::Table(TableAnswer::Deleted {
            id: "a".parse().unwrap(),
            outcome: fail(ErrorKind::AccessDenied, "AccessDeniedException"),
        }),
    );
    assert_eq!(state.table.rows.len(), 1);
    assert!(state.table.deleting.is_empty());
    let hint = state.log.entries.last().and_then(|e| e.hint.clone());
    assert!(hint.is_some_and(|h| h.contains("rekognition:DeleteCollection")));
}

#[test]
fn a_failed_check_sends_nothing_and_says_why() {
    let mut state = opened(&["a"], "a");
    confirm(&mut state, "a");
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "a".parse().unwrap(),
            outcome: fail(ErrorKind::Throttled, "ThrottlingException"),
        }),
    );
    assert_eq!(deletes(&cmds), 0);
    assert!(matches!(
        dialog(&state).notice,
        Some(Notice::CheckFailed(_))
    ));
}

#[test]
fn cancelling_during_the_check_sends_nothing() {
    let mut state = opened(&["a"], "a");
    confirm(&mut state, "a");
    send(&mut state, Msg::DialogCancel);
    assert_eq!(deletes(&verify(&mut state, "a", detail(3, 1))), 0);
    assert!(state.table.deleting.is_empty());
}
