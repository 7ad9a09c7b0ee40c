//! The accounts the emulator plays: the one of `--account` (or the seed's first) and those
//! a seed lists, which access key belongs to which, which roles STS may hand out in each,
//! and the organization they belong to.

use std::collections::HashMap;

/// An account's data lives in the store under a scope made from it and the region: the
/// default account keeps the bare region (so databases and seeds made before accounts
/// existed read as they did), every other account `ACCOUNT/REGION`.
pub fn scope(default: &str, account: &str, region: &str) -> String {
    if account == default {
        region.to_owned()
    } else {
        format!("{account}/{region}")
    }
}

/// One account of a seed, as Organizations describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub email: String,
    /// `ACTIVE`, `SUSPENDED` or `PENDING_CLOSURE`.
    pub status: String,
    /// Whether the organization's role exists here: false for an account that joined by
    /// invitation, where AWS creates no such role.
    pub org_role: bool,
    /// Other roles anyone may assume here.
    pub roles: Vec<String>,
    /// Operations answered with AccessDeniedException in this account, in every region.
    pub deny: Vec<String>,
}

/// The organization every seeded account belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub management: String,
    /// The role created in every account made from the organization.
    pub role: String,
}

impl Organization {
    /// `o-` and ten characters, derived from the management account so that it is the same
    /// every run.
    pub fn id(&self) -> String {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(self.management.as_bytes());
        let tail: String = digest
            .iter()
            .take(10)
            .map(|b| char::from(b"abcdefghijklmnopqrstuvwxyz0123456789"[usize::from(b % 36)]))
            .collect();
        format!("o-{tail}")
    }
}

/// Every account, and whose each access key is.
#[derive(Debug, Clone, Default)]
pub struct Accounts {
    /// Keys listed nowhere belong to it; it holds the seed's top-level collections.
    pub default: String,
    pub listed: Vec<Account>,
    keys: HashMap<String, String>,
    pub organization: Option<Organization>,
}

/// Why ListAccounts is refused, in Organizations' words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgRefusal {
    /// The caller's account is in no organization.
    NotInUse,
    /// A member account, which may not list the others.
    Denied,
}

impl Accounts {
    pub fn new(
        default: String,
        listed: Vec<(Account, Vec<String>)>,
        organization: Option<Organization>,
    ) -> Accounts {
        let mut keys = HashMap::new();
        let mut accounts = Vec::with_capacity(listed.len());
        for (account, access_keys) in listed {
            for key in access_keys {
                keys.insert(key, account.id.clone());
            }
            accounts.push(account);
        }
        Accounts {
            default,
            listed: accounts,
            keys,
            organization,
        }
    }

    /// Just one account, holding every key.
    pub fn single(default: &str) -> Accounts {
        Accounts::new(default.to_owned(), Vec::new(), None)
    }

    /// The account a long-term access key belongs to.
    pub fn of_key(&self, key: &str) -> &str {
        self.keys
            .get(key)
            .map_or(self.default.as_str(), String::as_str)
    }

    /// Whether `key` is listed in some account of the seed.
    pub fn is_listed(&self, key: &str) -> bool {
        self.keys.contains_key(key)
    }

    pub fn scope(&self, account: &str, region: &str) -> String {
        scope(&self.default, account, region)
    }

    fn find(&self, id: &str) -> Option<&Account> {
        self.listed.iter().find(|a| a.id == id)
    }

    /// Whether the emulator knows `id`: the default account or one the seed lists.
    pub fn knows(&self, id: &str) -> bool {
        id == self.default || self.find(id).is_some()
    }

    /// Whether `operation` is denied in `account` by the seed.
    pub fn denies(&self, account: &str, operation: &str) -> bool {
        self.find(account)
            .is_some_and(|a| a.deny.iter().any(|op| op == operation))
    }

