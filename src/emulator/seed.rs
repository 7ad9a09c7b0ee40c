//! `--seed FILE`: collections with synthetic, deterministic faces and users.

use std::path::Path;

use rusqlite::Transaction;
use serde::Deserialize;

use super::accounts::{Account, Accounts, Organization, scope};
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
    /// Those of the default account (the first of `accounts`, or `--account`).
    collections: Vec<SeedCollection>,
    accounts: Vec<SeedAccount>,
    organization: Option<SeedOrganization>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedFile {
    #[serde(default)]
    collections: Vec<SeedCollection>,
    #[serde(default)]
    accounts: Vec<SeedAccount>,
    organization: Option<SeedOrganization>,
}

/// `{"id": "111111111111", "name": "prod", "access_keys": [...], "collections": [...]}`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedAccount {
    id: String,
    name: Option<String>,
    email: Option<String>,
    #[serde(default = "active")]
    status: String,
    #[serde(default)]
    access_keys: Vec<String>,
    /// Roles anyone may assume in this account, beside the organization's.
    #[serde(default)]
    roles: Vec<String>,
    /// False for an account that joined the organization by invitation: it has no
    /// organization role.
    #[serde(default = "yes")]
    org_role: bool,
    /// Operations answered with AccessDeniedException in this account.
    #[serde(default)]
    deny: Vec<String>,
    #[serde(default)]
    collections: Vec<SeedCollection>,
}

/// `{"management": "111111111111", "role": "OrganizationAccountAccessRole"}`
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeedOrganization {
    management: String,
    #[serde(default = "org_role")]
    role: String,
}

fn active() -> String {
    "ACTIVE".to_owned()
}

fn yes() -> bool {
    true
}

fn org_role() -> String {
    "OrganizationAccountAccessRole".to_owned()
}

/// Account statuses Organizations reports.
const STATUSES: &[&str] = &["ACTIVE", "SUSPENDED", "PENDING_CLOSURE"];

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
    /// How many people the faces belong to (0: each face its own person).
    #[serde(default)]
    people: u64,
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
        check_collections("collections", &file.collections).map_err(fail)?;
        check_accounts(&file.accounts, file.organization.as_ref()).map_err(fail)?;
        Ok(Seed {
            source: source_name.to_owned(),
            collections: file.collections,
            accounts: file.accounts,
            organization: file.organization,
        })
    }

    /// Every collection, with the account it belongs to (`None`: the default one).
    fn all(&self) -> impl Iterator<Item = (Option<&str>, &SeedCollection)> {
        let own = self.collections.iter().map(|c| (None, c));
        let theirs = self
            .accounts
            .iter()
            .flat_map(|a| a.collections.iter().map(move |c| (Some(a.id.as_str()), c)));
        own.chain(theirs)
    }

    pub fn collection_count(&self) -> usize {
        self.all().count()
    }

    pub fn face_count(&self) -> u64 {
        self.all().map(|(_, c)| c.faces).sum()
    }

    /// The first account the seed lists: the default one unless `--account` names another.
    pub fn first_account(&self) -> Option<&str> {
        self.accounts.first().map(|a| a.id.as_str())
    }

    /// The accounts and the organization, with `default` the account of unlisted keys.
    pub(crate) fn accounts(&self, default: &str) -> Accounts {
        let listed = self
            .accounts
            .iter()
            .map(|a| {
                let account = Account {
                    id: a.id.clone(),
                    name: a.name.clone().unwrap_or_else(|| a.id.clone()),
                    email: a
                        .email
                        .clone()
                        .unwrap_or_else(|| format!("aws+{}@example.com", a.id)),
                    status: a.status.clone(),
                    org_role: a.org_role,
                    roles: a.roles.clone(),
                    deny: a.deny.clone(),
                };
                (account, a.access_keys.clone())
            })
            .collect();
        let organization = self.organization.as_ref().map(|o| Organization {
            management: o.management.clone(),
            role: o.role.clone(),
        });
        Accounts::new(default.to_owned(), listed, organization)
    }

    fn fail(&self, problem: String) -> SeedError {
        SeedError {
            source: self.source.clone(),
            problem,
        }
    }

    /// Everything in one transaction, before the store serves: all of it or, on error,
    /// none. A database file is seeded so, and a process killed meanwhile leaves it as it was.
    pub(crate) fn apply(&self, db: &mut Db, now: f64, default: &str) -> Result<(), SeedError> {
        let tx = db
            .conn
            .transaction()
            .map_err(|e| self.fail(format!("storage error: {e}")))?;
        for mut rows in self.plant_rows(&tx, now, default)? {
            rows.write(&tx, u64::MAX)
                .map_err(|e| self.fail(format!("collection {}: {}", rows.id(), e.message)))?;
        }
        tx.commit()
            .map_err(|e| self.fail(format!("storage error: {e}")))
    }

    /// The collections at once, with the counts, tags and everything a describe shows; their
    /// users and faces are left to the store, which writes them between requests and first
    /// for any request that reads or changes them.
    pub(crate) fn plant(&self, db: &mut Db, now: f64, default: &str) -> Result<(), SeedError> {
        let tx = db
            .conn
            .transaction()
            .map_err(|e| self.fail(format!("storage error: {e}")))?;
        let rows = self.plant_rows(&tx, now, default)?;
        tx.commit()
            .map_err(|e| self.fail(format!("storage error: {e}")))?;
        db.seeding.add(rows);
        Ok(())
    }

    /// Inserts every collection inside `tx` with the counts it is going to have; returns
    /// the users and faces still to write.
    fn plant_rows(
        &self,
        tx: &Transaction<'_>,
        now: f64,
        default: &str,
    ) -> Result<Vec<SeedRows>, SeedError> {
        let mut planted = Vec::with_capacity(self.collection_count());
        for (account, c) in self.all() {
            let region = scope(default, account.unwrap_or(default), &c.region);
            let version = c
                .face_model_version
                .as_deref()
                .unwrap_or(DEFAULT_FACE_MODEL_VERSION);
            let created = match &c.created {
                Some(text) => crate::time::parse_rfc3339_secs(text).unwrap_or(now),
                None => now,
            };
            let new = NewCollection {
                region: &region,
                id: &c.id,
                created,
                face_model_version: version,
                tags: &c.tags,
            };
            let failed = |e: ApiError| match e.kind {
                ErrorKind::ResourceAlreadyExists => self.fail(format!(
                    "collection {} already exists in region {}{}",
                    c.id,
                    c.region,
                    account
                        .map(|a| format!(" of account {a}"))
                        .unwrap_or_default()
                )),
                _ => self.fail(format!("collection {}: {}", c.id, e.message)),
            };
            let pk = collections::insert(tx, &new).map_err(failed)?;
            let rows = SeedRows::new(pk, &region, &c.id, c.faces, c.users, c.people);
            rows.count(tx).map_err(failed)?;
            planted.push(rows);
        }
        Ok(planted)
    }
}

