//! Walking the (account, region) pairs: up to `concurrency` pairs listed at once (quotas
//! are per account and region, so pairs do not slow each other), each listing every page
//! of ListCollections and describing its collections, [`DESCRIBES`] at a time, and
//! `concurrency` x [`DESCRIBES`] across all pairs. A pair gives its place up once listed,
//! so the next is listed while its last describes run, as the fleet view does.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

use super::Record;
use crate::app::fleet::{Status, classify};
use crate::aws::accounts::{Reached, Unreached};
use crate::aws::api::{Described, Rekognition};
use crate::aws::pace::Paced;
use crate::ids::CollectionId;

/// DescribeCollection (with its tags) calls in flight per pair.
pub const DESCRIBES: usize = 8;
/// Pairs at once unless `--fleet-concurrency` says otherwise.
pub const DEFAULT_CONCURRENCY: usize = 32;

/// One account to walk, in the regions to walk it in.
pub struct Walk {
    pub reached: Reached,
    /// The profiles that reach it, the first being the one used.
    pub profiles: Vec<String>,
    pub regions: Vec<String>,
}

/// An account or profile that could not be reached: one record, with no region.
pub fn unreached(
    account: Option<&str>,
    name: Option<&str>,
    profile: Option<&str>,
    why: &Unreached,
) -> Record {
    Record {
        account: account.unwrap_or_default().to_owned(),
        account_name: name.map(str::to_owned),
        profile: profile.map(str::to_owned),
        region: String::new(),
        collection_id: None,
        arn: None,
        faces: None,
        users: None,
        face_model_version: None,
        created: None,
        age_days: None,
        tags: BTreeMap::new(),
        status: why.to_string(),
    }
}

/// A finished pair, for progress.
pub struct Done<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub records: &'a [Record],
    pub finished: usize,
    pub total: usize,
}

