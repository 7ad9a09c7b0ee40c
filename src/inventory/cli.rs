//! `rekog inventory`: every collection of one profile, several profiles or an
//! organization, in one region or all, as CSV, JSON or JSON Lines. Progress and totals go to
//! stderr. Exit 0 when every account and region answered, 1 when some did not (each named
//! on stderr and marked in the output), 2 on a usage or connection error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::gather::{self, DEFAULT_CONCURRENCY, Walk};
use super::{Format, Record};
use crate::aws::accounts::{self, Reached};
use crate::aws::{self, profiles};
use crate::cli::ConnectArgs;

#[derive(Debug, Clone, Args)]
pub struct InventoryArgs {
    #[command(flatten)]
    pub connect: ConnectArgs,
    #[command(flatten)]
    pub scope: ScopeArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Csv)]
    pub format: Format,
    /// Write to FILE (created with mode 0600) instead of stdout (`-` is stdout).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// Which accounts and regions.
#[derive(Debug, Clone, Default, Args)]
pub struct ScopeArgs {
    /// Every region of the list (config `regions`, else every Rekognition region of each
    /// account's partition) instead of the profile's own.
    #[arg(long)]
    pub all_regions: bool,
    #[command(flatten)]
    pub fleet: FleetArgs,
}

impl std::ops::Deref for ScopeArgs {
    type Target = FleetArgs;

    fn deref(&self) -> &FleetArgs {
        &self.fleet
    }
}

/// Which accounts beyond the profile: the flags the TUI's fleet and `rekog inventory` share.
#[derive(Debug, Clone, Default, Args)]
pub struct FleetArgs {
    /// Every profile (config `fleet_profiles`, else all of ~/.aws/config and credentials).
    #[arg(long, conflicts_with_all = ["profiles", "org"])]
    pub all_profiles: bool,
    /// These profiles, comma-separated.
    #[arg(
        long,
        value_name = "P,Q",
        value_delimiter = ',',
        conflicts_with = "org"
    )]
    pub profiles: Vec<String>,
    /// Every ACTIVE account of the organization, through this role in each (config
    /// `org_role`), from a profile of the management or a delegated administrator account.
    #[arg(long, value_name = "ROLE", value_parser = crate::ids::role_name)]
    pub org: Option<String>,
    /// (account, region) pairs counted at once, 1 to 256.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY,
          value_parser = concurrency)]
    pub fleet_concurrency: usize,
}

fn concurrency(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if (1..=256).contains(&n) => Ok(n),
        _ => Err(format!("{text:?} is not a number from 1 to 256")),
    }
}

