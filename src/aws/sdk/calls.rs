//! Each operation rekog makes, as an SDK call whose output becomes domain types.

use std::collections::HashMap;
use std::str::FromStr;

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::types;

use super::timed;
use crate::aws::api::{
    Association, BoundingBox, COLLECTION_PAGE, Collection, CollectionDetail, Created, Described,
    Face, FaceDeletion, FaceFilter, FaceMatch, FacePage, FaceRefusal, Outcome, Page, Tags, User,
    UserMatch, UserPage,
};
use crate::ids::{CollectionId, FaceId, IdError, UserId};

pub(super) async fn list_collections(client: &Client, token: Option<String>) -> Outcome<Page> {
    let call = client
        .list_collections()
        .max_results(COLLECTION_PAGE)
        .set_next_token(token)
        .send();
    timed(call, |out| Page {
        collections: collections(
            out.collection_ids.unwrap_or_default(),
            out.face_model_versions.unwrap_or_default(),
        ),
        next_token: out.next_token,
    })
    .await
}

/// An ID as the service listed it, typed; one that breaks its rule is left out with a
/// warning. The service checks the same rules when an ID is made, so this should never
/// happen; if it does, rekog could not name the item back to the service safely.
fn listed<T: FromStr<Err = IdError>>(what: &str, text: &str) -> Option<T> {
    match text.parse() {
        Ok(id) => Some(id),
        Err(why) => {
            tracing::warn!("left out {what} {text:?} that the service listed: {why}");
            None
        }
    }
}

/// ListCollections' ids with their model versions: the two lists run in step.
fn collections(ids: Vec<String>, models: Vec<String>) -> Vec<Collection> {
    ids.iter()
        .enumerate()
        .filter_map(|(i, id)| {
            Some(Collection {
                id: listed::<CollectionId>("collection", id)?,
                face_model_version: models.get(i).cloned(),
            })
        })
        .collect()
}

/// A face of ListFaces; none without its FaceId, or with a UserId that breaks the rule.
fn face(f: types::Face) -> Option<Face> {
    let face_id = f.face_id?;
    let user_id = match f.user_id {
        Some(user) => Some(listed::<UserId>(&format!("face {face_id} of user"), &user)?),
        None => None,
    };
    Some(Face {
        face_id,
        image_id: f.image_id,
        external_image_id: f.external_image_id,
        user_id,
        confidence: f.confidence,
        bounding_box: f.bounding_box.map(|b| BoundingBox {
            width: b.width,
            height: b.height,
            left: b.left,
            top: b.top,
        }),
        index_faces_model_version: f.index_faces_model_version,
    })
}

/// A user of ListUsers; none without its UserId, or with one that breaks the rule.
fn user(u: types::User) -> Option<User> {
    Some(User {
        user_id: listed::<UserId>("user", &u.user_id?)?,
        status: u.user_status.map(|s| s.as_str().to_owned()),
    })
}

pub(super) async fn describe(client: &Client, id: &str) -> Outcome<CollectionDetail> {
    let call = client.describe_collection().collection_id(id).send();
    timed(call, |out| CollectionDetail {
        face_count: out.face_count.and_then(|n| u64::try_from(n).ok()),
        user_count: out.user_count.and_then(|n| u64::try_from(n).ok()),
        face_model_version: out.face_model_version,
        arn: out.collection_arn,
        created: out.creation_timestamp.map(|t| t.secs()),
        created_nanos: out.creation_timestamp.map_or(0, |t| t.subsec_nanos()),
    })
    .await
}

pub(super) async fn delete_collection(client: &Client, id: &str) -> Outcome<i32> {
    let call = client.delete_collection().collection_id(id).send();
    timed(call, |out| out.status_code.unwrap_or(200)).await
}

pub(super) async fn list_faces(
    client: &Client,
    id: &str,
    filter: &FaceFilter,
    token: Option<String>,
    max: i32,
) -> Outcome<FacePage> {
    let call = client
        .list_faces()
        .collection_id(id)
        .max_results(max)
        .set_next_token(token);
    let call = match filter {
        FaceFilter::All => call,
        FaceFilter::User(user) => call.user_id(user.as_str()),
        FaceFilter::Ids(ids) => {
            call.set_face_ids(Some(ids.iter().map(|i| i.to_string()).collect()))
        }
    }
    .send();
    timed(call, |out| FacePage {
        faces: out
            .faces
            .unwrap_or_default()
            .into_iter()
            .filter_map(face)
            .collect(),
        next_token: out.next_token,
    })
    .await
}

