//! The real run loop on `TestBackend` with scripted keys against the in-process emulator,
//! for the headless tests.

#[path = "shared_backend.rs"]
mod shared_backend;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_rekognition::config::retry::{RetryConfig, RetryPartition};
use aws_sdk_rekognition::config::{Credentials, Region};
use ratatui::Terminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rekog::app::State;
use rekog::audit::Audit;
use rekog::aws::accounts::Unreached;
use rekog::aws::endpoints::{Endpoint, Endpoints, Source};
use rekog::aws::sdk::SdkBackend;
use rekog::aws::{Loaded, Reach};
use rekog::context::Session;
use rekog::context::{ConnectFailure, Context};
use rekog::effects::Effects;
use rekog::effects::contexts::{Connected, Connector, Contexts};
use rekog::effects::reach::{Load, Reacher};
use rekog::emulator::{self, ServeConfig};
use rekog::tui::run::{self, Exit, Io};
use rekog::tui::term::Input;
use shared_backend::SharedBackend;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::JoinHandle;

const SEED: &str = r#"{"collections":[
    {"id":"alpha-empty"},
    {"id":"lobby-cam","faces":25,"users":2},
    {"id":"warehouse-door","faces":7}
]}"#;

pub struct App {
    pub screen: SharedBackend,
    pub keys: UnboundedSender<Input>,
    pub task: JoinHandle<Exit>,
    pub client: aws_sdk_rekognition::Client,
    /// The audit trail the app writes.
    pub audit: PathBuf,
    /// Where its manifests go.
    pub manifests: PathBuf,
    _dir: tempfile::TempDir,
    _emulator: emulator::Handle,
}