pub fn run(args: InventoryArgs) -> ExitCode {
    let runtime = match crate::cli::runtime() {
        Ok(rt) => rt,
        Err(err) => {
            crate::text::errln!("rekog: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run_async(args))
}

/// A failure before anything was counted: the message, for exit status 2.
pub struct Refused(pub String);

/// The accounts to walk and the records of those that could not be reached.
pub struct Plan {
    pub walks: Vec<Walk>,
    pub unreached: Vec<Record>,
}

/// Which profiles `scope` names, checked against those the files hold.
pub fn profile_names(
    scope: &FleetArgs,
    config: &crate::config::Config,
) -> Result<Vec<String>, Refused> {
    let known: Vec<String> = profiles::load().into_iter().map(|p| p.name).collect();
    let asked: Vec<String> = if !scope.profiles.is_empty() {
        scope.profiles.clone()
    } else if scope.all_profiles {
        match &config.fleet.profiles {
            Some(listed) => listed.clone(),
            None => known.clone(),
        }
    } else {
        return Ok(Vec::new());
    };
    if let Some(unknown) = asked.iter().find(|p| !known.contains(p)) {
        return Err(Refused(format!(
            "no profile named {unknown:?}; the profiles are: {}",
            if known.is_empty() {
                "(none)".to_owned()
            } else {
                known.join(", ")
            }
        )));
    }
    if asked.is_empty() {
        return Err(Refused(
            "--all-profiles: no profile in the AWS config or credentials files".into(),
        ));
    }
    Ok(asked)
}

/// Reaches the accounts `scope` asks for from `target`: its profile alone, each named
/// profile (two reaching one account count once), or every member of the organization.
pub async fn plan(
    target: &aws::Target,
    scope: &ScopeArgs,
    config: &crate::config::Config,
) -> Result<Plan, Refused> {
    let names = profile_names(scope, config)?;
    let org_role = scope.org.clone();
    let regions = |reached: &Reached| -> Vec<String> {
        if scope.all_regions {
            let only = config.effective(reached.profile.as_deref()).regions;
            aws::regions::offered(only.as_deref(), Some(&reached.loaded.region))
                .into_iter()
                .map(|(code, _)| code)
                .collect()
        } else {
            vec![reached.loaded.region.clone()]
        }
    };
    if let Some(role) = org_role {
        let base = accounts::through_profile(target)
            .await
            .map_err(|why| Refused(format!("--org: the base profile: {why}")))?;
        let members = accounts::members(&base)
            .await
            .map_err(|why| Refused(why.to_string()))?;
        return Ok(organization(base, members, &role, scope, &regions).await);
    }
    if names.is_empty() {
        let reached = accounts::through_profile(target)
            .await
            .map_err(|why| Refused(why.to_string()))?;
        let profiles = reached.profile.iter().cloned().collect();
        let regions = regions(&reached);
        return Ok(Plan {
            walks: vec![Walk {
                reached,
                profiles,
                regions,
            }],
            unreached: Vec::new(),
        });
    }
    // A profile without a region of its own (one that only holds keys, or an SSO start)
    // is reached from the region the command has without it, as the TUI's fleet reaches
    // every profile from its session's region.
    let own = aws::resolve_region(target).await;
    let mut tasks = tokio::task::JoinSet::new();
    for (i, name) in names.iter().enumerate() {
        let mut target = aws::Target {
            profile: Some(name.clone()),
            ..target.clone()
        };
        let own = own.clone();
        tasks.spawn(async move {
            // Resolved here once; loading the profile then takes it as given.
            target.region = aws::resolve_region(&target).await.or(own);
            (i, accounts::through_profile(&target).await)
        });
    }
    let mut results = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        if let Ok(result) = joined {
            results.push(result);
        }
    }
    // In the order the profiles were named, so that the first to reach an account is the
    // one used, and the others are shown beside it.
    results.sort_by_key(|(i, _)| *i);
    let mut walks: Vec<Walk> = Vec::new();
    let mut unreached = Vec::new();
    for (i, result) in results {
        let name = &names[i];
        match result {
            Ok(reached) => match walks
                .iter_mut()
                .find(|w| w.reached.account == reached.account)
            {
                Some(walk) => walk.profiles.push(name.clone()),
                None => {
                    let regions = regions(&reached);
                    walks.push(Walk {
                        reached,
                        profiles: vec![name.clone()],
                        regions,
                    });
                }
            },
            Err(why) => unreached.push(gather::unreached(None, None, Some(name), &why)),
        }
    }
    Ok(Plan { walks, unreached })
}

/// Every member through `role`, assumed from `base`; the base's own account with its own
/// credentials (the management account has no organization role of its own).
async fn organization(
    base: Reached,
    members: Vec<accounts::Member>,
    role: &str,
    scope: &ScopeArgs,
    regions: &dyn Fn(&Reached) -> Vec<String>,
) -> Plan {
    let base = std::sync::Arc::new(base);
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(scope.fleet_concurrency));
    let mut tasks = tokio::task::JoinSet::new();
    for (i, member) in members.iter().cloned().enumerate() {
        let (base, role, permits) = (
            std::sync::Arc::clone(&base),
            role.to_owned(),
            std::sync::Arc::clone(&permits),
        );
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let result = if member.id == base.account {
                let mut own = (*base).clone();
                own.name = member.name.clone();
                Ok(own)
            } else {
                accounts::assume(&base, &member, &role).await
            };
            (i, result)
        });
    }
    let mut results = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        if let Ok(result) = joined {
            results.push(result);
        }
    }
    results.sort_by_key(|(i, _)| *i);
    let mut plan = Plan {
        walks: Vec::new(),
        unreached: Vec::new(),
    };
    for (i, result) in results {
        let member = &members[i];
        match result {
            Ok(reached) => {
                let regions = regions(&reached);
                let profiles = reached.profile.iter().cloned().collect();
                plan.walks.push(Walk {
                    reached,
                    profiles,
                    regions,
                });
            }
            Err(why) => plan.unreached.push(gather::unreached(
                Some(&member.id),
                member.name.as_deref(),
                base.profile.as_deref(),
                &why,
            )),
        }
    }
    plan
}

