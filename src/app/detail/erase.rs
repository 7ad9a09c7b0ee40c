//! `E`: the erasure of the marked faces, or of a user and all its faces. The dialog names
//! what goes and where, needs the collection ID typed, then shows the erasure's progress
//! until it ends: once started, an erasure runs to its end. These are functions of the
//! dialog's data; the state finds the dialog.

mod report;
mod run;

pub use self::report::{ended, quitting, step};
pub use self::run::{Run, advance, end, hold_quit, lose};

use crate::app::msg::{Change, Mutation, Timestamp};
use crate::app::overlay::confirm::{Action, Confirm, Phase};
use crate::aws::api::Face;
use crate::erase::search::Search;
use crate::erase::{Erasure, PhotoBytes};
use crate::ids::UserId;
use crate::manifest::{Likeness, Target};

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
    /// The search itself, for the proof of absence to run again when it was a scan.
    pub recheck: Option<Search>,
    pub faces: Faces,
    /// The users it names (the user erased, or searched with `user:ID`): deleted when it
    /// leaves them without faces. The users of other faces stay.
    pub users: Vec<UserId>,
    /// Once confirmed: how it goes.
    pub run: Option<Run>,
    /// The manifest keeps ExternalImageIds and UserIds in clear text (Ctrl-N in the
    /// dialog), not as HMAC-SHA256.
    pub keep_names: bool,
    /// Faces found by likeness (`s`, `image:`): what was searched, the threshold and each
    /// face's similarity, for the manifest's `search`.
    pub likeness: Option<Likeness>,
    /// The photo an `image:` search read, to search with again for the proof of absence.
    pub photo: Option<PhotoBytes>,
}

impl Erasing {
    pub fn faces(&self) -> Option<&[Face]> {
        match &self.faces {
            Faces::Found(faces) => Some(faces),
            Faces::Finding { .. } | Faces::Failed(_) => None,
        }
    }

    /// The search finding the faces, while it runs.
    pub fn finding(&self) -> Option<u64> {
        match self.faces {
            Faces::Finding { serial, .. } => Some(serial),
            Faces::Found(_) | Faces::Failed(_) => None,
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

/// The dialog's erasure, its phase and its collection, when `confirm` is an erasure's.
fn erasing_mut(confirm: &mut Confirm) -> Option<(&mut Erasing, &mut Phase, &str)> {
    match &mut confirm.action {
        Action::Erase(erasing) => Some((erasing, &mut confirm.phase, &confirm.id)),
        Action::DeleteCollection { .. }
        | Action::DeleteFaces { .. }
        | Action::DeleteUser { .. }
        | Action::Disassociate { .. } => None,
    }
}

/// The erasure of `id` still finding its faces with the search `serial`.
fn finding_in<'a>(confirm: &'a mut Confirm, id: &str, serial: u64) -> Option<&'a mut Erasing> {
    let (erasing, _, confirm_id) = erasing_mut(confirm)?;
    (confirm_id == id && erasing.finding() == Some(serial)).then_some(erasing)
}

/// Progress of the search finding a user's faces.
pub fn finding(confirm: &mut Confirm, id: &str, serial: u64, matched: u64) {
    if let Some(erasing) = finding_in(confirm, id, serial)
        && let Faces::Finding { so_far, .. } = &mut erasing.faces
    {
        *so_far = matched;
    }
}

/// The faces of the user to erase were found (or not). Returns whether the dialog waited
/// for this search.
pub fn found(
    confirm: &mut Confirm,
    id: &str,
    serial: u64,
    result: &Result<Vec<Face>, String>,
) -> bool {
    let Some(erasing) = finding_in(confirm, id, serial) else {
        return false;
    };
    erasing.faces = match result {
        Ok(faces) => Faces::Found(faces.clone()),
        Err(why) => Faces::Failed(why.clone()),
    };
    true
}

/// Enter on an enabled Erase: the dialog shows the erasure from now on, and this is the
/// change to send (none while its faces are unknown). `endpoint` and `caller_arn` are the
/// session's, for the manifest and the audit trail.
pub fn start(
    confirm: &mut Confirm,
    endpoint: Option<String>,
    caller_arn: Option<String>,
    now: Timestamp,
) -> Option<Mutation> {
    let (id, context) = (confirm.id.clone(), confirm.context.clone());
    let (erasing, phase, _) = erasing_mut(confirm)?;
    let faces = erasing.faces()?.to_vec();
    *phase = Phase::Running;
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
        recheck: erasing.recheck.clone(),
        caller_arn,
        faces,
        users: erasing.users.clone(),
        keep_names: erasing.keep_names,
        likeness: erasing.likeness.clone(),
        photo: erasing.photo.clone(),
    };
    let intent = crate::erase::base_intent(&erasure);
    let erasure = Box::new(erasure);
    Some(Mutation::new(intent, Change::Erase { erasure }))
}

/// Ctrl-N in an erase dialog not yet confirmed: the manifest keeps ExternalImageIds and
/// UserIds in clear text, or (again) as HMAC-SHA256.
pub(crate) fn keep_names(state: &mut crate::app::State) -> Vec<crate::app::msg::Command> {
    if let Some(confirm) = state.confirm_mut().filter(|c| c.phase == Phase::Editing)
        && let Action::Erase(erasing) = &mut confirm.action
    {
        erasing.keep_names = !erasing.keep_names;
    }
    Vec::new()
}
