//! `rekog erase --resume ID`: finishes an erasure that rekog did not (killed, a power
//! loss): its intent has no outcome. The faces its manifest lists that are still in the
//! collection are erased (ListFaces by their FaceIds), then its named users left without
//! faces, then the proof of absence over every face it named, under a new intent that
//! `resumes` it; the old intent gets the outcome `resumed`, naming the new one. An intent
//! that has an outcome is not resumed: resuming twice changes nothing.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use super::{EraseArgs, USAGE, confirm, show, stop_on_signals};
use crate::audit::{self, Audit, Erased, Gate, Record};
use crate::aws;
use crate::aws::api::{ErrorKind, MAX_USER_PAGE, Rekognition};
use crate::aws::pace::Paced;
use crate::erase::search::{self, Search};
use crate::erase::{Erasure, Step, erase};
use crate::ids::{CollectionId, FaceId, UserId};
use crate::manifest::NAMES_HMAC;
use crate::manifest::key::{self, NameKey};
use crate::manifest::{Target, default_dir};

/// What an erasure manifest named.
struct Named {
    search: String,
    faces: Vec<FaceId>,
    /// The users named in clear text.
    users: Vec<UserId>,
    /// The manifest kept names as HMAC-SHA256: the named users' tags, to be matched with
    /// the collection's users under the key the manifest was written with.
    user_tags: Vec<String>,
    hashed: bool,
    manifest: std::path::PathBuf,
}

