//! Runs the [`Command`]s that `update` asks for on the tokio runtime, and answers each with a
//! [`Msg`]. Nothing here panics, a task that dies is reported, and mutations are refused in
//! read-only mode whatever `update` asked (defence in depth).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use crate::app::msg::{Command, Msg};
use crate::aws::api::{
    ApiError, ErrorKind, FACE_PAGE, FaceFilter, Outcome, Rekognition, USER_PAGE,
};
use crate::clipboard::Sink;

mod audited;
mod clipboard;
pub mod contexts;
mod erase;
mod export;
mod fleet;
mod members;
mod search;

use crate::audit::Audit;

/// Spawns API calls and feeds their results back into the app.
pub struct Effects<R> {
    backend: Arc<R>,
    tx: UnboundedSender<Msg>,
    read_only: bool,
    /// Where OSC 52 goes, and whether to wrap it for tmux; no sink, no clipboard.
    clipboard: Option<(Arc<Sink>, bool)>,
    /// For GetCallerIdentity; without it, [`Command::Identity`] answers nothing.
    sts: Option<aws_sdk_sts::Client>,
    /// Without a trail, mutations are refused: nothing is changed without a record.
    audit: Option<Arc<Audit>>,
    manifests: Option<Arc<export::Manifests>>,
    searches: search::Searches,
}

impl<R: Rekognition> Effects<R> {
    pub fn new(backend: Arc<R>, tx: UnboundedSender<Msg>, read_only: bool) -> Self {
        Self {
            backend,
            tx,
            read_only,
            clipboard: None,
            sts: None,
            audit: None,
            manifests: None,
            searches: search::Searches::default(),
        }
    }

    /// Lets `y`/`Y` write OSC 52 to `sink`, wrapped for tmux when `tmux`.
    pub fn with_clipboard(mut self, sink: Sink, tmux: bool) -> Self {
        self.clipboard = Some((Arc::new(sink), tmux));
        self
    }

    /// Answers [`Command::Identity`] with STS GetCallerIdentity through `sts`.
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
            read_only: self.read_only,
            clipboard: self.clipboard.clone(),
            sts,
            audit: self.audit.clone(),
            manifests: self.manifests.clone(),
            searches: search::Searches::default(),
        }
    }

    /// Records every mutation in `audit`.
    pub fn with_audit(mut self, audit: Arc<Audit>) -> Self {
        self.audit = Some(audit);
        self
    }

    /// Starts `command` in the background. `Quit` is the run loop's business and ignored here.
    /// Every command is named here, so a new one cannot go unhandled.
    pub fn run(&self, command: Command) {
        let backend = Arc::clone(&self.backend);
        let watched = command.clone();
        let task = match command {
            // Connecting and the fleet's calls in other regions are the business of the
            // contexts around this one.
            Command::Quit | Command::Connect { .. } | Command::Fleet(_) => return,
            Command::Identity => match self.sts.clone() {
                Some(sts) => spawn(async move {
                    let result = crate::aws::identity::caller(&sts).await;
                    Msg::IdentityLoaded { result }
                }),
                None => return,
            },
            Command::ExportManifest { target } => return self.export(target),
            Command::CancelExport { id } => return self.cancel_export(&id),
            Command::Copy { what, text } => return self.copy(what, &text),
            Command::FindFaces { .. } => return self.find(command),
            Command::CancelFind { serial } => return self.cancel_find(serial),
            Command::Erase { erasure } => return self.erase(*erasure),
            Command::CreateUser { .. }
            | Command::DeleteUser { .. }
            | Command::AssociateFaces { .. }
            | Command::DisassociateFaces { .. } => match self.members(command) {
                Some(task) => task,
                None => return,
            },
            Command::ListPage { generation, token } => spawn(async move {
                let outcome = backend.list_page(token).await;
                Msg::PageLoaded {
                    generation,
                    outcome,
                }
            }),
            Command::RetryListPage {
                generation,
                token,
                after,
            } => spawn(async move {
                tokio::time::sleep(after).await;
                let outcome = backend.list_page(token).await;
                Msg::PageLoaded {
                    generation,
                    outcome,
                }
            }),
            Command::Describe { id } => spawn(async move {
                let outcome = backend.describe(&id).await;
                Msg::Described { id, outcome }
            }),
            Command::Verify { id } => spawn(async move {
                let outcome = backend.describe(&id).await;
                Msg::Verified { id, outcome }
            }),
            Command::DescribeDetail { id } => spawn(async move {
                let outcome = backend.describe_with_tags(&id).await;
                Msg::DetailDescribed { id, outcome }
            }),
            Command::ListFaces { id, token } => spawn(async move {
                let outcome = backend
                    .list_faces_page(&id, &FaceFilter::All, token.clone(), FACE_PAGE)
                    .await;
                Msg::FacesLoaded { id, token, outcome }
            }),
            Command::ListUsers { id, token } => spawn(async move {
                let outcome = backend.list_users_page(&id, token.clone(), USER_PAGE).await;
                Msg::UsersLoaded { id, token, outcome }
            }),
            Command::Delete { id, .. } if self.read_only => {
                return self.answer(Msg::Deleted {
                    id,
                    outcome: refused(),
                });
            }
            Command::DeleteFaces { id, face_ids, .. } if self.read_only => {
                return self.answer(Msg::FacesDeleted {
                    id,
                    requested: face_ids,
                    outcome: refused(),
                });
            }
            Command::CreateCollection { id, .. } if self.read_only => {
                return self.answer(Msg::CollectionCreated {
                    id,
                    outcome: refused(),
                });
            }
            Command::Delete { id, intent } => {
                let target = id.clone();
                let call = async move { backend.delete(&target).await };
                let audited = self.audited(*intent, call, |s| u16::try_from(*s).ok());
                spawn(async move {
                    let outcome = audited.await;
                    Msg::Deleted { id, outcome }
                })
            }
            Command::DeleteFaces {
                id,
                face_ids,
                intent,
            } => {
                let (target, ids) = (id.clone(), face_ids.clone());
                let call = async move { backend.delete_faces(&target, ids).await };
                let audited = self.audited(*intent, call, |_| None);
                spawn(async move {
                    let outcome = audited.await;
                    Msg::FacesDeleted {
                        id,
                        requested: face_ids,
                        outcome,
                    }
                })
            }
            Command::CreateCollection { id, tags, intent } => {
                let target = id.clone();
                let call = async move { backend.create_collection(&target, tags).await };
                let audited =
                    self.audited(*intent, call, |created| u16::try_from(created.status).ok());
                spawn(async move {
                    let outcome = audited.await;
                    Msg::CollectionCreated { id, outcome }
                })
            }
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
