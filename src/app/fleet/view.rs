//! The fleet view inside the app: opening and reloading it, its answers, and going from a
//! region to its collections table and back. The fleet stays open across the switches it
//! makes, so Esc in that table returns to it.

use super::{Account, Call, Fleet, MFA_NEEDED, Region, Scope};
use crate::app::log::{self, Entry, Level};
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

/// Counts every region anew under a new generation, so answers to the old one are dropped:
/// in the scope of the fleet open, else the one chosen at start.
pub(in crate::app) fn reload(state: &mut State) -> Vec<Command> {
    let scope = match state.fleet() {
        Some(fleet) => fleet.scope.clone(),
        None if state.settings.fleet_wide => wide_scope(state).unwrap_or(Scope::Profile),
        None => Scope::Profile,
    };
    open_scope(state, scope)
}

/// `a`: from this profile to every account (the organization of `--org`, the profiles of
/// `--profiles`, else every profile), and back.
pub(in crate::app) fn widen(state: &mut State, now: Timestamp) -> Vec<Command> {
    let wide = state.fleet().is_some_and(Fleet::wide);
    if wide {
        return open_scope(state, Scope::Profile);
    }
    match wide_scope(state) {
        Some(scope) => open_scope(state, scope),
        None => {
            state.push_log(Entry {
                at: now,
                level: Level::Warn,
                text: "no other profile to count: the AWS config and credentials files name \
                       none"
                    .into(),
                hint: None,
            });
            Vec::new()
        }
    }
}

/// What "all profiles" means here: the scope chosen at start, else every profile.
fn wide_scope(state: &State) -> Option<Scope> {
    if let Some(scope) = &state.settings.fleet_scope {
        return Some(scope.clone());
    }
    let names: Vec<String> = state
        .settings
        .profiles
        .iter()
        .map(|p| p.name.clone())
        .collect();
    (!names.is_empty()).then_some(Scope::Profiles(names))
}

fn open_scope(state: &mut State, scope: Scope) -> Vec<Command> {
    state.fleets += 1;
    // Several profiles may be in several partitions (a GovCloud one among commercial ones):
    // each of the table's regions then. An organization's accounts share its partition.
    let home = match &scope {
        Scope::Profiles(_) => None,
        Scope::Profile | Scope::Org(_) => Some(state.session.region.as_str()),
    };
    let list = regions::offered(state.settings.regions.as_deref(), home);
    let profile = state.session.profile.clone();
    let (mut fleet, calls) = match scope {
        Scope::Profile => Fleet::open(state.fleets, profile, list),
        wide => {
            let limit = state.settings.fleet_limit();
            Fleet::open_wide(state.fleets, profile, wide, list, limit)
        }
    };
    if let Some(old) = state.screen.take_fleet()
        && old.scope == fleet.scope
        && !fleet.wide()
    {
        // The same list in the same order: the selection keeps its region.
        fleet.selected = old.selected;
        fleet.move_by(0);
    }
    state.screen.to_fleet(fleet);
    commands(calls)
}

/// `e`: the inventory of every account and region the fleet counts, written to a new file.
pub(in crate::app) fn export(state: &mut State) -> Vec<Command> {
    let Some(fleet) = state.fleet() else {
        return Vec::new();
    };
    let regions = fleet.codes.iter().map(|(code, _)| code.clone()).collect();
    let call = Call::Export {
        accounts: fleet.accounts.clone(),
        regions,
    };
    vec![Command::Fleet(call)]
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
    let Some(fleet) = state.fleet() else {
        return Vec::new();
    };
    if let Some(account) = fleet.selected_unreached() {
        return enter_unreached(state, account.clone(), now);
    }
    let Some(region) = fleet.selected_region() else {
        return Vec::new();
    };
    let context = context_of(fleet, region, &state.session.profile);
    if context == state.session.context() {
        state.screen.to_table();
        return Vec::new();
    }
    switch::request(state, context, None, now)
}

/// The context Enter on `region` switches to. A fleet of the session's profile follows
/// it; one of several accounts opens each account's profile and role.
fn context_of(fleet: &Fleet, region: &Region, session_profile: &Option<String>) -> Context {
    let via = fleet
        .account_of(region)
        .map(|a| a.via.clone())
        .unwrap_or_default();
    Context {
        profile: if fleet.wide() {
            via.profile
        } else {
            session_profile.clone()
        },
        role: via.role,
        region: region.code.clone(),
    }
}

/// Something in the session's context changed what the fleet counts there (a delete, a
/// create, an erasure): its row, if the fleet has one, is counted again.
pub(in crate::app) fn changed(state: &mut State) -> Vec<Command> {
    let context = state.session.context();
    let profile = state.session.profile.clone();
    let Some(fleet) = state.fleet_mut() else {
        return Vec::new();
    };
    let row = fleet
        .regions
        .iter()
        .position(|r| context_of(fleet, r, &profile) == context);
    match row {
        Some(i) => commands(fleet.changed(i)),
        None => Vec::new(),
    }
}

