//! Finding one person's faces in a collection: by FaceId, by UserId, by the
//! ExternalImageId their images were indexed with, or by likeness to a face or a photo. The
//! same search serves the detail view's `/` and `s`, and `rekog erase`.

use std::collections::BTreeMap;

use crate::aws::api::{
    ApiError, ErrorKind, Face, FaceFilter, MAX_FACE_MATCHES, MAX_FACE_PAGE, Rekognition,
};
use crate::erase::photo::{self, DEFAULT_THRESHOLD, Photo};
use crate::ids::{CollectionId, EXTERNAL_IMAGE_ID, FaceId, UserId, char_name};

/// What to look for. A search names its faces on the service side where the API can
/// (FaceIds, UserId, likeness); an ExternalImageId is matched here, over every page of
/// ListFaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    FaceIds(Vec<FaceId>),
    User(UserId),
    ExternalImageId(Pattern),
    /// The faces like this one (SearchFaces) at `threshold` (0 to 100) or more, and the face
    /// itself: whoever searches by a face means that face too.
    Like {
        face: FaceId,
        threshold: u8,
    },
    /// The faces like the largest face of the photo at `path` (SearchFacesByImage), at
    /// `threshold` or more. The file is read and checked when the search runs, before the
    /// call.
    Photo {
        path: String,
        threshold: u8,
    },
}

/// What `+` and `-` change the threshold of a search by likeness by.
pub const THRESHOLD_STEP: u8 = 5;

/// The threshold a search by likeness starts at: [`DEFAULT_THRESHOLD`], whole.
pub const LIKE_THRESHOLD: u8 = DEFAULT_THRESHOLD as u8;

/// A threshold `up` or down by [`THRESHOLD_STEP`], kept within 0 to 100; `None` when it is
/// already at that end.
pub fn step(threshold: u8, up: bool) -> Option<u8> {
    let new = match up {
        true => threshold.saturating_add(THRESHOLD_STEP).min(100),
        false => threshold.saturating_sub(THRESHOLD_STEP),
    };
    (new != threshold).then_some(new)
}

/// An ExternalImageId pattern: a substring, or a glob when it holds `*` or `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern(String);

