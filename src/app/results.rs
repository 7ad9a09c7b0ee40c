//! How listing and describe results (and dead tasks) change the state.

use super::State;
use super::dialog::{Dialog, Notice, Phase};
use super::format::{account_of, count, sanitize};
use super::log::{self, Call, Entry, Level};
use super::msg::{Command, Timestamp};
use super::table::Detail;
use crate::api::{ApiError, CollectionDetail, Outcome, Page};

impl State {
    /// The account, from any ARN a describe has shown (all collections share it).
    pub fn account(&self) -> Option<String> {
        self.table.cache.values().find_map(|c| match &c.detail {
            Detail::Loaded(d) => d.arn.as_deref().and_then(account_of).map(str::to_owned),
            Detail::Failed(_) => None,
        })
    }

    /// The ARN an IAM policy must allow for a call on `id` (or on every collection).
    pub fn resource(&self, id: Option<&str>) -> String {
        if let Some(arn) = id.and_then(|id| self.table.loaded(id)?.arn.clone()) {
            return arn;
        }
        let account = self.account().unwrap_or_else(|| "<account>".into());
        format!(
            "arn:aws:rekognition:{}:{account}:collection/{}",
            self.session.region,
            id.unwrap_or("*")
        )
    }

    fn endpoint(&self) -> String {
        match &self.session.endpoint {
            Some(url) => url.clone(),
            None => format!("rekognition.{}.amazonaws.com", self.session.region),
        }
    }

    /// An error entry for a call, with its hint.
    pub(super) fn log_error(&mut self, call: Call<'_>, err: &ApiError, at: Timestamp) {
        let hint = log::hint(call.op, err, &self.resource(call.target), &self.endpoint());
        let entry = call.entry(at, Level::Error, &log::describe_error(err), hint);
        self.push_log(entry);
    }
}

/// Short text for a row whose describe failed: `AccessDenied`, `Timeout`.
fn short(err: &ApiError) -> String {
    match &err.code {
        Some(code) => code.trim_end_matches("Exception").to_owned(),
        None => format!("{:?}", err.kind),
    }
}

/// `12 faces, 3 users`, saying so where the service left a count out.
pub fn counts(detail: &CollectionDetail) -> String {
    let part = |n: Option<u64>, one: &str, many: &str| match n {
        Some(n) => count(n, one, many),
        None => format!("{many} unknown"),
    };
    format!(
        "{}, {}",
        part(detail.face_count, "face", "faces"),
        part(detail.user_count, "user", "users")
    )
}

pub(super) fn page(
    state: &mut State,
    generation: u64,
    outcome: Outcome<Page>,
    now: Timestamp,
) -> Vec<Command> {
    if generation != state.listing.generation || !state.listing.loading {
        return Vec::new();
    }
    state.listing.elapsed += outcome.elapsed;
    let call = Call {
        op: "ListCollections",
        target: None,
        request_id: outcome.request_id.as_deref(),
        elapsed: state.listing.elapsed,
    };
    let page = match outcome.result {
        Ok(page) => page,
        Err(err) => {
            state.listing.loading = false;
            state.listing.error = Some(short(&err));
            state.table.reselect = None;
            state.log_error(call, &err, now);
            return Vec::new();
        }
    };
    state.listing.pages += 1;
    let replace = !std::mem::replace(&mut state.listing.received, true);
    state.table.add_page(page.collections, replace);
    if let Some(token) = page.next_token {
        return vec![Command::ListPage {
            generation,
            token: Some(token),
        }];
    }
    state.listing.loading = false;
    state.table.reselect = None;
    let summary = format!(
        "{} in {}",
        count(state.table.rows.len() as u64, "collection", "collections"),
        count(u64::from(state.listing.pages), "page", "pages")
    );
    let entry = call.entry(now, Level::Info, &summary, None);
    state.push_log(entry);
    Vec::new()
}

pub(super) fn described(
    state: &mut State,
    id: String,
    outcome: Outcome<CollectionDetail>,
    now: Timestamp,
) {
    let generation = state
        .table
        .describing
        .remove(&id)
        .unwrap_or(state.listing.generation);
    match outcome.result {
        Ok(detail) => {
            if let Some(Dialog::Delete(dialog)) = &mut state.dialog
                && dialog.id == id
                && dialog.phase == Phase::Editing
                && dialog.faces.is_none()
            {
                dialog.set_counts(detail.face_count, detail.user_count);
            }
            state.table.store(&id, Detail::Loaded(detail), generation);
        }
        Err(err) => {
            state
                .table
                .store(&id, Detail::Failed(short(&err)), generation);
            let call = Call {
                op: "DescribeCollection",
                target: Some(&id),
                request_id: outcome.request_id.as_deref(),
                elapsed: outcome.elapsed,
            };
            state.log_error(call, &err, now);
        }
    }
}

/// A task died instead of answering. Its description (`Op id: cause`, from the effects layer)
/// says which call, so whatever waited on it stops waiting.
pub(super) fn task_failed(state: &mut State, what: &str, now: Timestamp) {
    let mut words = what.split([' ', ':']);
    let op = words.next().unwrap_or_default();
    let id = words.next().filter(|w| !w.is_empty()).map(str::to_owned);
    match (op, id) {
        ("ListCollections", _) => {
            state.listing.loading = false;
            state.listing.error = Some("failed".into());
        }
        ("DescribeCollection", Some(id)) => {
            let verifying = matches!(&mut state.dialog,
                Some(Dialog::Delete(d)) if d.id == id && d.phase == Phase::Verifying);
            if let (true, Some(Dialog::Delete(dialog))) = (verifying, &mut state.dialog) {
                dialog.phase = Phase::Editing;
                dialog.notice = Some(Notice::CheckFailed("the check did not complete".into()));
            } else if let Some(generation) = state.table.describing.remove(&id) {
                let failed = Detail::Failed("failed".into());
                state.table.store(&id, failed, generation);
            }
        }
        ("DeleteCollection", Some(id)) => {
            state.table.deleting.remove(&id);
        }
        _ => {}
    }
    state.push_log(Entry {
        at: now,
        level: Level::Error,
        text: format!("internal error: {}", sanitize(what)),
        hint: Some("the call's outcome is unknown; press r to refresh".into()),
    });
}
