use clap::FromArgMatches;
use clap::error::ErrorKind;

use super::*;

/// The command line as `rekog` parses it and hands over what precedes the subcommand.
fn parsed(args: &[&str]) -> Result<Cli, clap::Error> {
    let matches = Cli::command()
        .try_get_matches_from(std::iter::once("rekog").chain(args.iter().copied()))?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    hand_over(&mut cli, &matches)?;
    Ok(cli)
}

fn inventory(args: &[&str]) -> crate::inventory::cli::InventoryArgs {
    match parsed(args).unwrap().command {
        Some(Cmd::Inventory(args)) => args,
        other => panic!("{other:?}"),
    }
}

fn erase(args: &[&str]) -> crate::erase::cli::EraseArgs {
    match parsed(args).unwrap().command {
        Some(Cmd::Erase(args)) => args,
        other => panic!("{other:?}"),
    }
}

#[test]
fn connection_flags_before_a_subcommand_are_its_own() {
    // As the manual writes the organization's inventory.
    let args = inventory(&["--profile", "org-admin", "inventory", "--org", "Role"]);
    assert_eq!(args.connect.profile.as_deref(), Some("org-admin"));
    let args = inventory(&[
        "--region",
        "eu-west-1",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--timeout",
        "5",
        "inventory",
    ]);
    assert_eq!(args.connect.region.as_deref(), Some("eu-west-1"));
    assert_eq!(
        args.connect.endpoint_url.as_deref(),
        Some("http://127.0.0.1:9")
    );
    assert_eq!(args.connect.timeout, 5);
    // Nothing before: the subcommand's own, and defaults, stay.
    let args = inventory(&["inventory", "--timeout", "7"]);
    assert_eq!((args.connect.profile, args.connect.timeout), (None, 7));
    // The same value on both sides is no conflict.
    let args = inventory(&["--profile", "a", "inventory", "--profile", "a"]);
    assert_eq!(args.connect.profile.as_deref(), Some("a"));
}

#[test]
fn the_fleet_flags_before_inventory_are_its_own_and_one_scope_at_most() {
    let args = inventory(&[
        "--all-regions",
        "--org",
        "Auditor",
        "--fleet-concurrency",
        "8",
        "inventory",
    ]);
    assert!(args.scope.all_regions);
    assert_eq!(args.scope.fleet.org.as_deref(), Some("Auditor"));
    assert_eq!(args.scope.fleet.fleet_concurrency, 8);
    let args = inventory(&["--profiles", "a,b", "inventory"]);
    assert_eq!(args.scope.fleet.profiles, ["a", "b"]);
    match parsed(&["--all-regions", "search", "c", "--user", "u"])
        .unwrap()
        .command
    {
        Some(Cmd::Search(args)) => assert!(args.all_regions),
        other => panic!("{other:?}"),
    }
    // clap keeps one scope to a side; across the two, the hand-over does.
    for args in [
        &["--org", "R", "inventory", "--profiles", "a"][..],
        &["--all-profiles", "inventory", "--org", "R"][..],
    ] {
        let err = parsed(args).unwrap_err();
        assert!(err.to_string().contains("are one each"), "{args:?}: {err}");
    }
}

#[test]
fn read_only_protect_and_ticket_before_erase_bind_it() {
    let args = erase(&[
        "--read-only",
        "--protect",
        "prod-*",
        "--ticket",
        "DSAR-1",
        "--profile",
        "p",
        "erase",
        "people",
        "--user",
        "u",
        "--protect",
        "hr-*",
    ]);
    assert!(args.read_only);
    assert_eq!(args.protect, ["hr-*", "prod-*"]);
    assert_eq!(args.ticket.as_deref(), Some("DSAR-1"));
    assert_eq!(args.connect.profile.as_deref(), Some("p"));
    assert!(!erase(&["erase", "people", "--user", "u"]).read_only);
}

#[test]
fn different_values_on_both_sides_are_a_usage_error() {
    for args in [
        &["--profile", "a", "inventory", "--profile", "b"][..],
        &[
            "--timeout",
            "5",
            "erase",
            "c",
            "--user",
            "u",
            "--timeout",
            "6",
        ][..],
        &[
            "--ticket", "A", "erase", "c", "--user", "u", "--ticket", "B",
        ][..],
    ] {
        let err = parsed(args).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ArgumentConflict, "{args:?}");
        assert!(
            err.to_string().contains("before and after"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn a_tui_flag_the_subcommand_does_not_take_is_refused_by_name() {
    for (args, named) in [
        (&["--mask", "inventory"][..], "--mask before `inventory`"),
        (&["--profile", "p", "audit"][..], "--profile before `audit`"),
        (&["--read-only", "serve"][..], "--read-only before `serve`"),
        (&["--demo", "inventory"][..], "--demo before `inventory`"),
        (
            &["--ascii", "--no-cache", "search", "c", "--user", "u"][..],
            "--no-cache, --ascii before `search`",
        ),
    ] {
        let err = parsed(args).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ArgumentConflict, "{args:?}");
        let text = err.to_string();
        assert!(text.contains(named), "{args:?}: {text}");
        assert!(text.contains("would be ignored"), "{text}");
    }
    // Read-only where nothing changes anyway, and --demo where the subcommand has one.
    assert!(parsed(&["--read-only", "inventory"]).is_ok());
    match parsed(&["--demo", "doctor"]).unwrap().command {
        Some(Cmd::Doctor(args)) => assert!(args.demo),
        other => panic!("{other:?}"),
    }
    // Nor beside a profile or an endpoint, on either side: the demo has its own.
    for args in [
        &["--demo", "doctor", "--profile", "p"][..],
        &["--demo", "--endpoint-url", "http://127.0.0.1:9"][..],
        &["doctor", "--demo", "--profile", "p"][..],
    ] {
        let err = parsed(args).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ArgumentConflict, "{args:?}: {err}");
    }
    // The TUI itself keeps all of them.
    let cli = parsed(&["--mask", "--profile", "p"]).unwrap();
    assert!(cli.tui.mask && cli.command.is_none());
}
