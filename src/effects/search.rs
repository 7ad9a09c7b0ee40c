//! Runs the detail view's searches (and the counts and lookups its dialogs make with the
//! same search): progress after every page, cancellable by serial number, which aborts the
//! task and so drops the search between pages.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use tokio::task::AbortHandle;

use super::Effects;
use crate::app::msg::{Command, DetailAnswer, DetailCall, Msg};
use crate::aws::api::{Outcome, Rekognition};
use crate::erase::search::{self, Search};
use crate::ids::CollectionId;

/// The searches running, by serial.
pub(super) type Searches = Arc<Mutex<Vec<(u64, AbortHandle)>>>;

impl<R: Rekognition> Effects<R> {
    pub(super) fn find(&self, id: CollectionId, serial: u64, search: Search, total: Option<u64>) {
        let command = Command::Detail(DetailCall::FindFaces {
            id: id.clone(),
            serial,
            search: search.clone(),
            total,
        });
        let backend = Arc::clone(&self.backend);
        let tx = self.tx.clone();
        let progress_tx = tx.clone();
        let task = tokio::spawn(async move {
            let started = Instant::now();
            let of = id.clone();
            let result = search::find(backend.as_ref(), &id, &search, total, |progress| {
                let _ = progress_tx.send(Msg::Detail(DetailAnswer::SearchProgress {
                    id: of.clone(),
                    serial,
                    progress,
                }));
            })
            .await;
            let outcome = Outcome {
                result,
                request_id: None,
                elapsed: started.elapsed(),
            };
            Msg::Detail(DetailAnswer::Found {
                id,
                serial,
                outcome,
            })
        });
        lock(&self.searches).push((serial, task.abort_handle()));
        let searches = Arc::clone(&self.searches);
        tokio::spawn(async move {
            let result = task.await;
            lock(&searches).retain(|(s, _)| *s != serial);
            let msg = match result {
                Ok(msg) => msg,
                // Cancelled on purpose: nobody waits for it any more.
                Err(e) if e.is_cancelled() => return,
                Err(e) => Msg::TaskFailed {
                    command: Box::new(command),
                    why: e.to_string(),
                },
            };
            let _ = tx.send(msg);
        });
    }

    pub(super) fn cancel_find(&self, serial: u64) {
        let mut running = lock(&self.searches);
        if let Some(at) = running.iter().position(|(s, _)| *s == serial) {
            let (_, handle) = running.swap_remove(at);
            handle.abort();
            tracing::info!("search {serial} cancelled");
        }
    }
}

/// The serials of the searches running.
#[cfg(test)]
pub(super) fn running<R: Rekognition>(effects: &Effects<R>) -> Vec<u64> {
    lock(&effects.searches).iter().map(|(s, _)| *s).collect()
}

fn lock(searches: &Searches) -> std::sync::MutexGuard<'_, Vec<(u64, AbortHandle)>> {
    // The guarded value is a list of plain handles: a panic elsewhere cannot leave it
    // half-written.
    searches.lock().unwrap_or_else(PoisonError::into_inner)
}
