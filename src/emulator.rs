//! A loopback emulator of the Rekognition collection API. `rekog serve` runs it alone; the
//! TUI's `--demo` and the tests run it in-process on a free port through [`serve`].

mod accounts;
mod auth;
mod cli;
pub mod error;
mod faults;
mod likeness;
mod ops;
mod organizations;
mod quota;
mod router;
pub mod seed;
mod sigv4;
mod store;
mod sts;
mod tls;
mod token;
mod validate;
pub mod wire;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

pub use cli::{ServeArgs, run_cli};
pub use faults::OPERATIONS;
pub use quota::Quota;
pub use router::{EmulatorState, MAX_BODY_BYTES, router};
pub use seed::{Seed, SeedError};
pub use tls::{TlsError, TlsFiles};

use store::{Db, Store, StoreThread};

/// The account of every key when neither `--account` nor a seed's accounts say otherwise.
pub const DEFAULT_ACCOUNT: &str = "123456789012";

/// The demo account behind `rekog --demo`.
pub const DEMO_SEED: &str = include_str!("../assets/demo-seed.json");

/// How to run the emulator. The default is what tests want: a free loopback port, an
/// in-memory store, no seed, no signature check and no faults.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    pub db: Option<PathBuf>,
    pub seed: Option<Seed>,
    /// The account of access keys the seed lists in no account (and of its top-level
    /// collections); `None`: the seed's first account, else [`DEFAULT_ACCOUNT`].
    pub account: Option<String>,
    /// Access key id and secret; when set, every signature is verified. Temporary
    /// credentials from the emulator's AssumeRole and GetSessionToken are always verified.
    pub credentials: Option<(String, String)>,
    /// The six-digit code AssumeRole and GetSessionToken require, with a SerialNumber;
    /// without it, MFA members are optional and any well-formed code passes.
    pub mfa_code: Option<String>,
    pub latency: Option<(Duration, Duration)>,
    pub fault_rate: f64,
    pub fault_seed: u64,
    /// Operations answered with AccessDeniedException: `OP` everywhere, `OP@REGION` in one
    /// region.
    pub deny: Vec<String>,
    /// Regions answered as opt-in regions the account has not enabled
    /// (UnrecognizedClientException).
    pub disabled_regions: Vec<String>,
    /// Requests per second per operation and region; beyond them, the service's error.
    pub quotas: Vec<Quota>,
    /// `latency`, `fault_rate`, `deny` and `quotas` wait for [`Handle::release_faults`]:
    /// the server's own setup requests (`serve --demo` indexing its photos) meet none.
    pub faults_held: bool,
    /// Request ids made from each request's content (and how often the same request came)
    /// instead of at random, so that a recorded demo shows the same ids every time.
    pub stable_request_ids: bool,
    pub allow_remote: bool,
    /// Serve HTTPS with this certificate and key instead of plain HTTP.
    pub tls: Option<TlsFiles>,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            db: None,
            seed: None,
            account: None,
            credentials: None,
            mfa_code: None,
            latency: None,
            fault_rate: 0.0,
            fault_seed: 0,
            deny: Vec::new(),
            disabled_regions: Vec::new(),
            quotas: Vec::new(),
            faults_held: false,
            stable_request_ids: false,
            allow_remote: false,
            tls: None,
        }
    }
}

/// Why the emulator could not start.
#[derive(Debug)]
pub enum ServeError {
    /// A non-loopback address without `allow_remote`.
    Remote(SocketAddr),
    Bind(SocketAddr, std::io::Error),
    Db(String, String),
    Seed(SeedError),
    Config(String),
    /// The certificate or key of `tls` cannot be used.
    Tls(TlsError),
    Io(std::io::Error),
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Remote(addr) => write!(
                f,
                "refusing to listen on {addr}: it is not a loopback address \
                 (pass --allow-remote to expose the emulator to the network)"
            ),
            Self::Bind(addr, e) => write!(f, "cannot listen on {addr}: {e}"),
            Self::Db(path, problem) => write!(f, "database {path}: {problem}"),
            Self::Seed(e) => e.fmt(f),
            Self::Config(problem) => f.write_str(problem),
            Self::Tls(e) => e.fmt(f),
            Self::Io(e) => write!(f, "cannot start the emulator: {e}"),
        }
    }
}

