//! The fleet across accounts against an emulator of three: reached through four profiles
//! (two for one account), with an SSO profile never logged in and one without credentials;
//! or through the organization's role. Enter on an account's region opens its table, and a
//! delete there lands in that account and is audited with it.

use ratatui::crossterm::event::KeyCode;
use rekog::app::fleet::Scope;
use rekog::emulator::{self, ServeConfig};

use crate::headless_app::{App, Profiles, start_accounts};

const SEED: &str = r#"{"accounts": [
    {"id": "111111111111", "name": "prod", "access_keys": ["AKIDPRODONE000000001", "AKIDPRODTWO000000001"],
     "collections": [{"id": "prod-lobby", "faces": 5}]},
    {"id": "222222222222", "name": "staging", "access_keys": ["AKIDSTAGING000000001"],
     "collections": [{"id": "stage-lobby", "faces": 2, "users": 1},
                     {"id": "stage-eu", "region": "eu-west-1", "faces": 1}]},
    {"id": "333333333333", "name": "sandbox", "access_keys": ["AKIDSANDBOX000000001"], "org_role": false,
     "collections": [{"id": "sandbox-kiosk", "faces": 3}]}],
  "organization": {"management": "111111111111"}}"#;

const ROLE: &str = "OrganizationAccountAccessRole";

fn config() -> ServeConfig {
    ServeConfig {
        seed: Some(emulator::Seed::parse("accounts", SEED).expect("seed")),
        ..ServeConfig::default()
    }
}

fn profiles() -> Profiles {
    vec![
        ("prod", Some("AKIDPRODONE000000001")),
        ("prod-admin", Some("AKIDPRODTWO000000001")),
        ("staging", Some("AKIDSTAGING000000001")),
        ("sandbox", Some("AKIDSANDBOX000000001")),
        ("sso-dev", None),
        ("nocreds", None),
    ]
}

async fn start(scope: Scope) -> App {
    let names: Vec<String> = profiles().iter().map(|(p, _)| (*p).to_owned()).collect();
    let scope = match scope {
        Scope::Profiles(_) => Scope::Profiles(names),
        other => other,
    };
    start_accounts(
        config(),
        profiles(),
        Box::new(move |state| {
            state.settings.regions = Some(vec!["us-east-1".into(), "eu-west-1".into()]);
            state.settings.fleet_scope = Some(scope);
        }),
    )
    .await
}

/// The screen line holding `text`.
fn line<'a>(screen: &'a str, text: &str) -> &'a str {
    screen
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line with {text:?} in\n{screen}"))
}

/// The words of the totals row.
fn totals(screen: &str) -> Vec<String> {
    line(screen, "all ")
        .split(['│', ' '])
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_profiles_of_three_accounts_count_each_once_and_a_delete_lands_in_its_account() {
    let app = start(Scope::Profiles(Vec::new())).await;
    app.wait_for("prod-lobby").await;
    app.key(KeyCode::Char('F'));
    app.wait_for("Fleet").await;
    app.key(KeyCode::Char('a'));
    let screen = app.wait_for("6/6 done").await;
    assert!(screen.contains("3 accounts"), "{screen}");
    line(&screen, "111111111111 · prod, prod-admin");
    line(&screen, "222222222222 · staging");
    line(&screen, "333333333333 · sandbox");
    let sso = line(&screen, "sso-dev");
    assert!(sso.contains("sso-dev · sso login needed"), "{screen}");
    assert!(sso.contains("aws sso login --profile sso-dev"), "{screen}");
    assert!(line(&screen, "nocreds").contains("no credentials"));
    // Four collections, 11 faces, one user: prod's counted once though two profiles reach it.
    assert_eq!(
        totals(&screen)[..5],
        ["all", "6/6", "4", "11", "1"],
        "{screen}"
    );

    // Staging's us-east-1: the third region row.
    app.key(KeyCode::Down);
    app.key(KeyCode::Down);
    app.key(KeyCode::Enter);
    // The header names the account once GetCallerIdentity answers.
    let screen = app.wait_for("account 222222222222").await;
    assert!(!screen.contains("prod-lobby"));
    app.select("stage-lobby").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    app.type_text("stage-lobby");
    app.key(KeyCode::Enter);
    app.wait_for("DeleteCollection stage-lobby: StatusCode 200")
        .await;

    let intent = &app.trail()[0];
    assert_eq!(intent["account"], "222222222222");
    assert_eq!(intent["profile"], "staging");
    assert_eq!(intent["region"], "us-east-1");
    // Gone from staging; prod's collections untouched.
    let staging = app.client_of("AKIDSTAGING000000001", "us-east-1");
    let left = staging.list_collections().send().await.unwrap();
    assert!(left.collection_ids().is_empty(), "{left:?}");
    let prod = app.client_of("AKIDPRODONE000000001", "us-east-1");
    let left = prod.list_collections().send().await.unwrap();
    assert_eq!(left.collection_ids(), ["prod-lobby"]);

    // Esc clears the kept filter, then goes back to the fleet of every account, which has
    // counted staging's region again: stage-lobby's collection, 2 faces and user are gone.
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    let screen = app
        .wait_until("the fleet without stage-lobby", |screen| {
            screen.contains("accounts · 6/6 done") && totals(screen)[2] == "3"
        })
        .await;
    assert_eq!(
        totals(&screen)[..5],
        ["all", "6/6", "3", "9", "0"],
        "{screen}"
    );
    app.key(KeyCode::Char('q'));
    app.wait_for("Collections (0)").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organization_through_its_role_and_a_member_without_it_denied() {
    let app = start(Scope::Org(ROLE.into())).await;
    app.wait_for("prod-lobby").await;
    app.key(KeyCode::Char('F'));
    app.wait_for("Fleet").await;
    app.key(KeyCode::Char('a'));
    let screen = app.wait_for("4/4 done").await;
    assert!(
        screen.contains("Fleet · organization · 2 accounts"),
        "{screen}"
    );
    line(&screen, "111111111111 prod");
    line(&screen, "222222222222 staging");
    assert!(
        line(&screen, "333333333333 sandbox").contains("denied: sts:AssumeRole"),
        "{screen}"
    );
    assert_eq!(totals(&screen)[..4], ["all", "4/4", "3", "8"], "{screen}");

    app.key(KeyCode::Down);
    app.key(KeyCode::Down);
    app.key(KeyCode::Enter);
    app.wait_for(":222222222222:collection/stage-lobby").await;
    let role = format!("arn:aws:iam::222222222222:role/{ROLE}");
    // At 120 columns the role gives way to the region and the account beside it. The
    // account comes with the new context's GetCallerIdentity, which may answer after the
    // rows.
    app.wait_until("the header to show the chain", |screen| {
        let header = screen.lines().next().unwrap_or_default();
        header.contains("profile prod  via → role/OrganizationAccount")
            && header.contains("region us-east-1")
            && header.contains("account 222222222222")
    })
    .await;
    app.select("stage-lobby").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    app.type_text("stage-lobby");
    app.key(KeyCode::Enter);
    app.wait_for("DeleteCollection stage-lobby: StatusCode 200")
        .await;
    let intent = &app.trail()[0];
    assert_eq!(intent["account"], "222222222222");
    assert_eq!(intent["profile"], format!("prod → {role}"));
    let staging = app.client_of("AKIDSTAGING000000001", "us-east-1");
    let left = staging.list_collections().send().await.unwrap();
    assert!(left.collection_ids().is_empty());
    app.quit().await;
}
