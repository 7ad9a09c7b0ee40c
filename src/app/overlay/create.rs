//! The create-collection form: the ID checked as it is typed against the service's rules,
//! and optional tags `key=value,...`.

use crate::aws::api::Tags;
use crate::ids::CollectionId;

pub const MAX_TAGS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    Tags,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateForm {
    pub id: String,
    pub tags: String,
    pub field: Field,
    /// CreateCollection is in flight.
    pub sending: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl Default for CreateForm {
    fn default() -> Self {
        CreateForm {
            id: String::new(),
            tags: String::new(),
            field: Field::Id,
            sending: false,
            error: None,
        }
    }
}

impl CreateForm {
    /// The input's problem, if any: what the service would reject, said before sending.
    pub fn problem(&self) -> Option<String> {
        id_problem(&self.id).or_else(|| parse_tags(&self.tags).err())
    }

    fn text(&mut self) -> &mut String {
        match self.field {
            Field::Id => &mut self.id,
            Field::Tags => &mut self.tags,
        }
    }

    pub fn type_char(&mut self, c: char) {
        if !self.sending {
            self.text().push(c);
            self.error = None;
        }
    }

    pub fn backspace(&mut self) {
        if !self.sending {
            self.text().pop();
            self.error = None;
        }
    }

    pub fn next_field(&mut self) {
        self.field = match self.field {
            Field::Id => Field::Tags,
            Field::Tags => Field::Id,
        };
    }

    /// The ID and tags to send, once nothing is wrong with them and nothing is in flight:
    /// the typed text becomes a [`CollectionId`] here, and only here.
    pub fn ready(&self) -> Option<(CollectionId, Tags)> {
        if self.sending {
            return None;
        }
        let id = CollectionId::parse(&self.id).ok()?;
        let tags = parse_tags(&self.tags).ok()?;
        Some((id, tags))
    }
}

/// The rule `id` breaks, in the words the form shows.
pub fn id_problem(id: &str) -> Option<String> {
    CollectionId::parse(id).err().map(|e| e.to_string())
}

/// `key=value,...` into tags, or the first rule broken (the service model's limits).
pub fn parse_tags(text: &str) -> Result<Tags, String> {
    let mut tags = Tags::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            return Err(format!("tag {part:?} needs the form key=value"));
        };
        let (key, value) = (key.trim(), value.trim());
        let key_len = key.chars().count();
        if key_len == 0 || key_len > 128 {
            return Err(format!("tag key {key:?} must be 1 to 128 characters"));
        }
        if key.to_ascii_lowercase().starts_with("aws:") {
            return Err(format!("tag key {key:?} may not start with aws:"));
        }
        if value.chars().count() > 256 {
            return Err(format!("the value of tag {key} is over 256 characters"));
        }
        if tags.iter().any(|(k, _)| k == key) {
            return Err(format!("tag key {key} appears twice"));
        }
        tags.push((key.to_owned(), value.to_owned()));
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("{} tags, at most {MAX_TAGS}", tags.len()));
    }
    Ok(tags)
}
