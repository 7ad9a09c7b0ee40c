//! Server-side validation of every request member against the service model's constraints
//! (the SDKs check nothing). Violations are gathered and reported together, worded the way
//! AWS words them: `Value 'x' at 'collectionId' failed to satisfy constraint: ...`.

use super::error::ApiError;
use super::wire::Tags;
use crate::ids::{self, COLLECTION_ID, EXTERNAL_IMAGE_ID, FACE_ID_LEN, FACE_ID_PATTERN, USER_ID};

pub const MAX_TAGS: usize = 200;

/// Collects constraint violations for one request.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<String>,
}

impl Checker {
    fn fail(&mut self, member: &str, value: &str, constraint: &str) {
        self.errors.push(format!(
            "Value {value} at '{member}' failed to satisfy constraint: {constraint}"
        ));
    }

    /// A required string member, with its length and pattern checked.
    pub fn string(
        &mut self,
        member: &str,
        value: Option<&str>,
        (min, max): (usize, usize),
        pattern: Option<Pattern>,
    ) -> String {
        let Some(value) = value else {
            self.fail(member, "null", "Member must not be null");
            return String::new();
        };
        self.check_str(member, value, (min, max), pattern);
        value.to_owned()
    }

    fn check_str(
        &mut self,
        member: &str,
        value: &str,
        (min, max): (usize, usize),
        pattern: Option<Pattern>,
    ) {
        let len = value.chars().count();
        if len < min {
            let c = format!("Member must have length greater than or equal to {min}");
            self.fail(member, &quote(value), &c);
        } else if len > max {
            let c = format!("Member must have length less than or equal to {max}");
            self.fail(member, &quote(value), &c);
        }
        if let Some(p) = pattern
            && len > 0
            && !p.matches(value)
        {
            let c = format!(
                "Member must satisfy regular expression pattern: {}",
                p.text()
            );
            self.fail(member, &quote(value), &c);
        }
    }

    pub fn collection_id(&mut self, value: &Option<String>) -> String {
        self.string(
            "collectionId",
            value.as_deref(),
            (COLLECTION_ID.min, COLLECTION_ID.max),
            Some(Pattern::CollectionId),
        )
    }

    pub fn user_id(&mut self, value: Option<&str>) -> String {
        self.string(
            "userId",
            value,
            (USER_ID.min, USER_ID.max),
            Some(Pattern::UserId),
        )
    }

    pub fn client_request_token(&mut self, value: &Option<String>) -> Option<String> {
        let value = value.as_deref()?;
        self.check_str(
            "clientRequestToken",
            value,
            (1, 64),
            Some(Pattern::RequestToken),
        );
        Some(value.to_owned())
    }

    /// An optional MaxResults within `min..=max`.
    pub fn max_results(&mut self, value: Option<i64>, range: (i64, i64)) -> Option<u32> {
        self.integer("maxResults", value, range)
    }

    /// An optional integer member within `min..=max`.
    pub fn integer(
        &mut self,
        member: &str,
        value: Option<i64>,
        (min, max): (i64, i64),
    ) -> Option<u32> {
        let value = value?;
        if value < min {
            let c = format!("Member must have value greater than or equal to {min}");
            self.fail(member, &quote(&value.to_string()), &c);
            return None;
        }
        if value > max {
            let c = format!("Member must have value less than or equal to {max}");
            self.fail(member, &quote(&value.to_string()), &c);
            return None;
        }
        u32::try_from(value).ok()
    }

    /// An optional ExternalImageId.
    pub fn external_image_id(&mut self, value: &Option<String>) -> Option<String> {
        let value = value.as_deref()?;
        self.check_str(
            "externalImageId",
            value,
            (EXTERNAL_IMAGE_ID.min, EXTERNAL_IMAGE_ID.max),
            Some(Pattern::ExternalImageId),
        );
        Some(value.to_owned())
    }

