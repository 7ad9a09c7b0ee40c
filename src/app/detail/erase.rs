//! `E`: the erasure of the marked faces, or of a user and all its faces. The dialog names
//! what goes and where, needs the collection ID typed, then shows the erasure's progress
//! until it ends: once started, an erasure runs to its end.

mod run;

pub use self::run::Run;
pub(crate) use self::run::{ended, lost, quit, step};

use super::Pane;
use crate::app::State;
use crate::app::msg::{Change, Command, DetailCall, Mutation, Timestamp};
use crate::app::overlay::confirm::{Action, Confirm, Phase};
use crate::app::overlay::{Notice, Overlay};
use crate::aws::api::{Face, Outcome};
use crate::erase::Erasure;
use crate::erase::search::{Found, Search};
use crate::manifest::Target;
use crate::text::count;

/// The faces an erasure names: being found (for a user), found, or not found.
#[derive(Debug, Clone, PartialEq)]
pub enum Faces {
    /// The search with this serial is finding them; `so_far` found yet.
    Finding {
        serial: u64,
        so_far: u64,
    },
    Found(Vec<Face>),
    Failed(String),
}

/// The erasure dialog's own part of the confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Erasing {
    /// How the faces were chosen, as the manifest and the audit trail record it.
    pub search: String,
    pub faces: Faces,
    /// The users it names (the user erased, or searched with `user:ID`): deleted when it
    /// leaves them without faces. The users of other faces stay.
    pub users: Vec<String>,
    /// Once confirmed: how it goes.
    pub run: Option<Run>,
}

impl Erasing {
    pub fn faces(&self) -> Option<&[Face]> {
        match &self.faces {
            Faces::Found(faces) => Some(faces),
            _ => None,
        }
    }

    /// The search finding the faces, while it runs.
    pub fn finding(&self) -> Option<u64> {
        match self.faces {
            Faces::Finding { serial, .. } => Some(serial),
            _ => None,
        }
    }

    /// The users the faces belong to, in order: they lose those faces.
    pub fn owners(&self) -> Vec<&str> {
        let mut owners: Vec<&str> = Vec::new();
        for user in self
            .faces()
            .unwrap_or_default()
            .iter()
            .filter_map(|f| f.user_id.as_deref())
        {
            if !owners.contains(&user) {
                owners.push(user);
            }
        }
        owners
    }

    /// There is something to erase, and it is known.
    pub fn ready(&self) -> bool {
        self.faces()
            .is_some_and(|f| !f.is_empty() || !self.users.is_empty())
    }
}

/// `E` in the faces pane (the marked faces) or in the users pane (the selected user and
/// all its faces). Refused in read-only mode and on protected collections.
pub(crate) fn open(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(view) = state.detail() else {
        return Vec::new();
    };
    let id = view.id.clone();
    let arn = view.arn().map(str::to_owned);
    let marked: Vec<Face> = view.marked_faces().into_iter().cloned().collect();
    let user = view.users.selected().map(|u| u.user_id.clone());
    let what = match (view.pane, &user) {
        (Pane::Faces, _) if marked.is_empty() => {
            state.warn(
                now,
                "Erase: no face is marked; Space marks a face, A marks every face shown".into(),
            );
            return Vec::new();
        }
        (Pane::Faces, _) => count(marked.len() as u64, "face", "faces"),
        (Pane::Users, Some(user)) => format!("user {user} and its faces"),
        (Pane::Users, None) => return Vec::new(),
    };
    let what = format!("erase {what} from {id}");
    if state.refuse_read_only(&format!("Erase {id}"), &what, "erase them", now) {
        return Vec::new();
    }
    if let Some(rule) = state.settings.protected_by(&id) {
        let rule = rule.to_owned();
        state.overlay = Some(Overlay::Notice(Notice::Protected { id, rule }));
        return Vec::new();
    }
    let mut out = Vec::new();
    let erasing = match (view_pane(state), user) {
        (Pane::Users, Some(user)) => {
            state.serial += 1;
            let serial = state.serial;
            let search = Search::User(user.clone());
            let erasing = Erasing {
                search: search.describe(),
                faces: Faces::Finding { serial, so_far: 0 },
                users: vec![user],
                run: None,
            };
            out.push(Command::Detail(DetailCall::FindFaces {
                id: id.clone(),
                serial,
                search,
                total: None,
            }));
            erasing
        }
        _ => {
            // As `rekog erase` does: only a user search names its user, to be deleted once
            // it has no face left; other faces leave their users in place.
            let search = state.detail().and_then(|v| v.search.as_ref());
            let users = match search.map(|s| &s.search) {
                Some(Search::User(user)) => vec![user.clone()],
                _ => Vec::new(),
            };
            let search = match search {
                Some(s) => format!("{}, marked in the results", s.search.describe()),
                None => "marked in the detail view".to_owned(),
            };
            Erasing {
                search,
                faces: Faces::Found(marked),
                users,
                run: None,
            }
        }
    };
    let context = state.context_of(arn.as_deref());
    let action = Action::Erase(Box::new(erasing));
    state.overlay = Some(Overlay::Confirm(Confirm::new(id, context, action)));
    out
}