async fn run_async(mut args: InventoryArgs) -> ExitCode {
    args.out = args.out.filter(|out| !crate::paths::is_stdout(out));
    let config = match crate::config::Config::load_default() {
        Ok(config) => config,
        Err(err) => {
            crate::text::errln!("rekog: {err}");
            return ExitCode::from(2);
        }
    };
    // Known before any call: a walk of an organization takes minutes to find it out.
    if let Some(out) = args.out.as_ref().filter(|out| out.is_dir()) {
        crate::text::errln!(
            "rekog inventory: --out {} is a directory; name a file in it",
            out.display()
        );
        return ExitCode::from(2);
    }
    let mut scope = args.scope.clone();
    if scope.org.is_none() && !scope.all_profiles && scope.profiles.is_empty() {
        scope.fleet.org.clone_from(&config.fleet.org_role);
    }
    let target = aws::Target {
        read_only: true,
        ..args.connect.target()
    };
    let plan = match plan(&target, &scope, &config).await {
        Ok(plan) => plan,
        Err(Refused(why)) => {
            crate::text::errln!("rekog inventory: {why}");
            return ExitCode::from(2);
        }
    };
    let reached = plan.walks.len();
    for record in &plan.unreached {
        crate::text::errln!("rekog inventory: {}: {}", who(record), record.status);
    }
    let mut line = crate::text::ProgressLine::new();
    let now = crate::time::wall_secs();
    let budget = target.timeout;
    let mut walked = gather::walk(plan.walks, scope.fleet_concurrency, budget, now, |done| {
        for failed in done.records.iter().filter(|r| !r.answered()) {
            line.note(&format!(
                "rekog inventory: {}: {}",
                who(failed),
                failed.status
            ));
        }
        line.show(format!(
            "rekog inventory: {}/{} account-regions counted",
            done.finished, done.total
        ));
    })
    .await;
    line.done();
    let mut records = plan.unreached;
    records.append(&mut walked);
    gather::sort(&mut records);
    let written = match &args.out {
        Some(path) => super::write_file(&records, args.format, path),
        None => {
            let mut out = Vec::new();
            super::write(&records, args.format, &mut out)
                .and_then(|()| std::io::stdout().lock().write_all(&out))
        }
    };
    if let Err(err) = written {
        let to = args
            .out
            .as_ref()
            .map_or("stdout".into(), |p| p.display().to_string());
        crate::text::errln!("rekog inventory: cannot write the inventory to {to}: {err}");
        return ExitCode::from(2);
    }
    let ok: Vec<&Record> = records.iter().filter(|r| r.answered()).collect();
    let failed = records.len() - ok.len();
    let count = crate::text::count;
    crate::text::errln!(
        "rekog inventory: {}, {}, {} in {}{}{}",
        count(ok.len() as u64, "collection", "collections"),
        count(ok.iter().filter_map(|r| r.faces).sum(), "face", "faces"),
        count(ok.iter().filter_map(|r| r.users).sum(), "user", "users"),
        count(reached as u64, "account", "accounts"),
        if failed > 0 {
            format!("; {failed} did not answer")
        } else {
            String::new()
        },
        args.out
            .as_ref()
            .map(|p| format!("; written to {}", p.display()))
            .unwrap_or_default(),
    );
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// How stderr names the account and region of a record.
fn who(record: &Record) -> String {
    let mut parts = Vec::new();
    if !record.account.is_empty() {
        parts.push(match &record.account_name {
            Some(name) => format!("account {} ({name})", record.account),
            None => format!("account {}", record.account),
        });
    }
    if let Some(profile) = &record.profile
        && record.account.is_empty()
    {
        parts.push(format!("profile {profile}"));
    }
    if !record.region.is_empty() {
        parts.push(record.region.clone());
    }
    if let Some(id) = &record.collection_id {
        parts.push(format!("collection {id}"));
    }
    parts.join(", ")
}
