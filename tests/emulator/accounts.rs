//! A seed of several accounts in an organization, through aws-sdk-organizations,
//! aws-sdk-sts and aws-sdk-rekognition: whose each key is, ListAccounts page by page,
//! AssumeRole into members (and not into one that joined by invitation), and collections
//! that stay in their account.

use aws_credential_types::Credentials;
use aws_sdk_organizations::error::ProvideErrorMetadata;
use rekog::emulator::{Handle, Seed, ServeConfig, serve};

use crate::sts::{rekognition, sts, temporary};

pub const PROD_KEY: &str = "AKIDPRODACCOUNT00001";
pub const STAGE_KEY: &str = "AKIDSTAGEACCOUNT0001";

/// Management `prod` with one collection, `staging` with two, `sandbox` (joined by
/// invitation: no organization role) with one, and 23 empty accounts so ListAccounts
/// needs two pages.
pub fn seed() -> String {
    let mut accounts = vec![
        serde_json::json!({"id": "111111111111", "name": "prod", "access_keys": [PROD_KEY],
            "collections": [{"id": "badges", "region": "eu-west-1", "faces": 3}]}),
        serde_json::json!({"id": "222222222222", "name": "staging", "access_keys": [STAGE_KEY],
            "collections": [{"id": "badges", "region": "eu-west-1", "faces": 1},
                            {"id": "lobby", "faces": 2}]}),
        serde_json::json!({"id": "333333333333", "name": "sandbox", "org_role": false,
            "roles": ["Auditor"], "collections": [{"id": "kiosk"}]}),
    ];
    for i in 0..23 {
        accounts.push(
            serde_json::json!({"id": format!("4444444444{i:02}"), "name": format!("team-{i}")}),
        );
    }
    accounts
        .push(serde_json::json!({"id": "555555555555", "name": "closed", "status": "SUSPENDED"}));
    serde_json::json!({
        "accounts": accounts,
        "organization": {"management": "111111111111", "role": "OrganizationAccountAccessRole"}
    })
    .to_string()
}

pub async fn start() -> Handle {
    let seed = Seed::parse("test", &seed()).unwrap();
    serve(ServeConfig {
        seed: Some(seed),
        ..ServeConfig::default()
    })
    .await
    .unwrap()
}

fn key(id: &str) -> Credentials {
    Credentials::new(id, "any-secret", None, None, "test")
}

fn organizations(handle: &Handle, c: Credentials) -> aws_sdk_organizations::Client {
    aws_sdk_organizations::Client::from_conf(
        aws_sdk_organizations::Config::builder()
            .behavior_version(aws_sdk_organizations::config::BehaviorVersion::latest())
            .region(aws_sdk_organizations::config::Region::new("us-east-1"))
            .credentials_provider(c)
            .endpoint_url(handle.endpoint())
            .retry_config(aws_sdk_organizations::config::retry::RetryConfig::disabled())
            .build(),
    )
}

async fn ids_in(client: &aws_sdk_rekognition::Client, region: &str) -> Vec<String> {
    let config = client
        .config()
        .to_builder()
        .region(aws_sdk_rekognition::config::Region::new(region.to_owned()));
    let client = aws_sdk_rekognition::Client::from_conf(config.build());
    let out = client.list_collections().send().await.unwrap();
    out.collection_ids().to_vec()
}

