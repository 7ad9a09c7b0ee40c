//! A task that died instead of answering: the command it ran says what waited on it.

use super::log::{Entry, Level};
use super::msg::{Command, Timestamp};
use super::{State, collections, detail, overlay, switch};
use crate::context::ConnectFailure;
use crate::text::sanitize;

/// A task died instead of answering. The command it ran says what waited on it, so that
/// stops waiting; its outcome is unknown, and the log says so.
pub(super) fn task_failed(
    state: &mut State,
    command: Command,
    why: &str,
    now: Timestamp,
) -> Vec<Command> {
    let what = command.describe();
    let mut out = Vec::new();
    match &command {
        Command::ListPage { generation, .. } | Command::RetryListPage { generation, .. } => {
            state.table.listing_failed(*generation);
        }
        Command::Describe { id } => state.table.describe_lost(id),
        Command::Verify { id } => {
            if let Some(confirm) = state.confirm_mut().filter(|c| c.id == *id) {
                confirm.stop(overlay::confirm::Why::CheckFailed(
                    "the check did not complete".into(),
                ));
            }
        }
        Command::Delete { id, .. } => state.table.delete_finished(id),
        Command::CreateCollection { id, .. } => collections::create::lost(state, id),
        Command::CreateUser { id, user, .. } => {
            detail::user_edit::lost(state, id, user);
            detail::results::lost(state, &command);
        }
        Command::DescribeDetail { .. }
        | Command::ListFaces { .. }
        | Command::ListUsers { .. }
        | Command::FindFaces { .. }
        | Command::DeleteFaces { .. }
        | Command::DeleteUser { .. }
        | Command::AssociateFaces { .. }
        | Command::DisassociateFaces { .. } => detail::results::lost(state, &command),
        Command::Erase { erasure } => out = detail::erase::lost(state, &erasure.target.id),
        Command::ExportManifest { target } => {
            let failed = Err("the export stopped".into());
            collections::export::finished(state, &target.id, failed, now);
        }
        Command::Copy { .. }
        | Command::CancelExport { .. }
        | Command::CancelFind { .. }
        | Command::Identity
        | Command::Quit => {}
        // The effects answer a fleet call that died with its failure, as any other.
        Command::Fleet(_) => {}
        Command::Connect { context, .. } => {
            let why = ConnectFailure::Failed(why.to_owned());
            out = switch::connected(state, context.clone(), Err(why), now);
        }
    }
    state.push_log(Entry {
        at: now,
        level: Level::Error,
        text: sanitize(&format!("internal error: {what}: {why}")),
        hint: Some("the call's outcome is unknown; press r to refresh".into()),
    });
    out
}
