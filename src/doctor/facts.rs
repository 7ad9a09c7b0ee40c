//! What doctor judges, gathered from the process, the files and the terminal in one go.
//! Secrets never get in: a secret key or session token is kept only as set or not, and a
//! proxy's password is masked as it is read.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::DoctorArgs;
use super::ini;
use crate::aws::endpoints::{self, Endpoints, Service};
use crate::aws::profiles::{self, Kind, Profile};
use crate::aws::{mfa, trust};
use crate::caps::{Caps, Choices, Origin};
use crate::config::{Config, ConfigError};

/// The variables doctor reads. Values of the secret ones are never kept.
const VARIABLES: &[&str] = &[
    "TERM",
    "LANG",
    "LC_ALL",
    "LC_CTYPE",
    "COLORTERM",
    "NO_COLOR",
    "TMUX",
    "STY",
    "SSH_CONNECTION",
    "SSH_TTY",
    "AWS_PROFILE",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_ACCESS_KEY_ID",
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CA_BUNDLE",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_EC2_METADATA_DISABLED",
    "NO_PROXY",
    "no_proxy",
];

/// The proxy variables: read with [`VARIABLES`] (their passwords masked), and named by the
/// proxy check in this order.
pub const PROXIES: &[&str] = &[
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Kept only as whether they are set.
const SECRETS: &[&str] = &["AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"];

/// Stands for a secret's value.
pub const SET: &str = "(set)";

/// Everything the checks look at.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub demo: bool,
    /// The variables read, non-empty ones only; secrets as [`SET`], proxies' passwords
    /// masked.
    pub env: BTreeMap<String, String>,
    pub flags: Flags,
    pub tty: Tty,
    pub caps: Caps,
    pub rekog_config: RekogConfig,
    pub aws_config: AwsFile,
    pub aws_credentials: AwsFile,
    pub profile: ProfileFacts,
    /// The SSO token of an SSO profile.
    pub sso: Option<Sso>,
    /// An MFA role's cached credentials: when they expire (epoch seconds), if fresh.
    pub mfa_cached_until: Option<i64>,
    /// The region and where it came from.
    pub region: Option<(String, String)>,
    pub endpoints: Option<Endpoints>,
    /// The SDK's own URLs for the region, where no endpoint is configured.
    pub sdk_urls: SdkUrls,
    pub ca: CaFact,
    pub places: Vec<Place>,
    pub audit: AuditFact,
    /// The web identity token file, when one is named: whether it can be read.
    pub web_identity_file: Option<(PathBuf, bool)>,
    pub now_secs: i64,
}

impl Facts {
    /// A variable's value, `None` when unset or empty.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env.get(name).map(String::as_str)
    }
}

/// The connection flags as given.
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub profile: Option<String>,
    pub region: Option<String>,
    pub endpoint_url: Option<String>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Tty {
    pub stdin: bool,
    pub stdout: bool,
    /// Columns and rows, when some standard stream is a terminal that says.
    pub size: Option<(u16, u16)>,
}

#[derive(Debug, Clone, Default)]
pub enum RekogConfig {
    /// Neither XDG_CONFIG_HOME nor HOME says where it would be.
    #[default]
    NoPlace,
    Missing(PathBuf),
    Loaded {
        path: PathBuf,
        profiles: usize,
    },
    Broken(ConfigError),
}

/// One of the AWS shared files.
#[derive(Debug, Clone, Default)]
pub struct AwsFile {
    pub path: Option<PathBuf>,
    /// Named by AWS_CONFIG_FILE or AWS_SHARED_CREDENTIALS_FILE rather than the default.
    pub from_env: bool,
    pub state: FileState,
}

#[derive(Debug, Clone, Default)]
pub enum FileState {
    #[default]
    Missing,
    Unreadable(String),
    Read {
        mode: u32,
        problems: Vec<ini::Problem>,
        /// Profile sections.
        profiles: usize,
    },
}

#[derive(Debug, Clone, Default)]
pub struct ProfileFacts {
    pub name: String,
    /// `--profile`, `AWS_PROFILE`, or `default` when neither names one.
    pub from: String,
    pub found: Option<Profile>,
    /// The files that hold a section of it.
    pub in_files: Vec<PathBuf>,
}

impl ProfileFacts {
    pub fn kind(&self) -> Option<Kind> {
        self.found.as_ref().map(Profile::kind)
    }
}

/// An SSO profile's login.
#[derive(Debug, Clone, Default)]
pub struct Sso {
    pub start_url: Option<String>,
    pub session: Option<String>,
    /// The cached token's expiry (epoch seconds) and whether it can be refreshed; `None`
    /// when no token for the start URL is cached.
    pub token: Option<(i64, bool)>,
}

