//! The emulator through the real aws-sdk-rekognition client over loopback: operations,
//! modelled errors, validation, tags and users.

// Paths are relative to this file's folder: a module the crate root loads by `#[path]`
// finds its own modules beside it, as a `mod.rs` would.
#[path = "sdk/collections.rs"]
mod collections;
#[path = "sdk/faces.rs"]
mod faces;
#[path = "sdk/tags.rs"]
mod tags;
#[path = "sdk/users.rs"]
mod users;
#[path = "sdk/validation.rs"]
mod validation;

/// The account the faces, users, tags and validation tests start from.
const SEED: &str = r#"{"collections":[
  {"id":"hq-badge-photos","created":"2025-03-01T10:00:00Z","face_model_version":"6.0",
   "tags":{"team":"security"},"faces":30,"users":3},
  {"id":"empty","region":"eu-west-1"}]}"#;
