//! STS over the query protocol (a form-encoded POST answered in XML): GetCallerIdentity, so
//! that rekog shows an identity, and AssumeRole and GetSessionToken, whose temporary
//! credentials the emulator then accepts (see `auth`).

mod form;
mod input;
mod sessions;

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use sessions::{Principal, Session, Sessions};

use super::auth::{Caller, Keys};
use super::error::{ApiError, ErrorKind};
use form::Form;
use input::Mfa;

const XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";
/// STS's default for AssumeRole: one hour.
const ROLE_DEFAULT_SECONDS: i64 = 3600;
/// A role session assuming a role (role chaining) gets at most an hour.
const CHAINED_MAX_SECONDS: i64 = 3600;
/// STS's default for GetSessionToken: twelve hours.
const USER_DEFAULT_SECONDS: i64 = 43_200;

/// A query-protocol request: form-encoded, and no `X-Amz-Target` (which every Rekognition
/// call carries).
pub fn is_sts(headers: &HeaderMap) -> bool {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    form && !headers.contains_key("x-amz-target")
}

/// An error answer in STS's shape: a code, a message and its HTTP status.
#[derive(Debug, PartialEq, Eq)]
pub struct StsError {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl StsError {
    pub fn validation(message: impl Into<String>) -> StsError {
        StsError {
            status: StatusCode::BAD_REQUEST,
            code: "ValidationError",
            message: message.into(),
        }
    }

    pub fn access_denied(message: impl Into<String>) -> StsError {
        StsError {
            status: StatusCode::FORBIDDEN,
            code: "AccessDenied",
            message: message.into(),
        }
    }

