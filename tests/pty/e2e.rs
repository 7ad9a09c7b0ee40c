//! End-to-end: the built binary in a pseudo-terminal against `rekog serve`, checked through
//! the SDK afterwards, the way an operator would use it.

use std::process::Command;
use std::time::{Duration, Instant};

use aws_sdk_rekognition::config::{Credentials, Region};

use crate::pty::{BIN, Server, Tui};

const KEY: &str = "AKIDE2ETEST000000000";
const SECRET: &str = "e2e-secret";

pub fn seed_file(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("seed.json");
    std::fs::write(
        &path,
        r#"{"collections":[
            {"id":"alpha-empty"},
            {"id":"lobby-cam","faces":25,"users":2},
            {"id":"warehouse-door","faces":7},
            {"id":"eu-archive","region":"eu-west-1","faces":3}
        ]}"#,
    )
    .unwrap();
    path
}

fn client(endpoint: &str) -> aws_sdk_rekognition::Client {
    let config = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new(KEY, SECRET, None, None, "e2e"))
        .endpoint_url(endpoint)
        .build();
    aws_sdk_rekognition::Client::from_conf(config)
}

async fn collection_ids(endpoint: &str) -> Vec<String> {
    client(endpoint)
        .list_collections()
        .send()
        .await
        .expect("ListCollections")
        .collection_ids
        .unwrap_or_default()
}

pub fn aws_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", KEY.to_string()),
        ("AWS_SECRET_ACCESS_KEY", SECRET.to_string()),
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
        ("AWS_ENDPOINT_URL", endpoint.to_string()),
    ]
}

pub fn start(server: &Server, home: &std::path::Path, extra: &[&str]) -> Tui {
    let env = aws_env(&server.endpoint);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Tui::spawn(extra, &env, home, (120, 40))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_filter_delete_by_typing_the_id_then_quit() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let creds = format!("{KEY}:{SECRET}");
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--credentials", &creds]);
    let mut tui = start(&server, home.path(), &[]);

    tui.wait_for("warehouse-door");
    tui.wait_for("Collections (3)");
    assert!(
        !tui.screen().contains("eu-archive"),
        "another region leaked in"
    );

    tui.send("/");
    tui.type_keys("lobby");
    tui.wait_for("Collections (1/3)");
    tui.send("\r");
    tui.send("d");
    tui.wait_for("cannot be undone");
    tui.type_keys("lobby-ca");
    // A partial ID never deletes.
    tui.send("\r");
    tui.wait_for("does not match");
    tui.type_keys("m");
    tui.send("\r");
    tui.wait_for("DeleteCollection lobby-cam: StatusCode 200");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();

    let ids = collection_ids(&server.endpoint).await;
    assert!(!ids.contains(&"lobby-cam".to_string()), "{ids:?}");
    assert!(ids.contains(&"alpha-empty".to_string()), "{ids:?}");
    assert!(ids.contains(&"warehouse-door".to_string()), "{ids:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_detail_mark_and_delete_faces_then_create_a_collection() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let creds = format!("{KEY}:{SECRET}");
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--credentials", &creds]);
    let mut tui = start(&server, home.path(), &[]);
    tui.wait_for("Collections (3)");

    tui.send("/");
    tui.type_keys("warehouse");
    tui.wait_for("Collections (1/3)");
    tui.send("\r");
    tui.send("\r");
    tui.wait_for("Collection warehouse-door ");
    tui.wait_for("Faces (7)");
    tui.type_keys("  ");
    tui.wait_for("2 faces marked");
    tui.send("d");
    tui.wait_for("Delete faces");
    tui.send("\t");
    tui.send("\r");
    tui.wait_for("DeleteFaces warehouse-door: 2 faces of 2 deleted");
    tui.wait_for("Faces (5)");
    tui.send("\x1b");
    tui.wait_for("Collections (1/3)");

    tui.send("c");
    tui.wait_for("Create collection");
    tui.type_keys("e2e-new");
    tui.send("\r");
    tui.wait_for("CreateCollection e2e-new: StatusCode 200");
    tui.wait_for("Collections (4)");
    // The new row is selected: `y` puts its ID on the clipboard through the terminal.
    tui.send("y");
    tui.wait_for("Copied collection ID e2e-new");
    let osc52 = rekog::clipboard::osc52("e2e-new", false).into_bytes();
    let raw = tui.raw_output();
    assert!(
        raw.windows(osc52.len()).any(|w| w == osc52.as_slice()),
        "no OSC 52 written"
    );
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();

    let client = client(&server.endpoint);
    let faces = client
        .describe_collection()
        .collection_id("warehouse-door")
        .send()
        .await
        .expect("DescribeCollection")
        .face_count;
    assert_eq!(faces, Some(5));
    assert!(
        collection_ids(&server.endpoint)
            .await
            .contains(&"e2e-new".to_string())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_session_restores_the_terminal() {
    signal_mid_session_restores_the_terminal(libc::SIGTERM).await;
}

/// A dropped SSH session reaches the app as SIGHUP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sighup_mid_session_restores_the_terminal() {
    signal_mid_session_restores_the_terminal(libc::SIGHUP).await;
}

async fn signal_mid_session_restores_the_terminal(signal: libc::c_int) {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap()]);
    let mut tui = start(&server, home.path(), &[]);
    tui.wait_for("lobby-cam");
    tui.send("d");
    tui.wait_for("Delete collection");
    // SAFETY: plain kill(2) on our own child's pid.
    let rc = unsafe { libc::kill(tui.pid() as libc::pid_t, signal) };
    assert_eq!(rc, 0);
    assert_eq!(tui.wait_exit(), 128 + signal as u32);
    tui.assert_restored();
    // Nothing was deleted by the interrupted dialog.
    assert_eq!(collection_ids(&server.endpoint).await.len(), 3);
}

