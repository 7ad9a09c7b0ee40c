//! Roles protected by MFA: a profile with `role_arn` and `mfa_serial`. The SDK cannot ask
//! for the code, so rekog does: it calls STS GetSessionToken with SerialNumber and
//! TokenCode on the source profile's credentials, then AssumeRole with that session, and
//! keeps both under `$XDG_CACHE_HOME/rekog/sts/` until five minutes before they expire. The
//! session is the device's: every other role of the same source profile and device is then
//! assumed without a code (once per device, not once per role). Where GetSessionToken
//! cannot be used (source credentials that are themselves temporary), AssumeRole takes the
//! code itself, as before.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_sdk_rekognition::config::Region;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Reach;
use super::profiles::{Kind, Profile};
use crate::paths::{create_private_dirs, private_file};

pub mod prompt;

/// Cached credentials are used until this long before they expire.
pub const MARGIN: Duration = Duration::from_secs(5 * 60);
/// Wrong codes allowed before rekog gives up.
pub const ATTEMPTS: u32 = 3;

/// What AssumeRole needs, from the profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub profile: String,
    pub role_arn: String,
    pub mfa_serial: String,
    /// The profile whose credentials call AssumeRole; `None` is the default chain.
    pub source_profile: Option<String>,
    pub session_name: String,
    pub duration_seconds: Option<i32>,
    pub external_id: Option<String>,
}

impl Role {
    /// The role of an MFA-protected profile; `None` for every other kind, which the SDK's
    /// own chain handles.
    pub fn of(profile: &Profile) -> Option<Role> {
        if profile.kind() != Kind::RoleMfa {
            return None;
        }
        Some(Role {
            profile: profile.name.clone(),
            role_arn: profile.get("role_arn")?.to_owned(),
            mfa_serial: profile.get("mfa_serial")?.to_owned(),
            source_profile: profile.get("source_profile").map(str::to_owned),
            session_name: profile
                .get("role_session_name")
                .map_or_else(default_session_name, str::to_owned),
            duration_seconds: profile.get("duration_seconds").and_then(|d| d.parse().ok()),
            external_id: profile.get("external_id").map(str::to_owned),
        })
    }

    /// The cache file: one per profile, role and device, so that editing the profile
    /// does not reuse another role's credentials.
    fn cache_file(&self, dir: &Path) -> PathBuf {
        dir.join(format!(
            "{}.json",
            short_hash(&[&self.profile, &self.role_arn, &self.mfa_serial])
        ))
    }

    /// The cache file of the device's session: one per source profile and device.
    fn device_file(&self, dir: &Path) -> PathBuf {
        let source = self.source_profile.as_deref().unwrap_or("");
        dir.join(format!(
            "device-{}.json",
            short_hash(&["device", source, &self.mfa_serial])
        ))
    }
}

/// 24 hex digits of the SHA-256 of `parts`, each ended by a NUL so that no two lists of
/// parts hash alike.
fn short_hash(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn default_session_name() -> String {
    // The name the audit records give, so that CloudTrail and rekog's trail agree.
    let user = crate::audit::os_user()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "operator".into());
    // RoleSessionName allows `[\w+=,.@-]`, 2 to 64 characters.
    let clean: String = user
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "+=,.@_-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .take(50)
        .collect();
    format!("rekog-{clean}")
}

/// Temporary credentials, as cached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Temporary {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    /// Epoch seconds.
    pub expiration: i64,
}

impl Temporary {
    pub fn fresh(&self, now_secs: i64) -> bool {
        self.expiration - MARGIN.as_secs() as i64 > now_secs
    }

    pub fn credentials(&self) -> Credentials {
        let expires = UNIX_EPOCH + Duration::from_secs(self.expiration.max(0) as u64);
        Credentials::new(
            &self.access_key_id,
            &self.secret_access_key,
            Some(self.session_token.clone()),
            Some(expires),
            "rekog-mfa",
        )
    }
}

/// `$XDG_CACHE_HOME/rekog/sts`, or `~/.cache/rekog/sts`.
pub fn cache_dir() -> Option<PathBuf> {
    crate::paths::cache_dir().map(|d| d.join("sts"))
}

/// The cached credentials of `role`, when they are still fresh.
pub fn cached(role: &Role, dir: &Path, now_secs: i64) -> Option<Temporary> {
    fresh_at(&role.cache_file(dir), now_secs)
}

fn fresh_at(path: &Path, now_secs: i64) -> Option<Temporary> {
    let text = std::fs::read_to_string(path).ok()?;
    let temporary: Temporary = serde_json::from_str(&text).ok()?;
    temporary.fresh(now_secs).then_some(temporary)
}

/// Writes the cache file (0600 in a 0700 directory), replacing it atomically.
pub fn store(role: &Role, dir: &Path, temporary: &Temporary) -> std::io::Result<()> {
    store_at(dir, &role.cache_file(dir), temporary)
}

