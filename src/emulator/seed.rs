//! `--seed FILE`: collections with synthetic, deterministic faces and users.

use std::path::Path;

use serde::Deserialize;
use uuid::Uuid;

use super::error::ErrorKind;
use super::store::collections::{self, NewCollection};
use super::store::{Db, FaceRow, faces, users};
use super::validate::{Checker, Pattern};
use super::wire::{BoundingBox, Tags};

/// The most faces a collection may hold, as in the service's quotas.
pub const MAX_FACES: u64 = 20_000_000;
pub const MAX_USERS: u64 = 10_000_000;
const DEFAULT_REGION: &str = "us-east-1";
pub const DEFAULT_FACE_MODEL_VERSION: &str = "7.0";

/// A parsed and checked seed.
#[derive(Debug, Clone)]
pub struct Seed {
    source: String,
    collections: Vec<SeedCollection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFile {
    collections: Vec<SeedCollection>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedCollection {
    id: String,
    #[serde(default = "default_region")]
    region: String,
    created: Option<String>,
    face_model_version: Option<String>,
    #[serde(default)]
    tags: Tags,
    #[serde(default)]
    faces: u64,
    #[serde(default)]
    users: u64,
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

/// A seed that cannot be read, parsed or applied; names the file and the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError {
    pub source: String,
    pub problem: String,
}

impl std::fmt::Display for SeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "seed {}: {}", self.source, self.problem)
    }
}

impl std::error::Error for SeedError {}

impl Seed {
    pub fn load(path: &Path) -> Result<Seed, SeedError> {
        let source = path.display().to_string();
        let json = std::fs::read_to_string(path).map_err(|e| SeedError {
            source: source.clone(),
            problem: format!("cannot read the file: {e}"),
        })?;
        Seed::parse(&source, &json)
    }

    pub fn parse(source_name: &str, json: &str) -> Result<Seed, SeedError> {
        let fail = |problem: String| SeedError {
            source: source_name.to_owned(),
            problem,
        };
        let file: SeedFile =
            serde_json::from_str(json).map_err(|e| fail(format!("invalid seed JSON: {e}")))?;
        let mut seen = std::collections::HashSet::new();
        for (i, c) in file.collections.iter().enumerate() {
            let at = format!("collections[{i}] (id {:?})", c.id);
            check(c).map_err(|problem| fail(format!("{at}: {problem}")))?;
            if !seen.insert((c.region.as_str(), c.id.as_str())) {
                return Err(fail(format!(
                    "{at}: collection {} appears twice in region {}",
                    c.id, c.region
                )));
            }
        }
        Ok(Seed {
            source: source_name.to_owned(),
            collections: file.collections,
        })
    }

    pub fn collection_count(&self) -> usize {
        self.collections.len()
    }

    pub fn face_count(&self) -> u64 {
        self.collections.iter().map(|c| c.faces).sum()
    }

    /// Adds every collection in one transaction: all of them or, on error, none.
    pub(crate) fn apply(&self, db: &mut Db, now: f64) -> Result<(), SeedError> {
        let fail = |problem: String| SeedError {
            source: self.source.clone(),
            problem,
        };
        let tx = db
            .conn
            .transaction()
            .map_err(|e| fail(format!("storage error: {e}")))?;
        for c in &self.collections {
            let version = c
                .face_model_version
                .as_deref()
                .unwrap_or(DEFAULT_FACE_MODEL_VERSION);
            let created = match &c.created {
                Some(text) => crate::time::parse_rfc3339_secs(text).unwrap_or(now),
                None => now,
            };
            let new = NewCollection {
                region: &c.region,
                id: &c.id,
                created,
                face_model_version: version,
                tags: &c.tags,
            };
            let pk = collections::insert(&tx, &new).map_err(|e| match e.kind {
                ErrorKind::ResourceAlreadyExists => fail(format!(
                    "collection {} already exists in region {}",
                    c.id, c.region
                )),
                _ => fail(format!("collection {}: {}", c.id, e.message)),
            })?;
            fill(&tx, pk, c).map_err(|e| fail(format!("collection {}: {}", c.id, e.message)))?;
        }
        tx.commit().map_err(|e| fail(format!("storage error: {e}")))
    }
}

fn check(c: &SeedCollection) -> Result<(), String> {
    let mut checker = Checker::default();
    checker.collection_id(&Some(c.id.clone()));
    checker.tags("tags", &c.tags);
    checker.finish().map_err(|e| e.message)?;
    let region_ok = !c.region.is_empty()
        && c.region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !region_ok {
        return Err(format!(
            "region {:?} is not a region name like us-east-1",
            c.region
        ));
    }
    if let Some(created) = &c.created
        && crate::time::parse_rfc3339_secs(created).is_none()
    {
        return Err(format!(
            "created {created:?} is not an RFC 3339 time like 2025-03-01T10:00:00Z"
        ));
    }
    if let Some(v) = &c.face_model_version
        && (v.is_empty() || v.len() > 16 || !v.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
    {
        return Err(format!(
            "face_model_version {v:?} is not a version like 7.0"
        ));
    }
    if c.faces > MAX_FACES {
        return Err(format!(
            "faces {} is over the limit of {MAX_FACES}",
            c.faces
        ));
    }
    if c.users > MAX_USERS {
        return Err(format!(
            "users {} is over the limit of {MAX_USERS}",
            c.users
        ));
    }
    debug_assert!(Pattern::CollectionId.matches(&c.id));
    Ok(())
}

/// splitmix64: small, fast and good enough for believable synthetic data.
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

/// Users `user-000001`.., then faces; every third face belongs to a user, round robin.
fn fill(
    tx: &rusqlite::Transaction<'_>,
    pk: i64,
    c: &SeedCollection,
) -> Result<(), super::error::ApiError> {
    let users: Vec<(i64, String)> = (1..=c.users).map(|n| (n as i64, user_id(n))).collect();
    users::insert(tx, pk, &users)?;
    let mut rng = Rng::new(seed_of(&c.region, &c.id));
    let (mut image, mut image_id) = (0u64, Uuid::nil());
    let mut batch = Vec::with_capacity(8192);
    for i in 0..c.faces {
        if i == 0 || rng.unit() < 0.75 {
            image += 1;
            image_id = rng.uuid();
        }
        let width = 0.08 + rng.unit() * 0.3;
        let height = (width * (1.1 + rng.unit() * 0.3)).min(0.95);
        let user = (c.users > 0 && i % 3 == 0).then(|| user_id((i / 3) % c.users + 1));
        batch.push(FaceRow {
            seq: i as i64 + 1,
            face_id: rng.uuid(),
            image_id,
            external_image_id: Some(format!("img-{image:06}.jpg")),
            bounding_box: BoundingBox {
                width: width as f32,
                height: height as f32,
                left: (rng.unit() * (1.0 - width)) as f32,
                top: (rng.unit() * (1.0 - height)) as f32,
            },
            confidence: (99.0 + rng.unit() * 0.999) as f32,
            user_id: user,
        });
        if batch.len() == batch.capacity() {
            faces::insert(tx, pk, &batch)?;
            batch.clear();
        }
    }
    faces::insert(tx, pk, &batch)
}
