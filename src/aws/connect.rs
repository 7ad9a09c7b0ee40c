//! Connecting to AWS: resolves where rekog talks to before anything slow happens, checks
//! the credentials, and builds the clients with bounded timeouts and standard retries; real
//! AWS through the standard aws-config chain, or the embedded emulator for `--demo`. Every
//! command that reaches AWS (the TUI, `rekog manifest`, `rekog erase`) connects through here.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::environment::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_credential_types::provider::ProvideCredentials;
use aws_sdk_rekognition::config::timeout::TimeoutConfig;
use aws_sdk_rekognition::config::{Region, StalledStreamProtectionConfig};

use aws_types::sdk_config::SharedHttpClient;

use super::endpoints::{self, Endpoints};
use super::sdk::SdkBackend;
use super::{demo, identity, mfa, profiles, trust};
use crate::context::Session;
use crate::emulator;

/// What connecting needs to know, whichever command asks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    /// The AWS profile; `None` leaves it to the standard chain (AWS_PROFILE).
    pub profile: Option<String>,
    /// The region; `None` resolves it from the environment and the profile.
    pub region: Option<String>,
    /// Rekognition calls go here instead of AWS.
    pub endpoint_url: Option<String>,
    /// Bound on each API operation, retries included (at least a second).
    pub timeout: Duration,
    /// Recorded in the session: mutations are to be refused.
    pub read_only: bool,
    /// The embedded emulator with the demo account instead of AWS.
    pub demo: bool,
    /// Ask for the MFA code even when cached role credentials are still fresh.
    pub no_cache: bool,
}

/// What a command runs against.
pub struct Connection {
    pub backend: SdkBackend,
    /// Where the connection points; `caps` is left for the TUI to set.
    pub session: Session,
    /// Kept alive for `--demo`: dropping it would stop the emulator.
    pub emulator: Option<emulator::Handle>,
    /// For GetCallerIdentity.
    pub sts: aws_sdk_sts::Client,
}

/// How the clients reach AWS: each service's endpoint, and the HTTPS client (trusting the
/// configured CA bundle, if any) that every client of the configuration shares; `None`:
/// the SDK's own.
#[derive(Debug, Clone)]
pub struct Reach {
    pub endpoints: Endpoints,
    pub http: Option<SharedHttpClient>,
}

impl Reach {
    /// Resolves the endpoints and reads the CA bundle for `target`'s profile; a bundle that
    /// cannot be used is an error here, before any call.
    pub fn resolve(target: &Target) -> Result<Reach, ConnectError> {
        let name = endpoints::profile_name(target.profile.as_deref());
        let profile = profiles::find(&name);
        let bundle = trust::from_environment(profile.as_ref()).map_err(ConnectError::Trust)?;
        Ok(Reach {
            endpoints: endpoints::from_environment(target.endpoint_url.as_deref(), Some(&name)),
            http: Some(trust::shared_http_client(bundle.as_ref())),
        })
    }

    /// The Rekognition client of `config`, sent where the endpoints say.
    pub fn rekognition(&self, config: &aws_config::SdkConfig) -> aws_sdk_rekognition::Client {
        let mut builder = aws_sdk_rekognition::config::Builder::from(config);
        builder.set_stalled_stream_protection(Some(no_stall_watch()));
        // Set even when `None`: see `identity::client`.
        builder.set_endpoint_url(self.endpoints.rekognition.url.clone());
        aws_sdk_rekognition::Client::from_conf(builder.build())
    }

    /// The STS client of `config`, sent where the endpoints say.
    pub fn sts(&self, config: &aws_config::SdkConfig) -> aws_sdk_sts::Client {
        identity::client(config, self.endpoints.sts.url.as_deref())
    }
}

/// Why rekog cannot connect; each message tells the operator what to do.
#[derive(Debug)]
pub enum ConnectError {
    NoRegion,
    /// `--profile` or `AWS_PROFILE` names a profile neither file holds (`known` are those
    /// they do): the SDK would go on without it, and fail later on something else.
    NoProfile {
        name: String,
        known: Vec<String>,
    },
    /// `profile` takes its credentials from `source_profile = source`, which neither file
    /// holds.
    NoSourceProfile {
        profile: String,
        source: String,
        known: Vec<String>,
    },
    /// The CA bundle named cannot be used.
    Trust(trust::TrustError),
    Credentials(String),
    /// An SSO profile's credentials did not resolve: its session is not logged in or has
    /// expired (`detail`: the SDK's words).
    SsoLogin {
        profile: String,
        detail: String,
    },
    Demo(String),
    /// An MFA-protected role could not be assumed.
    Mfa(String),
    /// The profile's role wants an MFA code ([`connect_with`] got none, or one STS
    /// refused: `why`).
    NeedCode(Option<String>),
}

