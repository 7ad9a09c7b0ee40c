//! The side effects `update` asks for, grouped by the slice that asks (so its answer, or the
//! news that its task died, goes back to that slice), and how the log names each.

use std::path::PathBuf;

use crate::app::fleet::Call;
use crate::context::Context;
use crate::erase::search::Search;
use crate::ids::{CollectionId, UserId};
use crate::manifest::Target;

use super::mutation::Mutation;
#[cfg(doc)]
use super::{DetailAnswer, SessionAnswer, TableAnswer};

/// The side effects `update` asks for. The effects layer runs each on the runtime and answers
/// with a [`super::Msg`].
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// A call of the collections table.
    Table(TableCall),
    /// A call of the detail view.
    Detail(DetailCall),
    /// A call of the fleet view in one region of the current profile, whatever the current
    /// region; answered by a [`super::FleetAnswer`], never dropped for being of another
    /// context (the fleet's generation sorts out stale ones).
    Fleet(Call),
    /// A call about the session: connecting, the caller's identity, the clipboard.
    Session(SessionCall),
    /// A change to a collection: refused in read-only mode and on a protected collection,
    /// and never sent before its intent is on the audit trail.
    Change(Mutation),
    /// Leave the app.
    Quit,
}

/// The calls of the collections table; each answered by a [`TableAnswer`].
#[derive(Debug, Clone, PartialEq)]
pub enum TableCall {
    /// Fetch one page of ListCollections; answered by [`TableAnswer::PageLoaded`].
    ListPage {
        generation: u64,
        token: Option<String>,
    },
    /// [`TableCall::ListPage`] after a pause, for a listing that failed.
    RetryListPage {
        generation: u64,
        token: Option<String>,
        after: std::time::Duration,
    },
    /// DescribeCollection to fill a row; answered by [`TableAnswer::Described`].
    Describe { id: CollectionId },
    /// DescribeCollection right before a delete; answered by [`TableAnswer::Verified`].
    Verify { id: CollectionId },
    /// Export the pre-delete manifest; answered by [`TableAnswer::ExportProgress`] and
    /// [`TableAnswer::Exported`].
    ExportManifest { target: Target },
    /// Stop the export of `id` and remove its partial file; answered by nothing.
    CancelExport { id: CollectionId },
    /// Remove the finished manifest of a delete that was not sent, and its digest;
    /// answered by [`TableAnswer::ManifestDiscarded`].
    DiscardManifest { id: CollectionId, path: PathBuf },
}

/// The calls of the detail view; each answered by a [`DetailAnswer`].
#[derive(Debug, Clone, PartialEq)]
pub enum DetailCall {
    /// DescribeCollection plus ListTagsForResource; answered by
    /// [`DetailAnswer::DetailDescribed`].
    DescribeDetail { id: CollectionId },
    /// One page of ListFaces; answered by [`DetailAnswer::FacesLoaded`].
    ListFaces {
        id: CollectionId,
        token: Option<String>,
    },
    /// One page of ListUsers; answered by [`DetailAnswer::UsersLoaded`].
    ListUsers {
        id: CollectionId,
        token: Option<String>,
    },
    /// Runs a search, numbered `serial`; answered by [`DetailAnswer::SearchProgress`] after
    /// each page and [`DetailAnswer::Found`] at the end. `total` is the collection's face
    /// count.
    FindFaces {
        id: CollectionId,
        serial: u64,
        search: Search,
        total: Option<u64>,
    },
    /// SearchUsers: the users like `user` at `threshold` or more, for the search numbered
    /// `serial`; answered by [`DetailAnswer::UsersFound`].
    SearchUsers {
        id: CollectionId,
        serial: u64,
        user: UserId,
        threshold: u8,
    },
    /// Stops the search numbered `serial`; answered by nothing.
    CancelFind { serial: u64 },
}

/// The calls about the session; each answered by a [`SessionAnswer`].
#[derive(Debug, Clone, PartialEq)]
pub enum SessionCall {
    /// Connects to `context`, with the MFA code typed for its role if any; answered by
    /// [`SessionAnswer::Connected`].
    Connect {
        context: Context,
        code: Option<String>,
    },
    /// STS GetCallerIdentity for the current context; answered by
    /// [`SessionAnswer::IdentityLoaded`].
    Identity,
    /// Put `text` on the clipboard (OSC 52); answered by [`SessionAnswer::Copied`].
    Copy { what: String, text: String },
}

impl Command {
    /// The call it makes and what on, as the log names calls: `DescribeCollection lobby-cam`.
    pub fn describe(&self) -> String {
        match self {
            Command::Table(call) => match call {
                TableCall::ListPage { .. } | TableCall::RetryListPage { .. } => {
                    "ListCollections".into()
                }
                TableCall::Describe { id } | TableCall::Verify { id } => {
                    format!("DescribeCollection {id}")
                }
                TableCall::ExportManifest { target } => format!("manifest of {}", target.id),
                TableCall::CancelExport { id } => format!("cancel the manifest of {id}"),
                TableCall::DiscardManifest { id, .. } => format!("remove the manifest of {id}"),
            },
            Command::Detail(call) => match call {
                DetailCall::DescribeDetail { id } => format!("DescribeCollection {id}"),
                DetailCall::ListFaces { id, .. } => format!("ListFaces {id}"),
                DetailCall::ListUsers { id, .. } => format!("ListUsers {id}"),
                DetailCall::FindFaces { id, search, .. } => {
                    format!("{} {id} (search for {})", search.op(), search.describe())
                }
                DetailCall::SearchUsers { id, user, .. } => {
                    format!("SearchUsers {id} (users like {user})")
                }
                DetailCall::CancelFind { serial } => format!("cancel search {serial}"),
            },
            Command::Fleet(Call::Page { region, .. }) => format!("ListCollections in {region}"),
            Command::Fleet(Call::Describe { region, id, .. }) => {
                format!("DescribeCollection {id} in {region}")
            }
            Command::Fleet(Call::Reach { .. }) => "find the fleet's accounts".into(),
            Command::Fleet(Call::Export { .. }) => "write the inventory".into(),
            Command::Session(call) => match call {
                SessionCall::Connect { context, .. } => {
                    format!("connect to {}", context.describe())
                }
                SessionCall::Identity => "GetCallerIdentity".into(),
                SessionCall::Copy { what, .. } => format!("copy {what}"),
            },
            Command::Change(mutation) => mutation.change.describe(),
            Command::Quit => "quit".into(),
        }
    }
}