pub(super) async fn list_users(
    client: &Client,
    id: &str,
    token: Option<String>,
    max: i32,
) -> Outcome<UserPage> {
    let call = client
        .list_users()
        .collection_id(id)
        .max_results(max)
        .set_next_token(token)
        .send();
    timed(call, |out| UserPage {
        users: out
            .users
            .unwrap_or_default()
            .into_iter()
            .filter_map(user)
            .collect(),
        next_token: out.next_token,
    })
    .await
}

/// DescribeCollection, then the tags of the ARN it names. A failed tag read is kept in the
/// result rather than failing the whole: the describe is what the view needs most.
pub(super) async fn describe_with_tags(client: &Client, id: &str) -> Outcome<Described> {
    let described = describe(client, id).await;
    let detail = match described.result {
        Ok(detail) => detail,
        Err(err) => {
            return Outcome {
                result: Err(err),
                request_id: described.request_id,
                elapsed: described.elapsed,
            };
        }
    };
    let Some(arn) = detail.arn.clone() else {
        return Outcome {
            result: Ok(Described {
                detail,
                tags: Ok(Tags::new()),
            }),
            request_id: described.request_id,
            elapsed: described.elapsed,
        };
    };
    let call = client.list_tags_for_resource().resource_arn(arn).send();
    let tags = timed(call, |out| sorted(out.tags.unwrap_or_default())).await;
    Outcome {
        result: Ok(Described {
            detail,
            tags: tags.result,
        }),
        request_id: described.request_id,
        elapsed: described.elapsed + tags.elapsed,
    }
}

pub(super) async fn delete_faces(
    client: &Client,
    id: &str,
    face_ids: Vec<String>,
) -> Outcome<FaceDeletion> {
    let call = client
        .delete_faces()
        .collection_id(id)
        .set_face_ids(Some(face_ids))
        .send();
    timed(call, |out| FaceDeletion {
        unsuccessful: out
            .unsuccessful_face_deletions()
            .iter()
            .map(|u| {
                refusal(
                    u.face_id(),
                    u.user_id(),
                    u.reasons().iter().map(|r| r.as_str()),
                )
            })
            .collect(),
        deleted: out.deleted_faces.unwrap_or_default(),
    })
    .await
}

pub(super) async fn create_collection(client: &Client, id: &str, tags: Tags) -> Outcome<Created> {
    let tags: HashMap<String, String> = tags.into_iter().collect();
    let call = client
        .create_collection()
        .collection_id(id)
        .set_tags((!tags.is_empty()).then_some(tags))
        .send();
    timed(call, |out| Created {
        status: out.status_code.unwrap_or(200),
        arn: out.collection_arn,
        face_model_version: out.face_model_version,
    })
    .await
}

pub(super) async fn create_user(client: &Client, id: &str, user_id: &str) -> Outcome<()> {
    // The SDK fills ClientRequestToken, so its own retries cannot create the user twice.
    let call = client
        .create_user()
        .collection_id(id)
        .user_id(user_id)
        .send();
    timed(call, |_| ()).await
}

pub(super) async fn delete_user(client: &Client, id: &str, user_id: &str) -> Outcome<()> {
    let call = client
        .delete_user()
        .collection_id(id)
        .user_id(user_id)
        .send();
    timed(call, |_| ()).await
}

pub(super) async fn associate_faces(
    client: &Client,
    id: &str,
    user_id: &str,
    face_ids: Vec<String>,
) -> Outcome<Association> {
    let call = client
        .associate_faces()
        .collection_id(id)
        .user_id(user_id)
        .set_face_ids(Some(face_ids))
        .send();
    timed(call, |out| Association {
        faces: out
            .associated_faces()
            .iter()
            .filter_map(|f| f.face_id().map(str::to_owned))
            .collect(),
        unsuccessful: out
            .unsuccessful_face_associations()
            .iter()
            .map(|u| {
                refusal(
                    u.face_id(),
                    u.user_id(),
                    u.reasons().iter().map(|r| r.as_str()),
                )
            })
            .collect(),
        user_status: out.user_status().map(|s| s.as_str().to_owned()),
    })
    .await
}

