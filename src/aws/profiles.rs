//! The profiles of the shared AWS config and credentials files, as the profile picker lists
//! them: each with its kind and default region, and what an MFA-protected role needs.
//! Reading them is rekog's own (aws-config does not list profiles); resolving credentials
//! stays with the SDK's chain except for roles with `mfa_serial`.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// How a profile gets its credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Keys,
    Sso,
    Role,
    RoleMfa,
    Process,
    WebIdentity,
    /// Nothing rekog recognises (e.g. only a region): the SDK's chain decides.
    Other,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Keys => "keys",
            Kind::Sso => "SSO",
            Kind::Role => "role",
            Kind::RoleMfa => "role with MFA",
            Kind::Process => "credential process",
            Kind::WebIdentity => "web identity",
            Kind::Other => "other",
        }
    }
}

/// One profile, merged from both files (the config file's keys win, as in the CLI).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub name: String,
    pub keys: BTreeMap<String, String>,
}

impl Profile {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.keys
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    pub fn region(&self) -> Option<&str> {
        self.get("region")
    }

    pub fn kind(&self) -> Kind {
        if self.get("role_arn").is_some() {
            if self.get("mfa_serial").is_some() {
                Kind::RoleMfa
            } else if self.get("web_identity_token_file").is_some() {
                Kind::WebIdentity
            } else {
                Kind::Role
            }
        } else if self.get("sso_session").is_some() || self.get("sso_start_url").is_some() {
            Kind::Sso
        } else if self.get("credential_process").is_some() {
            Kind::Process
        } else if self.get("aws_access_key_id").is_some() {
            Kind::Keys
        } else {
            Kind::Other
        }
    }
}

/// The first `source_profile` on the way from `name` that `profiles` does not hold, with
/// the profile that names it. The SDK, missing it, goes on down its chain to the instance
/// metadata service, and its error says IMDS instead of the name mistyped.
pub fn missing_source(profiles: &[Profile], name: &str) -> Option<(String, String)> {
    let mut seen: Vec<&str> = Vec::new();
    let mut at = name;
    // A cycle is the SDK's to report; a profile may name itself, with keys of its own.
    while !seen.contains(&at) {
        seen.push(at);
        let source = profiles
            .iter()
            .find(|p| p.name == at)?
            .get("source_profile")?;
        if !profiles.iter().any(|p| p.name == source) {
            return Some((at.to_owned(), source.to_owned()));
        }
        at = source;
    }
    None
}

/// `AWS_CONFIG_FILE`, else `~/.aws/config`.
pub fn config_path() -> Option<PathBuf> {
    env_path("AWS_CONFIG_FILE").or_else(|| home().map(|h| h.join(".aws/config")))
}

/// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`.
pub fn credentials_path() -> Option<PathBuf> {
    env_path("AWS_SHARED_CREDENTIALS_FILE").or_else(|| home().map(|h| h.join(".aws/credentials")))
}

fn env_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Every profile of both files, sorted by name; a file that is missing or unreadable
/// gives none (the picker then shows what the other holds).
pub fn load() -> Vec<Profile> {
    let read = |p: Option<PathBuf>| p.and_then(|p| std::fs::read_to_string(p).ok());
    merge(
        read(config_path()).as_deref(),
        read(credentials_path()).as_deref(),
    )
}

/// One profile by name, from both files.
pub fn find(name: &str) -> Option<Profile> {
    load().into_iter().find(|p| p.name == name)
}

/// The config file's sections of one kind other than profiles, by name: `services` gives
/// each `[services NAME]` with its keys as `rekognition.endpoint_url`, `sso-session` each
/// `[sso-session NAME]`. A missing or unreadable file gives none.
pub fn load_sections(kind: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let text = config_path().and_then(|p| std::fs::read_to_string(p).ok());
    sections_of(text.as_deref().unwrap_or(""), kind)
}

/// The sections `[KIND NAME]` of a config file's text, by NAME.
pub fn sections_of(config: &str, kind: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    sections(config)
        .into_iter()
        .filter_map(|(section, keys)| {
            let rest = section.strip_prefix(kind)?;
            let name = rest.strip_prefix(char::is_whitespace)?.trim();
            (!name.is_empty()).then(|| (name.to_owned(), keys))
        })
        .collect()
}

/// Merges the parsed files: config sections are `[default]` or `[profile NAME]`,
/// credentials sections are `[NAME]`.
pub fn merge(config: Option<&str>, credentials: Option<&str>) -> Vec<Profile> {
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (section, keys) in credentials.map(sections).unwrap_or_default() {
        all.entry(section).or_default().extend(keys);
    }
    for (section, keys) in config.map(sections).unwrap_or_default() {
        let name = if section == "default" {
            Some("default".to_owned())
        } else {
            section
                .strip_prefix("profile")
                .filter(|rest| rest.starts_with(char::is_whitespace))
                .map(|rest| rest.trim().to_owned())
        };
        // `[sso-session X]`, `[services X]` and the like are not profiles.
        if let Some(name) = name.filter(|n| !n.is_empty()) {
            all.entry(name).or_default().extend(keys);
        }
    }
    all.into_iter()
        .map(|(name, keys)| Profile { name, keys })
        .collect()
}

/// An INI file as the AWS tools read it: `[section]`, `key = value`, comments from `#` or
/// `;` at the start of a line. Indented `key = value` lines under a key with no value are
/// its sub-settings, kept as `parent.key` (a `[services]` section's `rekognition =` with
/// its `endpoint_url`); other indented lines continue a value and are skipped.
fn sections(text: &str) -> Vec<(String, BTreeMap<String, String>)> {
    let mut out: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    // The last key with an empty value: the parent of the indented lines that follow.
    let mut parent: Option<String> = None;
    for line in text.lines() {
        if line.starts_with(char::is_whitespace) && !line.trim().is_empty() {
            let (Some((_, keys)), Some(parent), Some((key, value))) =
                (out.last_mut(), parent.as_deref(), line.split_once('='))
            else {
                continue;
            };
            let key = format!("{parent}.{}", key.trim().to_ascii_lowercase());
            keys.insert(key, value.trim().to_owned());
            continue;
        }
        parent = None;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            out.push((name.trim().to_owned(), BTreeMap::new()));
            continue;
        }
        let (Some((_, keys)), Some((key, value))) = (out.last_mut(), line.split_once('=')) else {
            continue;
        };
        let (key, value) = (key.trim().to_ascii_lowercase(), value.trim().to_owned());
        if value.is_empty() {
            parent = Some(key.clone());
        }
        keys.insert(key, value);
    }
    out
}

#[cfg(test)]
mod tests;