impl std::error::Error for ServeError {}

impl EmulatorState {
    /// Opens the store, applies the seed and returns a state for [`router`]. Blocking: with
    /// a database file, it may seed millions of faces. The store thread stops when the last
    /// state is dropped.
    pub fn open(config: &ServeConfig) -> Result<EmulatorState, ServeError> {
        open(config, watch::channel(false).1).map(|(state, _thread)| state)
    }
}

fn open(
    config: &ServeConfig,
    stopping: watch::Receiver<bool>,
) -> Result<(EmulatorState, StoreThread), ServeError> {
    check(config)?;
    let db_name = config
        .db
        .as_ref()
        .map_or_else(|| "(in memory)".to_owned(), |p| p.display().to_string());
    let mut db =
        Db::open(config.db.as_deref()).map_err(|e| ServeError::Db(db_name, e.to_string()))?;
    let account = default_account(config);
    if let Some(seed) = &config.seed {
        let now = crate::time::now_secs();
        // A database file is seeded whole before it serves, so that it never holds half a
        // seed; in memory, the store serves at once and writes users and faces behind.
        let seeded = match config.db {
            Some(_) => seed.apply(&mut db, now, &account),
            None => seed.plant(&mut db, now, &account),
        };
        seeded.map_err(ServeError::Seed)?;
    }
    let (store, thread) = Store::start(db).map_err(ServeError::Io)?;
    let faults = faults::Faults::new(
        config.latency,
        config.fault_rate,
        config.fault_seed,
        &config.deny,
    )
    .with_disabled(&config.disabled_regions)
    .held(config.faults_held);
    let accounts = match &config.seed {
        Some(seed) => seed.accounts(&account),
        None => accounts::Accounts::single(&account),
    };
    let keys = auth::Keys {
        accounts,
        credentials: config.credentials.clone(),
        mfa_code: config.mfa_code.clone(),
        sessions: Arc::default(),
    };
    let state = EmulatorState::new(
        store,
        keys,
        Arc::new(faults),
        quota::Limiter::new(&config.quotas),
        config.stable_request_ids.then(Default::default),
        stopping,
    );
    Ok((state, thread))
}

/// `--account`, else the seed's first account, else [`DEFAULT_ACCOUNT`].
fn default_account(config: &ServeConfig) -> String {
    let first = config.seed.as_ref().and_then(Seed::first_account);
    config
        .account
        .as_deref()
        .or(first)
        .unwrap_or(DEFAULT_ACCOUNT)
        .to_owned()
}

fn check(config: &ServeConfig) -> Result<(), ServeError> {
    if !config.allow_remote && !config.addr.ip().is_loopback() {
        return Err(ServeError::Remote(config.addr));
    }
    if let Some(account) = &config.account
        && (account.len() != 12 || !account.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(ServeError::Config(format!(
            "account {account:?} is not a 12-digit AWS account id"
        )));
    }
    if let Some(code) = &config.mfa_code
        && !is_mfa_code(code)
    {
        return Err(ServeError::Config(format!(
            "MFA code {code:?} is not six digits"
        )));
    }
    if !(0.0..=1.0).contains(&config.fault_rate) {
        return Err(ServeError::Config(format!(
            "fault rate {} is not between 0 and 1",
            config.fault_rate
        )));
    }
    if let Some((min, max)) = config.latency
        && min > max
    {
        return Err(ServeError::Config(format!(
            "latency {min:?}..{max:?}: the minimum is above the maximum"
        )));
    }
    if let Some(op) = config
        .deny
        .iter()
        .find(|op| !OPERATIONS.contains(&op.split('@').next().unwrap_or_default()))
    {
        return Err(ServeError::Config(format!(
            "cannot deny {op:?}: the operations are {}",
            OPERATIONS.join(", ")
        )));
    }
    for quota in &config.quotas {
        quota::check(quota).map_err(ServeError::Config)?;
    }
    Ok(())
}

