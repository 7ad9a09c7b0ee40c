//! `rekog erase` at a terminal: it asks for the collection ID to be typed, and erases only
//! when it is typed exactly.

use aws_sdk_rekognition::config::{Credentials, Region};

use crate::e2e::{aws_env, seed_file};
use crate::pty::{Server, Tui};

const KEY: &str = "AKIDERASEPTYTEST0000";
const SECRET: &str = "erase-pty-secret";
const USER: &str = "user-000001";

fn client(endpoint: &str) -> aws_sdk_rekognition::Client {
    let config = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(KEY, SECRET, None, None, "erase"))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_rekognition::Client::from_conf(config)
}

async fn faces_of(endpoint: &str, user: &str) -> usize {
    let out = client(endpoint)
        .list_faces()
        .collection_id("lobby-cam")
        .max_results(4096)
        .send()
        .await
        .expect("ListFaces");
    out.faces()
        .iter()
        .filter(|f| f.user_id() == Some(user))
        .count()
}

fn erase(server: &Server, home: &std::path::Path) -> Tui {
    let mut env = aws_env(&server.endpoint);
    env.retain(|(k, _)| *k != "AWS_ACCESS_KEY_ID" && *k != "AWS_SECRET_ACCESS_KEY");
    env.push(("AWS_ACCESS_KEY_ID", KEY.into()));
    env.push(("AWS_SECRET_ACCESS_KEY", SECRET.into()));
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let args = ["erase", "lobby-cam", "--user", USER];
    Tui::spawn(&args, &env, home, (120, 40))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_collection_id_typed_at_the_prompt_erases_and_a_typo_does_not() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let creds = format!("{KEY}:{SECRET}");
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--credentials", &creds]);
    let before = faces_of(&server.endpoint, USER).await;
    assert!(before > 0);

    let mut typo = erase(&server, home.path());
    typo.wait_for("Type the collection ID to erase");
    typo.type_keys("lobby-cma\r");
    assert_eq!(typo.wait_exit(), 2, "{}", typo.screen());
    assert!(typo.screen().contains("is not the collection ID lobby-cam"));
    assert_eq!(faces_of(&server.endpoint, USER).await, before);

    let mut tui = erase(&server, home.path());
    let prompt = format!("Type the collection ID to erase {before} faces and 1 user:");
    tui.wait_for(&prompt);
    tui.type_keys("lobby-cam\r");
    assert_eq!(tui.wait_exit(), 0, "{}", tui.screen());
    tui.wait_for("Erased");
    assert_eq!(faces_of(&server.endpoint, USER).await, 0);
    let trail = std::fs::read_to_string(home.path().join("state/rekog/audit.jsonl")).unwrap();
    assert_eq!(trail.lines().count(), 2, "one intent, one outcome: {trail}");
}
