//! The contract between the event sources, `update`, and the effects layer.

use crate::api::{
    CollectionDetail, Created, Described, FaceDeletion, FacePage, Outcome, Page, Tags, UserPage,
};
use crate::audit;
use crate::manifest;

/// Milliseconds since the Unix epoch. Time enters `update` only as a value.
pub type Timestamp = i64;

/// Everything that can happen to the app: user intents (from `keymap`), API results (from
/// `effects`), and terminal events (from the run loop).
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    // Navigation in the focused list (table or log pane).
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Tab outside dialogs: move focus between the table and the log pane.
    FocusNext,
    // Filter.
    FilterOpen,
    FilterInput(char),
    FilterBackspace,
    /// Enter in the filter: keep it and return to the table.
    FilterAccept,
    /// Esc in the filter: clear it and return to the table.
    FilterClear,
    // Table.
    SortNext,
    SortReverse,
    Refresh,
    /// `d` / Delete on the selected row.
    DeleteOpen,
    ToggleHelp,
    // Dialog.
    DialogInput(char),
    DialogBackspace,
    /// Enter in a dialog: activates the focused button, or submits the typed ID.
    DialogSubmit,
    /// Esc in a dialog (or activating Cancel/Close).
    DialogCancel,
    /// Tab / Right in a dialog.
    DialogFocusNext,
    /// BackTab / Left in a dialog.
    DialogFocusPrev,
    /// `q` from the table, Ctrl-C from anywhere.
    Quit,
    /// Esc while a failed listing waits to be retried: stop retrying.
    ListingStop,
    /// The terminal was resized.
    Resize {
        width: u16,
        height: u16,
    },

    // Results from the effects layer.
    /// One page of ListCollections for the listing started with `generation`.
    PageLoaded {
        generation: u64,
        outcome: Outcome<Page>,
    },
    /// A DescribeCollection issued to fill a row.
    Described {
        id: String,
        outcome: Outcome<CollectionDetail>,
    },
    /// The DescribeCollection made right before a delete.
    Verified {
        id: String,
        outcome: Outcome<CollectionDetail>,
    },
    /// The DeleteCollection call's result.
    Deleted {
        id: String,
        outcome: Outcome<i32>,
    },
    /// The service throttled `op`; rekog now paces it at `rate` calls per second.
    Throttled {
        op: String,
        rate: f64,
    },
    /// A background task died (panicked or was cancelled) instead of reporting. `command`
    /// is what it was running, so whatever waited on it stops waiting.
    TaskFailed {
        command: Box<Command>,
        why: String,
    },
    /// Enter on a row: open its detail view.
    DetailOpen,
    /// Esc in the detail view: back to the table.
    DetailClose,
    /// Space in the faces list: mark or unmark the face and move on.
    FaceMark,
    /// `d` in the faces list: confirm deleting the marked faces.
    FacesDeleteOpen,
    /// `c`: the create-collection dialog.
    CreateOpen,
    /// `y`: copy the selected collection's ID.
    CopyId,
    /// `Y`: copy the selected collection's ARN.
    CopyArn,
    /// DescribeCollection and tags for the detail view.
    DetailDescribed {
        id: String,
        outcome: Outcome<Described>,
    },
    /// A page of ListFaces; `token` is the one it was asked with.
    FacesLoaded {
        id: String,
        token: Option<String>,
        outcome: Outcome<FacePage>,
    },
    UsersLoaded {
        id: String,
        outcome: Outcome<UserPage>,
    },
    /// One DeleteFaces batch's result; `requested` are the ids it was sent.
    FacesDeleted {
        id: String,
        requested: Vec<String>,
        outcome: Outcome<FaceDeletion>,
    },
    CollectionCreated {
        id: String,
        outcome: Outcome<Created>,
    },
    /// The clipboard write's result: `what` was copied (e.g. `collection ID x`), or why not.
    Copied {
        what: String,
        result: Result<(), String>,
    },

    /// Something about the audit trail the operator must know (it could not be opened, an
    /// outcome line could not be written, intents left unfinished by an earlier run).
    AuditNotice {
        text: String,
        error: bool,
    },
    /// A page of the pre-delete manifest of `id` was written.
    ExportProgress {
        id: String,
        faces: u64,
        total: Option<u64>,
    },
    /// The pre-delete manifest of `id` is complete, or failed (the partial file is gone).
    Exported {
        id: String,
        result: Result<manifest::Exported, String>,
    },
    /// STS GetCallerIdentity answered (or failed, with why).
    IdentityLoaded {
        result: Result<crate::app::records::Identity, String>,
    },
}

/// The side effects `update` asks for. The effects layer runs each on the runtime and answers
/// with a [`Msg`].
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The first page of ListUsers; answered by [`Msg::UsersLoaded`].
    ListUsers { id: String },
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
            Command::ListUsers { id } => format!("ListUsers {id}"),
            Command::DeleteFaces { id, .. } => format!("DeleteFaces {id}"),
            Command::CreateCollection { id, .. } => format!("CreateCollection {id}"),
            Command::Copy { what, .. } => format!("copy {what}"),
            Command::ExportManifest { target } => format!("manifest of {}", target.id),
            Command::CancelExport { id } => format!("cancel the manifest of {id}"),
            Command::Quit => "quit".into(),
        }
    }
}
