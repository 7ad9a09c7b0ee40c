//! Who the calls would be made as and where: the profile, the region, and where the SDK's
//! chain would find the credentials.

use super::DEMO_REGION;
use crate::aws::profiles::Kind;
use crate::doctor::Check;
use crate::doctor::facts::{AwsFile, Facts, SET};
use crate::doctor::probe::{ConnectFailure, Probes};

/// An SSO login that ends sooner than this is worth renewing before a session.
const SSO_WARN_SECS: i64 = 60 * 60;

pub(super) fn profile(f: &Facts) -> Check {
    const NAME: &str = "profile";
    if f.demo {
        return Check::ok(NAME, "none: --demo runs against its own account");
    }
    let p = &f.profile;
    match &p.found {
        Some(found) => {
            let files: Vec<String> = p.in_files.iter().map(|f| f.display().to_string()).collect();
            let from = if p.from == "default" {
                "the default".to_owned()
            } else {
                format!("from {}", p.from)
            };
            Check::ok(
                NAME,
                format!(
                    "{} ({from}; {}) in {}",
                    p.name,
                    found.kind().label(),
                    files.join(" and ")
                ),
            )
        }
        None if p.from == "default" => Check::ok(
            NAME,
            "none: no [default] profile in the files; credentials and region come from the \
             environment",
        ),
        None => {
            let shown = |file: &AwsFile| {
                file.path
                    .as_ref()
                    .map_or_else(|| "(none)".to_owned(), |p| p.display().to_string())
            };
            Check::fail(
                NAME,
                format!(
                    "{} (from {}) is in neither {} nor {}",
                    p.name,
                    p.from,
                    shown(&f.aws_config),
                    shown(&f.aws_credentials)
                ),
                "check the name (aws configure list-profiles), AWS_CONFIG_FILE and \
                 AWS_SHARED_CREDENTIALS_FILE",
            )
        }
    }
}

pub(super) fn region(f: &Facts) -> Check {
    const NAME: &str = "region";
    if f.demo {
        return Check::ok(NAME, format!("{DEMO_REGION} (--demo)"));
    }
    let Some((region, from)) = &f.region else {
        return Check::fail(
            NAME,
            "no region",
            "set AWS_REGION or region in the profile, or pass --region",
        );
    };
    if !crate::aws::regions::plausible(region) {
        return Check::fail(
            NAME,
            format!("{region:?} (from {from}) is not a region code"),
            "give a code like eu-west-1 (--region, AWS_REGION or region in the profile)",
        );
    }
    match crate::aws::regions::name(region) {
        Some(name) => Check::ok(NAME, format!("{region}, {name} (from {from})")),
        None => Check::warn(
            NAME,
            format!("{region} (from {from}) is not among the regions rekog knows Rekognition in"),
            "check that Rekognition is offered there; the calls below say for sure",
        ),
    }
}

/// `AKIAIOSFODNN7EXAMPLE` as `AKIA…MPLE`: enough to tell keys apart in a report.
fn short_key(key: &str) -> String {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() <= 8 {
        return "…".to_owned();
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}…{tail}")
}