/// Enter on the line of an account not reached: a role that wants an MFA code asks for it
/// (the switch's dialog; the credentials are cached, and the fleet counts again); anything
/// else is the operator's to fix outside rekog, and the log says how.
fn enter_unreached(state: &mut State, account: Account, now: Timestamp) -> Vec<Command> {
    let why = account.unreached.clone().unwrap_or_default();
    if why == MFA_NEEDED && account.via.profile.is_some() {
        let context = Context {
            profile: account.via.profile.clone(),
            role: account.via.role.clone(),
            region: state.session.region.clone(),
        };
        return switch::unlock(state, context, None, now);
    }
    let who = match (&account.id, account.profiles.first()) {
        (Some(id), _) => format!("account {id}"),
        (None, Some(profile)) => format!("profile {profile}"),
        (None, None) => "this account".into(),
    };
    let hint = match why.split_once(": aws ") {
        Some((_, command)) => Some(format!("run: aws {command}; then r counts again")),
        None => Some("r counts again once it is fixed".into()),
    };
    state.push_log(Entry {
        at: now,
        level: Level::Warn,
        text: format!("{who} is not reached: {why}"),
        hint,
    });
    Vec::new()
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
    if let FleetAnswer::Exported { result } = answer {
        exported(state, result, now);
        return Vec::new();
    }
    let Some(fleet) = state.fleet_mut() else {
        return Vec::new();
    };
    let account_id = |fleet: &Fleet, i: usize| fleet.accounts.get(i).and_then(|a| a.id.clone());
    let (calls, failure) = match answer {
        FleetAnswer::Page {
            generation,
            account,
            region,
            outcome,
        } => {
            let facts = Facts::of("ListCollections", &region, &outcome);
            let id = account_id(fleet, account);
            let (calls, failed) = fleet.page(generation, account, &region, outcome);
            (calls, failed.map(|err| (facts, err, id)))
        }
        FleetAnswer::Described {
            generation,
            account,
            region,
            outcome,
        } => {
            let facts = Facts::of("DescribeCollection", &region, &outcome);
            let id = account_id(fleet, account);
            let (calls, failed) = fleet.described(generation, account, &region, outcome);
            (calls, failed.map(|err| (facts, err, id)))
        }
        FleetAnswer::Reached {
            generation,
            accounts,
        } => {
            let calls = fleet.reached(generation, accounts);
            let unreached: Vec<String> = fleet
                .unreached()
                .map(|a| {
                    format!(
                        "{}: {}",
                        account_name(a),
                        a.unreached.clone().unwrap_or_default()
                    )
                })
                .collect();
            for line in unreached {
                state.push_log(Entry {
                    at: now,
                    level: Level::Warn,
                    text: format!("fleet: {line}"),
                    hint: None,
                });
            }
            return commands(calls);
        }
        FleetAnswer::Exported { .. } => (Vec::new(), None),
    };
    if let Some((facts, err, account)) = failure {
        log_failure(state, &facts, &err, account, now);
    }
    commands(calls)
}

/// How the log names an account: its ID and name, else the profiles that tried it.
pub fn account_name(account: &super::Account) -> String {
    match (&account.id, &account.name) {
        (Some(id), Some(name)) => format!("account {id} ({name})"),
        (Some(id), None) => format!("account {id}"),
        (None, _) => format!("profile {}", account.profiles.join(", ")),
    }
}

fn exported(
    state: &mut State,
    result: Result<(std::path::PathBuf, usize), String>,
    now: Timestamp,
) {
    let (level, text) = match result {
        Ok((path, records)) => (
            Level::Info,
            format!(
                "inventory written: {} ({})",
                path.display(),
                crate::text::count(records as u64, "record", "records")
            ),
        ),
        Err(why) => (
            Level::Error,
            format!("the inventory was not written: {why}"),
        ),
    };
    state.push_log(Entry {
        at: now,
        level,
        text,
        hint: None,
    });
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

fn log_failure(
    state: &mut State,
    facts: &Facts,
    err: &ApiError,
    account: Option<String>,
    now: Timestamp,
) {
    let region = &facts.region;
    let target = format!("in {region}");
    let call = log::Call {
        op: facts.op,
        target: Some(&target),
        request_id: facts.request_id.as_deref(),
        elapsed: facts.elapsed,
    };
    // The hint names the region's own ARN and endpoint, not the current context's.
    let account = account
        .or_else(|| state.account())
        .unwrap_or_else(|| "<account>".into());
    let resource = format!("arn:aws:rekognition:{region}:{account}:collection/*");
    let endpoint = match &state.session.endpoint {
        Some(url) => url.clone(),
        None => format!("rekognition.{region}.amazonaws.com"),
    };
    let hint = log::hint(facts.op, err, &resource, &endpoint);
    let entry = call.entry(now, Level::Error, &log::describe_error(err), hint);
    state.push_log(entry);
}
