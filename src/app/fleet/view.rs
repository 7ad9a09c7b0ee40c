//! The fleet view inside the app: opening and reloading it, its answers, and going from a
//! region to its collections table and back. The fleet stays open across the switches it
//! makes, so Esc in that table returns to it.

use super::{Call, Fleet};
use crate::app::log::{self, Level};
use crate::app::msg::{Command, FleetAnswer, Move, Timestamp};
use crate::app::step;
use crate::app::{State, layout, switch};
use crate::aws::api::{ApiError, Outcome};
use crate::aws::regions;
use crate::context::Context;

fn commands(calls: Vec<Call>) -> Vec<Command> {
    calls.into_iter().map(Command::Fleet).collect()
}

/// `F`: shows the fleet already open (a switch drops one of another profile), or opens it.
pub(in crate::app) fn open(state: &mut State) -> Vec<Command> {
    if let Some(fleet) = state.screen.take_fleet() {
        // A detail view is never open here: `F` is a key of the table.
        state.screen.to_fleet(*fleet);
        return Vec::new();
    }
    reload(state)
}

/// Counts every region anew under a new generation, so answers to the old one are dropped.
pub(in crate::app) fn reload(state: &mut State) -> Vec<Command> {
    state.fleets += 1;
    let list = regions::offered(state.settings.regions.as_deref());
    let profile = state.session.profile.clone();
    let (mut fleet, calls) = Fleet::open(state.fleets, profile, list);
    if let Some(old) = state.screen.take_fleet() {
        // The same list in the same order: the selection keeps its region.
        fleet.selected = old.selected;
        fleet.move_by(0);
    }
    state.screen.to_fleet(fleet);
    commands(calls)
}

/// Esc or `q` in the fleet view: its calls in flight find no fleet and are dropped.
pub(in crate::app) fn close(state: &mut State) {
    state.screen.take_fleet();
}

/// Esc in a table reached from the fleet view.
pub(in crate::app) fn back(state: &mut State) {
    if let Some(fleet) = state.screen.take_fleet() {
        state.screen.to_fleet(*fleet);
    }
}

/// Enter: the selected region's collections, by a switch like the region picker's. The
/// fleet view hides once the switch is made (or at once for the current region).
pub(in crate::app) fn enter(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(region) = state.fleet().and_then(|f| f.selected_region()) else {
        return Vec::new();
    };
    let context = Context {
        profile: state.session.profile.clone(),
        region: region.code.clone(),
    };
    if context == state.session.context() {
        state.screen.to_table();
        return Vec::new();
    }
    switch::request(state, context, None, now)
}

pub(in crate::app) fn navigate(state: &mut State, mv: Move) {
    let page = isize::try_from(layout::table_rows(state.height).max(1)).unwrap_or(isize::MAX);
    if let Some(fleet) = state.fleet_mut() {
        fleet.move_by(step(mv, 1, page));
    }
}

/// A fleet answer: the next calls, and a log line for a region's failure (one per region,
/// never one per collection: the model hands back only the first).
pub(in crate::app) fn answer(
    state: &mut State,
    answer: FleetAnswer,
    now: Timestamp,
) -> Vec<Command> {
    let Some(fleet) = state.fleet_mut() else {
        return Vec::new();
    };
    let (calls, failure) = match answer {
        FleetAnswer::Page {
            generation,
            region,
            outcome,
        } => {
            let facts = Facts::of("ListCollections", &region, &outcome);
            let (calls, failed) = fleet.page(generation, &region, outcome);
            (calls, failed.map(|err| (facts, err)))
        }
        FleetAnswer::Described {
            generation,
            region,
            outcome,
        } => {
            let facts = Facts::of("DescribeCollection", &region, &outcome);
            let (calls, failed) = fleet.described(generation, &region, outcome);
            (calls, failed.map(|err| (facts, err)))
        }
    };
    if let Some((facts, err)) = failure {
        log_failure(state, &facts, &err, now);
    }
    commands(calls)
}

/// What the log line of a failed call names, taken before the model consumes the outcome.
struct Facts {
    op: &'static str,
    region: String,
    request_id: Option<String>,
    elapsed: std::time::Duration,
}

impl Facts {
    fn of<T>(op: &'static str, region: &str, outcome: &Outcome<T>) -> Facts {
        Facts {
            op,
            region: region.to_owned(),
            request_id: outcome.request_id.clone(),
            elapsed: outcome.elapsed,
        }
    }
}

fn log_failure(state: &mut State, facts: &Facts, err: &ApiError, now: Timestamp) {
    let region = &facts.region;
    let target = format!("in {region}");
    let call = log::Call {
        op: facts.op,
        target: Some(&target),
        request_id: facts.request_id.as_deref(),
        elapsed: facts.elapsed,
    };
    // The hint names the region's own ARN and endpoint, not the current context's.
    let account = state.account().unwrap_or_else(|| "<account>".into());
    let resource = format!("arn:aws:rekognition:{region}:{account}:collection/*");
    let endpoint = match &state.session.endpoint {
        Some(url) => url.clone(),
        None => format!("rekognition.{region}.amazonaws.com"),
    };
    let hint = log::hint(facts.op, err, &resource, &endpoint);
    let entry = call.entry(now, Level::Error, &log::describe_error(err), hint);
    state.push_log(entry);
}