pub fn patience() -> Duration {
    let secs = std::env::var("REKOG_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

/// Each app gets its own retry partition, so throttling in one test cannot drain another's
/// retry tokens.
fn partition() -> RetryPartition {
    static N: AtomicU64 = AtomicU64::new(0);
    RetryPartition::new(format!("headless-{}", N.fetch_add(1, Ordering::Relaxed)))
}

/// The app on a fresh emulator, auditing to a trail in a temporary directory.
pub async fn start(config: ServeConfig, read_only: bool) -> App {
    start_audited(config, read_only, None).await
}

/// As [`start`], with pre-delete manifests on, written under the returned app's `manifests`.
pub async fn start_with_manifests(config: ServeConfig) -> App {
    start_full(config, false, None, true, &[]).await
}

/// As [`start`], with the audit trail at `audit` when given.
pub async fn start_audited(config: ServeConfig, read_only: bool, audit: Option<&Path>) -> App {
    start_full(config, read_only, audit, false, &[]).await
}

/// As [`start`], with collections matching `rules` protected.
pub async fn start_protected(config: ServeConfig, rules: &[&str]) -> App {
    start_full(config, false, None, false, rules).await
}

/// Changes to the state before the app runs (the regions offered, the profiles...).
pub type Prepare = Box<dyn FnOnce(&mut State) + Send>;

/// As [`start`], with `prepare` applied to the state first.
pub async fn start_prepared(config: ServeConfig, prepare: Prepare) -> App {
    start_app(config, false, None, false, &[], prepare, None).await
}

/// Profiles and the access key each signs with; `None`: one that cannot be used (an SSO
/// profile never logged in when its name starts with `sso`, else one without credentials).
pub type Profiles = Vec<(&'static str, Option<&'static str>)>;

/// As [`start_prepared`], the session on the first of `profiles`, and the fleet able to
/// reach every one of them and an organization's roles.
pub async fn start_accounts(config: ServeConfig, profiles: Profiles, prepare: Prepare) -> App {
    start_app(config, false, None, false, &[], prepare, Some(profiles)).await
}

/// A profile's configuration at the emulator, as `rekog::aws::load` gives a real one.
fn loaded(
    endpoint: &str,
    profiles: &Profiles,
    profile: Option<String>,
    region: &str,
) -> Result<Loaded, Unreached> {
    let name = profile.clone().unwrap_or_else(|| profiles[0].0.to_owned());
    let key = profiles
        .iter()
        .find(|(p, _)| *p == name)
        .and_then(|(_, key)| *key);
    let Some(key) = key else {
        return Err(if name.starts_with("sso") {
            Unreached::SsoLogin { profile: name }
        } else {
            Unreached::NoCredentials
        });
    };
    let credentials = Credentials::new(key, "secret", None, None, "t");
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .retry_config(RetryConfig::standard())
        .timeout_config(rekog::aws::timeouts(Duration::from_secs(20)))
        .build();
    let endpoint = |source| Endpoint {
        url: Some(endpoint.to_owned()),
        source,
    };
    Ok(Loaded {
        config,
        reach: Reach {
            endpoints: Endpoints {
                rekognition: endpoint(Source::Flag),
                sts: endpoint(Source::Emulator),
                ignoring: None,
            },
            http: None,
        },
        region: region.to_owned(),
        profile: Some(name),
    })
}

/// Connects a context with its profile's key, its role assumed when it names one.
fn accounts_connector(endpoint: String, profiles: Profiles) -> Connector<SdkBackend> {
    Arc::new(move |context: Context, _code: Option<String>| {
        let (endpoint, profiles) = (endpoint.clone(), profiles.clone());
        Box::pin(async move {
            let failed = |why: Unreached| ConnectFailure::Failed(why.to_string());
            let base = loaded(
                &endpoint,
                &profiles,
                context.profile.clone(),
                &context.region,
            )
            .map_err(failed)?;
            let loaded = match &context.role {
                Some(role) => rekog::aws::accounts::assume_arn(&base, role)
                    .await
                    .map_err(failed)?,
                None => base,
            };
            let conn = loaded.connection(&context.region, context.role.clone(), false);
            Ok(Connected {
                backend: Arc::new(conn.backend),
                sts: Some(conn.sts),
                session: conn.session,
            })
        })
    })
}

fn reacher(endpoint: String, profiles: Profiles, session: &Session) -> Reacher {
    let load: Load = {
        let profiles = profiles.clone();
        Arc::new(move |profile, region| {
            let result = loaded(&endpoint, &profiles, profile, &region);
            Box::pin(async move { result })
        })
    };
    Reacher {
        load,
        profile: session.profile.clone(),
        region: session.region.clone(),
        concurrency: 8,
        dir: None,
    }
}

async fn start_full(
    config: ServeConfig,
    read_only: bool,
    audit: Option<&Path>,
    manifests: bool,
    protect: &[&str],
) -> App {
    start_app(
        config,
        read_only,
        audit,
        manifests,
        protect,
        Box::new(|_| {}),
        None,
    )
    .await
}

/// Clients of the emulator at `endpoint` signed for `region`.
fn clients(endpoint: &str, region: &str) -> (aws_sdk_rekognition::Client, aws_sdk_sts::Client) {
    let credentials = Credentials::new("AKIDHEADLESS", "secret", None, None, "t");
    let sdk = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new(region.to_owned()))
        .credentials_provider(credentials.clone())
        .endpoint_url(endpoint)
        .retry_config(RetryConfig::standard())
        .retry_partition(partition())
        .timeout_config(rekog::aws::timeouts(Duration::from_secs(20)))
        .build();
    let sts = aws_sdk_sts::Config::builder()
        .behavior_version_latest()
        .region(aws_sdk_sts::config::Region::new(region.to_owned()))
        .credentials_provider(credentials)
        .endpoint_url(endpoint)
        .build();
    (
        aws_sdk_rekognition::Client::from_conf(sdk),
        aws_sdk_sts::Client::from_conf(sts),
    )
}

/// Connects any context to the emulator, in the context's region.
fn connector(endpoint: String, read_only: bool) -> Connector<SdkBackend> {
    Arc::new(move |context: Context, _code: Option<String>| {
        let endpoint = endpoint.clone();
        Box::pin(async move {
            let (client, sts) = clients(&endpoint, &context.region);
            Ok(Connected {
                backend: Arc::new(SdkBackend::new(client)),
                sts: Some(sts),
                session: Session {
                    profile: context.profile,
                    region: context.region,
                    endpoint: Some(endpoint),
                    read_only,
                    ..Session::default()
                },
            })
        })
    })
}

async fn start_app(
    mut config: ServeConfig,
    read_only: bool,
    audit: Option<&Path>,
    manifests: bool,
    protect: &[&str],
    prepare: Prepare,
    profiles: Option<Profiles>,
) -> App {
    let protect = rekog::protect::Protect::new(protect).expect("valid protect rules");
    let dir = tempfile::tempdir().expect("temporary directory");
    let manifest_dir = dir.path().join("manifests");
    let audit = audit.map_or_else(|| dir.path().join("audit.jsonl"), Path::to_path_buf);
    let trail = Arc::new(Audit::open(&audit).expect("audit trail"));
    if config.seed.is_none() {
        config.seed = Some(emulator::Seed::parse("test seed", SEED).expect("seed"));
    }
    let handle = emulator::serve(config).await.expect("emulator");
    let (mut client, _) = clients(&handle.endpoint(), "us-east-1");
    let mut switcher = connector(handle.endpoint(), read_only);
    let mut session = Session {
        region: "us-east-1".into(),
        endpoint: Some(handle.endpoint()),
        read_only,
        ..Session::default()
    };
    let mut reach = None;
    if let Some(profiles) = profiles {
        let first = loaded(&handle.endpoint(), &profiles, None, "us-east-1").expect("a key");
        let conn = first.connection("us-east-1", None, read_only);
        client = conn.backend.client().clone();
        session = conn.session;
        switcher = accounts_connector(handle.endpoint(), profiles.clone());
        reach = Some(reacher(handle.endpoint(), profiles, &session));
    }
    let screen = SharedBackend::new(120, 40);
    let (keys, mut inputs) = mpsc::unbounded_channel();
    let backend = Arc::new(SdkBackend::new(client.clone()));
    let mut terminal = Terminal::new(screen.clone()).expect("terminal");
    let dir_for_task = manifest_dir.clone();
    let task = tokio::spawn(async move {
        let (result_tx, mut results) = mpsc::unbounded_channel();
        let effects = Effects::new(backend, result_tx, read_only)
            .with_audit(trail)
            .with_protect(protect.clone())
            .with_manifests(Some(dir_for_task));
        let mut effects = Contexts::new(effects, session.context(), Some(switcher));
        if let Some(reacher) = reach {
            effects = effects.with_reacher(reacher);
        }
        let mut state = State::new(session);
        prepare(&mut state);
        state.settings.manifest = manifests;
        state.settings.protect = protect;
        let clock = || {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0)
        };
        let io = Io {
            inputs: &mut inputs,
            results: &mut results,
            effects: &effects,
            clock: &clock,
        };
        run::run(&mut terminal, &mut state, io)
            .await
            .expect("run loop")
    });
    App {
        screen,
        keys,
        task,
        client,
        audit,
        manifests: manifest_dir,
        _dir: dir,
        _emulator: handle,
    }
}

