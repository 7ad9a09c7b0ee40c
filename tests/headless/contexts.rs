//! Switching the region and the profile inside the app.

use ratatui::crossterm::event::KeyCode;
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
