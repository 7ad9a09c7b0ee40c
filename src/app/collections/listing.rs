//! How ListCollections pages and DescribeCollection results change the table.

use super::Detail;
use crate::app::msg::{Command, TableCall, Timestamp};
use std::time::Duration;

use crate::app::State;
use crate::app::log::{Call, Level};
use crate::app::overlay::confirm::Phase;
use crate::aws::api::{ApiError, CollectionDetail, ErrorKind, Outcome, Page};
use crate::ids::CollectionId;
use crate::text::count;

/// Whether a failed listing is worth asking for again by itself: the failure may pass.
fn retryable(err: &ApiError) -> bool {
    matches!(
        err.kind,
        ErrorKind::Throttled | ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Service
    )
}

/// The pause before the `attempt`th retry: 1, 2, 4, 8, 16, then 30 seconds.
pub fn backoff(attempt: u32) -> Duration {
    Duration::from_secs(1u64 << attempt.saturating_sub(1).min(5)).min(Duration::from_secs(30))
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

pub(crate) fn page(
    state: &mut State,
    generation: u64,
    outcome: Outcome<Page>,
    now: Timestamp,
) -> Vec<Command> {
    let listing = &mut state.table.listing;
    if generation != listing.generation || !listing.loading {
        return Vec::new();
    }
    listing.elapsed += outcome.elapsed;
    let call = Call {
        op: "ListCollections",
        target: None,
        request_id: outcome.request_id.as_deref(),
        elapsed: listing.elapsed,
    };
    let page = match outcome.result {
        Ok(page) => page,
        Err(err) if retryable(&err) => {
            // A throttle or a blip outlasted the SDK's own retries: ask again, later and
            // later, until it works or the operator says stop. Only the first is logged.
            let attempt = listing.retry.map_or(1, |(n, _)| n + 1);
            let after = backoff(attempt);
            listing.retry = Some((attempt, after));
            listing.error = Some(short(&err));
            let token = listing.token.clone();
            if attempt == 1 {
                state.log_error(call, &err, now);
            }
            return vec![Command::Table(TableCall::RetryListPage {
                generation,
                token,
                after,
            })];
        }
        Err(err) => {
            state.table.listing_failed(generation);
            state.table.listing.error = Some(short(&err));
            state.log_error(call, &err, now);
            return Vec::new();
        }
    };
    if let Some((attempts, _)) = listing.retry.take() {
        listing.error = None;
        let text = format!(
            "listed again after {}",
            count(u64::from(attempts), "retry", "retries")
        );
        let entry = call.entry(now, Level::Info, &text, None);
        state.push_log(entry);
    }
    let listing = &mut state.table.listing;
    listing.pages += 1;
    let replace = !std::mem::replace(&mut listing.received, true);
    let pages = listing.pages;
    let table = &mut state.table;
    table.add_page(page.collections, replace);
    if let Some(token) = page.next_token {
        table.listing.token = Some(token.clone());
        return vec![Command::Table(TableCall::ListPage {
            generation,
            token: Some(token),
        })];
    }
    table.listing.loading = false;
    table.reselect = None;
    let summary = format!(
        "{} in {}",
        count(table.rows.len() as u64, "collection", "collections"),
        count(u64::from(pages), "page", "pages")
    );
    let entry = call.entry(now, Level::Info, &summary, None);
    state.push_log(entry);
    Vec::new()
}

pub(crate) fn described(
    state: &mut State,
    id: CollectionId,
    outcome: Outcome<CollectionDetail>,
    now: Timestamp,
) {
    let generation = state
        .table
        .describing
        .remove(&id)
        .unwrap_or(state.table.listing.generation);
    match outcome.result {
        Ok(detail) => {
            // A delete dialog opened before the row was described learns its counts.
            if let Some(confirm) = state.confirm_mut()
                && confirm.id == id
                && confirm.phase == Phase::Editing
                && confirm.faces().is_none()
            {
                confirm.set_counts(detail.face_count, detail.user_count);
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