#[derive(Debug, Clone, Default)]
pub struct SdkUrls {
    pub rekognition: Option<String>,
    pub sts: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub enum CaFact {
    #[default]
    None,
    Bundle {
        path: PathBuf,
        source: String,
        certificates: usize,
    },
    Broken(String),
}

/// One of rekog's directories or files.
#[derive(Debug, Clone)]
pub struct Place {
    pub name: &'static str,
    pub path: Option<PathBuf>,
    /// A directory is expected (else a file).
    pub dir: bool,
    pub state: PlaceState,
}

#[derive(Debug, Clone)]
pub enum PlaceState {
    Absent,
    Present {
        is_dir: bool,
        mode: u32,
        mine: bool,
        writable: bool,
    },
    Unreadable(String),
}

#[derive(Debug, Clone, Default)]
pub struct AuditFact {
    pub path: Option<PathBuf>,
    pub state: AuditState,
}

#[derive(Debug, Clone, Default)]
pub enum AuditState {
    /// Not looked at: no path.
    #[default]
    Unknown,
    Appendable {
        mode: u32,
        bytes: u64,
    },
    NotAppendable(String),
    /// Not there yet: the directory it would be made in, if one can be written.
    Absent(Result<PathBuf, String>),
}

/// Reads everything the checks need from this process, its files and its terminal.
pub async fn gather(args: &DoctorArgs) -> Facts {
    let env = environment();
    let flags = Flags {
        profile: args.connect.profile.clone().filter(|p| !p.is_empty()),
        region: args.connect.region.clone().filter(|r| !r.is_empty()),
        endpoint_url: args.connect.endpoint_url.clone().filter(|u| !u.is_empty()),
    };
    let rekog_config = rekog_config();
    let choices = match &rekog_config {
        RekogConfig::Loaded { path, .. } => Config::load(path)
            .map(|c| choices_of(&c))
            .unwrap_or_default(),
        _ => Choices::default(),
    };
    let caps = Caps::from_env(choices);
    let aws_config = aws_file(profiles::config_path(), env.contains_key("AWS_CONFIG_FILE"));
    let aws_credentials = aws_file(
        profiles::credentials_path(),
        env.contains_key("AWS_SHARED_CREDENTIALS_FILE"),
    );
    let mut facts = Facts {
        demo: args.demo,
        env,
        flags,
        tty: tty(),
        caps,
        rekog_config,
        aws_config,
        aws_credentials,
        now_secs: crate::time::wall_secs(),
        ..Facts::default()
    };
    facts.places = places();
    facts.audit = audit();
    if facts.demo {
        return facts;
    }
    facts.profile = profile(&facts);
    let found = facts.profile.found.clone();
    facts.region = region(&facts);
    facts.endpoints = Some(endpoints::from_environment(
        facts.flags.endpoint_url.as_deref(),
        Some(&facts.profile.name),
    ));
    if let (Some((region, _)), Some(resolved)) = (&facts.region, &facts.endpoints) {
        facts.sdk_urls = sdk_urls(resolved, region).await;
    }
    facts.ca = match trust::from_environment(found.as_ref()) {
        Ok(None) => CaFact::None,
        Ok(Some(bundle)) => CaFact::Bundle {
            path: bundle.path,
            source: bundle.source,
            certificates: bundle.certificates,
        },
        Err(err) => CaFact::Broken(err.to_string()),
    };
    if let Some(profile) = &found {
        match profile.kind() {
            Kind::Sso => facts.sso = Some(sso(profile)),
            Kind::RoleMfa => {
                facts.mfa_cached_until = mfa::Role::of(profile).and_then(|role| {
                    let dir = mfa::cache_dir()?;
                    mfa::cached(&role, &dir, facts.now_secs).map(|t| t.expiration)
                });
            }
            _ => {}
        }
    }
    let token_file = found
        .as_ref()
        .and_then(|p| p.get("web_identity_token_file").map(PathBuf::from))
        .or_else(|| facts.var("AWS_WEB_IDENTITY_TOKEN_FILE").map(PathBuf::from));
    facts.web_identity_file = token_file.map(|path| {
        let readable = std::fs::File::open(&path).is_ok();
        (path, readable)
    });
    facts
}

fn environment() -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    for name in VARIABLES.iter().chain(PROXIES) {
        if let Some(value) = std::env::var(name).ok().filter(|v| !v.is_empty()) {
            let value = if name.to_ascii_lowercase().ends_with("_proxy") && *name != "NO_PROXY" {
                mask_password(&value)
            } else {
                value
            };
            env.insert((*name).to_owned(), value);
        }
    }
    for name in SECRETS {
        if std::env::var_os(name).is_some_and(|v| !v.is_empty()) {
            env.insert((*name).to_owned(), SET.to_owned());
        }
    }
    env
}

