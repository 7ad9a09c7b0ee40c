//! The side effects `update` asks for, and how the log names each.

use crate::app::fleet::Call;
use crate::audit;
use crate::aws::api::Tags;
use crate::erase::search::Search;
use crate::manifest;

#[cfg(doc)]
use super::Msg;

/// The side effects `update` asks for. The effects layer runs each on the runtime and answers
/// with a [`Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Fetch one page of ListCollections; answered by [`Msg::PageLoaded`].
    ListPage {
        generation: u64,
        token: Option<String>,
    },
    /// [`Command::ListPage`] after a pause, for a listing that failed; answered by
    /// [`Msg::PageLoaded`].
    RetryListPage {
        generation: u64,
        token: Option<String>,
        after: std::time::Duration,
    },
    /// DescribeCollection to fill a row; answered by [`Msg::Described`].
    Describe { id: String },
    /// DescribeCollection right before a delete; answered by [`Msg::Verified`].
    Verify { id: String },
    /// DeleteCollection; answered by [`Msg::Deleted`]. Refused by effects in read-only mode,
    /// and not sent unless `intent` is first written to the audit trail.
    Delete {
        id: String,
        intent: Box<audit::Intent>,
    },
    /// Leave the app.
    Quit,
    /// DescribeCollection plus ListTagsForResource; answered by [`Msg::DetailDescribed`].
    DescribeDetail { id: String },
    /// One page of ListFaces; answered by [`Msg::FacesLoaded`].
    ListFaces { id: String, token: Option<String> },
    /// One page of ListUsers; answered by [`Msg::UsersLoaded`].
    ListUsers { id: String, token: Option<String> },
    /// Runs a search, numbered `serial`; answered by [`Msg::SearchProgress`] after each
    /// page and [`Msg::Found`] at the end. `total` is the collection's face count.
    FindFaces {
        id: String,
        serial: u64,
        search: Search,
        total: Option<u64>,
    },
    /// Stops the search numbered `serial`; answered by nothing.
    CancelFind { serial: u64 },
    /// CreateUser; answered by [`Msg::UserCreated`]. Audited; refused in read-only mode.
    CreateUser {
        id: String,
        user: String,
        intent: Box<audit::Intent>,
    },
    /// DeleteUser; answered by [`Msg::UserDeleted`]. Audited; refused in read-only mode.
    DeleteUser {
        id: String,
        user: String,
        intent: Box<audit::Intent>,
    },
    /// AssociateFaces of at most 100 ids; answered by [`Msg::Associated`]. Audited;
    /// refused in read-only mode.
    AssociateFaces {
        id: String,
        user: String,
        face_ids: Vec<String>,
        intent: Box<audit::Intent>,
    },
    /// DisassociateFaces of at most 100 ids of one user; answered by
    /// [`Msg::Disassociated`]. Audited; refused in read-only mode.
    DisassociateFaces {
        id: String,
        user: String,
        face_ids: Vec<String>,
        intent: Box<audit::Intent>,
    },
    /// Runs the erasure as confirmed; answered by [`Msg::EraseStep`]s and [`Msg::Erased`].
    /// Refused in read-only mode; never cancelled once it started.
    Erase { erasure: Box<crate::erase::Erasure> },
    /// DeleteFaces of at most 4096 ids; answered by [`Msg::FacesDeleted`]. Refused by
    /// effects in read-only mode.
    DeleteFaces {
        id: String,
        face_ids: Vec<String>,
        intent: Box<audit::Intent>,
    },
    /// CreateCollection; answered by [`Msg::CollectionCreated`]. Refused by effects in
    /// read-only mode.
    CreateCollection {
        id: String,
        tags: Tags,
        intent: Box<audit::Intent>,
    },
    /// Put `text` on the clipboard (OSC 52); answered by [`Msg::Copied`].
    Copy { what: String, text: String },

    /// Export the pre-delete manifest; answered by [`Msg::ExportProgress`] and [`Msg::Exported`].
    ExportManifest { target: manifest::Target },
    /// Stop the export of `id` and remove its partial file; answered by nothing.
    CancelExport { id: String },
    /// Connects to `context`, with the MFA code typed for its role if any; answered by
    /// [`Msg::Connected`].
    Connect {
        context: crate::context::Context,
        code: Option<String>,
    },
    /// STS GetCallerIdentity for the current context; answered by [`Msg::IdentityLoaded`].
    Identity,
    /// A call of the fleet view in one region of the current profile, whatever the current
    /// region; answered by [`Msg::FleetPage`] or [`Msg::FleetDescribed`], never dropped
    /// for being of another context (the fleet's generation sorts out stale ones).
    Fleet(Call),
}

impl Command {
    /// The call it makes and what on, as the log names calls: `DescribeCollection lobby-cam`.
    pub fn describe(&self) -> String {
        match self {
            Command::ListPage { .. } | Command::RetryListPage { .. } => "ListCollections".into(),
            Command::Describe { id } | Command::Verify { id } | Command::DescribeDetail { id } => {
                format!("DescribeCollection {id}")
            }
            Command::Delete { id, .. } => format!("DeleteCollection {id}"),
            Command::ListFaces { id, .. } => format!("ListFaces {id}"),
            Command::ListUsers { id, .. } => format!("ListUsers {id}"),
            Command::FindFaces { id, search, .. } => {
                format!("ListFaces {id} (search for {})", search.describe())
            }
            Command::CancelFind { serial } => format!("cancel search {serial}"),
            Command::CreateUser { id, user, .. } => format!("CreateUser {id} {user}"),
            Command::DeleteUser { id, user, .. } => format!("DeleteUser {id} {user}"),
            Command::AssociateFaces { id, user, .. } => format!("AssociateFaces {id} {user}"),
            Command::DisassociateFaces { id, user, .. } => {
                format!("DisassociateFaces {id} {user}")
            }
            Command::Erase { erasure } => format!("erasure in {}", erasure.target.id),
            Command::DeleteFaces { id, .. } => format!("DeleteFaces {id}"),
            Command::CreateCollection { id, .. } => format!("CreateCollection {id}"),
            Command::Copy { what, .. } => format!("copy {what}"),
            Command::ExportManifest { target } => format!("manifest of {}", target.id),
            Command::CancelExport { id } => format!("cancel the manifest of {id}"),
            Command::Quit => "quit".into(),
            Command::Connect { context, .. } => format!("connect to {}", context.describe()),
            Command::Identity => "GetCallerIdentity".into(),
            Command::Fleet(Call::Page { region, .. }) => format!("ListCollections in {region}"),
            Command::Fleet(Call::Describe { region, id, .. }) => {
                format!("DescribeCollection {id} in {region}")
            }
        }
    }
}
