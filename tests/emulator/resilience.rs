//! The emulator under pressure, through the real SDK: pagination while others mutate,
//! pagination tokens, races, injected faults, signatures, persistence and seeding errors.

// Paths are relative to this file's folder: a module the crate root loads by `#[path]`
// finds its own modules beside it, as a `mod.rs` would.
#[path = "resilience/faults.rs"]
mod faults;
#[path = "resilience/paging.rs"]
mod paging;
#[path = "resilience/persistence.rs"]
mod persistence;
#[path = "resilience/races.rs"]
mod races;
#[path = "resilience/signatures.rs"]
mod signatures;
