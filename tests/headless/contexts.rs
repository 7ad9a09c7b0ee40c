//! Switching the region and the profile inside the app.

use ratatui::crossterm::event::KeyCode;
use rekog::app::records::ProfileChoice;
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
        Box::new(move |state| state.records.regions = Some(regions)),
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
        Box::new(move |state| state.records.profiles = choices),
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
