//! `rekog --demo` is an organization of three accounts: `F` then `a` counts them all, and
//! `e` writes their inventory, as an operator would see it.

use crate::pty::Tui;

#[test]
fn the_demo_organization_is_counted_and_its_inventory_written() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(&["--demo"], &[], home.path(), (120, 40));
    tui.wait_for("Collections (17)");
    tui.send("F");
    tui.wait_for("regions done");
    tui.send("a");
    // Every region of rekog's commercial partition in each of the three accounts.
    let pairs = 3 * rekog::aws::regions::offered(None, Some("us-east-1")).len();
    let screen = tui.wait_until("every account counted", |s| {
        s.contains("Fleet · organization · 3 accounts")
            && s.contains(&format!("{pairs}/{pairs} done"))
    });
    // The sandbox's rows are below the fold; its collections are in the inventory.
    for account in ["123456789012 prod", "210987654321 staging"] {
        assert!(screen.contains(account), "{account} in\n{screen}");
    }
    let all = format!("all {pairs}/{pairs}");
    assert!(
        screen.contains(&format!("{all}{:>width$}", 40, width = 47 - all.len())),
        "{screen}"
    );
    tui.send("e");
    let screen = tui.wait_for("inventory written: ");
    let dir = home.path().join("data/rekog/inventories");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "{screen}");
    let path = files[0].path();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.lines().any(|l| l.starts_with(
            "210987654321,staging,,us-east-1,badge-photos-test,\
             arn:aws:rekognition:us-east-1:210987654321:collection/badge-photos-test,2400,80,"
        )),
        "{text}"
    );
    assert!(text.contains("345678901234,sandbox,,us-west-2,face-liveness-spike,"));
    assert!(text.contains("123456789012,prod,,us-east-1,lobby-cam,"));
    // 35 + 3 + 2 collections; the regions the demo has not enabled hold nothing.
    assert_eq!(text.lines().count(), 1 + 40, "{text}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    tui.send("q");
    tui.wait_for("Collections (17)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}

/// `--org` from a member account, which may not list the organization: rekog says so, with
/// the action and the account, and exits 2 before the TUI starts; a profile `--profiles`
/// names that does not exist, and `--fleet-concurrency` out of range, are usage errors.
#[test]
fn bad_fleet_flags_stop_rekog_before_the_tui() {
    let home = tempfile::tempdir().unwrap();
    let seed = home.path().join("seed.json");
    std::fs::write(
        &seed,
        r#"{"accounts":[{"id":"111111111111","access_keys":["AKIDMGMT000000000001"]},
                        {"id":"222222222222","access_keys":["AKIDMEMBER0000000001"]}],
            "organization":{"management":"111111111111"}}"#,
    )
    .unwrap();
    let server = crate::pty::Server::start(&["--seed", seed.to_str().unwrap()]);
    let config = home.path().join("aws-config");
    std::fs::write(&config, "[profile prod]\nregion = us-east-1\n").unwrap();
    let config = config.to_str().unwrap();
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIDMEMBER0000000001"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
        ("AWS_REGION", "us-east-1"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_CONFIG_FILE", config),
    ];
    let endpoint = server.endpoint.as_str();
    let mut tui = Tui::spawn(
        &[
            "--org",
            "OrganizationAccountAccessRole",
            "--endpoint-url",
            endpoint,
        ],
        &env,
        home.path(),
        (120, 40),
    );
    assert_eq!(tui.wait_exit(), 2);
    let screen = tui.screen();
    assert!(
        screen.contains("organizations:ListAccounts is denied to account 222222222222"),
        "{screen}"
    );

    let mut tui = Tui::spawn(&["--profiles", "prod,nosuch"], &env, home.path(), (120, 40));
    assert_eq!(tui.wait_exit(), 2);
    let screen = tui.screen();
    assert!(screen.contains("no profile named \"nosuch\""), "{screen}");
    assert!(screen.contains("the profiles are: prod"), "{screen}");

    let mut tui = Tui::spawn(
        &["--fleet-concurrency", "257"],
        &env,
        home.path(),
        (120, 40),
    );
    assert_eq!(tui.wait_exit(), 2);
    assert!(tui.screen().contains("1 to 256"), "{}", tui.screen());
}
