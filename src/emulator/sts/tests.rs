//! STS answers as bytes on the wire: the XML documents STS sends, element for element.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::emulator::{EmulatorState, ServeConfig, router};

const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKIDWIRE/20250301/us-east-1/sts/aws4_request, \
                    SignedHeaders=host;x-amz-date, Signature=00";

/// Posts a form as the SDKs do; the status, the request id header and the body.
async fn post(state: &EmulatorState, form: &str) -> (StatusCode, String, String) {
    let req = Request::post("/")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("authorization", AUTH)
        .body(Body::from(form.to_owned()))
        .unwrap();
    let response = router(state.clone()).oneshot(req).await.unwrap();
    let status = response.status();
    let id = response.headers()["x-amzn-requestid"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(response.headers()["content-type"], "text/xml");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, id, String::from_utf8(bytes.to_vec()).unwrap())
}

/// The text of every element named `name`, in order.
fn texts<'a>(xml: &'a str, name: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    xml.split(&open)
        .skip(1)
        .filter_map(|rest| rest.split_once(&close).map(|(text, _)| text))
        .collect()
}

#[tokio::test]
async fn assume_role_answers_in_stss_document() {
    let state = EmulatorState::open(&ServeConfig::default()).unwrap();
    let form = "Action=AssumeRole&Version=2011-06-15\
                &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops&RoleSessionName=wire";
    let (status, id, xml) = post(&state, form).await;
    assert_eq!(status, StatusCode::OK);
    let opening = "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n\
                   <AssumeRoleResult>\n<AssumedRoleUser>\n<Arn>";
    assert!(xml.starts_with(opening), "{xml}");
    assert_eq!(
        texts(&xml, "Arn"),
        ["arn:aws:sts::123456789012:assumed-role/ops/wire"]
    );
    let key = texts(&xml, "AccessKeyId");
    assert!(key[0].starts_with("ASIA") && key[0].len() == 20, "{key:?}");
    let expiration = texts(&xml, "Expiration")[0];
    let expires = crate::time::parse_rfc3339(expiration).unwrap() / 1000;
    assert!((expires - crate::time::wall_secs() - 3600).abs() <= 2);
    assert_eq!(
        expiration.len(),
        "2026-01-02T03:04:05Z".len(),
        "{expiration}"
    );
    for element in ["SecretAccessKey", "SessionToken", "AssumedRoleId"] {
        assert_eq!(texts(&xml, element).len(), 1, "{element}");
    }
    assert_eq!(texts(&xml, "RequestId"), [id.as_str()]);
    assert!(
        xml.ends_with("</ResponseMetadata>\n</AssumeRoleResponse>\n"),
        "{xml}"
    );
}

#[tokio::test]
async fn errors_are_sender_faults_with_the_request_id() {
    let state = EmulatorState::open(&ServeConfig::default()).unwrap();
    let (status, id, xml) = post(&state, "Action=GetSessionToken&DurationSeconds=60").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        xml,
        format!(
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n<Error>\n\
             <Type>Sender</Type>\n<Code>ValidationError</Code>\n<Message>1 validation error \
             detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member \
             must have value greater than or equal to 900</Message>\n</Error>\n\
             <RequestId>{id}</RequestId>\n</ErrorResponse>\n"
        )
    );
    let (status, _, xml) = post(&state, "Action=GetFederationToken").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(texts(&xml, "Code"), ["InvalidAction"]);
}
