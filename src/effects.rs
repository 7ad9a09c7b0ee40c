//! Runs the [`Command`]s that `update` asks for on the tokio runtime, and answers each with a
//! [`Msg`]. Nothing here panics, a task that dies is reported, and every change goes by one
//! road (`Effects::mutate`) that refuses it in read-only mode or on a protected collection
//! whatever `update` asked (defence in depth), and records it on the audit trail.

use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::msg::{
    Command, DetailAnswer, DetailCall, Msg, SessionAnswer, SessionCall, TableAnswer, TableCall,
};
use crate::audit::{Audit, Gate};
use crate::aws::api::{FACE_PAGE, FaceFilter, MAX_USER_MATCHES, Rekognition, USER_PAGE};
use crate::clipboard::Sink;
use crate::protect::Protect;

mod audited;
mod clipboard;
pub mod contexts;
mod erase;
mod export;
mod fleet;
pub(crate) mod mutate;
pub mod reach;
mod search;

/// Spawns API calls and feeds their results back into the app.
pub struct Effects<R> {
    backend: Arc<R>,
    tx: UnboundedSender<Msg>,
    /// Read-only mode, the protect rules and the audit trail: every change passes it.
    gate: Gate,
    /// Where OSC 52 goes, and whether to wrap it for tmux; no sink, no clipboard.
    clipboard: Option<(Arc<Sink>, bool)>,
    /// For GetCallerIdentity; without it, `Command::Session(SessionCall::Identity)` answers nothing.
    sts: Option<aws_sdk_sts::Client>,
    manifests: Option<Arc<export::Manifests>>,
    searches: search::Searches,
}

impl<R: Rekognition> Effects<R> {
    pub fn new(backend: Arc<R>, tx: UnboundedSender<Msg>, read_only: bool) -> Self {
        Self {
            backend,
            tx,
            gate: Gate::new(None, read_only, Protect::default()),
            clipboard: None,
            sts: None,
            manifests: None,
            searches: search::Searches::default(),
        }
    }

    /// Lets `y`/`Y` write OSC 52 to `sink`, wrapped for tmux when `tmux`.
    pub fn with_clipboard(mut self, sink: Sink, tmux: bool) -> Self {
        self.clipboard = Some((Arc::new(sink), tmux));
        self
    }

    /// Answers `Command::Session(SessionCall::Identity)` with STS GetCallerIdentity through `sts`.
    pub fn with_sts(mut self, sts: aws_sdk_sts::Client) -> Self {
        self.sts = Some(sts);
        self
    }

    /// The same settings, trail and manifests for another context's backend, answering
    /// through `tx`.
    fn sibling(
        &self,
        backend: Arc<R>,
        sts: Option<aws_sdk_sts::Client>,
        tx: UnboundedSender<Msg>,
    ) -> Self {
        Self {
            backend,
            tx,
            gate: self.gate.clone(),
            clipboard: self.clipboard.clone(),
            sts,
            manifests: self.manifests.clone(),
            searches: search::Searches::default(),
        }
    }

    /// Refuses every change to a collection that `protect` matches.
    pub fn with_protect(mut self, protect: Protect) -> Self {
        self.gate = self.gate.with_protect(protect);
        self
    }

    /// The gate every change passes; a signal stops changes through it.
    pub fn gate(&self) -> &Gate {
        &self.gate
    }

    /// Records every mutation in `audit`.
    pub fn with_audit(mut self, audit: Arc<Audit>) -> Self {
        self.gate = self.gate.with_audit(audit);
        self
    }

    /// Starts `command` in the background. `Quit` is the run loop's business and ignored here.
    /// Every command is named here, so a new one cannot go unhandled; every change goes by
    /// the one road of `Effects::mutate`.
    pub fn run(&self, command: Command) {
        match command {
            // Connecting and the fleet's calls in other regions are the business of the
            // contexts around this one.
            Command::Quit | Command::Fleet(_) => {}
            Command::Session(call) => self.session(call),
            Command::Table(call) => self.table(call),
            Command::Detail(call) => self.detail(call),
            Command::Change(mutation) => self.mutate(mutation),
        }
    }