/// `http://user:secret@proxy:3128` as `http://user:***@proxy:3128`.
pub fn mask_password(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return url.to_owned();
    };
    let user = userinfo.split(':').next().unwrap_or("");
    let masked = if userinfo.contains(':') {
        format!("{user}:***@{host}{path}")
    } else {
        format!("{user}@{host}{path}")
    };
    if scheme.is_empty() {
        masked
    } else {
        format!("{scheme}://{masked}")
    }
}

fn choices_of(config: &Config) -> Choices {
    Choices {
        charset: config.terminal.charset.map(|c| (c, Origin::Config)),
        color: config.terminal.color.map(|c| (c, Origin::Config)),
        theme: config.terminal.theme,
    }
}

fn tty() -> Tty {
    Tty {
        stdin: std::io::stdin().is_terminal(),
        stdout: std::io::stdout().is_terminal(),
        size: [1, 2, 0].into_iter().find_map(window_size),
    }
}

/// The size of the terminal on file descriptor `fd`, if it is one.
fn window_size(fd: i32) -> Option<(u16, u16)> {
    let mut size = libc::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCGWINSZ writes one `winsize` into the struct we own and pass by pointer;
    // on a descriptor that is not a terminal it fails and writes nothing.
    let done = unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut size) };
    (done == 0 && size.ws_col > 0 && size.ws_row > 0).then_some((size.ws_col, size.ws_row))
}

fn rekog_config() -> RekogConfig {
    let Some(path) = Config::default_path() else {
        return RekogConfig::NoPlace;
    };
    match Config::load(&path) {
        Ok(config) if config.path.is_some() => RekogConfig::Loaded {
            profiles: config.profiles().count(),
            path,
        },
        Ok(_) => RekogConfig::Missing(path),
        Err(err) => RekogConfig::Broken(err),
    }
}

fn aws_file(path: Option<PathBuf>, from_env: bool) -> AwsFile {
    let state = match &path {
        None => FileState::Missing,
        Some(path) => match std::fs::read(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => FileState::Missing,
            Err(e) => FileState::Unreadable(e.to_string()),
            Ok(bytes) => {
                let mode = std::fs::metadata(path).map_or(0, |m| m.permissions().mode() & 0o777);
                let text = String::from_utf8_lossy(&bytes);
                let read = ini::read(&text);
                FileState::Read {
                    mode,
                    problems: read.problems,
                    profiles: read.sections,
                }
            }
        },
    };
    AwsFile {
        path,
        from_env,
        state,
    }
}

fn profile(facts: &Facts) -> ProfileFacts {
    let (name, from) = match (&facts.flags.profile, facts.var("AWS_PROFILE")) {
        (Some(name), _) => (name.clone(), "--profile".to_owned()),
        (None, Some(name)) => (name.to_owned(), "AWS_PROFILE".to_owned()),
        (None, None) => ("default".to_owned(), "default".to_owned()),
    };
    let read = |file: &AwsFile| {
        let path = file.path.as_ref()?;
        if !matches!(file.state, FileState::Read { .. }) {
            return None;
        }
        Some((path.clone(), std::fs::read_to_string(path).ok()?))
    };
    let config = read(&facts.aws_config);
    let credentials = read(&facts.aws_credentials);
    let mut in_files = Vec::new();
    if let Some((path, text)) = &config
        && profiles::merge(Some(text), None)
            .iter()
            .any(|p| p.name == name)
    {
        in_files.push(path.clone());
    }
    if let Some((path, text)) = &credentials
        && profiles::merge(None, Some(text))
            .iter()
            .any(|p| p.name == name)
    {
        in_files.push(path.clone());
    }
    let found = profiles::merge(
        config.as_ref().map(|(_, t)| t.as_str()),
        credentials.as_ref().map(|(_, t)| t.as_str()),
    )
    .into_iter()
    .find(|p| p.name == name);
    ProfileFacts {
        name,
        from,
        found,
        in_files,
    }
}

/// In the SDK's order: the flag, AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`.
fn region(facts: &Facts) -> Option<(String, String)> {
    if let Some(region) = &facts.flags.region {
        return Some((region.clone(), "--region".into()));
    }
    for name in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
        if let Some(region) = facts.var(name) {
            return Some((region.to_owned(), name.to_owned()));
        }
    }
    let profile = facts.profile.found.as_ref()?;
    let region = profile.region()?;
    Some((
        region.to_owned(),
        format!("region of profile {}", profile.name),
    ))
}

