//! What rekog knows and keeps about who deletes what: the caller's identity, the protect
//! rules, whether manifests are kept, and the audit intents built from the state.

use super::State;
use super::dialog::Dialog;
use super::export::{Export, Phase};
use super::format::account_of;
use super::log::{Entry, Level};
use super::msg::Timestamp;
use crate::api::CollectionDetail;
use crate::audit::{Intent, Operation};
use crate::protect::Protect;

pub use crate::api::Identity;

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
    /// The account to record and show: the caller's, else one read from a collection ARN.
    pub fn known_account(&self, arn: Option<&str>) -> Option<String> {
        self.records
            .identity
            .as_ref()
            .and_then(|i| i.account.clone())
            .or_else(|| arn.and_then(account_of).map(str::to_owned))
            .or_else(|| self.account())
    }

    /// The audit intent for `operation` on `id`, with everything the state knows of where
    /// and who. `detail` is the latest describe, whose counts the operator confirmed.
    pub fn intent(
        &self,
        operation: Operation,
        id: &str,
        detail: Option<&CollectionDetail>,
    ) -> Intent {
        let session = &self.session;
        let arn = detail.and_then(|d| d.arn.clone());
        let mut intent = Intent::new(operation, id, &session.region);
        intent.account = self.known_account(arn.as_deref());
        intent.collection_arn = arn;
        intent.caller_arn = self.records.identity.as_ref().and_then(|i| i.arn.clone());
        intent.profile = session.profile.clone();
        intent.endpoint = session.endpoint.clone();
        intent.face_count = detail.and_then(|d| d.face_count);
        intent.user_count = detail.and_then(|d| d.user_count);
        if let Some(Dialog::Delete(d)) = &self.dialog
            && d.id == id
            && let Some(Export {
                phase: Phase::Done(done),
                ..
            }) = d.export.as_deref()
        {
            intent.manifest = Some(done.path.clone());
            intent.manifest_sha256 = Some(done.sha256.clone());
        }
        intent
    }
}

pub(super) fn audit_notice(state: &mut State, text: String, error: bool, now: Timestamp) {
    let level = if error { Level::Error } else { Level::Warn };
    state.push_log(Entry {
        at: now,
        level,
        text,
        hint: None,
    });
}

pub(super) fn identity_loaded(state: &mut State, result: Result<Identity, String>, now: Timestamp) {
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
