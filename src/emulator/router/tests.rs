//! Wire-level tests of the router: raw HTTP requests through `tower::ServiceExt::oneshot`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

use super::{EmulatorState, MAX_BODY_BYTES, router};
use crate::emulator::ServeConfig;

const AUTH: &str = "AWS4-HMAC-SHA256 Credential=AKID/20250301/eu-west-1/rekognition/aws4_request, \
                    SignedHeaders=host;x-amz-date, Signature=00";

fn state() -> EmulatorState {
    EmulatorState::open(&ServeConfig::default()).unwrap()
}

fn request(target: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut builder = Request::post("/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("authorization", AUTH);
    if let Some(op) = target {
        builder = builder.header("x-amz-target", format!("RekognitionService.{op}"));
    }
    builder.body(body.into()).unwrap()
}

async fn send(state: &EmulatorState, req: Request<Body>) -> (StatusCode, Value) {
    let response = router(state.clone()).oneshot(req).await.unwrap();
    let status = response.status();
    let id = response.headers().get("x-amzn-RequestId").cloned();
    assert!(id.is_some_and(|id| id.len() == 36), "no request id");
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

async fn call(state: &EmulatorState, op: &str, body: Value) -> (StatusCode, Value) {
    send(state, request(Some(op), body.to_string())).await
}

fn error_type(body: &Value) -> &str {
    body["__type"].as_str().unwrap_or("")
}

#[tokio::test]
async fn shapes_success_answers_like_aws() {
    let s = state();
    let (status, body) = call(&s, "CreateCollection", json!({"CollectionId": "lobby-cam"})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        body,
        json!({"StatusCode": 200, "FaceModelVersion": "7.0",
               "CollectionArn": "arn:aws:rekognition:eu-west-1:123456789012:collection/lobby-cam"})
    );
    let (_, body) = call(
        &s,
        "DescribeCollection",
        json!({"CollectionId": "lobby-cam"}),
    )
    .await;
    let created = body["CreationTimestamp"].as_f64().unwrap();
    let now = crate::time::now_secs();
    assert!(
        (now - created).abs() < 60.0,
        "epoch seconds expected, got {created}"
    );
    assert_eq!(body["FaceCount"], 0);
    assert_eq!(body["UserCount"], 0);
    assert!(
        body["CollectionARN"]
            .as_str()
            .unwrap()
            .ends_with("collection/lobby-cam")
    );
    let (_, body) = call(&s, "ListCollections", json!({})).await;
    assert_eq!(
        body,
        json!({"CollectionIds": ["lobby-cam"], "FaceModelVersions": ["7.0"]})
    );
}

#[tokio::test]
async fn refuses_requests_without_a_signature() {
    let s = state();
    let req = Request::post("/")
        .header("x-amz-target", "RekognitionService.ListCollections")
        .body(Body::from("{}"))
        .unwrap();
    let (status, body) = send(&s, req).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(error_type(&body), "MissingAuthenticationTokenException");
}

#[tokio::test]
async fn unknown_targets_methods_and_paths_are_unknown_operations() {
    let s = state();
    for target in [None, Some("DetectFaces"), Some("listcollections")] {
        let (status, body) = send(&s, request(target, "{}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(error_type(&body), "UnknownOperationException", "{target:?}");
    }
    let req = Request::get("/")
        .header("authorization", AUTH)
        .header("x-amz-target", "RekognitionService.ListCollections")
        .body(Body::empty())
        .unwrap();
    let (_, body) = send(&s, req).await;
    assert_eq!(error_type(&body), "UnknownOperationException");
}

#[tokio::test]
async fn malformed_bodies_are_serialization_errors() {
    let s = state();
    for body in [
        "{",
        "[1,2]",
        r#"{"CollectionId": 5}"#,
        r#"{"MaxResults": "ten"}"#,
        "\u{0}",
    ] {
        let (status, answer) = send(&s, request(Some("ListCollections"), body)).await;
        if body.contains("CollectionId") {
            // ListCollections has no CollectionId member: unknown members are ignored.
            assert_eq!(status, StatusCode::OK, "{body}");
            continue;
        }
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(error_type(&answer), "SerializationException", "{body}");
    }
    let (_, answer) = call(&s, "DescribeCollection", json!({"CollectionId": 5})).await;
    assert_eq!(error_type(&answer), "SerializationException");
}

#[tokio::test]
async fn missing_and_malformed_members_name_the_member() {
    let s = state();
    let cases = [
        ("DescribeCollection", json!({}), "collectionId"),
        (
            "CreateCollection",
            json!({"CollectionId": ""}),
            "collectionId",
        ),
        ("DeleteFaces", json!({"CollectionId": "a"}), "faceIds"),
        (
            "ListFaces",
            json!({"CollectionId": "a", "FaceIds": []}),
            "faceIds",
        ),
        ("CreateUser", json!({"CollectionId": "a"}), "userId"),
        (
            "AssociateFaces",
            json!({"CollectionId": "a", "UserId": "u", "UserMatchThreshold": -1}),
            "userMatchThreshold",
        ),
        (
            "DisassociateFaces",
            json!({"CollectionId": "a", "FaceIds": ["x"]}),
            "userId",
        ),
        (
            "TagResource",
            json!({"ResourceArn": "arn:aws:rekognition:eu-west-1:1:collection/a"}),
            "tags",
        ),
        (
            "UntagResource",
            json!({"ResourceArn": "arn:aws:rekognition:eu-west-1:1:collection/a"}),
            "tagKeys",
        ),
        (
            "ListTagsForResource",
            json!({"ResourceArn": "short"}),
            "resourceArn",
        ),
    ];
    for (op, body, member) in cases {
        let (status, answer) = call(&s, op, body).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{op}");
        assert_eq!(error_type(&answer), "InvalidParameterException", "{op}");
        let message = answer["Message"].as_str().unwrap();
        assert!(message.contains(&format!("'{member}'")), "{op}: {message}");
    }
}

#[tokio::test]
async fn oversized_bodies_get_a_clear_error() {
    let s = state();
    let big = format!(r#"{{"CollectionId": "{}"}}"#, "a".repeat(MAX_BODY_BYTES));
    let (status, body) = send(&s, request(Some("CreateCollection"), big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error_type(&body), "RequestEntityTooLargeException");
    assert!(body["Message"].as_str().unwrap().contains("1048576"));
}

/// A request signed by key `AKID` for `service`, dated now, with a signature that is wrong.
fn badly_signed(key: &str, service: &str) -> Request<Body> {
    let iso = crate::time::format_rfc3339(crate::time::now_ms());
    let amz_date: String = iso[..19]
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let amz_date = format!("{amz_date}Z");
    let auth = format!(
        "AWS4-HMAC-SHA256 Credential={key}/{}/eu-west-1/{service}/aws4_request, \
         SignedHeaders=host;x-amz-date, Signature={}",
        &amz_date[..8],
        "0".repeat(64)
    );
    Request::post("/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", "RekognitionService.ListCollections")
        .header("host", "127.0.0.1")
        .header("x-amz-date", amz_date)
        .header("authorization", auth)
        .body(Body::from("{}"))
        .unwrap()
}

#[tokio::test]
async fn authentication_errors_are_400_as_on_every_json_service() {
    let s = EmulatorState::open(&ServeConfig {
        credentials: Some(("AKID".into(), "secret".into())),
        ..ServeConfig::default()
    })
    .unwrap();
    let cases = [
        (
            "AKID",
            "rekognition",
            "InvalidSignatureException",
            "does not match",
        ),
        ("AKID", "s3", "InvalidSignatureException", "'rekognition'"),
        (
            "AKIDOTHER",
            "rekognition",
            "UnrecognizedClientException",
            "security token",
        ),
    ];
    for (key, service, expected, words) in cases {
        let (status, body) = send(&s, badly_signed(key, service)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{key} {service}");
        assert_eq!(error_type(&body), expected, "{key} {service}");
        let message = body["Message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
    }
}

/// The request ids of `ops` sent in order to a new emulator with stable ids.
async fn ids_of(ops: &[(&str, Value)]) -> Vec<String> {
    let s = EmulatorState::open(&ServeConfig {
        stable_request_ids: true,
        ..ServeConfig::default()
    })
    .unwrap();
    let mut ids = Vec::new();
    for (op, body) in ops {
        let response = router(s.clone())
            .oneshot(request(Some(op), body.to_string()))
            .await
            .unwrap();
        let id = response.headers().get("x-amzn-RequestId").cloned().unwrap();
        ids.push(id.to_str().unwrap().to_owned());
    }
    ids
}

#[tokio::test]
async fn stable_request_ids_repeat_with_the_requests_and_differ_between_them() {
    let describe = || ("DescribeCollection", json!({"CollectionId": "a"}));
    let ops = [
        ("CreateCollection", json!({"CollectionId": "a"})),
        describe(),
        describe(),
        ("ListCollections", json!({})),
    ];
    let first = ids_of(&ops).await;
    assert_eq!(first, ids_of(&ops).await, "the same requests, the same ids");
    assert_ne!(
        first[1], first[2],
        "a repeated request gets an id of its own"
    );
    let unique: std::collections::HashSet<_> = first.iter().collect();
    assert_eq!(unique.len(), first.len());
    assert!(first.iter().all(|id| uuid::Uuid::parse_str(id).is_ok()));
}

#[test]
fn request_ids_are_distinct_v4_uuids_on_every_thread() {
    let ids: Vec<String> = (0..4)
        .map(|_| std::thread::spawn(|| (0..1000).map(|_| super::request_id()).collect::<Vec<_>>()))
        .flat_map(|t| t.join().unwrap())
        .collect();
    let distinct: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len());
    for id in &ids {
        let parsed = uuid::Uuid::parse_str(id).unwrap();
        assert_eq!(parsed.get_version_num(), 4, "{id}");
        assert_eq!(id.len(), 36);
    }
}
