//! Running an erasure: the record first (manifest, audit intent), then the calls that
//! remove, then the outcome line.

use std::collections::HashSet;
use std::path::Path;

use super::plan::Plan;
use super::search::Search;
use super::tally::Tally;
use super::{Absence, Call, Erasure, Report, Stage, Step, Stopped, record};
use crate::audit::{Gate, Intent, Licence};
use crate::aws::api::Op;
use crate::aws::api::{
    ApiError, Described, ErrorKind, FaceFilter, FaceRefusal, Outcome, Rekognition,
};
use crate::ids::{CollectionId, FaceId, UserId};
use crate::manifest::key::{self, NameKey};
use crate::manifest::{Erasing, Names, digest_path};

/// Erases `erasure` from `backend`, writing its manifest under `dir` (stamped `now_ms`) and
/// passing `gate` with its intent (`intent`, made by [`super::base_intent`], completed with
/// what the erasure finds), whose licence its calls need; then the outcome. `step` hears of
/// each stage and call.
///
/// `Err` means nothing was changed: the collection could not be described, or the manifest
/// or the audit intent could not be written. Once the intent is on disk the result is the
/// [`Report`], also when a call stops the erasure. Dropping the future mid-way leaves an
/// intent with no outcome, which the TUI reports at its next start.
///
/// The audit writes block on fsync for a few milliseconds on this task's thread, as the
/// manifest writes do: `audit` is borrowed, so it cannot move to a blocking thread.
pub async fn erase<R: Rekognition>(
    backend: &R,
    gate: &Gate,
    erasure: &Erasure,
    intent: Intent,
    dir: &Path,
    now_ms: i64,
    mut step: impl FnMut(Step) + Send,
) -> Result<Report, String> {
    let id = &erasure.target.id;
    // Refused before anything is read or written, as it would be once the intent is made.
    gate.check(&intent).map_err(|refusal| refusal.to_string())?;
    let plan = Plan::new(erasure);
    // A resume whose first run got everything before it died still runs, with nothing to
    // call: its proof of absence and its outcome are what close the erasure.
    if plan.is_empty() && intent.resumes.is_none() {
        return Err(format!("nothing to erase in {id}: no faces and no users"));
    }
    step(Step::Stage {
        stage: Stage::Describe,
        calls: 1,
    });
    let described = backend.describe_with_tags(id).await;
    step(Step::Call(call(
        Op::DescribeCollection,
        None,
        0,
        0,
        &described,
    )));
    let nothing = |op: &str, e: ApiError| format!("{op} {id}: {e}; nothing was erased");
    let Described { detail, tags } = described
        .result
        .map_err(|e| nothing("DescribeCollection", e))?;
    let tags = tags.map_err(|e| nothing("ListTagsForResource", e))?;

    step(Step::Stage {
        stage: Stage::Manifest,
        calls: 0,
    });
    let key = match erasure.keep_names {
        true => None,
        false => Some(
            NameKey::load_or_create(&key::path_for(dir))
                .map_err(|e| format!("{e}; nothing was erased"))?,
        ),
    };
    let (names, search) = match &key {
        Some(key) => (Names::Hmac(key), hidden_search(erasure, key)),
        None => (Names::Clear, erasure.search.clone()),
    };
    let erasing = Erasing {
        search: &search,
        users: &plan.users,
        faces: &plan.faces,
        names,
        likeness: erasure.likeness.as_ref(),
    };
    let manifest = crate::manifest::erasure(&erasure.target, &detail, tags, &erasing, dir, now_ms)
        .map_err(|e| format!("{e}; nothing was erased"))?;
    step(Step::Manifest {
        path: manifest.path.clone(),
        sha256: manifest.sha256.clone(),
        faces: manifest.faces,
        users: manifest.users,
    });

    step(Step::Stage {
        stage: Stage::Intent,
        calls: 0,
    });
    let intent = record::complete(intent, &detail, &plan, &manifest);
    let licence = match gate.admit(&intent) {
        Ok(licence) => licence,
        Err(e) => {
            // Nothing refers to a manifest of an erasure that never began, and it lists
            // the very data the erasure is for: it goes.
            for path in [digest_path(&manifest.path), manifest.path.clone()] {
                if let Err(e) = std::fs::remove_file(&path) {
                    tracing::warn!("cannot remove {}: {e}", path.display());
                }
            }
            return Err(format!("{e}; nothing was erased without a record"));
        }
    };
    step(Step::Intent {
        id: licence.intent_id().to_owned(),
        trail: gate.trail().map(Path::to_path_buf).unwrap_or_default(),
    });

    let mut run = Run {
        backend,
        gate,
        licence: &licence,
        id,
        step: &mut step,
        tally: Tally::new(manifest.path, manifest.sha256),
    };
    let stopped = run.changes(&plan).await.err();
    let mut report = run.tally.settle(&plan, stopped);
    // Stopped by a signal: the outcome is written at once, without looking again.
    if !report.interrupted() {
        report.absence = Some(look_again(backend, erasure, &plan, &mut step).await);
    }
    step(Step::Stage {
        stage: Stage::Outcome,
        calls: 0,
    });
    let recorded = gate
        .close(licence, &record::outcome(&report))
        .map_err(|e| e.to_string());
    report.unrecorded = recorded.clone().err();
    step(Step::Recorded(recorded));
    Ok(report)
}