impl Pattern {
    pub fn new(text: &str) -> Result<Pattern, String> {
        if text.is_empty() {
            return Err("the ExternalImageId pattern is empty".into());
        }
        let rule = &EXTERNAL_IMAGE_ID;
        if text.chars().count() > rule.max {
            return Err(format!(
                "an ExternalImageId is at most {} characters",
                rule.max
            ));
        }
        if let Some(bad) = text
            .chars()
            .find(|&c| !(rule.allows(c) || c == '*' || c == '?'))
        {
            // Such a pattern could never match: say so rather than scan a whole collection.
            return Err(format!(
                "{} cannot be in an ExternalImageId (only letters, digits, {}, and * ? as wildcards)",
                char_name(bad),
                rule.punctuation_text()
            ));
        }
        Ok(Pattern(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn is_glob(&self) -> bool {
        self.0.contains(['*', '?'])
    }

    pub fn matches(&self, value: &str) -> bool {
        if self.is_glob() {
            glob(self.0.as_bytes(), value.as_bytes())
        } else {
            value.contains(&self.0)
        }
    }
}

impl Search {
    /// `user:ID` is a user; `image:PATH` a photo; one or more UUIDs (split by spaces or
    /// commas) are FaceIds; anything else is an ExternalImageId pattern. Errors say which
    /// rule the text broke, before any call is made.
    pub fn parse(text: &str) -> Result<Search, String> {
        let text = text.trim();
        if let Some(path) = text.strip_prefix("image:") {
            let path = path.trim();
            if path.is_empty() {
                return Err("image: needs the path of a JPEG or PNG photo".into());
            }
            return Ok(Search::Photo {
                path: path.to_owned(),
                threshold: LIKE_THRESHOLD,
            });
        }
        if let Some(user) = text.strip_prefix("user:") {
            return UserId::parse(user)
                .map(Search::User)
                .map_err(|e| e.to_string());
        }
        let words: Vec<&str> = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        // FaceIds are lowercase; one typed or pasted in capitals is the same face.
        let faces: Option<Vec<FaceId>> = words
            .iter()
            .map(|w| FaceId::parse(&w.to_ascii_lowercase()).ok())
            .collect();
        if let Some(faces) = faces.filter(|f| !f.is_empty()) {
            let mut ids: Vec<FaceId> = Vec::with_capacity(faces.len());
            for id in faces {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
            return Ok(Search::FaceIds(ids));
        }
        Pattern::new(text).map(Search::ExternalImageId)
    }

    /// How the search reads in a title, a manifest and the audit trail.
    pub fn describe(&self) -> String {
        self.describe_with(str::to_owned)
    }

    /// As [`Search::describe`], with the UserId or pattern it names shown as `show` makes
    /// it (an erasure manifest keeps its HMAC).
    pub fn describe_with(&self, show: impl Fn(&str) -> String) -> String {
        match self {
            Search::FaceIds(ids) if ids.len() == 1 => format!("FaceId {}", ids[0]),
            Search::FaceIds(ids) => format!("{} FaceIds", ids.len()),
            Search::User(user) => format!("UserId {}", show(user)),
            Search::ExternalImageId(p) if p.is_glob() => {
                format!("ExternalImageId matching {}", show(p.as_str()))
            }
            Search::ExternalImageId(p) => {
                format!("ExternalImageId containing {}", show(p.as_str()))
            }
            Search::Like { face, threshold } => {
                format!("faces like FaceId {face} at similarity {threshold} or more")
            }
            Search::Photo { path, threshold } => {
                format!("faces like image:{path} at similarity {threshold} or more")
            }
        }
    }

    /// The threshold of a search by likeness.
    pub fn threshold(&self) -> Option<u8> {
        match self {
            Search::Like { threshold, .. } | Search::Photo { threshold, .. } => Some(*threshold),
            Search::FaceIds(_) | Search::User(_) | Search::ExternalImageId(_) => None,
        }
    }

    /// The same search by likeness at a threshold `up` or down by [`THRESHOLD_STEP`], kept
    /// within 0 to 100; `None` for another search, or one already at that end.
    pub fn stepped(&self, up: bool) -> Option<Search> {
        let new = step(self.threshold()?, up)?;
        let mut search = self.clone();
        match &mut search {
            Search::Like { threshold, .. } | Search::Photo { threshold, .. } => *threshold = new,
            Search::FaceIds(_) | Search::User(_) | Search::ExternalImageId(_) => {}
        }
        Some(search)
    }

    /// The call that does the search.
    pub fn op(&self) -> &'static str {
        match self {
            Search::FaceIds(_) | Search::User(_) | Search::ExternalImageId(_) => "ListFaces",
            Search::Like { .. } => "SearchFaces",
            Search::Photo { .. } => "SearchFacesByImage",
        }
    }

    /// The UserId or pattern it names, if any.
    pub fn named(&self) -> Option<String> {
        match self {
            Search::FaceIds(_) | Search::Like { .. } | Search::Photo { .. } => None,
            Search::User(user) => Some(user.as_str().to_owned()),
            Search::ExternalImageId(p) => Some(p.as_str().to_owned()),
        }
    }

    /// Whether every page of the collection is read (and so progress can be shown against
    /// its face count).
    pub fn scans_everything(&self) -> bool {
        matches!(self, Search::ExternalImageId(_))
    }

    pub fn matches(&self, face: &Face) -> bool {
        match self {
            Search::FaceIds(ids) => ids.iter().any(|id| id.eq_ignore_ascii_case(&face.face_id)),
            Search::User(user) => face.user_id.as_ref() == Some(user),
            Search::ExternalImageId(p) => face
                .external_image_id
                .as_deref()
                .is_some_and(|e| p.matches(e)),
            // Likeness is the service's to judge: only the searched face is known here.
            Search::Like { face: id, .. } => id.eq_ignore_ascii_case(&face.face_id),
            Search::Photo { .. } => false,
        }
    }
}

/// `*` any run, `?` any one character; iterative with one backtrack point, so a pattern
/// of many stars stays linear in practice and never recurses.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    p = sp + 1;
                    t = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

/// How far a search is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub pages: u64,
    pub scanned: u64,
    pub matched: u64,
    /// The collection's face count, when known: a scan reads all of them.
    pub total: Option<u64>,
}

/// What a search found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Found {
    pub faces: Vec<Face>,
    pub progress: Progress,
    /// A search by likeness: each face's similarity (0 to 100), by FaceId; the faces are
    /// in order of it, most similar first.
    pub similarity: BTreeMap<String, f32>,
    /// The photo a search by photo read, for an erasure to keep its SHA-256 and to search
    /// with it again.
    pub photo: Option<Box<Photo>>,
}

/// The code of the error a search by photo ends with when the photo could not be read or
/// is no photo: no call was made, and the log must not say there was one.
pub const PHOTO_NOT_READ: &str = "PhotoNotRead";

/// Runs `search` on collection `id`, calling `progress` after each page. Dropping the
/// future cancels it. FaceIds go in calls of at most [`MAX_FACE_PAGE`].
pub async fn find<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    search: &Search,
    total: Option<u64>,
    mut progress: impl FnMut(Progress) + Send,
) -> Result<Found, ApiError> {
    match search {
        Search::Like { face, threshold } => {
            let found = like(backend, id, face, f32::from(*threshold))
                .await?
                .ok_or_else(|| not_found(face, id))?;
            return Ok(likeness(found, None, &mut progress));
        }
        Search::Photo { path, threshold } => {
            let photo = photo::read_photo("image:", path).map_err(|why| ApiError {
                kind: ErrorKind::InvalidParameter,
                code: Some(PHOTO_NOT_READ.to_owned()),
                message: why,
                status: None,
            })?;
            let found = like_photo(backend, id, &photo.bytes, f32::from(*threshold))
                .await
                .map_err(|e| match photo::no_face(&e) {
                    true => local(
                        ErrorKind::InvalidParameter,
                        format!("no face was found in image:{path}"),
                    ),
                    false => e,
                })?;
            return Ok(likeness(found, Some(Box::new(photo)), &mut progress));
        }
        Search::FaceIds(_) | Search::User(_) | Search::ExternalImageId(_) => {}
    }
    let filters: Vec<FaceFilter> = match search {
        Search::FaceIds(ids) => ids
            .chunks(MAX_FACE_PAGE as usize)
            .map(|c| FaceFilter::Ids(c.to_vec()))
            .collect(),
        Search::User(user) => vec![FaceFilter::User(user.clone())],
        Search::ExternalImageId(_) => vec![FaceFilter::All],
        Search::Like { .. } | Search::Photo { .. } => Vec::new(),
    };
    let mut found = Found {
        progress: Progress {
            total: total.filter(|_| search.scans_everything()),
            ..Progress::default()
        },
        ..Found::default()
    };
    for filter in &filters {
        let mut token = None;
        loop {
            let page = backend
                .list_faces_page(id, filter, token, MAX_FACE_PAGE)
                .await
                .result?;
            let p = &mut found.progress;
            p.pages += 1;
            p.scanned += page.faces.len() as u64;
            // The service's filter is trusted for what it names, but a face it returns
            // that does not match (an older emulator, a changed user) is not erased.
            found
                .faces
                .extend(page.faces.into_iter().filter(|f| search.matches(f)));
            found.progress.matched = found.faces.len() as u64;
            progress(found.progress);
            token = page.next_token;
            if token.is_none() {
                break;
            }
        }
    }
    Ok(found)
}