fn view_pane(state: &State) -> Pane {
    state.detail().map_or(Pane::Faces, |v| v.pane)
}

/// The dialog's erasure, when it is the open overlay.
pub(super) fn erasing_mut(state: &mut State) -> Option<(&mut Erasing, &mut Phase, &str)> {
    let confirm = state.confirm_mut()?;
    match &mut confirm.action {
        Action::Erase(erasing) => Some((erasing, &mut confirm.phase, &confirm.id)),
        _ => None,
    }
}

/// The faces of the user to erase were found (or not). Returns whether the dialog waited
/// for this search.
pub(crate) fn found(state: &mut State, id: &str, serial: u64, outcome: &Outcome<Found>) -> bool {
    let Some((erasing, _, confirm_id)) = erasing_mut(state) else {
        return false;
    };
    if confirm_id != id || erasing.finding() != Some(serial) {
        return false;
    }
    erasing.faces = match &outcome.result {
        Ok(found) => Faces::Found(found.faces.clone()),
        Err(err) => Faces::Failed(crate::app::log::describe_error(err)),
    };
    true
}

/// Progress of the search finding a user's faces.
pub(crate) fn finding(state: &mut State, id: &str, serial: u64, matched: u64) {
    if let Some((erasing, _, confirm_id)) = erasing_mut(state)
        && let Faces::Finding { serial: s, so_far } = &mut erasing.faces
        && *s == serial
        && confirm_id == id
    {
        *so_far = matched;
    }
}

/// Enter on an enabled Erase: the erasure starts, and the dialog shows it until it ends.
pub(crate) fn confirmed(state: &mut State, now: Timestamp) -> Vec<Command> {
    let Some(id) = state.confirm().map(|c| c.id.clone()) else {
        return Vec::new();
    };
    if state.session.read_only || state.settings.protected_by(&id).is_some() {
        return Vec::new();
    }
    let endpoint = state.session.endpoint.clone();
    let caller_arn = state.identity.as_ref().and_then(|i| i.arn.clone());
    let Some(confirm) = state.confirm_mut() else {
        return Vec::new();
    };
    let context = confirm.context.clone();
    let Action::Erase(erasing) = &mut confirm.action else {
        return Vec::new();
    };
    let Some(faces) = erasing.faces().map(<[Face]>::to_vec) else {
        return Vec::new();
    };
    confirm.phase = Phase::Running;
    erasing.run = Some(Run::new(now));
    let erasure = Erasure {
        target: Target {
            id,
            account: context.account,
            region: context.region,
            profile: context.profile,
            endpoint,
        },
        search: erasing.search.clone(),
        caller_arn,
        faces,
        users: erasing.users.clone(),
    };
    let intent = crate::erase::base_intent(&erasure);
    let erasure = Box::new(erasure);
    vec![Command::Change(Mutation::new(
        intent,
        Change::Erase { erasure },
    ))]
}
