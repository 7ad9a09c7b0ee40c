//! Resolves where rekog talks to before anything slow happens, and builds the client: real
//! AWS through the standard aws-config chain, or the embedded emulator for `--demo`.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::environment::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_rekognition::config::retry::{RetryConfig, RetryPartition};
use aws_sdk_rekognition::config::timeout::TimeoutConfig;
use aws_sdk_rekognition::config::{Credentials, Region};

use crate::app::session::Session;
use crate::cli::TuiArgs;
use crate::emulator;
use crate::sdk::SdkBackend;

/// The demo emulator's own static credentials; they only ever reach the loopback emulator.
const DEMO_KEY: &str = "AKIDREKOGDEMO0000000";
const DEMO_SECRET: &str = "rekog-demo-secret";
const DEMO_REGION: &str = "us-east-1";

/// What the TUI runs against.
pub struct Connection {
    pub backend: SdkBackend,
    pub session: Session,
    /// Kept alive for `--demo`: dropping it would stop the emulator.
    pub emulator: Option<emulator::Handle>,
    /// For GetCallerIdentity.
    pub sts: aws_sdk_sts::Client,
}

/// Why rekog cannot start; each message tells the operator what to do.
#[derive(Debug)]
pub enum ConnectError {
    NoRegion,
    Credentials(String),
    Demo(String),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::NoRegion => f.write_str(
                "no AWS region is configured.\n\
                 Pass --region (e.g. --region us-east-1), set AWS_REGION, add `region` to your \
                 profile, or try the emulator with --demo.",
            ),
            ConnectError::Credentials(detail) => write!(
                f,
                "no usable AWS credentials: {detail}\n\
                 Name a profile with --profile or AWS_PROFILE, run `aws sso login` if your SSO \
                 session expired, set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or try --demo."
            ),
            ConnectError::Demo(detail) => write!(f, "could not start the demo emulator: {detail}"),
        }
    }
}

/// The bounds every call runs under, so that no call can hang the app.
pub fn timeouts(operation: Duration) -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(3))
        .operation_attempt_timeout(operation.min(Duration::from_secs(10)))
        .operation_timeout(operation)
        .build()
}

/// Region from the flag, then the environment, then the profile; never the instance metadata
/// service, whose probing can take seconds on a machine that is not in EC2.
pub async fn resolve_region(args: &TuiArgs) -> Option<String> {
    if let Some(region) = args.region.as_deref().filter(|r| !r.is_empty()) {
        return Some(region.to_owned());
    }
    let mut profile = ProfileFileRegionProvider::builder();
    if let Some(name) = &args.profile {
        profile = profile.profile_name(name);
    }
    let chain = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
        .or_else(profile.build());
    let region = tokio::time::timeout(Duration::from_secs(1), chain.region()).await;
    region.ok().flatten().map(|r| r.to_string())
}

/// Builds the backend for `args`: the demo emulator, or AWS through aws-config.
pub async fn connect(args: &TuiArgs, monochrome: bool) -> Result<Connection, ConnectError> {
    let timeout = Duration::from_secs(args.timeout.max(1));
    if args.demo {
        return connect_demo(args, monochrome, timeout).await;
    }
    let region = resolve_region(args).await.ok_or(ConnectError::NoRegion)?;
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.clone()))
        .timeout_config(timeouts(timeout))
        .retry_config(RetryConfig::standard());
    if let Some(profile) = &args.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &args.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let config = loader.load().await;
    let provider = config
        .credentials_provider()
        .ok_or_else(|| ConnectError::Credentials("no credentials provider is configured".into()))?;
    match tokio::time::timeout(timeout, provider.provide_credentials()).await {
        Ok(Ok(_)) => {}
        Ok(Err(err)) => {
            let detail = crate::sdk::error_chain(&err);
            return Err(ConnectError::Credentials(detail));
        }
        Err(_) => return Err(ConnectError::Credentials("resolving them timed out".into())),
    }
    let endpoint = args.endpoint_url.clone().or_else(endpoint_from_env);
    let session = Session {
        profile: args
            .profile
            .clone()
            .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty())),
        region,
        endpoint,
        read_only: args.read_only,
        demo: false,
        monochrome,
    };
    let client = aws_sdk_rekognition::Client::new(&config);
    let sts = crate::identity::client(&config, session.endpoint.as_deref());
    Ok(Connection {
        backend: SdkBackend::new(client),
        session,
        emulator: None,
        sts,
    })
}

fn endpoint_from_env() -> Option<String> {
    ["AWS_ENDPOINT_URL_REKOGNITION", "AWS_ENDPOINT_URL"]
        .into_iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
}

async fn connect_demo(
    args: &TuiArgs,
    monochrome: bool,
    timeout: Duration,
) -> Result<Connection, ConnectError> {
    let seed = emulator::Seed::parse("assets/demo-seed.json", emulator::DEMO_SEED)
        .map_err(|e| ConnectError::Demo(e.to_string()))?;
    let handle = emulator::serve(emulator::ServeConfig {
        seed: Some(seed),
        credentials: Some((DEMO_KEY.into(), DEMO_SECRET.into())),
        ..emulator::ServeConfig::default()
    })
    .await
    .map_err(|e| ConnectError::Demo(e.to_string()))?;
    let endpoint = handle.endpoint();
    let demo_credentials = Credentials::new(DEMO_KEY, DEMO_SECRET, None, None, "rekog-demo");
    let shared = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(DEMO_REGION))
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                demo_credentials.clone(),
            ),
        )
        .timeout_config(timeouts(timeout))
        .build();
    let sts = crate::identity::client(&shared, Some(&endpoint));
    let config = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new(DEMO_REGION))
        .credentials_provider(Credentials::new(
            DEMO_KEY,
            DEMO_SECRET,
            None,
            None,
            "rekog-demo",
        ))
        .endpoint_url(&endpoint)
        .timeout_config(timeouts(timeout))
        .retry_config(RetryConfig::standard())
        .retry_partition(RetryPartition::new("rekog-demo"))
        .build();
    let session = Session {
        profile: None,
        region: DEMO_REGION.into(),
        endpoint: Some(endpoint),
        read_only: args.read_only,
        demo: true,
        monochrome,
    };
    Ok(Connection {
        backend: SdkBackend::new(aws_sdk_rekognition::Client::from_conf(config)),
        session,
        emulator: Some(handle),
        sts,
    })
}
