//! Where Rekognition's and STS's calls go, resolved once in the order aws-cli uses, with
//! where each endpoint came from: every client rekog builds takes its endpoint from here,
//! and `rekog doctor` reports it.
//!
//! aws-config resolves the service-specific variables and `services` sections itself, but
//! lets them win over an endpoint given in code, so `--endpoint-url` could not come first;
//! and it knows nothing of STS following a loopback `--endpoint-url` to the emulator. Each
//! client is therefore given its endpoint explicitly, `None` leaving the SDK's own resolver
//! (with `use_fips_endpoint` / `use_dualstack_endpoint`, which aws-config reads) to pick it.

use std::collections::BTreeMap;
use std::fmt;

use super::identity::is_loopback;
use super::profiles::{self, Profile};

/// A service rekog calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Rekognition,
    Sts,
}

impl Service {
    /// The suffix of its `AWS_ENDPOINT_URL_*` variable.
    fn env_suffix(self) -> &'static str {
        match self {
            Service::Rekognition => "REKOGNITION",
            Service::Sts => "STS",
        }
    }

    /// Its key in a `[services NAME]` section.
    fn section_key(self) -> &'static str {
        match self {
            Service::Rekognition => "rekognition",
            Service::Sts => "sts",
        }
    }
}

/// Where an endpoint came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `--endpoint-url`.
    Flag,
    /// STS following a loopback `--endpoint-url`: the emulator answers both.
    Emulator,
    /// An `AWS_ENDPOINT_URL*` variable, named.
    Env(String),
    /// The `[services SECTION]` that `profile` names.
    Services { profile: String, section: String },
    /// The profile's own `endpoint_url`.
    Profile(String),
    /// The SDK's endpoint for the region, in the FIPS and/or dual-stack variant that
    /// `settings` (each named with where it is set) ask for.
    Variant {
        fips: bool,
        dual_stack: bool,
        settings: Vec<String>,
    },
    /// The SDK's endpoint for the region.
    Default,
    /// The `--demo` emulator.
    Demo,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag => f.write_str("--endpoint-url"),
            Source::Emulator => f.write_str("--endpoint-url (loopback: the emulator answers STS)"),
            Source::Env(name) => f.write_str(name),
            Source::Services { profile, section } => {
                write!(f, "[services {section}] of profile {profile}")
            }
            Source::Profile(profile) => write!(f, "endpoint_url of profile {profile}"),
            Source::Variant { settings, .. } => {
                write!(f, "{} (the SDK's endpoint)", settings.join(", "))
            }
            Source::Default => f.write_str("the SDK's default for the region"),
            Source::Demo => f.write_str("--demo"),
        }
    }
}

/// One service's endpoint: `url` is `None` when the SDK picks it for the region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    pub url: Option<String>,
    pub source: Source,
}

/// Both services' endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub rekognition: Endpoint,
    pub sts: Endpoint,
    /// Set when configured endpoints are ignored: the setting that says so.
    pub ignoring: Option<String>,
}

impl Endpoints {
    /// The `--demo` emulator at `url`, for both services.
    pub fn demo(url: &str) -> Endpoints {
        let endpoint = Endpoint {
            url: Some(url.to_owned()),
            source: Source::Demo,
        };
        Endpoints {
            rekognition: endpoint.clone(),
            sts: endpoint,
            ignoring: None,
        }
    }
}

/// What resolving reads, apart from the process so that it can be tested.
pub struct Settings<'a> {
    /// `--endpoint-url`.
    pub flag: Option<&'a str>,
    /// The environment; empty values count as unset.
    pub env: &'a dyn Fn(&str) -> Option<String>,
    /// The profile in use, when the files have it.
    pub profile: Option<&'a Profile>,
    /// The config file's `[services NAME]` sections.
    pub services: &'a BTreeMap<String, BTreeMap<String, String>>,
}

impl Settings<'_> {
    fn env(&self, name: &str) -> Option<String> {
        (self.env)(name).filter(|v| !v.trim().is_empty())
    }

    /// A boolean setting: the variable first, then the profile's key (as aws-config reads
    /// them); the value with where it was set.
    fn flag_setting(&self, var: &str, key: &str) -> Option<(bool, String)> {
        if let Some(value) = self.env(var) {
            return Some((value.trim().eq_ignore_ascii_case("true"), var.to_owned()));
        }
        let profile = self.profile?;
        let value = profile.get(key)?;
        Some((
            value.eq_ignore_ascii_case("true"),
            format!("{key} of profile {}", profile.name),
        ))
    }
}

