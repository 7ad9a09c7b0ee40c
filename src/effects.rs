//! Runs the [`Command`]s that `update` asks for on the tokio runtime, and answers each with a
//! [`Msg`]. Nothing here panics, a task that dies is reported, and mutations are refused in
//! read-only mode whatever `update` asked (defence in depth).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::api::{ApiError, ErrorKind, Outcome, Rekognition};
use crate::app::msg::{Command, Msg};
use crate::clipboard::Sink;

mod manage;
use crate::audit::Audit;

mod audited;
mod export;

/// Spawns API calls and feeds their results back into the app.
pub struct Effects<R> {
    backend: Arc<R>,
    tx: UnboundedSender<Msg>,
    read_only: bool,
    // Managing a collection
    /// Where OSC 52 goes, and whether to wrap it for tmux; no sink, no clipboard.
    clipboard: Option<(Sink, bool)>,
    /// Without a trail, mutations are refused: nothing is changed without a record.
    audit: Option<Arc<Audit>>,
    manifests: Option<Arc<export::Manifests>>,
}

impl<R: Rekognition> Effects<R> {
    pub fn new(backend: Arc<R>, tx: UnboundedSender<Msg>, read_only: bool) -> Self {
        Self {
            backend,
            tx,
            read_only,
            clipboard: None,
            audit: None,
            manifests: None,
        }
    }

    /// Lets `y`/`Y` write OSC 52 to `sink`, wrapped for tmux when `tmux`.
    pub fn with_clipboard(mut self, sink: Sink, tmux: bool) -> Self {
        self.clipboard = Some((sink, tmux));
        self
    }

    /// Records every mutation in `audit`.
    pub fn with_audit(mut self, audit: Arc<Audit>) -> Self {
        self.audit = Some(audit);
        self
    }

    /// Starts `command` in the background. `Quit` is the run loop's business and ignored here.
    pub fn run(&self, command: Command) {
        let backend = Arc::clone(&self.backend);
        let (what, task): (String, _) = match command {
            Command::Quit => return,
            Command::ExportManifest { target } => return self.export(target),
            Command::CancelExport { id } => return self.cancel_export(&id),
            Command::ListPage { generation, token } => (
                "ListCollections".into(),
                spawn(async move {
                    let outcome = backend.list_page(token).await;
                    Msg::PageLoaded {
                        generation,
                        outcome,
                    }
                }),
            ),
            Command::Describe { id } => (
                format!("DescribeCollection {id}"),
                spawn(async move {
                    let outcome = backend.describe(&id).await;
                    Msg::Described { id, outcome }
                }),
            ),
            Command::Verify { id } => (
                format!("DescribeCollection {id}"),
                spawn(async move {
                    let outcome = backend.describe(&id).await;
                    Msg::Verified { id, outcome }
                }),
            ),
            Command::Delete { id, .. } if self.read_only => {
                let _ = self.tx.send(Msg::Deleted {
                    id,
                    outcome: refused(),
                });
                return;
            }
            Command::Delete { id, intent } => {
                let target = id.clone();
                let call = async move { backend.delete(&target).await };
                let audited = self.audited(*intent, call, |s| u16::try_from(*s).ok());
                (
                    format!("DeleteCollection {id}"),
                    spawn(async move {
                        let outcome = audited.await;
                        Msg::Deleted { id, outcome }
                    }),
                )
            }
            // Managing a collection (listed, so that a new command cannot slip by unhandled)
            command @ (Command::DescribeDetail { .. }
            | Command::ListFaces { .. }
            | Command::ListUsers { .. }
            | Command::DeleteFaces { .. }
            | Command::CreateCollection { .. }
            | Command::Copy { .. }) => match self.run_manage(backend, command) {
                Some(started) => started,
                None => return,
            },
        };
        let tx = self.tx.clone();
        // A second task watches the first so that a panic inside a call still reaches the app
        // as a message instead of leaving a row loading forever.
        tokio::spawn(async move {
            let msg = match task.await {
                Ok(msg) => msg,
                Err(err) => Msg::TaskFailed {
                    what: format!("{what}: {err}"),
                },
            };
            // The receiver is gone only when the app is shutting down.
            let _ = tx.send(msg);
        });
    }
}

fn spawn<F>(fut: F) -> tokio::task::JoinHandle<Msg>
where
    F: std::future::Future<Output = Msg> + Send + 'static,
{
    tokio::spawn(fut)
}

fn refused<T>() -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind: ErrorKind::Refused,
            code: None,
            message: "refused: rekog is read-only".into(),
            status: None,
        }),
        request_id: None,
        elapsed: Duration::ZERO,
    }
}
