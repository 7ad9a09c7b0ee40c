//! How the world answers the app's commands about users, searches and erasures.

use super::*;
use crate::app::msg::{Change, DetailAnswer, DetailCall, Mutation};
use crate::aws::api::{Association, FaceRefusal, User, UserMatch, UserPage};
use crate::erase::search::{Found, Progress};
use crate::erase::{Report, Stage, Step};
use crate::ids::UserId;

fn refusal(face: &str, user: Option<&UserId>, reason: &str) -> FaceRefusal {
    FaceRefusal {
        face_id: face.to_owned(),
        user_id: user.map(UserId::to_string),
        reasons: vec![reason.to_owned()],
    }
}

fn not_found<T>() -> Outcome<T> {
    fail(ErrorKind::NotFound, "ResourceNotFoundException")
}

impl World {
    pub(super) fn members(&mut self, command: &Command, failure: bool) -> Vec<Msg> {
        match command {
            Command::Detail(DetailCall::ListUsers { id, token }) => {
                let from: usize = token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
                let outcome = match self.collections.get_mut(id) {
                    Some(c) if !failure => {
                        let end = (from + 2).min(c.users.len());
                        ok(UserPage {
                            users: c.users[from.min(end)..end]
                                .iter()
                                .map(|u| User {
                                    user_id: u.clone(),
                                    status: Some("ACTIVE".into()),
                                })
                                .collect(),
                            next_token: (end < c.users.len()).then(|| end.to_string()),
                        })
                    }
                    _ => throttled(),
                };
                vec![Msg::Detail(DetailAnswer::UsersLoaded {
                    id: id.clone(),
                    token: token.clone(),
                    outcome,
                })]
            }
            Command::Detail(DetailCall::SearchUsers {
                id, serial, user, ..
            }) => {
                // Every other user is alike here: the world knows no faces' likeness.
                let outcome = match self.collections.get(id) {
                    Some(c) if !failure => ok((c.users.iter())
                        .filter(|u| *u != user)
                        .take(3)
                        .map(|u| UserMatch {
                            similarity: 95.0,
                            user: User {
                                user_id: u.clone(),
                                status: Some("ACTIVE".into()),
                            },
                        })
                        .collect()),
                    _ => throttled(),
                };
                vec![Msg::Detail(DetailAnswer::UsersFound {
                    id: id.clone(),
                    serial: *serial,
                    outcome,
                })]
            }
            Command::Detail(DetailCall::FindFaces {
                id, serial, search, ..
            }) => {
                let outcome = match self.collections.get_mut(id) {
                    Some(c) if !failure => {
                        let faces: Vec<Face> = c
                            .faces
                            .iter()
                            .map(|f| c.face(f))
                            .filter(|f| search.matches(f))
                            .collect();
                        let progress = Progress {
                            pages: 1,
                            scanned: c.faces.len() as u64,
                            matched: faces.len() as u64,
                            total: None,
                        };
                        ok(Found {
                            faces,
                            progress,
                            ..Found::default()
                        })
                    }
                    _ => throttled(),
                };
                let (id, serial) = (id.clone(), *serial);
                let mut out = Vec::new();
                if let Ok(found) = &outcome.result {
                    out.push(Msg::Detail(DetailAnswer::SearchProgress {
                        id: id.clone(),
                        serial,
                        progress: found.progress,
                    }));
                }
                out.push(Msg::Detail(DetailAnswer::Found {
                    id,
                    serial,
                    outcome,
                }));
                out
            }
            Command::Change(Mutation {
                change: Change::CreateUser { id, user, .. },
                ..
            }) => {
                let outcome = match self.collections.get_mut(id) {
                    Some(c) if !failure && !c.users.contains(user) => {
                        c.users.push(user.clone());
                        ok(())
                    }
                    Some(_) if !failure => fail(ErrorKind::Other, "ConflictException"),
                    _ => throttled(),
                };
                let (id, user) = (id.clone(), user.clone());
                vec![Msg::Detail(DetailAnswer::UserCreated { id, user, outcome })]
            }
            Command::Change(Mutation {
                change: Change::DeleteUser { id, user, .. },
                ..
            }) => {
                let outcome = match self.collections.get_mut(id) {
                    Some(c) if !failure && c.users.contains(user) => {
                        c.users.retain(|u| u != user);
                        c.owner.retain(|_, u| u != user);
                        ok(())
                    }
                    Some(_) if !failure => not_found(),
                    _ => throttled(),
                };
                let (id, user) = (id.clone(), user.clone());
                vec![Msg::Detail(DetailAnswer::UserDeleted { id, user, outcome })]
            }
            Command::Change(Mutation {
                change:
                    Change::AssociateFaces {
                        id, user, face_ids, ..
                    },
                ..
            })
            | Command::Change(Mutation {
                change:
                    Change::DisassociateFaces {
                        id, user, face_ids, ..
                    },
                ..
            }) => {
                let associate = matches!(
                    command,
                    Command::Change(Mutation {
                        change: Change::AssociateFaces { .. },
                        ..
                    })
                );
                let outcome = match self.collections.get_mut(id) {
                    Some(c) if !failure && c.users.contains(user) => {
                        let mut done = Association::default();
                        for face in face_ids {
                            let owner = c.owner.get(face);
                            if !c.faces.contains(face) {
                                done.unsuccessful
                                    .push(refusal(face, None, "FACE_NOT_FOUND"));
                            } else if associate && owner.is_some_and(|o| o != user) {
                                let why = "ASSOCIATED_TO_A_DIFFERENT_USER";
                                done.unsuccessful.push(refusal(face, owner, why));
                            } else if !associate && owner != Some(user) {
                                let why = "FACE_NOT_ASSOCIATED_WITH_USER";
                                done.unsuccessful.push(refusal(face, owner, why));
                            } else {
                                if associate {
                                    c.owner.insert(face.clone(), user.clone());
                                } else {
                                    c.owner.remove(face);
                                }
                                done.faces.push(face.clone());
                            }
                        }
                        done.user_status = Some("ACTIVE".into());
                        ok(done)
                    }
                    Some(_) if !failure => not_found(),
                    _ => throttled(),
                };
                let (id, user, requested) = (id.clone(), user.clone(), face_ids.clone());
                if associate {
                    vec![Msg::Detail(DetailAnswer::Associated {
                        id,
                        user,
                        requested,
                        outcome,
                    })]
                } else {
                    vec![Msg::Detail(DetailAnswer::Disassociated {
                        id,
                        user,
                        requested,
                        outcome,
                    })]
                }
            }
            Command::Change(Mutation {
                change: Change::Erase { erasure },
                ..
            }) => {
                let id = erasure.target.id.clone();
                let Some(c) = self.collections.get_mut(&id).filter(|_| !failure) else {
                    let result = Err(format!("DescribeCollection {id}: throttled"));
                    return vec![Msg::Detail(DetailAnswer::Erased { id, result })];
                };
                let named: Vec<&str> = erasure.faces.iter().map(|f| f.face_id.as_str()).collect();
                let gone: Vec<String> = c
                    .faces
                    .iter()
                    .filter(|f| named.contains(&f.as_str()))
                    .cloned()
                    .collect();
                c.faces.retain(|f| !gone.contains(f));
                c.owner.retain(|f, _| !gone.contains(f));
                let owners: Vec<UserId> = c.owner.values().cloned().collect();
                let users: Vec<UserId> = erasure
                    .users
                    .iter()
                    .filter(|u| c.users.contains(u) && !owners.contains(u))
                    .cloned()
                    .collect();
                c.users.retain(|u| !users.contains(u));
                let step = Msg::Detail(DetailAnswer::EraseStep {
                    id: id.clone(),
                    step: Box::new(Step::Stage {
                        stage: Stage::DeleteFaces,
                        calls: 1,
                    }),
                });
                let report = Report {
                    faces_erased: gone,
                    users_erased: users.iter().map(UserId::to_string).collect(),
                    ..Report::default()
                };
                vec![
                    step,
                    Msg::Detail(DetailAnswer::Erased {
                        id,
                        result: Ok(Box::new(report)),
                    }),
                ]
            }
            _ => Vec::new(),
        }
    }
}
