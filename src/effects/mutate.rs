//! The one road for every change rekog makes. [`Effects::mutate`] refuses a change in
//! read-only mode, on a protected collection, or when its audit intent does not describe
//! it; otherwise the audit gate writes and fsyncs the intent and gives the licence without
//! which no call that changes something compiles, the call runs under the watchdog, and the
//! outcome is written.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use super::{Effects, spawn};
use crate::app::msg::{Change, Command, DetailAnswer, Msg, Mutation, SessionAnswer, TableAnswer};
use crate::audit::{Erased, Intent, KeptFace, Left, Licence};
use crate::aws::api::{ApiError, ErrorKind, FaceDeletion, Outcome, Rekognition};

impl<R: Rekognition> Effects<R> {
    /// Sends `mutation` down the one road; its answer is the slice's answer for that change.
    pub(super) fn mutate(&self, mutation: Mutation) {
        let refusal = self.refusal(&mutation);
        let watched = Command::Change(mutation.clone());
        let Mutation { intent, change } = mutation;
        let backend = Arc::clone(&self.backend);
        let task = match change {
            Change::DeleteCollection { id } => {
                let target = id.clone();
                let tx = self.tx.clone();
                let call = move |licence: Licence| async move {
                    let outcome = backend.delete(&licence, &target).await;
                    let outcome = verify_absent(&*backend, &target, outcome).await;
                    (licence, outcome)
                };
                let note = |d: &Deleted, o: &mut crate::audit::Outcome| {
                    o.status_code = u16::try_from(d.status).ok();
                    o.verified_absent = Some(d.verified_absent);
                };
                self.road(*intent, refusal, call, note, move |outcome| {
                    let verified = matches!(&outcome.result, Ok(d) if d.verified_absent);
                    let outcome = Outcome {
                        result: outcome.result.map(|d| d.status),
                        request_id: outcome.request_id,
                        elapsed: outcome.elapsed,
                    };
                    if verified {
                        let _ = tx.send(Msg::Session(SessionAnswer::AuditNotice {
                            text: format!(
                                "{id}: DescribeCollection now answers ResourceNotFoundException: \
                                 verified absent, and recorded so"
                            ),
                            error: false,
                        }));
                    }
                    Msg::Table(TableAnswer::Deleted { id, outcome })
                })
            }
            Change::CreateCollection { id, tags } => {
                let target = id.clone();
                let call = move |licence: Licence| async move {
                    let outcome = backend.create_collection(&licence, &target, tags).await;
                    (licence, outcome)
                };
                let note = |c: &crate::aws::api::Created, o: &mut crate::audit::Outcome| {
                    o.status_code = u16::try_from(c.status).ok();
                };
                self.road(*intent, refusal, call, note, move |outcome| {
                    Msg::Table(TableAnswer::CollectionCreated { id, outcome })
                })
            }
            Change::DeleteFaces { id, face_ids } => {
                let (target, ids) = (id.clone(), face_ids.clone());
                let call = move |licence: Licence| async move {
                    let outcome = backend.delete_faces(&licence, &target, ids).await;
                    (licence, outcome)
                };
                self.road(*intent, refusal, call, note_face_deletion, move |outcome| {
                    Msg::Detail(DetailAnswer::FacesDeleted {
                        id,
                        requested: face_ids,
                        outcome,
                    })
                })
            }
            Change::CreateUser { id, user } => {
                let (target, name) = (id.clone(), user.clone());
                let call = move |licence: Licence| async move {
                    let outcome = backend.create_user(&licence, &target, &name).await;
                    (licence, outcome)
                };
                self.road(
                    *intent,
                    refusal,
                    call,
                    |_, _| {},
                    move |outcome| Msg::Detail(DetailAnswer::UserCreated { id, user, outcome }),
                )
            }
            Change::DeleteUser { id, user } => {
                let (target, name) = (id.clone(), user.clone());
                let call = move |licence: Licence| async move {
                    let outcome = backend.delete_user(&licence, &target, &name).await;
                    (licence, outcome)
                };
                self.road(
                    *intent,
                    refusal,
                    call,
                    |_, _| {},
                    move |outcome| Msg::Detail(DetailAnswer::UserDeleted { id, user, outcome }),
                )
            }
            Change::AssociateFaces { id, user, face_ids } => {
                let (target, name, ids) = (id.clone(), user.clone(), face_ids.clone());
                let call = move |licence: Licence| async move {
                    let outcome = backend.associate_faces(&licence, &target, &name, ids).await;
                    (licence, outcome)
                };
                self.road(
                    *intent,
                    refusal,
                    call,
                    |_, _| {},
                    move |outcome| {
                        Msg::Detail(DetailAnswer::Associated {
                            id,
                            user,
                            requested: face_ids,
                            outcome,
                        })
                    },
                )
            }
            Change::DisassociateFaces { id, user, face_ids } => {
                let (target, name, ids) = (id.clone(), user.clone(), face_ids.clone());
                let call = move |licence: Licence| async move {
                    let outcome = backend
                        .disassociate_faces(&licence, &target, &name, ids)
                        .await;
                    (licence, outcome)
                };
                self.road(
                    *intent,
                    refusal,
                    call,
                    |_, _| {},
                    move |outcome| {
                        Msg::Detail(DetailAnswer::Disassociated {
                            id,
                            user,
                            requested: face_ids,
                            outcome,
                        })
                    },
                )
            }
            Change::Erase { erasure } => self.erase(*intent, *erasure, refusal),
        };
        if let Some(task) = task {
            self.watch(watched, task);
        }
    }

