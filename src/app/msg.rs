//! The contract between the event sources, `update`, and the effects layer.

mod command;

pub use self::command::Command;
use crate::aws::api::{
    Association, CollectionDetail, Created, Described, FaceDeletion, FacePage, Outcome, Page,
    UserPage,
};
use crate::erase::search::{Found, Progress};
use crate::manifest;

use crate::context::{ConnectFailure, Context, Session};

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
    /// `/` in the faces list: the search input.
    SearchOpen,
    /// Esc while a search runs (it stops) or its results are shown: back to every face.
    SearchClose,
    /// `A`: mark every face the list shows.
    MarkAll,
    /// `u`: the lower pane lists users instead of faces, or faces again.
    PaneToggle,
    /// Enter in the users list: the selected user's faces.
    UserFaces,
    /// `c` in the users list: the CreateUser form.
    UserCreateOpen,
    /// `d` in the users list: confirm deleting the selected user.
    UserDeleteOpen,
    /// `a` with faces marked: the user to associate them with.
    AssociateOpen,
    /// `x` with faces marked: confirm taking them off their users.
    DisassociateOpen,
    /// `E`: the erasure dialog, for the marked faces or the selected user.
    EraseOpen,
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
    /// A page of ListUsers; `token` is the one it was asked with.
    UsersLoaded {
        id: String,
        token: Option<String>,
        outcome: Outcome<UserPage>,
    },
    /// A page of the search numbered `serial` was read.
    SearchProgress {
        id: String,
        serial: u64,
        progress: Progress,
    },
    /// The search numbered `serial` ended.
    Found {
        id: String,
        serial: u64,
        outcome: Outcome<Found>,
    },
    UserCreated {
        id: String,
        user: String,
        outcome: Outcome<()>,
    },
    UserDeleted {
        id: String,
        user: String,
        outcome: Outcome<()>,
    },
    /// One AssociateFaces batch's result; `requested` are the ids it was sent.
    Associated {
        id: String,
        user: String,
        requested: Vec<String>,
        outcome: Outcome<Association>,
    },
    /// One DisassociateFaces batch's result.
    Disassociated {
        id: String,
        user: String,
        requested: Vec<String>,
        outcome: Outcome<Association>,
    },
    /// A step of the erasure in `id` (a stage, a call, the manifest, the audit intent).
    EraseStep {
        id: String,
        step: Box<crate::erase::Step>,
    },
    /// The erasure in `id` ended: its report, or why nothing was erased.
    Erased {
        id: String,
        result: Result<Box<crate::erase::Report>, String>,
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

    /// `R`: the region picker.
    RegionPickerOpen,
    /// `P`: the profile picker.
    ProfilePickerOpen,
    /// `F`: the fleet view of every region for the current profile.
    FleetOpen,
    /// Esc or `q` in the fleet view: close it, back to the table.
    FleetClose,
    /// `r` in the fleet view: count every region again.
    FleetReload,
    /// Enter in the fleet view: the selected region's collections.
    FleetEnter,
    /// Esc in a table opened from the fleet view: back to it.
    FleetBack,
    /// A ListCollections page of the fleet opened as `generation`, for `region`.
    FleetPage {
        generation: u64,
        region: String,
        outcome: Outcome<Page>,
    },
    /// A DescribeCollection of the fleet opened as `generation`, in `region`.
    FleetDescribed {
        generation: u64,
        region: String,
        outcome: Outcome<CollectionDetail>,
    },
    /// A result of a call made for `context`; acted on only while that is still the current
    /// context, so a late answer from before a switch changes nothing.
    For {
        context: Context,
        msg: Box<Msg>,
    },
    /// The connection a switch asked for is made (its session), or why not. Delivered
    /// whatever the current context.
    Connected {
        context: Context,
        result: Result<Session, ConnectFailure>,
    },
}