#[test]
fn no_region_fails_fast_with_a_clear_message() {
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let out = Command::new(BIN)
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in ["--region", "AWS_REGION", "--demo"] {
        assert!(err.contains(needle), "{needle} missing from: {err}");
    }
    assert!(out.stdout.is_empty(), "nothing may touch the screen");
}

/// A profile the files do not hold is named as the mistake, with those they hold, rather
/// than failing on the region the SDK would look for in it.
#[test]
fn an_unknown_profile_fails_fast_naming_the_known_ones() {
    let home = tempfile::tempdir().unwrap();
    let aws = home.path().join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(aws.join("config"), "[profile prod]\nregion = eu-west-1\n").unwrap();
    for (args, env) in [
        (&["--profile", "prd"][..], &[][..]),
        (&[][..], &[("AWS_PROFILE", "prd")][..]),
    ] {
        let out = Command::new(BIN)
            .args(args)
            .env_clear()
            .env("HOME", home.path())
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(env.iter().copied())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?} {env:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("no profile named \"prd\"") && err.contains("profiles are: prod"),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "nothing may touch the screen");
    }
}

/// An SSO profile never logged in says which `aws sso login` to run, not only that the
/// SDK found no cached token.
#[test]
fn an_sso_profile_not_logged_in_names_the_login_to_run() {
    let home = tempfile::tempdir().unwrap();
    let aws = home.path().join(".aws");
    std::fs::create_dir_all(&aws).unwrap();
    std::fs::write(
        aws.join("config"),
        "[profile dev]\nsso_session = corp\nsso_account_id = 222222222222\n\
         sso_role_name = ReadOnly\nregion = eu-west-1\n\
         [sso-session corp]\nsso_start_url = https://example.awsapps.com/start\n\
         sso_region = eu-west-1\n",
    )
    .unwrap();
    // The credentials resolve after the terminal check in the TUI; a subcommand that
    // connects shows the same message without one.
    let out = Command::new(BIN)
        .args(["manifest", "lobby", "--profile", "dev"])
        .env_clear()
        .env("HOME", home.path())
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the SSO session of profile dev is not logged in or has expired"),
        "{err}"
    );
    assert!(err.contains("Run `aws sso login --profile dev`"), "{err}");
    assert!(out.stdout.is_empty(), "{out:?}");
}

#[test]
fn dumb_terminal_gets_a_message_not_a_tui() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(
        &["--region", "us-east-1"],
        &[("TERM", "dumb")],
        home.path(),
        (80, 24),
    );
    assert_eq!(tui.wait_exit(), 2);
    tui.wait_for("TERM=dumb");
    let raw = tui.raw_output();
    assert!(
        !raw.windows(8).any(|w| w == b"\x1b[?1049h"),
        "the alternate screen was entered"
    );
}
