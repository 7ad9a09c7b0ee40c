//! `rekog inventory` as a process against an emulator of three accounts in an
//! organization: through several profiles (two reaching one account), through `--org`, in
//! each format, checked against what the seed holds; exit 1 when an account is denied, 2 on
//! a usage or connection error.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

use crate::accounts::{PROD_KEY, STAGE_KEY, start};

const BIN: &str = env!("CARGO_BIN_EXE_rekog");

/// A home with AWS files of six profiles at the emulator: `prod` and `prod-too` (one
/// account), `staging`, `sandbox` (a role in the third account), `sso-dev` (an SSO profile
/// never logged in) and `nocreds`; rekog's config narrows the regions to two.
fn home(url: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let config = format!(
        "[profile prod]\nregion = us-east-1\nendpoint_url = {url}\n\n\
         [profile prod-too]\nregion = us-east-1\nendpoint_url = {url}\n\n\
         [profile staging]\nregion = us-east-1\nendpoint_url = {url}\n\n\
         [profile sandbox]\nregion = us-east-1\nendpoint_url = {url}\n\
         role_arn = arn:aws:iam::333333333333:role/Auditor\nsource_profile = prod\n\n\
         [profile sso-dev]\nregion = us-east-1\nendpoint_url = {url}\n\
         sso_start_url = https://example.awsapps.com/start\nsso_region = us-east-1\n\
         sso_account_id = 222222222222\nsso_role_name = ReadOnly\n\n\
         [profile nocreds]\nregion = us-east-1\n"
    );
    std::fs::write(home.path().join("aws-config"), config).unwrap();
    let credentials = format!(
        "[prod]\naws_access_key_id = {PROD_KEY}\naws_secret_access_key = x\n\n\
         [prod-too]\naws_access_key_id = AKIDUNLISTEDKEY00001\naws_secret_access_key = x\n\n\
         [staging]\naws_access_key_id = {STAGE_KEY}\naws_secret_access_key = x\n"
    );
    std::fs::write(home.path().join("aws-credentials"), credentials).unwrap();
    let rekog = home.path().join("config/rekog");
    std::fs::create_dir_all(&rekog).unwrap();
    std::fs::write(
        rekog.join("config.toml"),
        "regions = [\"us-east-1\", \"eu-west-1\"]\n",
    )
    .unwrap();
    home
}

fn inventory(home: &Path, args: &[&str]) -> Output {
    rekog(home, &[&["inventory"][..], args].concat())
}