    /// Whether a caller of `caller` may assume `role` in `target`: any role of its own
    /// account (the emulator keeps no IAM policies), a role the target lists, or the
    /// organization's role in a member account from the management account, unless the
    /// member joined by invitation (`org_role: false`).
    pub fn may_assume(&self, caller: &str, target: &str, role: &str) -> bool {
        if caller == target {
            return self.knows(target);
        }
        let Some(account) = self.find(target) else {
            return false;
        };
        if account.roles.iter().any(|r| r == role) {
            return true;
        }
        self.organization.as_ref().is_some_and(|org| {
            org.role == role && org.management == caller && target != org.management
        }) && account.org_role
    }

    /// The accounts of the organization, for a ListAccounts by `caller`.
    pub fn members(&self, caller: &str) -> Result<&[Account], OrgRefusal> {
        let Some(org) = &self.organization else {
            return Err(OrgRefusal::NotInUse);
        };
        if caller == org.management {
            Ok(&self.listed)
        } else if self.find(caller).is_some() {
            Err(OrgRefusal::Denied)
        } else {
            Err(OrgRefusal::NotInUse)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, org_role: bool, roles: &[&str]) -> Account {
        Account {
            id: id.into(),
            name: format!("n{id}"),
            email: String::new(),
            status: "ACTIVE".into(),
            org_role,
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
            deny: vec!["DeleteCollection".into()],
        }
    }

    fn org() -> Accounts {
        Accounts::new(
            "111111111111".into(),
            vec![
                (account("111111111111", true, &[]), vec!["AKMGMT".into()]),
                (account("222222222222", true, &[]), vec!["AKSTAGE".into()]),
                (account("333333333333", false, &["Auditor"]), vec![]),
            ],
            Some(Organization {
                management: "111111111111".into(),
                role: "OrganizationAccountAccessRole".into(),
            }),
        )
    }

    #[test]
    fn keys_belong_to_their_account_and_the_rest_to_the_default() {
        let accounts = org();
        assert_eq!(accounts.of_key("AKSTAGE"), "222222222222");
        assert_eq!(accounts.of_key("AKMGMT"), "111111111111");
        assert_eq!(accounts.of_key("AKOTHER"), "111111111111");
        assert!(accounts.is_listed("AKSTAGE") && !accounts.is_listed("AKOTHER"));
        assert_eq!(accounts.scope("111111111111", "eu-west-1"), "eu-west-1");
        assert_eq!(
            accounts.scope("222222222222", "eu-west-1"),
            "222222222222/eu-west-1"
        );
    }

    #[test]
    fn the_organization_role_opens_members_that_have_it() {
        let a = org();
        let role = "OrganizationAccountAccessRole";
        assert!(a.may_assume("111111111111", "222222222222", role));
        assert!(
            !a.may_assume("111111111111", "333333333333", role),
            "joined by invitation: no such role"
        );
        assert!(a.may_assume("222222222222", "333333333333", "Auditor"));
        assert!(
            !a.may_assume("222222222222", "111111111111", role),
            "a member's caller is not trusted by the others' roles"
        );
        assert!(!a.may_assume("111111111111", "222222222222", "Admin"));
        assert!(!a.may_assume("111111111111", "444444444444", role));
        assert!(a.may_assume("222222222222", "222222222222", "Anything"));
    }

    #[test]
    fn only_the_management_account_lists_the_members() {
        let a = org();
        assert_eq!(a.members("111111111111").map(<[_]>::len), Ok(3));
        assert_eq!(a.members("222222222222"), Err(OrgRefusal::Denied));
        assert_eq!(a.members("999999999999"), Err(OrgRefusal::NotInUse));
        let alone = Accounts::single("123456789012");
        assert_eq!(alone.members("123456789012"), Err(OrgRefusal::NotInUse));
        assert!(a.denies("222222222222", "DeleteCollection"));
        assert!(!a.denies("222222222222", "ListCollections"));
    }

    #[test]
    fn the_organization_id_is_stable_and_shaped_as_aws_makes_it() {
        let id = org().organization.unwrap().id();
        assert!(id.starts_with("o-") && id.len() == 12, "{id}");
        assert_eq!(id, org().organization.unwrap().id());
    }
}
