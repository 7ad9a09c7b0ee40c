//! The application core: plain state, a pure `update`, and the key map.

pub mod msg;
pub mod session;
