//! Faces from images and faces like them: IndexFaces, SearchFaces, SearchFacesByImage.
//! What "like" means is `likeness`: image content, not face recognition.

use axum::response::Response;
use base64::Engine;
use uuid::Uuid;

use super::{Ctx, json};
use crate::emulator::error::{ApiError, ErrorKind};
use crate::emulator::likeness::{self, Detected};
use crate::emulator::seed::MAX_FACES;
use crate::emulator::store::FaceRow;
use crate::emulator::validate::Checker;
use crate::emulator::wire::{
    Face, FaceDetail, FaceMatch, FaceRecord, ImageMember, IndexFacesRequest, IndexFacesResponse,
    Landmark, Pose, Quality, SearchFacesByImageRequest, SearchFacesByImageResponse,
    SearchFacesRequest, SearchFacesResponse,
};

pub(super) const QUALITY_FILTERS: [&str; 5] = ["NONE", "AUTO", "LOW", "MEDIUM", "HIGH"];
const ATTRIBUTES: [&str; 14] = [
    "DEFAULT",
    "ALL",
    "AGE_RANGE",
    "BEARD",
    "EMOTIONS",
    "EYE_DIRECTION",
    "EYEGLASSES",
    "EYES_OPEN",
    "GENDER",
    "MOUTH_OPEN",
    "MUSTACHE",
    "FACE_OCCLUDED",
    "SMILE",
    "SUNGLASSES",
];
/// SearchFaces' and SearchFacesByImage's MaxFaces range; the most is also the default.
const MAX_MATCHES: i64 = 4096;
/// FaceMatchThreshold and UserMatchThreshold when absent.
pub(super) const DEFAULT_THRESHOLD: f32 = 80.0;

/// What SearchFacesByImage and SearchUsersByImage answer for an image without a face.
pub(super) fn no_face() -> ApiError {
    ApiError::invalid("There are no faces in the image. Should be at least 1.")
}

/// The bytes of a request's image, once its members are valid.
pub(super) fn image_bytes(image: Option<ImageMember>) -> Result<Vec<u8>, ApiError> {
    let Some(image) = image else {
        return Err(ApiError::invalid(
            "1 validation error detected: Value null at 'image' failed to satisfy constraint: \
             Member must not be null",
        ));
    };
    match (image.bytes, image.s3_object) {
        (Some(_), Some(_)) => Err(ApiError::invalid(
            "Request has invalid parameters: give the image as Bytes or as an S3Object, not both",
        )),
        (None, Some(_)) => Err(ApiError::new(
            ErrorKind::InvalidS3Object,
            "Unable to get object metadata from S3: the emulator reads image bytes only \
             (Image.Bytes), not Image.S3Object",
        )),
        (None, None) => Err(ApiError::invalid(
            "Request has invalid parameters: the image has neither Bytes nor an S3Object",
        )),
        (Some(text), None) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text.as_bytes())
                .map_err(|e| {
                    ApiError::new(
                        ErrorKind::Serialization,
                        format!("Image.Bytes is not valid base64: {e}"),
                    )
                })?;
            if bytes.is_empty() {
                return Err(ApiError::invalid(
                    "1 validation error detected: Value at 'image.bytes' failed to satisfy \
                     constraint: Member must have length greater than or equal to 1",
                ));
            }
            Ok(bytes)
        }
    }
}

/// The image's face, decoded off the async runtime: a large JPEG takes tens of ms.
pub(super) async fn detect(bytes: Vec<u8>) -> Result<Option<Detected>, ApiError> {
    tokio::task::spawn_blocking(move || likeness::detect(&bytes))
        .await
        .map_err(|_| ApiError::internal("The image could not be read"))?
}

/// FaceDetail's DEFAULT attributes: the box, landmarks where a face's would be, a frontal
/// pose and the image's brightness and sharpness.
pub(super) fn face_detail(d: &Detected) -> FaceDetail {
    let b = d.bounding_box;
    let at = |kind, x: f32, y: f32| Landmark {
        kind,
        x: b.left + b.width * x,
        y: b.top + b.height * y,
    };
    FaceDetail {
        bounding_box: b,
        landmarks: vec![
            at("eyeLeft", 0.3, 0.4),
            at("eyeRight", 0.7, 0.4),
            at("mouthLeft", 0.35, 0.78),
            at("mouthRight", 0.65, 0.78),
            at("nose", 0.5, 0.6),
        ],
        pose: Pose {
            roll: 0.0,
            yaw: 0.0,
            pitch: 0.0,
        },
        quality: Quality {
            brightness: d.brightness,
            sharpness: d.sharpness,
        },
        confidence: d.confidence,
    }
}

pub(super) fn face_of(row: FaceRow, version: &str) -> Face {
    Face {
        face_id: row.face_id.to_string(),
        bounding_box: row.bounding_box,
        image_id: row.image_id.to_string(),
        external_image_id: row.external_image_id,
        confidence: row.confidence,
        index_faces_model_version: version.to_owned(),
        user_id: row.user_id,
    }
}

