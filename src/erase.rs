//! Erasing one person: finding their faces, and removing faces and users with a record.

pub mod search;