impl App {
    pub async fn wait_for(&self, needle: &str) -> String {
        self.wait_until(needle, |text| text.contains(needle)).await
    }

    /// The screen once `ok` holds of it; `what` names it if it never does.
    pub async fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let text = self.screen.text();
            if ok(&text) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen shows:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    pub fn key(&self, code: KeyCode) {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        self.keys.send(Input::Term(event)).expect("app is running");
    }

    pub fn type_text(&self, text: &str) {
        text.chars().for_each(|c| self.key(KeyCode::Char(c)));
    }

    /// Selects `id` through the filter, so the test does not depend on sort order.
    pub async fn select(&self, id: &str) {
        self.key(KeyCode::Char('/'));
        self.type_text(id);
        self.key(KeyCode::Enter);
        self.wait_for("Collections (1/").await;
    }

    pub async fn quit(self) {
        self.key(KeyCode::Char('q'));
        let exit = tokio::time::timeout(patience(), self.task)
            .await
            .expect("app quits")
            .expect("run loop task");
        assert_eq!(exit, Exit::Quit);
    }

    /// The audit trail's lines so far, in order.
    pub fn trail(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(&self.audit)
            .expect("audit trail")
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSON line"))
            .collect()
    }

    /// A client of the app's emulator signing with access key `key` in `region`.
    pub fn client_of(&self, key: &str, region: &str) -> aws_sdk_rekognition::Client {
        let config = self
            .client
            .config()
            .to_builder()
            .region(Region::new(region.to_owned()))
            .credentials_provider(Credentials::new(key, "secret", None, None, "t"))
            .build();
        aws_sdk_rekognition::Client::from_conf(config)
    }

    pub async fn ids(&self) -> Vec<String> {
        self.client
            .list_collections()
            .send()
            .await
            .expect("ListCollections")
            .collection_ids
            .unwrap_or_default()
    }
}
