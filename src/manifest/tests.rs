use crate::audit::Licence;
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::*;
use crate::aws::api::{
    ApiError, Association, CollectionDetail, Created, Described, ErrorKind, Face, FaceDeletion,
    FaceFilter, FaceMatch, FacePage, MAX_FACE_PAGE, MAX_USER_PAGE, Outcome, Page, Rekognition,
    Tags, User, UserMatch, UserPage,
};
use crate::ids::{CollectionId, FaceId, UserId};

/// A collection of `faces` faces in pages of 100; with `stall`, the second faces page
/// never comes.
struct Fake {
    faces: u64,
    stall: bool,
}

fn ok<T>(result: T) -> Outcome<T> {
    Outcome {
        result: Ok(result),
        request_id: None,
        elapsed: Duration::ZERO,
    }
}

/// What the export must never call.
fn unused<T>() -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind: ErrorKind::Other,
            code: None,
            message: "not for an export".into(),
            status: None,
        }),
        request_id: None,
        elapsed: Duration::ZERO,
    }
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
        _: &FaceFilter,
        token: Option<String>,
        max: i32,
    ) -> Outcome<FacePage> {
        assert_eq!(max, MAX_FACE_PAGE, "an export asks for the largest pages");
        let start: u64 = token.as_deref().map_or(0, |t| t.parse().unwrap());
        if start > 0 && self.stall {
            std::future::pending::<()>().await;
        }
        let end = (start + 100).min(self.faces);
        let faces = (start..end)
            .map(|i| Face {
                face_id: format!("f{i}"),
                image_id: None,
                external_image_id: None,
                user_id: None,
                confidence: None,
                bounding_box: None,
                index_faces_model_version: None,
            })
            .collect();
        ok(FacePage {
            faces,
            next_token: (end < self.faces).then(|| end.to_string()),
        })
    }

    async fn list_users_page(
        &self,
        _: &CollectionId,
        _: Option<String>,
        max: i32,
    ) -> Outcome<UserPage> {
        assert_eq!(max, MAX_USER_PAGE, "an export asks for the largest pages");
        ok(UserPage {
            users: vec![User {
                user_id: "u1".parse().unwrap(),
                status: Some("ACTIVE".into()),
            }],
            next_token: None,
        })
    }

    async fn describe_with_tags(&self, id: &CollectionId) -> Outcome<Described> {
        ok(Described {
            detail: CollectionDetail {
                face_count: Some(self.faces),
                arn: Some(format!(
                    "arn:aws:rekognition:eu-west-1:210987654321:collection/{id}"
                )),
                ..CollectionDetail::default()
            },
            tags: Ok(vec![("team".into(), "ops".into())]),
        })
    }

    async fn delete_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: Vec<String>,
    ) -> Outcome<FaceDeletion> {
        unused()
    }

    async fn create_collection(&self, _: &Licence, _: &CollectionId, _: Tags) -> Outcome<Created> {
        unused()
    }

    async fn create_user(&self, _: &Licence, _: &CollectionId, _: &UserId) -> Outcome<()> {
        unused()
    }

    async fn delete_user(&self, _: &Licence, _: &CollectionId, _: &UserId) -> Outcome<()> {
        unused()
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
        _: &UserId,
        _: Vec<String>,
    ) -> Outcome<Association> {
        unused()
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

fn target() -> Target {
    Target {
        id: "lobby".parse().unwrap(),
        account: None,
        region: "eu-west-1".into(),
        profile: Some("ops".into()),
        endpoint: None,
    }
}

const NOW: i64 = 1_714_566_896_789;

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[tokio::test]
async fn export_writes_every_line_then_the_end_and_its_digest() {
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    let fake = Fake {
        faces: 250,
        stall: false,
    };
    let done = export(&fake, &target(), dir.path(), NOW, |p| seen.push(p.faces))
        .await
        .unwrap();
    assert_eq!(
        done.path,
        dir.path()
            .join("210987654321/eu-west-1/lobby-20240501T123456Z.jsonl")
    );
    assert_eq!(
        (done.faces, done.users, done.described_faces),
        (250, 1, Some(250))
    );
    assert_eq!(seen, [0, 100, 200, 250]);

    let text = std::fs::read_to_string(&done.path).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1 + 1 + 250 + 1);
    assert_eq!(lines[0]["kind"], "collection");
    assert_eq!(lines[0]["FaceCount"], 250);
    assert_eq!(lines[0]["Tags"]["team"], "ops");
    assert_eq!(lines[0]["account"], "210987654321");
    assert_eq!(lines[0]["profile"], "ops");
    assert_eq!(lines[0]["exported_at"], "2024-05-01T12:34:56.789Z");
    assert_eq!(lines[0]["rekog_version"], env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(r#"{"kind":"collection","#));
    assert!(text.ends_with("{\"kind\":\"end\",\"faces\":250,\"users\":1}\n"));
    assert_eq!(
        lines[1],
        json!({"kind": "user", "UserId": "u1", "UserStatus": "ACTIVE"})
    );
    assert_eq!(
        lines[2],
        json!({"kind": "face", "FaceId": "f0", "ImageId": null, "ExternalImageId": null,
               "UserId": null, "BoundingBox": null, "Confidence": null,
               "IndexFacesModelVersion": null})
    );
    assert_eq!(lines[252], json!({"kind": "end", "faces": 250, "users": 1}));

    let sha: String = Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(done.sha256, sha);
    let digest = std::fs::read_to_string(digest_path(&done.path)).unwrap();
    assert_eq!(digest, format!("{sha}  lobby-20240501T123456Z.jsonl\n"));
    assert_eq!(
        check(&done.path),
        Ok(Summary {
            faces: 250,
            users: 1
        })
    );
}

#[tokio::test]
async fn a_cancelled_export_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let fake = Fake {
        faces: 1000,
        stall: true,
    };
    let mut progress = Vec::new();
    let target = target();
    let run = export(&fake, &target, dir.path(), NOW, |p| progress.push(p.faces));
    let result = tokio::time::timeout(Duration::from_millis(200), run).await;
    assert!(result.is_err(), "the export stalls on its second page");
    assert_eq!(progress, [0, 100], "it was cancelled mid-way");
    assert_eq!(files(dir.path()), Vec::<std::path::PathBuf>::new());
}

#[tokio::test]
async fn a_truncated_manifest_is_detected_by_its_missing_end_line() {
    let dir = tempfile::tempdir().unwrap();
    let fake = Fake {
        faces: 120,
        stall: false,
    };
    let done = export(&fake, &target(), dir.path(), NOW, |_| {})
        .await
        .unwrap();
    let text = std::fs::read_to_string(&done.path).unwrap();
    let cut = text.trim_end().rfind('\n').unwrap() + 1;
    std::fs::write(&done.path, &text[..cut]).unwrap();
    let err = check(&done.path).unwrap_err();
    assert!(err.contains("no end line"), "{err}");
    assert!(err.contains("120 faces"), "{err}");

    // An end line that disagrees with the lines is caught too.
    let lied = text.replace(
        r#"{"kind":"end","faces":120,"#,
        r#"{"kind":"end","faces":121,"#,
    );
    std::fs::write(&done.path, lied).unwrap();
    assert!(check(&done.path).unwrap_err().contains("says 121 faces"));
}

#[test]
fn paths_keep_to_safe_characters() {
    let p = path_for(Path::new("/m"), "../x", "eu/west", "c.1", NOW);
    assert_eq!(p, Path::new("/m/___x/eu_west/c.1-20240501T123456Z.jsonl"));
}

#[tokio::test]
async fn a_manifest_its_digest_and_new_directories_are_the_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let manifests = dir.path().join("rekog/manifests");
    let fake = Fake {
        faces: 3,
        stall: false,
    };
    let done = export(&fake, &target(), &manifests, NOW, |_| {})
        .await
        .unwrap();
    assert_eq!(mode(&done.path), 0o600);
    assert_eq!(mode(&digest_path(&done.path)), 0o600);
    for sub in ["rekog", "rekog/manifests", "rekog/manifests/210987654321"] {
        assert_eq!(mode(&dir.path().join(sub)), 0o700, "{sub}");
    }
    assert_eq!(
        mode(&manifests.join("210987654321/eu-west-1")),
        0o700,
        "ACCOUNT/REGION"
    );
}
