//! The facts and the calls' results judged, one [`Check`] each. Pure: everything comes in
//! as values, so each verdict is a unit test. What is merely absent on a first run is `ok`,
//! running without a terminal at most `warn`.

use super::Check;
use super::facts::{
    AuditState, AwsFile, CaFact, Facts, FileState, Place, PlaceState, RekogConfig, SET,
};
use super::probe::{CallFailure, ConnectFailure, Probes};
use crate::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::aws::endpoints::{Service, Source};
use crate::aws::identity::is_loopback;
use crate::aws::profiles::Kind;
use crate::caps::Charset;

/// SigV4 refuses a request signed this far from the server's time.
const SKEW_LIMIT_SECS: i64 = 5 * 60;
/// A clock this far off works today and fails after a few more weeks of drift.
const SKEW_WARN_SECS: i64 = 60;
/// An SSO login that ends sooner than this is worth renewing before a session.
const SSO_WARN_SECS: i64 = 60 * 60;
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

fn terminal(f: &Facts) -> Check {
    const NAME: &str = "terminal";
    let term = f.var("TERM");
    let mut parts =
        vec![term.map_or_else(|| "TERM is not set".to_owned(), |t| format!("TERM={t}"))];
    if let Some((w, h)) = f.tty.size {
        parts.push(format!("{w}x{h}"));
    }
    parts.push(match f.caps.charset {
        Charset::Unicode => format!("UTF-8 ({})", f.caps.charset_from),
        Charset::Ascii => format!("ASCII ({})", f.caps.charset_from),
    });
    parts.push(format!("{} ({})", f.caps.depth.label(), f.caps.depth_from));
    let detail = parts.join(", ");
    if !(f.tty.stdin && f.tty.stdout) {
        return Check::warn(
            NAME,
            format!("not a terminal (a pipe or a script); {detail}"),
            "rekog doctor, audit, manifest, erase and serve run without one; the TUI needs \
             stdin and stdout on a terminal",
        );
    }
    if term == Some("dumb") {
        return Check::fail(
            NAME,
            detail,
            "TERM=dumb cannot show rekog's interface: run it in a terminal such as xterm, tmux \
             or screen (e.g. TERM=xterm-256color)",
        );
    }
    if term.is_none() {
        return Check::warn(
            NAME,
            detail,
            "set TERM to what the terminal is (e.g. TERM=xterm-256color) for colours",
        );
    }
    if let Some((w, h)) = f.tty.size
        && (w < MIN_WIDTH || h < MIN_HEIGHT)
    {
        return Check::warn(
            NAME,
            detail,
            format!(
                "below {MIN_WIDTH}x{MIN_HEIGHT} rekog shows only \"terminal too small\": \
                 enlarge the window"
            ),
        );
    }
    let chosen =
        f.caps.charset_from.contains("in the config") || f.caps.charset_from.starts_with("--");
    if f.caps.charset == Charset::Ascii && !chosen {
        return Check::warn(
            NAME,
            detail,
            "the locale is not UTF-8, so rekog draws ASCII: set LANG=C.UTF-8 (or another UTF-8 \
             locale) for Unicode, or charset = \"ascii\" in the config to keep ASCII",
        );
    }
    Check::ok(NAME, detail)
}

fn multiplexer(f: &Facts) -> Check {
    const NAME: &str = "tmux/screen";
    let term = f.var("TERM").unwrap_or("");
    let inside = if f.var("TMUX").is_some() {
        Some("tmux")
    } else if f.var("STY").is_some() {
        Some("screen")
    } else {
        None
    };
    match inside {
        None => Check::ok(NAME, "not inside tmux or screen (no TMUX, no STY)"),
        Some(which) if !(term.starts_with("tmux") || term.starts_with("screen")) => Check::warn(
            NAME,
            format!("inside {which}, but TERM={term}"),
            match which {
                "tmux" => {
                    "set -g default-terminal tmux-256color in ~/.tmux.conf: inside tmux \
                           TERM must name tmux, not the terminal outside it"
                }
                _ => {
                    "set term screen-256color in ~/.screenrc: inside screen TERM must name \
                      screen, not the terminal outside it"
                }
            },
        ),
        Some(which) => Check::ok(NAME, format!("inside {which} (TERM={term})")),
    }
}