    fn response(&self, request_id: &str) -> Response {
        let body = format!(
            "<ErrorResponse xmlns=\"{XMLNS}\">\n\
             <Error>\n<Type>Sender</Type>\n<Code>{}</Code>\n<Message>{}</Message>\n</Error>\n\
             <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
            self.code,
            escape(&self.message)
        );
        xml(self.status, body)
    }
}

/// Answers an STS request from an authenticated `caller`.
pub fn answer(keys: &Keys, caller: &Caller, body: &[u8], request_id: &str) -> Response {
    let form = Form::parse(body);
    let action = form.get("Action").unwrap_or_default();
    let result = match action {
        "GetCallerIdentity" => Ok(caller_identity(caller)),
        "AssumeRole" => assume_role(keys, caller, &form),
        "GetSessionToken" => session_token(keys, caller, &form),
        _ => Err(StsError {
            status: StatusCode::BAD_REQUEST,
            code: "InvalidAction",
            message: format!("Could not find operation {action} for version 2011-06-15"),
        }),
    };
    match result {
        Ok(inner) => xml(
            StatusCode::OK,
            format!(
                "<{action}Response xmlns=\"{XMLNS}\">\n<{action}Result>\n{inner}</{action}Result>\n\
                 <ResponseMetadata>\n<RequestId>{request_id}</RequestId>\n</ResponseMetadata>\n\
                 </{action}Response>\n"
            ),
        ),
        Err(err) => err.response(request_id),
    }
}

fn caller_identity(caller: &Caller) -> String {
    format!(
        "<Arn>{}</Arn>\n<UserId>{}</UserId>\n<Account>{}</Account>\n",
        escape(&caller.principal.arn(&caller.account)),
        escape(&caller.principal.user_id()),
        escape(&caller.account),
    )
}

fn assume_role(keys: &Keys, caller: &Caller, form: &Form) -> Result<String, StsError> {
    let input = input::assume_role(form)?;
    // A role of the caller's own account, the organization's role in a member, or one an
    // account lists; the emulator keeps no IAM policies beyond that.
    if !keys
        .accounts
        .may_assume(&caller.account, &input.account, &input.role_name)
    {
        return Err(StsError::access_denied(format!(
            "User: {} is not authorized to perform: sts:AssumeRole on resource: {}",
            caller.principal.arn(&caller.account),
            input.role_arn
        )));
    }
    // Credentials issued on a code (GetSessionToken with MFA) stand for it, as on AWS: the
    // role is assumed without another code, once per device rather than once per role.
    let coded = input.mfa.serial_number.is_some() || input.mfa.token_code.is_some();
    if coded || !caller.mfa {
        check_mfa(keys.mfa_code.as_deref(), &input.mfa)?;
    }
    let mfa = caller.mfa || (input.mfa.serial_number.is_some() && input.mfa.token_code.is_some());
    let duration = input.duration.unwrap_or(ROLE_DEFAULT_SECONDS);
    if matches!(caller.principal, Principal::Role { .. }) && duration > CHAINED_MAX_SECONDS {
        return Err(StsError::validation(
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed \
             by role chaining.",
        ));
    }
    let principal = Principal::role(&input.role_arn, &input.role_name, &input.session_name);
    let session = keys
        .sessions
        .issue(principal, &input.account, duration, mfa);
    Ok(format!(
        "<AssumedRoleUser>\n<Arn>{}</Arn>\n<AssumedRoleId>{}</AssumedRoleId>\n</AssumedRoleUser>\n{}",
        escape(&session.principal.arn(&session.account)),
        escape(&session.principal.user_id()),
        credentials(&session)
    ))
}

fn session_token(keys: &Keys, caller: &Caller, form: &Form) -> Result<String, StsError> {
    let input = input::get_session_token(form)?;
    if caller.temporary {
        return Err(StsError::access_denied(
            "Cannot call GetSessionToken with session credentials",
        ));
    }
    check_mfa(keys.mfa_code.as_deref(), &input.mfa)?;
    let mfa = input.mfa.serial_number.is_some() && input.mfa.token_code.is_some();
    let duration = input.duration.unwrap_or(USER_DEFAULT_SECONDS);
    let session = keys
        .sessions
        .issue(caller.principal.clone(), &caller.account, duration, mfa);
    Ok(credentials(&session))
}

/// With `rekog serve --mfa-code`, both calls need a device and that code; without it, any
/// well-formed code passes.
fn check_mfa(required: Option<&str>, mfa: &Mfa) -> Result<(), StsError> {
    let Some(code) = required else {
        return Ok(());
    };
    let missing = match (&mfa.serial_number, &mfa.token_code) {
        (Some(_), Some(given)) if given == code => return Ok(()),
        (Some(_), Some(_)) => {
            return Err(StsError::access_denied(
                "MultiFactorAuthentication failed with invalid MFA one time pass code. ",
            ));
        }
        (None, None) => "SerialNumber and TokenCode",
        (None, Some(_)) => "SerialNumber",
        (Some(_), None) => "TokenCode",
    };
    Err(StsError::access_denied(format!(
        "MultiFactorAuthentication is required (rekog serve --mfa-code): the request has no \
         {missing}."
    )))
}

fn credentials(session: &Session) -> String {
    let expires = crate::time::format_rfc3339(session.expires.saturating_mul(1000));
    format!(
        "<Credentials>\n<AccessKeyId>{}</AccessKeyId>\n<SecretAccessKey>{}</SecretAccessKey>\n\
         <SessionToken>{}</SessionToken>\n<Expiration>{}</Expiration>\n</Credentials>\n",
        session.access_key,
        escape(&session.secret),
        escape(&session.token),
        // STS gives whole seconds: 2026-01-02T03:04:05Z.
        expires.replace(".000Z", "Z"),
    )
}

/// An error of the checks every request goes through (signature, token, size), in STS's
/// codes: the query protocol refuses a bad key, signature or token with 403.
pub fn error_of(err: &ApiError, request_id: &str) -> Response {
    let (code, status) = match err.kind {
        ErrorKind::UnrecognizedClient => ("InvalidClientTokenId", StatusCode::FORBIDDEN),
        ErrorKind::InvalidSignature => ("SignatureDoesNotMatch", StatusCode::FORBIDDEN),
        ErrorKind::ExpiredToken => ("ExpiredToken", StatusCode::FORBIDDEN),
        kind => (
            kind.type_name().trim_end_matches("Exception"),
            kind.status(),
        ),
    };
    let error = StsError {
        status,
        code,
        message: err.message.clone(),
    };
    error.response(request_id)
}

fn xml(status: StatusCode, body: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/xml")], body).into_response()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests;