/// Resolves both endpoints: `--endpoint-url` (Rekognition; a loopback one takes STS along
/// unless `AWS_ENDPOINT_URL_STS` is set), then `AWS_ENDPOINT_URL_<SERVICE>`, then
/// `AWS_ENDPOINT_URL`, then the profile's `services` section, then its `endpoint_url`, then
/// the SDK's endpoint (FIPS or dual-stack when asked). `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`
/// or the profile's `ignore_configured_endpoint_urls` leave only the flag.
pub fn resolve(settings: &Settings<'_>) -> Endpoints {
    let ignoring = settings
        .flag_setting(
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
            "ignore_configured_endpoint_urls",
        )
        .and_then(|(on, from)| on.then_some(from));
    let flag = settings.flag.filter(|f| !f.trim().is_empty());
    let configured = |service| match &ignoring {
        Some(_) => None,
        None => configured(settings, service),
    };
    let variant = || variant(settings);
    let rekognition = match flag {
        Some(url) => Endpoint {
            url: Some(url.to_owned()),
            source: Source::Flag,
        },
        None => configured(Service::Rekognition).unwrap_or_else(variant),
    };
    let sts = match flag.filter(|url| is_loopback(url)) {
        Some(url) => {
            let own = "AWS_ENDPOINT_URL_STS";
            match settings.env(own).filter(|_| ignoring.is_none()) {
                Some(env) => Endpoint {
                    url: Some(env),
                    source: Source::Env(own.to_owned()),
                },
                None => Endpoint {
                    url: Some(url.to_owned()),
                    source: Source::Emulator,
                },
            }
        }
        None => configured(Service::Sts).unwrap_or_else(variant),
    };
    Endpoints {
        rekognition,
        sts,
        ignoring,
    }
}

/// The endpoint the environment and the profile configure for `service`, if any.
fn configured(settings: &Settings<'_>, service: Service) -> Option<Endpoint> {
    let own = format!("AWS_ENDPOINT_URL_{}", service.env_suffix());
    for name in [own.as_str(), "AWS_ENDPOINT_URL"] {
        if let Some(url) = settings.env(name) {
            return Some(Endpoint {
                url: Some(url),
                source: Source::Env(name.to_owned()),
            });
        }
    }
    let profile = settings.profile?;
    if let Some(section) = profile.get("services") {
        let key = format!("{}.endpoint_url", service.section_key());
        let url = settings
            .services
            .get(section)
            .and_then(|keys| keys.get(&key))
            .filter(|url| !url.is_empty());
        if let Some(url) = url {
            return Some(Endpoint {
                url: Some(url.clone()),
                source: Source::Services {
                    profile: profile.name.clone(),
                    section: section.to_owned(),
                },
            });
        }
    }
    profile.get("endpoint_url").map(|url| Endpoint {
        url: Some(url.to_owned()),
        source: Source::Profile(profile.name.clone()),
    })
}

/// The SDK's own endpoint, in the variant the FIPS and dual-stack settings ask for.
fn variant(settings: &Settings<'_>) -> Endpoint {
    let fips = settings
        .flag_setting("AWS_USE_FIPS_ENDPOINT", "use_fips_endpoint")
        .filter(|(on, _)| *on);
    let dual_stack = settings
        .flag_setting("AWS_USE_DUALSTACK_ENDPOINT", "use_dualstack_endpoint")
        .filter(|(on, _)| *on);
    let source = if fips.is_none() && dual_stack.is_none() {
        Source::Default
    } else {
        Source::Variant {
            fips: fips.is_some(),
            dual_stack: dual_stack.is_some(),
            settings: fips
                .into_iter()
                .chain(dual_stack)
                .map(|(_, from)| from)
                .collect(),
        }
    };
    Endpoint { url: None, source }
}

/// The profile rekog uses: the one named, else `AWS_PROFILE`, else `default`.
pub fn profile_name(named: Option<&str>) -> String {
    named
        .map(str::to_owned)
        .or_else(|| std::env::var("AWS_PROFILE").ok())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "default".to_owned())
}

/// Resolves both endpoints from this process's environment and the shared config files.
pub fn from_environment(flag: Option<&str>, profile: Option<&str>) -> Endpoints {
    let name = profile_name(profile);
    let profile = profiles::find(&name);
    let services = profiles::load_sections("services");
    let env = |name: &str| std::env::var(name).ok();
    resolve(&Settings {
        flag,
        env: &env,
        profile: profile.as_ref(),
        services: &services,
    })
}

/// The URL the SDK would use for `service` in `region` when nothing names one, with the
/// FIPS and dual-stack variants as asked; `None` if its rules give none (e.g. FIPS in a
/// region without it).
pub async fn sdk_url(
    service: Service,
    region: &str,
    fips: bool,
    dual_stack: bool,
) -> Option<String> {
    match service {
        Service::Rekognition => {
            use aws_sdk_rekognition::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
            let params = Params::builder()
                .region(region)
                .use_fips(fips)
                .use_dual_stack(dual_stack)
                .build()
                .ok()?;
            let endpoint = DefaultResolver::new()
                .resolve_endpoint(&params)
                .await
                .ok()?;
            Some(endpoint.url().to_owned())
        }
        Service::Sts => {
            use aws_sdk_sts::config::endpoint::{DefaultResolver, Params, ResolveEndpoint};
            let params = Params::builder()
                .region(region)
                .use_fips(fips)
                .use_dual_stack(dual_stack)
                .build()
                .ok()?;
            let endpoint = DefaultResolver::new()
                .resolve_endpoint(&params)
                .await
                .ok()?;
            Some(endpoint.url().to_owned())
        }
    }
}

#[cfg(test)]
mod tests;