pub(super) async fn disassociate_faces(
    client: &Client,
    id: &str,
    user_id: &str,
    face_ids: Vec<String>,
) -> Outcome<Association> {
    let call = client
        .disassociate_faces()
        .collection_id(id)
        .user_id(user_id)
        .set_face_ids(Some(face_ids))
        .send();
    timed(call, |out| Association {
        faces: out
            .disassociated_faces()
            .iter()
            .filter_map(|f| f.face_id().map(str::to_owned))
            .collect(),
        unsuccessful: out
            .unsuccessful_face_disassociations()
            .iter()
            .map(|u| {
                refusal(
                    u.face_id(),
                    u.user_id(),
                    u.reasons().iter().map(|r| r.as_str()),
                )
            })
            .collect(),
        user_status: out.user_status().map(|s| s.as_str().to_owned()),
    })
    .await
}

/// A face the service did not act on, from any of its Unsuccessful* shapes.
fn refusal<'a>(
    face_id: Option<&str>,
    user_id: Option<&str>,
    reasons: impl Iterator<Item = &'a str>,
) -> FaceRefusal {
    FaceRefusal {
        face_id: face_id.unwrap_or_default().to_owned(),
        user_id: user_id.map(str::to_owned),
        reasons: reasons.map(str::to_owned).collect(),
    }
}

fn sorted(tags: HashMap<String, String>) -> Tags {
    let mut tags: Tags = tags.into_iter().collect();
    tags.sort();
    tags
}

#[cfg(test)]
mod tests;

pub(super) async fn search_faces(
    client: &Client,
    id: &str,
    face_id: &FaceId,
    threshold: f32,
    max: i32,
) -> Outcome<Vec<FaceMatch>> {
    let call = client
        .search_faces()
        .collection_id(id)
        .face_id(face_id.to_string())
        .face_match_threshold(threshold)
        .max_faces(max)
        .send();
    timed(call, |out| matches(out.face_matches.unwrap_or_default())).await
}

pub(super) async fn search_faces_by_image(
    client: &Client,
    id: &str,
    image: &[u8],
    threshold: f32,
    max: i32,
) -> Outcome<Vec<FaceMatch>> {
    let image = types::Image::builder()
        .bytes(aws_sdk_rekognition::primitives::Blob::new(image.to_vec()))
        .build();
    let call = client
        .search_faces_by_image()
        .collection_id(id)
        .image(image)
        .face_match_threshold(threshold)
        .max_faces(max)
        .send();
    timed(call, |out| matches(out.face_matches.unwrap_or_default())).await
}

pub(super) async fn search_users(
    client: &Client,
    id: &str,
    user_id: &UserId,
    threshold: f32,
    max: i32,
) -> Outcome<Vec<UserMatch>> {
    let call = client
        .search_users()
        .collection_id(id)
        .user_id(user_id.as_str())
        .user_match_threshold(threshold)
        .max_users(max)
        .send();
    timed(call, |out| {
        // A match whose UserId breaks the ID rules is left out, as a listing leaves it.
        (out.user_matches.unwrap_or_default().into_iter())
            .filter_map(|m| {
                let user = m.user?;
                Some(UserMatch {
                    similarity: m.similarity.unwrap_or(0.0),
                    user: User {
                        user_id: listed::<UserId>("user", &user.user_id?)?,
                        status: user.user_status.map(|s| s.as_str().to_owned()),
                    },
                })
            })
            .collect()
    })
    .await
}

/// The matches as the service ranked them; one without a face, or whose face breaks an
/// ID rule, is left out as [`face`] leaves it out of a listing.
fn matches(found: Vec<types::FaceMatch>) -> Vec<FaceMatch> {
    found
        .into_iter()
        .filter_map(|m| {
            Some(FaceMatch {
                similarity: m.similarity.unwrap_or(0.0),
                face: face(m.face?)?,
            })
        })
        .collect()
}
