//! `--demo`: the embedded emulator, seeded with the demo account, on a loopback port, with
//! clients that reach only it.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_sdk_rekognition::config::retry::{RetryConfig, RetryPartition};
use aws_sdk_rekognition::config::{Credentials, Region};

use super::sdk::SdkBackend;
use super::{ConnectError, Connection, Target, identity, timeouts};
use crate::context::Session;
use crate::emulator;

/// The demo emulator's own static credentials; they only ever reach the loopback emulator.
const DEMO_KEY: &str = "AKIDREKOGDEMO0000000";
const DEMO_SECRET: &str = "rekog-demo-secret";
const DEMO_REGION: &str = "us-east-1";
/// Where the demo's calls go, as records and manifests name it.
pub(super) const ENDPOINT_NAME: &str = "embedded emulator (--demo)";
const DEMO_ENDPOINT: &str = ENDPOINT_NAME;

pub(super) async fn connect(
    target: &Target,
    timeout: Duration,
) -> Result<Connection, ConnectError> {
    let seed = emulator::Seed::parse("assets/demo-seed.json", emulator::DEMO_SEED)
        .map_err(|e| ConnectError::Demo(e.to_string()))?;
    let handle = emulator::serve(emulator::ServeConfig {
        seed: Some(seed),
        credentials: Some((DEMO_KEY.into(), DEMO_SECRET.into())),
        stable_request_ids: true,
        // As in most accounts, the opt-in regions are not enabled: the fleet view says so.
        disabled_regions: DISABLED_REGIONS.iter().map(|r| (*r).to_owned()).collect(),
        ..emulator::ServeConfig::default()
    })
    .await
    .map_err(|e| ConnectError::Demo(e.to_string()))?;
    // Small collections (a few hundred seeded faces each), so that this costs the demo's
    // start little.
    index_portraits(&handle.endpoint(), DEMO_KEY, DEMO_SECRET)
        .await
        .map_err(ConnectError::Demo)?;
    let mut connection = clients(&handle.endpoint(), DEMO_REGION, target.read_only, timeout);
    connection.emulator = Some(handle);
    Ok(connection)
}

/// The demo emulator's configuration, as a profile's would be loaded: what the fleet
/// assumes the demo organization's roles from.
pub(super) fn loaded(endpoint: &str, region: &str, timeout: Duration) -> super::Loaded {
    let credentials = Credentials::new(DEMO_KEY, DEMO_SECRET, None, None, "rekog-demo");
    let config = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(SharedCredentialsProvider::new(credentials))
        .timeout_config(timeouts(timeout))
        .retry_config(RetryConfig::standard())
        .build();
    super::Loaded {
        config,
        reach: super::Reach {
            endpoints: super::endpoints::Endpoints::demo(endpoint),
            http: None,
        },
        region: region.to_owned(),
        profile: None,
    }
}

/// Opt-in regions the demo account has not enabled (`rekog serve --demo` too).
pub(crate) const DISABLED_REGIONS: &[&str] = &[
    "il-central-1",
    "eu-south-2",
    "ap-southeast-5",
    "ap-southeast-7",
];

/// Clients of the emulator at `endpoint` in `region` (it serves every region, by the
/// region in each request's signature).
pub(super) fn clients(
    endpoint: &str,
    region: &str,
    read_only: bool,
    timeout: Duration,
) -> Connection {
    let credentials = Credentials::new(DEMO_KEY, DEMO_SECRET, None, None, "rekog-demo");
    let shared = aws_config::SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(SharedCredentialsProvider::new(credentials.clone()))
        .timeout_config(timeouts(timeout))
        .build();
    let sts = identity::client(&shared, Some(endpoint));
    let config = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new(region.to_owned()))
        .credentials_provider(credentials)
        .endpoint_url(endpoint)
        .timeout_config(timeouts(timeout))
        .stalled_stream_protection(super::connect::no_stall_watch())
        .retry_config(RetryConfig::standard())
        .retry_partition(RetryPartition::new("rekog-demo"))
        .build();
    let session = Session {
        role: None,
        profile: None,
        region: region.to_owned(),
        // Its loopback port changes each run and says nothing; records name the emulator.
        endpoint: Some(DEMO_ENDPOINT.to_owned()),
        read_only,
        demo: true,
        caps: crate::caps::Caps::default(),
    };
    Connection {
        backend: SdkBackend::new(aws_sdk_rekognition::Client::from_conf(config)),
        session,
        emulator: None,
        sts,
    }
}

/// The demo's people: portraits drawn for the project (`assets/faces/`, not photos of
/// anyone), each indexed in several collections under other ExternalImageIds, some with a
/// user, so that a search by photo finds what a search by name misses.
pub const PORTRAITS: &[(&str, &[u8])] = &[
    ("ines", include_bytes!("../../assets/faces/ines.png")),
    ("tomas", include_bytes!("../../assets/faces/tomas.png")),
    ("mei", include_bytes!("../../assets/faces/mei.png")),
    ("omar", include_bytes!("../../assets/faces/omar.png")),
];

