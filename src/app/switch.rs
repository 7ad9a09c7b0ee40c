//! Switching the context: the pickers that choose one, the connection asked for, and the
//! state of the old context dropped as a whole once the new one answers.

use super::collections::Table;
use super::log::{Entry, Level};
use super::msg::{Command, DialogKey, SessionCall, Timestamp};
use super::overlay::mfa::{ATTEMPTS, MfaPrompt};
use super::overlay::picker::{Kind, Picker};
use super::overlay::{Notice, Overlay};
use super::{Focus, Screen, State};
use crate::context::{ConnectFailure, Context, Session};

/// What a switch needs to remember between the pick and the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Switch {
    /// The context being connected to; a `Connected` for any other is stale.
    pub pending: Option<Context>,
    /// `--region` was given: a profile switch keeps the region instead of taking the
    /// profile's.
    pub region_given: bool,
    /// MFA codes STS refused for the pending switch.
    pub refused: u8,
    /// The pending connection only unlocks a profile's MFA role for the fleet (Enter on its
    /// account's line): once it answers, the fleet counts again and the session stays.
    pub unlock: bool,
}

pub(super) fn open_regions(state: &mut State) {
    let only = state.settings.regions.as_deref();
    state.overlay = Some(Overlay::Picker(Picker::regions(
        only,
        &state.session.region,
    )));
}

pub(super) fn open_profiles(state: &mut State) {
    let current = state.session.profile.as_deref();
    let picker = Picker::profiles(&state.settings.profiles, current);
    state.overlay = Some(Overlay::Picker(picker));
}

/// Enter in a picker: the context it names.
pub(super) fn picked(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(Overlay::Picker(picker)) = state.overlay.take() else {
        return Vec::new();
    };
    let Some(item) = picker.chosen() else {
        // Nothing matches the filter: the picker stays for another try.
        state.overlay = Some(Overlay::Picker(picker));
        return Vec::new();
    };
    let mut context = state.session.context();
    match picker.kind {
        Kind::Region => context.region = item.value.clone(),
        Kind::Profile => {
            context.profile = Some(item.value.clone());
            let own = state
                .settings
                .profiles
                .iter()
                .find(|p| p.name == item.value);
            if let Some(region) = own.and_then(|p| p.region.clone())
                && !state.switch.region_given
            {
                context.region = region;
            }
        }
    }
    request(state, context, None, now)
}

/// Asks to connect to `context`, unless it is the current one or a change is in flight
/// (its result belongs to the old context and would have nowhere to land).
pub(super) fn request(
    state: &mut State,
    context: Context,
    code: Option<String>,
    now: Timestamp,
) -> Vec<Command> {
    if context == state.session.context() {
        return Vec::new();
    }
    if let Some(what) = busy(state) {
        let to = context.describe();
        state.overlay = Some(Overlay::Notice(Notice::Busy { what, to }));
        return Vec::new();
    }
    state.push_log(Entry {
        at: now,
        level: Level::Info,
        text: format!("connecting to {}", context.describe()),
        hint: None,
    });
    state.switch.pending = Some(context.clone());
    state.switch.unlock = false;
    vec![Command::Session(SessionCall::Connect { context, code })]
}

/// Asks for `context`'s credentials without switching to it: a profile whose role wants an
/// MFA code, from its line in the fleet. The code is asked in the same dialog as a switch's,
/// and the credentials it gives are cached as a switch's are, for the fleet to use.
pub(super) fn unlock(
    state: &mut State,
    context: Context,
    code: Option<String>,
    now: Timestamp,
) -> Vec<Command> {
    let out = request(state, context, code, now);
    if !out.is_empty() {
        state.switch.unlock = true;
    }
    out
}

/// The change in flight that a switch would orphan, if any.
pub fn busy(state: &State) -> Option<String> {
    use super::overlay::confirm::Phase;
    if let Some(id) = state.table.deleting.iter().next() {
        return Some(format!("the delete of {id}"));
    }
    if let Some(view) = state.detail() {
        if view.deleting > 0 {
            return Some(format!("DeleteFaces in {}", view.id));
        }
        if view.changing > 0 {
            return Some(format!("a user change in {}", view.id));
        }
    }
    match &state.overlay {
        Some(Overlay::Confirm(c)) if c.phase == Phase::Running => Some("an erasure".into()),
        Some(Overlay::Confirm(c)) if c.phase == Phase::Verifying => Some("a delete".into()),
        Some(Overlay::Create(form)) if form.sending => Some("CreateCollection".into()),
        _ => None,
    }
}

