//! The rules for Rekognition's identifiers, each written once from the service model:
//! CollectionId, UserId and ExternalImageId (a length range and a set of characters) and
//! FaceId (a UUID). The newtypes hold only what passed, and they are what rekog carries:
//! an ID is checked once where it enters (typed in a form or the search, given on the
//! command line, listed by the service) and every dialog, command and call after that
//! takes the type, so none can carry an unchecked ID. The emulator checks against the same
//! rules.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// The rule of an identifier made of ASCII letters, digits and some punctuation.
#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    /// How a plain-words message names the ID: `the ID is required ...`.
    pub noun: &'static str,
    pub min: usize,
    pub max: usize,
    /// What is allowed besides ASCII letters and digits, in the order messages list it.
    pub punctuation: &'static [char],
    /// The model's pattern, as the service quotes it in a validation error.
    pub pattern: &'static str,
}

/// `[a-zA-Z0-9_.\-]+`, 1 to 255 characters.
pub const COLLECTION_ID: Rule = Rule {
    noun: "ID",
    min: 1,
    max: 255,
    punctuation: &['_', '.', '-'],
    pattern: r"[a-zA-Z0-9_.\-]+",
};

/// `[a-zA-Z0-9_.\-:]+`, 1 to 128 characters.
pub const USER_ID: Rule = Rule {
    noun: "UserId",
    min: 1,
    max: 128,
    punctuation: &['_', '.', '-', ':'],
    pattern: r"[a-zA-Z0-9_.\-:]+",
};

/// `[a-zA-Z0-9_.\-:]+`, 1 to 255 characters.
pub const EXTERNAL_IMAGE_ID: Rule = Rule {
    noun: "ExternalImageId",
    min: 1,
    max: 255,
    punctuation: &['_', '.', '-', ':'],
    pattern: r"[a-zA-Z0-9_.\-:]+",
};

/// A FaceId's groups of lowercase hexadecimal digits, joined by `-`.
pub const FACE_ID_GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
/// The length of a FaceId: its digits and the four dashes.
pub const FACE_ID_LEN: usize = 36;
pub const FACE_ID_PATTERN: &str = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

impl Rule {
    pub fn allows(&self, c: char) -> bool {
        c.is_ascii_alphanumeric() || self.punctuation.contains(&c)
    }

    /// Ok, or the first thing `text` breaks: its length, then its first refused character.
    pub fn check(&'static self, text: &str) -> Result<(), IdError> {
        let len = text.chars().count();
        if len < self.min {
            return Err(IdError::Empty(self));
        }
        if len > self.max {
            return Err(IdError::TooLong { rule: self, len });
        }
        match text.chars().find(|&c| !self.allows(c)) {
            Some(c) => Err(IdError::Char { rule: self, c }),
            None => Ok(()),
        }
    }

    /// The punctuation as messages list it: `_ . - :`.
    pub fn punctuation_text(&self) -> String {
        let marks: Vec<String> = self.punctuation.iter().map(char::to_string).collect();
        marks.join(" ")
    }

    /// The characters in words: `letters, digits, _ . - and :`.
    pub fn allowed_words(&self) -> String {
        let marks: Vec<String> = self.punctuation.iter().map(char::to_string).collect();
        match marks.split_last() {
            Some((last, [])) => format!("letters, digits and {last}"),
            Some((last, rest)) => format!("letters, digits, {} and {last}", rest.join(" ")),
            None => "letters and digits".into(),
        }
    }

    /// The characters in short: `a-z A-Z 0-9 _ . - :`.
    pub fn summary(&self) -> String {
        format!("a-z A-Z 0-9 {}", self.punctuation_text())
    }
}

/// The longest ticket reference (`--ticket`) kept.
pub const TICKET_MAX: usize = 64;

/// Whether `c` may be in a ticket reference: what ticketing systems use in theirs.
pub fn ticket_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_./:#".contains(c)
}

/// A ticket reference such as `DSAR-2026-0042`: 1 to 64 of `A-Z a-z 0-9 - _ . / : #`.
pub fn ticket(text: &str) -> Result<String, String> {
    if text.is_empty() {
        return Err("a ticket is 1 to 64 characters".into());
    }
    if text.chars().count() > TICKET_MAX {
        return Err(format!("a ticket is at most {TICKET_MAX} characters"));
    }
    if let Some(bad) = text.chars().find(|&c| !ticket_char(c)) {
        return Err(format!(
            "{} cannot be in a ticket (only letters, digits and - _ . / : #)",
            char_name(bad)
        ));
    }
    Ok(text.to_owned())
}

/// The longest IAM role name.
pub const ROLE_NAME_MAX: usize = 64;