impl std::fmt::Display for ConnectError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConnectError::NoRegion => f.write_str(
                "no AWS region is configured.\n\
                 Pass --region (e.g. --region us-east-1), set AWS_REGION, add `region` to your \
                 profile, or try the emulator with --demo.",
            ),
            ConnectError::NoProfile { name, known } => write!(
                f,
                "no profile named {name:?} in the AWS config or credentials files; the \
                 profiles are: {}",
                names(known)
            ),
            ConnectError::NoSourceProfile {
                profile,
                source,
                known,
            } => write!(
                f,
                "profile {profile:?} takes its credentials from source_profile {source:?}, \
                 which is in neither the AWS config nor the credentials file; the profiles \
                 are: {}",
                names(known)
            ),
            ConnectError::Credentials(detail) => write!(
                f,
                "no usable AWS credentials: {detail}\n\
                 Name a profile with --profile or AWS_PROFILE, run `aws sso login` if your SSO \
                 session expired, set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or try --demo."
            ),
            ConnectError::SsoLogin { profile, detail } => write!(
                f,
                "the SSO session of profile {profile} is not logged in or has expired \
                 ({detail})\nRun `aws sso login --profile {profile}`, then try again."
            ),
            ConnectError::Trust(err) => write!(
                f,
                "{err}\nPoint {} (or the profile's ca_bundle) at a PEM file of the CA \
                 certificates to trust, or unset it.",
                trust::ENV
            ),
            ConnectError::Demo(detail) => write!(f, "could not start the demo emulator: {detail}"),
            ConnectError::Mfa(detail) => write!(f, "{detail}"),
            ConnectError::NeedCode(why) => {
                f.write_str(why.as_deref().unwrap_or("an MFA code is needed"))
            }
        }
    }
}

