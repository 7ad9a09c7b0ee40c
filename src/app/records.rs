//! What rekog knows and keeps about who deletes what: the caller's identity, the protect
//! rules, whether manifests are kept, and the audit intents built from the state.

use super::State;
use super::collections::export::Phase;
use super::log::{Entry, Level};
use super::msg::{Command, SessionAnswer, SessionCall, Timestamp};
use super::overlay::confirm::Place;
use super::overlay::{Notice, Overlay};
use crate::audit::{Intent, Operation};
use crate::aws::api::CollectionDetail;
use crate::context::ConnectFailure;
use crate::protect::Protect;
use crate::text::account_of;

pub use crate::aws::api::Identity;

/// The records-and-safety part of the state.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Records {
    pub identity: Option<Identity>,
    /// Collections matching these are never deleted.
    pub protect: Protect,
    /// Export a manifest before every DeleteCollection.
    pub manifest: bool,
    /// Hide account ids and ARNs on screen.
    pub mask: bool,
    /// When each throttled operation was last told of in the log pane.
    pub throttles: std::collections::BTreeMap<String, Timestamp>,
    /// `regions = [...]` from config.toml: the only regions the picker and the fleet offer.
    pub regions: Option<Vec<String>>,
    /// `--all-regions`: start in the fleet view.
    pub all_regions: bool,
    /// The profiles of the shared config and credentials files, read at start-up (update
    /// reads no files), for the profile picker.
    pub profiles: Vec<ProfileChoice>,
}

/// A profile as the picker offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileChoice {
    pub name: String,
    /// How it gets credentials: `keys`, `SSO`, `role with MFA`...
    pub kind: &'static str,
    pub region: Option<String>,
}

/// What `--mask` shows instead of an account id.
pub const MASK: &str = "************";

impl State {
    /// `text` with every known account id replaced by [`MASK`] when masking is on.
    pub fn mask(&self, text: &str) -> String {
        if !self.records.mask {
            return text.to_owned();
        }
        mask_accounts(text)
    }
}

/// Replaces every run of exactly 12 digits (an AWS account id) with [`MASK`].
pub fn mask_accounts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() == 12 {
            out.push_str(MASK);
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

impl Records {
    /// The rule that protects `id`, if any.
    pub fn protected_by(&self, id: &str) -> Option<&str> {
        self.protect.matching_rule(id)
    }
}

impl State {
    /// The account to record and show: the one in the collection's ARN, else the caller's
    /// (GetCallerIdentity), else one read from another collection's ARN.
    pub fn known_account(&self, arn: Option<&str>) -> Option<String> {
        arn.and_then(account_of)
            .map(str::to_owned)
            .or_else(|| self.records.identity.as_ref()?.account.clone())
            .or_else(|| self.account())
    }

    /// The audit intent for `operation` on `id` in `context` (what the operator saw in the
    /// dialog), with everything the state knows of who. `detail` is the latest describe,
    /// whose counts the operator confirmed.
    pub fn intent(
        &self,
        operation: Operation,
        id: &str,
        detail: Option<&CollectionDetail>,
        context: &Place,
    ) -> Intent {
        let mut intent = Intent::new(operation, id, &context.region);
        intent.account = context.account.clone();
        intent.collection_arn = detail.and_then(|d| d.arn.clone());
        intent.caller_arn = self.records.identity.as_ref().and_then(|i| i.arn.clone());
        intent.profile = context.profile.clone();
        intent.endpoint = self.session.endpoint.clone();
        intent.face_count = detail.and_then(|d| d.face_count);
        intent.user_count = detail.and_then(|d| d.user_count);
        if let Some(confirm) = self.confirm().filter(|c| c.id == id)
            && let Some(Phase::Done(done)) = confirm.export().map(|e| &e.phase)
        {
            intent.manifest = Some(done.path.clone());
            intent.manifest_sha256 = Some(done.sha256.clone());
        }
        intent
    }

    /// The audit intent for a change to `user` of `id` or to which faces belong to it, in
    /// `context` (what a dialog showed) or else the open view's. It counts what the call
    /// acts on: one user; callers set the faces.
    pub fn user_intent(
        &self,
        operation: Operation,
        id: &str,
        user: &str,
        context: Option<&Place>,
    ) -> Intent {
        let arn = self.detail().filter(|v| v.id == id).and_then(|v| v.arn());
        let context = context.cloned().unwrap_or_else(|| self.context_of(arn));
        let mut intent = self.intent(operation, id, None, &context);
        intent.collection_arn = arn.map(str::to_owned);
        intent.user_count = Some(1);
        intent.user_id = Some(user.to_owned());
        intent
    }

    /// Where an action on a collection with this ARN acts: the session's region and
    /// profile, and the account of the ARN, else the caller's, else another collection's.
    pub fn context_of(&self, arn: Option<&str>) -> Place {
        Place {
            region: self.session.region.clone(),
            account: self.known_account(arn),
            profile: self.session.profile.clone(),
        }
    }

    /// In read-only mode every mutation is refused the same way: a notice that says what
    /// was not done, and a line in the log pane. Returns whether it was refused.
    pub(crate) fn refuse_read_only(
        &mut self,
        op: &str,
        what: &str,
        verb: &str,
        now: Timestamp,
    ) -> bool {
        if !self.session.read_only {
            return false;
        }
        self.warn(
            now,
            format!("{op}: refused, rekog is read-only (--read-only or REKOG_READ_ONLY=1)"),
        );
        self.overlay = Some(Overlay::Notice(Notice::ReadOnly {
            what: what.to_owned(),
            verb: verb.to_owned(),
        }));
        true
    }
}

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
    let last = state.records.throttles.insert(op.to_owned(), now);
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
        Ok(identity) => state.records.identity = Some(identity),
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
