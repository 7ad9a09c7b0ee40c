//! The fleet view: every region of the list for the current profile, or for every account
//! that several profiles or an organization reach, with how many collections, faces and
//! users each (account, region) holds and since when. Listing runs in at most `limit`
//! pairs at once ([`MAX_LISTING`] for one profile), describes at most [`MAX_DESCRIBES`] per
//! pair (quotas are per account and region) and at most [`Fleet::in_flight_cap`] in all
//! (each call in flight holds an HTTP connection and its buffers: an organization's
//! hundreds of pairs would otherwise hold thousands); rows fill in as answers come. A
//! result of an earlier opening is dropped.

use crate::aws::api::{ApiError, CollectionDetail, Outcome, Page};
use crate::ids::CollectionId;

mod recount;
mod region;
pub(super) mod view;

pub use region::{Region, Status, classify};

/// A call the fleet view asks for, in one region of one of its accounts (reached through
/// `profile`, and `role` assumed from it); the app sends it as a command with the fleet's
/// generation, and its answer comes back with both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// One page of ListCollections.
    Page {
        generation: u64,
        account: usize,
        via: Via,
        region: String,
        token: Option<String>,
    },
    /// DescribeCollection of one collection.
    Describe {
        generation: u64,
        account: usize,
        via: Via,
        region: String,
        id: CollectionId,
    },
    /// Which accounts `scope` reaches, from the session's profile.
    Reach { generation: u64, scope: Scope },
    /// Write the inventory of `accounts` (those reached) in `regions` to a new file.
    Export {
        accounts: Vec<Account>,
        regions: Vec<String>,
    },
}

/// How an account is reached: a profile, and a role assumed from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Via {
    pub profile: Option<String>,
    pub role: Option<String>,
}

/// What the fleet counts beyond the current profile.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The session's profile alone.
    Profile,
    /// These profiles, each counted once per account it reaches.
    Profiles(Vec<String>),
    /// Every ACTIVE account of the organization, through this role in each.
    Org(String),
}

/// One account of the fleet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The account ID (from GetCallerIdentity or Organizations); `None` for the session's
    /// own profile, whose account the header shows, or a profile that could not be used.
    pub id: Option<String>,
    /// Its name in Organizations.
    pub name: Option<String>,
    /// The profiles that reach it; the first is the one used.
    pub profiles: Vec<String>,
    pub via: Via,
    /// Why it could not be reached (`sso login needed: ...`, `denied: sts:AssumeRole`);
    /// `None` once reached.
    pub unreached: Option<String>,
}

/// An account's `unreached` when its profile's role wants an MFA code: how
/// `aws::accounts::Unreached::NeedCode` reads (the app sits below `aws`).
pub const MFA_NEEDED: &str = "MFA code needed";

/// Regions listed at once.
pub const MAX_LISTING: usize = 4;
/// DescribeCollection calls in flight per region.
pub const MAX_DESCRIBES: usize = 8;
/// The fewest DescribeCollection calls in flight across the fleet that the cap allows:
/// every region of one profile at [`MAX_DESCRIBES`] each.
pub const MIN_IN_FLIGHT: usize = 16 * MAX_DESCRIBES;

/// How account `i` of `accounts` is reached (the default for one not there).
fn via_of(accounts: &[Account], i: usize) -> Via {
    accounts.get(i).map(|a| a.via.clone()).unwrap_or_default()
}

