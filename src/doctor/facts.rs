//! What doctor judges, gathered from the process, the files and the terminal in one go.
//! Secrets never get in: a secret key or session token is kept only as set or not, and a
//! proxy's password is masked as it is read.

mod aws;
mod env;
mod places;
mod sso;
mod terminal;

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::DoctorArgs;
use super::ini;
use crate::aws::endpoints::{self, Endpoints};
use crate::aws::profiles::{self, Kind, Profile};
use crate::aws::{mfa, trust};
use crate::caps::{Caps, Choices};
use crate::config::{Config, ConfigError};
use aws::{aws_file, profile, region, sdk_urls};
use env::environment;
use places::{audit, places, rekog_config};
use sso::sso;
use terminal::{choices_of, tty};

pub use env::{PROXIES, SET};
// Only doctor's tests reach these from outside.
#[cfg(test)]
pub use {env::mask_password, places::audit_state, sso::sso_token};

/// Everything the checks look at.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub demo: bool,
    /// The variables read, non-empty ones only; secrets as `SET`, proxies' passwords
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
