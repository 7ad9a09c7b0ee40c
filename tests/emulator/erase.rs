//! `rekog erase` as a process against the emulator: what it lists, what it erases, what it
//! writes, and what it refuses. Checked afterwards through the SDK, the manifest and the
//! audit trail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use aws_sdk_rekognition::Client;
use rekog::emulator::Handle;
use serde_json::Value;

use crate::support::{KEY, SECRET, all_faces, start_seeded};

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_rekog");

/// `people`: 30 faces, every third on one of three users (user-000001 has 4 of them).
pub(crate) const SEED: &str = r#"{"collections":[
    {"id":"people","faces":30,"users":3},
    {"id":"prod-people","faces":6,"users":1}
]}"#;

pub(crate) const USER: &str = "user-000001";

/// Runs `rekog ARGS` with a home of its own, against `handle`, stdin not a terminal.
pub(crate) fn rekog(handle: &Handle, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = command(handle, home, args, env)
        .output()
        .expect("rekog runs");
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("panicked"),
        "{out:?}"
    );
    out
}

/// `rekog ARGS` as [`rekog`] runs it, to be run as the caller wants.
pub(crate) fn command(
    handle: &Handle,
    home: &Path,
    args: &[&str],
    env: &[(&str, &str)],
) -> Command {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL", handle.endpoint())
        .envs(env.iter().copied())
        .stdin(Stdio::null());
    command
}

pub(crate) fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(crate) async fn user_faces(client: &Client, id: &str, user: &str) -> Vec<String> {
    all_faces(client, id, 4096)
        .await
        .iter()
        .filter(|f| f.user_id() == Some(user))
        .map(|f| f.face_id().unwrap().to_owned())
        .collect()
}

pub(crate) async fn users(client: &Client, id: &str) -> Vec<String> {
    let out = client.list_users().collection_id(id).send().await.unwrap();
    out.users()
        .iter()
        .map(|u| u.user_id().unwrap().to_owned())
        .collect()
}

