//! `--seed FILE`: collections with synthetic, deterministic faces and users.

use std::path::Path;

use rusqlite::Transaction;
use serde::Deserialize;

use super::error::{ApiError, ErrorKind};
use super::store::Db;
use super::store::collections::{self, NewCollection};
use super::store::seeding::SeedRows;
use super::validate::{Checker, Pattern};
use super::wire::Tags;

mod synthetic;

pub use synthetic::user_id;
pub(crate) use synthetic::{Rng, SyntheticFaces};

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

    fn fail(&self, problem: String) -> SeedError {
        SeedError {
            source: self.source.clone(),
            problem,
        }
    }

    /// Everything in one transaction, before the store serves: all of it or, on error,
    /// none. A database file is seeded so, and a process killed meanwhile leaves it as it was.
    pub(crate) fn apply(&self, db: &mut Db, now: f64) -> Result<(), SeedError> {
        let tx = db
            .conn
            .transaction()
            .map_err(|e| self.fail(format!("storage error: {e}")))?;
        for mut rows in self.plant_rows(&tx, now)? {
            rows.write(&tx, u64::MAX)
                .map_err(|e| self.fail(format!("collection {}: {}", rows.id(), e.message)))?;
        }
        tx.commit()
            .map_err(|e| self.fail(format!("storage error: {e}")))
    }

    /// The collections at once, with the counts, tags and everything a describe shows; their
    /// users and faces are left to the store, which writes them between requests and first
    /// for any request that reads or changes them.
    pub(crate) fn plant(&self, db: &mut Db, now: f64) -> Result<(), SeedError> {
        let tx = db
            .conn
            .transaction()
            .map_err(|e| self.fail(format!("storage error: {e}")))?;
        let rows = self.plant_rows(&tx, now)?;
        tx.commit()
            .map_err(|e| self.fail(format!("storage error: {e}")))?;
        db.seeding.add(rows);
        Ok(())
    }

    /// Inserts every collection inside `tx` with the counts it is going to have; returns
    /// the users and faces still to write.
    fn plant_rows(&self, tx: &Transaction<'_>, now: f64) -> Result<Vec<SeedRows>, SeedError> {
        let mut planted = Vec::with_capacity(self.collections.len());
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
            let failed = |e: ApiError| match e.kind {
                ErrorKind::ResourceAlreadyExists => self.fail(format!(
                    "collection {} already exists in region {}",
                    c.id, c.region
                )),
                _ => self.fail(format!("collection {}: {}", c.id, e.message)),
            };
            let pk = collections::insert(tx, &new).map_err(failed)?;
            let rows = SeedRows::new(pk, &c.region, &c.id, c.faces, c.users);
            rows.count(tx).map_err(failed)?;
            planted.push(rows);
        }
        Ok(planted)
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

#[cfg(test)]
mod tests;
