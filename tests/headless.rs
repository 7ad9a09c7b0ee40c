//! The real run loop on `TestBackend` with scripted keys against the in-process emulator,
//! checked through the SDK.
//!
//! Every file in tests/ is a binary that links the AWS SDK, so new tests of this kind
//! join these as modules.

#[path = "support/headless_app.rs"]
mod headless_app;
#[path = "support/portraits.rs"]
mod portraits;
#[path = "support/screen_shape.rs"]
mod screen_shape;

// A crate root finds its modules beside it, in tests/, unless told otherwise.
#[path = "headless/accounts.rs"]
mod accounts;
#[path = "headless/audit.rs"]
mod audit;
#[path = "headless/collections.rs"]
mod collections;
#[path = "headless/contexts.rs"]
mod contexts;
#[path = "headless/erase.rs"]
mod erase;
#[path = "headless/fleet.rs"]
mod fleet;
#[path = "headless/likeness.rs"]
mod likeness;
#[path = "headless/manage.rs"]
mod manage;
#[path = "headless/resize.rs"]
mod resize;
#[path = "headless/search.rs"]
mod search;
#[path = "headless/users.rs"]
mod users;
