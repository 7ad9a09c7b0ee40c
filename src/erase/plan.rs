//! The calls an erasure makes, worked out before any is sent.

use std::collections::{HashMap, HashSet};

use super::Erasure;
use crate::aws::api::{ASSOCIATE_BATCH, DELETE_FACES_BATCH, Face};
use crate::ids::UserId;

/// An erasure's faces and users once each is named only once, and its batches.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Plan {
    /// In the order they were found; a face listed twice is erased once.
    pub faces: Vec<Face>,
    pub users: Vec<UserId>,
    /// `(user, face ids)`: at most [`ASSOCIATE_BATCH`] ids, users in the order their first
    /// face comes.
    pub disassociate: Vec<(UserId, Vec<String>)>,
    /// At most [`DELETE_FACES_BATCH`] ids each, every face once.
    pub delete: Vec<Vec<String>>,
}

impl Plan {
    pub fn new(erasure: &Erasure) -> Plan {
        let mut seen = HashSet::new();
        let faces: Vec<Face> = erasure
            .faces
            .iter()
            .filter(|f| seen.insert(f.face_id.to_ascii_lowercase()))
            .cloned()
            .collect();
        let mut seen = HashSet::new();
        let users: Vec<UserId> = erasure
            .users
            .iter()
            .filter(|u| seen.insert(u.as_str()))
            .cloned()
            .collect();

        let mut by_user: Vec<(&UserId, Vec<String>)> = Vec::new();
        let mut at: HashMap<&UserId, usize> = HashMap::new();
        for face in &faces {
            let Some(user) = face.user_id.as_ref() else {
                continue;
            };
            let i = *at.entry(user).or_insert_with(|| {
                by_user.push((user, Vec::new()));
                by_user.len() - 1
            });
            by_user[i].1.push(face.face_id.clone());
        }
        let disassociate = by_user
            .iter()
            .flat_map(|(user, ids)| {
                ids.chunks(ASSOCIATE_BATCH)
                    .map(|c| ((*user).clone(), c.to_vec()))
            })
            .collect();
        let ids: Vec<String> = faces.iter().map(|f| f.face_id.clone()).collect();
        let delete = ids
            .chunks(DELETE_FACES_BATCH)
            .map(<[String]>::to_vec)
            .collect();
        Plan {
            faces,
            users,
            disassociate,
            delete,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.faces.is_empty() && self.users.is_empty()
    }
}