/// The totals row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub regions: usize,
    pub finished: usize,
    pub collections: u64,
    pub faces: u64,
    pub users: u64,
    pub oldest: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fleet {
    /// Which opening results belong to.
    pub generation: u64,
    pub profile: Option<String>,
    pub scope: Scope,
    /// The accounts, in the order their rows show; one (the session's) for [`Scope::Profile`].
    pub accounts: Vec<Account>,
    /// Every (account, region) pair, grouped by account.
    pub regions: Vec<Region>,
    pub selected: usize,
    /// Pairs listed at once.
    pub limit: usize,
    /// The regions each account is counted in, once the accounts are known.
    pub codes: Vec<(String, Option<&'static str>)>,
    /// The accounts are being found (ListAccounts, AssumeRole, GetCallerIdentity).
    pub reaching: bool,
}

impl Fleet {
    /// A fleet of `regions` for `profile`, with the first listings to send.
    pub fn open(
        generation: u64,
        profile: Option<String>,
        regions: Vec<(String, Option<&'static str>)>,
    ) -> (Fleet, Vec<Call>) {
        let account = Account {
            id: None,
            name: None,
            profiles: profile.iter().cloned().collect(),
            via: Via {
                profile: profile.clone(),
                role: None,
            },
            unreached: None,
        };
        let mut fleet = Fleet {
            generation,
            profile,
            scope: Scope::Profile,
            accounts: vec![account],
            regions: regions
                .iter()
                .map(|(code, name)| Region::new(0, code.clone(), *name))
                .collect(),
            selected: 0,
            limit: MAX_LISTING,
            codes: regions,
            reaching: false,
        };
        let out = fleet.start_listings();
        (fleet, out)
    }

    /// A fleet of every account `scope` reaches, in `regions`, `limit` pairs at once: first
    /// the accounts are found.
    pub fn open_wide(
        generation: u64,
        profile: Option<String>,
        scope: Scope,
        regions: Vec<(String, Option<&'static str>)>,
        limit: usize,
    ) -> (Fleet, Vec<Call>) {
        let fleet = Fleet {
            generation,
            profile,
            scope: scope.clone(),
            accounts: Vec::new(),
            regions: Vec::new(),
            selected: 0,
            limit: limit.max(1),
            codes: regions,
            reaching: true,
        };
        (fleet, vec![Call::Reach { generation, scope }])
    }

    /// The accounts the scope reaches: a row for each region of each account reached, and
    /// the first listings to send.
    pub fn reached(&mut self, generation: u64, accounts: Vec<Account>) -> Vec<Call> {
        if generation != self.generation || !self.reaching {
            return Vec::new();
        }
        self.reaching = false;
        // Reached accounts first, by ID; then those that could not be.
        let mut accounts = accounts;
        accounts.sort_by(|a, b| {
            (a.unreached.is_some(), &a.id, &a.profiles).cmp(&(
                b.unreached.is_some(),
                &b.id,
                &b.profiles,
            ))
        });
        for (i, account) in accounts.iter().enumerate() {
            if account.unreached.is_none() {
                let rows = self
                    .codes
                    .iter()
                    .map(|(c, n)| Region::new(i, c.clone(), *n));
                self.regions.extend(rows);
            }
        }
        self.accounts = accounts;
        self.start_listings()
    }

    /// Whether the fleet counts more than the session's profile.
    pub fn wide(&self) -> bool {
        self.scope != Scope::Profile
    }

    fn via(&self, account: usize) -> Via {
        via_of(&self.accounts, account)
    }

    fn listing(&self) -> usize {
        self.regions
            .iter()
            .filter(|r| r.status == Status::Listing)
            .count()
    }

    fn start_listings(&mut self) -> Vec<Call> {
        let mut out = Vec::new();
        let free = self.limit.saturating_sub(self.listing());
        for region in self
            .regions
            .iter_mut()
            .filter(|r| r.status == Status::Queued)
            .take(free)
        {
            region.status = Status::Listing;
            region.listing_more = true;
            out.push(Call::Page {
                generation: self.generation,
                account: region.account,
                via: via_of(&self.accounts, region.account),
                region: region.code.clone(),
                token: None,
            });
        }
        out
    }

    fn region_mut(&mut self, account: usize, code: &str) -> Option<&mut Region> {
        self.regions
            .iter_mut()
            .find(|r| r.account == account && r.code == code)
    }

    /// A ListCollections page for `region`. Returns the commands, and the failure to log
    /// (once per region) when the listing failed.
    pub fn page(
        &mut self,
        generation: u64,
        account: usize,
        region: &str,
        outcome: Outcome<Page>,
    ) -> (Vec<Call>, Option<ApiError>) {
        let mut out = Vec::new();
        if generation != self.generation {
            return (out, None);
        }
        let via = self.via(account);
        let Some(row) = self.region_mut(account, region) else {
            return (out, None);
        };
        let failed = match outcome.result {
            Ok(page) => {
                row.collections += page.collections.len() as u64;
                row.queue.extend(page.collections.into_iter().map(|c| c.id));
                row.listing_more = page.next_token.is_some();
                if let Some(token) = page.next_token {
                    out.push(Call::Page {
                        generation,
                        account,
                        via: via.clone(),
                        region: region.to_owned(),
                        token: Some(token),
                    });
                }
                None
            }
            Err(err) => {
                row.listing_more = false;
                row.queue.clear();
                row.status = classify(&err);
                // Not enabled is an answer, not a problem worth a log line.
                (row.status != Status::NotEnabled).then_some(err)
            }
        };
        self.fill_describes(account, region, &mut out);
        out.extend(self.start_listings());
        out.extend(self.recount_if_over(account, region));
        (out, failed)
    }

    /// A DescribeCollection result. Returns the commands, and the failure to log when it
    /// is the region's first failed describe (the rest are counted, not logged).
    pub fn described(
        &mut self,
        generation: u64,
        account: usize,
        region: &str,
        outcome: Outcome<CollectionDetail>,
    ) -> (Vec<Call>, Option<ApiError>) {
        let mut out = Vec::new();
        if generation != self.generation {
            return (out, None);
        }
        let Some(row) = self.region_mut(account, region) else {
            return (out, None);
        };
        row.describing = row.describing.saturating_sub(1);
        let mut first = None;
        match outcome.result {
            Ok(d) => {
                row.described += 1;
                row.faces += d.face_count.unwrap_or(0);
                row.users += d.user_count.unwrap_or(0);
                if let Some(created) = d.created {
                    row.oldest = Some(row.oldest.map_or(created, |o| o.min(created)));
                }
            }
            Err(err) => {
                row.describe_errors += 1;
                if row.describe_error.is_none() {
                    row.describe_error = Some(match &err.code {
                        Some(code) => code.trim_end_matches("Exception").to_owned(),
                        None => format!("{:?}", err.kind),
                    });
                    first = Some(err);
                }
            }
        }
        self.fill_describes(account, region, &mut out);
        out.extend(self.recount_if_over(account, region));
        (out, first)
    }

    /// Describes in flight across the fleet at most: [`MAX_DESCRIBES`] for each pair that
    /// may be listed at once, and never fewer than [`MIN_IN_FLIGHT`].
    pub fn in_flight_cap(&self) -> usize {
        (self.limit * MAX_DESCRIBES).max(MIN_IN_FLIGHT)
    }

    /// Starts the describes the cap leaves room for: first the pair that just answered,
    /// then the others that wait with collections listed, in the rows' order.
    fn fill_describes(&mut self, account: usize, region: &str, out: &mut Vec<Call>) {
        let in_flight: usize = self.regions.iter().map(|r| r.describing).sum();
        let mut budget = self.in_flight_cap().saturating_sub(in_flight);
        let generation = self.generation;
        let via = self.via(account);
        if let Some(row) = self.region_mut(account, region) {
            row.describes(generation, &via, out, &mut budget);
        }
        for row in &mut self.regions {
            if budget == 0 {
                break;
            }
            if row.queue.is_empty() || row.describing >= MAX_DESCRIBES {
                continue;
            }
            let via = via_of(&self.accounts, row.account);
            row.describes(generation, &via, out, &mut budget);
        }
    }

    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            regions: self.regions.len(),
            ..Totals::default()
        };
        for r in &self.regions {
            t.finished += usize::from(r.status.finished());
            t.collections += r.collections;
            t.faces += r.faces;
            t.users += r.users;
            if let Some(o) = r.oldest {
                t.oldest = Some(t.oldest.map_or(o, |t: i64| t.min(o)));
            }
        }
        t
    }

    pub fn selected_region(&self) -> Option<&Region> {
        self.regions.get(self.selected)
    }

    /// The account not reached whose line is selected: in a fleet of several accounts,
    /// those lines follow every region's, so the selection goes on past the regions.
    pub fn selected_unreached(&self) -> Option<&Account> {
        let past = self.selected.checked_sub(self.regions.len())?;
        self.unreached().nth(past)
    }

    /// The account of a region row.
    pub fn account_of(&self, region: &Region) -> Option<&Account> {
        self.accounts.get(region.account)
    }

    /// Accounts that could not be reached.
    pub fn unreached(&self) -> impl Iterator<Item = &Account> {
        self.accounts.iter().filter(|a| a.unreached.is_some())
    }

    pub fn move_by(&mut self, delta: isize) {
        let lines = self.regions.len() + self.unreached().count();
        let last = lines.saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

#[cfg(test)]
mod tests;
