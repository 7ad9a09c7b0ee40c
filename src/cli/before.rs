//! Flags written before a subcommand. clap reads them as the TUI's, and each subcommand
//! reads only its own: `rekog --profile prod inventory` counted the default profile's
//! account without a word, and `rekog --read-only erase` erased. A flag the subcommand also
//! takes is handed to it (given on both sides, the values must agree); any other is
//! refused as a usage error, before any call.

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory};

use super::{Cli, Cmd, ConnectArgs};

/// Hands the flags given before the subcommand to it, or says which cannot be.
pub fn hand_over(cli: &mut Cli, matches: &ArgMatches) -> Result<(), clap::Error> {
    let Some((name, sub)) = matches.subcommand() else {
        return Ok(());
    };
    let on_line = |m: &ArgMatches, id: &str| m.value_source(id) == Some(ValueSource::CommandLine);
    let given: Vec<(String, String)> = Cli::command()
        .get_arguments()
        .filter(|a| on_line(matches, a.get_id().as_str()))
        .map(|a| {
            let flag = a
                .get_long()
                .map_or_else(|| a.get_id().to_string(), |l| format!("--{l}"));
            (a.get_id().to_string(), flag)
        })
        .collect();
    let tui = cli.tui.clone();
    let Some(cmd) = cli.command.as_mut() else {
        return Ok(());
    };
    let mut refused = Vec::new();
    for (id, flag) in given {
        let twice = || format!("{flag} is given before and after `{name}`, with different values");
        // Asked only of the subcommand's own arguments: clap panics on an unknown id.
        let after = sub.ids().any(|i| i.as_str() == id) && on_line(sub, &id);
        let handed: Result<bool, String> = match (id.as_str(), &mut *cmd) {
            ("profile" | "region" | "endpoint_url" | "timeout", cmd) => match connect_of(cmd) {
                Some(connect) => {
                    hand_connect(&id, &tui.connect, connect, after).map_err(|()| twice())
                }
                None => Ok(false),
            },
            // Honoured wherever something could change; the rest change nothing anyway.
            ("read_only", Cmd::Erase(args)) => {
                args.read_only = true;
                Ok(true)
            }
            ("read_only", Cmd::Serve(_)) => Ok(false),
            ("read_only", _) => Ok(true),
            ("all_regions", Cmd::Inventory(args)) => {
                args.scope.all_regions = true;
                Ok(true)
            }
            ("all_regions", Cmd::Search(args)) => {
                args.all_regions = true;
                Ok(true)
            }
            ("all_profiles" | "profiles" | "org" | "fleet_concurrency", Cmd::Inventory(args)) => {
                hand_fleet(&id, &tui.fleet, &mut args.scope.fleet, after).map_err(|()| twice())
            }
            ("demo", Cmd::Doctor(args)) => {
                if args.connect.profile.is_some() || args.connect.endpoint_url.is_some() {
                    return Err(usage(format!(
                        "{flag} cannot be used with --profile or --endpoint-url: the demo has \
                         its own endpoint and account"
                    )));
                }
                args.demo = true;
                Ok(true)
            }
            ("protect", Cmd::Erase(args)) => {
                args.protect.extend(tui.protect.iter().cloned());
                Ok(true)
            }
            ("ticket", Cmd::Erase(args)) => {
                same(&tui.ticket, &mut args.ticket, after).map_err(|()| twice())
            }
            _ => Ok(false),
        };
        match handed {
            Ok(true) => {}
            Ok(false) => refused.push(flag),
            Err(why) => return Err(usage(why)),
        }
    }
    if let Some(Cmd::Inventory(args)) = cli.command.as_ref() {
        let fleet = &args.scope.fleet;
        let scopes = [
            fleet.all_profiles,
            !fleet.profiles.is_empty(),
            fleet.org.is_some(),
        ];
        if scopes.into_iter().filter(|&s| s).count() > 1 {
            return Err(usage(
                "--all-profiles, --profiles and --org are one each: the accounts come from \
                 one of them, before `inventory` or after it"
                    .into(),
            ));
        }
    }
    if refused.is_empty() {
        return Ok(());
    }
    let (them, are) = match refused.len() {
        1 => ("it", "is"),
        _ => ("them", "are"),
    };
    Err(usage(format!(
        "{} before `{name}` {are} the TUI's and would be ignored; `rekog {name} --help` \
         lists what {name} takes (after its name), if it takes {them}",
        refused.join(", ")
    )))
}

fn usage(message: String) -> clap::Error {
    Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message)
}

/// The connection flags of the subcommands that reach AWS.
fn connect_of(cmd: &mut Cmd) -> Option<&mut ConnectArgs> {
    match cmd {
        Cmd::Inventory(args) => Some(&mut args.connect),
        Cmd::Erase(args) => Some(&mut args.connect),
        Cmd::Manifest(args) => Some(&mut args.connect),
        Cmd::Search(args) => Some(&mut args.connect),
        Cmd::Doctor(args) => Some(&mut args.connect),
        Cmd::Serve(_) | Cmd::Audit(_) | Cmd::Manifests(_) | Cmd::Completions { .. } | Cmd::Man => {
            None
        }
    }
}

fn hand_connect(
    id: &str,
    before: &ConnectArgs,
    after: &mut ConnectArgs,
    given_after: bool,
) -> Result<bool, ()> {
    match id {
        "profile" => same(&before.profile, &mut after.profile, given_after),
        "region" => same(&before.region, &mut after.region, given_after),
        "endpoint_url" => same(&before.endpoint_url, &mut after.endpoint_url, given_after),
        "timeout" => same(&before.timeout, &mut after.timeout, given_after),
        _ => Ok(false),
    }
}

fn hand_fleet(
    id: &str,
    before: &crate::inventory::cli::FleetArgs,
    after: &mut crate::inventory::cli::FleetArgs,
    given_after: bool,
) -> Result<bool, ()> {
    match id {
        "all_profiles" => {
            after.all_profiles = true;
            Ok(true)
        }
        "profiles" => same(&before.profiles, &mut after.profiles, given_after),
        "org" => same(&before.org, &mut after.org, given_after),
        "fleet_concurrency" => same(
            &before.fleet_concurrency,
            &mut after.fleet_concurrency,
            given_after,
        ),
        _ => Ok(false),
    }
}

/// `after` takes `before`'s value, unless it was given its own, different one.
fn same<T: PartialEq + Clone>(before: &T, after: &mut T, given_after: bool) -> Result<bool, ()> {
    if given_after && after != before {
        return Err(());
    }
    after.clone_from(before);
    Ok(true)
}

#[cfg(test)]
mod tests;
