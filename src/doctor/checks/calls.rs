//! The read-only calls' results: the clock against the server's `Date` header, who the
//! caller is, and whether it may list and describe collections.

use super::DEMO_REGION;
use crate::doctor::Check;
use crate::doctor::facts::Facts;
use crate::doctor::probe::{CallFailure, ConnectFailure, Probes};

/// SigV4 refuses a request signed this far from the server's time.
const SKEW_LIMIT_SECS: i64 = 5 * 60;
/// A clock this far off works today and fails after a few more weeks of drift.
const SKEW_WARN_SECS: i64 = 60;

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

pub(super) fn clock(probes: &Probes) -> Check {
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

pub(super) fn identity(probes: &Probes) -> Check {
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

pub(super) fn list_collections(f: &Facts, probes: &Probes) -> Check {
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

pub(super) fn describe_collection(f: &Facts, probes: &Probes) -> Check {
    const NAME: &str = "DescribeCollection";
    if let Some(check) = not_run(probes) {
        return named(check, NAME);
    }
    match (&probes.list, &probes.describe) {
        (_, Some(Ok((id, faces)))) => {
            let faces = u64::try_from(*faces).map_or_else(
                |_| format!("{faces} faces"),
                |n| crate::text::count(n, "face", "faces"),
            );
            Check::ok(NAME, format!("allowed on {id} ({faces})"))
        }
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