pub(super) async fn run(mut args: EraseArgs, id: &str) -> ExitCode {
    let usage = |why: String| {
        crate::text::errln!("rekog: {why}");
        ExitCode::from(USAGE)
    };
    let Some(trail) = Audit::default_path() else {
        return usage(audit::AuditError::NoPlace.to_string());
    };
    let intent = match unfinished_erasure(&trail, id) {
        Ok(intent) => intent,
        Err(why) => return usage(format!("{why}; nothing was changed")),
    };
    let named = match named(&intent) {
        Ok(named) => named,
        Err(why) => return usage(format!("{why}; nothing was changed")),
    };
    let Some(collection) = intent
        .collection_id
        .as_deref()
        .and_then(|c| CollectionId::parse(c).ok())
    else {
        return usage(format!(
            "record {id} names no collection; nothing was changed"
        ));
    };
    // Where the erasure ran, unless the flags say otherwise.
    args.collection = Some(collection.clone());
    args.connect.region = args.connect.region.take().or(intent.region.clone());
    args.connect.profile = args.connect.profile.take().or(intent.profile.clone());
    let (refusal, protect) = match confirm::refusal(&args) {
        Ok(found) => found,
        Err(why) => return usage(why),
    };
    if let Some(why) = refusal {
        return usage(format!("{why}; nothing was erased"));
    }
    let Some(dir) = args.dir.clone().or_else(default_dir) else {
        return usage("no place for manifests: set HOME or XDG_DATA_HOME, or pass --dir".into());
    };
    let place = args.connect.target();
    let connection = match aws::connect(&place).await {
        Ok(c) => c,
        Err(err) => return usage(err.to_string()),
    };
    let session = &connection.session;
    let backend = Paced::new(connection.backend, place.timeout);
    let all = Search::FaceIds(named.faces.clone());
    let present = if named.faces.is_empty() {
        Vec::new()
    } else {
        match search::find(&backend, &collection, &all, None, |_| {}).await {
            Ok(found) => found.faces,
            Err(e) => {
                return usage(format!("ListFaces {collection}: {e}; nothing was erased"));
            }
        }
    };
    let users = if named.hashed {
        match users_of_tags(&backend, &collection, &named, &present).await {
            Ok(users) => users,
            Err(why) => return usage(format!("{why}; nothing was erased")),
        }
    } else {
        named.users.clone()
    };
    let caller_arn = match crate::aws::identity::caller(&connection.sts).await {
        Ok(identity) => identity.arn,
        Err(why) => {
            tracing::warn!("{why}");
            None
        }
    };
    let erasure = Erasure {
        target: Target {
            id: collection.clone(),
            account: intent.account.clone(),
            region: session.region.clone(),
            profile: session.profile.clone(),
            endpoint: session.endpoint.clone(),
        },
        search: format!("resume of {id} ({})", named.search),
        faces: present,
        users,
        caller_arn,
        // The proof of absence looks for every face the erasure named, not only the rest.
        recheck: (!named.faces.is_empty()).then_some(all),
        // The new manifest keeps names as the old one did.
        keep_names: !named.hashed,
        likeness: None,
        photo: None,
    };
    crate::text::errln!(
        "rekog: resuming erasure {id} of {collection}: {} of its {} faces are still there",
        erasure.faces.len(),
        named.faces.len()
    );
    let mut out = std::io::stdout().lock();
    let _ = show::found(&mut out, &erasure, intent.collection_arn.as_deref());
    drop(out);
    let audit = match Audit::open_default() {
        Ok(audit) => std::sync::Arc::new(audit),
        Err(e) => return usage(format!("{e}; nothing is erased without a record")),
    };
    let gate = Gate::new(Some(std::sync::Arc::clone(&audit)), false, protect);
    if let Err(why) = confirm::confirmed(&args, erasure.faces.len(), erasure.users.len()) {
        return usage(format!("{why}; nothing was erased"));
    }
    stop_on_signals(&gate);
    let mut next = crate::erase::base_intent(&erasure);
    next.ticket = args.ticket.clone().or(intent.ticket.clone());
    next.resumes = Some(id.to_owned());
    let mut new_id = None;
    let step = |step: Step| {
        if let Step::Intent { id, .. } = &step {
            new_id = Some(id.clone());
        }
        show::step(step);
    };
    let now = crate::time::now_ms();
    let result = erase(&backend, &gate, &erasure, next, &dir, now, step).await;
    let report = match result {
        Ok(report) => report,
        Err(why) => return usage(why),
    };
    let mut out = std::io::stdout().lock();
    let _ = show::report(&mut out, &erasure, &report, audit.path());
    drop(out);
    let Some(by) = new_id else {
        return usage("the resuming erasure wrote no intent".into());
    };
    let erased = Erased {
        faces: report.faces_erased.len() as u64,
        users: report.users_erased.len() as u64,
        faces_failed: (report.faces_refused.len() + report.faces_not_reached.len()) as u64,
        users_failed: (report.users_refused.len() + report.users_not_reached.len()) as u64,
    };
    let message = format!("finished by rekog erase --resume: erasure {by}");
    if let Err(e) = audit.close_resumed(&intent, &by, erased, &message) {
        crate::text::errln!("rekog: warning: erasure {id} could not be closed as resumed: {e}");
        return ExitCode::FAILURE;
    }
    // A named user the first run deleted before it died is not found now: that is done.
    let gone = |u: &crate::erase::UserRefusal| u.error.kind == ErrorKind::NotFound;
    let complete = report.stopped.is_none()
        && report.faces_refused.is_empty()
        && report.faces_not_reached.is_empty()
        && report.users_not_reached.is_empty()
        && report.users_refused.iter().all(gone)
        && report.proven();
    if complete && report.unrecorded.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The intent `id` of an erasure without an outcome, or why it cannot be resumed.
fn unfinished_erasure(trail: &Path, id: &str) -> Result<Record, String> {
    let open = audit::unfinished(trail).map_err(|e| e.to_string())?;
    if let Some(intent) = open.intents.into_iter().find(|r| r.id == id) {
        return match intent.operation.as_deref() {
            Some("Erasure") => Ok(intent),
            other => Err(format!(
                "record {id} is a {}, not an erasure: only erasures are resumed",
                other.unwrap_or("change of unknown kind")
            )),
        };
    }
    let known = audit::read(trail)
        .map_err(|e| e.to_string())?
        .entries
        .iter()
        .any(|e| e.record.id == id);
    Err(if known {
        format!("record {id} already has an outcome: there is nothing to resume")
    } else {
        format!("no record {id:?} in the audit trail {}", trail.display())
    })
}

/// The faces and users the erasure's manifest names, once its digest is the recorded one.
fn named(intent: &Record) -> Result<Named, String> {
    let (Some(path), Some(sha)) = (&intent.manifest, &intent.manifest_sha256) else {
        return Err(format!("erasure {} recorded no manifest", intent.id));
    };
    let now = audit::verify::file_sha256(Path::new(path))
        .map_err(|e| format!("its manifest {path} cannot be read: {e}"))?;
    if &now != sha {
        return Err(format!(
            "its manifest {path} changed since it was recorded (SHA-256 {now}, recorded {sha})"
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut named = Named {
        search: String::new(),
        faces: Vec::new(),
        users: Vec::new(),
        user_tags: Vec::new(),
        hashed: false,
        manifest: path.into(),
    };
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        match v["kind"].as_str() {
            Some("erasure") => {
                named.search = v["search"].as_str().unwrap_or_default().to_owned();
                named.hashed = v["names"].as_str() == Some(NAMES_HMAC);
            }
            Some("face") => {
                if let Some(face) = v["FaceId"].as_str().and_then(|f| FaceId::parse(f).ok()) {
                    named.faces.push(face);
                }
            }
            Some("user") if named.hashed => {
                if let Some(tag) = v["UserId"].as_str() {
                    named.user_tags.push(tag.to_owned());
                }
            }
            Some("user") => {
                if let Some(user) = v["UserId"].as_str().and_then(|u| UserId::parse(u).ok()) {
                    named.users.push(user);
                }
            }
            _ => {}
        }
    }
    Ok(named)
}

/// The UserIds behind a hashed manifest's user tags, under the key it was written with:
/// first from the faces still there, then from the collection's users page by page until
/// every tag is matched. A tag matched by neither names a user already deleted, which is
/// what the erasure wanted.
async fn users_of_tags(
    backend: &impl Rekognition,
    collection: &CollectionId,
    named: &Named,
    present: &[crate::aws::api::Face],
) -> Result<Vec<UserId>, String> {
    if named.user_tags.is_empty() {
        return Ok(Vec::new());
    }
    let Some(path) = key::path_of_manifest(&named.manifest) else {
        return Err(format!(
            "no key beside the manifest {}",
            named.manifest.display()
        ));
    };
    let Some(key) = NameKey::load(&path)? else {
        return Err(format!(
            "the manifest keeps UserIds as HMAC-SHA256 and their key {} is gone",
            path.display()
        ));
    };
    let mut wanted: std::collections::BTreeSet<&str> =
        named.user_tags.iter().map(String::as_str).collect();
    let mut found = Vec::new();
    let mut take = |user: &UserId, wanted: &mut std::collections::BTreeSet<&str>| {
        if wanted.remove(key.tag(user.as_str()).as_str()) {
            found.push(user.clone());
        }
    };
    for user in present.iter().filter_map(|f| f.user_id.as_ref()) {
        take(user, &mut wanted);
    }
    let mut token = None;
    while !wanted.is_empty() {
        let page = backend
            .list_users_page(collection, token.take(), MAX_USER_PAGE)
            .await
            .result
            .map_err(|e| format!("ListUsers {collection}: {e}"))?;
        for user in &page.users {
            take(&user.user_id, &mut wanted);
        }
        match page.next_token {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    Ok(found)
}
