//! The pre-delete manifest as the delete dialog sees it: started when the dialog opens,
//! progress as pages are written, and Delete held back until it is complete and whole.

use super::State;
use super::dialog::Dialog;
use super::format::count;
use super::log::{Entry, Level};
use super::msg::{Command, Timestamp};
use crate::manifest::{Exported, Target};

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

/// Starts the export for a delete dialog that just opened, when manifests are on.
pub(super) fn start(state: &mut State, now: Timestamp) -> Vec<Command> {
    if !state.records.manifest {
        return Vec::new();
    }
    let account = state.known_account(None);
    let session = &state.session;
    let Some(Dialog::Delete(dialog)) = &mut state.dialog else {
        return Vec::new();
    };
    if dialog.export.is_some() {
        return Vec::new();
    }
    dialog.export = Some(Box::new(Export {
        started: now,
        updated: now,
        faces: 0,
        total: dialog.faces,
        phase: Phase::Running,
    }));
    vec![Command::ExportManifest {
        target: Target {
            id: dialog.id.clone(),
            account,
            region: session.region.clone(),
            profile: session.profile.clone(),
            endpoint: session.endpoint.clone(),
        },
    }]
}

fn export_of<'a>(state: &'a mut State, id: &str) -> Option<&'a mut Export> {
    match &mut state.dialog {
        Some(Dialog::Delete(d)) if d.id == id => d.export.as_deref_mut(),
        _ => None,
    }
}

pub(super) fn progress(
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

pub(super) fn finished(
    state: &mut State,
    id: &str,
    result: Result<Exported, String>,
    now: Timestamp,
) {
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
    if let Some(export) = export_of(state, id) {
        export.updated = now;
        match result {
            Ok(done) => {
                export.faces = done.faces;
                export.phase = Phase::Done(done);
            }
            Err(why) => export.phase = Phase::Failed(why),
        }
    }
}

/// The collection whose export is running in the open dialog.
pub(super) fn running(state: &State) -> Option<String> {
    match &state.dialog {
        Some(Dialog::Delete(d)) if d.export.as_ref().is_some_and(|e| e.phase == Phase::Running) => {
            Some(d.id.clone())
        }
        _ => None,
    }
}

/// Stops an export whose dialog went away.
pub(super) fn cancel_if_closed(state: &State, was_running: Option<String>) -> Vec<Command> {
    match was_running {
        Some(id) if running(state).as_deref() != Some(id.as_str()) => {
            vec![Command::CancelExport { id }]
        }
        _ => Vec::new(),
    }
}
