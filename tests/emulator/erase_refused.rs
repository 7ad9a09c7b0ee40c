//! What `rekog erase` refuses, and that it then changes nothing: a wrong or missing
//! confirmation, a protected collection, read-only mode, bad input.

use std::process::{Command, Stdio};

use crate::erase::{BIN, SEED, USER, rekog, text, untouched};
use crate::support::{all_faces, start_seeded};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_or_missing_confirmation_erases_nothing() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let base = ["erase", "people", "--user", USER];
    for (extra, says) in [
        (
            &["--confirm", "peopl"][..],
            "\"peopl\" is not the collection ID people",
        ),
        (
            &["--confirm", "People"][..],
            "is not the collection ID people",
        ),
        (&[][..], "stdin is not a terminal"),
    ] {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        let out = rekog(&handle, home.path(), &args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert!(stderr.contains("nothing was erased"), "{stderr}");
        untouched(&client, home.path()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn protected_collections_and_read_only_mode_are_refused() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let erase = |id: &'static str, extra: &[&'static str]| -> Vec<&'static str> {
        let mut args = vec!["erase", id, "--user", USER, "--confirm", id];
        args.extend_from_slice(extra);
        args
    };
    let flag = rekog(
        &handle,
        home.path(),
        &erase("prod-people", &["--protect", "prod-*"]),
        &[],
    );
    let config = home.path().join("config/rekog/config.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "protect = [\"prod-?eople\"]\n").unwrap();
    let from_config = rekog(&handle, home.path(), &erase("prod-people", &[]), &[]);
    for (out, rule) in [(flag, "\"prod-*\""), (from_config, "\"prod-?eople\"")] {
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let stderr = text(&out.stderr);
        assert!(
            stderr.contains(&format!("protected by the rule {rule}")),
            "{stderr}"
        );
    }
    assert_eq!(all_faces(&client, "prod-people", 4096).await.len(), 6);

    let read_only = [
        rekog(
            &handle,
            home.path(),
            &erase("people", &["--read-only"]),
            &[],
        ),
        rekog(
            &handle,
            home.path(),
            &erase("people", &[]),
            &[("REKOG_READ_ONLY", "true")],
        ),
        // As the manual writes it; before, clap refused `1` as not a boolean.
        rekog(
            &handle,
            home.path(),
            &erase("people", &[]),
            &[("REKOG_READ_ONLY", "1")],
        ),
        // Anything but an explicit false keeps it read-only.
        rekog(
            &handle,
            home.path(),
            &erase("people", &[]),
            &[("REKOG_READ_ONLY", "ture")],
        ),
        // Before the subcommand, where clap reads it as the TUI's: it once went unread.
        rekog(
            &handle,
            home.path(),
            &[&["--read-only"][..], &erase("people", &[])].concat(),
            &[],
        ),
    ];
    std::fs::write(&config, "read_only = true\n").unwrap();
    let configured = rekog(&handle, home.path(), &erase("people", &[]), &[]);
    for out in read_only.iter().chain([&configured]) {
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(text(&out.stderr).contains("rekog is read-only"), "{out:?}");
    }
    assert!(text(&configured.stderr).contains("read_only in"));
    untouched(&client, home.path()).await;

    // A dry run only reads, so it lists, and says an erasure would be refused.
    let out = rekog(
        &handle,
        home.path(),
        &["erase", "people", "--user", USER, "--dry-run"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(text(&out.stdout).contains("Total: 4 faces"));
    assert!(text(&out.stderr).contains("would be refused"));
}

#[test]
fn bad_input_is_refused_before_any_call() {
    // Nothing listens on port 9 of loopback: any call would fail differently.
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("afile");
    std::fs::write(&file, "x").unwrap();
    let file = file.to_str().unwrap();
    for (args, says) in [
        (&["bad id", "--user", "u"][..], "a space is not allowed"),
        (
            &["c", "--user", "u", "--confirm", "c", "--dir", file][..],
            "is not a directory; nothing was erased",
        ),
        (&["c", "--user", "a b"][..], "--user \"a b\""),
        (&["c", "--face-id", "not-a-face"][..], "is not a FaceId"),
        (
            &["c", "--external-image-id", "a/b"][..],
            "'/' cannot be in an ExternalImageId",
        ),
        (&["c", "--external-image-id", ""][..], "is empty"),
    ] {
        let out = Command::new(BIN)
            .arg("erase")
            .args(args)
            .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
            .env("AWS_REGION", "us-east-1")
            .env("XDG_CONFIG_HOME", home.path())
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
    // Two ways of naming the person at once is a usage error too.
    let out = Command::new(BIN)
        .args(["erase", "c", "--user", "u", "--external-image-id", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
