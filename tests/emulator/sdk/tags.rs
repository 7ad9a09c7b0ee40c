//! Tags on collection ARNs through the SDK.

use std::collections::HashMap;

use super::SEED;
use crate::support::{code, start_seeded};

#[tokio::test]
async fn tags_on_collection_arns() {
    let (handle, rk) = start_seeded(SEED).await;
    let arn = "arn:aws:rekognition:us-east-1:123456789012:collection/hq-badge-photos";
    let tags = rk
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        tags.tags().unwrap().get("team").map(String::as_str),
        Some("security")
    );
    rk.tag_resource()
        .resource_arn(arn)
        .tags("env", "prod")
        .tags("team", "facilities")
        .send()
        .await
        .unwrap();
    rk.untag_resource()
        .resource_arn(arn)
        .tag_keys("env")
        .send()
        .await
        .unwrap();
    let tags = rk
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .unwrap();
    let expected = HashMap::from([("team".to_owned(), "facilities".to_owned())]);
    assert_eq!(tags.tags(), Some(&expected));

    let create = rk
        .create_collection()
        .collection_id("tagged")
        .tags("owner", "ops team")
        .send()
        .await
        .unwrap();
    let tags = rk
        .list_tags_for_resource()
        .resource_arn(create.collection_arn().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(tags.tags().unwrap().len(), 1);

    let many: HashMap<String, String> = (0..150).map(|i| (format!("k{i}"), "v".into())).collect();
    let more: HashMap<String, String> = (0..60).map(|i| (format!("m{i}"), "v".into())).collect();
    rk.tag_resource()
        .resource_arn(arn)
        .set_tags(Some(many))
        .send()
        .await
        .unwrap();
    let err = rk
        .tag_resource()
        .resource_arn(arn)
        .set_tags(Some(more))
        .send()
        .await;
    assert_eq!(code(err), "ServiceQuotaExceededException");

    let elsewhere = "arn:aws:rekognition:eu-west-1:123456789012:collection/hq-badge-photos";
    let err = rk
        .list_tags_for_resource()
        .resource_arn(elsewhere)
        .send()
        .await;
    assert_eq!(code(err), "ResourceNotFoundException");
    let err = rk
        .list_tags_for_resource()
        .resource_arn("arn:aws:s3:::a-bucket-name-here")
        .send()
        .await;
    assert_eq!(code(err), "InvalidParameterException");
    handle.shutdown().await;
}
