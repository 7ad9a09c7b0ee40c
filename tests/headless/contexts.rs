//! Switching the region and the profile inside the app.

use ratatui::crossterm::event::KeyCode;
use rekog::app::settings::ProfileChoice;
use rekog::aws::profiles;
use rekog::emulator::{self, ServeConfig};

use crate::headless_app::start_prepared;

const TWO_REGIONS: &str = r#"{"collections":[
    {"id":"lobby-cam","faces":3},
    {"id":"dublin-gate","region":"eu-west-1","faces":2}
]}"#;

fn two_regions() -> ServeConfig {
    ServeConfig {
        seed: Some(emulator::Seed::parse("two regions", TWO_REGIONS).expect("seed")),
        ..ServeConfig::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_switches_to_another_regions_collections() {
    let regions = vec!["us-east-1".to_owned(), "eu-west-1".to_owned()];
    let app = start_prepared(
        two_regions(),
        Box::new(move |state| state.settings.regions = Some(regions)),
    )
    .await;
    app.wait_for("lobby-cam").await;
    assert!(!app.screen.text().contains("dublin-gate"));
    app.key(KeyCode::Char('R'));
    app.wait_for("Switch region").await;
    app.type_text("irel");
    app.key(KeyCode::Enter);
    let screen = app.wait_for("dublin-gate").await;
    assert!(!screen.contains("lobby-cam"), "{screen}");
    assert!(screen.contains("eu-west-1"), "{screen}");
    app.wait_for("switched from the default profile, us-east-1 to")
        .await;
    // And back: the first region's rows, none of the second's.
    app.key(KeyCode::Char('R'));
    app.wait_for("Switch region").await;
    app.type_text("us-east");
    app.key(KeyCode::Enter);
    app.wait_for("lobby-cam").await;
    assert!(!app.screen.text().contains("dublin-gate"));
    app.quit().await;
}

/// As the shared config file would hold them; the picker shows each with its kind.
const PROFILES: &str = "[default]\nregion = us-east-1\n\n[profile eu-team]\nregion = eu-west-1\naws_access_key_id = AKIDEU\naws_secret_access_key = s\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn p_switches_profile_and_to_its_region() {
    let choices: Vec<ProfileChoice> = profiles::merge(Some(PROFILES), None)
        .iter()
        .map(|p| ProfileChoice {
            name: p.name.clone(),
            kind: p.kind().label(),
            region: p.region().map(str::to_owned),
        })
        .collect();
    let app = start_prepared(
        two_regions(),
        Box::new(move |state| state.settings.profiles = choices),
    )
    .await;
    app.wait_for("lobby-cam").await;
    app.key(KeyCode::Char('P'));
    app.wait_for("Switch profile").await;
    app.wait_for("eu-team").await;
    app.type_text("eu-");
    app.key(KeyCode::Enter);
    let screen = app.wait_for("dublin-gate").await;
    assert!(screen.contains("profile eu-team"), "{screen}");
    assert!(!screen.contains("lobby-cam"), "{screen}");
    app.quit().await;
}

/// After a switch, a delete acts in the new region and its audit record says so: the
/// dialog, the call and the trail all take the region from the context switched to.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_delete_after_a_switch_is_made_and_recorded_in_the_new_region() {
    let regions = vec!["us-east-1".to_owned(), "eu-west-1".to_owned()];
    let app = start_prepared(
        two_regions(),
        Box::new(move |state| state.settings.regions = Some(regions)),
    )
    .await;
    app.wait_for("lobby-cam").await;
    app.key(KeyCode::Char('R'));
    app.wait_for("Switch region").await;
    app.type_text("irel");
    app.key(KeyCode::Enter);
    app.wait_for("dublin-gate").await;
    app.key(KeyCode::Char('d'));
    let dialog = app.wait_for("cannot be undone").await;
    assert!(
        dialog.contains("eu-west-1"),
        "the dialog names the region: {dialog}"
    );
    app.type_text("dublin-gate");
    app.key(KeyCode::Enter);
    app.wait_for("DeleteCollection dublin-gate: StatusCode 200")
        .await;
    app.wait_for("No collections in eu-west-1").await;
    let trail = app.trail();
    let intent = trail
        .iter()
        .find(|l| l["event"] == "intent" && l["operation"] == "DeleteCollection")
        .expect("an intent line");
    assert_eq!(intent["region"], "eu-west-1");
    assert_eq!(intent["collection_id"], "dublin-gate");
    // us-east-1 is untouched.
    let left = app
        .client
        .list_collections()
        .send()
        .await
        .expect("ListCollections")
        .collection_ids
        .unwrap_or_default();
    assert_eq!(left, ["lobby-cam"]);
    app.quit().await;
}
