//! A listing that fails is retried with growing pauses; a throttle is told once a burst.

use crate::app::msg::{SessionAnswer, TableAnswer, TableCall};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::app::keys::map;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn throttled_page(generation: u64) -> Msg {
    Msg::Table(TableAnswer::PageLoaded {
        generation,
        outcome: fail(ErrorKind::Throttled, "ThrottlingException"),
    })
}

#[test]
fn a_throttled_listing_is_asked_for_again_later_and_later_until_it_works() {
    let mut state = State::new(session());
    state.start();
    let first = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&["a"], Some("t1"))),
        }),
    );
    assert!(first.contains(&Command::Table(TableCall::ListPage {
        generation: 1,
        token: Some("t1".into())
    })));
    let mut pauses = Vec::new();
    for _ in 0..7 {
        match &send(&mut state, throttled_page(1))[..] {
            [
                Command::Table(TableCall::RetryListPage {
                    generation: 1,
                    token,
                    after,
                }),
            ] => {
                assert_eq!(token.as_deref(), Some("t1"), "the page that failed");
                pauses.push(after.as_secs());
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(pauses, [1, 2, 4, 8, 16, 30, 30]);
    let logged = state
        .log
        .entries
        .iter()
        .filter(|e| e.text.contains("ThrottlingException"))
        .count();
    assert_eq!(logged, 1, "the first failure is logged, not every retry");
    assert_eq!(map(&state, key(KeyCode::Esc)), Some(Msg::ListingStop));
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&["b"], None)),
        }),
    );
    assert_eq!(state.table.listing.retry, None);
    assert_eq!(state.table.listing.error, None);
    assert_eq!(state.table.rows.len(), 2);
    assert!(last_log(&state).contains("2 collections in 2 pages"));
    assert!(
        state
            .log
            .entries
            .iter()
            .any(|e| e.text.contains("listed again after 7 retries"))
    );
}

#[test]
fn esc_stops_the_retries_and_a_late_page_changes_nothing() {
    let mut state = State::new(session());
    state.start();
    send(&mut state, throttled_page(1));
    assert!(state.table.listing.retry.is_some());
    send(&mut state, Msg::ListingStop);
    assert_eq!(state.table.listing.retry, None);
    assert!(!state.table.listing.loading);
    let late = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&["a"], None)),
        }),
    );
    assert!(late.is_empty());
    assert!(state.table.rows.is_empty());
    assert_eq!(map(&state, key(KeyCode::Esc)), None, "nothing left to stop");
}

#[test]
fn only_failures_that_may_pass_are_retried() {
    for (kind, code, retried) in [
        (
            ErrorKind::Throttled,
            "ProvisionedThroughputExceededException",
            true,
        ),
        (ErrorKind::Network, "dispatch", true),
        (ErrorKind::Timeout, "timeout", true),
        (ErrorKind::Service, "InternalServerError", true),
        (ErrorKind::AccessDenied, "AccessDeniedException", false),
        (ErrorKind::Credentials, "ExpiredTokenException", false),
        (
            ErrorKind::InvalidParameter,
            "InvalidPaginationTokenException",
            false,
        ),
    ] {
        let mut state = State::new(session());
        state.start();
        let cmds = send(
            &mut state,
            Msg::Table(TableAnswer::PageLoaded {
                generation: 1,
                outcome: fail(kind, code),
            }),
        );
        assert_eq!(!cmds.is_empty(), retried, "{code}");
        assert_eq!(state.table.listing.loading, retried, "{code}");
    }
}

#[test]
fn a_throttle_is_told_once_per_burst_and_rows_say_they_wait() {
    let mut state = loaded(&["a", "b"]);
    let throttled = |rate| {
        Msg::Session(SessionAnswer::Throttled {
            op: "DescribeCollection".into(),
            rate,
        })
    };
    update(&mut state, throttled(4.0), NOW);
    update(&mut state, throttled(3.2), NOW + 5_000);
    let told: Vec<_> = state
        .log
        .entries
        .iter()
        .filter(|e| e.text.contains("throttled by the service"))
        .collect();
    assert_eq!(told.len(), 1, "one line per burst");
    assert!(told[0].text.contains("4.0/s"), "{}", told[0].text);
    assert!(
        told[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("Service Quotas"))
    );
    assert!(state.table.paced);
    // A minute later it is news again.
    update(&mut state, throttled(2.0), NOW + 70_000);
    assert!(last_log(&state).contains("2.0/s"));
}