fn store_at(dir: &Path, path: &Path, temporary: &Temporary) -> std::io::Result<()> {
    use std::io::Write;
    create_private_dirs(dir)?;
    let path = path.to_path_buf();
    let tmp = path.with_extension("json.tmp");
    let mut file = private_file()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&tmp)?;
    file.write_all(&serde_json::to_vec(temporary).map_err(std::io::Error::other)?)?;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)
}

/// Why AssumeRole did not give credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssumeError {
    /// STS refused the code (or the caller): ask again, with STS's message.
    Refused(String),
    /// Anything else: the source profile has no credentials, the network, ...
    Failed(String),
}

/// What stands for the MFA device in AssumeRole: the code itself, or a session issued on
/// one (whose credentials then sign the call instead of the source profile's).
#[derive(Clone, Copy)]
pub enum Proof<'a> {
    Code(&'a str),
    Session(&'a Temporary),
}

/// The STS client of `role`'s source profile (or of `session`), sent to the STS endpoint
/// resolved for the role's profile (the same one its GetCallerIdentity uses).
async fn sts_client(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    session: Option<&Temporary>,
) -> aws_sdk_sts::Client {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .timeout_config(super::timeouts(timeout));
    match session {
        Some(session) => loader = loader.credentials_provider(session.credentials()),
        None => {
            if let Some(source) = &role.source_profile {
                loader = loader.profile_name(source);
            }
        }
    }
    if let Some(http) = &reach.http {
        loader = loader.http_client(http.clone());
    }
    let config = loader.load().await;
    reach.sts(&config)
}

fn refused_or_failed<E>(err: &aws_sdk_sts::error::SdkError<E>) -> AssumeError
where
    E: aws_sdk_sts::error::ProvideErrorMetadata + std::error::Error + 'static,
{
    use aws_sdk_sts::error::ProvideErrorMetadata;
    match (err.code(), err.message()) {
        (Some(code), Some(message)) if code.contains("AccessDenied") => {
            AssumeError::Refused(message.to_owned())
        }
        _ => AssumeError::Failed(crate::aws::sdk::service_text(err)),
    }
}

fn temporary(creds: Option<aws_sdk_sts::types::Credentials>) -> Result<Temporary, AssumeError> {
    let creds =
        creds.ok_or_else(|| AssumeError::Failed("STS answered without credentials".into()))?;
    let expiration = SystemTime::try_from(creds.expiration)
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs() as i64);
    Ok(Temporary {
        access_key_id: creds.access_key_id,
        secret_access_key: creds.secret_access_key,
        session_token: creds.session_token,
        expiration,
    })
}

/// GetSessionToken with the MFA code, on the source profile's credentials: the device's
/// session, from which each of its roles is assumed without a code.
pub async fn device_session(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    code: &str,
) -> Result<Temporary, AssumeError> {
    let sts = sts_client(role, region, reach, timeout, None).await;
    let out = sts
        .get_session_token()
        .serial_number(&role.mfa_serial)
        .token_code(code.trim())
        // An hour, as the roles get: the device's session on disk stands for a code, so
        // it should not outlive what one code gave before.
        .duration_seconds(3600)
        .send()
        .await
        .map_err(|err| refused_or_failed(&err))?;
    temporary(out.credentials)
}

/// AssumeRole of `role`, with the MFA code on the source profile's credentials, or on the
/// credentials of a session the device's code gave.
pub async fn assume(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    proof: Proof<'_>,
) -> Result<Temporary, AssumeError> {
    let session = match proof {
        Proof::Session(session) => Some(session),
        Proof::Code(_) => None,
    };
    let sts = sts_client(role, region, reach, timeout, session).await;
    let mut call = sts
        .assume_role()
        .role_arn(&role.role_arn)
        .role_session_name(&role.session_name)
        .set_duration_seconds(role.duration_seconds)
        .set_external_id(role.external_id.clone());
    if let Proof::Code(code) = proof {
        call = call.serial_number(&role.mfa_serial).token_code(code.trim());
    }
    if role.duration_seconds.is_none() {
        call = call.duration_seconds(3600);
    }
    let out = call.send().await.map_err(|err| refused_or_failed(&err))?;
    temporary(out.credentials)
}

/// `role`'s credentials without asking for a code: its own cached under `dir` while
/// fresh, else assumed with its device's cached session. `None`: a code is needed.
pub async fn without_code(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    dir: &Path,
) -> Option<Temporary> {
    if let Some(temporary) = cached(role, dir, crate::time::wall_secs()) {
        tracing::info!(
            profile = role.profile,
            "MFA role credentials from the cache"
        );
        return Some(temporary);
    }
    from_device(role, region, reach, timeout, dir).await
}

