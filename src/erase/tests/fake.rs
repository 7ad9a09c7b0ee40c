//! A collection in memory that really applies DisassociateFaces, DeleteFaces and DeleteUser
//! the way the service does (a face on a user is not deleted), and notes every call: its
//! size, and whether the erasure's manifest and audit intent were on disk when it came.

use crate::audit::Licence;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use crate::aws::api::Op;
use crate::aws::api::{
    ApiError, Association, CollectionDetail, Created, Described, ErrorKind, Face, FaceDeletion,
    FaceFilter, FaceMatch, FacePage, FaceRefusal, Outcome, Page, Rekognition, Tags, User,
    UserMatch, UserPage,
};
use crate::ids::{CollectionId, FaceId, UserId};

pub const ID: &str = "lobby";

/// One call as the collection saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub op: Op,
    pub user: Option<String>,
    pub ids: usize,
    /// For a mutation: the manifest and the intent were on disk. Always true for reads.
    pub recorded: bool,
}

#[derive(Debug, Default)]
pub struct State {
    pub faces: Vec<Face>,
    pub users: BTreeSet<UserId>,
    pub calls: Vec<Seen>,
    /// The `n`th call (from 0) of this operation fails with this error.
    pub fail: Option<(Op, usize, ErrorKind)>,
    /// The audit trail and manifest directory that must hold the erasure's record before
    /// any mutation.
    pub watch: Option<(PathBuf, PathBuf)>,
}

#[derive(Debug, Default)]
pub struct Fake(pub Mutex<State>);

/// A FaceId made from `n`, in the service's form.
pub fn face_id(n: usize) -> String {
    format!("{n:08x}-0000-4000-8000-{n:012x}")
}

pub fn face(n: usize, external: &str, user: Option<&str>) -> Face {
    Face {
        face_id: face_id(n),
        image_id: Some(face_id(n + 1_000_000)),
        external_image_id: Some(external.to_owned()),
        user_id: user.map(|u| u.parse().unwrap()),
        confidence: Some(99.5),
        bounding_box: None,
        index_faces_model_version: Some("7.0".into()),
    }
}

impl Fake {
    pub fn new(faces: Vec<Face>) -> Fake {
        let users = faces.iter().filter_map(|f| f.user_id.clone()).collect();
        Fake(Mutex::new(State {
            faces,
            users,
            ..State::default()
        }))
    }

    pub fn state(&self) -> MutexGuard<'_, State> {
        self.0.lock().expect("the fake's lock")
    }

    /// Notes the call; returns the injected failure if this is the call that fails.
    fn enter(&self, op: Op, user: Option<&str>, ids: usize) -> Result<(), ApiError> {
        let mut s = self.state();
        let mutation = matches!(op, Op::DisassociateFaces | Op::DeleteFaces | Op::DeleteUser);
        let recorded = !mutation || s.watch.as_ref().is_none_or(|(t, d)| on_disk(t, d));
        let nth = s.calls.iter().filter(|c| c.op == op).count();
        s.calls.push(Seen {
            op,
            user: user.map(str::to_owned),
            ids,
            recorded,
        });
        match s.fail {
            Some((o, n, kind)) if o == op && n == nth => Err(ApiError {
                kind,
                code: Some("InjectedException".into()),
                message: format!("{} number {nth} fails", op.name()),
                status: Some(400),
            }),
            _ => Ok(()),
        }
    }
}

/// Whether `trail` holds an Erasure intent naming a manifest under `dir` that is on disk
/// with its digest.
fn on_disk(trail: &Path, dir: &Path) -> bool {
    let text = std::fs::read_to_string(trail).unwrap_or_default();
    text.lines().any(|line| {
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
        let manifest = v["manifest"].as_str().map(PathBuf::from);
        v["event"] == "intent"
            && v["operation"] == "Erasure"
            && manifest.is_some_and(|m| {
                m.starts_with(dir) && m.exists() && crate::manifest::digest_path(&m).exists()
            })
    })
}

fn answer<T>(result: Result<T, ApiError>) -> Outcome<T> {
    Outcome {
        result,
        request_id: Some("req-fake".into()),
        elapsed: Duration::from_millis(3),
    }
}

fn refusal(face_id: &str, user: Option<&str>, reason: &str) -> FaceRefusal {
    FaceRefusal {
        face_id: face_id.to_owned(),
        user_id: user.map(|u| u.parse().unwrap()),
        reasons: vec![reason.to_owned()],
    }
}

fn unused<T>() -> Outcome<T> {
    panic!("an erasure does not make this call")
}

impl Rekognition for Fake {
    async fn list_page(&self, _: Option<String>) -> Outcome<Page> {
        unused()
    }

    async fn describe(&self, _: &CollectionId) -> Outcome<CollectionDetail> {
        unused()
    }

    async fn delete(&self, _: &Licence, _: &CollectionId) -> Outcome<i32> {
        unused()
    }

