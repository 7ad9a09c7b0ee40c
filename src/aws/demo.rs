//! `--demo`: the embedded emulator, seeded with the demo account, on a loopback port, with
//! clients that reach only it.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_rekognition::config::retry::{RetryConfig, RetryPartition};
use aws_sdk_rekognition::config::{Credentials, Region};

use super::sdk::SdkBackend;
use super::{ConnectError, Connection, Target, identity, timeouts};
use crate::context::Session;
use crate::emulator;

/// The demo emulator's own static credentials; they only ever reach the loopback emulator.
const DEMO_KEY: &str = "AKIDREKOGDEMO0000000";
const DEMO_SECRET: &str = "rekog-demo-secret";
const DEMO_REGION: &str = "us-east-1";
/// Where the demo's calls go, as records and manifests name it.
pub(super) const ENDPOINT_NAME: &str = "embedded emulator (--demo)";
const DEMO_ENDPOINT: &str = ENDPOINT_NAME;

pub(super) async fn connect(
    target: &Target,
    timeout: Duration,
) -> Result<Connection, ConnectError> {
    let seed = emulator::Seed::parse("assets/demo-seed.json", emulator::DEMO_SEED)
        .map_err(|e| ConnectError::Demo(e.to_string()))?;
    let handle = emulator::serve(emulator::ServeConfig {
        seed: Some(seed),
        credentials: Some((DEMO_KEY.into(), DEMO_SECRET.into())),
        stable_request_ids: true,
        // As in most accounts, the opt-in regions are not enabled: the fleet view says so.
        disabled_regions: DISABLED_REGIONS.iter().map(|r| (*r).to_owned()).collect(),
        ..emulator::ServeConfig::default()
    })
    .await
    .map_err(|e| ConnectError::Demo(e.to_string()))?;
    let mut connection = clients(&handle.endpoint(), DEMO_REGION, target.read_only, timeout);
    connection.emulator = Some(handle);
    Ok(connection)
}

/// The demo emulator's configuration, as a profile's would be loaded: what the fleet
/// assumes the demo organization's roles from.
pub(super) fn loaded(endpoint: &str, region: &str, timeout: Duration) -> super::Loaded {
    let credentials = Credentials::new(DEMO_KEY, DEMO_SECRET, None, None, "rekog-demo");
    let config = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .timeout_config(timeouts(timeout))
        .retry_config(RetryConfig::standard())
        .build();
    super::Loaded {
        config,
        reach: super::Reach {
            endpoints: super::endpoints::Endpoints::demo(endpoint),
            http: None,
        },
        region: region.to_owned(),
        profile: None,
    }
}

/// Opt-in regions the demo account has not enabled.
const DISABLED_REGIONS: &[&str] = &["il-central-1", "eu-south-2"];

/// Clients of the emulator at `endpoint` in `region` (it serves every region, by the
/// region in each request's signature).
pub(super) fn clients(
    endpoint: &str,
    region: &str,
    read_only: bool,
    timeout: Duration,
) -> Connection {
    let credentials = Credentials::new(DEMO_KEY, DEMO_SECRET, None, None, "rekog-demo");
    let shared = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(SharedCredentialsProvider::new(credentials.clone()))
        .timeout_config(timeouts(timeout))
        .build();
    let sts = identity::client(&shared, Some(endpoint));
    let config = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new(region.to_owned()))
        .credentials_provider(credentials)
        .endpoint_url(endpoint)
        .timeout_config(timeouts(timeout))
        .retry_config(RetryConfig::standard())
        .retry_partition(RetryPartition::new("rekog-demo"))
        .build();
    let session = Session {
        role: None,
        profile: None,
        region: region.to_owned(),
        // Its loopback port changes each run and says nothing; records name the emulator.
        endpoint: Some(DEMO_ENDPOINT.to_owned()),
        read_only,
        demo: true,
        caps: crate::caps::Caps::default(),
    };
    Connection {
        backend: SdkBackend::new(aws_sdk_rekognition::Client::from_conf(config)),
        session,
        emulator: None,
        sts,
    }
}
