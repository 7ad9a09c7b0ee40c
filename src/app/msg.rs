//! The contract between the event sources, `update`, and the effects layer: key intents
//! (flat, as the binding table sends them), answers grouped by the slice of the state that
//! owns them, and the commands each slice asks for, grouped the same way.

mod answers;
mod command;
mod mutation;

pub use self::answers::{DetailAnswer, FleetAnswer, SessionAnswer, TableAnswer};
pub use self::command::{Command, DetailCall, SessionCall, TableCall};
pub use self::mutation::{Change, Mutation};

use crate::context::Context;

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
    /// Ctrl-T in a delete or erase dialog: type or change the session's ticket.
    DialogTicket,
    /// Ctrl-N in the erase dialog: the manifest keeps names in clear text, or as HMACs.
    EraseKeepNames,
    /// `q` from the table, Ctrl-C from anywhere.
    Quit,
    /// Esc while a failed listing waits to be retried: stop retrying.
    ListingStop,
    /// The terminal was resized.
    Resize {
        width: u16,
        height: u16,
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
    /// `s`: the faces like the selected face, or the users like the selected user.
    SearchLike,
    /// `+` while faces or users found by likeness are shown: search again, 5 stricter.
    ThresholdUp,
    /// `-`: search again, 5 less strict.
    ThresholdDown,
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
    /// `a` in the fleet view: this profile, or every account (all profiles, or the
    /// organization).
    FleetWiden,
    /// `e` in the fleet view: write the inventory.
    FleetExport,
    /// An answer for the collections table.
    Table(TableAnswer),
    /// An answer for the detail view.
    Detail(DetailAnswer),
    /// An answer for the fleet view.
    Fleet(FleetAnswer),
    /// An answer about the session: connections, identity, throttling, the audit trail,
    /// the clipboard.
    Session(SessionAnswer),
    /// A result of a call made for `context`; acted on only while that is still the current
    /// context, so a late answer from before a switch changes nothing.
    For {
        context: Context,
        msg: Box<Msg>,
    },
    /// A background task died (panicked or was cancelled) instead of reporting. `command`
    /// is what it was running, and the slice that asked for it (the command's own variant
    /// says which) stops waiting.
    TaskFailed {
        command: Box<Command>,
        why: String,
    },
}

/// A key of a dialog or an input, as the overlay that is open receives it (the flat key
/// intents `DialogInput`, `DialogSubmit`, ... of [`Msg`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKey {
    Input(char),
    Backspace,
    /// Enter: activates the focused button, or submits.
    Submit,
    /// Esc, or Cancel/Close activated.
    Cancel,
    FocusNext,
    FocusPrev,
}

/// A movement key, as whatever has the keys receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
}
