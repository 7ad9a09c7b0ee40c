//! `rekog erase --like FACE_ID` and `--image FILE`: the faces like a face or a photo, at
//! `--threshold` or above, found with SearchFaces or SearchFacesByImage.

use std::collections::BTreeMap;

use super::EraseArgs;
use crate::aws::api::{Face, Rekognition};
use crate::erase::PhotoBytes;
use crate::erase::photo::{DEFAULT_THRESHOLD, no_face};
use crate::erase::search;
use crate::ids::CollectionId;
use crate::manifest::{Likeness, Searched};

/// What a search by likeness found.
pub(super) struct Found {
    pub faces: Vec<Face>,
    /// How the search reads in the listing, the manifest and the trail.
    pub search: String,
    pub likeness: Likeness,
    pub photo: Option<PhotoBytes>,
}

/// Runs the search by likeness the flags ask for; `Ok(None)` when they ask for another.
/// `Err` says in words why nothing can be erased (no such face, no face in the photo, a
/// failed call).
pub(super) async fn find<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    args: &EraseArgs,
) -> Result<Option<Found>, String> {
    let threshold = args.threshold.unwrap_or(DEFAULT_THRESHOLD);
    let (found, searched, search, photo) = if let Some(face) = &args.like {
        let found = search::like(backend, id, face, threshold)
            .await
            .map_err(|e| format!("SearchFaces {id}: {e}"))?
            .ok_or_else(|| format!("no face {face} in {id}"))?;
        let search = format!("faces like FaceId {face} at similarity {threshold} or more");
        (found, Searched::FaceId(face.to_string()), search, None)
    } else if let Some(photo) = &args.image {
        let found = search::like_photo(backend, id, &photo.bytes, threshold)
            .await
            .map_err(|e| match no_face(&e) {
                true => format!("no face was found in {}", photo.path.display()),
                false => format!("SearchFacesByImage {id}: {e}"),
            })?;
        let search = format!(
            "faces like the photo with SHA-256 {} at similarity {threshold} or more",
            photo.sha256
        );
        let bytes = PhotoBytes(photo.bytes.clone().into());
        (
            found,
            Searched::ImageSha256(photo.sha256.clone()),
            search,
            Some(bytes),
        )
    } else {
        return Ok(None);
    };
    let similarity: BTreeMap<String, f32> = (found.iter())
        .map(|(f, s)| (f.face_id.clone(), *s))
        .collect();
    Ok(Some(Found {
        faces: found.into_iter().map(|(f, _)| f).collect(),
        search,
        likeness: Likeness {
            searched,
            threshold,
            similarity,
        },
        photo,
    }))
}
