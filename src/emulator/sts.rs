//! STS GetCallerIdentity, so that `rekog --demo` and tests against `rekog serve` show an
//! identity: the query protocol (a form-encoded POST) answered in XML, with the emulator's
//! account and an ARN derived from the access key.

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::error::{ApiError, ErrorKind};

/// A query-protocol request: form-encoded, and no `X-Amz-Target` (which every Rekognition
/// call carries).
pub fn is_sts(headers: &HeaderMap) -> bool {
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    form && !headers.contains_key("x-amz-target")
}

pub fn answer(account: &str, access_key: &str, body: &[u8], request_id: &str) -> Response {
    let form = String::from_utf8_lossy(body);
    let field = |name: &str| {
        form.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_owned())
    };
    let action = field("Action").unwrap_or_default();
    if action != "GetCallerIdentity" {
        return error(
            "InvalidAction",
            &format!("Could not find operation {action} for version 2011-06-15"),
            request_id,
        );
    }
    // The key went through SigV4 parsing; escape it anyway, as it is the client's text.
    let key = escape(access_key);
    let body = format!(
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n\
         <GetCallerIdentityResult>\n\
         <Arn>arn:aws:iam::{account}:user/{key}</Arn>\n\
         <UserId>{key}</UserId>\n\
         <Account>{account}</Account>\n\
         </GetCallerIdentityResult>\n\
         <ResponseMetadata>\n<RequestId>{request_id}</RequestId>\n</ResponseMetadata>\n\
         </GetCallerIdentityResponse>\n",
        account = escape(account),
    );
    xml(StatusCode::OK, body)
}

/// An error of the checks every request goes through (signature, size), in STS's shape.
/// STS speaks the query protocol, which refuses a bad key or signature with 403.
pub fn error_of(err: &ApiError, request_id: &str) -> Response {
    let code = err.kind.type_name().trim_end_matches("Exception");
    let mut response = error(code, &err.message, request_id);
    *response.status_mut() = match err.kind {
        ErrorKind::InvalidSignature | ErrorKind::UnrecognizedClient => StatusCode::FORBIDDEN,
        kind => kind.status(),
    };
    response
}

fn error(code: &str, message: &str, request_id: &str) -> Response {
    let body = format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n\
         <Error>\n<Type>Sender</Type>\n<Code>{code}</Code>\n<Message>{}</Message>\n</Error>\n\
         <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
        escape(message)
    );
    xml(StatusCode::BAD_REQUEST, body)
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