    /// One FaceId, required or not.
    pub fn face_id(&mut self, value: Option<&str>, required: bool) -> Option<String> {
        let Some(value) = value else {
            if required {
                self.fail("faceId", "null", "Member must not be null");
            }
            return None;
        };
        self.check_str("faceId", value, (1, FACE_ID_LEN), Some(Pattern::FaceId));
        Some(value.to_owned())
    }

    /// An optional member that must be one of `allowed`.
    pub fn one_of(&mut self, member: &str, value: Option<&str>, allowed: &[&str]) {
        if let Some(value) = value
            && !allowed.contains(&value)
        {
            let c = format!(
                "Member must satisfy enum value set: [{}]",
                allowed.join(", ")
            );
            self.fail(member, &quote(value), &c);
        }
    }

    /// A required member that is present, whatever its value.
    pub fn present<T>(&mut self, member: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.fail(member, "null", "Member must not be null");
        }
        value
    }

    /// An optional float member within `min..=max`.
    pub fn float(
        &mut self,
        member: &str,
        value: Option<f64>,
        (min, max): (f64, f64),
    ) -> Option<f32> {
        let value = value?;
        let shown = quote(&format!("{value:?}"));
        if value < min {
            let c = format!("Member must have value greater than or equal to {min}");
            self.fail(member, &shown, &c);
        } else if value > max {
            let c = format!("Member must have value less than or equal to {max}");
            self.fail(member, &shown, &c);
        }
        Some(value as f32)
    }

    pub fn next_token(&mut self, value: &Option<String>) -> Option<String> {
        let value = value.as_deref()?;
        self.check_str("nextToken", value, (0, 255), None);
        Some(value.to_owned())
    }

    /// A FaceId list of 1 to `max` UUIDs: 4096 for ListFaces and DeleteFaces, 100 for
    /// AssociateFaces and DisassociateFaces.
    pub fn face_ids(
        &mut self,
        value: Option<&[String]>,
        required: bool,
        max: usize,
    ) -> Vec<String> {
        let Some(ids) = value else {
            if required {
                self.fail("faceIds", "null", "Member must not be null");
            }
            return Vec::new();
        };
        if ids.is_empty() || ids.len() > max {
            let c = format!("Member must have length between 1 and {max}");
            self.fail("faceIds", &format!("list of {} items", ids.len()), &c);
        }
        for (i, id) in ids.iter().enumerate() {
            self.check_str(
                &format!("faceIds.{}.member", i + 1),
                id,
                (1, FACE_ID_LEN),
                Some(Pattern::FaceId),
            );
        }
        ids.to_vec()
    }

    pub fn resource_arn(&mut self, value: &Option<String>) -> String {
        self.string("resourceArn", value.as_deref(), (20, 2048), None)
    }

    /// A tag map: at most 200 entries, keys 1-128 not starting with `aws:`, values 0-256.
    pub fn tags(&mut self, member: &str, tags: &Tags) {
        if tags.len() > MAX_TAGS {
            let c = format!("Member must have length less than or equal to {MAX_TAGS}");
            self.fail(member, &format!("map of {} entries", tags.len()), &c);
        }
        for (key, value) in tags {
            self.tag_key(member, key);
            self.check_str(member, value, (0, 256), Some(Pattern::TagValue));
        }
    }

    pub fn tag_keys(&mut self, value: Option<&[String]>) -> Vec<String> {
        let Some(keys) = value else {
            self.fail("tagKeys", "null", "Member must not be null");
            return Vec::new();
        };
        if keys.len() > MAX_TAGS {
            let c = format!("Member must have length less than or equal to {MAX_TAGS}");
            self.fail("tagKeys", &format!("list of {} items", keys.len()), &c);
        }
        for key in keys {
            self.tag_key("tagKeys", key);
        }
        keys.to_vec()
    }

    fn tag_key(&mut self, member: &str, key: &str) {
        self.check_str(member, key, (1, 128), Some(Pattern::TagKey));
    }

    /// Ok when nothing failed; otherwise one InvalidParameterException listing everything.
    pub fn finish(self) -> Result<(), ApiError> {
        match self.errors.len() {
            0 => Ok(()),
            1 => Err(ApiError::invalid(format!(
                "1 validation error detected: {}",
                self.errors[0]
            ))),
            n => Err(ApiError::invalid(format!(
                "{n} validation errors detected: {}",
                self.errors.join("; ")
            ))),
        }
    }
}

