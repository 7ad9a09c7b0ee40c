//! The AWS layer's domain types: what the app knows about collections and calls, with no
//! SDK type leaking past this module. `sdk.rs` implements [`Rekognition`] on the real client.

use crate::audit::Licence;
use crate::ids::{CollectionId, FaceId, UserId};
use std::future::Future;
use std::time::Duration;

/// The caller as STS GetCallerIdentity reports it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Identity {
    pub account: Option<String>,
    pub arn: Option<String>,
}

/// A collection as ListCollections reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collection {
    pub id: CollectionId,
    pub face_model_version: Option<String>,
}

/// What DescribeCollection reports. Every field is optional because the service may omit any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CollectionDetail {
    pub face_count: Option<u64>,
    pub user_count: Option<u64>,
    pub face_model_version: Option<String>,
    pub arn: Option<String>,
    /// Epoch seconds.
    pub created: Option<i64>,
    /// The sub-second part of `created` in nanoseconds: the screen shows minutes, but the
    /// manifest keeps CreationTimestamp as exactly as the service sent it.
    pub created_nanos: u32,
}

/// One page of ListCollections.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Page {
    pub collections: Vec<Collection>,
    pub next_token: Option<String>,
}

/// The small set of failure classes the UI reacts to differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    AccessDenied,
    Throttled,
    InvalidParameter,
    Service,
    Network,
    Timeout,
    Credentials,
    /// The app refused to send the call (read-only mode).
    Refused,
    Other,
}

/// An API failure, keeping what the operator needs to act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// The service's error code, e.g. `AccessDeniedException`.
    pub code: Option<String>,
    pub message: String,
    pub status: Option<u16>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// The result of one API call with the facts the log pane shows about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome<T> {
    pub result: Result<T, ApiError>,
    pub request_id: Option<String>,
    pub elapsed: Duration,
}

/// The operations rekog performs. One implementation talks to AWS (or the emulator) through
/// aws-sdk-rekognition; the trait keeps the app testable and the SDK at arm's length. Every
/// method that changes something takes a [`Licence`], which only the audit gate gives once
/// the change's intent is on the trail: a change that skips the gate does not compile.
pub trait Rekognition: Send + Sync + 'static {
    fn list_page(&self, token: Option<String>) -> impl Future<Output = Outcome<Page>> + Send;
    fn describe(&self, id: &CollectionId)
    -> impl Future<Output = Outcome<CollectionDetail>> + Send;
    /// Returns the StatusCode the service reported.
    fn delete(
        &self,
        licence: &Licence,
        id: &CollectionId,
    ) -> impl Future<Output = Outcome<i32>> + Send;

    /// One page of ListFaces of at most `max` faces: [`FACE_PAGE`] for the detail view,
    /// [`MAX_FACE_PAGE`] for an export or a scan. `filter` narrows it on the service side.
    fn list_faces_page(
        &self,
        id: &CollectionId,
        filter: &FaceFilter,
        token: Option<String>,
        max: i32,
    ) -> impl Future<Output = Outcome<FacePage>> + Send;
    /// One page of ListUsers of at most `max` users: [`USER_PAGE`] for the detail view,
    /// [`MAX_USER_PAGE`] for an export.
    fn list_users_page(
        &self,
        id: &CollectionId,
        token: Option<String>,
        max: i32,
    ) -> impl Future<Output = Outcome<UserPage>> + Send;
    fn describe_with_tags(
        &self,
        id: &CollectionId,
    ) -> impl Future<Output = Outcome<Described>> + Send;
    /// At most 4096 face ids, as the service allows.
    fn delete_faces(
        &self,
        licence: &Licence,
        id: &CollectionId,
        face_ids: Vec<String>,
    ) -> impl Future<Output = Outcome<FaceDeletion>> + Send;
    fn create_collection(
        &self,
        licence: &Licence,
        id: &CollectionId,
        tags: Tags,
    ) -> impl Future<Output = Outcome<Created>> + Send;
    fn create_user(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
    ) -> impl Future<Output = Outcome<()>> + Send;
    fn delete_user(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
    ) -> impl Future<Output = Outcome<()>> + Send;
    /// At most [`ASSOCIATE_BATCH`] face ids; UserMatchThreshold is left to the service.
    fn associate_faces(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send;
    /// At most [`ASSOCIATE_BATCH`] face ids.
    fn disassociate_faces(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send;
    /// SearchFaces: the faces of `id` like face `face_id`, at `threshold` (0 to 100) or
    /// above, at most `max` (1 to [`MAX_FACE_MATCHES`]), most similar first. The searched
    /// face is not among them.
    fn search_faces(
        &self,
        id: &CollectionId,
        face_id: &FaceId,
        threshold: f32,
        max: i32,
    ) -> impl Future<Output = Outcome<Vec<FaceMatch>>> + Send;
    /// SearchFacesByImage: the faces of `id` like the largest face in `image` (a JPEG or
    /// PNG of at most [`MAX_IMAGE_BYTES`]), as [`Rekognition::search_faces`].
    fn search_faces_by_image(
        &self,
        id: &CollectionId,
        image: &[u8],
        threshold: f32,
        max: i32,
    ) -> impl Future<Output = Outcome<Vec<FaceMatch>>> + Send;
    /// SearchUsers: the users of `id` like user `user_id`, at `threshold` (0 to 100) or
    /// above, at most `max` (1 to [`MAX_USER_MATCHES`]), most similar first. The searched
    /// user is not among them.
    fn search_users(
        &self,
        id: &CollectionId,
        user_id: &UserId,
        threshold: f32,
        max: i32,
    ) -> impl Future<Output = Outcome<Vec<UserMatch>>> + Send;
}

/// One user a search found, and how like the searched user it is (0 to 100).
#[derive(Debug, Clone, PartialEq)]
pub struct UserMatch {
    pub similarity: f32,
    pub user: User,
}

/// One face a search found, and how like the searched face it is (0 to 100).
#[derive(Debug, Clone, PartialEq)]
pub struct FaceMatch {
    pub similarity: f32,
    pub face: Face,
}

/// ListFaces' own filters: every face, one user's, or the faces with these ids.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum FaceFilter {
    #[default]
    All,
    User(UserId),
    /// At most [`MAX_FACE_PAGE`] ids, as the service allows.
    Ids(Vec<FaceId>),
}

