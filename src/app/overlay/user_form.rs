//! The one-field form that asks for a UserId: to create that user, or to associate the
//! marked faces with it. The ID is checked as it is typed against the service model's
//! rule, so nothing the service would reject is sent.

use crate::ids::{CollectionId, UserId};

/// What the UserId is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// CreateUser.
    Create,
    /// AssociateFaces of these faces (in the order shown), captured when the form opened.
    Associate { face_ids: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserForm {
    /// The collection, captured when the form opened.
    pub id: CollectionId,
    pub purpose: Purpose,
    pub input: String,
    /// CreateUser is in flight.
    pub sending: bool,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

impl UserForm {
    pub fn new(id: CollectionId, purpose: Purpose) -> UserForm {
        UserForm {
            id,
            purpose,
            input: String::new(),
            sending: false,
            error: None,
        }
    }

    /// The rule the typed UserId breaks, if any.
    pub fn problem(&self) -> Option<String> {
        UserId::parse(&self.input).err().map(|e| e.to_string())
    }

    pub fn type_char(&mut self, c: char) {
        if !self.sending {
            self.input.push(c);
            self.error = None;
        }
    }

    pub fn backspace(&mut self) {
        if !self.sending {
            self.input.pop();
            self.error = None;
        }
    }

    /// The UserId to send, once nothing is wrong with it and nothing is in flight: the typed
    /// text becomes a [`UserId`] here, and only here.
    pub fn ready(&self) -> Option<UserId> {
        if self.sending {
            return None;
        }
        UserId::parse(&self.input).ok()
    }
}