/// How the faces were found, without the names the manifest keeps no clear text of: the
/// user or pattern searched for as its HMAC, or, for a description that names them in a
/// way not known here, a placeholder.
pub(super) fn hidden_search(erasure: &Erasure, key: &NameKey) -> String {
    let named = erasure
        .recheck
        .clone()
        .or_else(|| erasure.users.first().cloned().map(Search::User));
    let values: Vec<String> = named
        .iter()
        .filter_map(Search::named)
        .chain(erasure.users.iter().map(|u| u.as_str().to_owned()))
        .collect();
    let (shown, rest) = match named
        .as_ref()
        .and_then(|s| Some((s, erasure.search.strip_prefix(&s.describe())?)))
    {
        Some((search, rest)) => (search.describe_with(|v| key.tag(v)), rest),
        None => (String::new(), erasure.search.as_str()),
    };
    if values.iter().any(|v| rest.contains(v.as_str())) {
        return "withheld: it names what this manifest keeps as HMAC-SHA256".to_owned();
    }
    format!("{shown}{rest}")
}

/// The proof of absence: the erased FaceIds, each named user's faces and, when the faces
/// were found by a scan, the scan, run again. A failed call leaves it unproven (`Err`),
/// never proven.
async fn look_again<R: Rekognition>(
    backend: &R,
    erasure: &Erasure,
    plan: &Plan,
    step: &mut (impl FnMut(Step) + Send),
) -> Result<Absence, String> {
    let id = &erasure.target.id;
    let mut searches = Vec::new();
    let ids: Vec<FaceId> = plan
        .faces
        .iter()
        .filter_map(|f| FaceId::parse(&f.face_id.to_ascii_lowercase()).ok())
        .collect();
    if !ids.is_empty() {
        searches.push(Search::FaceIds(ids));
    }
    searches.extend(plan.users.iter().cloned().map(Search::User));
    // A scan is run again; so are FaceIds beyond the erased ones (a resumed erasure's).
    if let Some(again) = erasure.recheck.as_ref() {
        let more = match again {
            Search::FaceIds(ids) => ids.len() > plan.faces.len(),
            Search::ExternalImageId(_) => true,
            // The photo is searched with again below; a FaceId searched with is erased,
            // and the lookup of the erased FaceIds stands for it.
            Search::User(_) | Search::Like { .. } | Search::Photo { .. } => false,
        };
        if more {
            searches.push(again.clone());
        }
    }
    // A photo is searched with again; a FaceId searched with (`--like`) is erased with
    // the rest, so SearchFaces cannot run again and the lookup of the FaceIds stands for it.
    let photo = erasure.photo.as_ref().zip(erasure.likeness.as_ref());
    step(Step::Stage {
        stage: Stage::Recheck,
        calls: searches.len() + usize::from(photo.is_some()),
    });
    let started = std::time::Instant::now();
    let mut absence = recheck(backend, id, &searches).await;
    if let (Ok(found), Some((photo, like))) = (&mut absence, photo) {
        let again = crate::erase::search::like_photo(backend, id, &photo.0, like.threshold).await;
        match again {
            Ok(matches) => {
                found.looked.push(erasure.search.clone());
                for (face, _) in matches {
                    if !found
                        .remaining
                        .iter()
                        .any(|r| r.eq_ignore_ascii_case(&face.face_id))
                    {
                        found.remaining.push(face.face_id);
                    }
                }
            }
            Err(e) => absence = Err(format!("SearchFacesByImage: {e}")),
        }
    }
    step(Step::Rechecked {
        absence: absence.clone(),
        elapsed: started.elapsed(),
    });
    absence
}

