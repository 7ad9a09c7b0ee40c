//! The credentials of a role assumed from a profile's: refreshed, so that a session left
//! open in an organization's member account goes on past the hour STS gives.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, future};
use aws_sdk_sts::error::ProvideErrorMetadata;

use super::{Unreached, service_text, session_name};

/// How long a set of assumed credentials is used, on this machine's clock: well inside the
/// hour STS gives by default.
pub const ASSUMED_FOR: Duration = Duration::from_secs(45 * 60);

/// Role `arn`, assumed with `sts`. It hands out the set STS gave when the role was first
/// assumed, then a new set each time the SDK's identity cache finds the last one due. A set
/// is due after `life` on this machine's clock, whatever STS's Expiration says: a clock
/// that drifts would otherwise keep a set STS already refuses.
#[derive(Debug)]
pub struct Reassumed {
    sts: aws_sdk_sts::Client,
    arn: String,
    life: Duration,
    first: Mutex<Option<Credentials>>,
}

impl Reassumed {
    /// Assumes the role once, so that a refusal is known now (the fleet's `denied:
    /// sts:AssumeRole`), not at the first call.
    pub async fn assume(
        sts: aws_sdk_sts::Client,
        arn: &str,
        life: Duration,
    ) -> Result<Reassumed, Unreached> {
        let first = fetch(&sts, arn, life).await?;
        Ok(Reassumed {
            sts,
            arn: arn.to_owned(),
            life,
            first: Mutex::new(Some(first)),
        })
    }
}

impl ProvideCredentials for Reassumed {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            // A plain Option: one left behind by a panic is still whole.
            let first = self
                .first
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            match first {
                Some(first) => Ok(first),
                None => fetch(&self.sts, &self.arn, self.life)
                    .await
                    .map_err(|why| CredentialsError::provider_error(why.to_string())),
            }
        })
    }
}

async fn fetch(
    sts: &aws_sdk_sts::Client,
    arn: &str,
    life: Duration,
) -> Result<Credentials, Unreached> {
    let out = sts
        .assume_role()
        .role_arn(arn)
        .role_session_name(session_name())
        .send()
        .await
        .map_err(|err| match err.code() {
            Some("AccessDenied") => Unreached::Denied("sts:AssumeRole".into()),
            _ => Unreached::Failed(format!("AssumeRole {arn}: {}", service_text(&err))),
        })?;
    let creds = out
        .credentials()
        .ok_or_else(|| Unreached::Failed(format!("AssumeRole {arn}: no credentials")))?;
    let due = SystemTime::now() + life;
    let expiry = SystemTime::try_from(*creds.expiration()).map_or(due, |given| given.min(due));
    Ok(Credentials::new(
        creds.access_key_id(),
        creds.secret_access_key(),
        Some(creds.session_token().to_owned()),
        Some(expiry),
        "rekog-fleet",
    ))
}
