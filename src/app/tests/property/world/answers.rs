//! How the world answers the app's commands about collections and faces (and, through
//! `members.rs`, about users and searches).

mod members;

use super::*;
use crate::app::msg::{
    Change, DetailAnswer, DetailCall, Mutation, SessionAnswer, SessionCall, TableAnswer, TableCall,
};
use crate::aws::api::{Created, Described, Face, FaceDeletion, FacePage};
use crate::ids::CollectionId;
use crate::manifest::Exported;

pub(super) fn throttled<T>() -> Outcome<T> {
    fail(ErrorKind::Throttled, "ThrottlingException")
}

impl Coll {
    /// A face as ListFaces reports it.
    pub fn face(&self, id: &str) -> Face {
        Face {
            face_id: id.to_owned(),
            image_id: None,
            external_image_id: Some(format!("{id}.jpg")),
            user_id: self.owner.get(id).cloned(),
            confidence: Some(99.0),
            bounding_box: None,
            index_faces_model_version: None,
        }
    }
}

impl World {
    /// The message a command is answered with (`None`: nothing comes back), applying it.
    pub fn answer(&mut self, command: &Command, rng: &mut Rng) -> Vec<Msg> {
        // Any call can fail the way the network or the service make it fail.
        let failure = rng.chance(8);
        match command {
            // The world has one context, no STS and no other region.
            Command::Session(SessionCall::Connect { .. })
            | Command::Session(SessionCall::Identity)
            | Command::Fleet(_) => Vec::new(),
            Command::Table(TableCall::ListPage { generation, token })
            | Command::Table(TableCall::RetryListPage {
                generation, token, ..
            }) => {
                let from: usize = token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
                let ids: Vec<&str> = self.collections.keys().map(CollectionId::as_str).collect();
                let end = (from + 5).min(ids.len());
                let next = (end < ids.len()).then(|| end.to_string());
                let outcome = if failure {
                    throttled()
                } else {
                    ok(page(&ids[from.min(end)..end], next.as_deref()))
                };
                vec![Msg::Table(TableAnswer::PageLoaded {
                    generation: *generation,
                    outcome,
                })]
            }
            Command::Table(TableCall::Describe { id }) => {
                vec![Msg::Table(TableAnswer::Described {
                    id: id.clone(),
                    outcome: if failure {
                        throttled()
                    } else {
                        self.described(id)
                    },
                })]
            }
            Command::Table(TableCall::Verify { id }) => vec![Msg::Table(TableAnswer::Verified {
                id: id.clone(),
                outcome: if failure {
                    throttled()
                } else {
                    self.described(id)
                },
            })],
            Command::Change(Mutation {
                change: Change::DeleteCollection { id, .. },
                ..
            }) => {
                let outcome = if failure {
                    throttled()
                } else if self.collections.remove(id).is_some() {
                    ok(200)
                } else {
                    fail(ErrorKind::NotFound, "ResourceNotFoundException")
                };
                vec![Msg::Table(TableAnswer::Deleted {
                    id: id.clone(),
                    outcome,
                })]
            }
            Command::Detail(DetailCall::DescribeDetail { id }) => {
                let outcome = match self.detail(id) {
                    Some(detail) if !failure => ok(Described {
                        detail,
                        tags: Ok(Vec::new()),
                    }),
                    _ => fail(ErrorKind::NotFound, "ResourceNotFoundException"),
                };
                vec![Msg::Detail(DetailAnswer::DetailDescribed {
                    id: id.clone(),
                    outcome,
                })]
            }
            Command::Detail(DetailCall::ListFaces { id, token }) => {
                let from: usize = token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
                let outcome = match self.collections.get(id) {
                    Some(coll) if !failure => {
                        let end = (from + 7).min(coll.faces.len());
                        ok(FacePage {
                            faces: coll.faces[from.min(end)..end]
                                .iter()
                                .map(|f| coll.face(f))
                                .collect(),
                            next_token: (end < coll.faces.len()).then(|| end.to_string()),
                        })
                    }
                    _ => throttled(),
                };
                vec![Msg::Detail(DetailAnswer::FacesLoaded {
                    id: id.clone(),
                    token: token.clone(),
                    outcome,
                })]
            }
            Command::Change(Mutation {
                change: Change::DeleteFaces { id, face_ids, .. },
                ..
            }) => {
                let deleted = match self.collections.get_mut(id) {
                    Some(coll) if !failure => {
                        let gone: Vec<String> = face_ids
                            .iter()
                            .filter(|f| coll.faces.contains(f) && !coll.owner.contains_key(*f))
                            .cloned()
                            .collect();
                        coll.faces.retain(|f| !gone.contains(f));
                        ok(FaceDeletion {
                            deleted: gone,
                            unsuccessful: Vec::new(),
                        })
                    }
                    _ => throttled(),
                };
                vec![Msg::Detail(DetailAnswer::FacesDeleted {
                    id: id.clone(),
                    requested: face_ids.clone(),
                    outcome: deleted,
                })]
            }
            Command::Change(Mutation {
                change: Change::CreateCollection { id, .. },
                ..
            }) => {
                self.collections.insert(id.clone(), Coll::default());
                vec![Msg::Table(TableAnswer::CollectionCreated {
                    id: id.clone(),
                    outcome: ok(Created {
                        status: 200,
                        arn: None,
                        face_model_version: Some("7.0".into()),
                    }),
                })]
            }
            Command::Table(TableCall::ExportManifest { target }) => {
                let id = target.id.clone();
                let faces = self.collections.get(&id).map(|c| c.faces.len() as u64);
                let result = match faces {
                    Some(n) if !failure => Ok(Exported {
                        path: format!("/m/{id}.jsonl").into(),
                        sha256: "00".repeat(32),
                        faces: n,
                        users: 0,
                        described_faces: Some(n),
                    }),
                    _ => Err("ListFaces failed".to_owned()),
                };
                vec![
                    Msg::Table(TableAnswer::ExportProgress {
                        id: id.clone(),
                        faces: 0,
                        total: faces,
                    }),
                    Msg::Table(TableAnswer::Exported { id, result }),
                ]
            }
            Command::Session(SessionCall::Copy { what, .. }) => {
                vec![Msg::Session(SessionAnswer::Copied {
                    what: what.clone(),
                    result: Ok(()),
                })]
            }
            Command::Table(TableCall::DiscardManifest { id, path }) => {
                vec![Msg::Table(TableAnswer::ManifestDiscarded {
                    id: id.clone(),
                    path: path.clone(),
                    result: Ok(()),
                })]
            }
            Command::Table(TableCall::CancelExport { .. }) | Command::Quit => Vec::new(),
            Command::Detail(DetailCall::ListUsers { .. })
            | Command::Detail(DetailCall::FindFaces { .. })
            | Command::Detail(DetailCall::SearchUsers { .. })
            | Command::Detail(DetailCall::CancelFind { .. })
            | Command::Change(Mutation {
                change: Change::CreateUser { .. },
                ..
            })
            | Command::Change(Mutation {
                change: Change::DeleteUser { .. },
                ..
            })
            | Command::Change(Mutation {
                change: Change::AssociateFaces { .. },
                ..
            })
            | Command::Change(Mutation {
                change: Change::DisassociateFaces { .. },
                ..
            })
            | Command::Change(Mutation {
                change: Change::Erase { .. },
                ..
            }) => self.members(command, failure),
        }
    }
}