fn names(known: &[String]) -> String {
    if known.is_empty() {
        "(none)".to_owned()
    } else {
        known.join(", ")
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

/// The SDK's stalled-stream protection, off for Rekognition's clients. It times every
/// body's throughput to fail a transfer that stalls; every call here already ends within
/// [`timeouts`] (an attempt within 10 s), and Rekognition's bodies are small JSON, so it
/// caught nothing those bounds do not. Off, the fleet bench (16 regions x 2,000
/// collections, its time the SDK's work per call) used 1 to 5% less CPU in interleaved runs.
pub fn no_stall_watch() -> StalledStreamProtectionConfig {
    StalledStreamProtectionConfig::disabled()
}

/// Region from the target, then the environment, then the profile; never the instance
/// metadata service, whose probing can take seconds on a machine that is not in EC2.
pub async fn resolve_region(target: &Target) -> Option<String> {
    if let Some(region) = target.region.as_deref().filter(|r| !r.is_empty()) {
        return Some(region.to_owned());
    }
    let mut profile = ProfileFileRegionProvider::builder();
    if let Some(name) = &target.profile {
        profile = profile.profile_name(name);
    }
    let chain = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
        .or_else(profile.build());
    let region = tokio::time::timeout(Duration::from_secs(1), chain.region()).await;
    region.ok().flatten().map(|r| r.to_string())
}

/// Builds the backend for `target`: the demo emulator, or AWS through aws-config once the
/// credentials are known to resolve. An MFA code is asked for on the terminal.
pub async fn connect(target: &Target) -> Result<Connection, ConnectError> {
    connect_via(target, None).await
}

/// As [`connect`], for a running TUI that cannot use the terminal: an MFA role takes `code`
/// or fresh cached credentials, else the answer is [`ConnectError::NeedCode`].
pub async fn connect_with(
    target: &Target,
    code: Option<String>,
) -> Result<Connection, ConnectError> {
    connect_via(target, Some(code)).await
}

/// The configuration of the `--demo` emulator at `endpoint`, as [`load`] gives a profile's.
pub fn demo_loaded(endpoint: &str, region: &str, target: &Target) -> Loaded {
    let timeout = target.timeout.max(Duration::from_secs(1));
    demo::loaded(endpoint, region, timeout)
}

/// The clients for another region of the `--demo` emulator at `endpoint`.
pub fn demo_region(endpoint: &str, region: &str, target: &Target) -> Connection {
    let timeout = target.timeout.max(Duration::from_secs(1));
    demo::clients(endpoint, region, target.read_only, timeout)
}

/// `given`: `None` prompts on the terminal, `Some` is the code (if any) from the TUI.
async fn connect_via(
    target: &Target,
    given: Option<Option<String>>,
) -> Result<Connection, ConnectError> {
    let timeout = target.timeout.max(Duration::from_secs(1));
    if target.demo {
        return demo::connect(target, timeout).await;
    }
    let loaded = load(target, given).await?;
    let session = Session {
        role: None,
        profile: loaded.profile,
        region: loaded.region,
        endpoint: loaded.reach.endpoints.rekognition.url.clone(),
        read_only: target.read_only,
        demo: false,
        caps: crate::caps::Caps::default(),
    };
    Ok(Connection {
        backend: SdkBackend::new(loaded.reach.rekognition(&loaded.config)),
        session,
        emulator: None,
        sts: loaded.reach.sts(&loaded.config),
    })
}

/// The SDK configuration of a target whose credentials are known to resolve, and where
/// its calls go: what every client of one profile is built from, in any region.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub config: aws_config::SdkConfig,
    pub reach: Reach,
    pub region: String,
    /// The profile named by the target or AWS_PROFILE.
    pub profile: Option<String>,
}

impl Loaded {
    /// The clients of this configuration in `region`, for a session acting as `role` (the
    /// role these credentials are of, if assumed).
    pub fn connection(&self, region: &str, role: Option<String>, read_only: bool) -> Connection {
        let config = self
            .config
            .to_builder()
            .region(Region::new(region.to_owned()))
            .build();
        let demo = self.reach.endpoints.rekognition.source == endpoints::Source::Demo;
        let endpoint = if demo {
            Some(demo::ENDPOINT_NAME.to_owned())
        } else {
            self.reach.endpoints.rekognition.url.clone()
        };
        let session = Session {
            profile: self.profile.clone(),
            role,
            region: region.to_owned(),
            endpoint,
            read_only,
            demo,
            caps: crate::caps::Caps::default(),
        };
        Connection {
            backend: SdkBackend::new(self.reach.rekognition(&config)),
            session,
            emulator: None,
            sts: self.reach.sts(&config),
        }
    }
}

/// The profile `target` names (`--profile`, else `AWS_PROFILE`), checked against the files.
/// `default` may be absent: the SDK then reads the environment's credentials, as the AWS
/// CLI does.
pub fn profile_named(target: &Target) -> Result<Option<String>, ConnectError> {
    let profile = target
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()));
    let Some(name) = profile else {
        return Ok(None);
    };
    let all = profiles::load();
    let known: Vec<String> = all.iter().map(|p| p.name.clone()).collect();
    if name != "default" && !known.contains(&name) {
        return Err(ConnectError::NoProfile { name, known });
    }
    if let Some((profile, source)) = profiles::missing_source(&all, &name) {
        return Err(ConnectError::NoSourceProfile {
            profile,
            source,
            known,
        });
    }
    Ok(Some(name))
}

/// Loads `target`'s configuration (not the demo's) and resolves its credentials once.
/// `given`: `None` prompts on the terminal for an MFA code, `Some` is the code if any.
pub async fn load(target: &Target, given: Option<Option<String>>) -> Result<Loaded, ConnectError> {
    let timeout = target.timeout.max(Duration::from_secs(1));
    let profile = profile_named(target)?;
    let region = resolve_region(target).await.ok_or(ConnectError::NoRegion)?;
    let reach = Reach::resolve(target)?;
    let mut loader = loader(target, &region, &reach, timeout);
    // The SDK cannot ask for an MFA code, so a role that needs one is assumed here and the
    // SDK is handed its temporary credentials; every other profile keeps the SDK's chain.
    if let Some(role) = profile
        .as_deref()
        .and_then(profiles::find)
        .and_then(|p| mfa::Role::of(&p))
    {
        let temporary = match given {
            None => {
                let ask =
                    |why: Option<&str>| mfa::prompt::ask(&role.profile, &role.mfa_serial, why);
                mfa::resolve(&role, &region, &reach, timeout, target.no_cache, ask)
                    .await
                    .map_err(ConnectError::Mfa)?
            }
            Some(code) => {
                let cache = mfa::cache_dir().filter(|_| !target.no_cache);
                mfa_given(&role, &region, &reach, timeout, cache, code).await?
            }
        };
        loader = loader.credentials_provider(temporary.credentials());
    }
    let config = loader.load().await;
    let provider = config
        .credentials_provider()
        .ok_or_else(|| ConnectError::Credentials("no credentials provider is configured".into()))?;
    match tokio::time::timeout(timeout, provider.provide_credentials()).await {
        Ok(Ok(_)) => {}
        Ok(Err(err)) => {
            let detail = super::sdk::error_chain(&err);
            let sso = profile
                .as_deref()
                .and_then(profiles::find)
                .filter(|p| p.kind() == profiles::Kind::Sso);
            return Err(match sso {
                Some(p) => ConnectError::SsoLogin {
                    profile: p.name,
                    detail,
                },
                None => ConnectError::Credentials(detail),
            });
        }
        Err(_) => return Err(ConnectError::Credentials("resolving them timed out".into())),
    }
    Ok(Loaded {
        config,
        reach,
        region,
        profile,
    })
}

