//! The session's slice: the answers about the session rather than what is on screen (a
//! connection made, the caller's identity, a throttle, the audit trail, the clipboard), and
//! what the app keeps of them.

use super::State;
use super::log::{Entry, Level};
use super::msg::{Command, SessionAnswer, SessionCall, Timestamp};
use crate::context::ConnectFailure;

pub use crate::aws::api::Identity;

pub(crate) fn audit_notice(state: &mut State, text: String, error: bool, now: Timestamp) {
    let level = if error { Level::Error } else { Level::Warn };
    state.push_log(Entry {
        at: now,
        level,
        text,
        hint: None,
    });
}

/// How long after telling of a throttle rekog keeps quiet about the same operation: one
/// line per burst, not one per call.
const THROTTLE_QUIET_MS: Timestamp = 60_000;

/// The service throttled `op`; rekog paces it at `rate` calls per second from now on.
pub(crate) fn throttled(state: &mut State, op: &str, rate: f64, now: Timestamp) {
    if op == "DescribeCollection" {
        state.table.paced = true;
    }
    let last = state.throttles.insert(op.to_owned(), now);
    if last.is_some_and(|at| now.saturating_sub(at) < THROTTLE_QUIET_MS) {
        return;
    }
    state.push_log(Entry {
        at: now,
        level: Level::Warn,
        text: format!(
            "{op}: throttled by the service (a request quota was reached); rekog now sends \
             it at {rate:.1}/s and retries what was throttled"
        ),
        hint: Some(format!(
            "nothing is lost, calls wait their turn; if this keeps happening, ask for a higher \
             {op} quota in Service Quotas"
        )),
    });
}

pub(crate) fn identity_loaded(state: &mut State, result: Result<Identity, String>, now: Timestamp) {
    match result {
        Ok(identity) => state.identity = Some(identity),
        Err(why) => state.push_log(Entry {
            at: now,
            level: Level::Warn,
            text: format!("cannot tell the account and caller: {why}"),
            hint: Some(
                "the account shown comes from collection ARNs; GetCallerIdentity needs no \
                 IAM permission, so check the credentials and the network"
                    .into(),
            ),
        }),
    }
}

/// An answer about the session: a connection, the caller's identity, a throttle, the audit
/// trail, the clipboard.
pub(crate) fn answer(state: &mut State, answer: SessionAnswer, now: Timestamp) -> Vec<Command> {
    match answer {
        SessionAnswer::Connected { context, result } => {
            return super::switch::connected(state, context, result, now);
        }
        SessionAnswer::Copied { what, result } => {
            super::collections::copied(state, &what, result, now);
        }
        SessionAnswer::Throttled { op, rate } => throttled(state, &op, rate, now),
        SessionAnswer::AuditNotice { text, error } => audit_notice(state, text, error, now),
        SessionAnswer::IdentityLoaded { result } => identity_loaded(state, result, now),
    }
    Vec::new()
}

/// A session task died: a switch waiting for its connection stops waiting.
pub(crate) fn lost(
    state: &mut State,
    call: SessionCall,
    why: &str,
    now: Timestamp,
) -> Vec<Command> {
    match call {
        SessionCall::Connect { context, .. } => {
            let why = ConnectFailure::Failed(why.to_owned());
            super::switch::connected(state, context, Err(why), now)
        }
        // Nothing waits on these: the header keeps what it shows, a copy is only logged.
        SessionCall::Identity | SessionCall::Copy { .. } => Vec::new(),
    }
}
