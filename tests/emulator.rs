//! The emulator through the real SDK clients over loopback, in process and as `rekog serve`.
//!
//! Every file in tests/ is a binary that links the AWS SDK, so new tests of this kind
//! join these as modules.

#[path = "support/portraits.rs"]
mod portraits;
#[path = "support/serve.rs"]
mod serve;
#[path = "support/emulator.rs"]
mod support;

// A crate root finds its modules beside it, in tests/, unless told otherwise.
#[path = "emulator/accounts.rs"]
mod accounts;
#[path = "emulator/associate.rs"]
mod associate;
#[path = "emulator/chaos.rs"]
mod chaos;
#[path = "emulator/cli.rs"]
mod cli;
#[path = "emulator/demo_faces.rs"]
mod demo_faces;
#[path = "emulator/disassociate.rs"]
mod disassociate;
#[path = "emulator/doctor.rs"]
mod doctor;
#[path = "emulator/erase.rs"]
mod erase;
#[path = "emulator/erase_like.rs"]
mod erase_like;
#[path = "emulator/erase_refused.rs"]
mod erase_refused;
#[path = "emulator/identity.rs"]
mod identity;
#[path = "emulator/install.rs"]
mod install;
#[path = "emulator/inventory.rs"]
mod inventory;
#[path = "emulator/limits.rs"]
mod limits;
#[path = "emulator/manifest.rs"]
mod manifest;
#[path = "emulator/manifests.rs"]
mod manifests;
#[path = "emulator/matching.rs"]
mod matching;
#[path = "emulator/profile.rs"]
mod profile;
#[path = "emulator/regions.rs"]
mod regions;
#[path = "emulator/resilience.rs"]
mod resilience;
#[path = "emulator/sdk.rs"]
mod sdk;
#[path = "emulator/search.rs"]
mod search;
#[path = "emulator/seeding.rs"]
mod seeding;
#[path = "emulator/sts.rs"]
mod sts;
#[path = "emulator/sts_limits.rs"]
mod sts_limits;
#[path = "emulator/sts_mfa.rs"]
mod sts_mfa;
#[path = "emulator/tls.rs"]
mod tls;
