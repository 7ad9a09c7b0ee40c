//! Two backends for the effects' tests: one that never answers (a call that reached it
//! would hang, not be refused) and one that says yes to everything and counts the calls.

use crate::audit::Licence;
use std::future::{Future, pending, ready};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::aws::api::*;
use crate::ids::{CollectionId, FaceId, UserId};

/// A backend that never answers: a call that reached it would hang, not be refused.
pub struct Silent;

fn never<T>() -> impl Future<Output = T> + Send {
    pending()
}

impl Rekognition for Silent {
    fn list_page(&self, _: Option<String>) -> impl Future<Output = Outcome<Page>> + Send {
        never()
    }
    fn describe(&self, _: &CollectionId) -> impl Future<Output = Outcome<CollectionDetail>> + Send {
        never()
    }
    fn delete(&self, _: &Licence, _: &CollectionId) -> impl Future<Output = Outcome<i32>> + Send {
        never()
    }
    fn list_faces_page(
        &self,
        _: &CollectionId,
        _: &FaceFilter,
        _: Option<String>,
        _: i32,
    ) -> impl Future<Output = Outcome<FacePage>> + Send {
        never()
    }
    fn list_users_page(
        &self,
        _: &CollectionId,
        _: Option<String>,
        _: i32,
    ) -> impl Future<Output = Outcome<UserPage>> + Send {
        never()
    }
    fn describe_with_tags(
        &self,
        _: &CollectionId,
    ) -> impl Future<Output = Outcome<Described>> + Send {
        never()
    }
    fn delete_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: Vec<String>,
    ) -> impl Future<Output = Outcome<FaceDeletion>> + Send {
        never()
    }
    fn create_collection(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: Tags,
    ) -> impl Future<Output = Outcome<Created>> + Send {
        never()
    }
    fn create_user(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
    ) -> impl Future<Output = Outcome<()>> + Send {
        never()
    }
    fn delete_user(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
    ) -> impl Future<Output = Outcome<()>> + Send {
        never()
    }
    fn associate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        _: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send {
        never()
    }
    fn disassociate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        _: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send {
        never()
    }
    fn search_faces(
        &self,
        _: &CollectionId,
        _: &FaceId,
        _: f32,
        _: i32,
    ) -> impl Future<Output = Outcome<Vec<FaceMatch>>> + Send {
        never()
    }
    fn search_faces_by_image(
        &self,
        _: &CollectionId,
        _: &[u8],
        _: f32,
        _: i32,
    ) -> impl Future<Output = Outcome<Vec<FaceMatch>>> + Send {
        never()
    }
    fn search_users(
        &self,
        _: &CollectionId,
        _: &UserId,
        _: f32,
        _: i32,
    ) -> impl Future<Output = Outcome<Vec<UserMatch>>> + Send {
        never()
    }
}

fn ok<T>(value: T) -> impl Future<Output = Outcome<T>> + Send
where
    T: Send,
{
    ready(Outcome {
        result: Ok(value),
        request_id: Some("req-1".into()),
        elapsed: std::time::Duration::from_millis(3),
    })
}

/// Answers every call with success, and counts the calls that change something.
#[derive(Debug, Default)]
pub struct Willing {
    pub changes: AtomicUsize,
}

impl Willing {
    fn changed(&self) {
        self.changes.fetch_add(1, Ordering::SeqCst);
    }
}

impl Rekognition for Willing {
    fn list_page(&self, _: Option<String>) -> impl Future<Output = Outcome<Page>> + Send {
        ok(Page::default())
    }
    fn describe(&self, _: &CollectionId) -> impl Future<Output = Outcome<CollectionDetail>> + Send {
        ok(CollectionDetail::default())
    }
    fn delete(&self, _: &Licence, _: &CollectionId) -> impl Future<Output = Outcome<i32>> + Send {
        self.changed();
        ok(200)
    }
    fn list_faces_page(
        &self,
        _: &CollectionId,
        _: &FaceFilter,
        _: Option<String>,
        _: i32,
    ) -> impl Future<Output = Outcome<FacePage>> + Send {
        ok(FacePage::default())
    }
    fn list_users_page(
        &self,
        _: &CollectionId,
        _: Option<String>,
        _: i32,
    ) -> impl Future<Output = Outcome<UserPage>> + Send {
        ok(UserPage::default())
    }
    fn describe_with_tags(
        &self,
        _: &CollectionId,
    ) -> impl Future<Output = Outcome<Described>> + Send {
        let detail = CollectionDetail {
            face_count: Some(0),
            user_count: Some(1),
            arn: Some("arn:aws:rekognition:us-east-1:123456789012:collection/b".into()),
            ..CollectionDetail::default()
        };
        ok(Described {
            detail,
            tags: Ok(Tags::new()),
        })
    }
    fn delete_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        ids: Vec<String>,
    ) -> impl Future<Output = Outcome<FaceDeletion>> + Send {
        self.changed();
        // As the service keeps a face that is a user's: `kept-` faces stay.
        let (kept, deleted): (Vec<String>, Vec<String>) =
            ids.into_iter().partition(|id| id.starts_with("kept-"));
        ok(FaceDeletion {
            deleted,
            unsuccessful: kept
                .into_iter()
                .map(|face_id| FaceRefusal {
                    face_id,
                    user_id: Some("alice".into()),
                    reasons: vec!["ASSOCIATED_TO_AN_EXISTING_USER".into()],
                })
                .collect(),
        })
    }
    fn create_collection(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: Tags,
    ) -> impl Future<Output = Outcome<Created>> + Send {
        self.changed();
        ok(Created {
            status: 200,
            ..Created::default()
        })
    }
    fn create_user(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
    ) -> impl Future<Output = Outcome<()>> + Send {
        self.changed();
        ok(())
    }
    fn delete_user(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
    ) -> impl Future<Output = Outcome<()>> + Send {
        self.changed();
        ok(())
    }
    fn associate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        ids: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send {
        self.changed();
        ok(Association {
            faces: ids,
            ..Association::default()
        })
    }
    fn disassociate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        ids: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send {
        self.changed();
        ok(Association {
            faces: ids,
            ..Association::default()
        })
    }
    fn search_faces(
        &self,
        _: &CollectionId,
        _: &FaceId,
        _: f32,
        _: i32,
    ) -> impl Future<Output = Outcome<Vec<FaceMatch>>> + Send {
        ok(Vec::new())
    }
    fn search_faces_by_image(
        &self,
        _: &CollectionId,
        _: &[u8],
        _: f32,
        _: i32,
    ) -> impl Future<Output = Outcome<Vec<FaceMatch>>> + Send {
        ok(Vec::new())
    }
    fn search_users(
        &self,
        _: &CollectionId,
        _: &UserId,
        _: f32,
        _: i32,
    ) -> impl Future<Output = Outcome<Vec<UserMatch>>> + Send {
        ok(Vec::new())
    }
}
