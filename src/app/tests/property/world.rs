//! The property test's world: a seeded generator, and a Rekognition account that changes
//! under the app and answers its commands, late and out of order.

use std::collections::BTreeMap;

use super::super::*;
use crate::api::{Created, Described, ErrorKind, Face, FaceDeletion, FacePage, UserPage};
use crate::manifest::Exported;

fn throttled<T>() -> Outcome<T> {
    fail(ErrorKind::Throttled, "ThrottlingException")
}

/// xorshift64*: small, fast, and the same sequence for the same seed everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "eu-west-1";
const IDS: &[&str] = &[
    "a", "b", "c", "c2", "prod-x", "prod-y", "dev", "empty", "kiosk", "z9", "lobby", "qa",
];

/// The collections the account holds: each with its faces (by id) and a user count.
pub struct World {
    pub collections: BTreeMap<String, (Vec<String>, u64)>,
    next_face: u64,
}

impl World {
    pub fn new(rng: &mut Rng) -> World {
        let mut world = World {
            collections: BTreeMap::new(),
            next_face: 0,
        };
        for id in IDS {
            if rng.chance(70) {
                world.add(id, rng);
            }
        }
        world
    }

    fn add(&mut self, id: &str, rng: &mut Rng) {
        // Small counts are common, so different collections often show the same count.
        let faces = match id {
            "empty" => 0,
            _ if rng.chance(50) => rng.below(3),
            _ => rng.below(25),
        };
        let faces = (0..faces).map(|_| self.face()).collect();
        let users = if id == "empty" {
            0
        } else {
            rng.below(3) as u64
        };
        self.collections.insert(id.to_owned(), (faces, users));
    }

    fn face(&mut self) -> String {
        self.next_face += 1;
        format!("f{:04}", self.next_face)
    }

    /// Rows appear and vanish, faces come and go, behind the app's back.
    pub fn change(&mut self, rng: &mut Rng) {
        let id = *rng.pick(IDS);
        match rng.below(4) {
            0 if !self.collections.contains_key(id) => self.add(id, rng),
            0 | 1 => drop(self.collections.remove(id)),
            2 => {
                if let Some(face) = Some(self.face())
                    && let Some((faces, _)) = self.collections.get_mut(id)
                {
                    faces.push(face);
                }
            }
            _ => {
                if let Some((faces, _)) = self.collections.get_mut(id) {
                    faces.pop();
                }
            }
        }
    }

    fn detail(&self, id: &str) -> Option<CollectionDetail> {
        let (faces, users) = self.collections.get(id)?;
        Some(CollectionDetail {
            face_count: Some(faces.len() as u64),
            user_count: Some(*users),
            face_model_version: Some("7.0".into()),
            arn: Some(format!(
                "arn:aws:rekognition:{REGION}:{ACCOUNT}:collection/{id}"
            )),
            created: Some(1_700_000_000),
            created_nanos: 0,
        })
    }

    fn described(&self, id: &str) -> Outcome<CollectionDetail> {
        match self.detail(id) {
            Some(d) => ok(d),
            None => fail(ErrorKind::NotFound, "ResourceNotFoundException"),
        }
    }