/// The SDK's loader for `target` in `region`. The retries are the profile's
/// (`max_attempts`, `retry_mode`) or `AWS_MAX_ATTEMPTS`/`AWS_RETRY_MODE`, else the SDK's
/// standard mode of 3 attempts: an operator who raised them for a flaky link or a busy
/// account keeps them.
fn loader(
    target: &Target,
    region: &str,
    reach: &Reach,
    timeout: Duration,
) -> aws_config::ConfigLoader {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .timeout_config(timeouts(timeout));
    if let Some(profile) = &target.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(url) = &target.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    if let Some(http) = &reach.http {
        loader = loader.http_client(http.clone());
    }
    loader
}

/// The role's credentials from a code typed in the TUI, or from a fresh cache when none was.
/// `dir`: the cache, none with `--no-cache` (then every role asks for its code).
async fn mfa_given(
    role: &mfa::Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    dir: Option<std::path::PathBuf>,
    code: Option<String>,
) -> Result<mfa::Temporary, ConnectError> {
    let Some(code) = code else {
        let Some(dir) = dir.as_deref() else {
            return Err(ConnectError::NeedCode(None));
        };
        return mfa::without_code(role, region, reach, timeout, dir)
            .await
            .ok_or(ConnectError::NeedCode(None));
    };
    match mfa::redeem(role, region, reach, timeout, dir.as_deref(), &code).await {
        Ok(temporary) => Ok(temporary),
        Err(mfa::CodeError::Malformed(why) | mfa::CodeError::Refused(why)) => {
            Err(ConnectError::NeedCode(Some(why)))
        }
        Err(mfa::CodeError::Failed(why)) => Err(ConnectError::Mfa(why)),
    }
}

#[cfg(test)]
mod tests {
    use aws_sdk_rekognition::config::retry::RetryMode;

    use super::*;

    /// The retries of a profile that sets them, and the SDK's standard 3 of one that does
    /// not. Before, rekog set standard mode over whatever the profile said.
    #[tokio::test]
    async fn the_profile_s_retries_are_kept() {
        use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
        let files = EnvConfigFiles::builder()
            .with_contents(
                EnvConfigFileKind::Config,
                "[profile patient]\nmax_attempts = 7\nretry_mode = adaptive\n\
                 [profile plain]\nregion = eu-west-1\n",
            )
            .build();
        let reach = Reach {
            endpoints: endpoints::from_environment(Some("http://127.0.0.1:9"), None),
            http: None,
        };
        let retries = |profile: &str| {
            let target = Target {
                profile: Some(profile.to_owned()),
                ..Target::default()
            };
            let loader = loader(&target, "eu-west-1", &reach, Duration::from_secs(5))
                .profile_files(files.clone());
            async move { loader.load().await.retry_config().cloned() }
        };
        let patient = retries("patient").await.expect("a retry config");
        assert_eq!(patient.max_attempts(), 7);
        assert_eq!(patient.mode(), RetryMode::Adaptive);
        let plain = retries("plain").await.expect("a retry config");
        assert_eq!(plain.max_attempts(), 3);
        assert_eq!(plain.mode(), RetryMode::Standard);
    }

    #[test]
    fn rekognition_clients_leave_stalls_to_the_timeouts() {
        let config = aws_config::SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new("us-east-1"))
            .timeout_config(timeouts(Duration::from_secs(30)))
            .build();
        let reach = Reach {
            endpoints: endpoints::from_environment(Some("http://127.0.0.1:9"), None),
            http: None,
        };
        let client = reach.rekognition(&config);
        let watch = client.config().stalled_stream_protection();
        assert_eq!(watch.map(|w| w.is_enabled()), Some(false));
        let bounds = client.config().timeout_config().cloned();
        assert_eq!(
            bounds.and_then(|t| t.operation_attempt_timeout()),
            Some(Duration::from_secs(10))
        );
    }
}
