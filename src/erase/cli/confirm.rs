//! What stands between `rekog erase` and the erasure: read-only mode and protection rules
//! (the config file's, as the TUI reads them, and the flags), then the typed collection ID.

use std::io::{BufRead, IsTerminal, Write};

use super::EraseArgs;
use crate::config::Config;
use crate::protect::Protect;

/// Why an erasure of `args.collection` is refused, if it is; `Err` for settings that cannot
/// be used (a config error, a bad `--protect` pattern).
pub(super) fn refusal(args: &EraseArgs) -> Result<(Option<String>, Protect), String> {
    let config = Config::load_default().map_err(|e| format!("config error: {e}"))?;
    Ok((refusal_with(&config, args)?, protect_with(&config, args)?))
}

/// The protect rules for `args`: the config's (for the profile) and `--protect`'s.
fn protect_with(config: &Config, args: &EraseArgs) -> Result<Protect, String> {
    let env_profile = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
    let profile = args.connect.profile.clone().or(env_profile);
    let mut rules = config.effective(profile.as_deref()).protect;
    rules.extend(args.protect.iter().cloned());
    Protect::new(&rules).map_err(|e| format!("--protect: {e}"))
}

pub(super) fn refusal_with(config: &Config, args: &EraseArgs) -> Result<Option<String>, String> {
    let env_profile = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
    let profile = args.connect.profile.clone().or(env_profile);
    let protect = protect_with(config, args)?;
    let Some(id) = args.collection.as_ref() else {
        return Ok(None);
    };
    if args.read_only {
        return Ok(Some(
            "erase refused: rekog is read-only (--read-only or REKOG_READ_ONLY)".into(),
        ));
    }
    if let Some(why) = config.read_only_reason(profile.as_deref()) {
        return Ok(Some(format!("erase refused: rekog is read-only ({why})")));
    }
    // A protected collection keeps its faces too, as in the TUI.
    Ok(protect
        .matching_rule(id)
        .map(|rule| format!("erase refused: collection {id} is protected by the rule {rule:?}")))
}

/// Whether the operator confirmed erasing `faces` faces and `users` users: `--confirm`
/// with the collection ID, or the ID typed at the terminal. `Err` says why not.
pub(super) fn confirmed(args: &EraseArgs, faces: usize, users: usize) -> Result<(), String> {
    let Some(id) = args.collection.as_ref() else {
        return Err("no collection to confirm".into());
    };
    if let Some(given) = &args.confirm {
        return matches(id, given, "--confirm");
    }
    let stdin = std::io::stdin();
    // A pipe could answer a question it never saw: only a person at a terminal may.
    if !stdin.is_terminal() {
        return Err(format!(
            "stdin is not a terminal, so the collection ID cannot be typed; pass --confirm {id}"
        ));
    }
    let mut err = std::io::stderr();
    let _ = write!(err, "{}", prompt(faces, users));
    let _ = err.flush();
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the confirmation: {e}"))?;
    let typed = line.strip_suffix('\n').unwrap_or(&line);
    let typed = typed.strip_suffix('\r').unwrap_or(typed);
    matches(id, typed, "the typed ID")
}

fn prompt(faces: usize, users: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "Type the collection ID to erase {} and {}: ",
        plural(faces, "face", "faces"),
        plural(users, "user", "users")
    )
}

fn matches(id: &str, given: &str, what: &str) -> Result<(), String> {
    if given == id {
        Ok(())
    } else {
        Err(format!(
            "{what} {:?} is not the collection ID {id}",
            crate::text::sanitize(given)
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Cmd};

    fn args(flags: &[&str]) -> EraseArgs {
        let mut argv = vec!["rekog", "erase"];
        argv.extend_from_slice(flags);
        match Cli::parse_from(argv).command {
            Some(Cmd::Erase(args)) => args,
            other => panic!("not erase: {other:?}"),
        }
    }

    #[test]
    fn read_only_and_protection_come_from_the_config_and_the_flags() {
        let config = Config::parse(
            Path::new("/c/config.toml"),
            "protect = [\"prod-*\"]\n[profiles.live]\nread_only = true\n",
        )
        .unwrap();
        let refused = |flags: &[&str]| refusal_with(&config, &args(flags)).unwrap();
        let prod = refused(&["prod-1", "--user", "u", "--profile", "dev"]).unwrap();
        assert!(prod.contains("protected by the rule \"prod-*\""), "{prod}");
        let keep = refused(&[
            "keep-1",
            "--user",
            "u",
            "--profile",
            "dev",
            "--protect",
            "keep-?",
        ])
        .unwrap();
        assert!(keep.contains("\"keep-?\""), "{keep}");
        let live = refused(&["dev-1", "--user", "u", "--profile", "live"]).unwrap();
        assert!(live.contains("read_only in /c/config.toml"), "{live}");
        let flag = refused(&["dev-1", "--user", "u", "--read-only"]).unwrap();
        assert!(flag.contains("--read-only"), "{flag}");
        assert_eq!(refused(&["dev-1", "--user", "u", "--profile", "dev"]), None);
        let bad = refusal_with(&config, &args(&["x", "--user", "u", "--protect", "[x"]));
        assert!(bad.unwrap_err().contains("--protect"));
    }

    #[test]
    fn confirm_must_be_the_collection_id_exactly() {
        let with =
            |given: &str| confirmed(&args(&["faces", "--user", "u", "--confirm", given]), 1, 1);
        assert_eq!(with("faces"), Ok(()));
        for wrong in ["Faces", "faces ", "face", ""] {
            let why = with(wrong).unwrap_err();
            assert!(why.contains("is not the collection ID faces"), "{why}");
        }
        assert_eq!(
            prompt(1, 0),
            "Type the collection ID to erase 1 face and 0 users: "
        );
    }
}
