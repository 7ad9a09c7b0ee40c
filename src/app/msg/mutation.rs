//! Every change rekog makes to a collection, as one value that carries the audit intent
//! recorded before it. The effects layer has one road for these (see `effects::mutate`):
//! a command that changes something cannot be written any other way.

use crate::audit::{Intent, Operation};
use crate::aws::api::Tags;
use crate::erase::Erasure;
use crate::ids::{CollectionId, UserId};

/// A change and the intent the audit trail records before it is sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Mutation {
    pub intent: Box<Intent>,
    pub change: Change,
}

/// What a [`Mutation`] changes; answered by the slice's answer of the same name (for
/// example [`Change::DeleteCollection`] by `TableAnswer::Deleted`).
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// DeleteCollection.
    DeleteCollection {
        id: CollectionId,
    },
    /// CreateCollection, tagged at birth.
    CreateCollection {
        id: CollectionId,
        tags: Tags,
    },
    /// DeleteFaces of at most 4096 ids. The face ids here and in the other changes stay
    /// `String`: they are ids the service listed (the marked faces), never typed, so there
    /// is nothing to check before they are sent back to it.
    DeleteFaces {
        id: CollectionId,
        face_ids: Vec<String>,
    },
    CreateUser {
        id: CollectionId,
        user: UserId,
    },
    DeleteUser {
        id: CollectionId,
        user: UserId,
    },
    /// AssociateFaces of at most 100 ids.
    AssociateFaces {
        id: CollectionId,
        user: UserId,
        face_ids: Vec<String>,
    },
    /// DisassociateFaces of at most 100 ids of one user.
    DisassociateFaces {
        id: CollectionId,
        user: UserId,
        face_ids: Vec<String>,
    },
    /// One person's faces and users, as confirmed; answered by `DetailAnswer::EraseStep`s
    /// and `DetailAnswer::Erased`. Never cancelled once it started.
    Erase {
        erasure: Box<Erasure>,
    },
}

impl Mutation {
    pub fn new(intent: Intent, change: Change) -> Mutation {
        Mutation {
            intent: Box::new(intent),
            change,
        }
    }
}

impl Change {
    /// The collection it changes.
    pub fn id(&self) -> &CollectionId {
        match self {
            Change::DeleteCollection { id }
            | Change::CreateCollection { id, .. }
            | Change::DeleteFaces { id, .. }
            | Change::CreateUser { id, .. }
            | Change::DeleteUser { id, .. }
            | Change::AssociateFaces { id, .. }
            | Change::DisassociateFaces { id, .. } => id,
            Change::Erase { erasure } => &erasure.target.id,
        }
    }

    /// The operation its audit intent must name.
    pub fn operation(&self) -> Operation {
        match self {
            Change::DeleteCollection { .. } => Operation::DeleteCollection,
            Change::CreateCollection { .. } => Operation::CreateCollection,
            Change::DeleteFaces { .. } => Operation::DeleteFaces,
            Change::CreateUser { .. } => Operation::CreateUser,
            Change::DeleteUser { .. } => Operation::DeleteUser,
            Change::AssociateFaces { .. } => Operation::AssociateFaces,
            Change::DisassociateFaces { .. } => Operation::DisassociateFaces,
            Change::Erase { .. } => Operation::Erasure,
        }
    }

    /// As the log names calls: `DeleteCollection lobby-cam`, `DeleteUser lobby-cam alice`.
    pub fn describe(&self) -> String {
        let op = self.operation().as_str();
        match self {
            Change::DeleteCollection { id }
            | Change::CreateCollection { id, .. }
            | Change::DeleteFaces { id, .. } => format!("{op} {id}"),
            Change::CreateUser { id, user }
            | Change::DeleteUser { id, user }
            | Change::AssociateFaces { id, user, .. }
            | Change::DisassociateFaces { id, user, .. } => format!("{op} {id} {user}"),
            Change::Erase { erasure } => format!("erasure in {}", erasure.target.id),
        }
    }
}
