//! The SDK's shared config file pointed at the emulator: `endpoint_url` in a profile, and a
//! profile that assumes a role through the emulator's STS. The files are handed to
//! aws-config directly, so the test binary's environment is never changed.

use aws_config::BehaviorVersion;
use aws_config::meta::region::ProvideRegion;
#[allow(deprecated)]
use aws_config::profile::profile_file::{ProfileFileKind, ProfileFiles};
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::provider_config::ProviderConfig;
use rekog::emulator::{ServeConfig, serve};

use crate::sts::ACCOUNT;
use crate::support::{KEY, SECRET};

#[allow(deprecated)]
fn files(config: &std::path::Path, credentials: &std::path::Path) -> ProfileFiles {
    ProfileFiles::builder()
        .with_file(ProfileFileKind::Config, config)
        .with_file(ProfileFileKind::Credentials, credentials)
        .build()
}

/// The SDK configuration of `profile`, everything read from the files. Only the endpoint
/// comes through the loader's chain, where `AWS_ENDPOINT_URL` would win over the profile.
#[allow(deprecated)]
async fn load(files: &ProfileFiles, profile: &str) -> aws_config::SdkConfig {
    let region = ProfileFileRegionProvider::builder()
        .profile_files(files.clone())
        .profile_name(profile)
        .build()
        .region()
        .await;
    // A role's STS call is signed for the profile's region, which a provider built on its
    // own does not know.
    let provider = ProviderConfig::without_region().with_region(region.clone());
    let credentials = ProfileFileCredentialsProvider::builder()
        .configure(&provider)
        .profile_files(files.clone())
        .profile_name(profile)
        .build();
    aws_config::defaults(BehaviorVersion::latest())
        .profile_files(files.clone())
        .profile_name(profile)
        .credentials_provider(credentials)
        .region(region)
        .load()
        .await
}

#[tokio::test]
async fn profiles_reach_the_emulator_by_endpoint_url_and_assume_roles_there() {
    let handle = serve(ServeConfig {
        credentials: Some((KEY.into(), SECRET.into())),
        ..ServeConfig::default()
    })
    .await
    .unwrap();
    let url = handle.endpoint();
    let dir = tempfile::tempdir().unwrap();
    let (config, credentials) = (dir.path().join("config"), dir.path().join("credentials"));
    std::fs::write(
        &config,
        format!(
            "[profile emu]\nregion = eu-west-1\nendpoint_url = {url}\n\n\
             [profile auditor]\nregion = ap-southeast-2\nendpoint_url = {url}\n\
             role_arn = arn:aws:iam::{ACCOUNT}:role/auditor\nsource_profile = emu\n\
             role_session_name = from-profile\n"
        ),
    )
    .unwrap();
    std::fs::write(
        &credentials,
        format!("[emu]\naws_access_key_id = {KEY}\naws_secret_access_key = {SECRET}\n"),
    )
    .unwrap();
    let files = files(&config, &credentials);

    let emu = load(&files, "emu").await;
    assert_eq!(
        emu.endpoint_url(),
        Some(url.as_str()),
        "the profile's endpoint_url (AWS_ENDPOINT_URL in the environment would win)"
    );
    let rk = aws_sdk_rekognition::Client::new(&emu);
    let created = rk
        .create_collection()
        .collection_id("from-profile")
        .send()
        .await
        .unwrap();
    assert_eq!(
        created.collection_arn(),
        Some(format!("arn:aws:rekognition:eu-west-1:{ACCOUNT}:collection/from-profile").as_str())
    );

    // aws-config assumes the role at the profile's endpoint: the emulator's STS.
    let auditor = load(&files, "auditor").await;
    let who = aws_sdk_sts::Client::new(&auditor)
        .get_caller_identity()
        .send()
        .await
        .unwrap();
    assert_eq!(
        who.arn(),
        Some(format!("arn:aws:sts::{ACCOUNT}:assumed-role/auditor/from-profile").as_str())
    );
    let rk = aws_sdk_rekognition::Client::new(&auditor);
    let listed = rk.list_collections().send().await.unwrap();
    assert!(
        listed.collection_ids().is_empty(),
        "ap-southeast-2 has none"
    );
    handle.shutdown().await;
}
