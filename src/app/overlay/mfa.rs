//! The MFA code asked for when switching to a profile whose role needs one: six digits,
//! shown as •, checked before anything is sent, at most three codes refused by STS.

use crate::context::Context;

/// Codes STS may refuse before the switch is given up.
pub const ATTEMPTS: u8 = 3;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaPrompt {
    pub context: Context,
    pub input: String,
    /// What was wrong with the last code, in plain words.
    pub why: Option<String>,
    /// The code unlocks an account of the fleet rather than switches to it.
    pub unlock: bool,
}

impl MfaPrompt {
    pub fn type_char(&mut self, c: char) {
        if c.is_ascii_digit() && self.input.len() < 6 {
            self.input.push(c);
        }
    }

    /// The input as shown: one • per digit.
    pub fn hidden(&self) -> String {
        "•".repeat(self.input.len())
    }
}
