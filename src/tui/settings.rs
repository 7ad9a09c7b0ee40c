//! The settings a session runs with: config.toml for the profile, then the flags on top.

use crate::app::fleet::Scope;
use crate::app::settings::Settings;
use crate::caps::{Caps, CharsetChoice, Choices, Origin};
use crate::cli::TuiArgs;
use crate::config::Config;
use crate::inventory::cli::{Refused, profile_names};
use crate::protect::Protect;

/// Loads the config file and folds it and the flags into `args.read_only`, the settings
/// state and what the terminal gets. An error names the file, line and problem (or the bad
/// `--protect` pattern).
pub fn resolve(args: &mut TuiArgs) -> Result<(Settings, Caps), String> {
    let config = Config::load_default().map_err(|e| format!("config error: {e}"))?;
    let caps = Caps::from_env(choices(&config, args));
    Ok((resolve_with(&config, args)?, caps))
}

/// The terminal's choices: a flag wins over the config file.
pub fn choices(config: &Config, args: &TuiArgs) -> Choices {
    let file = config.terminal;
    let charset = match args.ascii {
        true => Some((CharsetChoice::Ascii, Origin::Flag)),
        false => file.charset.map(|c| (c, Origin::Config)),
    };
    let color = match args.color {
        Some(c) => Some((c, Origin::Flag)),
        None => file.color.map(|c| (c, Origin::Config)),
    };
    Choices {
        charset,
        color,
        theme: args.theme.or(file.theme),
    }
}

pub fn resolve_with(config: &Config, args: &mut TuiArgs) -> Result<Settings, String> {
    let env_profile = std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty());
    let profile = if args.demo {
        None
    } else {
        args.connect.profile.clone().or(env_profile)
    };
    if let Some(name) = &profile
        && config.path.is_some()
        && !config.profiles().any(|p| p == name)
    {
        tracing::debug!("no [profiles.{name}] table in the config; using its top level");
    }
    let settings = config.effective(profile.as_deref());
    args.read_only |= settings.read_only;
    let mut rules = settings.protect;
    rules.extend(args.protect.iter().cloned());
    let protect = Protect::new(&rules).map_err(|e| format!("--protect: {e}"))?;
    let (fleet_scope, fleet_wide) = fleet_scope(config, args)?;
    Ok(Settings {
        protect,
        manifest: settings.manifest && !args.no_manifest,
        mask: args.mask,
        regions: settings.regions,
        all_regions: args.all_regions,
        ticket: args.ticket.clone(),
        fleet_scope,
        fleet_wide,
        fleet_concurrency: args.fleet.fleet_concurrency,
        ..Settings::default()
    })
}

/// What `a` widens the fleet to, and whether the flags start there: `--org` (or config
/// `org_role`), `--profiles`, `--all-profiles` (config `fleet_profiles`, else every
/// profile); the demo's organization under `--demo`. A profile that does not exist is an
/// error naming the known ones.
fn fleet_scope(config: &Config, args: &TuiArgs) -> Result<(Option<Scope>, bool), String> {
    let flags = &args.fleet;
    let asked = flags.org.is_some() || flags.all_profiles || !flags.profiles.is_empty();
    if let Some(role) = flags.org.clone().or_else(|| config.fleet.org_role.clone()) {
        return Ok((Some(Scope::Org(role)), flags.org.is_some()));
    }
    if args.demo {
        return Ok((Some(Scope::Org(DEMO_ORG_ROLE.into())), asked));
    }
    let names = profile_names(flags, config).map_err(|Refused(why)| why)?;
    if !names.is_empty() {
        return Ok((Some(Scope::Profiles(names)), true));
    }
    let listed = config.fleet.profiles.clone().map(Scope::Profiles);
    Ok((listed, false))
}

/// The role of the demo organization's member accounts.
const DEMO_ORG_ROLE: &str = "OrganizationAccountAccessRole";

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::Parser;

    use super::*;
    use crate::cli::Cli;

    fn args(flags: &[&str]) -> TuiArgs {
        let mut argv = vec!["rekog"];
        argv.extend_from_slice(flags);
        Cli::parse_from(argv).tui
    }

    const FILE: &str = r#"
protect = ["prod-*"]
[profiles.live]
read_only = true
manifest = false
"#;

    #[test]
    fn flags_add_to_the_config_for_the_profile() {
        let config = Config::parse(Path::new("config.toml"), FILE).unwrap();
        let mut a = args(&["--profile", "live", "--protect", "keep-?"]);
        let records = resolve_with(&config, &mut a).unwrap();
        assert!(a.read_only, "the profile's table makes it read-only");
        assert!(!records.manifest);
        assert_eq!(records.protected_by("prod-eu"), Some("prod-*"));
        assert_eq!(records.protected_by("keep-1"), Some("keep-?"));
        assert_eq!(records.protected_by("dev"), None);

        let mut b = args(&["--profile", "dev", "--no-manifest"]);
        let records = resolve_with(&config, &mut b).unwrap();
        assert!(!b.read_only);
        assert!(!records.manifest, "--no-manifest wins over the default");
        let records = resolve_with(&config, &mut args(&["--profile", "dev"])).unwrap();
        assert!(records.manifest);
    }

    #[test]
    fn a_bad_protect_flag_is_an_error() {
        let err = resolve_with(&Config::default(), &mut args(&["--protect", "[x"])).unwrap_err();
        assert!(
            err.contains("--protect") && err.contains("never closed"),
            "{err}"
        );
    }
}
