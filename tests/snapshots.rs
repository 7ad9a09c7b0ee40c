//! Every screen at 80x24 and 120x40 on `TestBackend`, built through `update` from fixed data
//! and a fixed clock, as the run loop would.
//!
//! Every file in tests/ is a binary that links the AWS SDK, so new tests of this kind join
//! these as modules.

// A crate root finds its modules beside it, in tests/, unless told otherwise.
#[path = "snapshots/fixture.rs"]
mod fixture;

#[path = "snapshots/contexts.rs"]
mod contexts;
#[path = "snapshots/fleet.rs"]
mod fleet;
#[path = "snapshots/manage.rs"]
mod manage;
#[path = "snapshots/people.rs"]
mod people;
#[path = "snapshots/records.rs"]
mod records;
#[path = "snapshots/small.rs"]
mod small;
#[path = "snapshots/terminals.rs"]
mod terminals;
#[path = "snapshots/ui.rs"]
mod ui;
