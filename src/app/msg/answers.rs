//! The answers the effects layer sends back, one enum per slice of the state that owns
//! them: each slice's router matches every variant of its own enum.

use crate::aws::api::{
    Association, CollectionDetail, Created, Described, FaceDeletion, FacePage, Outcome, Page,
    UserMatch, UserPage,
};
use crate::context::{ConnectFailure, Context, Session};
use crate::erase::search::{Found, Progress};
use crate::ids::{CollectionId, UserId};
use crate::manifest::Exported;

/// Answers for the collections table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableAnswer {
    /// One page of ListCollections for the listing started with `generation`.
    PageLoaded {
        generation: u64,
        outcome: Outcome<Page>,
    },
    /// A DescribeCollection issued to fill a row.
    Described {
        id: CollectionId,
        outcome: Outcome<CollectionDetail>,
    },
    /// The DescribeCollection made right before a delete.
    Verified {
        id: CollectionId,
        outcome: Outcome<CollectionDetail>,
    },
    /// The DeleteCollection call's result.
    Deleted {
        id: CollectionId,
        outcome: Outcome<i32>,
    },
    CollectionCreated {
        id: CollectionId,
        outcome: Outcome<Created>,
    },
    /// A page of the pre-delete manifest of `id` was written.
    ExportProgress {
        id: CollectionId,
        faces: u64,
        total: Option<u64>,
    },
    /// The pre-delete manifest of `id` is complete, or failed (the partial file is gone).
    Exported {
        id: CollectionId,
        result: Result<Exported, String>,
    },
    /// The manifest of a delete that was not sent is removed, or why not.
    ManifestDiscarded {
        id: CollectionId,
        path: std::path::PathBuf,
        result: Result<(), String>,
    },
}

impl TableAnswer {
    /// Whether it reports a call that may have changed the collections or faces counted
    /// (whatever its outcome: a timeout may still have deleted).
    pub fn changes_counts(&self) -> bool {
        matches!(
            self,
            TableAnswer::Deleted { .. } | TableAnswer::CollectionCreated { .. }
        )
    }
}

/// Answers for the detail view.
#[derive(Debug, Clone, PartialEq)]
pub enum DetailAnswer {
    /// DescribeCollection and tags for the detail view.
    DetailDescribed {
        id: CollectionId,
        outcome: Outcome<Described>,
    },
    /// A page of ListFaces; `token` is the one it was asked with.
    FacesLoaded {
        id: CollectionId,
        token: Option<String>,
        outcome: Outcome<FacePage>,
    },
    /// A page of ListUsers; `token` is the one it was asked with.
    UsersLoaded {
        id: CollectionId,
        token: Option<String>,
        outcome: Outcome<UserPage>,
    },
    /// A page of the search numbered `serial` was read.
    SearchProgress {
        id: CollectionId,
        serial: u64,
        progress: Progress,
    },
    /// The search numbered `serial` ended.
    Found {
        id: CollectionId,
        serial: u64,
        outcome: Outcome<Found>,
    },
    /// The users like one, for the search numbered `serial`.
    UsersFound {
        id: CollectionId,
        serial: u64,
        outcome: Outcome<Vec<UserMatch>>,
    },
    /// One DeleteFaces batch's result; `requested` are the ids it was sent.
    FacesDeleted {
        id: CollectionId,
        requested: Vec<String>,
        outcome: Outcome<FaceDeletion>,
    },
    UserCreated {
        id: CollectionId,
        user: UserId,
        outcome: Outcome<()>,
    },
    UserDeleted {
        id: CollectionId,
        user: UserId,
        outcome: Outcome<()>,
    },
    /// One AssociateFaces batch's result; `requested` are the ids it was sent.
    Associated {
        id: CollectionId,
        user: UserId,
        requested: Vec<String>,
        outcome: Outcome<Association>,
    },
    /// One DisassociateFaces batch's result.
    Disassociated {
        id: CollectionId,
        user: UserId,
        requested: Vec<String>,
        outcome: Outcome<Association>,
    },
    /// A step of the erasure in `id` (a stage, a call, the manifest, the audit intent).
    EraseStep {
        id: CollectionId,
        step: Box<crate::erase::Step>,
    },
    /// The erasure in `id` ended: its report, or why nothing was erased.
    Erased {
        id: CollectionId,
        result: Result<Box<crate::erase::Report>, String>,
    },
}

impl DetailAnswer {
    /// Whether it reports a call that may have changed the faces or users counted.
    pub fn changes_counts(&self) -> bool {
        matches!(
            self,
            DetailAnswer::FacesDeleted { .. }
                | DetailAnswer::UserCreated { .. }
                | DetailAnswer::UserDeleted { .. }
                | DetailAnswer::Erased { .. }
        )
    }
}

/// Answers for the fleet view.
#[derive(Debug, Clone, PartialEq)]
pub enum FleetAnswer {
    /// A ListCollections page of the fleet opened as `generation`, for `region` of its
    /// `account`.
    Page {
        generation: u64,
        account: usize,
        region: String,
        outcome: Outcome<Page>,
    },
    /// A DescribeCollection of the fleet opened as `generation`, in `region` of its
    /// `account`.
    Described {
        generation: u64,
        account: usize,
        region: String,
        outcome: Outcome<CollectionDetail>,
    },
    /// The accounts the scope of the fleet opened as `generation` reaches.
    Reached {
        generation: u64,
        accounts: Vec<crate::app::fleet::Account>,
    },
    /// The inventory was written (its path, and how many records), or why not.
    Exported {
        result: Result<(std::path::PathBuf, usize), String>,
    },
}

/// Answers about the session rather than what is on screen.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionAnswer {
    /// The connection a switch asked for is made (its session), or why not. Delivered
    /// whatever the current context.
    Connected {
        context: Context,
        result: Result<Session, ConnectFailure>,
    },
    /// STS GetCallerIdentity answered (or failed, with why).
    IdentityLoaded {
        result: Result<crate::app::session::Identity, String>,
    },
    /// The service throttled `op`; rekog now paces it at `rate` calls per second.
    Throttled { op: String, rate: f64 },
    /// Something about the audit trail the operator must know (it could not be opened, an
    /// outcome line could not be written, intents left unfinished by an earlier run).
    AuditNotice { text: String, error: bool },
    /// The clipboard write's result: `what` was copied (e.g. `collection ID x`), or why not.
    Copied {
        what: String,
        result: Result<(), String>,
    },
}