async fn recheck<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    searches: &[Search],
) -> Result<Absence, String> {
    let mut absence = Absence::default();
    let mut seen = HashSet::new();
    for search in searches {
        let found = crate::erase::search::find(backend, id, search, None, |_| {})
            .await
            .map_err(|e| format!("{} ({}): {e}", search.op(), search.describe()))?;
        absence.looked.push(search.describe());
        for face in found.faces {
            if seen.insert(face.face_id.to_ascii_lowercase()) {
                absence.remaining.push(face.face_id);
            }
        }
    }
    Ok(absence)
}

/// The calls of one erasure, and what they did so far.
struct Run<'a, R, S> {
    backend: &'a R,
    gate: &'a Gate,
    licence: &'a Licence,
    id: &'a CollectionId,
    step: &'a mut S,
    tally: Tally,
}

impl<R: Rekognition, S: FnMut(Step) + Send> Run<'_, R, S> {
    async fn changes(&mut self, plan: &Plan) -> Result<(), Stopped> {
        let (backend, licence, id) = (self.backend, self.licence, self.id);
        self.stage(Stage::Disassociate, plan.disassociate.len());
        for (user, ids) in &plan.disassociate {
            self.go_on(Op::DisassociateFaces)?;
            let out = backend
                .disassociate_faces(licence, id, user, ids.clone())
                .await;
            let (done, refused) = out
                .result
                .as_ref()
                .map_or((0, Vec::new()), |a| (a.faces.len(), a.unsuccessful.clone()));
            let shown = call(Op::DisassociateFaces, Some(user), ids.len(), done, &out);
            self.tell(shown, &refused);
            stop_on(Op::DisassociateFaces, &out)?;
            refused.into_iter().for_each(|r| self.tally.refuse(r));
        }

        self.stage(Stage::DeleteFaces, plan.delete.len());
        for ids in &plan.delete {
            self.go_on(Op::DeleteFaces)?;
            let out = backend.delete_faces(licence, id, ids.clone()).await;
            let (deleted, refused) = match &out.result {
                Ok(d) => (d.deleted.clone(), d.unsuccessful.clone()),
                Err(_) => (Vec::new(), Vec::new()),
            };
            let shown = call(Op::DeleteFaces, None, ids.len(), deleted.len(), &out);
            self.tell(shown, &refused);
            stop_on(Op::DeleteFaces, &out)?;
            refused.into_iter().for_each(|r| self.tally.refuse(r));
            self.tally.deleted(ids, deleted);
        }

        self.stage(Stage::DeleteUsers, plan.users.len() * 2);
        for user in &plan.users {
            self.go_on(Op::ListFaces)?;
            self.delete_user(user).await?;
        }
        Ok(())
    }

    /// Stops before the call `op` when a signal asked rekog to stop: the call in flight
    /// has ended, and none starts after it.
    fn go_on(&self, op: Op) -> Result<(), Stopped> {
        if self.gate.stopping() {
            return Err(stopped(op, interrupted(), None));
        }
        Ok(())
    }

    /// Deletes `user` if no face is left on it: one left is a face this erasure does not
    /// name (its own are disassociated by now), and DeleteUser would only take it off.
    async fn delete_user(&mut self, user: &UserId) -> Result<(), Stopped> {
        let (backend, licence, id) = (self.backend, self.licence, self.id);
        let filter = FaceFilter::User(user.clone());
        let out = backend.list_faces_page(id, &filter, None, 1).await;
        let found = out.result.as_ref().map_or(0, |p| p.faces.len());
        self.tell(call(Op::ListFaces, Some(user), 0, found, &out), &[]);
        match out.result {
            Ok(page) => {
                if let Some(face) = page.faces.into_iter().next() {
                    (self.step)(Step::UserKept {
                        user_id: user.to_string(),
                        face_id: face.face_id.clone(),
                    });
                    let message = format!(
                        "user {user} still has faces this erasure does not name (one is {}); \
                         it is kept",
                        face.face_id
                    );
                    self.tally.user_kept(user, kept(message));
                    return Ok(());
                }
            }
            Err(e) if e.kind == ErrorKind::NotFound => {
                self.tally.user_kept(user, e);
                return Ok(());
            }
            Err(error) => return Err(stopped(Op::ListFaces, error, out.request_id)),
        }
        let out = backend.delete_user(licence, id, user).await;
        let done = usize::from(out.result.is_ok());
        self.tell(call(Op::DeleteUser, Some(user), 0, done, &out), &[]);
        match out.result {
            Ok(()) => self.tally.user_erased(user),
            // Already gone, or never there: reported, and the erasure goes on.
            Err(e) if e.kind == ErrorKind::NotFound => self.tally.user_kept(user, e),
            Err(error) => return Err(stopped(Op::DeleteUser, error, out.request_id)),
        }
        Ok(())
    }

    fn stage(&mut self, stage: Stage, calls: usize) {
        (self.step)(Step::Stage { stage, calls });
    }

    fn tell(&mut self, mut shown: Call, refused: &[FaceRefusal]) {
        shown.refused = refused.to_vec();
        (self.step)(Step::Call(shown));
    }
}