/// Where the credentials come from, as the SDK's chain looks: the verdict before any call.
fn credential_source(f: &Facts) -> Check {
    const NAME: &str = "credentials";
    if f.demo {
        return Check::ok(NAME, "the demo's own keys (--demo)");
    }
    let key = f.var("AWS_ACCESS_KEY_ID");
    let secret = f.var("AWS_SECRET_ACCESS_KEY") == Some(SET);
    match (key, secret) {
        (Some(key), true) => {
            let token = if f.var("AWS_SESSION_TOKEN").is_some() {
                " with AWS_SESSION_TOKEN"
            } else {
                ""
            };
            return Check::ok(
                NAME,
                format!("environment: AWS_ACCESS_KEY_ID={}{token}", short_key(key)),
            );
        }
        (Some(_), false) => {
            return Check::fail(
                NAME,
                "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                "set both, or unset both to use the profile",
            );
        }
        (None, true) => {
            return Check::fail(
                NAME,
                "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                "set both, or unset both to use the profile",
            );
        }
        (None, false) => {}
    }
    if let (Some(role), Some((file, readable))) = (f.var("AWS_ROLE_ARN"), &f.web_identity_file)
        && f.var("AWS_WEB_IDENTITY_TOKEN_FILE").is_some()
    {
        return web_identity(NAME, role, file, *readable, "AWS_WEB_IDENTITY_TOKEN_FILE");
    }
    let Some(profile) = &f.profile.found else {
        let container = f.var("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some()
            || f.var("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some();
        return Check::ok(
            NAME,
            if container {
                "the container's role (AWS_CONTAINER_CREDENTIALS_*)"
            } else {
                "nothing in the environment or a profile: the SDK asks the instance's role"
            },
        );
    };
    let name = &profile.name;
    let get = |key| profile.get(key).unwrap_or("?");
    match profile.kind() {
        Kind::Keys => Check::ok(NAME, format!("keys of profile {name}")),
        Kind::Sso => sso(f, name),
        Kind::Role => {
            let via = match (
                profile.get("source_profile"),
                profile.get("credential_source"),
            ) {
                (Some(source), _) => format!("source_profile {source}"),
                (None, Some(source)) => format!("credential_source {source}"),
                (None, None) => "no source_profile or credential_source".to_owned(),
            };
            Check::ok(
                NAME,
                format!(
                    "role {} of profile {name}, without MFA ({via})",
                    get("role_arn")
                ),
            )
        }
        Kind::RoleMfa => {
            let detail = format!(
                "role {} of profile {name} with MFA ({})",
                get("role_arn"),
                get("mfa_serial")
            );
            match f.mfa_cached_until {
                Some(until) => Check::ok(
                    NAME,
                    format!("{detail}: cached credentials until {}", utc(until)),
                ),
                None => Check::warn(
                    NAME,
                    format!("{detail}: no fresh cached credentials"),
                    "run rekog, which asks for the code; doctor never asks, so the calls \
                     below are not made",
                ),
            }
        }
        Kind::Process => {
            let program = get("credential_process")
                .split_whitespace()
                .next()
                .unwrap_or("?");
            Check::ok(
                NAME,
                format!("credential_process of profile {name} ({program})"),
            )
        }
        Kind::WebIdentity => match &f.web_identity_file {
            Some((file, readable)) => {
                web_identity(NAME, get("role_arn"), file, *readable, "the profile")
            }
            None => Check::ok(NAME, format!("web identity of profile {name}")),
        },
        Kind::Other => Check::ok(
            NAME,
            format!("profile {name} names none: the SDK asks the container's or instance's role"),
        ),
    }
}

fn web_identity(
    name: &'static str,
    role: &str,
    file: &std::path::Path,
    readable: bool,
    from: &str,
) -> Check {
    let detail = format!(
        "web identity: role {role}, token {} (from {from})",
        file.display()
    );
    if readable {
        Check::ok(name, detail)
    } else {
        Check::fail(
            name,
            format!("{detail} cannot be read"),
            "check that the token file exists and is readable (mounted service account token?)",
        )
    }
}

fn sso(f: &Facts, profile: &str) -> Check {
    const NAME: &str = "credentials";
    let login = format!("run aws sso login --profile {profile}");
    let Some(sso) = &f.sso else {
        return Check::ok(NAME, format!("SSO of profile {profile}"));
    };
    let Some(url) = &sso.start_url else {
        return Check::fail(
            NAME,
            format!("SSO profile {profile} names no sso_start_url (nor a session with one)"),
            "add sso_start_url to the profile or its [sso-session]",
        );
    };
    let detail = format!("SSO of profile {profile} ({url})");
    match sso.token {
        None => Check::fail(NAME, format!("{detail}: no login cached"), login),
        Some((expires, refresh)) if expires <= f.now_secs => {
            if refresh && sso.session.is_some() {
                Check::warn(
                    NAME,
                    format!("{detail}: token expired {}, refreshable", utc(expires)),
                    format!("the SDK refreshes it; if that fails, {login}"),
                )
            } else {
                Check::fail(
                    NAME,
                    format!("{detail}: the login expired {}", utc(expires)),
                    login,
                )
            }
        }
        Some((expires, _)) if expires - f.now_secs < SSO_WARN_SECS => Check::warn(
            NAME,
            format!(
                "{detail}: the login ends {} (in {} min)",
                utc(expires),
                (expires - f.now_secs) / 60
            ),
            format!("{login} before a long session"),
        ),
        Some((expires, _)) => {
            Check::ok(NAME, format!("{detail}: logged in until {}", utc(expires)))
        }
    }
}

fn utc(secs: i64) -> String {
    format!("{} UTC", crate::time::utc_datetime(secs))
}

pub(super) fn credentials(f: &Facts, probes: &Probes) -> Check {
    let source = credential_source(f);
    match &probes.connect {
        Some(Err(ConnectFailure::Credentials(detail))) => Check::fail(
            source.name,
            format!("{}: they do not resolve: {detail}", source.detail),
            "name a profile with --profile or AWS_PROFILE, run aws sso login if the SSO \
             session expired, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
        ),
        Some(Err(ConnectFailure::Other(why))) => Check::fail(
            source.name,
            format!("{}: {why}", source.detail),
            source
                .fix
                .clone()
                .unwrap_or_else(|| "see the error".to_owned()),
        ),
        _ => source,
    }
}