/// What AssociateFaces or DisassociateFaces reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Association {
    /// The faces now (dis)associated.
    pub faces: Vec<String>,
    pub unsuccessful: Vec<FaceRefusal>,
    /// The user's status after the call, e.g. `ACTIVE`.
    pub user_status: Option<String>,
}

/// One face as ListFaces reports it: what the detail view shows, and the rest that a
/// manifest keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct Face {
    pub face_id: String,
    pub image_id: Option<String>,
    pub external_image_id: Option<String>,
    pub user_id: Option<UserId>,
    pub confidence: Option<f32>,
    pub bounding_box: Option<BoundingBox>,
    pub index_faces_model_version: Option<String>,
}

/// Where a face is in its image, as ratios of the image's width and height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BoundingBox {
    pub width: Option<f32>,
    pub height: Option<f32>,
    pub left: Option<f32>,
    pub top: Option<f32>,
}

/// One page of ListFaces.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FacePage {
    pub faces: Vec<Face>,
    pub next_token: Option<String>,
}

/// One user as ListUsers reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub user_id: UserId,
    pub status: Option<String>,
}

/// One page of ListUsers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserPage {
    pub users: Vec<User>,
    pub next_token: Option<String>,
}

/// Tags as `(key, value)` pairs, sorted by key.
pub type Tags = Vec<(String, String)>;

/// DescribeCollection and, when its ARN is known, ListTagsForResource on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub detail: CollectionDetail,
    /// The tags, or why they could not be read (the describe itself worked).
    pub tags: Result<Tags, ApiError>,
}

/// A face the service did not delete, associate or disassociate, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaceRefusal {
    pub face_id: String,
    pub user_id: Option<String>,
    /// The service's reasons, e.g. `ASSOCIATED_TO_AN_EXISTING_USER`.
    pub reasons: Vec<String>,
}

/// What DeleteFaces reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaceDeletion {
    pub deleted: Vec<String>,
    pub unsuccessful: Vec<FaceRefusal>,
}

/// What CreateCollection reports.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Created {
    pub status: i32,
    pub arn: Option<String>,
    pub face_model_version: Option<String>,
}

/// Faces per ListFaces page: a few screens' worth, so scrolling loads the next in time.
pub const FACE_PAGE: i32 = 100;
/// Collections per ListCollections page: the model's maximum, so that 100,000 collections
/// take 25 calls, not the 100 that the default page size needs.
pub const COLLECTION_PAGE: i32 = 4096;
/// Users per ListUsers page; the detail view shows the first page.
pub const USER_PAGE: i32 = 100;
/// The largest ListFaces page the service allows; an export reads whole collections, and
/// fewer calls make it faster.
pub const MAX_FACE_PAGE: i32 = 4096;
/// The largest ListUsers page the service allows.
pub const MAX_USER_PAGE: i32 = 500;
/// Face ids per DeleteFaces call, the service's maximum.
pub const DELETE_FACES_BATCH: usize = 4096;
/// SearchFaces' and SearchFacesByImage's largest MaxFaces.
pub const MAX_FACE_MATCHES: i32 = 4096;
/// SearchUsers' largest MaxUsers.
pub const MAX_USER_MATCHES: i32 = 500;
/// The largest image SearchFacesByImage takes as bytes.
pub const MAX_IMAGE_BYTES: u64 = 5 * 1024 * 1024;
/// Face ids per AssociateFaces or DisassociateFaces call, the service's maximum.
pub const ASSOCIATE_BATCH: usize = 100;

/// The service's operations that rekog calls, by name: each has its own quota (so pacing
/// keeps them apart), and the log and an erasure's report name calls by them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    ListCollections,
    DescribeCollection,
    DeleteCollection,
    ListFaces,
    ListUsers,
    DeleteFaces,
    CreateCollection,
    CreateUser,
    DeleteUser,
    AssociateFaces,
    DisassociateFaces,
    SearchFaces,
    SearchFacesByImage,
    SearchUsers,
}

impl Op {
    pub const ALL: [Op; 14] = [
        Op::ListCollections,
        Op::DescribeCollection,
        Op::DeleteCollection,
        Op::ListFaces,
        Op::ListUsers,
        Op::DeleteFaces,
        Op::CreateCollection,
        Op::CreateUser,
        Op::DeleteUser,
        Op::AssociateFaces,
        Op::DisassociateFaces,
        Op::SearchFaces,
        Op::SearchFacesByImage,
        Op::SearchUsers,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Op::ListCollections => "ListCollections",
            Op::DescribeCollection => "DescribeCollection",
            Op::DeleteCollection => "DeleteCollection",
            Op::ListFaces => "ListFaces",
            Op::ListUsers => "ListUsers",
            Op::DeleteFaces => "DeleteFaces",
            Op::CreateCollection => "CreateCollection",
            Op::CreateUser => "CreateUser",
            Op::DeleteUser => "DeleteUser",
            Op::AssociateFaces => "AssociateFaces",
            Op::DisassociateFaces => "DisassociateFaces",
            Op::SearchFaces => "SearchFaces",
            Op::SearchFacesByImage => "SearchFacesByImage",
            Op::SearchUsers => "SearchUsers",
        }
    }
}
