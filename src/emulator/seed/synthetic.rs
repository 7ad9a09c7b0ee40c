//! The synthetic records of a seeded collection: deterministic from its region and id, so
//! the same seed gives the same faces, run after run.

use uuid::Uuid;

use crate::emulator::likeness::{Vector, synthetic};
use crate::emulator::store::FaceRow;
use crate::emulator::wire::BoundingBox;

/// splitmix64: small, fast and good enough for believable synthetic data.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn uuid(&mut self) -> Uuid {
        let bits = (u128::from(self.next()) << 64) | u128::from(self.next());
        uuid::Builder::from_random_bytes(bits.to_be_bytes()).into_uuid()
    }
}

fn seed_of(region: &str, id: &str) -> u64 {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(format!("{region}/{id}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&hash[..8]);
    u64::from_be_bytes(bytes)
}

pub fn user_id(n: u64) -> String {
    format!("user-{n:06}")
}

/// The synthetic faces of one seeded collection, in order; every third face belongs to a
/// user, round robin. With `people`, each face is one of that many people's, and a user's
/// faces are all one person's; without, each face is a person of its own. Resumable: the
/// store writes a big collection in slices.
#[derive(Debug, Clone)]
pub(crate) struct SyntheticFaces {
    rng: Rng,
    /// The vectors draw from their own stream, so that the records of seeds written before
    /// faces had vectors stay what they were.
    vectors: Rng,
    people: u64,
    people_seed: u64,
    image: u64,
    image_id: Uuid,
    next: u64,
    total: u64,
    users: u64,
}

impl SyntheticFaces {
    pub(crate) fn new(region: &str, id: &str, faces: u64, users: u64, people: u64) -> Self {
        let seed = seed_of(region, id);
        SyntheticFaces {
            rng: Rng::new(seed),
            vectors: Rng::new(seed ^ 0x7665_6374_6f72_7321),
            people,
            people_seed: seed ^ 0x7065_6f70_6c65_2121,
            image: 0,
            image_id: Uuid::nil(),
            next: 0,
            total: faces,
            users,
        }
    }

    pub(crate) fn remaining(&self) -> u64 {
        self.total - self.next
    }

    /// The vector of the next face, of user number `user` (from 1) if any.
    fn vector(&mut self, user: Option<u64>) -> Vector {
        let faces = &mut self.vectors;
        if self.people == 0 {
            let mut own = Rng::new(faces.next());
            return synthetic::face(|| own.next(), || faces.next());
        }
        let person = match user {
            Some(u) => (u - 1) % self.people,
            None => faces.next() % self.people,
        };
        let mut base = Rng::new(self.people_seed ^ person.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        synthetic::face(|| base.next(), || faces.next())
    }
}

impl Iterator for SyntheticFaces {
    type Item = FaceRow;

    fn next(&mut self) -> Option<FaceRow> {
        if self.next >= self.total {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let rng = &mut self.rng;
        if i == 0 || rng.unit() < 0.75 {
            self.image += 1;
            self.image_id = rng.uuid();
        }
        let width = 0.08 + rng.unit() * 0.3;
        let height = (width * (1.1 + rng.unit() * 0.3)).min(0.95);
        let user_number = (self.users > 0 && i.is_multiple_of(3)).then(|| (i / 3) % self.users + 1);
        let user = user_number.map(user_id);
        let vector = self.vector(user_number);
        let rng = &mut self.rng;
        Some(FaceRow {
            seq: i as i64 + 1,
            face_id: rng.uuid(),
            image_id: self.image_id,
            external_image_id: Some(format!("img-{:06}.jpg", self.image)),
            bounding_box: BoundingBox {
                width: width as f32,
                height: height as f32,
                left: (rng.unit() * (1.0 - width)) as f32,
                top: (rng.unit() * (1.0 - height)) as f32,
            },
            confidence: (99.0 + rng.unit() * 0.999) as f32,
            user_id: user,
            vector: Some(vector),
        })
    }
}
