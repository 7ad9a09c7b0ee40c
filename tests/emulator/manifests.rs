//! `rekog manifests` as a process: the manifests that `rekog manifest` and `rekog erase`
//! wrote, listed, then pruned with a record of each removal that `rekog audit --verify`
//! accepts.

use std::time::Duration;

use crate::erase::{SEED, USER, files, rekog, text, trail};
use crate::support::start_seeded;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lists_both_kinds_then_prunes_them_on_record() {
    let (handle, _client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let out = rekog(&handle, home, &["manifest", "people"], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Not on a terminal, the progress is its last state on a line of its own: no `\r`
    // in a log. Before, every step of the bar went there. No locale is the C locale: the
    // bar is ASCII.
    let stderr = text(&out.stderr);
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert!(stderr.starts_with("[####"), "{stderr:?}");
    assert!(stderr.contains("] 30/30 faces"), "{stderr:?}");
    let args = ["erase", "people", "--user", USER, "--confirm", "people"];
    let out = rekog(&handle, home, &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stderr = text(&out.stderr);
    assert!(!stderr.contains('\r'), "{stderr:?}");
    assert_eq!(
        stderr.matches("searching: ").count(),
        1,
        "one line of progress: {stderr:?}"
    );

    let out = rekog(&handle, home, &["manifests"], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let listed = text(&out.stdout);
    let rows: Vec<Vec<&str>> = listed
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 3, "{listed}");
    assert_eq!(
        rows[0],
        ["PATH", "KIND", "COLLECTION", "FACES", "SIZE", "AGE"]
    );
    let manifests = home.join("data/rekog/manifests/123456789012/us-east-1");
    let whole = &rows[1];
    assert!(whole[0].starts_with(manifests.join("people-").to_str().unwrap()));
    assert_eq!(&whole[1..4], ["collection", "people", "30"]);
    assert_eq!(whole.last(), Some(&"0h"));
    let erasure = &rows[2];
    assert!(erasure[0].ends_with("-erasure.jsonl"), "{listed}");
    assert_eq!(&erasure[1..4], ["erasure", "people", "4"]);

    // Nothing is that old yet.
    let out = rekog(
        &handle,
        home,
        &["manifests", "--older-than", "1h", "--prune"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let manifests_dir = home.join("data/rekog/manifests");
    assert_eq!(files(&manifests_dir).len(), 4, "two manifests, two digests");
    let before = trail(home).len();

    std::thread::sleep(Duration::from_millis(1100));
    // Read-only keeps them, whether the variable or the config says so: they are what an
    // erasure is proved by. Before, they went.
    let prune = ["manifests", "--older-than", "1s", "--prune"];
    let config = home.join("config/rekog/config.toml");
    for (env, file) in [
        (&[("REKOG_READ_ONLY", "1")][..], None),
        (&[][..], Some("read_only = true\n")),
    ] {
        if let Some(text) = file {
            std::fs::create_dir_all(config.parent().unwrap()).unwrap();
            std::fs::write(&config, text).unwrap();
        }
        let out = rekog(&handle, home, &prune, env);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            text(&out.stderr).contains("--prune refused: rekog is read-only"),
            "{out:?}"
        );
        assert_eq!(files(&manifests_dir).len(), 4, "{out:?}");
    }
    std::fs::remove_file(&config).unwrap();
    assert_eq!(trail(home).len(), before, "no record of a removal");
    let out = rekog(&handle, home, &prune, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let said = text(&out.stdout);
    assert_eq!(
        said.lines().filter(|l| l.starts_with("removed ")).count(),
        2,
        "{said}"
    );
    assert!(text(&out.stderr).contains("2 manifests removed"), "{out:?}");
    assert!(files(&manifests_dir).is_empty());

    let records = trail(home);
    let pruned = &records[before..];
    assert_eq!(pruned.len(), 4);
    for pair in pruned.chunks(2) {
        assert_eq!(pair[0]["operation"], "PruneManifest");
        assert_eq!(
            (&pair[0]["event"], &pair[1]["event"]),
            (&"intent".into(), &"outcome".into())
        );
        assert_eq!(pair[1]["outcome"], "success");
        assert_eq!(pair[0]["manifest_sha256"].as_str().map(str::len), Some(64));
    }
    // The erasure's record named its manifest: it counts as pruned, not missing.
    let out = rekog(&handle, home, &["audit", "--verify"], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(text(&out.stdout).contains("1 pruned by rekog"), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prune_needs_a_span_and_an_empty_box_lists_nothing() {
    let (handle, _client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let out = rekog(&handle, home.path(), &["manifests", "--prune"], &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("--older-than"), "{out:?}");
    let out = rekog(&handle, home.path(), &["manifests"], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("no manifests under"), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn find_answers_who_was_erased_from_hmacs_and_clear_text() {
    let (handle, _client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let args = ["erase", "people", "--user", USER, "--confirm", "people"];
    let out = rekog(&handle, home, &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        text(&out.stdout).contains("kept as HMAC-SHA256 under the installation's key"),
        "{out:?}"
    );
    let key = home.join("data/rekog/manifest.key");
    let mode =
        std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&key).unwrap().permissions());
    assert_eq!(
        (mode & 0o777, std::fs::read(&key).unwrap().len()),
        (0o600, 32)
    );
    let hashed = trail(home)[0]["manifest"].as_str().unwrap().to_owned();
    let written = std::fs::read_to_string(&hashed).unwrap();
    assert!(!written.contains(USER), "{written}");
    assert!(written.contains(r#""names":"hmac-sha256""#));

    // Another person, in clear text where a policy asks for it.
    let other = "user-000002";
    let args = [
        "erase",
        "people",
        "--user",
        other,
        "--confirm",
        "people",
        "--keep-names",
    ];
    let out = rekog(&handle, home, &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let clear = trail(home)[2]["manifest"].as_str().unwrap().to_owned();
    let written = std::fs::read_to_string(&clear).unwrap();
    assert!(written.contains(r#""names":"clear""#) && written.contains(other));
    let face: serde_json::Value = written
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["kind"] == "face")
        .unwrap();
    let external = face["ExternalImageId"].as_str().unwrap().to_owned();

    let out = rekog(&handle, home, &["audit", "--find", USER], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let said = text(&out.stdout);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("UserId of 4 faces, the user erased"),
        "{said}"
    );
    assert!(
        said.contains("names kept hmac-sha256") && said.contains(&hashed),
        "{said}"
    );
    assert!(said.contains("outcome success"), "{said}");

    let out = rekog(&handle, home, &["audit", "--find", &external], &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let said = text(&out.stdout);
    assert!(
        said.contains("ExternalImageId of 1 face") && said.contains("names kept clear"),
        "{said}"
    );

    // Never erased: exit 1, and nothing printed on stdout.
    let out = rekog(&handle, home, &["audit", "--find", "user-000003"], &[]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("no erasure named it (2 erasure manifests read)"),
        "{out:?}"
    );

    // An empty value names no one: a usage error, not "no erasure named it".
    let out = rekog(&handle, home, &["audit", "--find", ""], &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");

    // Without the key a hashed manifest cannot be searched: an error, not a "no".
    std::fs::remove_file(&key).unwrap();
    let out = rekog(&handle, home, &["audit", "--find", USER], &[]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(text(&out.stderr).contains("its key"), "{out:?}");
}
