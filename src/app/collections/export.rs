//! The pre-delete manifest as the delete dialog sees it: started when the dialog opens,
//! progress as pages are written, and Delete held back until it is complete and whole.

use std::path::{Path, PathBuf};

use crate::app::State;
use crate::app::log::{Entry, Level};
use crate::app::msg::{Command, TableCall, Timestamp};
use crate::app::overlay::confirm::{Action, Confirm};
use crate::ids::CollectionId;
use crate::manifest::{Exported, Target};
use crate::text::count;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Running,
    Done(Exported),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub started: Timestamp,
    /// When the last progress arrived.
    pub updated: Timestamp,
    pub faces: u64,
    /// FaceCount from the export's DescribeCollection, once known.
    pub total: Option<u64>,
    pub phase: Phase,
}

impl Export {
    /// Faces written per second so far.
    pub fn rate(&self) -> Option<f64> {
        let ms = self.updated.saturating_sub(self.started);
        (ms > 0).then(|| self.faces as f64 * 1000.0 / ms as f64)
    }

    /// Complete, and holding as many faces as DescribeCollection reported.
    pub fn ready(&self) -> bool {
        matches!(&self.phase, Phase::Done(e) if e.described_faces == Some(e.faces))
    }

    /// Why the manifest no longer matches a collection that now has `faces` faces.
    pub fn stale(&self, faces: Option<u64>) -> Option<String> {
        match &self.phase {
            Phase::Done(e) if faces != Some(e.faces) => Some(format!(
                "the manifest holds {} but the collection now has {}; close and reopen the \
                 dialog for a new manifest",
                count(e.faces, "face", "faces"),
                faces.map_or_else(|| "an unknown number".into(), |n| count(n, "face", "faces"))
            )),
            Phase::Done(_) => None,
            _ => Some("the manifest is not complete".into()),
        }
    }
}

/// Starts the export for a delete confirmation that is opening, when manifests are on.
pub(crate) fn start(state: &State, confirm: &mut Confirm, now: Timestamp) -> Vec<Command> {
    if !state.settings.manifest {
        return Vec::new();
    }
    let total = confirm.faces();
    let Action::DeleteCollection { export, .. } = &mut confirm.action else {
        return Vec::new();
    };
    *export = Some(Box::new(Export {
        started: now,
        updated: now,
        faces: 0,
        total,
        phase: Phase::Running,
    }));
    vec![Command::Table(TableCall::ExportManifest {
        target: Target {
            id: confirm.id.clone(),
            account: confirm.context.account.clone(),
            region: confirm.context.region.clone(),
            profile: confirm.context.profile.clone(),
            endpoint: state.session.endpoint.clone(),
        },
    })]
}

/// The export of `id` in the open confirmation.
fn export_of<'a>(state: &'a mut State, id: &str) -> Option<&'a mut Export> {
    state
        .confirm_mut()
        .filter(|c| c.id == id)
        .and_then(Confirm::export_mut)
}

pub(crate) fn progress(
    state: &mut State,
    id: &str,
    faces: u64,
    total: Option<u64>,
    now: Timestamp,
) {
    if let Some(export) = export_of(state, id).filter(|e| e.phase == Phase::Running) {
        export.faces = faces;
        export.total = total.or(export.total);
        export.updated = now;
    }
}

/// A finished export: logged, and handed to its dialog. One whose dialog was closed
/// while it finished is removed, as a cancelled dialog's manifest is.
pub(crate) fn finished(
    state: &mut State,
    id: &CollectionId,
    result: Result<Exported, String>,
    now: Timestamp,
) -> Vec<Command> {
    let (level, text) = match &result {
        Ok(e) if e.described_faces == Some(e.faces) => (
            Level::Info,
            format!(
                "manifest of {id}: {} and {} in {} (sha256 {})",
                count(e.faces, "face", "faces"),
                count(e.users, "user", "users"),
                e.path.display(),
                e.sha256
            ),
        ),
        Ok(e) => (
            Level::Error,
            format!(
                "manifest of {id}: {} written but DescribeCollection reported {}; \
                 the collection changed during the export, so Delete stays disabled",
                count(e.faces, "face", "faces"),
                e.described_faces
                    .map_or_else(|| "no count".into(), |n| count(n, "face", "faces"))
            ),
        ),
        Err(why) => (Level::Error, format!("manifest of {id} failed: {why}")),
    };
    let hint = result.is_err().then(|| {
        "Delete stays disabled without a manifest; fix the cause, or restart with \
         --no-manifest to delete without one"
            .to_owned()
    });
    state.push_log(Entry {
        at: now,
        level,
        text,
        hint,
    });
    let Some(export) = export_of(state, id).filter(|e| e.phase == Phase::Running) else {
        return match result {
            Ok(done) => vec![discard(id, done.path)],
            Err(_) => Vec::new(),
        };
    };
    export.updated = now;
    match result {
        Ok(done) => {
            export.faces = done.faces;
            export.phase = Phase::Done(done);
        }
        Err(why) => export.phase = Phase::Failed(why),
    }
    Vec::new()
}

fn discard(id: &CollectionId, path: PathBuf) -> Command {
    Command::Table(TableCall::DiscardManifest {
        id: id.clone(),
        path,
    })
}

/// What becomes of the manifest of a confirmation that closes without its delete: a
/// running export stops (and its partial file goes), a finished one is removed. Nothing
/// refers to it, and it holds the collection's face metadata.
pub(crate) fn cancel(confirm: &Confirm) -> Vec<Command> {
    match confirm.export().map(|e| &e.phase) {
        Some(Phase::Running) => {
            vec![Command::Table(TableCall::CancelExport {
                id: confirm.id.clone(),
            })]
        }
        Some(Phase::Done(done)) => vec![discard(&confirm.id, done.path.clone())],
        Some(Phase::Failed(_)) | None => Vec::new(),
    }
}

/// The delete goes ahead with this confirmation's manifest, which its intent names: it
/// stays when the dialog closes.
pub(crate) fn keep(confirm: &mut Confirm) {
    if let Action::DeleteCollection { export, .. } = &mut confirm.action {
        *export = None;
    }
}

/// The manifest of a delete that was not sent is removed, or could not be.
pub(crate) fn discarded(
    state: &mut State,
    id: &CollectionId,
    path: &Path,
    result: Result<(), String>,
    now: Timestamp,
) {
    let (level, text) = match result {
        Ok(()) => (
            Level::Info,
            format!(
                "manifest of {id} removed, as the delete was not sent: {}",
                path.display()
            ),
        ),
        Err(why) => (
            Level::Warn,
            format!("manifest of {id}: the delete was not sent, but {why}"),
        ),
    };
    state.push_log(Entry {
        at: now,
        level,
        text,
        hint: None,
    });
}