fn ssh(f: &Facts) -> Check {
    const NAME: &str = "ssh";
    match (f.var("SSH_CONNECTION"), f.var("SSH_TTY")) {
        (Some(connection), _) => {
            let from = connection.split_whitespace().next().unwrap_or("?");
            Check::ok(NAME, format!("over SSH from {from}"))
        }
        (None, Some(tty)) => Check::ok(NAME, format!("over SSH ({tty})")),
        (None, None) => Check::ok(NAME, "not over SSH (no SSH_CONNECTION)"),
    }
}

fn rekog_config(f: &Facts) -> Check {
    const NAME: &str = "rekog config";
    match &f.rekog_config {
        RekogConfig::NoPlace => Check::warn(
            NAME,
            "no place for it: neither XDG_CONFIG_HOME nor HOME is set",
            "set HOME: without it rekog has no config, manifests, log or audit trail",
        ),
        RekogConfig::Missing(path) => Check::ok(
            NAME,
            format!("no file at {}: the defaults apply", path.display()),
        ),
        RekogConfig::Loaded { path, profiles } => Check::ok(
            NAME,
            format!("{} ({profiles} [profiles.*] tables)", path.display()),
        ),
        RekogConfig::Broken(err) => {
            let fix = match err.line {
                Some(line) => format!(
                    "fix line {line} of {}, or move the file aside to run on the defaults",
                    err.path.display()
                ),
                None => format!(
                    "fix {}, or move it aside to run on the defaults",
                    err.path.display()
                ),
            };
            Check::fail(NAME, err.to_string(), fix)
        }
    }
}

fn aws_file(name: &'static str, file: &AwsFile, secret: bool) -> Check {
    let Some(path) = &file.path else {
        return Check::ok(name, "none: no HOME to find it by");
    };
    let shown = path.display();
    let var = if secret {
        "AWS_SHARED_CREDENTIALS_FILE"
    } else {
        "AWS_CONFIG_FILE"
    };
    match &file.state {
        FileState::Missing if file.from_env => Check::warn(
            name,
            format!("{shown} (from {var}) does not exist"),
            format!("point {var} at the file, or unset it"),
        ),
        FileState::Missing => Check::ok(name, format!("no file at {shown}")),
        FileState::Unreadable(why) => Check::fail(
            name,
            format!("{shown} cannot be read: {why}"),
            format!("check its owner and mode (ls -l {shown})"),
        ),
        FileState::Read { problems, .. } if !problems.is_empty() => {
            let first = &problems[0];
            let more = match problems.len() - 1 {
                0 => String::new(),
                n => format!(" (and {n} more)"),
            };
            Check::fail(
                name,
                format!("{shown}:{}: {}{more}", first.line, first.what),
                format!(
                    "fix line {} of {shown}: the SDK refuses the whole file, so no profile in \
                     it works",
                    first.line
                ),
            )
        }
        FileState::Read { mode, profiles, .. } => {
            let detail = format!("{shown} ({profiles} sections, mode {mode:04o})");
            if secret && mode & 0o077 != 0 {
                Check::warn(
                    name,
                    detail,
                    format!("chmod 600 {shown}: it holds secret keys others on this box can read"),
                )
            } else {
                Check::ok(name, detail)
            }
        }
    }
}

