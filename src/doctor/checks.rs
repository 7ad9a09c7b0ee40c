//! The facts and the calls' results judged, one [`Check`] each. Pure: everything comes in
//! as values, so each verdict is a unit test. What is merely absent on a first run is `ok`,
//! running without a terminal at most `warn`.

mod calls;
mod credentials;
mod files;
mod network;
mod terminal;

use super::Check;
use super::facts::Facts;
use super::probe::Probes;
use crate::aws::endpoints::Service;
use calls::{clock, describe_collection, identity, list_collections};
use credentials::{credentials, profile, region};
use files::{audit_trail, aws_file, place, rekog_config};
use network::{ca_bundle, endpoint, proxy};
use terminal::{multiplexer, ssh, terminal};

/// The region and account `--demo` runs in.
const DEMO_REGION: &str = "us-east-1";

/// Every check, in the order the report prints them.
pub fn checks(facts: &Facts, probes: &Probes) -> Vec<Check> {
    let mut out = vec![
        terminal(facts),
        multiplexer(facts),
        ssh(facts),
        rekog_config(facts),
        aws_file("aws config", &facts.aws_config, false),
        aws_file("aws credentials", &facts.aws_credentials, true),
        profile(facts),
        region(facts),
        endpoint("rekognition url", facts, probes, Service::Rekognition),
        endpoint("sts url", facts, probes, Service::Sts),
        proxy(facts, probes),
        ca_bundle(facts),
        credentials(facts, probes),
        clock(probes),
        identity(probes),
        list_collections(facts, probes),
        describe_collection(facts, probes),
    ];
    out.extend(facts.places.iter().map(place));
    out.push(audit_trail(facts));
    out
}