#[tokio::test]
async fn the_paginator_lists_every_account_of_the_organization() {
    let handle = start().await;
    let org = organizations(&handle, key(PROD_KEY));
    let pages: Vec<_> = org
        .list_accounts()
        .max_results(20)
        .into_paginator()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2, "27 accounts in pages of 20");
    let accounts: Vec<_> = pages.iter().flat_map(|p| p.accounts().to_vec()).collect();
    assert_eq!(accounts.len(), 27);
    let staging = accounts
        .iter()
        .find(|a| a.id() == Some("222222222222"))
        .unwrap();
    assert_eq!(staging.name(), Some("staging"));
    assert_eq!(
        staging.status().map(|s| s.as_str()),
        Some("ACTIVE"),
        "{staging:?}"
    );
    assert!(
        staging
            .arn()
            .unwrap()
            .starts_with("arn:aws:organizations::111111111111:account/o-")
    );
    let closed = accounts
        .iter()
        .find(|a| a.id() == Some("555555555555"))
        .unwrap();
    assert_eq!(closed.status().map(|s| s.as_str()), Some("SUSPENDED"));

    let err = org
        .list_accounts()
        .max_results(21)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("InvalidInputException"), "{err:?}");
    let member = organizations(&handle, key(STAGE_KEY));
    let err = member.list_accounts().send().await.unwrap_err();
    assert_eq!(err.code(), Some("AccessDeniedException"));
    // Unlisted keys belong to --account, here outside the organization.
    let outside = serve(ServeConfig {
        seed: Some(Seed::parse("test", &seed()).unwrap()),
        account: Some("999999999999".into()),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let outsider = organizations(&outside, key("AKIDNOTINANYACCOUNT1"));
    let err = outsider.list_accounts().send().await.unwrap_err();
    assert!(
        err.into_service_error()
            .is_aws_organizations_not_in_use_exception()
    );
}

#[tokio::test]
async fn each_key_and_each_assumed_role_acts_in_its_own_account() {
    let handle = start().await;
    let who = sts(&handle, key(STAGE_KEY))
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(who.account(), Some("222222222222"));
    assert_eq!(
        who.arn(),
        Some("arn:aws:iam::222222222222:user/AKIDSTAGEACCOUNT0001")
    );
    // A key no account lists belongs to the first account.
    let who = sts(&handle, key("AKIDUNLISTED00000001"))
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(who.account(), Some("111111111111"));

    let prod = sts(&handle, key(PROD_KEY));
    let assumed = prod
        .assume_role()
        .role_arn("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole")
        .role_session_name("rekog-fleet-ops")
        .send()
        .await
        .unwrap();
    let creds = temporary(assumed.credentials().unwrap());
    let who = sts(&handle, creds.clone())
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(who.account(), Some("222222222222"));
    assert_eq!(
        who.arn(),
        Some(
            "arn:aws:sts::222222222222:assumed-role/OrganizationAccountAccessRole/rekog-fleet-ops"
        )
    );
    let staging = rekognition(&handle, &creds);
    assert_eq!(ids_in(&staging, "eu-west-1").await, ["badges"]);
    assert_eq!(ids_in(&staging, "us-east-1").await, ["lobby"]);
    let described = staging
        .describe_collection()
        .collection_id("lobby")
        .send()
        .await
        .unwrap();
    assert_eq!(described.face_count(), Some(2));
    assert_eq!(
        described.collection_arn(),
        Some("arn:aws:rekognition:us-east-1:222222222222:collection/lobby")
    );
    // The same ID in another account is another collection.
    let prod_rek = rekognition(&handle, &key(PROD_KEY));
    assert_eq!(ids_in(&prod_rek, "us-east-1").await, Vec::<String>::new());
    let badges = rekognition(&handle, &key(PROD_KEY))
        .config()
        .to_builder()
        .region(aws_sdk_rekognition::config::Region::new("eu-west-1"))
        .build();
    let badges = aws_sdk_rekognition::Client::from_conf(badges)
        .describe_collection()
        .collection_id("badges")
        .send()
        .await
        .unwrap();
    assert_eq!(badges.face_count(), Some(3));

    // Joined by invitation: no organization role, but the role it lists.
    let err = prod
        .assume_role()
        .role_arn("arn:aws:iam::333333333333:role/OrganizationAccountAccessRole")
        .role_session_name("rekog-fleet-ops")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
    assert!(
        err.message()
            .unwrap()
            .contains("sts:AssumeRole on resource: arn:aws:iam::333333333333"),
        "{err:?}"
    );
    let auditor = prod
        .assume_role()
        .role_arn("arn:aws:iam::333333333333:role/Auditor")
        .role_session_name("audit")
        .send()
        .await
        .unwrap();
    let sandbox = rekognition(&handle, &temporary(auditor.credentials().unwrap()));
    assert_eq!(ids_in(&sandbox, "us-east-1").await, ["kiosk"]);
    // A member cannot use the organization's role to reach the others.
    let err = sts(&handle, key(STAGE_KEY))
        .assume_role()
        .role_arn("arn:aws:iam::111111111111:role/OrganizationAccountAccessRole")
        .role_session_name("sideways")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some("AccessDenied"));
}

#[tokio::test]
async fn an_account_the_seed_denies_an_operation_is_refused_it_alone() {
    let json = r#"{"accounts": [
        {"id": "111111111111", "access_keys": ["AKIDPRODACCOUNT00001"]},
        {"id": "222222222222", "access_keys": ["AKIDSTAGEACCOUNT0001"], "deny": ["ListCollections"]}]}"#;
    let handle = serve(ServeConfig {
        seed: Some(Seed::parse("test", json).unwrap()),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let prod = rekognition(&handle, &key(PROD_KEY));
    prod.list_collections().send().await.unwrap();
    let err = rekognition(&handle, &key(STAGE_KEY))
        .list_collections()
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        aws_sdk_rekognition::error::ProvideErrorMetadata::code(&err),
        Some("AccessDeniedException")
    );
}