pub(crate) fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(files(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

pub(crate) fn trail(home: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(home.join("state/rekog/audit.jsonl")).unwrap_or_default();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Nothing was erased, nor written, in `home`.
pub(crate) async fn untouched(client: &Client, home: &Path) {
    assert_eq!(all_faces(client, "people", 4096).await.len(), 30);
    assert_eq!(user_faces(client, "people", USER).await.len(), 4);
    assert_eq!(users(client, "people").await.len(), 3);
    assert!(files(&home.join("data")).is_empty());
    assert!(trail(home).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_lists_the_faces_and_erases_nothing() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let out = rekog(
        &handle,
        home.path(),
        &["erase", "people", "--user", USER, "--dry-run"],
        &[],
    );
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    for id in user_faces(&client, "people", USER).await {
        let row = stdout.lines().find(|l| l.starts_with(&id));
        let row = row.unwrap_or_else(|| panic!("{id} not listed: {stdout}"));
        assert!(row.contains("img-") && row.ends_with(USER), "{row}");
    }
    assert!(
        stdout.contains("account 123456789012  region us-east-1"),
        "{stdout}"
    );
    assert!(stdout.contains("Search: UserId user-000001"), "{stdout}");
    assert!(
        stdout.contains("Total: 4 faces to erase, 1 user to delete"),
        "{stdout}"
    );
    assert!(text(&out.stderr).contains("dry run; nothing was erased"));
    untouched(&client, home.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn confirm_erases_a_users_faces_then_the_user_with_a_manifest_and_a_record() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let before = user_faces(&client, "people", USER).await;
    let args = ["erase", "people", "--user", USER, "--confirm", "people"];
    let out = rekog(&handle, home.path(), &args, &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout.contains("Erased 4 faces and 1 user from people."),
        "{stdout}"
    );

    // Nothing of the person is left: not their faces, not their user.
    let left = all_faces(&client, "people", 4096).await;
    assert_eq!(left.len(), 26);
    assert!(
        left.iter()
            .all(|f| !before.contains(&f.face_id().unwrap().to_owned()))
    );
    assert!(user_faces(&client, "people", USER).await.is_empty());
    let listed = client
        .list_faces()
        .collection_id("people")
        .user_id(USER)
        .send()
        .await;
    assert!(listed.map_or(true, |l| l.faces().is_empty()));
    assert_eq!(
        users(&client, "people").await,
        ["user-000002", "user-000003"]
    );

    // The manifest of exactly those faces, with its digest beside it.
    let written = files(&home.path().join("data/rekog/manifests"));
    assert_eq!(written.len(), 2, "{written:?}");
    let (manifest, digest) = (&written[0], &written[1]);
    let name = manifest.file_name().unwrap().to_string_lossy();
    assert!(
        name.starts_with("people-") && name.ends_with("Z-erasure.jsonl"),
        "{name}"
    );
    assert_eq!(digest, &rekog::manifest::digest_path(manifest));
    assert!(
        manifest.starts_with(
            home.path()
                .join("data/rekog/manifests/123456789012/us-east-1")
        )
    );
    let summary = rekog::manifest::check(manifest).unwrap();
    assert_eq!((summary.faces, summary.users), (4, 1));
    let text = std::fs::read_to_string(manifest).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["kind"], "erasure");
    // The user searched for is kept as its HMAC, as every name in the manifest.
    let search = first["search"].as_str().unwrap();
    assert!(
        search.starts_with("UserId ") && search.len() == "UserId ".len() + 64,
        "{search}"
    );
    assert_eq!(first["names"], "hmac-sha256");
    assert!(!text.contains(USER));
    assert_eq!(first["FaceCount"], 30);
    for id in &before {
        assert!(text.contains(id.as_str()), "{id} not in the manifest");
    }
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(manifest).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // The audit trail: the intent before, the outcome after, linked.
    let lines = trail(home.path());
    assert_eq!(lines.len(), 2, "{lines:?}");
    let (intent, outcome) = (&lines[0], &lines[1]);
    assert_eq!(
        (&intent["event"], &outcome["event"]),
        (&"intent".into(), &"outcome".into())
    );
    assert_eq!(intent["id"], outcome["id"]);
    assert_eq!(intent["operation"], "Erasure");
    let caller = intent["caller_arn"].as_str().unwrap_or_default();
    assert!(
        caller.starts_with("arn:aws:iam::"),
        "who erased: {caller:?}"
    );
    assert_eq!(intent["face_count"], 4);
    assert_eq!(intent["user_count"], 1);
    assert_eq!(intent["manifest"], manifest.to_str().unwrap());
    assert_eq!(outcome["outcome"], "success");
    assert_eq!(
        (&outcome["faces_erased"], &outcome["users_erased"]),
        (&4.into(), &1.into())
    );

    // `rekog audit` shows it.
    let out = rekog(&handle, home.path(), &["audit"], &[]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("Erasure") && table.contains("erased 4 faces and 1 user"),
        "{table}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faces_found_by_external_image_id_leave_their_users_in_place() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let faces = all_faces(&client, "people", 4096).await;
    // The first image's faces: the first of them is on user-000001.
    let first = faces[0].external_image_id().unwrap().to_owned();
    let on_it: Vec<String> = (faces.iter())
        .filter(|f| f.external_image_id() == Some(first.as_str()))
        .map(|f| f.face_id().unwrap().to_owned())
        .collect();
    assert_eq!(faces[0].user_id(), Some(USER));
    let args = [
        "erase",
        "people",
        "--external-image-id",
        &first,
        "--confirm",
        "people",
    ];
    let out = rekog(&handle, home.path(), &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let left = all_faces(&client, "people", 4096).await;
    assert_eq!(left.len(), 30 - on_it.len());
    assert!(
        left.iter()
            .all(|f| f.external_image_id() != Some(first.as_str()))
    );
    assert_eq!(users(&client, "people").await.len(), 3, "users stay");
    assert_eq!(user_faces(&client, "people", USER).await.len(), 3);
    assert_eq!(trail(home.path())[0]["user_count"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticketed_erasure_proves_absence_and_the_trail_verifies() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let bad = rekog(
        &handle,
        home.path(),
        &["erase", "people", "--user", USER, "--ticket", "DSAR 1"],
        &[],
    );
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
    assert!(text(&bad.stderr).contains("--ticket"), "{bad:?}");
    assert!(trail(home.path()).is_empty(), "refused before anything");

    let args = [
        "erase",
        "people",
        "--user",
        USER,
        "--confirm",
        "people",
        "--ticket",
        "DSAR-2026-0042",
    ];
    let out = rekog(&handle, home.path(), &args, &[]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        stdout.contains(
            "Proof of absence: looked again (4 FaceIds, UserId user-000001): none remain."
        ),
        "{stdout}"
    );
    assert!(user_faces(&client, "people", USER).await.is_empty());
    let lines = trail(home.path());
    assert_eq!(lines.len(), 2, "{lines:?}");
    for line in &lines {
        assert_eq!(line["ticket"], "DSAR-2026-0042");
    }
    assert_eq!((&lines[0]["seq"], &lines[1]["seq"]), (&1.into(), &2.into()));
    assert_eq!(lines[1]["remaining"], 0);

    let listed = rekog(
        &handle,
        home.path(),
        &["audit", "--ticket", "DSAR-2026-0042"],
        &[],
    );
    assert!(
        text(&listed.stdout).contains("ticket DSAR-2026-0042"),
        "{listed:?}"
    );
    let other = rekog(&handle, home.path(), &["audit", "--ticket", "DSAR-1"], &[]);
    assert!(
        text(&other.stderr).contains("no records for ticket DSAR-1"),
        "{other:?}"
    );

    let head = rekog(&handle, home.path(), &["audit", "--head"], &[]);
    let head = text(&head.stdout).trim().to_owned();
    assert!(head.starts_with("2:") && head.len() == 66, "{head}");
    let verified = rekog(
        &handle,
        home.path(),
        &["audit", "--verify", "--expect-head", &head],
        &[],
    );
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");
    assert!(
        text(&verified.stdout).contains("intact: 2 records"),
        "{verified:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erasure_has_a_receipt_in_markdown_and_json() {
    let (handle, _client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let args = [
        "erase",
        "people",
        "--user",
        USER,
        "--confirm",
        "people",
        "--ticket",
        "DSAR-9",
    ];
    let out = rekog(&handle, home.path(), &args, &[]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let lines = trail(home.path());
    let id = lines[0]["id"].as_str().unwrap().to_owned();

    let md = rekog(&handle, home.path(), &["audit", "--receipt", &id], &[]);
    assert_eq!(md.status.code(), Some(0), "{md:?}");
    let md = text(&md.stdout);
    assert!(md.starts_with("# Erasure receipt"), "{md}");
    assert!(md.contains("| Ticket | DSAR-9 |"), "{md}");
    assert!(md.contains("no face remains"), "{md}");
    assert_eq!(md.matches("| erased |").count(), 4, "{md}");

    let file = home.path().join("receipt.json");
    let json = rekog(
        &handle,
        home.path(),
        &[
            "audit",
            "--receipt",
            &id,
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(json.status.code(), Some(0), "{json:?}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let receipt: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(receipt["kind"], "erasure");
    assert_eq!(receipt["what"]["face_results"].as_array().unwrap().len(), 4);
    assert_eq!(receipt["what"]["user_results"][0]["result"], "deleted");
    assert_eq!(receipt["proof_of_absence"]["remaining"], 0);
    assert_eq!(receipt["records"][1]["seq"], 2);
    // The receipt's last record is the trail's head.
    let head = rekog(&handle, home.path(), &["audit", "--head"], &[]);
    assert_eq!(
        text(&head.stdout).trim(),
        format!("2:{}", receipt["records"][1]["sha256"].as_str().unwrap())
    );

    let unknown = rekog(&handle, home.path(), &["audit", "--receipt", "nope"], &[]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(
        text(&unknown.stderr).contains("no record \"nope\""),
        "{unknown:?}"
    );
}

/// A manifest keeps the named user as an HMAC: the resume finds the UserId again under the
/// installation's key, among the collection's users, to delete the user the first run left.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resume_finds_a_hashed_user_under_the_key_and_deletes_it() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let args = ["erase", "people", "--user", USER, "--confirm", "people"];
    assert_eq!(
        rekog(&handle, home.path(), &args, &[]).status.code(),
        Some(0)
    );
    let records = trail(home.path());
    let id = records[0]["id"].as_str().unwrap().to_owned();
    let manifest = records[0]["manifest"].as_str().unwrap().to_owned();
    let first: Value = serde_json::from_str(
        std::fs::read_to_string(&manifest)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(first["names"], "hmac-sha256");
    // As if rekog died after the faces went and before the user did: the user is there
    // again, and the trail ends at the intent.
    client
        .create_user()
        .collection_id("people")
        .user_id(USER)
        .send()
        .await
        .unwrap();
    let path = home.path().join("state/rekog/audit.jsonl");
    let text = std::fs::read_to_string(&path).unwrap();
    let intent_only = text.lines().next().unwrap().to_owned() + "\n";
    std::fs::write(&path, intent_only).unwrap();

    let out = rekog(
        &handle,
        home.path(),
        &["erase", "--resume", &id, "--confirm", "people"],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text_of(&out));
    assert!(!users(&client, "people").await.contains(&USER.to_owned()));
    let records = trail(home.path());
    let closed = records
        .iter()
        .find(|r| r["id"] == id.as_str() && r["event"] == "outcome")
        .unwrap();
    assert_eq!(closed["outcome"], "resumed");
    let by = records
        .iter()
        .find(|r| r["resumes"] == id.as_str() && r["event"] == "intent")
        .unwrap();
    let done = records
        .iter()
        .find(|r| r["id"] == by["id"] && r["event"] == "outcome")
        .unwrap();
    assert_eq!(done["users_erased"], 1, "{done}");
    assert_eq!(done["remaining"], 0, "{done}");
}

fn text_of(out: &Output) -> String {
    format!("{}{}", text(&out.stdout), text(&out.stderr))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resume_refuses_what_it_cannot_resume_and_changes_nothing() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let unknown = rekog(&handle, home.path(), &["erase", "--resume", "nope"], &[]);
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(
        text(&unknown.stderr).contains("no record \"nope\""),
        "{unknown:?}"
    );
    // A finished erasure has an outcome: nothing to resume.
    let args = ["erase", "people", "--user", USER, "--confirm", "people"];
    assert_eq!(
        rekog(&handle, home.path(), &args, &[]).status.code(),
        Some(0)
    );
    let id = trail(home.path())[0]["id"].as_str().unwrap().to_owned();
    let again = rekog(&handle, home.path(), &["erase", "--resume", &id], &[]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert!(
        text(&again.stderr).contains("already has an outcome"),
        "{again:?}"
    );
    assert_eq!(trail(home.path()).len(), 2, "nothing written");
    // Naming a collection with --resume is a usage error.
    let both = rekog(
        &handle,
        home.path(),
        &["erase", "people", "--resume", &id],
        &[],
    );
    assert_eq!(both.status.code(), Some(2), "{both:?}");
    assert_eq!(all_faces(&client, "people", 4096).await.len(), 26);
}

/// `rekog erase ... 2>&1 | head` closes stdout and stderr while rekog still writes. A dry
/// run still ends 0, and an erasure still runs to its end and its record. Before, the dry
/// run's last line, written to the closed pipe, panicked (exit 101).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erasure_whose_output_nobody_reads_still_erases_and_records() {
    let (handle, client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let unread = |extra: &[&str]| {
        let args: Vec<&str> = ["erase", "people", "--user", USER]
            .into_iter()
            .chain(extra.iter().copied())
            .collect();
        let mut child = command(&handle, home.path(), &args, &[])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("rekog runs");
        // The reader goes away, as `head` does once it has its lines.
        drop(child.stdout.take());
        drop(child.stderr.take());
        child.wait().expect("rekog ends")
    };
    let dry = tokio::task::block_in_place(|| unread(&["--dry-run"]));
    assert_eq!(dry.code(), Some(0), "the dry run: {dry:?}");
    assert_eq!(user_faces(&client, "people", USER).await.len(), 4);
    let erased = tokio::task::block_in_place(|| unread(&["--confirm", "people"]));
    assert_eq!(erased.code(), Some(0), "the erasure: {erased:?}");
    assert!(user_faces(&client, "people", USER).await.is_empty());
    let trail = std::fs::read_to_string(home.path().join("state/rekog/audit.jsonl")).unwrap();
    let outcome: Value = serde_json::from_str(trail.lines().last().unwrap()).unwrap();
    assert_eq!(outcome["operation"], "Erasure");
    assert_eq!(outcome["outcome"], "success");
}
