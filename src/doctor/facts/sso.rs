//! An SSO profile's login: its start URL and session, and the token aws-cli cached for it.

use std::path::{Path, PathBuf};

use crate::aws::profiles::{self, Profile};
use crate::doctor::facts::Sso;

pub(super) fn sso(profile: &Profile) -> Sso {
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