/// A one-time code as STS takes it: six digits.
pub fn is_mfa_code(code: &str) -> bool {
    code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())
}

/// A running emulator. Dropping it stops the server; [`Handle::shutdown`] also waits for
/// in-flight requests and closes the database.
pub struct Handle {
    pub addr: SocketAddr,
    /// Serving HTTPS.
    tls: bool,
    sessions: Arc<sts::Sessions>,
    faults: Arc<faults::Faults>,
    stop: watch::Sender<bool>,
    server: Option<JoinHandle<()>>,
    store: Option<StoreThread>,
}

impl Handle {
    /// The endpoint URL for SDKs and aws-cli, e.g. `http://127.0.0.1:4599` (`https://` with
    /// TLS).
    pub fn endpoint(&self) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        format!("{scheme}://{}", self.addr)
    }

    /// Moves the clock that temporary credentials expire by forward, so that a test sees
    /// them expire without waiting the 15 minutes of the shortest session.
    pub fn skip_ahead(&self, by: Duration) {
        let secs = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        self.sessions.skip_ahead(secs);
    }

    /// From now on, the latency, failures, denies and quotas of a config that held them.
    pub fn release_faults(&self) {
        self.faults.release();
    }

    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
        if let Some(store) = self.store.take() {
            store.stop().await;
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

/// Binds, seeds, and serves in a spawned task until the handle is shut down or dropped.
pub async fn serve(config: ServeConfig) -> Result<Handle, ServeError> {
    check(&config)?;
    let tls = config
        .tls
        .as_ref()
        .map(tls::load)
        .transpose()
        .map_err(ServeError::Tls)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| ServeError::Bind(config.addr, e))?;
    let addr = listener.local_addr().map_err(ServeError::Io)?;
    let (stop, stopping) = watch::channel(false);
    let shutdown_signal = stopping.clone();
    let (state, thread) = tokio::task::spawn_blocking(move || open(&config, stopping))
        .await
        .map_err(|e| ServeError::Io(std::io::Error::other(e)))??;
    let sessions = state.sessions();
    let faults = state.faults();
    let app = router(state);
    let https = tls.is_some();
    let server = match tls {
        Some(tls) => {
            let listener = tls::Listener::new(listener, tls).map_err(ServeError::Io)?;
            tokio::spawn(run(listener, app, shutdown_signal))
        }
        None => {
            let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
                // Answers are small; waiting for Nagle would add latency to every call.
                let _ = tcp.set_nodelay(true);
            });
            tokio::spawn(run(listener, app, shutdown_signal))
        }
    };
    Ok(Handle {
        addr,
        tls: https,
        sessions,
        faults,
        stop,
        server: Some(server),
        store: Some(thread),
    })
}

/// Serves `app` on `listener` until `stopping` turns true, then lets in-flight requests end.
async fn run<L>(listener: L, app: axum::Router, mut stopping: watch::Receiver<bool>)
where
    L: axum::serve::Listener,
    L::Addr: std::fmt::Debug,
{
    let _ = axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = stopping.wait_for(|stop| *stop).await;
        })
        .await;
}

/// An SDK configuration for the emulator: static credentials, the given region and endpoint.
pub fn sdk_config(
    endpoint: &str,
    region: &str,
    key: &str,
    secret: &str,
) -> aws_sdk_rekognition::Config {
    let credentials =
        aws_credential_types::Credentials::new(key, secret, None, None, "rekog-emulator");
    aws_sdk_rekognition::Config::builder()
        .behavior_version(aws_sdk_rekognition::config::BehaviorVersion::latest())
        .region(aws_sdk_rekognition::config::Region::new(region.to_owned()))
        .credentials_provider(credentials)
        .endpoint_url(endpoint)
        .build()
}
