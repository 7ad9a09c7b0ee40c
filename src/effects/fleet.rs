//! The fleet view's calls: each in its own region of its account (the current profile, or
//! another profile, or a role assumed from one), connected on first use, answered untagged
//! so that no context check drops them (they are for other regions on purpose; the fleet's
//! generation drops stale ones). Finding the accounts and writing the inventory go to the
//! [`super::reach::Reacher`].

use crate::app::msg::{FleetAnswer, Msg};
use std::time::Duration;

use tokio::sync::mpsc::UnboundedSender;

use super::contexts::Contexts;
use crate::app::fleet::{Account, Call, Scope};
use crate::aws::api::{ApiError, ErrorKind, Outcome, Rekognition};
use crate::context::{ConnectFailure, Context};

impl<R: Rekognition> Contexts<R> {
    /// Runs `call` in its region of its account; `profile` is the session's, for a fleet of
    /// it alone.
    pub(super) fn fleet(&self, profile: Option<String>, call: Call) {
        let (via, region) = match &call {
            Call::Page { via, region, .. } | Call::Describe { via, region, .. } => {
                (via.clone(), region.clone())
            }
            Call::Reach { generation, scope } => return self.reach(*generation, scope.clone()),
            Call::Export { accounts, regions } => {
                return self.export(accounts.clone(), regions.clone());
            }
        };
        // A fleet of the session's profile follows it; one of several names each account's.
        let profile = if via.role.is_some() || via.profile.is_some() {
            via.profile
        } else {
            profile
        };
        let context = Context {
            profile,
            role: via.role,
            region,
        };
        let backend = self.backend_for(context);
        let asked = call.clone();
        let task = tokio::spawn(async move {
            match backend.await {
                Ok(backend) => answer(&*backend, asked).await,
                Err(why) => failed(asked, why),
            }
        });
        // A call that panics still answers, so its region does not wait forever.
        let tx: UnboundedSender<Msg> = self.sender();
        tokio::spawn(async move {
            let msg = match task.await {
                Ok(msg) => msg,
                Err(err) => failed(call, err.to_string()),
            };
            let _ = tx.send(msg);
        });
    }
}

impl<R: Rekognition> Contexts<R> {
    fn reach(&self, generation: u64, scope: Scope) {
        let tx = self.sender();
        let Some(reacher) = self.reacher() else {
            let _ = tx.send(Msg::Fleet(FleetAnswer::Reached {
                generation,
                accounts: Vec::new(),
            }));
            return;
        };
        tokio::spawn(async move {
            let accounts = reacher.accounts(&scope).await;
            let _ = tx.send(Msg::Fleet(FleetAnswer::Reached {
                generation,
                accounts,
            }));
        });
    }

    fn export(&self, accounts: Vec<Account>, regions: Vec<String>) {
        let tx = self.sender();
        let Some(reacher) = self.reacher() else {
            let result = Err("this session cannot write an inventory".to_owned());
            let _ = tx.send(Msg::Fleet(FleetAnswer::Exported { result }));
            return;
        };
        tokio::spawn(async move {
            let result = reacher.export(accounts, regions).await;
            let _ = tx.send(Msg::Fleet(FleetAnswer::Exported { result }));
        });
    }
}

async fn answer<R: Rekognition>(backend: &R, call: Call) -> Msg {
    match call {
        Call::Page {
            generation,
            account,
            region,
            token,
            ..
        } => Msg::Fleet(FleetAnswer::Page {
            generation,
            account,
            region,
            outcome: backend.list_page(token).await,
        }),
        Call::Describe {
            generation,
            account,
            region,
            id,
            ..
        } => Msg::Fleet(FleetAnswer::Described {
            generation,
            account,
            region,
            outcome: backend.describe(&id).await,
        }),
        // Never sent here: `fleet` hands them to the reacher.
        Call::Reach { generation, .. } => Msg::Fleet(FleetAnswer::Reached {
            generation,
            accounts: Vec::new(),
        }),
        Call::Export { .. } => Msg::Fleet(FleetAnswer::Exported {
            result: Err("not sent".into()),
        }),
    }
}

/// Why a region could not be connected to, in the fleet's words: it never prompts, so a
/// role that wants an MFA code is the operator's to unlock by switching to it.
pub(super) fn connect_failure(failure: ConnectFailure) -> String {
    match failure {
        ConnectFailure::NeedCode { .. } => "MFA code needed: switch to the profile first".into(),
        ConnectFailure::Failed(why) => why,
    }
}

/// The call's answer when it could not be made: a credentials failure with no code, which
/// the fleet shows as `failed: <why>`.
fn failed(call: Call, why: String) -> Msg {
    match call {
        Call::Page {
            generation,
            account,
            region,
            ..
        } => Msg::Fleet(FleetAnswer::Page {
            generation,
            account,
            region,
            outcome: unmade(why),
        }),
        Call::Describe {
            generation,
            account,
            region,
            ..
        } => Msg::Fleet(FleetAnswer::Described {
            generation,
            account,
            region,
            outcome: unmade(why),
        }),
        Call::Reach { generation, .. } => Msg::Fleet(FleetAnswer::Reached {
            generation,
            accounts: Vec::new(),
        }),
        Call::Export { .. } => Msg::Fleet(FleetAnswer::Exported { result: Err(why) }),
    }
}

fn unmade<T>(why: String) -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind: ErrorKind::Credentials,
            code: None,
            message: why,
            status: None,
        }),
        request_id: None,
        elapsed: Duration::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::fleet::{Fleet, Status};

    /// A region of a profile whose role wants an MFA code: the fleet never prompts, and the
    /// row says what to do instead of waiting.
    #[test]
    fn a_region_that_needs_an_mfa_code_says_so_in_its_row() {
        let (mut fleet, calls) =
            Fleet::open(3, Some("prod".into()), vec![("eu-west-1".into(), None)]);
        let why = connect_failure(ConnectFailure::NeedCode { why: None });
        let Some(Msg::Fleet(FleetAnswer::Page {
            generation,
            account,
            region,
            outcome,
        })) = calls.into_iter().next().map(|call| failed(call, why))
        else {
            panic!("a ListCollections page for the region");
        };
        let (more, logged) = fleet.page(generation, account, &region, outcome);
        assert!(more.is_empty());
        assert_eq!(
            fleet.regions[0].status,
            Status::Failed("MFA code needed: switch to the profile first".into())
        );
        assert!(logged.is_some(), "logged once, as any failure");
    }
}
