//! The fleet view against the emulator: collections in three regions, one region not
//! enabled and one where ListCollections is denied.

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::{self, ServeConfig};

use crate::headless_app::start_prepared;

const SEED: &str = r#"{"collections":[
    {"id":"lobby-cam","faces":3,"users":1},
    {"id":"front-door","faces":1200},
    {"id":"dublin-gate","region":"eu-west-1","faces":2,"users":2},
    {"id":"sydney-a","region":"ap-southeast-2","faces":40},
    {"id":"sydney-b","region":"ap-southeast-2","faces":5,"users":3},
    {"id":"sydney-c","region":"ap-southeast-2"},
    {"id":"london-hidden","region":"eu-west-2","faces":9}
]}"#;

const REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "eu-west-2",
    "ap-east-1",
    "ap-southeast-2",
];

fn config() -> ServeConfig {
    ServeConfig {
        seed: Some(emulator::Seed::parse("fleet", SEED).expect("seed")),
        disabled_regions: vec!["ap-east-1".into()],
        deny: vec!["ListCollections@eu-west-2".into()],
        ..ServeConfig::default()
    }
}

/// The screen line that starts with `region` (after the selection mark).
fn line<'a>(screen: &'a str, region: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.trim_start_matches(['│', ' ', '▶']).starts_with(region))
        .unwrap_or_else(|| panic!("no row for {region}:\n{screen}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn f_counts_every_region_and_says_which_cannot_be_read() {
    let regions: Vec<String> = REGIONS.iter().map(|r| (*r).to_owned()).collect();
    let app = start_prepared(
        config(),
        Box::new(move |state| state.settings.regions = Some(regions)),
    )
    .await;
    app.wait_for("lobby-cam").await;
    app.key(KeyCode::Char('F'));
    let screen = app.wait_for("5/5 regions done").await;
    assert!(line(&screen, "us-east-1").contains("1,203"), "{screen}");
    assert!(line(&screen, "us-east-1").ends_with("ok                                 │"));
    let dublin = line(&screen, "eu-west-1");
    assert!(
        dublin.contains(" 1 ") && dublin.contains(" ok "),
        "{dublin}"
    );
    let sydney = line(&screen, "ap-southeast-2");
    assert!(
        sydney.contains(" 3 ") && sydney.contains(" 45 "),
        "{sydney}"
    );
    assert!(line(&screen, "eu-west-2").contains("denied: rekognition:ListCollections"));
    assert!(line(&screen, "ap-east-1").contains("not enabled"));
    // Totals: 6 collections, 1,250 faces, 6 users (London's are not readable).
    let totals = line(&screen, "all 5/5");
    for want in [" 6 ", " 1,250 ", " 6 ", "done"] {
        assert!(totals.contains(want), "{want:?} not in {totals:?}");
    }
    // The denied region is logged once; the one not enabled is not logged.
    assert_eq!(screen.matches("ListCollections in eu-west-2").count(), 1);
    assert!(!screen.contains("in ap-east-1:"), "{screen}");

    // Enter on Sydney shows its collections; Esc comes back to the fleet.
    for _ in 0..4 {
        app.key(KeyCode::Down);
    }
    app.key(KeyCode::Enter);
    let screen = app.wait_for("sydney-b").await;
    assert!(!screen.contains("lobby-cam"), "{screen}");
    app.key(KeyCode::Esc);
    app.wait_for("5/5 regions done").await;
    app.key(KeyCode::Esc);
    app.wait_for("Collections (3)").await;
    app.quit().await;
}