/// `rekog ARGS`, in `home`.
fn rekog(home: &Path, args: &[&str]) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(home)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("NO_PROXY", "127.0.0.1,localhost")
        .env("USER", "tester")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-credentials"))
        .stdin(Stdio::null())
        .output()
        .expect("rekog runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{out:?}");
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `(account, region, collection, faces)` of the records that answered.
fn collections(records: &[Value]) -> Vec<(String, String, String, u64)> {
    records
        .iter()
        .filter(|r| r["status"] == "ok")
        .map(|r| {
            (
                r["account"].as_str().unwrap().to_owned(),
                r["region"].as_str().unwrap().to_owned(),
                r["collection_id"].as_str().unwrap().to_owned(),
                r["faces"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, &str, &str, u64)]) -> Vec<(String, String, String, u64)> {
    rows.iter()
        .map(|(a, r, c, f)| ((*a).into(), (*r).into(), (*c).into(), *f))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_reaching_one_account_count_it_once_and_the_unreachable_say_why() {
    let handle = start().await;
    let home = home(&handle.endpoint());
    let profiles = "prod,prod-too,staging,sandbox,sso-dev,nocreds";
    let args = ["--profiles", profiles, "--all-regions", "--format", "jsonl"];
    let out = inventory(home.path(), &args);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let records = lines(&out);
    assert_eq!(
        collections(&records),
        owned(&[
            ("111111111111", "eu-west-1", "badges", 3),
            ("222222222222", "eu-west-1", "badges", 1),
            ("222222222222", "us-east-1", "lobby", 2),
            ("333333333333", "us-east-1", "kiosk", 0),
        ])
    );
    let prod = records
        .iter()
        .find(|r| r["account"] == "111111111111")
        .unwrap();
    assert_eq!(prod["profile"], "prod,prod-too", "counted once, both named");
    assert_eq!(
        prod["arn"],
        "arn:aws:rekognition:eu-west-1:111111111111:collection/badges"
    );
    let status = |profile: &str| {
        records
            .iter()
            .find(|r| r["profile"] == profile)
            .map(|r| r["status"].as_str().unwrap().to_owned())
    };
    assert_eq!(
        status("sso-dev").as_deref(),
        Some("sso login needed: aws sso login --profile sso-dev")
    );
    assert_eq!(status("nocreds").as_deref(), Some("no credentials"));
    let err = stderr(&out);
    assert!(err.contains("profile nocreds: no credentials"), "{err}");
    assert!(
        err.contains("4 collections, 6 faces, 0 users in 3 accounts"),
        "{err}"
    );
}

/// A profile that holds only keys and an endpoint is counted from the region the command
/// has without it (here the default profile's), as the TUI's fleet does.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_without_a_region_is_counted_in_the_commands_region() {
    let handle = start().await;
    let home = home(&handle.endpoint());
    let config = home.path().join("aws-config");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "\n[default]\nregion = eu-west-1\n\n[profile keys]\nendpoint_url = {}\n",
        handle.endpoint()
    ));
    std::fs::write(&config, text).unwrap();
    let credentials = home.path().join("aws-credentials");
    let mut text = std::fs::read_to_string(&credentials).unwrap();
    text.push_str(&format!(
        "\n[keys]\naws_access_key_id = {STAGE_KEY}\naws_secret_access_key = x\n"
    ));
    std::fs::write(&credentials, text).unwrap();
    let out = inventory(home.path(), &["--profiles", "keys", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        collections(&lines(&out)),
        owned(&[("222222222222", "eu-west-1", "badges", 1)])
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organization_is_counted_and_a_member_without_the_role_is_denied() {
    let handle = start().await;
    let home = home(&handle.endpoint());
    let out = inventory(
        home.path(),
        &[
            "--profile",
            "prod",
            "--org",
            "OrganizationAccountAccessRole",
            "--all-regions",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("account,account_name,profile,region,collection_id,arn"));
    assert!(
        rows.iter().any(|r| r.starts_with(
            "222222222222,staging,prod,us-east-1,lobby,\
             arn:aws:rekognition:us-east-1:222222222222:collection/lobby,2,0,7.0,"
        )),
        "{csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("111111111111,prod,prod,eu-west-1,badges,")),
        "the management account with its own credentials: {csv}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("333333333333,sandbox,prod,,")
                && r.ends_with("denied: sts:AssumeRole")),
        "{csv}"
    );
    assert!(
        !csv.contains("555555555555"),
        "a suspended account is left out"
    );
    let err = stderr(&out);
    assert!(
        err.contains("account 333333333333 (sandbox): denied: sts:AssumeRole"),
        "{err}"
    );
    // 26 ACTIVE accounts, of which the sandbox is not reached.
    assert!(err.contains("in 25 accounts"), "{err}");

    // A member account may not list the organization: exit 2 before counting anything.
    let out = inventory(home.path(), &["--profile", "staging", "--org", "Any"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("organizations:ListAccounts is denied to account 222222222222"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_to_a_private_file_and_usage_errors() {
    let handle = start().await;
    let home = home(&handle.endpoint());
    let file = home.path().join("out/inventory.json");
    let out = inventory(
        home.path(),
        &[
            "--profile",
            "staging",
            "--all-regions",
            "--format",
            "json",
            "--out",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("2 collections, 3 faces, 0 users in 1 account; written to"),
        "{err}"
    );
    let records: Vec<Value> = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        collections(&records),
        owned(&[
            ("222222222222", "eu-west-1", "badges", 1),
            ("222222222222", "us-east-1", "lobby", 2),
        ])
    );
    assert_eq!(records[0]["profile"], "staging");
    assert!(records[0]["age_days"].as_i64().unwrap() >= 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let out = inventory(home.path(), &["--profiles", "prod,nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no profile named \"nosuch\""), "{err}");
    assert!(err.contains("prod, prod-too, sandbox"), "{err}");
    // One --profile the files do not hold: named, not left to fail on a region or an
    // endpoint the SDK would go on without.
    let out = inventory(home.path(), &["--profile", "nosuch"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no profile named \"nosuch\""), "{err}");
    assert!(err.contains("prod, prod-too, sandbox"), "{err}");
    // Before the subcommand, as the manual writes the organization's inventory, a flag is
    // the subcommand's: staging's collections, not those of the default chain.
    let out = rekog(
        home.path(),
        &["--profile", "staging", "inventory", "--format", "jsonl"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let accounts: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["account"].to_string())
        .collect();
    assert_eq!(accounts, ["\"222222222222\""], "{}", stderr(&out));
    // `--out -` is standard output, not a file named `-`.
    let out = inventory(
        home.path(),
        &["--profile", "staging", "--format", "jsonl", "--out", "-"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(!home.path().join("-").exists());
    // A directory for --out is refused before any call, with the endpoint unreachable.
    let dir = home.path().join("out");
    let args = [
        "--profile",
        "staging",
        "--out",
        dir.to_str().unwrap(),
        "--endpoint-url",
        "http://127.0.0.1:9",
    ];
    let out = inventory(home.path(), &args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("is a directory; name a file in it"), "{err}");
    assert!(!err.contains("127.0.0.1:9"), "no call was made: {err}");
    for bad in ["0", "257", "x"] {
        let out = inventory(home.path(), &["--fleet-concurrency", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        assert!(stderr(&out).contains("1 to 256"), "{}", stderr(&out));
    }
}

/// Under a DescribeCollection quota far below what the inventory would send, every
/// collection is still described: each (account, region) paces itself and waits out the
/// throttles instead of recording them as failures.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttled_inventory_paces_itself_and_describes_every_collection() {
    let rows: Vec<String> = (0..40)
        .map(|i| format!(r#"{{"id":"c-{i:02}","faces":{}}}"#, i % 3))
        .collect();
    let seed = format!(r#"{{"collections":[{}]}}"#, rows.join(","));
    let handle = rekog::emulator::serve(rekog::emulator::ServeConfig {
        seed: Some(rekog::emulator::Seed::parse("test", &seed).unwrap()),
        quotas: vec!["DescribeCollection=5".parse().unwrap()],
        ..rekog::emulator::ServeConfig::default()
    })
    .await
    .unwrap();
    let home = home(&handle.endpoint());
    let out = inventory(
        home.path(),
        &[
            "--profile",
            "prod",
            "--region",
            "us-east-1",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = lines(&out);
    assert_eq!(records.len(), 40, "{}", stderr(&out));
    assert!(records.iter().all(|r| r["status"] == "ok"), "{records:?}");
    let faces: u64 = records.iter().map(|r| r["faces"].as_u64().unwrap()).sum();
    assert_eq!(faces, (0..40).map(|i| i % 3).sum::<u64>());
}