    /// Why `mutation` may not go at all, before anything is written: read-only mode, a
    /// protected collection, or an intent that would record something else than is done.
    fn refusal(&self, mutation: &Mutation) -> Option<ApiError> {
        let (change, intent) = (&mutation.change, &mutation.intent);
        let why = if self.gate.read_only() {
            "refused: rekog is read-only".to_owned()
        } else if let Some(rule) = self.gate.protected_by(change.id()) {
            format!("refused: {} is protected by the rule {rule}", change.id())
        } else if intent.operation != change.operation()
            || intent.collection_id != change.id().as_str()
        {
            format!(
                "refused: the audit intent ({} {}) does not describe {}",
                intent.operation.as_str(),
                intent.collection_id,
                change.describe()
            )
        } else {
            return None;
        };
        Some(ApiError {
            kind: ErrorKind::Refused,
            code: None,
            message: why,
            status: None,
        })
    }

    /// A refused change is answered at once with the refusal; any other runs between its
    /// intent and outcome lines, and `answer` makes the slice's message of its outcome.
    fn road<T, F, Fut, A>(
        &self,
        intent: Intent,
        refusal: Option<ApiError>,
        call: F,
        note: fn(&T, &mut crate::audit::Outcome),
        answer: A,
    ) -> Option<tokio::task::JoinHandle<Msg>>
    where
        T: Send + 'static,
        F: FnOnce(Licence) -> Fut + Send + 'static,
        Fut: Future<Output = (Licence, Outcome<T>)> + Send + 'static,
        A: FnOnce(Outcome<T>) -> Msg + Send + 'static,
    {
        if let Some(err) = refusal {
            self.answer(answer(Outcome {
                result: Err(err),
                request_id: None,
                elapsed: Duration::ZERO,
            }));
            return None;
        }
        let audited = self.audited(intent, call, note);
        Some(spawn(async move { answer(audited.await) }))
    }
}

/// A DeleteFaces answers 200 even when it deletes none of them: the record says how many
/// went, and which stayed and why, as an erasure's does.
fn note_face_deletion(deletion: &FaceDeletion, outcome: &mut crate::audit::Outcome) {
    let kept = deletion.unsuccessful.len() as u64;
    outcome.erased = Some(Erased {
        faces: deletion.deleted.len() as u64,
        faces_failed: kept,
        ..Erased::default()
    });
    if kept > 0 {
        outcome.left = Some(Left {
            faces_kept: deletion
                .unsuccessful
                .iter()
                .map(|r| KeptFace {
                    face_id: r.face_id.clone(),
                    reasons: r.reasons.clone(),
                })
                .collect(),
            ..Left::default()
        });
    }
}

#[cfg(test)]
pub(crate) mod tests;

/// A DeleteCollection that succeeded, and whether the collection is then really gone.
struct Deleted {
    status: i32,
    verified_absent: bool,
}

/// After a successful DeleteCollection, asks DescribeCollection: ResourceNotFoundException is
/// the proof that the collection is gone. Anything else (it still answers, or the call
/// fails) leaves it unproven.
async fn verify_absent<R: Rekognition>(
    backend: &R,
    id: &crate::ids::CollectionId,
    outcome: Outcome<i32>,
) -> Outcome<Deleted> {
    let verified_absent = match &outcome.result {
        Ok(_) => {
            let described = backend.describe(id).await;
            matches!(&described.result, Err(e) if e.kind == ErrorKind::NotFound)
        }
        Err(_) => false,
    };
    Outcome {
        result: outcome.result.map(|status| Deleted {
            status,
            verified_absent,
        }),
        request_id: outcome.request_id,
        elapsed: outcome.elapsed,
    }
}