/// A FaceId the collection does not hold, as SearchFaces would say it.
pub(crate) fn not_found(face: &FaceId, id: &CollectionId) -> ApiError {
    local(ErrorKind::NotFound, format!("no face {face} in {id}"))
}

/// An error found here, before or instead of a call: no code, no status.
fn local(kind: ErrorKind, message: String) -> ApiError {
    ApiError {
        kind,
        code: None,
        message,
        status: None,
    }
}

/// What a search by likeness found, most similar first, as one page.
fn likeness(
    mut found: Vec<(Face, f32)>,
    photo: Option<Box<Photo>>,
    progress: &mut (impl FnMut(Progress) + Send),
) -> Found {
    found.sort_by(|a, b| b.1.total_cmp(&a.1));
    let n = found.len() as u64;
    let progress_now = Progress {
        pages: 1,
        scanned: n,
        matched: n,
        total: None,
    };
    progress(progress_now);
    let similarity = found.iter().map(|(f, s)| (f.face_id.clone(), *s)).collect();
    Found {
        faces: found.into_iter().map(|(f, _)| f).collect(),
        progress: progress_now,
        similarity,
        photo,
    }
}

/// The faces of `id` like face `face`, at `threshold` or above, most similar first, after
/// the face itself (at 100): SearchFaces leaves the searched face out of its matches, and
/// whoever searches by a face means that face too. `Ok(None)` when `id` holds no such face.
pub async fn like<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    face: &FaceId,
    threshold: f32,
) -> Result<Option<Vec<(Face, f32)>>, ApiError> {
    let filter = FaceFilter::Ids(vec![face.clone()]);
    let own = backend.list_faces_page(id, &filter, None, 1).await.result?;
    let Some(own) = own
        .faces
        .into_iter()
        .find(|f| f.face_id.eq_ignore_ascii_case(face))
    else {
        return Ok(None);
    };
    let matches = backend
        .search_faces(id, face, threshold, MAX_FACE_MATCHES)
        .await
        .result?;
    let mut all = vec![(own, 100.0)];
    all.extend(
        matches
            .into_iter()
            .filter(|m| !m.face.face_id.eq_ignore_ascii_case(face))
            .map(|m| (m.face, m.similarity)),
    );
    Ok(Some(all))
}

/// The faces of `id` like the largest face in `photo`, at `threshold` or above, most
/// similar first.
pub async fn like_photo<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    photo: &[u8],
    threshold: f32,
) -> Result<Vec<(Face, f32)>, ApiError> {
    let matches = backend
        .search_faces_by_image(id, photo, threshold, MAX_FACE_MATCHES)
        .await
        .result?;
    Ok(matches
        .into_iter()
        .map(|m| (m.face, m.similarity))
        .collect())
}

#[cfg(test)]
mod tests;
