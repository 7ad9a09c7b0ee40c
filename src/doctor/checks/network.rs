//! How the calls would reach AWS: the endpoints, any proxy between, and the certificates
//! trusted.

use crate::aws::endpoints::{Service, Source};
use crate::aws::identity::is_loopback;
use crate::doctor::Check;
use crate::doctor::facts::{CaFact, Facts, PROXIES};
use crate::doctor::probe::Probes;

pub(super) fn endpoint(name: &'static str, f: &Facts, probes: &Probes, service: Service) -> Check {
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

pub(super) fn proxy(f: &Facts, probes: &Probes) -> Check {
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

pub(super) fn ca_bundle(f: &Facts) -> Check {
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