/// Walks every pair of `walks`, `concurrency` at once; `progress` hears of each pair as it
/// finishes. The records come sorted by account, region and collection ID.
pub async fn walk(
    walks: Vec<Walk>,
    concurrency: usize,
    budget: Duration,
    now: i64,
    mut progress: impl FnMut(Done<'_>),
) -> Vec<Record> {
    let permits = Arc::new(Semaphore::new(concurrency.max(1)));
    // Pairs under way, listing or describing: one being listed while others finish their
    // describes keeps the calls flowing, and the bound keeps each pair's client and rows
    // from being held by every pair of the organization at once.
    let alive = Arc::new(Semaphore::new(concurrency.max(1) * 2));
    let describes = Arc::new(Semaphore::new(concurrency.max(1) * DESCRIBES));
    let mut tasks = JoinSet::new();
    let mut total = 0;
    for walk in walks {
        let reached = Arc::new(walk.reached);
        let profile = (!walk.profiles.is_empty()).then(|| walk.profiles.join(","));
        for region in walk.regions {
            total += 1;
            let (reached, profile, permits, describes, alive) = (
                Arc::clone(&reached),
                profile.clone(),
                Arc::clone(&permits),
                Arc::clone(&describes),
                Arc::clone(&alive),
            );
            tasks.spawn(async move {
                // The semaphores live as long as this function, which never closes them.
                let _alive = alive.acquire_owned().await;
                let listing = permits.acquire_owned().await.ok();
                let label = Label {
                    account: reached.account.clone(),
                    name: reached.name.clone(),
                    profile,
                    region: region.clone(),
                };
                // Quotas are per account and region: each pair paces itself under its own,
                // waiting out a throttle within `budget` rather than failing the rows.
                let backend = Arc::new(Paced::new(reached.backend(&region), budget));
                let records = pair(&backend, &label, now, listing, describes).await;
                (label.account, label.region, records)
            });
        }
    }
    let mut records = Vec::new();
    let mut finished = 0;
    while let Some(joined) = tasks.join_next().await {
        finished += 1;
        let (account, region, got) = match joined {
            Ok(done) => done,
            // A pair whose task died: nothing says where, so one record says it.
            Err(err) => {
                let why = Unreached::Failed(err.to_string());
                (
                    String::new(),
                    String::new(),
                    vec![unreached(None, None, None, &why)],
                )
            }
        };
        progress(Done {
            account: &account,
            region: &region,
            records: &got,
            finished,
            total,
        });
        records.extend(got);
    }
    sort(&mut records);
    records
}

pub fn sort(records: &mut [Record]) {
    records.sort_by(|a, b| {
        (&a.account, &a.region, &a.collection_id).cmp(&(&b.account, &b.region, &b.collection_id))
    });
}

/// Who a pair's records belong to.
#[derive(Clone)]
struct Label {
    account: String,
    name: Option<String>,
    profile: Option<String>,
    region: String,
}

impl Label {
    fn record(&self, status: String) -> Record {
        Record {
            account: self.account.clone(),
            account_name: self.name.clone(),
            profile: self.profile.clone(),
            region: self.region.clone(),
            collection_id: None,
            arn: None,
            faces: None,
            users: None,
            face_model_version: None,
            created: None,
            age_days: None,
            tags: BTreeMap::new(),
            status,
        }
    }
}

/// What a region's failure says in a record's status.
pub fn status_text(status: &Status) -> String {
    match status {
        Status::NotEnabled => "not enabled".into(),
        Status::Denied(action) => format!("denied: {action}"),
        Status::Failed(why) => format!("failed: {why}"),
        Status::Queued | Status::Listing | Status::Describing | Status::Done => "ok".into(),
    }
}

/// One pair: every page of ListCollections, then each collection described. A region the
/// account has not enabled holds nothing and answers with no record at all.
/// `listing` is the pair's place among those listed at once, given up once listed;
/// `describes` the describes in flight across all pairs.
async fn pair<R: Rekognition>(
    backend: &Arc<R>,
    label: &Label,
    now: i64,
    listing: Option<OwnedSemaphorePermit>,
    describes: Arc<Semaphore>,
) -> Vec<Record> {
    let mut ids: Vec<CollectionId> = Vec::new();
    let mut token = None;
    loop {
        let outcome = backend.list_page(token).await;
        match outcome.result {
            Ok(page) => {
                ids.extend(page.collections.into_iter().map(|c| c.id));
                token = page.next_token;
                if token.is_none() {
                    break;
                }
            }
            Err(err) => {
                return match classify(&err) {
                    Status::NotEnabled => Vec::new(),
                    status => vec![label.record(status_text(&status))],
                };
            }
        }
    }
    drop(listing);
    let permits = Arc::new(Semaphore::new(DESCRIBES));
    let mut tasks = JoinSet::new();
    for id in ids {
        // A describe starts only once it has both places, the pair's own first (waiting
        // for it holds none of the others'): tasks made ahead of their places would each
        // hold room for a whole SDK call, thousands of them across an organization. Neither
        // semaphore is ever closed.
        let own = Arc::clone(&permits).acquire_owned().await;
        let any = Arc::clone(&describes).acquire_owned().await;
        let backend = Arc::clone(backend);
        tasks.spawn(async move {
            let _places = (own, any);
            let outcome = backend.describe_with_tags(&id).await;
            (id, outcome.result)
        });
    }
    let mut records = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        let Ok((id, result)) = joined else {
            records.push(label.record("failed: a describe task died".into()));
            continue;
        };
        records.push(match result {
            Ok(described) => collection(label, &id, described, now),
            Err(err) => {
                let mut record = label.record(status_text(&classify(&err)));
                record.collection_id = Some(id.to_string());
                record
            }
        });
    }
    records
}

fn collection(label: &Label, id: &CollectionId, described: Described, now: i64) -> Record {
    let detail = described.detail;
    let mut record = label.record("ok".into());
    record.collection_id = Some(id.to_string());
    record.arn = detail.arn;
    record.faces = detail.face_count;
    record.users = detail.user_count;
    record.face_model_version = detail.face_model_version;
    record.created = detail
        .created
        .map(|secs| crate::time::format_rfc3339(secs.saturating_mul(1000)).replace(".000Z", "Z"));
    record.age_days = detail.created.map(|secs| (now - secs).max(0) / 86_400);
    match described.tags {
        Ok(tags) => record.tags = tags.into_iter().collect(),
        Err(err) => record.status = format!("failed: tags: {}", status_text(&classify(&err))),
    }
    record
}
