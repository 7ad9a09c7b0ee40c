//! `rekog doctor` as a process against the emulator, with a home of its own: a box that
//! passes, one whose ListCollections is denied, one with no region, and broken config
//! files; `--json` and `--demo`.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::serve::Server;
use crate::support::{KEY, SECRET, start_seeded};

const BIN: &str = env!("CARGO_BIN_EXE_rekog");

/// Runs `rekog doctor ARGS` with `home` as HOME, test keys in the environment, no AWS files
/// unless `env` names some, and stdout a pipe.
fn doctor(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let out = Command::new(BIN)
        .arg("doctor")
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("LANG", "C.UTF-8")
        .env("TERM", "xterm-256color")
        .env("AWS_ACCESS_KEY_ID", KEY)
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-credentials"))
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("rekog runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{out:?}");
    out
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The line of check `name`.
fn line<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find(|l| {
            l.get(6..)
                .is_some_and(|rest| rest.starts_with(&format!("{name} ")))
        })
        .unwrap_or_else(|| panic!("no {name} line in\n{report}"))
}

const SEED: &str = r#"{"collections":[{"id":"people","faces":3}]}"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_box_that_reaches_the_emulator_passes_and_json_holds_every_check() {
    let (handle, _client) = start_seeded(SEED).await;
    let home = tempfile::tempdir().unwrap();
    let url = handle.endpoint();
    let flags = ["--endpoint-url", url.as_str(), "--region", "us-east-1"];
    let out = doctor(home.path(), &flags, &[]);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    let lines: Vec<&str> = report.lines().collect();
    assert!(lines.len() >= 20, "{report}");
    for l in &lines {
        assert!(l.starts_with("ok ") || l.starts_with("warn "), "{l}");
    }
    assert!(line(&report, "region").contains("us-east-1, US East (N. Virginia) (from --region)"));
    assert!(line(&report, "rekognition url").contains(&format!("{url} (from --endpoint-url)")));
    assert!(line(&report, "sts url").contains("loopback"));
    assert!(line(&report, "identity").starts_with("ok"));
    assert!(line(&report, "ListCollections").contains("allowed in us-east-1 (first: people)"));
    assert!(line(&report, "DescribeCollection").contains("allowed on people (3 faces)"));
    assert!(line(&report, "clock").starts_with("ok"));
    assert!(
        line(&report, "terminal").starts_with("warn"),
        "stdout is a pipe"
    );
    assert!(line(&report, "audit trail").contains("not created yet"));
    assert!(!report.contains(SECRET), "no secret key in the report");
    assert!(
        !home.path().join("state").exists(),
        "doctor creates nothing"
    );

    // The credentials line shows the key as `AKID…0000` on a UTF-8 terminal; under LANG=C
    // the whole report is ASCII. Before, the `…` went to an ASCII terminal as it was.
    assert!(line(&report, "credentials").contains('…'), "{report}");
    let c = doctor(home.path(), &flags, &[("LANG", "C")]);
    let c = text(&c);
    assert!(c.is_ascii(), "{c}");
    assert!(line(&c, "credentials").contains("..."), "{c}");

    let out = doctor(home.path(), &[&flags[..], &["--json"]].concat(), &[]);
    assert_eq!(out.status.code(), Some(0));
    let json: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(json["ok"], true);
    let checks = json["checks"].as_array().unwrap();
    assert_eq!(checks.len(), lines.len(), "every check of the text report");
    for check in checks {
        assert!(
            matches!(check["status"].as_str(), Some("ok" | "warn")),
            "{check}"
        );
        assert!(
            check["name"].is_string() && check["detail"].is_string(),
            "{check}"
        );
    }
    handle.shutdown().await;
}

#[test]
fn a_denied_list_collections_fails_with_the_permission_to_grant() {
    let server = Server::start(&["--deny", "ListCollections"]);
    let home = tempfile::tempdir().unwrap();
    let out = doctor(
        home.path(),
        &["--endpoint-url", &server.endpoint, "--region", "eu-west-1"],
        &[],
    );
    drop(server);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let list = line(&report, "ListCollections");
    assert!(list.starts_with("fail"), "{list}");
    assert!(list.contains("AccessDenied"), "{list}");
    assert!(list.contains("grant rekognition:ListCollections"), "{list}");
    assert!(line(&report, "identity").starts_with("ok"), "{report}");
    let fails = report.lines().filter(|l| l.starts_with("fail")).count();
    assert_eq!(fails, 1, "only the denied call fails:\n{report}");
}

#[test]
fn no_region_anywhere_fails_the_region_line() {
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("aws-config"), "[default]\noutput = json\n").unwrap();
    let out = doctor(home.path(), &["--endpoint-url", "http://127.0.0.1:9"], &[]);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert_eq!(
        &line(&report, "region")[6..]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "region no region: set AWS_REGION or region in the profile, or pass --region"
    );
    assert!(
        line(&report, "identity").starts_with("warn"),
        "no call made"
    );
}

#[test]
fn a_malformed_rekog_config_is_named_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/rekog");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "read_only = true\ncolor = \"pink\"\n",
    )
    .unwrap();
    let out = doctor(
        home.path(),
        &[
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ],
        &[],
    );
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let config = line(&report, "rekog config");
    assert!(config.starts_with("fail"), "{config}");
    assert!(
        config.contains(&format!("{}:2:", dir.join("config.toml").display())),
        "{config}"
    );
    assert!(config.contains("fix line 2"), "{config}");
}

#[test]
fn a_malformed_aws_config_is_named_with_its_line() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("aws-config");
    std::fs::write(&file, "[default]\nregion eu-west-1\n").unwrap();
    let out = doctor(
        home.path(),
        &[
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ],
        &[],
    );
    let report = text(&out);
    assert_eq!(out.status.code(), Some(1), "{report}");
    let aws = line(&report, "aws config");
    assert!(aws.starts_with("fail"), "{aws}");
    assert!(aws.contains(&format!("{}:2:", file.display())), "{aws}");
}

#[test]
fn the_demo_passes_and_bad_usage_is_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let out = doctor(home.path(), &["--demo"], &[]);
    let report = text(&out);
    assert_eq!(out.status.code(), Some(0), "{report}");
    assert!(
        line(&report, "DescribeCollection").starts_with("ok"),
        "{report}"
    );
    let out = doctor(home.path(), &["--bogus"], &[]);
    assert_eq!(out.status.code(), Some(2));
}
