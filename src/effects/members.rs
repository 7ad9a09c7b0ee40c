//! The calls that change a collection's users and which user its faces belong to:
//! CreateUser, DeleteUser, AssociateFaces and DisassociateFaces. Each is refused in
//! read-only mode and audited otherwise, like every mutation.

use std::sync::Arc;

use tokio::task::JoinHandle;

use super::{Effects, refused, spawn};
use crate::app::msg::{Command, Msg};
use crate::aws::api::Rekognition;

impl<R: Rekognition> Effects<R> {
    /// Starts a users command; `None` when it was answered at once (refused, or not one of
    /// these commands).
    pub(super) fn members(&self, command: Command) -> Option<JoinHandle<Msg>> {
        let backend = Arc::clone(&self.backend);
        match command {
            Command::CreateUser { id, user, .. } if self.read_only => {
                self.answer(Msg::UserCreated {
                    id,
                    user,
                    outcome: refused(),
                });
                None
            }
            Command::DeleteUser { id, user, .. } if self.read_only => {
                self.answer(Msg::UserDeleted {
                    id,
                    user,
                    outcome: refused(),
                });
                None
            }
            Command::AssociateFaces {
                id, user, face_ids, ..
            } if self.read_only => {
                self.answer(Msg::Associated {
                    id,
                    user,
                    requested: face_ids,
                    outcome: refused(),
                });
                None
            }
            Command::DisassociateFaces {
                id, user, face_ids, ..
            } if self.read_only => {
                self.answer(Msg::Disassociated {
                    id,
                    user,
                    requested: face_ids,
                    outcome: refused(),
                });
                None
            }
            Command::CreateUser { id, user, intent } => {
                let (target, name) = (id.clone(), user.clone());
                let call = async move { backend.create_user(&target, &name).await };
                let audited = self.audited(*intent, call, |_| None);
                Some(spawn(async move {
                    let outcome = audited.await;
                    Msg::UserCreated { id, user, outcome }
                }))
            }
            Command::DeleteUser { id, user, intent } => {
                let (target, name) = (id.clone(), user.clone());
                let call = async move { backend.delete_user(&target, &name).await };
                let audited = self.audited(*intent, call, |_| None);
                Some(spawn(async move {
                    let outcome = audited.await;
                    Msg::UserDeleted { id, user, outcome }
                }))
            }
            Command::AssociateFaces {
                id,
                user,
                face_ids,
                intent,
            } => {
                let (target, name, ids) = (id.clone(), user.clone(), face_ids.clone());
                let call = async move { backend.associate_faces(&target, &name, ids).await };
                let audited = self.audited(*intent, call, |_| None);
                Some(spawn(async move {
                    let outcome = audited.await;
                    Msg::Associated {
                        id,
                        user,
                        requested: face_ids,
                        outcome,
                    }
                }))
            }
            Command::DisassociateFaces {
                id,
                user,
                face_ids,
                intent,
            } => {
                let (target, name, ids) = (id.clone(), user.clone(), face_ids.clone());
                let call = async move { backend.disassociate_faces(&target, &name, ids).await };
                let audited = self.audited(*intent, call, |_| None);
                Some(spawn(async move {
                    let outcome = audited.await;
                    Msg::Disassociated {
                        id,
                        user,
                        requested: face_ids,
                        outcome,
                    }
                }))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