/// The answer to a [`SessionCall::Connect`]. Only the switch still pending is acted on.
pub(super) fn connected(
    state: &mut State,
    context: Context,
    result: Result<Session, ConnectFailure>,
    now: Timestamp,
) -> Vec<Command> {
    if state.switch.pending.as_ref() != Some(&context) {
        return Vec::new();
    }
    state.switch.pending = None;
    let unlock = std::mem::take(&mut state.switch.unlock);
    if result.is_ok() {
        state.switch.refused = 0;
    }
    match result {
        Ok(_) if unlock => unlocked(state, &context, now),
        Ok(session) => switched(state, session, now),
        Err(ConnectFailure::NeedCode { why }) => {
            if why.is_some() {
                state.switch.refused += 1;
            }
            if state.switch.refused >= ATTEMPTS {
                state.switch.refused = 0;
                let why = why.unwrap_or_default();
                fail(
                    state,
                    &context,
                    format!("{ATTEMPTS} MFA codes refused; {why}"),
                    now,
                );
                return Vec::new();
            }
            state.overlay = Some(Overlay::Mfa(MfaPrompt {
                context,
                input: String::new(),
                why,
                unlock,
            }));
            Vec::new()
        }
        Err(ConnectFailure::Failed(why)) => {
            fail(state, &context, why, now);
            Vec::new()
        }
    }
}

/// The profile's role answered with the code: its credentials are cached, so the fleet,
/// counted again, reaches its account. The session stays where it was.
fn unlocked(state: &mut State, context: &Context, now: Timestamp) -> Vec<Command> {
    let profile = context.profile.as_deref().unwrap_or("default");
    state.push_log(Entry {
        at: now,
        level: Level::Info,
        text: format!("profile {profile}: MFA code accepted, its role's credentials are cached"),
        hint: Some("counting the fleet again".into()),
    });
    if state.fleet().is_none() {
        return Vec::new();
    }
    super::fleet::view::reload(state)
}

fn fail(state: &mut State, context: &Context, why: String, now: Timestamp) {
    state.push_log(Entry {
        at: now,
        level: Level::Error,
        text: format!("cannot switch to {}: {why}", context.describe()),
        hint: Some(format!("still on {}", state.session.context().describe())),
    });
}

/// Everything of the old context goes: rows, the detail view, describes in flight (their
/// answers carry the old context and are dropped), the caller's identity.
fn switched(state: &mut State, mut session: Session, now: Timestamp) -> Vec<Command> {
    let from = state.session.context().describe();
    session.caps = state.session.caps.clone();
    state.session = session;
    // Listing generations keep counting, so a page for an earlier visit to this same
    // context cannot pass for one of this visit.
    let generation = state.table.listing.generation;
    let sort = state.table.sort;
    state.table = Table::default();
    state.table.listing.generation = generation;
    state.table.sort = sort;
    state.overlay = None;
    // The fleet stays behind the new region's table (Esc returns to it), unless it counts
    // the regions of a profile left since; one of every account stays whatever the switch.
    // The detail view of the old context goes.
    let fleet = state
        .screen
        .take_fleet()
        .filter(|f| f.wide() || f.profile == state.session.profile);
    state.screen = Screen::Table {
        focus: Focus::Table,
        fleet,
    };
    state.identity = None;
    state.throttles.clear();
    state.push_log(Entry {
        at: now,
        level: Level::Info,
        text: format!(
            "switched from {from} to {}",
            state.session.context().describe()
        ),
        hint: None,
    });
    let mut out = state.table.refresh();
    out.push(Command::Session(SessionCall::Identity));
    out
}

/// Keys in the MFA dialog: digits only; Enter sends a well-formed code, Esc gives up.
pub(super) fn mfa_key(state: &mut State, key: DialogKey, now: Timestamp) -> Vec<Command> {
    let Some(Overlay::Mfa(prompt)) = &mut state.overlay else {
        return Vec::new();
    };
    match key {
        DialogKey::Input(c) => prompt.type_char(c),
        DialogKey::Backspace => {
            prompt.input.pop();
        }
        DialogKey::Cancel => {
            state.overlay = None;
            state.switch.refused = 0;
        }
        DialogKey::Submit => {
            if let Err(problem) = crate::context::check_mfa_code(&prompt.input) {
                prompt.why = Some(problem);
                return Vec::new();
            }
            let (context, code) = (prompt.context.clone(), prompt.input.clone());
            let unlocking = prompt.unlock;
            state.overlay = None;
            if unlocking {
                return unlock(state, context, Some(code), now);
            }
            return request(state, context, Some(code), now);
        }
        // The code is one field.
        DialogKey::FocusNext | DialogKey::FocusPrev => {}
    }
    Vec::new()
}