/// `role` assumed without a code, from its device's session cached under `dir` (another
/// role of the same source profile and device was given one), and cached in turn. `None`
/// when there is no fresh session or STS would not take it: a code is then needed.
async fn from_device(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    dir: &Path,
) -> Option<Temporary> {
    let session = fresh_at(&role.device_file(dir), crate::time::wall_secs())?;
    match assume(role, region, reach, timeout, Proof::Session(&session)).await {
        Ok(temporary) => {
            if let Err(err) = store(role, dir, &temporary) {
                tracing::warn!(%err, "cannot cache the MFA role credentials");
            }
            tracing::info!(
                profile = role.profile,
                "MFA role assumed with the device's session"
            );
            Some(temporary)
        }
        Err(err) => {
            tracing::info!(
                profile = role.profile,
                ?err,
                "the device's session was not taken"
            );
            None
        }
    }
}

/// Why a code gave no credentials, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not six digits: nothing was sent.
    Malformed(String),
    /// STS refused the code.
    Refused(String),
    /// AssumeRole failed otherwise: asking again will not help.
    Failed(String),
}

/// One code for `role`: checked, sent with AssumeRole, and the credentials it gives kept
/// under `cache` when there is one. Both ways of asking (the terminal at start, the dialog
/// of a switch) go through here.
pub async fn redeem(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    cache: Option<&Path>,
    code: &str,
) -> Result<Temporary, CodeError> {
    crate::context::check_mfa_code(code).map_err(CodeError::Malformed)?;
    let assumed = match device_session(role, region, reach, timeout, code).await {
        Ok(session) => {
            if let Some(Err(err)) = cache.map(|d| store_at(d, &role.device_file(d), &session)) {
                tracing::warn!(%err, "cannot cache the MFA device's session");
            }
            // STS took the code: a refusal now is the role's (its trust policy), which
            // another code would not change.
            assume(role, region, reach, timeout, Proof::Session(&session))
                .await
                .map_err(|err| match err {
                    AssumeError::Refused(message) => AssumeError::Failed(format!(
                        "refused with the MFA device's session: {message}"
                    )),
                    failed => failed,
                })
        }
        // A wrong code is the operator's to correct; anything else (source credentials
        // that are temporary themselves, which GetSessionToken refuses) leaves AssumeRole
        // to take the code as it always could.
        Err(AssumeError::Refused(message)) if message.contains("MultiFactorAuthentication") => {
            Err(AssumeError::Refused(message))
        }
        Err(err) => {
            tracing::info!(
                ?err,
                "GetSessionToken was not taken: AssumeRole takes the code"
            );
            assume(role, region, reach, timeout, Proof::Code(code)).await
        }
    };
    match assumed {
        Ok(temporary) => {
            if let Some(Err(err)) = cache.map(|d| store(role, d, &temporary)) {
                tracing::warn!(%err, "cannot cache the MFA role credentials");
            }
            Ok(temporary)
        }
        Err(AssumeError::Refused(message)) => Err(CodeError::Refused(format!(
            "STS refused the code: {message}"
        ))),
        Err(AssumeError::Failed(message)) => Err(CodeError::Failed(format!(
            "AssumeRole {}: {message}",
            role.role_arn
        ))),
    }
}

/// The credentials of `role`: from the cache when fresh (unless `no_cache`), else from
/// AssumeRole with a code `ask` gives (`ask(why)` is told what was wrong with the last one).
/// A malformed code is asked again without a call; a code STS refuses counts as one of
/// [`ATTEMPTS`].
pub async fn resolve(
    role: &Role,
    region: &str,
    reach: &Reach,
    timeout: Duration,
    no_cache: bool,
    mut ask: impl FnMut(Option<&str>) -> Option<String>,
) -> Result<Temporary, String> {
    let dir = cache_dir().filter(|_| !no_cache);
    if let Some(dir) = dir.as_deref()
        && let Some(temporary) = without_code(role, region, reach, timeout, dir).await
    {
        return Ok(temporary);
    }
    let mut why: Option<String> = None;
    let mut refused = 0;
    while refused < ATTEMPTS {
        let Some(code) = ask(why.as_deref()) else {
            return Err(format!(
                "no MFA code was given for profile {}",
                role.profile
            ));
        };
        match redeem(role, region, reach, timeout, dir.as_deref(), &code).await {
            Ok(temporary) => return Ok(temporary),
            Err(CodeError::Malformed(problem)) => why = Some(problem),
            Err(CodeError::Refused(problem)) => {
                refused += 1;
                why = Some(problem);
            }
            Err(CodeError::Failed(problem)) => return Err(problem),
        }
    }
    Err(format!(
        "STS refused {ATTEMPTS} MFA codes for profile {}; {}",
        role.profile,
        why.unwrap_or_default()
    ))
}

#[cfg(test)]
mod tests;
