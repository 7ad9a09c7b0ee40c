//! Request and response members of each operation, named as in the Rekognition service
//! model. Every request member is optional here: presence is checked by `validate`, so a
//! missing member gets InvalidParameterException rather than a serialization error.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub type Tags = BTreeMap<String, String>;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CollectionRequest {
    pub collection_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateCollectionRequest {
    pub collection_id: Option<String>,
    pub tags: Option<Tags>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListCollectionsRequest {
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListFacesRequest {
    pub collection_id: Option<String>,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
    pub user_id: Option<String>,
    pub face_ids: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteFacesRequest {
    pub collection_id: Option<String>,
    pub face_ids: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersRequest {
    pub collection_id: Option<String>,
    pub max_results: Option<i64>,
    pub next_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateFacesRequest {
    pub collection_id: Option<String>,
    pub user_id: Option<String>,
    pub face_ids: Option<Vec<String>>,
    pub user_match_threshold: Option<f64>,
    pub client_request_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DisassociateFacesRequest {
    pub collection_id: Option<String>,
    pub user_id: Option<String>,
    pub face_ids: Option<Vec<String>>,
    pub client_request_token: Option<String>,
}

/// CreateUser and DeleteUser share their members.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserRequest {
    pub collection_id: Option<String>,
    pub user_id: Option<String>,
    pub client_request_token: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct TagResourceRequest {
    pub resource_arn: Option<String>,
    pub tags: Option<Tags>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UntagResourceRequest {
    pub resource_arn: Option<String>,
    pub tag_keys: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsRequest {
    pub resource_arn: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateCollectionResponse {
    pub status_code: u16,
    pub collection_arn: String,
    pub face_model_version: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct StatusResponse {
    pub status_code: u16,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListCollectionsResponse {
    pub collection_ids: Vec<String>,
    pub face_model_versions: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribeCollectionResponse {
    pub face_count: u64,
    pub user_count: u64,
    pub face_model_version: String,
    #[serde(rename = "CollectionARN")]
    pub collection_arn: String,
    /// Epoch seconds: botocore rejects milliseconds here.
    pub creation_timestamp: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct BoundingBox {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Face {
    pub face_id: String,
    pub bounding_box: BoundingBox,
    pub image_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_image_id: Option<String>,
    pub confidence: f32,
    pub index_faces_model_version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListFacesResponse {
    pub faces: Vec<Face>,
    pub face_model_version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnsuccessfulFaceDeletion {
    pub face_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub reasons: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DeleteFacesResponse {
    pub deleted_faces: Vec<String>,
    pub unsuccessful_face_deletions: Vec<UnsuccessfulFaceDeletion>,
}

/// AssociatedFace and DisassociatedFace: a face id alone.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FaceRef {
    pub face_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnsuccessfulFaceAssociation {
    pub face_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    pub reasons: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AssociateFacesResponse {
    pub associated_faces: Vec<FaceRef>,
    pub unsuccessful_face_associations: Vec<UnsuccessfulFaceAssociation>,
    pub user_status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnsuccessfulFaceDisassociation {
    pub face_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    pub reasons: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DisassociateFacesResponse {
    pub disassociated_faces: Vec<FaceRef>,
    pub unsuccessful_face_disassociations: Vec<UnsuccessfulFaceDisassociation>,
    pub user_status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct User {
    pub user_id: String,
    pub user_status: &'static str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListUsersResponse {
    pub users: Vec<User>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ListTagsResponse {
    pub tags: Tags,
}

/// Operations answering `{}` (CreateUser, DeleteUser, TagResource, UntagResource).
#[derive(Debug, Serialize)]
pub struct Empty {}

/// An image in a request: bytes (base64 in JSON) or an S3 object, which the emulator does
/// not read.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImageMember {
    pub bytes: Option<String>,
    pub s3_object: Option<serde_json::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct IndexFacesRequest {
    pub collection_id: Option<String>,
    pub image: Option<ImageMember>,
    pub external_image_id: Option<String>,
    pub detection_attributes: Option<Vec<String>>,
    pub max_faces: Option<i64>,
    pub quality_filter: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchFacesRequest {
    pub collection_id: Option<String>,
    pub face_id: Option<String>,
    pub max_faces: Option<i64>,
    pub face_match_threshold: Option<f64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchFacesByImageRequest {
    pub collection_id: Option<String>,
    pub image: Option<ImageMember>,
    pub max_faces: Option<i64>,
    pub face_match_threshold: Option<f64>,
    pub quality_filter: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchUsersRequest {
    pub collection_id: Option<String>,
    pub user_id: Option<String>,
    pub face_id: Option<String>,
    pub user_match_threshold: Option<f64>,
    pub max_users: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchUsersByImageRequest {
    pub collection_id: Option<String>,
    pub image: Option<ImageMember>,
    pub user_match_threshold: Option<f64>,
    pub max_users: Option<i64>,
    pub quality_filter: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Pose {
    pub roll: f32,
    pub yaw: f32,
    pub pitch: f32,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Quality {
    pub brightness: f32,
    pub sharpness: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Landmark {
    #[serde(rename = "Type")]
    pub kind: &'static str,
    #[serde(rename = "X")]
    pub x: f32,
    #[serde(rename = "Y")]
    pub y: f32,
}

/// The DEFAULT attributes of a detected face.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FaceDetail {
    pub bounding_box: BoundingBox,
    pub landmarks: Vec<Landmark>,
    pub pose: Pose,
    pub quality: Quality,
    pub confidence: f32,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FaceRecord {
    pub face: Face,
    pub face_detail: FaceDetail,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnindexedFace {
    pub reasons: Vec<&'static str>,
    pub face_detail: FaceDetail,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct IndexFacesResponse {
    pub face_records: Vec<FaceRecord>,
    pub face_model_version: String,
    pub unindexed_faces: Vec<UnindexedFace>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct FaceMatch {
    pub similarity: f32,
    pub face: Face,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchFacesResponse {
    pub searched_face_id: String,
    pub face_matches: Vec<FaceMatch>,
    pub face_model_version: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchFacesByImageResponse {
    pub searched_face_bounding_box: BoundingBox,
    pub searched_face_confidence: f32,
    pub face_matches: Vec<FaceMatch>,
    pub face_model_version: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UserMatch {
    pub similarity: f32,
    pub user: User,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchUsersResponse {
    pub user_matches: Vec<UserMatch>,
    pub face_model_version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub searched_face: Option<FaceRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub searched_user: Option<SearchedUser>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchedUser {
    pub user_id: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchedFaceDetails {
    pub face_detail: FaceDetail,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct UnsearchedFace {
    pub face_details: FaceDetail,
    pub reasons: Vec<&'static str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SearchUsersByImageResponse {
    pub user_matches: Vec<UserMatch>,
    pub face_model_version: String,
    pub searched_face: SearchedFaceDetails,
    pub unsearched_faces: Vec<UnsearchedFace>,
}
