//! The accounts a fleet or an inventory reaches: through a profile (the account is what
//! GetCallerIdentity says), or through an organization (ListAccounts from the management
//! or a delegated administrator account, then AssumeRole into each member's role). Nothing
//! here prompts: a profile that wants an MFA code says so in its status.

use std::time::Duration;

use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_rekognition::config::Region;
use aws_sdk_sts::error::ProvideErrorMetadata;

use super::endpoints::Source;
use super::profiles::{self, Kind};
use super::sdk::{SdkBackend, service_text};
use super::{ConnectError, Loaded, Target, identity, load};

mod assumed;

pub use assumed::ASSUMED_FOR;
use assumed::Reassumed;

/// One account reached, with what builds its clients in any region.
#[derive(Debug, Clone)]
pub struct Reached {
    pub account: String,
    /// From Organizations, when the account came from there.
    pub name: Option<String>,
    /// The profile it was reached through (the base profile, for a member).
    pub profile: Option<String>,
    /// The roles assumed on the way, first to last: empty for a profile's own account.
    pub chain: Vec<String>,
    pub loaded: Loaded,
}

impl Reached {
    /// A Rekognition backend of this account in `region`.
    pub fn backend(&self, region: &str) -> SdkBackend {
        let config = self
            .loaded
            .config
            .to_builder()
            .region(Region::new(region.to_owned()))
            .build();
        SdkBackend::new(self.loaded.reach.rekognition(&config))
    }
}

/// Why an account or a profile could not be reached, as its status line says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreached {
    /// An SSO profile whose token is missing or expired.
    SsoLogin {
        profile: String,
    },
    /// A role that wants an MFA code, with no fresh cached credentials.
    NeedCode,
    NoCredentials,
    /// The IAM action refused, e.g. `sts:AssumeRole`.
    Denied(String),
    Failed(String),
}

impl std::fmt::Display for Unreached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreached::SsoLogin { profile } => {
                write!(f, "sso login needed: aws sso login --profile {profile}")
            }
            Unreached::NeedCode => f.write_str("MFA code needed"),
            Unreached::NoCredentials => f.write_str("no credentials"),
            Unreached::Denied(action) => write!(f, "denied: {action}"),
            Unreached::Failed(why) => write!(f, "failed: {why}"),
        }
    }
}

/// Reaches the account of `target`'s profile, with cached credentials only for a role
/// that wants an MFA code.
pub async fn through_profile(target: &Target) -> Result<Reached, Unreached> {
    let loaded = match load(target, Some(None)).await {
        Ok(loaded) => loaded,
        Err(err) => return Err(unreached(target.profile.as_deref(), err)),
    };
    identify(loaded).await
}

/// The account `loaded`'s credentials act in, from GetCallerIdentity.
pub async fn identify(loaded: Loaded) -> Result<Reached, Unreached> {
    let sts = loaded.reach.sts(&loaded.config);
    let who = identity::caller(&sts).await.map_err(Unreached::Failed)?;
    let account = who
        .account
        .ok_or_else(|| Unreached::Failed("GetCallerIdentity named no account".into()))?;
    Ok(Reached {
        account,
        name: None,
        profile: loaded.profile.clone(),
        chain: Vec::new(),
        loaded,
    })
}

/// A profile's connect failure as a status: the profile's kind says what an unresolved
/// credential means.
pub fn unreached(profile: Option<&str>, err: ConnectError) -> Unreached {
    match err {
        ConnectError::NeedCode(_) => Unreached::NeedCode,
        ConnectError::SsoLogin { profile, .. } => Unreached::SsoLogin { profile },
        ConnectError::Credentials(detail) => {
            let kind = profile.and_then(profiles::find).map(|p| p.kind());
            match (kind, profile) {
                (Some(Kind::Sso), Some(name)) => Unreached::SsoLogin {
                    profile: name.to_owned(),
                },
                (None | Some(Kind::Other), _) => Unreached::NoCredentials,
                _ if detail.contains("no credentials") || detail.contains("NoCredentials") => {
                    Unreached::NoCredentials
                }
                _ => Unreached::Failed(detail),
            }
        }
        other => Unreached::Failed(other.to_string().lines().next().unwrap_or("").to_owned()),
    }
}

/// An account of the organization, as ListAccounts gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: String,
    pub name: Option<String>,
}

/// Why the organization's accounts could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgFailure {
    /// `organizations:ListAccounts` is not allowed to the caller in `account`.
    Denied {
        account: String,
    },
    /// `account` is in no organization.
    NotInUse {
        account: String,
    },
    Failed(String),
}

impl std::fmt::Display for OrgFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OrgFailure::Denied { account } => write!(
                f,
                "organizations:ListAccounts is denied to account {account}: --org needs a \
                 profile of the management account or of a delegated administrator"
            ),
            OrgFailure::NotInUse { account } => write!(
                f,
                "account {account} is in no organization (organizations:ListAccounts: \
                 AWSOrganizationsNotInUseException)"
            ),
            OrgFailure::Failed(why) => write!(f, "organizations:ListAccounts failed: {why}"),
        }
    }
}

/// The Organizations client of `base`'s account: where STS goes when that is the emulator,
/// else where the SDK resolves Organizations (its variables and `services` sections).
fn organizations(base: &Reached) -> aws_sdk_organizations::Client {
    let mut builder = aws_sdk_organizations::config::Builder::from(&base.loaded.config);
    let sts = &base.loaded.reach.endpoints.sts;
    if matches!(sts.source, Source::Emulator | Source::Demo) {
        builder.set_endpoint_url(sts.url.clone());
    }
    aws_sdk_organizations::Client::from_conf(builder.build())
}