/// Long values are cut in messages so that one bad member cannot make a huge answer.
fn quote(value: &str) -> String {
    const LIMIT: usize = 300;
    if value.chars().count() > LIMIT {
        let cut: String = value.chars().take(LIMIT).collect();
        format!("'{cut}...'")
    } else {
        format!("'{value}'")
    }
}

/// The service model's patterns, matched by hand; the IDs' rules live in [`crate::ids`].
#[derive(Debug, Clone, Copy)]
pub enum Pattern {
    CollectionId,
    UserId,
    ExternalImageId,
    FaceId,
    RequestToken,
    TagKey,
    TagValue,
}

impl Pattern {
    pub fn text(self) -> &'static str {
        match self {
            Self::CollectionId => COLLECTION_ID.pattern,
            Self::UserId => USER_ID.pattern,
            Self::ExternalImageId => EXTERNAL_IMAGE_ID.pattern,
            Self::FaceId => FACE_ID_PATTERN,
            Self::RequestToken => r"^[a-zA-Z0-9-_]+$",
            Self::TagKey => r"^(?!aws:)[\p{L}\p{Z}\p{N}_.:/=+\-@]*$",
            Self::TagValue => r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$",
        }
    }

    pub fn matches(self, value: &str) -> bool {
        match self {
            Self::CollectionId => value.chars().all(|c| COLLECTION_ID.allows(c)),
            Self::UserId => value.chars().all(|c| USER_ID.allows(c)),
            Self::ExternalImageId => value.chars().all(|c| EXTERNAL_IMAGE_ID.allows(c)),
            Self::FaceId => ids::is_face_id(value),
            Self::RequestToken => value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
            Self::TagKey => !value.starts_with("aws:") && value.chars().all(tag_char),
            Self::TagValue => value.chars().all(tag_char),
        }
    }
}

/// `\p{L}\p{Z}\p{N}_.:/=+\-@`; `\p{Z}` is the space separators, which excludes controls.
fn tag_char(c: char) -> bool {
    c.is_alphabetic()
        || c.is_numeric()
        || (c.is_whitespace() && !c.is_control())
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_the_model() {
        assert!(Pattern::CollectionId.matches("lobby-cam_2.v1"));
        assert!(!Pattern::CollectionId.matches("lobby cam"));
        assert!(!Pattern::CollectionId.matches("a:b"));
        assert!(Pattern::UserId.matches("emp:42"));
        assert!(Pattern::FaceId.matches("0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6e"));
        assert!(!Pattern::FaceId.matches("0B5FD6A4-1C2E-4A43-9F00-3A1E2B4C5D6E"));
        assert!(!Pattern::TagKey.matches("aws:team"));
        assert!(Pattern::TagKey.matches("équipe 1"));
        assert!(!Pattern::TagValue.matches("a\tb"));
        assert!(!Pattern::RequestToken.matches("a.b"));
    }

    #[test]
    fn reports_every_violation_at_once() {
        let mut c = Checker::default();
        c.collection_id(&None);
        c.max_results(Some(5000), (0, 4096));
        let err = c.finish().unwrap_err();
        assert!(
            err.message.starts_with("2 validation errors detected"),
            "{err}"
        );
        assert!(err.message.contains("'collectionId'"), "{err}");
        assert!(err.message.contains("'maxResults'"), "{err}");
    }
}
