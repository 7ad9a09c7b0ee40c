//! The detail view of one collection: what DescribeCollection says, its tags, and a lower
//! pane with either its faces (loaded a page at a time as the operator scrolls, or the
//! results of a search) or its users (paged the same way).
//!
//! A model and its glue, as the fleet view is. The model (`view`, `faces`, `users`,
//! `search`, `members`, and the data of the dialogs the view opens: `dialogs`, `user_edit`,
//! `erase`) takes answers and keys and returns what should happen as plain values (`out`):
//! the calls to send, the log lines, what the table learns, news for a dialog. It never
//! sees the `State`; `glue` routes to it and applies what it returns.

mod cursor;
pub mod dialogs;
pub mod erase;
pub mod faces;
mod glue;
pub mod members;
pub mod out;
pub mod search;
pub mod user_edit;
pub mod user_like;
pub mod users;
mod view;

pub use self::cursor::Cursor;
pub use self::dialogs::Dialog;
pub(super) use self::glue::{
    answer, ask, close, confirmed, form_key, like, lost, lost_change, mark, mark_all, navigate,
    open, quit, reload, restep, search_close, search_key, search_open, toggle_pane, user_faces,
};
pub use self::view::{DetailView, Load, Pane, face_rows, fact_lines};

#[cfg(test)]
mod tests;
