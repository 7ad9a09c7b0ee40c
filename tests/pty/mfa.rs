//! A role profile protected by MFA: rekog asks for the code on the terminal before the TUI
//! starts, with the input hidden, tells a refused code in STS's words, and keeps the
//! temporary credentials for the next start; without `--endpoint-url`, AssumeRole goes where
//! the config file or `AWS_ENDPOINT_URL_STS` says.

use std::path::Path;

use crate::pty::{Server, Tui};

const CODE: &str = "246802";

fn config(home: &Path) -> String {
    config_of(home, "123456789012", "123456789012")
}

/// Profile `base` with keys, and `admin`, a role of `role_account` assumed from it with
/// the MFA device of `device_account`.
fn config_of(home: &Path, role_account: &str, device_account: &str) -> String {
    let path = home.join("aws-config");
    std::fs::write(
        &path,
        format!(
            "[profile base]\n\
             aws_access_key_id = AKIDMFABASE000000000\n\
             aws_secret_access_key = base-secret\n\
             region = us-east-1\n\
             \n\
             [profile admin]\n\
             role_arn = arn:aws:iam::{role_account}:role/Admin\n\
             source_profile = base\n\
             mfa_serial = arn:aws:iam::{device_account}:mfa/operator\n\
             region = us-east-1\n"
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

/// The environment of a TUI that reads only `config`: no credentials file, no IMDS.
fn env_of(config: &str) -> [(&'static str, &str); 3] {
    [
        ("AWS_CONFIG_FILE", config),
        ("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
    ]
}

fn start(server: &Server, home: &Path, config: &str, extra: &[&str]) -> Tui {
    let mut args = vec!["--profile", "admin", "--endpoint-url", &server.endpoint];
    args.extend_from_slice(extra);
    let env = env_of(config);
    Tui::spawn(&args, &env, home, (100, 30))
}

#[test]
fn a_wrong_code_is_refused_then_the_right_one_opens_and_the_next_start_asks_nothing() {
    let home = tempfile::tempdir().unwrap();
    let config = config(home.path());
    let seed = crate::e2e::seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--mfa-code", CODE]);

    let mut tui = start(&server, home.path(), &config, &[]);
    tui.wait_for("MFA code for profile admin (arn:aws:iam::123456789012:mfa/operator)");
    // Checked before anything is sent.
    tui.type_keys("12345\r");
    tui.wait_for("the MFA code is 6 digits");
    tui.type_keys("000000\r");
    tui.wait_for("STS refused the code: MultiFactorAuthentication failed");
    tui.type_keys(&format!("{CODE}\r"));
    tui.wait_for("Collections (3)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
    let shown = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    assert!(
        !shown.contains("000000") && !shown.contains(CODE),
        "a typed code was echoed"
    );

    // Within the credentials' hour, the next start asks nothing.
    let mut again = start(&server, home.path(), &config, &[]);
    again.wait_for("Collections (3)");
    assert!(!again.screen().contains("MFA code"));
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
    assert_eq!(
        cached(home.path()),
        (1, 1),
        "the role and its device's session"
    );

    // --no-cache asks again.
    let mut fresh = start(&server, home.path(), &config, &["--no-cache"]);
    fresh.wait_for("MFA code for profile admin");
    fresh.type_keys(&format!("{CODE}\r"));
    fresh.wait_for("Collections (3)");
    fresh.send("q");
    assert_eq!(fresh.wait_exit(), 0);

    // So does a switch to the role inside the TUI, though the cache is fresh.
    let env = env_of(&config);
    let args = [
        "--profile",
        "base",
        "--no-cache",
        "--endpoint-url",
        &server.endpoint,
    ];
    let mut switching = Tui::spawn(&args, &env, home.path(), (100, 30));
    switching.wait_for("Collections (3)");
    switching.send("P");
    switching.wait_for("role with MFA");
    switching.type_keys("admin");
    switching.send("\r");
    switching.wait_for("MFA code");
    switching.send("\x1b");
    switching.wait_until("the dialog closed", |s| !s.contains("MFA code"));
    switching.send("q");
    assert_eq!(switching.wait_exit(), 0);
}

#[test]
fn three_refused_codes_end_with_a_clear_message() {
    let home = tempfile::tempdir().unwrap();
    let config = config(home.path());
    let server = Server::start(&["--mfa-code", CODE]);
    let mut tui = start(&server, home.path(), &config, &[]);
    for _ in 0..3 {
        tui.wait_for("MFA code for profile admin");
        tui.type_keys("000000\r");
    }
    tui.wait_for("STS refused 3 MFA codes for profile admin");
    assert_eq!(tui.wait_exit(), 2);
}

/// Switching inside the app to the MFA role profile: the picker lists it from the real
/// config file, the code is asked in a dialog, STS's refusal is shown, the right code
/// switches, and the header names the profile and the assumed role.
#[test]
fn switching_to_an_mfa_role_profile_asks_for_the_code_in_a_dialog() {
    let home = tempfile::tempdir().unwrap();
    let config = config(home.path());
    let seed = crate::e2e::seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--mfa-code", CODE]);
    let args = ["--profile", "base", "--endpoint-url", &server.endpoint];
    let env = env_of(&config);
    // Wide enough for the header to show the whole caller ARN.
    let mut tui = Tui::spawn(&args, &env, home.path(), (180, 30));
    tui.wait_for("Collections (3)");
    tui.send("P");
    tui.wait_for("role with MFA");
    tui.type_keys("admin");
    tui.send("\r");
    tui.wait_for("MFA code");
    tui.type_keys("000000\r");
    tui.wait_for("MultiFactorAuthentication failed");
    tui.type_keys(&format!("{CODE}\r"));
    let screen = tui.wait_until("the switch to the role", |s| {
        s.lines()
            .next()
            .is_some_and(|h| h.contains("profile admin"))
            && s.contains("assumed-role/Admin")
    });
    assert!(screen.contains("Collections (3)"), "{screen}");
    assert!(
        screen.contains("switched"),
        "the log records the switch: {screen}"
    );
    assert!(!screen.contains(CODE));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// The MFA role profile of [`config`] with `extra` lines, and `tail` after it.
fn config_with(home: &Path, extra: &str, tail: &str) -> String {
    let path = home.join("aws-config");
    let base = std::fs::read_to_string(config(home)).unwrap();
    std::fs::write(&path, format!("{base}{extra}{tail}")).unwrap();
    path.to_str().unwrap().to_owned()
}

/// No `--endpoint-url`: the role's endpoint comes from the config file (or STS's from
/// `AWS_ENDPOINT_URL_STS`), and AssumeRole and GetCallerIdentity go there, not to the
/// public STS host. The header's assumed role is the emulator's answer to both.
fn opens_without_the_flag(config: &str, env: &[(&str, &str)]) {
    let home = Path::new(config).parent().unwrap();
    let mut all = env_of(config).to_vec();
    all.extend_from_slice(env);
    let start = || Tui::spawn(&["--profile", "admin"], &all, home, (180, 30));
    let opened = |tui: &Tui| {
        tui.wait_until("the table as the assumed role", |s| {
            s.contains("Collections (3)") && s.contains("assumed-role/Admin")
        })
    };

    let mut tui = start();
    tui.wait_for("MFA code for profile admin");
    tui.type_keys(&format!("{CODE}\r"));
    opened(&tui);
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut again = start();
    let screen = opened(&again);
    assert!(!screen.contains("MFA code"), "{screen}");
    again.send("q");
    assert_eq!(again.wait_exit(), 0);
}

#[test]
fn an_mfa_role_whose_endpoint_is_only_in_the_config_file_assumes_it_there() {
    let home = tempfile::tempdir().unwrap();
    let seed = crate::e2e::seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--mfa-code", CODE]);
    let extra = format!("endpoint_url = {}\n", server.endpoint);
    opens_without_the_flag(&config_with(home.path(), &extra, ""), &[]);
}

#[test]
fn an_mfa_role_with_sts_from_the_environment_and_rekognition_from_a_services_section() {
    let home = tempfile::tempdir().unwrap();
    let seed = crate::e2e::seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--mfa-code", CODE]);
    let tail = format!(
        "\n[services private]\nrekognition =\n  endpoint_url = {}\n",
        server.endpoint
    );
    let config = config_with(home.path(), "services = private\n", &tail);
    opens_without_the_flag(&config, &[("AWS_ENDPOINT_URL_STS", &server.endpoint)]);
}

/// The fleet of two profiles, one a role in another account that wants an MFA code: its
/// line says so, Enter on it asks for the code in a dialog, and once STS takes it the fleet
/// counts that account too, without leaving the fleet; the credentials are cached.
#[test]
fn enter_on_an_account_needing_a_code_in_the_fleet_asks_for_it_and_counts_the_account() {
    let home = tempfile::tempdir().unwrap();
    let seed = home.path().join("seed.json");
    std::fs::write(
        &seed,
        r#"{"accounts": [
            {"id": "111111111111", "name": "ops", "access_keys": ["AKIDMFABASE000000000"],
             "collections": [{"id": "ops-lobby", "faces": 2}]},
            {"id": "222222222222", "name": "prod", "roles": ["Admin"],
             "collections": [{"id": "prod-badges", "faces": 7}, {"id": "prod-kiosk", "faces": 5}]}]}"#,
    )
    .unwrap();
    let config = config_of(home.path(), "222222222222", "111111111111");
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--mfa-code", CODE]);
    let mut tui = fleet_of(&server, home.path(), &config, "base,admin");
    tui.wait_for("MFA code needed: Enter to type it");
    tui.wait_for("1 account · 1/1 done");
    tui.send("G");
    tui.send("\r");
    tui.wait_for("Its role needs a code from the MFA device");
    tui.type_keys(&format!("{CODE}\r"));
    tui.wait_for("2 accounts · 2/2 done");
    let screen = tui.screen();
    assert!(screen.contains("222222222222"), "{screen}");
    assert!(!screen.contains("Enter to type it"), "{screen}");
    // Every count of both accounts: 2 + 7 + 5 faces, and still in the fleet.
    assert!(screen.contains(" Fleet "), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("all 2/2") && l.contains(" 14 ")),
        "{screen}"
    );
    tui.send("q");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
    let shown = String::from_utf8_lossy(&tui.raw_output()).into_owned();
    assert!(!shown.contains(CODE), "the typed code was echoed");
    assert_eq!(
        cached(home.path()),
        (1, 1),
        "the role and its device's session"
    );
}

/// The cached credentials under `home`: (roles, MFA devices' sessions).
fn cached(home: &Path) -> (usize, usize) {
    let cache = home.join(".cache/rekog/sts");
    let names: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let devices = names.iter().filter(|n| n.starts_with("device-")).count();
    (names.len() - devices, devices)
}

/// Two roles of two accounts behind one MFA device and one source profile: the fleet asks
/// for the code once, on either, and then counts both; STS took the device's session for
/// the second role (the emulator wants a code on every AssumeRole made without one).
#[test]
fn one_code_unlocks_every_role_of_its_device_in_the_fleet() {
    let home = tempfile::tempdir().unwrap();
    let seed = home.path().join("seed.json");
    std::fs::write(
        &seed,
        r#"{"accounts": [
            {"id": "111111111111", "name": "ops", "access_keys": ["AKIDMFABASE000000000"],
             "collections": [{"id": "ops-lobby", "faces": 2}]},
            {"id": "222222222222", "name": "prod", "roles": ["Admin"],
             "collections": [{"id": "prod-badges", "faces": 7}]},
            {"id": "333333333333", "name": "audit", "roles": ["Auditor"],
             "collections": [{"id": "audit-archive", "faces": 30}]}]}"#,
    )
    .unwrap();
    let config = home.path().join("aws-config");
    std::fs::write(
        &config,
        "[profile base]\n\
         aws_access_key_id = AKIDMFABASE000000000\n\
         aws_secret_access_key = base-secret\n\
         region = us-east-1\n\
         \n\
         [profile admin]\n\
         role_arn = arn:aws:iam::222222222222:role/Admin\n\
         source_profile = base\n\
         mfa_serial = arn:aws:iam::111111111111:mfa/operator\n\
         region = us-east-1\n\
         \n\
         [profile audit]\n\
         role_arn = arn:aws:iam::333333333333:role/Auditor\n\
         source_profile = base\n\
         mfa_serial = arn:aws:iam::111111111111:mfa/operator\n\
         region = us-east-1\n",
    )
    .unwrap();
    let server = Server::start(&["--seed", seed.to_str().unwrap(), "--mfa-code", CODE]);
    let config = config.to_str().unwrap();
    let mut tui = fleet_of(&server, home.path(), config, "base,admin,audit");
    tui.wait_for("1 account · 1/1 done");
    let screen = tui.screen();
    assert_eq!(
        screen.matches("MFA code needed: Enter to type it").count(),
        2,
        "{screen}"
    );
    // The first line of an account not reached, then its code: once.
    tui.send("G");
    tui.send("k");
    tui.send("\r");
    tui.wait_for("Its role needs a code from the MFA device");
    tui.type_keys(&format!("{CODE}\r"));
    tui.wait_for("3 accounts · 3/3 done");
    let screen = tui.screen();
    assert!(!screen.contains("Enter to type it"), "{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("all 3/3") && l.contains(" 39 ")),
        "every count: 2 + 7 + 30 faces\n{screen}"
    );
    tui.send("q");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
    assert_eq!(
        cached(home.path()),
        (2, 1),
        "both roles, one device's session"
    );
}

/// The fleet of `profiles` (its first the session's) in us-east-1 alone, at 120x30.
fn fleet_of(server: &Server, home: &Path, config: &str, profiles: &str) -> Tui {
    let rekog_config = home.join("config/rekog");
    std::fs::create_dir_all(&rekog_config).unwrap();
    std::fs::write(
        rekog_config.join("config.toml"),
        "regions = [\"us-east-1\"]\n",
    )
    .unwrap();
    let first = profiles.split(',').next().unwrap();
    let args = [
        "--profile",
        first,
        "--profiles",
        profiles,
        "--endpoint-url",
        &server.endpoint,
    ];
    let env = env_of(config);
    Tui::spawn(&args, &env, home, (120, 30))
}