/// An IAM role name as `--org` and `org_role` take it, maybe under a path (`ops/Auditor`,
/// which makes `role/ops/Auditor` in the ARN): the name 1 to 64 of `A-Z a-z 0-9 + = , . @
/// _ -`, as IAM allows, and each part of the path printable ASCII. Anything else would go
/// to STS in every member account, and come back refused from each.
pub fn role_name(text: &str) -> Result<String, String> {
    if text.starts_with("arn:") {
        return Err(format!(
            "{text:?} is an ARN: give the role's name (e.g. OrganizationAccountAccessRole), \
             which each member account's ARN is made with"
        ));
    }
    if text.starts_with('/') {
        return Err(format!("{text:?} has an empty part in its path"));
    }
    let (path, name) = text.rsplit_once('/').unwrap_or(("", text));
    if name.is_empty() {
        return Err(format!(
            "{text:?} names no role (a role is 1 to 64 characters)"
        ));
    }
    if name.chars().count() > ROLE_NAME_MAX {
        return Err(format!("a role name is at most {ROLE_NAME_MAX} characters"));
    }
    if let Some(bad) = name
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(c)))
    {
        return Err(format!(
            "{} cannot be in a role name (only letters, digits and + = , . @ _ -)",
            char_name(bad)
        ));
    }
    if !path.is_empty() {
        if path.split('/').any(str::is_empty) {
            return Err(format!("{text:?} has an empty part in its path"));
        }
        if let Some(bad) = path.chars().find(|c| !c.is_ascii_graphic()) {
            return Err(format!("{} cannot be in a role's path", char_name(bad)));
        }
    }
    Ok(text.to_owned())
}

/// Whether `text` is a FaceId as the service model writes one: lowercase hex digits in
/// groups of 8, 4, 4, 4 and 12.
pub fn is_face_id(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == FACE_ID_GROUPS.len()
        && groups.iter().zip(FACE_ID_GROUPS).all(|(g, n)| {
            g.len() == n
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
}

fn check_collection_id(text: &str) -> Result<(), IdError> {
    COLLECTION_ID.check(text)
}

fn check_user_id(text: &str) -> Result<(), IdError> {
    USER_ID.check(text)
}

fn check_external_image_id(text: &str) -> Result<(), IdError> {
    EXTERNAL_IMAGE_ID.check(text)
}

fn check_face_id(text: &str) -> Result<(), IdError> {
    if is_face_id(text) {
        Ok(())
    } else {
        Err(IdError::NotFaceId)
    }
}

/// A character as a rule about input names it: `a space`, `U+0009`, `'%'`.
pub fn char_name(c: char) -> String {
    if c == ' ' {
        "a space".into()
    } else if c.is_control() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("'{c}'")
    }
}

/// The rule an ID breaks, in the plain words the forms and the command line show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    /// Shorter than the rule's minimum (which is 1 for every ID: so, empty).
    Empty(&'static Rule),
    TooLong {
        rule: &'static Rule,
        len: usize,
    },
    /// The first character the rule refuses.
    Char {
        rule: &'static Rule,
        c: char,
    },
    /// Not 8-4-4-4-12 lowercase hexadecimal digits.
    NotFaceId,
}

impl fmt::Display for IdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IdError::Empty(rule) => write!(
                f,
                "the {} is required ({} to {} characters)",
                rule.noun, rule.min, rule.max
            ),
            IdError::TooLong { rule, len } => {
                write!(f, "too long: {len} characters, at most {}", rule.max)
            }
            IdError::Char { rule, c } => write!(
                f,
                "{} is not allowed: only {}",
                char_name(*c),
                rule.allowed_words()
            ),
            IdError::NotFaceId => f.write_str("not a FaceId (8-4-4-4-12 hexadecimal digits)"),
        }
    }
}

impl std::error::Error for IdError {}

/// A string newtype that holds only what `$check` accepts: made by `parse`, or by
/// deserialising (which checks too), never from an unchecked string.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $check:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
        #[serde(try_from = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(text: &str) -> Result<$name, IdError> {
                $check(text)?;
                Ok($name(text.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;

            fn from_str(text: &str) -> Result<$name, IdError> {
                $name::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;

            fn try_from(text: String) -> Result<$name, IdError> {
                $check(&text)?;
                Ok($name(text))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // Comparing with text needs no check: text equal to an ID passes its rule anyway.
        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        // Hash and Ord are the string's, so sets and maps of IDs can be looked up by `&str`.
        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A collection's ID: 1 to 255 of `a-z A-Z 0-9 _ . -`.
    CollectionId,
    check_collection_id
);

id_type!(
    /// A user's ID within a collection: 1 to 128 of `a-z A-Z 0-9 _ . - :`.
    UserId,
    check_user_id
);

id_type!(
    /// The ID a face was indexed with: 1 to 255 of `a-z A-Z 0-9 _ . - :`.
    ExternalImageId,
    check_external_image_id
);

id_type!(
    /// A face's ID, as the service assigns it: a UUID in lowercase hexadecimal.
    FaceId,
    check_face_id
);

#[cfg(test)]
mod tests;