/// Where each person is: (person, region, collection, ExternalImageId, user, how the photo
/// differs from the portrait). The same person's photos differ as a camera's would.
const PLACED: &[Placed] = &[
    (
        "ines",
        "us-east-1",
        "parking-garage-entry",
        "garage-cam3-0612-0801.jpg",
        Some("ines.r"),
        Shot::Far,
    ),
    (
        "ines",
        "eu-west-1",
        "amsterdam-popup-store",
        "popup-2025-06-11-1422.jpg",
        None,
        Shot::Camera,
    ),
    (
        "ines",
        "eu-west-1",
        "dublin-office-visitors",
        "visitor-ines-r.png",
        None,
        Shot::Same,
    ),
    // Ines again at the same office a year on, badged under a visitor number: a search by
    // name finds one of her two faces there, a search by photo both.
    (
        "ines",
        "eu-west-1",
        "dublin-office-visitors",
        "visitor-1147.jpg",
        None,
        Shot::Camera,
    ),
    (
        "tomas",
        "eu-west-1",
        "amsterdam-popup-store",
        "popup-2025-06-12-0930.jpg",
        None,
        Shot::Camera,
    ),
    (
        "tomas",
        "ap-southeast-2",
        "auckland-popup-kiosk",
        "kiosk-0412-tb.jpg",
        None,
        Shot::Far,
    ),
    (
        "tomas",
        "eu-west-1",
        "dublin-office-visitors",
        "visitor-tomas-b.png",
        None,
        Shot::Same,
    ),
    (
        "mei",
        "us-east-1",
        "parking-garage-entry",
        "garage-cam1-0610-1755.jpg",
        Some("mei.w"),
        Shot::Camera,
    ),
    (
        "mei",
        "ap-southeast-2",
        "auckland-popup-kiosk",
        "kiosk-mei-w.png",
        None,
        Shot::Same,
    ),
    (
        "mei",
        "eu-west-1",
        "dublin-office-visitors",
        "visitor-0788.jpg",
        None,
        Shot::Far,
    ),
    (
        "omar",
        "ap-southeast-2",
        "auckland-popup-kiosk",
        "kiosk-2025-07-01-1105.jpg",
        None,
        Shot::Far,
    ),
    (
        "omar",
        "us-east-1",
        "parking-garage-entry",
        "garage-cam2-0701-0845.png",
        None,
        Shot::Same,
    ),
];

/// (person, region, collection, ExternalImageId, user, shot).
type Placed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Shot,
);

/// How a photo of a person differs from their portrait.
#[derive(Debug, Clone, Copy)]
enum Shot {
    /// The portrait itself.
    Same,
    /// Smaller, a little brighter, saved as a JPEG.
    Camera,
    /// Smaller still, a little darker, a JPEG of lower quality.
    Far,
}

fn shot(portrait: &[u8], shot: Shot) -> Result<Vec<u8>, String> {
    use image::imageops::{self, FilterType};
    let (scale, light, quality) = match shot {
        Shot::Same => return Ok(portrait.to_vec()),
        Shot::Camera => (0.8, 10, 85),
        Shot::Far => (0.6, -8, 70),
    };
    let image = image::load_from_memory(portrait)
        .map_err(|e| format!("a demo portrait cannot be read: {e}"))?
        .to_rgb8();
    let (w, h) = (
        (image.width() as f32 * scale).round() as u32,
        (image.height() as f32 * scale).round() as u32,
    );
    let changed = imageops::brighten(&imageops::resize(&image, w, h, FilterType::Triangle), light);
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&changed)
        .map_err(|e| format!("a demo photo cannot be made: {e}"))?;
    Ok(out)
}

/// Indexes the demo people's photos into the emulator at `endpoint` (seeded with the demo
/// seed) as any client would, with IndexFaces, CreateUser and AssociateFaces.
pub async fn index_portraits(endpoint: &str, key: &str, secret: &str) -> Result<(), String> {
    use aws_sdk_rekognition::primitives::Blob;
    use aws_sdk_rekognition::types::Image;
    let credentials = Credentials::new(key, secret, None, None, "rekog-demo");
    let mut users_made = std::collections::HashSet::new();
    let mut clients = std::collections::HashMap::new();
    for &(person, region, collection, external, user, how) in PLACED {
        let Some((_, portrait)) = PORTRAITS.iter().find(|(name, _)| *name == person) else {
            continue;
        };
        let client = clients.entry(region).or_insert_with(|| {
            let config = aws_sdk_rekognition::Config::builder()
                .behavior_version_latest()
                .region(Region::new(region.to_owned()))
                .credentials_provider(credentials.clone())
                .endpoint_url(endpoint)
                .timeout_config(timeouts(Duration::from_secs(10)))
                .build();
            aws_sdk_rekognition::Client::from_conf(config)
        });
        let why = |what: &str, e: &dyn std::fmt::Display| {
            format!("the demo's {what} in {collection} ({region}): {e}")
        };
        let bytes = shot(portrait, how)?;
        let indexed = client
            .index_faces()
            .collection_id(collection)
            .external_image_id(external)
            .image(Image::builder().bytes(Blob::new(bytes)).build())
            .send()
            .await
            .map_err(|e| why("IndexFaces", &super::sdk::error_chain(&e)))?;
        let Some(face_id) = indexed
            .face_records()
            .first()
            .and_then(|r| r.face())
            .and_then(|f| f.face_id())
        else {
            return Err(why("IndexFaces", &"no face was found in a portrait"));
        };
        let Some(user) = user else {
            continue;
        };
        if users_made.insert((region, collection, user)) {
            client
                .create_user()
                .collection_id(collection)
                .user_id(user)
                .send()
                .await
                .map_err(|e| why("CreateUser", &super::sdk::error_chain(&e)))?;
        }
        client
            .associate_faces()
            .collection_id(collection)
            .user_id(user)
            .face_ids(face_id)
            .send()
            .await
            .map_err(|e| why("AssociateFaces", &super::sdk::error_chain(&e)))?;
    }
    Ok(())
}