    fn session(&self, call: SessionCall) {
        match call {
            SessionCall::Connect { .. } => {}
            SessionCall::Identity => {
                let Some(sts) = self.sts.clone() else {
                    return;
                };
                let task = spawn(async move {
                    let result = crate::aws::identity::caller(&sts).await;
                    Msg::Session(SessionAnswer::IdentityLoaded { result })
                });
                self.watch(Command::Session(SessionCall::Identity), task);
            }
            SessionCall::Copy { what, text } => self.copy(what, &text),
        }
    }

    fn table(&self, call: TableCall) {
        let backend = Arc::clone(&self.backend);
        let watched = Command::Table(call.clone());
        let task = match call {
            TableCall::ExportManifest { target } => return self.export(target),
            TableCall::CancelExport { id } => return self.cancel_export(&id),
            TableCall::DiscardManifest { id, path } => spawn(async move {
                let gone = path.clone();
                let result = tokio::task::spawn_blocking(move || crate::manifest::remove(&gone))
                    .await
                    .unwrap_or_else(|e| Err(format!("the removal stopped: {e}")));
                Msg::Table(TableAnswer::ManifestDiscarded { id, path, result })
            }),
            TableCall::ListPage { generation, token } => spawn(async move {
                let outcome = backend.list_page(token).await;
                Msg::Table(TableAnswer::PageLoaded {
                    generation,
                    outcome,
                })
            }),
            TableCall::RetryListPage {
                generation,
                token,
                after,
            } => spawn(async move {
                tokio::time::sleep(after).await;
                let outcome = backend.list_page(token).await;
                Msg::Table(TableAnswer::PageLoaded {
                    generation,
                    outcome,
                })
            }),
            TableCall::Describe { id } => spawn(async move {
                let outcome = backend.describe(&id).await;
                Msg::Table(TableAnswer::Described { id, outcome })
            }),
            TableCall::Verify { id } => spawn(async move {
                let outcome = backend.describe(&id).await;
                Msg::Table(TableAnswer::Verified { id, outcome })
            }),
        };
        self.watch(watched, task);
    }

    fn detail(&self, call: DetailCall) {
        let backend = Arc::clone(&self.backend);
        let watched = Command::Detail(call.clone());
        let task = match call {
            DetailCall::FindFaces {
                id,
                serial,
                search,
                total,
            } => return self.find(id, serial, search, total),
            DetailCall::CancelFind { serial } => return self.cancel_find(serial),
            DetailCall::DescribeDetail { id } => spawn(async move {
                let outcome = backend.describe_with_tags(&id).await;
                Msg::Detail(DetailAnswer::DetailDescribed { id, outcome })
            }),
            DetailCall::ListFaces { id, token } => spawn(async move {
                let outcome = backend
                    .list_faces_page(&id, &FaceFilter::All, token.clone(), FACE_PAGE)
                    .await;
                Msg::Detail(DetailAnswer::FacesLoaded { id, token, outcome })
            }),
            DetailCall::SearchUsers {
                id,
                serial,
                user,
                threshold,
            } => spawn(async move {
                let outcome =
                    (backend.search_users(&id, &user, f32::from(threshold), MAX_USER_MATCHES))
                        .await;
                Msg::Detail(DetailAnswer::UsersFound {
                    id,
                    serial,
                    outcome,
                })
            }),
            DetailCall::ListUsers { id, token } => spawn(async move {
                let outcome = backend.list_users_page(&id, token.clone(), USER_PAGE).await;
                Msg::Detail(DetailAnswer::UsersLoaded { id, token, outcome })
            }),
        };
        self.watch(watched, task);
    }

    /// Answers at once, without a task.
    fn answer(&self, msg: Msg) {
        // The receiver is gone only when the app is shutting down.
        let _ = self.tx.send(msg);
    }

    /// A second task watches the first so that a panic inside a call still reaches the app,
    /// with the command it was running, instead of leaving something loading forever.
    fn watch(&self, command: Command, task: tokio::task::JoinHandle<Msg>) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let msg = match task.await {
                Ok(msg) => msg,
                Err(err) => Msg::TaskFailed {
                    command: Box::new(command),
                    why: err.to_string(),
                },
            };
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