fn call<T>(op: Op, user: Option<&str>, sent: usize, done: usize, out: &Outcome<T>) -> Call {
    Call {
        op,
        user_id: user.map(str::to_owned),
        sent,
        done,
        refused: Vec::new(),
        request_id: out.request_id.clone(),
        elapsed: out.elapsed,
        error: out.result.as_ref().err().cloned(),
    }
}

fn stop_on<T>(op: Op, out: &Outcome<T>) -> Result<(), Stopped> {
    match &out.result {
        Ok(_) => Ok(()),
        Err(e) => Err(stopped(op, e.clone(), out.request_id.clone())),
    }
}

fn stopped(op: Op, error: ApiError, request_id: Option<String>) -> Stopped {
    Stopped {
        op,
        error,
        request_id,
    }
}

/// The error an erasure stopped by a signal reports for the call it did not make.
pub(super) fn interrupted() -> ApiError {
    ApiError {
        kind: ErrorKind::Refused,
        code: Some(INTERRUPTED.into()),
        message: "rekog was asked to stop (a signal) before this call".into(),
        status: None,
    }
}

pub(super) const INTERRUPTED: &str = "Interrupted";

/// Why a named user is kept although no call failed.
fn kept(message: String) -> ApiError {
    ApiError {
        kind: ErrorKind::Refused,
        code: Some("UserHasOtherFaces".into()),
        message,
        status: None,
    }
}