pub async fn index_faces(ctx: Ctx, req: IndexFacesRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let image = c.present("image", req.image);
    let external_image_id = c.external_image_id(&req.external_image_id);
    for (i, attribute) in req.detection_attributes.iter().flatten().enumerate() {
        let member = format!("detectionAttributes.{}.member", i + 1);
        c.one_of(&member, Some(attribute), &ATTRIBUTES);
    }
    c.integer("maxFaces", req.max_faces, (1, i64::from(i32::MAX)));
    c.one_of(
        "qualityFilter",
        req.quality_filter.as_deref(),
        &QUALITY_FILTERS,
    );
    c.finish()?;
    let detected = detect(image_bytes(image)?).await?;
    let region = ctx.scope.clone();
    let answer = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            let version = coll.face_model_version;
            let mut answer = IndexFacesResponse {
                face_records: Vec::new(),
                face_model_version: version.clone(),
                unindexed_faces: Vec::new(),
            };
            let Some(d) = detected else {
                return Ok(answer);
            };
            if coll.face_count >= MAX_FACES {
                return Err(ApiError::new(
                    ErrorKind::ServiceQuotaExceeded,
                    format!("The collection {id} holds {MAX_FACES} faces, the most it may"),
                ));
            }
            let mut row = FaceRow {
                seq: 0,
                face_id: Uuid::new_v4(),
                image_id: Uuid::new_v4(),
                external_image_id,
                bounding_box: d.bounding_box,
                confidence: d.confidence,
                user_id: None,
                vector: Some(d.vector),
            };
            row.seq = db.add_face(coll.pk, row.clone())?;
            answer.face_records.push(FaceRecord {
                face: face_of(row, &version),
                face_detail: face_detail(&d),
            });
            Ok(answer)
        })
        .await?;
    json(&answer)
}

pub async fn search_faces(ctx: Ctx, req: SearchFacesRequest) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let face_id = c.face_id(req.face_id.as_deref(), true);
    let max = c.integer("maxFaces", req.max_faces, (1, MAX_MATCHES));
    let threshold = c.float("faceMatchThreshold", req.face_match_threshold, (0.0, 100.0));
    c.finish()?;
    let face_id = face_id.unwrap_or_default();
    let face = Uuid::parse_str(&face_id)
        .map_err(|_| ApiError::invalid(format!("FaceId {face_id} is not a valid face id")))?;
    let limit = max.map_or(MAX_MATCHES as usize, |m| m as usize);
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    let region = ctx.scope.clone();
    let answer = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            let Some((seq, vector)) = db.face_vector(coll.pk, &face)? else {
                return Err(ApiError::invalid("faceId was not found in the collection."));
            };
            let version = coll.face_model_version;
            let found = db.search_faces(coll.pk, &vector, threshold, limit, Some(seq))?;
            Ok(SearchFacesResponse {
                searched_face_id: face_id,
                face_matches: matches(found, &version),
                face_model_version: version,
            })
        })
        .await?;
    json(&answer)
}

fn matches(found: Vec<(FaceRow, f32)>, version: &str) -> Vec<FaceMatch> {
    found
        .into_iter()
        .map(|(row, similarity)| FaceMatch {
            similarity,
            face: face_of(row, version),
        })
        .collect()
}

pub async fn search_faces_by_image(
    ctx: Ctx,
    req: SearchFacesByImageRequest,
) -> Result<Response, ApiError> {
    let mut c = Checker::default();
    let id = c.collection_id(&req.collection_id);
    let image = c.present("image", req.image);
    let max = c.integer("maxFaces", req.max_faces, (1, MAX_MATCHES));
    let threshold = c.float("faceMatchThreshold", req.face_match_threshold, (0.0, 100.0));
    c.one_of(
        "qualityFilter",
        req.quality_filter.as_deref(),
        &QUALITY_FILTERS,
    );
    c.finish()?;
    let detected = detect(image_bytes(image)?).await?;
    let limit = max.map_or(MAX_MATCHES as usize, |m| m as usize);
    let threshold = threshold.unwrap_or(DEFAULT_THRESHOLD);
    let region = ctx.scope.clone();
    let answer = ctx
        .state
        .store
        .call_on(&ctx.scope, &id.clone(), move |db| {
            let coll = db.collection(&region, &id)?;
            let d = detected.ok_or_else(no_face)?;
            let version = coll.face_model_version;
            let found = db.search_faces(coll.pk, &d.vector, threshold, limit, None)?;
            Ok(SearchFacesByImageResponse {
                searched_face_bounding_box: d.bounding_box,
                searched_face_confidence: d.confidence,
                face_matches: matches(found, &version),
                face_model_version: version,
            })
        })
        .await?;
    json(&answer)
}
