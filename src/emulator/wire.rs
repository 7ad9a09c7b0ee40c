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