    async fn list_faces_page(
        &self,
        _: &CollectionId,
        filter: &FaceFilter,
        token: Option<String>,
        max: i32,
    ) -> Outcome<FacePage> {
        let user = match filter {
            FaceFilter::User(u) => Some(u.as_str()),
            _ => None,
        };
        if let Err(e) = self.enter(Op::ListFaces, user, 0) {
            return answer(Err(e));
        }
        let s = self.state();
        let start: usize = token.map_or(0, |t| t.parse().expect("a token of the fake"));
        let wanted = |f: &&Face| match filter {
            FaceFilter::All => true,
            FaceFilter::User(u) => f.user_id.as_ref() == Some(u),
            FaceFilter::Ids(ids) => ids.iter().any(|i| *i == f.face_id),
        };
        let matching: Vec<&Face> = s.faces.iter().filter(wanted).collect();
        let end = (start + max as usize).min(matching.len());
        answer(Ok(FacePage {
            faces: matching[start..end].iter().map(|f| (*f).clone()).collect(),
            next_token: (end < matching.len()).then(|| end.to_string()),
        }))
    }

    async fn list_users_page(
        &self,
        _: &CollectionId,
        _: Option<String>,
        _: i32,
    ) -> Outcome<UserPage> {
        let s = self.state();
        let users = s.users.iter().map(|user_id| User {
            user_id: user_id.clone(),
            status: Some("ACTIVE".into()),
        });
        answer(Ok(UserPage {
            users: users.collect(),
            next_token: None,
        }))
    }

    async fn describe_with_tags(&self, id: &CollectionId) -> Outcome<Described> {
        if let Err(e) = self.enter(Op::DescribeCollection, None, 0) {
            return answer(Err(e));
        }
        let s = self.state();
        answer(Ok(Described {
            detail: CollectionDetail {
                face_count: Some(s.faces.len() as u64),
                user_count: Some(s.users.len() as u64),
                face_model_version: Some("7.0".into()),
                arn: Some(format!(
                    "arn:aws:rekognition:us-east-1:123456789012:collection/{id}"
                )),
                created: Some(1_700_000_000),
                created_nanos: 0,
            },
            tags: Ok(vec![("team".into(), "security".into())]),
        }))
    }

    async fn delete_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        face_ids: Vec<String>,
    ) -> Outcome<FaceDeletion> {
        if let Err(e) = self.enter(Op::DeleteFaces, None, face_ids.len()) {
            return answer(Err(e));
        }
        let mut s = self.state();
        let mut done = FaceDeletion::default();
        for id in face_ids {
            match s.faces.iter().position(|f| f.face_id == id) {
                None => done.unsuccessful.push(refusal(&id, None, "FACE_NOT_FOUND")),
                Some(i) => match s.faces[i].user_id.clone() {
                    Some(user) => done.unsuccessful.push(refusal(
                        &id,
                        Some(&user),
                        "ASSOCIATED_TO_AN_EXISTING_USER",
                    )),
                    None => {
                        s.faces.remove(i);
                        done.deleted.push(id);
                    }
                },
            }
        }
        answer(Ok(done))
    }

    async fn create_collection(&self, _: &Licence, _: &CollectionId, _: Tags) -> Outcome<Created> {
        unused()
    }

    async fn create_user(&self, _: &Licence, _: &CollectionId, _: &UserId) -> Outcome<()> {
        unused()
    }

    async fn delete_user(&self, _: &Licence, id: &CollectionId, user_id: &UserId) -> Outcome<()> {
        if let Err(e) = self.enter(Op::DeleteUser, Some(user_id), 0) {
            return answer(Err(e));
        }
        let mut s = self.state();
        if !s.users.remove(user_id) {
            return answer(Err(ApiError {
                kind: ErrorKind::NotFound,
                code: Some("ResourceNotFoundException".into()),
                message: format!("The user id: {user_id} does not exist in collection {id}"),
                status: Some(400),
            }));
        }
        // As the service does: the user's faces stay, taken off it.
        for f in s.faces.iter_mut() {
            if f.user_id.as_deref() == Some(user_id) {
                f.user_id = None;
            }
        }
        answer(Ok(()))
    }

    async fn associate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        _: Vec<String>,
    ) -> Outcome<Association> {
        unused()
    }

    async fn disassociate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> Outcome<Association> {
        if let Err(e) = self.enter(Op::DisassociateFaces, Some(user_id), face_ids.len()) {
            return answer(Err(e));
        }
        let mut s = self.state();
        let mut done = Association::default();
        for id in face_ids {
            match s.faces.iter_mut().find(|f| f.face_id == id) {
                None => done.unsuccessful.push(refusal(&id, None, "FACE_NOT_FOUND")),
                Some(f) if f.user_id.as_deref() == Some(user_id) => {
                    f.user_id = None;
                    done.faces.push(id);
                }
                Some(f) => {
                    let other = f.user_id.clone();
                    let reason = "ASSOCIATED_TO_A_DIFFERENT_USER";
                    done.unsuccessful
                        .push(refusal(&id, other.as_deref(), reason));
                }
            }
        }
        answer(Ok(done))
    }

    async fn search_faces(
        &self,
        _: &CollectionId,
        _: &FaceId,
        _: f32,
        _: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        unused()
    }

    async fn search_faces_by_image(
        &self,
        _: &CollectionId,
        _: &[u8],
        _: f32,
        _: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        unused()
    }

    async fn search_users(
        &self,
        _: &CollectionId,
        _: &UserId,
        _: f32,
        _: i32,
    ) -> Outcome<Vec<UserMatch>> {
        unused()
    }
}
