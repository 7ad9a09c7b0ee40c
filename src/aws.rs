//! The AWS side of rekog: everything that talks to Rekognition and STS, or decides how.
//!
//! - `api`: the domain types and the [`api::Rekognition`] trait the rest of rekog calls;
//!   no SDK type leaks past it.
//! - `sdk`: the trait on aws-sdk-rekognition, one call per operation, with SDK errors
//!   folded into the domain's.
//! - `pace`: client-side pacing under the service's quotas, around any backend.
//! - `connect`: resolving the target (profile, region, endpoint), checking credentials and
//!   building the clients; its [`Target`], [`connect`] and friends are this module's own.
//! - `accounts`: the accounts a fleet or an inventory reaches: through profiles, or through
//!   an organization's ListAccounts and AssumeRole into each member.
//! - `demo`: the embedded emulator as the backend of `--demo`.
//! - `endpoints`: where each service's calls go (aws-cli's order), and where that came from.
//! - `trust`: the CA bundle of `AWS_CA_BUNDLE` or the profile's `ca_bundle`, and the HTTPS
//!   client that trusts it.
//! - `identity`: who the credentials belong to (STS GetCallerIdentity).
//! - `mfa`: roles that want an MFA code: the prompt, AssumeRole and the credential cache.
//! - `profiles`: the shared config and credentials files' profiles.
//! - `regions`: the regions Rekognition is offered in.

pub mod accounts;
pub mod api;
mod connect;
pub mod demo;
pub mod endpoints;
pub mod identity;
pub mod mfa;
pub mod pace;
pub mod profiles;
pub mod regions;
pub mod sdk;
pub mod trust;

pub use self::connect::{
    ConnectError, Connection, Loaded, Reach, Target, connect, connect_with, demo_loaded,
    demo_region, load, profile_named, resolve_region, timeouts,
};
