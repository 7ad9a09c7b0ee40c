//! The environment variables doctor reads: a secret's value never kept, a proxy's password
//! masked.

use std::collections::BTreeMap;

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

pub(super) fn environment() -> BTreeMap<String, String> {
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