async fn sdk_urls(resolved: &Endpoints, region: &str) -> SdkUrls {
    let url = |endpoint: &endpoints::Endpoint, service| {
        let (fips, dual_stack) = match &endpoint.source {
            endpoints::Source::Variant {
                fips, dual_stack, ..
            } => (*fips, *dual_stack),
            _ => (false, false),
        };
        let wanted = endpoint.url.is_none();
        async move {
            if wanted {
                endpoints::sdk_url(service, region, fips, dual_stack).await
            } else {
                None
            }
        }
    };
    SdkUrls {
        rekognition: url(&resolved.rekognition, Service::Rekognition).await,
        sts: url(&resolved.sts, Service::Sts).await,
    }
}

fn sso(profile: &Profile) -> Sso {
    let session = profile.get("sso_session").map(str::to_owned);
    let start_url = profile.get("sso_start_url").map(str::to_owned).or_else(|| {
        let sessions = profiles::load_sections("sso-session");
        sessions
            .get(session.as_deref()?)?
            .get("sso_start_url")
            .cloned()
    });
    let token = start_url.as_deref().and_then(|url| {
        let dir = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".aws/sso/cache"))?;
        sso_token(&dir, url)
    });
    Sso {
        start_url,
        session,
        token,
    }
}

/// The latest-expiring token cached for `start_url` in `dir` (aws-cli's cache), with
/// whether it holds a refresh token. Only `startUrl`, `expiresAt` and the presence of
/// `refreshToken` are read; no token leaves this function.
pub fn sso_token(dir: &Path, start_url: &str) -> Option<(i64, bool)> {
    let entries = std::fs::read_dir(dir).ok()?;
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            let json: serde_json::Value = serde_json::from_str(&text).ok()?;
            if json.get("startUrl")?.as_str()? != start_url {
                return None;
            }
            let expires = json.get("expiresAt")?.as_str()?;
            // aws-cli v1 wrote `2019-11-14T04:05:45UTC`.
            let expires = expires.replace("UTC", "Z");
            let secs = crate::time::parse_rfc3339(&expires)? / 1000;
            let refresh = json.get("refreshToken").is_some_and(|t| !t.is_null());
            Some((secs, refresh))
        })
        .max_by_key(|(secs, _)| *secs)
}

fn places() -> Vec<Place> {
    use crate::paths;
    let manifests = crate::manifest::default_dir();
    let log = crate::tui::logging::default_path();
    [
        ("config dir", paths::config_dir(), true),
        ("data dir", paths::data_dir(), true),
        ("manifests", manifests, true),
        ("state dir", paths::state_dir(), true),
        ("log", log, false),
        ("cache dir", paths::cache_dir(), true),
    ]
    .into_iter()
    .map(|(name, path, dir)| Place {
        state: path.as_deref().map_or(PlaceState::Absent, place_state),
        name,
        path,
        dir,
    })
    .collect()
}

fn place_state(path: &Path) -> PlaceState {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => PlaceState::Absent,
        Err(e) => PlaceState::Unreadable(e.to_string()),
        Ok(meta) => PlaceState::Present {
            is_dir: meta.is_dir(),
            mode: meta.permissions().mode() & 0o7777,
            // SAFETY: geteuid has no preconditions and cannot fail.
            mine: meta.uid() == unsafe { libc::geteuid() },
            writable: writable(path),
        },
    }
}

/// Whether this process may write `path` (create entries in it, for a directory).
fn writable(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a NUL-terminated path that lives across the call; access only reads it.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

fn audit() -> AuditFact {
    let path = crate::audit::Audit::default_path();
    let state = match &path {
        None => AuditState::Unknown,
        Some(path) => audit_state(path),
    };
    AuditFact { path, state }
}

/// Opens the trail for appending without creating it or writing to it; when it is absent,
/// finds the directory it would be created under.
pub fn audit_state(path: &Path) -> AuditState {
    match std::fs::OpenOptions::new().append(true).open(path) {
        Ok(file) => {
            let meta = file.metadata().ok();
            AuditState::Appendable {
                mode: meta.as_ref().map_or(0, |m| m.permissions().mode() & 0o777),
                bytes: meta.map_or(0, |m| m.len()),
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let existing = path.ancestors().skip(1).find(|p| p.exists());
            AuditState::Absent(match existing {
                Some(dir) if dir.is_dir() && writable(dir) => Ok(dir.to_path_buf()),
                Some(dir) => Err(format!("{} cannot be written", dir.display())),
                None => Err("no directory above it exists".to_owned()),
            })
        }
        Err(e) => AuditState::NotAppendable(e.to_string()),
    }
}
