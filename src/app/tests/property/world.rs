//! The property test's world: a seeded generator, and a Rekognition account that changes
//! under the app and answers its commands (in `world/answers.rs`), late and out of order.

mod answers;

use std::collections::BTreeMap;

use super::super::*;
use crate::aws::api::ErrorKind;
use crate::ids::{CollectionId, UserId};

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

/// What a collection holds: faces by id, users, and which user each owned face belongs to.
#[derive(Debug, Clone, Default)]
pub struct Coll {
    pub faces: Vec<String>,
    pub users: Vec<UserId>,
    pub owner: BTreeMap<String, UserId>,
}

/// The collections the account holds.
pub struct World {
    pub collections: BTreeMap<CollectionId, Coll>,
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
        let faces: Vec<String> = (0..faces).map(|_| self.face()).collect();
        let users: Vec<UserId> = match id {
            "empty" => Vec::new(),
            _ => (0..rng.below(4))
                .map(|i| format!("u{i}").parse().unwrap())
                .collect(),
        };
        // Some faces belong to a user, so disassociating and erasing users has work to do.
        let mut owner = BTreeMap::new();
        for face in &faces {
            if !users.is_empty() && rng.chance(40) {
                owner.insert(face.clone(), rng.pick(&users).clone());
            }
        }
        let coll = Coll {
            faces,
            users,
            owner,
        };
        self.collections.insert(id.parse().unwrap(), coll);
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
                    && let Some(coll) = self.collections.get_mut(id)
                {
                    coll.faces.push(face);
                }
            }
            _ => {
                if let Some(coll) = self.collections.get_mut(id)
                    && let Some(face) = coll.faces.pop()
                {
                    coll.owner.remove(&face);
                }
            }
        }
    }

    fn detail(&self, id: &str) -> Option<CollectionDetail> {
        let coll = self.collections.get(id)?;
        Some(CollectionDetail {
            face_count: Some(coll.faces.len() as u64),
            user_count: Some(coll.users.len() as u64),
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
}