/// Every ACTIVE account of the organization, all pages of ListAccounts.
pub async fn members(base: &Reached) -> Result<Vec<Member>, OrgFailure> {
    let client = organizations(base);
    let mut pages = client.list_accounts().into_paginator().send();
    let mut members = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|err| match err.code() {
            Some("AccessDeniedException") => OrgFailure::Denied {
                account: base.account.clone(),
            },
            Some("AWSOrganizationsNotInUseException") => OrgFailure::NotInUse {
                account: base.account.clone(),
            },
            _ => OrgFailure::Failed(service_text(&err)),
        })?;
        for account in page.accounts() {
            let active = account
                .status()
                .is_none_or(|s| s.as_str().eq_ignore_ascii_case("ACTIVE"));
            if let (Some(id), true) = (account.id(), active) {
                members.push(Member {
                    id: id.to_owned(),
                    name: account.name().map(str::to_owned),
                });
            }
        }
    }
    Ok(members)
}

/// `rekog-fleet-` and the login name, kept to what a role session name allows. The name is
/// the one the audit records give (the password database's, then `$USER`): CloudTrail's
/// session name and rekog's trail then name the same person, under `sudo`, cron or
/// `env -i` too.
pub fn session_name() -> String {
    session_name_for(crate::audit::os_user().as_deref())
}

fn session_name_for(user: Option<&str>) -> String {
    let user: String = user
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(*c))
        .collect();
    let name = format!(
        "rekog-fleet-{}",
        if user.is_empty() { "user" } else { &user }
    );
    name.chars().take(64).collect()
}

/// The role `role` of `member`'s account, assumed from `base`.
pub async fn assume(base: &Reached, member: &Member, role: &str) -> Result<Reached, Unreached> {
    let arn = format!("arn:aws:iam::{}:role/{role}", member.id);
    let loaded = assume_arn(&base.loaded, &arn).await?;
    let mut chain = base.chain.clone();
    chain.push(arn);
    Ok(Reached {
        account: member.id.clone(),
        name: member.name.clone(),
        profile: base.profile.clone(),
        chain,
        loaded,
    })
}

/// The configuration of `base` with the credentials of role `arn` assumed from it, renewed
/// every [`ASSUMED_FOR`].
pub async fn assume_arn(base: &Loaded, arn: &str) -> Result<Loaded, Unreached> {
    assume_arn_for(base, arn, ASSUMED_FOR).await
}

/// As [`assume_arn`], each set of credentials used for `life`.
pub async fn assume_arn_for(base: &Loaded, arn: &str, life: Duration) -> Result<Loaded, Unreached> {
    let sts = base.reach.sts(&base.config);
    let provider = Reassumed::assume(sts, arn, life).await?;
    let mut loaded = base.clone();
    loaded.config = loaded
        .config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build();
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member's role assumed, then the emulator's clock two hours on: STS refuses the
    /// first set by now, and the SDK, finding it due, has the role assumed again.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_assumed_role_is_assumed_again_once_its_credentials_are_due() {
        let seed = crate::emulator::Seed::parse("demo", crate::emulator::DEMO_SEED).unwrap();
        let handle = crate::emulator::serve(crate::emulator::ServeConfig {
            seed: Some(seed),
            ..crate::emulator::ServeConfig::default()
        })
        .await
        .unwrap();
        let base =
            super::super::demo::loaded(&handle.endpoint(), "us-east-1", Duration::from_secs(10));
        let arn = "arn:aws:iam::210987654321:role/OrganizationAccountAccessRole";
        // Due at once: the SDK's identity cache renews a set within seconds of its expiry.
        let loaded = assume_arn_for(&base, arn, Duration::from_secs(1))
            .await
            .unwrap();
        let sts = loaded.reach.sts(&loaded.config);
        let who = sts.get_caller_identity().send().await.unwrap();
        assert_eq!(who.account(), Some("210987654321"));

        handle.skip_ahead(Duration::from_secs(2 * 3600));
        let who = sts.get_caller_identity().send().await;
        assert_eq!(who.unwrap().account(), Some("210987654321"));
        let rekognition = loaded.reach.rekognition(&loaded.config);
        rekognition.list_collections().send().await.unwrap();

        // Each set is given out as due within the span asked for, whatever STS says.
        use aws_credential_types::provider::ProvideCredentials;
        let provider = loaded.config.credentials_provider().unwrap();
        let set = provider.provide_credentials().await.unwrap();
        let due = std::time::SystemTime::now() + Duration::from_secs(1);
        assert!(set.expiry().unwrap() <= due);
        handle.shutdown().await;
    }

    #[test]
    fn statuses_read_as_the_fleet_shows_them() {
        let sso = Unreached::SsoLogin {
            profile: "dev".into(),
        };
        assert_eq!(
            sso.to_string(),
            "sso login needed: aws sso login --profile dev"
        );
        assert_eq!(Unreached::NeedCode.to_string(), "MFA code needed");
        assert_eq!(Unreached::NoCredentials.to_string(), "no credentials");
        assert_eq!(
            Unreached::Denied("sts:AssumeRole".into()).to_string(),
            "denied: sts:AssumeRole"
        );
    }

    #[test]
    fn the_session_name_keeps_what_sts_allows_of_the_login_name() {
        assert_eq!(session_name_for(Some("jane.doe")), "rekog-fleet-jane.doe");
        assert_eq!(session_name_for(Some("jane doe/x")), "rekog-fleet-janedoex");
        assert_eq!(session_name_for(None), "rekog-fleet-user");
        assert_eq!(session_name_for(Some(&"a".repeat(80))).len(), 64);
    }

    #[test]
    fn the_session_name_fits_what_sts_allows() {
        let name = session_name();
        assert!(name.starts_with("rekog-fleet-"), "{name}");
        assert!(name.len() <= 64);
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_+=,.@-".contains(c))
        );
    }
}
