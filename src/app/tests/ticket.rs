//! The ticket a session's changes serve: from `--ticket`, typed or changed in a dialog
//! with Ctrl-T, and carried by every change's intent.

use super::delete::{confirm, dialog, opened, verify};
use super::*;
use crate::app::msg::{Change, Mutation};

fn intent_ticket(cmds: &[Command]) -> Option<String> {
    match cmds {
        [
            Command::Change(Mutation {
                change: Change::DeleteCollection { .. },
                intent,
            }),
        ] => intent.ticket.clone(),
        other => panic!("expected one delete, got {other:?}"),
    }
}

fn deleted_with(state: &mut State) -> Option<String> {
    confirm(state, "b");
    let cmds = verify(state, "b", detail(3, 1));
    intent_ticket(&cmds)
}

#[test]
fn the_session_ticket_goes_on_every_change() {
    let mut state = opened(&["a", "b"], "b");
    state.settings.ticket = Some("DSAR-2026-0042".into());
    assert_eq!(deleted_with(&mut state).as_deref(), Some("DSAR-2026-0042"));

    let mut state = opened(&["a", "b"], "b");
    assert_eq!(deleted_with(&mut state), None, "no ticket, none recorded");
}

#[test]
fn ctrl_t_types_a_ticket_that_enter_keeps_for_the_session() {
    let mut state = opened(&["a", "b"], "b");
    send(&mut state, Msg::DialogTicket);
    assert_eq!(dialog(&state).ticket.as_deref(), Some(""));
    // Letters go to the ticket, not the typed ID; a space cannot be in one.
    type_text(&mut state, "DSAR 7x");
    send(&mut state, Msg::DialogBackspace);
    assert_eq!(dialog(&state).ticket.as_deref(), Some("DSAR7"));
    assert_eq!(dialog(&state).input, "");
    send(&mut state, Msg::DialogSubmit);
    assert_eq!(dialog(&state).ticket, None, "back to the ID");
    assert_eq!(state.settings.ticket.as_deref(), Some("DSAR7"));
    assert!(
        state.confirm().is_some(),
        "Enter kept the ticket, nothing else"
    );
    assert_eq!(deleted_with(&mut state).as_deref(), Some("DSAR7"));
}

#[test]
fn esc_undoes_the_ticket_being_typed_and_keeps_the_dialog() {
    let mut state = opened(&["a", "b"], "b");
    state.settings.ticket = Some("OLD-1".into());
    send(&mut state, Msg::DialogTicket);
    assert_eq!(dialog(&state).ticket.as_deref(), Some("OLD-1"));
    type_text(&mut state, "23");
    send(&mut state, Msg::DialogCancel);
    assert!(state.confirm().is_some(), "Esc left only the ticket line");
    assert_eq!(state.settings.ticket.as_deref(), Some("OLD-1"));
    // An emptied ticket kept with Enter is no ticket.
    send(&mut state, Msg::DialogTicket);
    for _ in 0..5 {
        send(&mut state, Msg::DialogBackspace);
    }
    send(&mut state, Msg::DialogSubmit);
    assert_eq!(state.settings.ticket, None);
}

#[test]
fn ticket_references_follow_one_rule() {
    assert_eq!(
        crate::ids::ticket("DSAR-2026-0042").as_deref(),
        Ok("DSAR-2026-0042")
    );
    assert!(crate::ids::ticket("JIRA:PRIV/12#3").is_ok());
    for bad in ["", "a b", "DSAR\n1", "é", &"x".repeat(65)] {
        assert!(crate::ids::ticket(bad).is_err(), "{bad:?}");
    }
}