/// Each collection, and no two of one region with the same ID.
fn check_collections(at: &str, collections: &[SeedCollection]) -> Result<(), String> {
    let mut seen = std::collections::HashSet::new();
    for (i, c) in collections.iter().enumerate() {
        let at = format!("{at}[{i}] (id {:?})", c.id);
        check(c).map_err(|problem| format!("{at}: {problem}"))?;
        if !seen.insert((c.region.as_str(), c.id.as_str())) {
            return Err(format!(
                "{at}: collection {} appears twice in region {}",
                c.id, c.region
            ));
        }
    }
    Ok(())
}

fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// Twelve-digit IDs, each once; every access key in one account; a known status; an
/// organization managed by one of them.
fn check_accounts(
    accounts: &[SeedAccount],
    organization: Option<&SeedOrganization>,
) -> Result<(), String> {
    let mut ids = std::collections::HashSet::new();
    let mut keys = std::collections::HashSet::new();
    for (i, a) in accounts.iter().enumerate() {
        let at = format!("accounts[{i}] (id {:?})", a.id);
        if !is_account_id(&a.id) {
            return Err(format!("{at}: the id is not a 12-digit AWS account id"));
        }
        if !ids.insert(a.id.as_str()) {
            return Err(format!("{at}: account {} appears twice", a.id));
        }
        if !STATUSES.contains(&a.status.as_str()) {
            return Err(format!(
                "{at}: status {:?} is not one of {}",
                a.status,
                STATUSES.join(", ")
            ));
        }
        if let Some(key) = a.access_keys.iter().find(|k| !keys.insert(k.as_str())) {
            return Err(format!("{at}: access key {key} belongs to two accounts"));
        }
        if let Some(key) = a.access_keys.iter().find(|k| {
            k.len() < 16 || k.len() > 128 || !k.bytes().all(|b| b.is_ascii_alphanumeric())
        }) {
            return Err(format!(
                "{at}: access key {key:?} is not 16 to 128 letters and digits"
            ));
        }
        if let Some(op) = a
            .deny
            .iter()
            .find(|op| !super::OPERATIONS.contains(&op.as_str()))
        {
            return Err(format!(
                "{at}: cannot deny {op:?}: the operations are {}",
                super::OPERATIONS.join(", ")
            ));
        }
        check_collections(&format!("{at}.collections"), &a.collections)?;
    }
    if let Some(org) = organization {
        if !ids.contains(org.management.as_str()) {
            return Err(format!(
                "organization: the management account {:?} is not one of accounts",
                org.management
            ));
        }
        let role_ok = !org.role.is_empty()
            && org.role.len() <= 64
            && org
                .role
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c));
        if !role_ok {
            return Err(format!(
                "organization: role {:?} is not an IAM role name",
                org.role
            ));
        }
    }
    Ok(())
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
    if c.people > MAX_FACES {
        return Err(format!(
            "people {} is over the limit of {MAX_FACES}",
            c.people
        ));
    }
    debug_assert!(Pattern::CollectionId.matches(&c.id));
    Ok(())
}

#[cfg(test)]
mod tests;
