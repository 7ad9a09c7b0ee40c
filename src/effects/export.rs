//! Runs pre-delete manifest exports: one at a time (one dialog is open at a time), with
//! progress sent as pages are written; cancelling aborts the task, which removes the file.

use crate::app::msg::{Msg, TableAnswer};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::task::AbortHandle;

use super::Effects;
use crate::aws::api::Rekognition;
use crate::ids::CollectionId;
use crate::manifest::{self, Target};

/// Where manifests go; they are read through the effects' own backend.
pub(super) struct Manifests {
    pub dir: Option<PathBuf>,
    pub running: Mutex<Option<(CollectionId, AbortHandle)>>,
}

impl<R: Rekognition> Effects<R> {
    /// Exports manifests into `dir` (`None`: no place for them, so every export fails with
    /// a message that says so).
    pub fn with_manifests(mut self, dir: Option<PathBuf>) -> Self {
        self.manifests = Some(Arc::new(Manifests {
            dir,
            running: Mutex::new(None),
        }));
        self
    }

    pub(super) fn export(&self, target: Target) {
        let id = target.id.clone();
        let tx = self.tx.clone();
        let Some(manifests) = self.manifests.clone() else {
            let _ = tx.send(Msg::Table(TableAnswer::Exported {
                id,
                result: Err("manifests are not set up in this run".into()),
            }));
            return;
        };
        self.cancel_export(&id);
        let progress_tx = tx.clone();
        let task_id = id.clone();
        let job = Arc::clone(&manifests);
        let backend = Arc::clone(&self.backend);
        let task = tokio::spawn(async move {
            let Some(dir) = job.dir.clone() else {
                return Err("no place for manifests: set HOME or XDG_DATA_HOME".to_owned());
            };
            let now = crate::time::now_ms();
            manifest::export(backend.as_ref(), &target, &dir, now, |p| {
                let _ = progress_tx.send(Msg::Table(TableAnswer::ExportProgress {
                    id: task_id.clone(),
                    faces: p.faces,
                    total: p.total,
                }));
            })
            .await
        });
        *lock(&manifests) = Some((id.clone(), task.abort_handle()));
        tokio::spawn(async move {
            let result = match task.await {
                Ok(result) => result,
                // Cancelled on purpose: the dialog is gone and wants no answer.
                Err(e) if e.is_cancelled() => return,
                Err(e) => Err(format!("the export stopped: {e}")),
            };
            let mut running = lock(&manifests);
            if running.as_ref().is_some_and(|(r, _)| *r == id) {
                *running = None;
            }
            drop(running);
            let _ = tx.send(Msg::Table(TableAnswer::Exported { id, result }));
        });
    }

    pub(super) fn cancel_export(&self, id: &str) {
        let Some(manifests) = &self.manifests else {
            return;
        };
        let mut running = lock(manifests);
        if running.as_ref().is_some_and(|(r, _)| r == id)
            && let Some((_, handle)) = running.take()
        {
            handle.abort();
            tracing::info!("manifest export of {id} cancelled");
        }
    }
}

fn lock(m: &Manifests) -> std::sync::MutexGuard<'_, Option<(CollectionId, AbortHandle)>> {
    // The guarded value is a plain handle: a panic elsewhere cannot leave it half-written.
    m.running.lock().unwrap_or_else(PoisonError::into_inner)
}