fn profile(f: &Facts) -> Check {
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

fn region(f: &Facts) -> Check {
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

fn endpoint(name: &'static str, f: &Facts, probes: &Probes, service: Service) -> Check {
    if f.demo {
        return Check::ok(
            name,
            match &probes.demo_endpoint {
                Some(url) => format!("the embedded emulator at {url} (--demo)"),
                None => "the embedded emulator (--demo)".to_owned(),
            },
        );
    }
    let Some(endpoints) = &f.endpoints else {
        return Check::warn(name, "not resolved", "fix the failures above");
    };
    let (endpoint, sdk) = match service {
        Service::Rekognition => (&endpoints.rekognition, &f.sdk_urls.rekognition),
        Service::Sts => (&endpoints.sts, &f.sdk_urls.sts),
    };
    let ignoring = endpoints
        .ignoring
        .as_ref()
        .map(|from| format!("; configured endpoints ignored ({from})"))
        .unwrap_or_default();
    match (&endpoint.url, sdk) {
        (Some(url), _) => {
            let detail = format!("{url} (from {}){ignoring}", endpoint.source);
            if url.starts_with("http://") && !is_loopback(url) {
                Check::warn(
                    name,
                    detail,
                    "plain HTTP to another machine: the calls are signed but not encrypted; \
                     use https:// unless this is a test endpoint",
                )
            } else {
                Check::ok(name, detail)
            }
        }
        (None, Some(url)) => Check::ok(name, format!("{url} ({}){ignoring}", endpoint.source)),
        (None, None) => match (&f.region, &endpoint.source) {
            (Some((region, _)), Source::Variant { settings, .. }) => Check::fail(
                name,
                format!(
                    "the SDK has no such endpoint in {region} ({})",
                    endpoint.source
                ),
                format!(
                    "unset {} or pick a region that has one",
                    settings.join(" and ")
                ),
            ),
            _ => Check::ok(
                name,
                format!("{}, once a region is set{ignoring}", endpoint.source),
            ),
        },
    }
}

const PROXIES: &[&str] = &[
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

fn proxy(f: &Facts, probes: &Probes) -> Check {
    const NAME: &str = "proxy";
    let set: Vec<String> = PROXIES
        .iter()
        .filter_map(|name| f.var(name).map(|v| format!("{name}={v}")))
        .collect();
    let no_proxy = f.var("NO_PROXY").or(f.var("no_proxy"));
    if set.is_empty() {
        return Check::ok(NAME, "none (no HTTPS_PROXY, HTTP_PROXY or ALL_PROXY)");
    }
    let mut detail = set.join(", ");
    if let Some(no) = no_proxy {
        detail.push_str(&format!(", NO_PROXY={no}"));
    }
    let loopback: Vec<&str> = [
        probes.demo_endpoint.as_deref(),
        f.endpoints
            .as_ref()
            .and_then(|e| e.rekognition.url.as_deref()),
        f.endpoints.as_ref().and_then(|e| e.sts.url.as_deref()),
    ]
    .into_iter()
    .flatten()
    .filter(|url| is_loopback(url))
    .collect();
    let bypassed = |url: &str| {
        let host = host_of(url);
        no_proxy.is_some_and(|list| {
            list.split(',')
                .map(str::trim)
                .any(|entry| entry == "*" || entry.eq_ignore_ascii_case(host))
        })
    };
    match loopback.iter().find(|url| !bypassed(url)) {
        Some(url) => Check::warn(
            NAME,
            detail,
            format!(
                "add {} to NO_PROXY (e.g. NO_PROXY=127.0.0.1,localhost): calls to {url} would \
                 go to the proxy",
                host_of(url)
            ),
        ),
        None => Check::ok(NAME, detail),
    }
}

/// The host of a URL, without port or brackets.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    }
}

fn ca_bundle(f: &Facts) -> Check {
    const NAME: &str = "ca bundle";
    if f.demo {
        return Check::ok(NAME, "not used: --demo talks plain HTTP on loopback");
    }
    match &f.ca {
        CaFact::None => Check::ok(NAME, "the system's roots (no AWS_CA_BUNDLE or ca_bundle)"),
        CaFact::Bundle {
            path,
            source,
            certificates,
        } => Check::ok(
            NAME,
            format!(
                "{} (from {source}): {certificates} certificate(s), trusted beside the system's \
                 roots",
                path.display()
            ),
        ),
        CaFact::Broken(why) => Check::fail(
            NAME,
            why.clone(),
            "point AWS_CA_BUNDLE (or the profile's ca_bundle) at a PEM file of the CA \
             certificates to trust, or unset it",
        ),
    }
}

/// `AKIAIOSFODNN7EXAMPLE` as `AKIA…MPLE`: enough to tell keys apart in a report.
pub fn short_key(key: &str) -> String {
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

fn credentials(f: &Facts, probes: &Probes) -> Check {
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

/// Why a probe could not run, or `None` when it ran.
fn not_run(probes: &Probes) -> Option<Check> {
    let why = match (&probes.skipped, &probes.connect) {
        (Some(why), _) => why.clone(),
        (None, Some(Err(ConnectFailure::NeedCode))) => {
            "the MFA role has no fresh cached credentials".to_owned()
        }
        (None, Some(Err(_))) => "the credentials did not resolve".to_owned(),
        (None, None) => "no connection".to_owned(),
        (None, Some(Ok(()))) => return None,
    };
    Some(Check::warn(
        "",
        format!("not checked: {why}"),
        "fix what is reported above, then run rekog doctor again",
    ))
}

fn named(mut check: Check, name: &'static str) -> Check {
    check.name = name;
    check
}

fn clock(probes: &Probes) -> Check {
    const NAME: &str = "clock";
    if let Some(check) = not_run(probes) {
        return named(check, NAME);
    }
    let Some(date) = probes.date else {
        return Check::warn(
            NAME,
            "no answer carried a Date header",
            "nothing to do unless signatures are refused; then check the clock (timedatectl)",
        );
    };
    let offset = date.local - date.server;
    let size = offset.abs();
    let said = if size < 2 {
        format!("within a second or so of {}'s (Date header)", date.service)
    } else {
        let way = if offset > 0 { "ahead of" } else { "behind" };
        format!("{} {way} {}'s (Date header)", span(size), date.service)
    };
    if size >= SKEW_LIMIT_SECS {
        Check::fail(
            NAME,
            format!("this machine's clock is {said}"),
            "SigV4 refuses requests signed more than 5 minutes off: set the clock (timedatectl \
             set-ntp true, or chronyc makestep)",
        )
    } else if size >= SKEW_WARN_SECS {
        Check::warn(
            NAME,
            format!("this machine's clock is {said}"),
            "sync it before it drifts past 5 minutes, when every call fails (timedatectl \
             set-ntp true)",
        )
    } else {
        Check::ok(NAME, format!("this machine's clock is {said}"))
    }
}

/// `75` as `1 min 15 s`.
fn span(secs: i64) -> String {
    match (secs / 3600, secs % 3600 / 60, secs % 60) {
        (0, 0, s) => format!("{s} s"),
        (0, m, s) => format!("{m} min {s} s"),
        (h, m, _) => format!("{h} h {m} min"),
    }
}

/// What to do about a refused call of `permission`.
fn advice(failure: &CallFailure, permission: &str) -> String {
    let code = failure.code.as_deref().unwrap_or("");
    let message = failure.message.to_ascii_lowercase();
    if code.starts_with("AccessDenied") {
        return format!(
            "grant {permission} to the caller (an IAM policy on its user or role); doctor \
             changes nothing"
        );
    }
    if matches!(code, "InvalidClientTokenId" | "UnrecognizedClientException") {
        return "AWS does not know this access key: check the keys or the profile (a deleted \
                or mistyped key, or keys of another partition)"
            .to_owned();
    }
    if matches!(code, "ExpiredToken" | "ExpiredTokenException") {
        return "the session token expired: log in again (aws sso login, or fresh temporary \
                keys)"
            .to_owned();
    }
    if code == "RequestExpired" || message.contains("signature expired") {
        return "the request's time is too far from the server's: set the clock (timedatectl \
                set-ntp true)"
            .to_owned();
    }
    if matches!(code, "SignatureDoesNotMatch" | "InvalidSignatureException") {
        return "the secret key does not match the access key, or the clock is off: check both"
            .to_owned();
    }
    if failure.code.is_none() {
        return "check the endpoint above, the proxy (HTTPS_PROXY, NO_PROXY) and the network; \
                a certificate error means AWS_CA_BUNDLE"
            .to_owned();
    }
    "check the endpoint and the region above".to_owned()
}

fn identity(probes: &Probes) -> Check {
    const NAME: &str = "identity";
    if let Some(check) = not_run(probes) {
        return named(check, NAME);
    }
    match &probes.identity {
        Some(Ok((account, arn))) => Check::ok(NAME, format!("{arn} (account {account})")),
        Some(Err(failure)) => Check::fail(
            NAME,
            format!("GetCallerIdentity failed: {}", failure.message),
            advice(failure, "sts:GetCallerIdentity"),
        ),
        None => Check::warn(NAME, "not checked", "run rekog doctor again"),
    }
}

fn region_of(f: &Facts) -> &str {
    if f.demo {
        return DEMO_REGION;
    }
    f.region.as_ref().map_or("?", |(r, _)| r.as_str())
}

fn list_collections(f: &Facts, probes: &Probes) -> Check {
    const NAME: &str = "ListCollections";
    if let Some(check) = not_run(probes) {
        return named(check, NAME);
    }
    let region = region_of(f);
    match &probes.list {
        Some(Ok(ids)) => match ids.first() {
            Some(first) => Check::ok(NAME, format!("allowed in {region} (first: {first})")),
            None => Check::ok(NAME, format!("allowed in {region} (no collection there)")),
        },
        Some(Err(failure)) => Check::fail(
            NAME,
            format!("refused in {region}: {}", failure.message),
            advice(failure, "rekognition:ListCollections"),
        ),
        None => Check::warn(NAME, "not checked", "run rekog doctor again"),
    }
}

fn describe_collection(f: &Facts, probes: &Probes) -> Check {
    const NAME: &str = "DescribeCollection";
    if let Some(check) = not_run(probes) {
        return named(check, NAME);
    }
    match (&probes.list, &probes.describe) {
        (_, Some(Ok((id, faces)))) => Check::ok(NAME, format!("allowed on {id} ({faces} faces)")),
        (_, Some(Err(failure))) => Check::fail(
            NAME,
            format!("refused: {}", failure.message),
            advice(failure, "rekognition:DescribeCollection"),
        ),
        (Some(Ok(_)), None) => Check::ok(
            NAME,
            format!("not checked: no collection in {}", region_of(f)),
        ),
        _ => Check::warn(
            NAME,
            "not checked: ListCollections gave no collection to describe",
            "fix ListCollections first",
        ),
    }
}

fn place(place: &Place) -> Check {
    let name = place.name;
    let Some(path) = &place.path else {
        return Check::warn(
            name,
            "no place for it: neither the XDG variable nor HOME is set",
            "set HOME",
        );
    };
    let shown = path.display();
    let what = if place.dir { "directory" } else { "file" };
    match &place.state {
        PlaceState::Absent => Check::ok(
            name,
            format!("{shown}: not created yet (rekog makes it, the owner's alone, when needed)"),
        ),
        PlaceState::Unreadable(why) => Check::fail(
            name,
            format!("{shown}: {why}"),
            "check the owner and mode of the directories above it",
        ),
        PlaceState::Present { is_dir, .. } if *is_dir != place.dir => Check::fail(
            name,
            format!("{shown} is not a {what}"),
            format!("move it aside: rekog keeps a {what} there"),
        ),
        PlaceState::Present {
            mode,
            mine,
            writable,
            ..
        } => {
            let detail = format!("{shown} (mode {mode:04o})");
            if !mine {
                Check::warn(
                    name,
                    format!("{detail} belongs to another user"),
                    format!("chown it to the user who runs rekog: {shown}"),
                )
            } else if !writable && name != "config dir" {
                Check::fail(
                    name,
                    format!("{detail} cannot be written"),
                    format!("chmod u+w {shown}"),
                )
            } else if mode & 0o077 != 0 {
                let private = if place.dir { "700" } else { "600" };
                Check::warn(
                    name,
                    format!("{detail}: others can read it"),
                    format!(
                        "chmod {private} {shown}: manifests name people, and the log and the \
                         trail say who did what"
                    ),
                )
            } else {
                Check::ok(name, detail)
            }
        }
    }
}

fn audit_trail(f: &Facts) -> Check {
    const NAME: &str = "audit trail";
    let refused = "rekog refuses every change without its trail";
    let Some(path) = &f.audit.path else {
        return Check::fail(
            NAME,
            "no place for it: neither XDG_STATE_HOME nor HOME is set",
            format!("set HOME: {refused}"),
        );
    };
    let shown = path.display();
    match &f.audit.state {
        AuditState::Appendable { mode, bytes } if mode & 0o077 != 0 => Check::warn(
            NAME,
            format!(
                "{shown} can be appended to ({bytes} bytes, mode {mode:04o}): others can read it"
            ),
            format!("chmod 600 {shown}"),
        ),
        AuditState::Appendable { mode, bytes } => Check::ok(
            NAME,
            format!("{shown} can be appended to ({bytes} bytes, mode {mode:04o})"),
        ),
        AuditState::NotAppendable(why) => Check::fail(
            NAME,
            format!("{shown} cannot be appended to: {why}"),
            format!("make it writable by this user (chmod u+w, chown): {refused}"),
        ),
        AuditState::Absent(Ok(dir)) => Check::ok(
            NAME,
            format!(
                "{shown}: not created yet; {} can be written, so the first change makes it",
                dir.display()
            ),
        ),
        AuditState::Absent(Err(why)) => Check::fail(
            NAME,
            format!("{shown} cannot be created: {why}"),
            format!("make its directory writable by this user: {refused}"),
        ),
        AuditState::Unknown => Check::warn(NAME, "not checked", "run rekog doctor again"),
    }
}
