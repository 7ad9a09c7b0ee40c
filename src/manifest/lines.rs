//! The manifest's lines from the domain types: every field under its API name, absent ones
//! as null, so that a manifest reads like the service's own answers.

use serde_json::{Map, Value, json};

use crate::api::{BoundingBox, CollectionDetail, Face, Tags, User};

/// DescribeCollection's fields and the tags. `Tags` is null when the collection has no ARN
/// to read them from; the tags come sorted, so two exports of one collection read the same.
pub(super) fn collection(id: &str, detail: &CollectionDetail, tags: Tags) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("CollectionId".into(), json!(id));
    m.insert("CollectionARN".into(), json!(detail.arn));
    m.insert("FaceCount".into(), json!(detail.face_count));
    m.insert("UserCount".into(), json!(detail.user_count));
    m.insert("FaceModelVersion".into(), json!(detail.face_model_version));
    m.insert("CreationTimestamp".into(), json!(creation_secs(detail)));
    let tags = match detail.arn {
        Some(_) => Value::Object(tags.into_iter().map(|(k, v)| (k, json!(v))).collect()),
        None => Value::Null,
    };
    m.insert("Tags".into(), tags);
    m
}

/// Epoch seconds with the fraction, computed as the SDK's `DateTime::as_secs_f64` does, so
/// the number is the one the service sent.
fn creation_secs(detail: &CollectionDetail) -> Option<f64> {
    let secs = detail.created?;
    Some(secs as f64 + f64::from(detail.created_nanos) / 1_000_000_000_f64)
}

pub(super) fn user(u: &User) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("UserId".into(), json!(u.user_id));
    m.insert("UserStatus".into(), json!(u.status));
    m
}

pub(super) fn face(f: &Face) -> Map<String, Value> {
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
