//! Switching the region: the picker, the connection, the old context dropped, and late
//! results of the old context ignored.

use crate::app::msg::{SessionAnswer, SessionCall, TableAnswer, TableCall};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::*;
use crate::app::Mode;
use crate::app::keys;
use crate::app::overlay::{Notice, Overlay};
use crate::context::{ConnectFailure, Context};

fn press(state: &mut State, code: KeyCode) -> Vec<Command> {
    let msg = keys::map(state, KeyEvent::from(code)).expect("a bound key");
    send(state, msg)
}

fn type_text(state: &mut State, text: &str) {
    text.chars().for_each(|c| {
        press(state, KeyCode::Char(c));
    });
}

fn london() -> Context {
    Context {
        role: None,
        profile: Some("ops".into()),
        region: "eu-west-2".into(),
    }
}

fn london_session() -> Session {
    Session {
        region: "eu-west-2".into(),
        ..session()
    }
}

/// A table of eu-west-1 rows with the region picker used to ask for London.
fn asked_for_london() -> State {
    let mut state = loaded(&["a", "b"]);
    press(&mut state, KeyCode::Char('R'));
    assert_eq!(state.mode(), Mode::Picker);
    type_text(&mut state, "london");
    let out = press(&mut state, KeyCode::Enter);
    assert_eq!(
        out,
        [Command::Session(SessionCall::Connect {
            context: london(),
            code: None
        })]
    );
    state
}

#[test]
fn a_switch_drops_the_old_rows_lists_anew_and_fetches_the_identity() {
    let mut state = asked_for_london();
    assert_eq!(
        state.table.rows.len(),
        2,
        "the old rows stay until connected"
    );
    let out = send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: london(),
            result: Ok(london_session()),
        }),
    );
    assert_eq!(state.session.region, "eu-west-2");
    assert!(state.table.rows.is_empty());
    assert!(out.contains(&Command::Session(SessionCall::Identity)));
    assert!(out.contains(&Command::Table(TableCall::ListPage {
        generation: 2,
        token: None
    })));
    let logged = state.log.entries.iter().any(|e| {
        e.text
            .contains("switched from profile ops, eu-west-1 to profile ops, eu-west-2")
    });
    assert!(logged);
}

#[test]
fn a_late_result_for_the_old_region_is_ignored() {
    let mut state = asked_for_london();
    send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: london(),
            result: Ok(london_session()),
        }),
    );
    let old = Context {
        role: None,
        profile: Some("ops".into()),
        region: "eu-west-1".into(),
    };
    let late = Msg::Table(TableAnswer::PageLoaded {
        generation: 2,
        outcome: ok(page(&["from-ireland"], None)),
    });
    let out = send(
        &mut state,
        Msg::For {
            context: old,
            msg: Box::new(late.clone()),
        },
    );
    assert!(out.is_empty());
    assert!(state.table.rows.is_empty(), "no Irish row in London");
    send(
        &mut state,
        Msg::For {
            context: london(),
            msg: Box::new(late),
        },
    );
    assert_eq!(
        state.table.rows.len(),
        1,
        "the same answer for London lands"
    );
}

#[test]
fn a_failed_connection_keeps_the_old_context_and_says_why() {
    let mut state = asked_for_london();
    send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: london(),
            result: Err(ConnectFailure::Failed("no credentials".into())),
        }),
    );
    assert_eq!(state.session.region, "eu-west-1");
    assert_eq!(state.table.rows.len(), 2);
    assert!(
        state
            .log
            .entries
            .iter()
            .any(|e| e.text.contains("no credentials"))
    );
}

#[test]
fn a_switch_is_refused_while_a_delete_is_in_flight() {
    let mut state = loaded(&["a", "b"]);
    state.table.delete_started(&"a".parse().unwrap());
    press(&mut state, KeyCode::Char('R'));
    type_text(&mut state, "london");
    let out = press(&mut state, KeyCode::Enter);
    assert!(out.is_empty());
    assert!(matches!(
        &state.overlay,
        Some(Overlay::Notice(Notice::Busy { what, .. })) if what.contains('a')
    ));
}

#[test]
fn a_profile_switch_takes_its_region_unless_region_was_given() {
    use crate::app::settings::ProfileChoice;
    let pick = |region_given: bool| {
        let mut state = loaded(&["a"]);
        state.switch.region_given = region_given;
        state.settings.profiles = vec![ProfileChoice {
            name: "tokyo".into(),
            kind: "keys",
            region: Some("ap-northeast-1".into()),
        }];
        press(&mut state, KeyCode::Char('P'));
        type_text(&mut state, "tok");
        press(&mut state, KeyCode::Enter)
    };
    let context = |region: &str| {
        Command::Session(SessionCall::Connect {
            context: Context {
                role: None,
                profile: Some("tokyo".into()),
                region: region.into(),
            },
            code: None,
        })
    };
    assert_eq!(pick(false), [context("ap-northeast-1")]);
    assert_eq!(pick(true), [context("eu-west-1")]);
}

#[test]
fn a_role_needing_mfa_asks_for_the_code_hidden_and_checked_three_times_at_most() {
    let mut state = asked_for_london();
    let need = |why: Option<&str>| {
        Msg::Session(SessionAnswer::Connected {
            context: london(),
            result: Err(ConnectFailure::NeedCode {
                why: why.map(Into::into),
            }),
        })
    };
    send(&mut state, need(None));
    assert_eq!(state.mode(), Mode::Mfa);
    type_text(&mut state, "12a3");
    let Some(Overlay::Mfa(prompt)) = &state.overlay else {
        panic!("the MFA dialog");
    };
    assert_eq!(prompt.hidden(), "•••", "letters are not digits");
    assert!(
        press(&mut state, KeyCode::Enter).is_empty(),
        "3 digits are not sent"
    );
    type_text(&mut state, "456");
    let sent = press(&mut state, KeyCode::Enter);
    assert_eq!(
        sent,
        [Command::Session(SessionCall::Connect {
            context: london(),
            code: Some("123456".into())
        })]
    );
    for attempt in 1..=3 {
        send(
            &mut state,
            need(Some(
                "STS refused the code: MultiFactorAuthentication failed",
            )),
        );
        if attempt < 3 {
            assert_eq!(state.mode(), Mode::Mfa, "attempt {attempt}");
            type_text(&mut state, "654321");
            assert_eq!(press(&mut state, KeyCode::Enter).len(), 1);
        }
    }
    assert_eq!(state.overlay, None, "three refused codes end the switch");
    assert_eq!(state.session.region, "eu-west-1");
    assert!(
        state
            .log
            .entries
            .iter()
            .any(|e| e.text.contains("3 MFA codes refused"))
    );
}
