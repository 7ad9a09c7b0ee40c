//! The manifest's lines from the domain types: every field under its API name, absent ones
//! as null, so that a manifest reads like the service's own answers.

use serde_json::{Map, Value, json};

use super::Target;
use crate::aws::api::{BoundingBox, CollectionDetail, Face, Tags, User};

/// The first line's fields: the collection as described, then where it is (account,
/// region, profile, endpoint), when the manifest was written and by which rekog.
pub(super) fn described(
    target: &Target,
    account: &str,
    detail: &CollectionDetail,
    tags: Tags,
    now_ms: i64,
) -> Map<String, Value> {
    let mut m = collection(&target.id, detail, tags);
    m.insert("account".into(), json!(account));
    m.insert("region".into(), json!(target.region));
    m.insert("profile".into(), json!(target.profile));
    m.insert("endpoint".into(), json!(target.endpoint));
    m.insert(
        "exported_at".into(),
        json!(crate::time::format_rfc3339(now_ms)),
    );
    m.insert("rekog_version".into(), json!(env!("CARGO_PKG_VERSION")));
    m
}

/// The last line: the counts of the lines before it, so a cut-off file is detectable.
pub(super) fn end(faces: u64, users: u64) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("faces".into(), json!(faces));
    m.insert("users".into(), json!(users));
    m
}

/// DescribeCollection's fields and the tags. `Tags` is null when the collection has no ARN
/// to read them from; the tags come sorted, so two exports of one collection read the same.
fn collection(id: &str, detail: &CollectionDetail, tags: Tags) -> Map<String, Value> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_face_line_has_every_field_under_its_api_name_and_null_for_the_absent() {
        let face = Face {
            face_id: "f1".into(),
            image_id: Some("i1".into()),
            external_image_id: Some("alice.jpg".into()),
            user_id: None,
            confidence: Some(99.123_45),
            bounding_box: Some(BoundingBox {
                width: Some(0.375),
                height: Some(0.25),
                left: Some(0.5),
                top: None,
            }),
            index_faces_model_version: Some("7.0".into()),
        };
        let text = serde_json::to_string(&super::face(&face)).unwrap();
        // Confidence is the SDK's f32 widened to f64, as manifests have always written it.
        assert_eq!(
            text,
            r#"{"BoundingBox":{"Height":0.25,"Left":0.5,"Top":null,"Width":0.375},"Confidence":99.12345123291016,"ExternalImageId":"alice.jpg","FaceId":"f1","ImageId":"i1","IndexFacesModelVersion":"7.0","UserId":null}"#
        );
    }

    #[test]
    fn the_collection_line_keeps_the_creation_fraction_and_sorts_tags() {
        let detail = CollectionDetail {
            face_count: Some(3),
            user_count: None,
            face_model_version: Some("7.0".into()),
            arn: Some("arn:aws:rekognition:us-east-1:1:collection/c".into()),
            created: Some(1_740_823_200),
            created_nanos: 500_000_000,
        };
        let tags = vec![("a".into(), "1".into()), ("b".into(), "2".into())];
        let text = serde_json::to_string(&collection("c", &detail, tags)).unwrap();
        assert_eq!(
            text,
            r#"{"CollectionARN":"arn:aws:rekognition:us-east-1:1:collection/c","CollectionId":"c","CreationTimestamp":1740823200.5,"FaceCount":3,"FaceModelVersion":"7.0","Tags":{"a":"1","b":"2"},"UserCount":null}"#
        );
        let no_arn = CollectionDetail {
            arn: None,
            created: None,
            ..detail
        };
        let value = Value::Object(collection("c", &no_arn, Tags::new()));
        assert_eq!(value["Tags"], Value::Null);
        assert_eq!(value["CreationTimestamp"], Value::Null);
    }
}
