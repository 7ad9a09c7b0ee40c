//! Finding the fleet's accounts and writing its inventory: each profile's account from
//! GetCallerIdentity (two profiles reaching one account give one), or an organization's
//! members from ListAccounts with their role assumed. How a profile's configuration is
//! loaded is handed in (`Load`), so that the demo and the tests load theirs.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::app::fleet::{Account, Scope, Via};
use crate::aws::Loaded;
use crate::aws::accounts::{self, Member, Reached, Unreached};
use crate::inventory::{self, Format, gather};

/// Loads a profile's configuration (`None`: the session's own) in a region, never prompting.
pub type Load = Arc<
    dyn Fn(
            Option<String>,
            String,
        ) -> Pin<Box<dyn Future<Output = Result<Loaded, Unreached>> + Send>>
        + Send
        + Sync,
>;

/// How long each call of `e`'s inventory may wait out throttles, as `--timeout`'s default.
const EXPORT_BUDGET: std::time::Duration = std::time::Duration::from_secs(30);

/// What the fleet needs to reach accounts beyond the session's profile.
#[derive(Clone)]
pub struct Reacher {
    pub load: Load,
    /// The session's profile, from which an organization is listed.
    pub profile: Option<String>,
    /// The region the accounts are found from.
    pub region: String,
    /// AssumeRole calls, and inventory pairs, at once.
    pub concurrency: usize,
    /// Where `e` writes the inventory.
    pub dir: Option<PathBuf>,
}

impl Reacher {
    /// The accounts `scope` reaches, reached or with why not.
    pub async fn accounts(&self, scope: &Scope) -> Vec<Account> {
        match scope {
            Scope::Profile => vec![own(self.profile.clone())],
            Scope::Profiles(names) => self.profiles(names).await,
            Scope::Org(role) => self.organization(role).await,
        }
    }

    async fn reach(&self, profile: Option<String>) -> Result<Reached, Unreached> {
        let loaded = (self.load)(profile, self.region.clone()).await?;
        accounts::identify(loaded).await
    }

    async fn profiles(&self, names: &[String]) -> Vec<Account> {
        let mut tasks = JoinSet::new();
        for (i, name) in names.iter().enumerate() {
            let (this, name) = (self.clone(), name.clone());
            tasks.spawn(async move { (i, this.reach(Some(name)).await) });
        }
        let mut results = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            if let Ok(result) = joined {
                results.push(result);
            }
        }
        results.sort_by_key(|(i, _)| *i);
        let mut out: Vec<Account> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for (i, result) in results {
            let name = names[i].clone();
            match result {
                Ok(reached) => match by_id.get(&reached.account) {
                    Some(&at) => out[at].profiles.push(name),
                    None => {
                        by_id.insert(reached.account.clone(), out.len());
                        out.push(Account {
                            id: Some(reached.account),
                            name: None,
                            profiles: vec![name.clone()],
                            via: Via {
                                profile: Some(name),
                                role: None,
                            },
                            unreached: None,
                        });
                    }
                },
                Err(why) => out.push(Account {
                    id: None,
                    name: None,
                    profiles: vec![name.clone()],
                    via: Via {
                        profile: Some(name),
                        role: None,
                    },
                    unreached: Some(why.to_string()),
                }),
            }
        }
        out
    }

    async fn organization(&self, role: &str) -> Vec<Account> {
        let base = match self.reach(self.profile.clone()).await {
            Ok(base) => Arc::new(base),
            Err(why) => {
                let mut account = own(self.profile.clone());
                account.unreached = Some(why.to_string());
                return vec![account];
            }
        };
        let members = match accounts::members(&base).await {
            Ok(members) => members,
            Err(why) => {
                let mut account = own(self.profile.clone());
                account.id = Some(base.account.clone());
                account.unreached = Some(why.to_string());
                return vec![account];
            }
        };
        let permits = Arc::new(Semaphore::new(self.concurrency.max(1)));
        let mut tasks = JoinSet::new();
        for member in members {
            let (base, role, permits) = (Arc::clone(&base), role.to_owned(), Arc::clone(&permits));
            tasks.spawn(async move {
                let _permit = permits.acquire_owned().await;
                member_account(&base, member, &role).await
            });
        }
        let mut out = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            if let Ok(account) = joined {
                out.push(account);
            }
        }
        out
    }

    /// Writes the inventory of `accounts` in `regions`: its path and record count.
    pub async fn export(
        &self,
        accounts: Vec<Account>,
        regions: Vec<String>,
    ) -> Result<(PathBuf, usize), String> {
        let dir = self
            .dir
            .clone()
            .ok_or("no place for inventories: set HOME or XDG_DATA_HOME")?;
        let mut walks = Vec::new();
        let mut records = Vec::new();
        for account in accounts {
            if let Some(why) = &account.unreached {
                let mut record = gather::unreached(
                    account.id.as_deref(),
                    account.name.as_deref(),
                    account.profiles.first().map(String::as_str),
                    &Unreached::Failed(String::new()),
                );
                // The status the fleet showed, word for word.
                record.status.clone_from(why);
                records.push(record);
                continue;
            }
            let reached = match self.reached(&account).await {
                Ok(reached) => reached,
                Err(why) => {
                    records.push(gather::unreached(
                        account.id.as_deref(),
                        account.name.as_deref(),
                        account.profiles.first().map(String::as_str),
                        &why,
                    ));
                    continue;
                }
            };
            walks.push(gather::Walk {
                reached,
                profiles: account.profiles.clone(),
                regions: regions.clone(),
            });
        }
        let now = crate::time::wall_secs();
        records.extend(gather::walk(walks, self.concurrency, EXPORT_BUDGET, now, |_| {}).await);
        gather::sort(&mut records);
        let stamp = crate::time::format_rfc3339(crate::time::now_ms())
            .replace([':', '-'], "")
            .replace(".000Z", "Z");
        let path = dir.join(format!("inventory-{stamp}.csv"));
        inventory::write_file(&records, Format::Csv, &path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok((path, records.len()))
    }

    /// An account's clients again, as the fleet reached it.
    async fn reached(&self, account: &Account) -> Result<Reached, Unreached> {
        let loaded = (self.load)(account.via.profile.clone(), self.region.clone()).await?;
        let loaded = match &account.via.role {
            Some(role) => accounts::assume_arn(&loaded, role).await?,
            None => loaded,
        };
        let mut reached = accounts::identify(loaded).await?;
        reached.name.clone_from(&account.name);
        Ok(reached)
    }
}

/// The session's own account, before anything is known of it.
fn own(profile: Option<String>) -> Account {
    Account {
        id: None,
        name: None,
        profiles: profile.iter().cloned().collect(),
        via: Via {
            profile,
            role: None,
        },
        unreached: None,
    }
}

/// A member: its role assumed once to learn whether it can be (the fleet's clients assume
/// it again, region by region); the base's own account with the base's credentials.
async fn member_account(base: &Reached, member: Member, role: &str) -> Account {
    let profiles: Vec<String> = base.profile.iter().cloned().collect();
    let mut account = Account {
        id: Some(member.id.clone()),
        name: member.name.clone(),
        profiles,
        via: Via {
            profile: base.profile.clone(),
            role: None,
        },
        unreached: None,
    };
    if member.id == base.account {
        return account;
    }
    let arn = format!("arn:aws:iam::{}:role/{role}", member.id);
    match accounts::assume_arn(&base.loaded, &arn).await {
        Ok(_) => account.via.role = Some(arn),
        Err(why) => account.unreached = Some(why.to_string()),
    }
    account
}
