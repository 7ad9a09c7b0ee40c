//! Who made a request: the long-term key of `--credentials` (or any key, when signatures are
//! not checked), a key a seeded account lists, or temporary credentials the emulator's STS
//! issued, which need their session token, must not have expired and are verified with
//! their own secret. Each caller acts in one account.

use std::sync::Arc;

use super::accounts::Accounts;
use super::error::{ApiError, ErrorKind};
use super::sigv4::{self, Authorization, Signed};
use super::sts::{Principal, Sessions};

/// The accounts and every key they know.
#[derive(Debug)]
pub struct Keys {
    pub accounts: Accounts,
    /// The long-term key and secret; when set, every signature is verified.
    pub credentials: Option<(String, String)>,
    /// With `--mfa-code`: the code AssumeRole and GetSessionToken require.
    pub mfa_code: Option<String>,
    pub sessions: Arc<Sessions>,
}

/// An authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub principal: Principal,
    /// The account it acts in.
    pub account: String,
    /// Signed with temporary credentials from AssumeRole or GetSessionToken.
    pub temporary: bool,
    /// Those credentials were issued on an MFA code.
    pub mfa: bool,
}

fn invalid_token() -> ApiError {
    ApiError::new(
        ErrorKind::UnrecognizedClient,
        "The security token included in the request is invalid.",
    )
}

/// Checks a request to `service` as AWS does: the key and its session token first, then
/// the expiry, then the signature.
pub fn authenticate(
    keys: &Keys,
    auth: &Authorization,
    req: &Signed<'_>,
    service: &str,
) -> Result<Caller, ApiError> {
    let token = req
        .headers
        .get("x-amz-security-token")
        .map(|v| v.as_bytes());
    if let Some(session) = keys.sessions.find(&auth.access_key) {
        if !token.is_some_and(|t| same(t, session.token.as_bytes())) {
            return Err(invalid_token());
        }
        if session.expires <= keys.sessions.now() {
            return Err(ApiError::new(
                ErrorKind::ExpiredToken,
                "The security token included in the request is expired",
            ));
        }
        sigv4::verify_for(
            service,
            auth,
            &session.secret,
            req,
            crate::time::wall_secs(),
        )?;
        return Ok(Caller {
            principal: session.principal.clone(),
            account: session.account.clone(),
            temporary: true,
            mfa: session.mfa,
        });
    }
    let caller = Caller {
        principal: Principal::User {
            name: auth.access_key.clone(),
        },
        account: keys.accounts.of_key(&auth.access_key).to_owned(),
        temporary: false,
        mfa: false,
    };
    let Some((key, secret)) = &keys.credentials else {
        // Without --credentials no signature is checked: any key and any token pass.
        return Ok(caller);
    };
    // The seed names its accounts' keys but not their secrets: those keys are trusted as
    // they come, beside the one whose secret --credentials gives.
    if keys.accounts.is_listed(&auth.access_key) && *key != auth.access_key && token.is_none() {
        return Ok(caller);
    }
    // A long-term key carries no session token; AWS refuses one that does.
    if auth.access_key != *key || token.is_some() {
        return Err(invalid_token());
    }
    sigv4::verify_for(service, auth, secret, req, crate::time::wall_secs())?;
    Ok(caller)
}

/// Compares in time independent of where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