    /// The message a command is answered with (`None`: nothing comes back), applying it.
    pub fn answer(&mut self, command: &Command, rng: &mut Rng) -> Vec<Msg> {
        // Any call can fail the way the network or the service make it fail.
        let failure = rng.chance(8);
        match command {
            Command::ListPage { generation, token }
            | Command::RetryListPage {
                generation, token, ..
            } => {
                let from: usize = token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
                let ids: Vec<&str> = self.collections.keys().map(String::as_str).collect();
                let end = (from + 5).min(ids.len());
                let next = (end < ids.len()).then(|| end.to_string());
                let outcome = if failure {
                    throttled()
                } else {
                    ok(page(&ids[from.min(end)..end], next.as_deref()))
                };
                vec![Msg::PageLoaded {
                    generation: *generation,
                    outcome,
                }]
            }
            Command::Describe { id } => vec![Msg::Described {
                id: id.clone(),
                outcome: if failure {
                    throttled()
                } else {
                    self.described(id)
                },
            }],
            Command::Verify { id } => vec![Msg::Verified {
                id: id.clone(),
                outcome: if failure {
                    throttled()
                } else {
                    self.described(id)
                },
            }],
            Command::Delete { id, .. } => {
                let outcome = if failure {
                    throttled()
                } else if self.collections.remove(id).is_some() {
                    ok(200)
                } else {
                    fail(ErrorKind::NotFound, "ResourceNotFoundException")
                };
                vec![Msg::Deleted {
                    id: id.clone(),
                    outcome,
                }]
            }
            Command::DescribeDetail { id } => {
                let outcome = match self.detail(id) {
                    Some(detail) if !failure => ok(Described {
                        detail,
                        tags: Ok(Vec::new()),
                    }),
                    _ => fail(ErrorKind::NotFound, "ResourceNotFoundException"),
                };
                vec![Msg::DetailDescribed {
                    id: id.clone(),
                    outcome,
                }]
            }
            Command::ListFaces { id, token } => {
                let from: usize = token.as_deref().and_then(|t| t.parse().ok()).unwrap_or(0);
                let outcome = match self.collections.get(id) {
                    Some((faces, _)) if !failure => {
                        let end = (from + 7).min(faces.len());
                        ok(FacePage {
                            faces: faces[from.min(end)..end]
                                .iter()
                                .map(|f| Face {
                                    face_id: f.clone(),
                                    image_id: None,
                                    external_image_id: Some(format!("{f}.jpg")),
                                    user_id: None,
                                    confidence: Some(99.0),
                                    bounding_box: None,
                                    index_faces_model_version: None,
                                })
                                .collect(),
                            next_token: (end < faces.len()).then(|| end.to_string()),
                        })
                    }
                    _ => throttled(),
                };
                vec![Msg::FacesLoaded {
                    id: id.clone(),
                    token: token.clone(),
                    outcome,
                }]
            }
            Command::ListUsers { id } => vec![Msg::UsersLoaded {
                id: id.clone(),
                outcome: ok(UserPage::default()),
            }],
            Command::DeleteFaces { id, face_ids, .. } => {
                let deleted = match self.collections.get_mut(id) {
                    Some((faces, _)) if !failure => {
                        let gone: Vec<String> = face_ids
                            .iter()
                            .filter(|f| faces.contains(f))
                            .cloned()
                            .collect();
                        faces.retain(|f| !gone.contains(f));
                        ok(FaceDeletion {
                            deleted: gone,
                            unsuccessful: Vec::new(),
                        })
                    }
                    _ => throttled(),
                };
                vec![Msg::FacesDeleted {
                    id: id.clone(),
                    requested: face_ids.clone(),
                    outcome: deleted,
                }]
            }
            Command::CreateCollection { id, .. } => {
                self.collections.insert(id.clone(), (Vec::new(), 0));
                vec![Msg::CollectionCreated {
                    id: id.clone(),
                    outcome: ok(Created {
                        status: 200,
                        arn: None,
                        face_model_version: Some("7.0".into()),
                    }),
                }]
            }
            Command::ExportManifest { target } => {
                let id = target.id.clone();
                let faces = self.collections.get(&id).map(|(f, _)| f.len() as u64);
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
                    Msg::ExportProgress {
                        id: id.clone(),
                        faces: 0,
                        total: faces,
                    },
                    Msg::Exported { id, result },
                ]
            }
            Command::Copy { what, .. } => vec![Msg::Copied {
                what: what.clone(),
                result: Ok(()),
            }],
            Command::CancelExport { .. } | Command::Quit => Vec::new(),
        }
    }
}
