//! [`Source`] on the SDK backend: every field under its API name, as the service sent it.

use aws_sdk_rekognition::types::{BoundingBox, Face, User};
use serde_json::{Map, Value, json};

use super::{Fut, JsonPage, Source};
use crate::sdk::{SdkBackend, map_error};

/// The largest pages the service allows, to keep the number of calls down.
const FACES_PER_PAGE: i32 = 4096;
const USERS_PER_PAGE: i32 = 500;

impl Source for SdkBackend {
    fn collection<'a>(&'a self, id: &'a str) -> Fut<'a, Map<String, Value>> {
        Box::pin(async move {
            let out = self
                .client()
                .describe_collection()
                .collection_id(id)
                .send()
                .await
                .map_err(|e| map_error(&e))?;
            let mut m = Map::new();
            m.insert("CollectionId".into(), json!(id));
            m.insert("CollectionARN".into(), json!(out.collection_arn));
            m.insert("FaceCount".into(), json!(out.face_count));
            m.insert("UserCount".into(), json!(out.user_count));
            m.insert("FaceModelVersion".into(), json!(out.face_model_version));
            let created = out.creation_timestamp.map(|t| t.as_secs_f64());
            m.insert("CreationTimestamp".into(), json!(created));
            let tags = match &out.collection_arn {
                Some(arn) => {
                    let tags = self
                        .client()
                        .list_tags_for_resource()
                        .resource_arn(arn)
                        .send()
                        .await
                        .map_err(|e| map_error(&e))?;
                    // Sorted, so two exports of the same collection read the same.
                    let sorted: std::collections::BTreeMap<_, _> =
                        tags.tags.unwrap_or_default().into_iter().collect();
                    json!(sorted)
                }
                None => Value::Null,
            };
            m.insert("Tags".into(), tags);
            Ok(m)
        })
    }

    fn users<'a>(&'a self, id: &'a str, token: Option<String>) -> Fut<'a, JsonPage> {
        Box::pin(async move {
            let out = self
                .client()
                .list_users()
                .collection_id(id)
                .max_results(USERS_PER_PAGE)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| map_error(&e))?;
            let users = out.users.unwrap_or_default().iter().map(user).collect();
            Ok((users, out.next_token))
        })
    }

    fn faces<'a>(&'a self, id: &'a str, token: Option<String>) -> Fut<'a, JsonPage> {
        Box::pin(async move {
            let out = self
                .client()
                .list_faces()
                .collection_id(id)
                .max_results(FACES_PER_PAGE)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| map_error(&e))?;
            let faces = out.faces.unwrap_or_default().iter().map(face).collect();
            Ok((faces, out.next_token))
        })
    }
}

fn user(u: &User) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("UserId".into(), json!(u.user_id));
    m.insert(
        "UserStatus".into(),
        json!(u.user_status.as_ref().map(|s| s.as_str())),
    );
    m
}

/// Every field of a Face, under its API name; absent ones as null.
pub fn face(f: &Face) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("FaceId".into(), json!(f.face_id));
    m.insert("ImageId".into(), json!(f.image_id));
    m.insert("ExternalImageId".into(), json!(f.external_image_id));
    m.insert("UserId".into(), json!(f.user_id));
    m.insert(
        "BoundingBox".into(),
        f.bounding_box.as_ref().map_or(Value::Null, bounding_box),
    );
    m.insert("Confidence".into(), json!(f.confidence));
    m.insert(
        "IndexFacesModelVersion".into(),
        json!(f.index_faces_model_version),
    );
    m
}

fn bounding_box(b: &BoundingBox) -> Value {
    json!({"Width": b.width, "Height": b.height, "Left": b.left, "Top": b.top})
}
