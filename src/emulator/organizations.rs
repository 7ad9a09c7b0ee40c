//! AWS Organizations' ListAccounts over JSON 1.1 (`X-Amz-Target:
//! AWSOrganizationsV20161128.ListAccounts`): the seed's accounts for a caller of the
//! management account, page by page; AccessDeniedException for a member and
//! AWSOrganizationsNotInUseException for an account outside any organization, as AWS
//! answers them.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::accounts::{Accounts, OrgRefusal};

pub const TARGET_PREFIX: &str = "AWSOrganizationsV20161128.";
/// ListAccounts' page when MaxResults is absent, and its range.
const DEFAULT_PAGE: usize = 20;
const MAX_PAGE: i64 = 20;
/// Every account joined on this day, a day apart in the seed's order: a stable
/// JoinedTimestamp.
const JOINED_BASE: i64 = 1_609_459_200;
const TOKEN_PREFIX: &str = "rekog-accounts-";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ListAccountsRequest {
    max_results: Option<i64>,
    next_token: Option<String>,
}

/// An error in Organizations' shape; input errors carry a `Reason`.
fn error(code: &str, message: &str, reason: Option<&str>) -> Response {
    let mut body = json!({"__type": code, "Message": message});
    if let Some(reason) = reason {
        body["Reason"] = json!(reason);
    }
    let mut response = (StatusCode::BAD_REQUEST, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    response
}

fn invalid(message: &str, reason: &str) -> Response {
    error("InvalidInputException", message, Some(reason))
}

/// Answers `operation` (the target without its prefix) for a caller of `caller`.
pub fn answer(accounts: &Accounts, caller: &str, operation: &str, body: &[u8]) -> Response {
    if operation != "ListAccounts" {
        return error(
            "UnknownOperationException",
            &format!("Operation {operation} is not supported by this endpoint"),
            None,
        );
    }
    let request: ListAccountsRequest = if body.iter().all(u8::is_ascii_whitespace) {
        ListAccountsRequest::default()
    } else {
        match serde_json::from_slice(body) {
            Ok(request) => request,
            Err(e) => {
                return error(
                    "SerializationException",
                    &format!("The request body is not a valid ListAccounts request: {e}"),
                    None,
                );
            }
        }
    };
    list_accounts(accounts, caller, &request)
}

fn list_accounts(accounts: &Accounts, caller: &str, request: &ListAccountsRequest) -> Response {
    let limit = match request.max_results {
        None => DEFAULT_PAGE,
        Some(n) if n < 1 => {
            return invalid(
                "You provided a value that is too small for MaxResults: minimum 1.",
                "MIN_VALUE_EXCEEDED",
            );
        }
        Some(n) if n > MAX_PAGE => {
            return invalid(
                "You provided a value that is too large for MaxResults: maximum 20.",
                "MAX_VALUE_EXCEEDED",
            );
        }
        // Between 1 and 20: fits.
        Some(n) => n as usize,
    };
    let members = match accounts.members(caller) {
        Ok(members) => members,
        Err(OrgRefusal::Denied) => {
            return error(
                "AccessDeniedException",
                "You don't have permissions to access this resource.",
                None,
            );
        }
        Err(OrgRefusal::NotInUse) => {
            return error(
                "AWSOrganizationsNotInUseException",
                "Your account is not a member of an organization.",
                None,
            );
        }
    };
    let start = match request.next_token.as_deref() {
        None | Some("") => 0,
        Some(token) => match token
            .strip_prefix(TOKEN_PREFIX)
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|&n| n > 0 && n < members.len())
        {
            Some(n) => n,
            None => {
                return invalid(
                    "The parameter nextToken is not valid.",
                    "INVALID_NEXT_TOKEN",
                );
            }
        },
    };
    // The management account is always among the members, so the organization is there.
    let (management, org_id) = accounts
        .organization
        .as_ref()
        .map(|o| (o.management.clone(), o.id()))
        .unwrap_or_default();
    let page: Vec<serde_json::Value> = members
        .iter()
        .enumerate()
        .skip(start)
        .take(limit)
        .map(|(i, a)| {
            let joined = if a.org_role && a.id != management {
                "CREATED"
            } else {
                "INVITED"
            };
            json!({
                "Id": a.id,
                "Arn": format!("arn:aws:organizations::{management}:account/{org_id}/{}", a.id),
                "Email": a.email,
                "Name": a.name,
                "Status": a.status,
                "State": a.status,
                "JoinedMethod": joined,
                "JoinedTimestamp": JOINED_BASE + 86_400 * i as i64,
            })
        })
        .collect();
    let end = start + page.len();
    let mut body = json!({ "Accounts": page });
    if end < members.len() {
        body["NextToken"] = json!(format!("{TOKEN_PREFIX}{end}"));
    }
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-amz-json-1.1"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emulator::accounts::{Account, Organization};
    use http_body_util::BodyExt;

    fn accounts(n: usize) -> Accounts {
        let listed = (0..n)
            .map(|i| {
                let account = Account {
                    id: format!("{:012}", 100_000_000_000 + i),
                    name: format!("a{i}"),
                    email: format!("a{i}@example.com"),
                    status: "ACTIVE".into(),
                    org_role: true,
                    roles: Vec::new(),
                    deny: Vec::new(),
                };
                (account, Vec::new())
            })
            .collect();
        Accounts::new(
            "100000000000".into(),
            listed,
            Some(Organization {
                management: "100000000000".into(),
                role: "OrganizationAccountAccessRole".into(),
            }),
        )
    }

    async fn body(response: Response) -> (StatusCode, serde_json::Value) {
        let status = response.status();
        let bytes = response.into_body().collect().await.unwrap().to_bytes();
        (status, serde_json::from_slice(&bytes).unwrap())
    }

    #[tokio::test]
    async fn pages_follow_each_other_to_the_last_account() {
        let accounts = accounts(45);
        let mut token: Option<String> = None;
        let mut ids = Vec::new();
        loop {
            let request = match &token {
                Some(t) => format!(r#"{{"MaxResults":20,"NextToken":"{t}"}}"#),
                None => r#"{"MaxResults":20}"#.to_owned(),
            };
            let (status, page) = body(answer(
                &accounts,
                "100000000000",
                "ListAccounts",
                request.as_bytes(),
            ))
            .await;
            assert_eq!(status, StatusCode::OK);
            let got = page["Accounts"].as_array().unwrap();
            assert!(got.len() <= 20);
            ids.extend(got.iter().map(|a| a["Id"].as_str().unwrap().to_owned()));
            match page["NextToken"].as_str() {
                Some(t) => token = Some(t.to_owned()),
                None => break,
            }
        }
        assert_eq!(ids.len(), 45);
        ids.dedup();
        assert_eq!(ids.len(), 45, "no account twice");
    }

    #[tokio::test]
    async fn bad_input_and_the_wrong_caller_are_refused_as_aws_refuses_them() {
        let accounts = accounts(3);
        let (status, err) = body(answer(
            &accounts,
            "100000000000",
            "ListAccounts",
            br#"{"MaxResults":21}"#,
        ))
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(err["__type"], "InvalidInputException");
        assert_eq!(err["Reason"], "MAX_VALUE_EXCEEDED");
        let (_, err) = body(answer(
            &accounts,
            "100000000000",
            "ListAccounts",
            br#"{"MaxResults":0}"#,
        ))
        .await;
        assert_eq!(err["Reason"], "MIN_VALUE_EXCEEDED");
        let (_, err) = body(answer(
            &accounts,
            "100000000000",
            "ListAccounts",
            br#"{"NextToken":"x"}"#,
        ))
        .await;
        assert_eq!(err["Reason"], "INVALID_NEXT_TOKEN");
        let (_, err) = body(answer(&accounts, "100000000001", "ListAccounts", b"")).await;
        assert_eq!(err["__type"], "AccessDeniedException");
        let (_, err) = body(answer(&accounts, "999999999999", "ListAccounts", b"")).await;
        assert_eq!(err["__type"], "AWSOrganizationsNotInUseException");
        let (_, err) = body(answer(&accounts, "100000000000", "ListRoots", b"")).await;
        assert_eq!(err["__type"], "UnknownOperationException");
    }
}
