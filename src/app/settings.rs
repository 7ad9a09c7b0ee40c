//! What the operator chose at start (flags and config.toml) that the core acts on: the
//! protect rules, manifests, masking, the regions and profiles offered.

use crate::protect::Protect;

/// The settings of the session, read once at start: `update` reads no files.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// Collections matching these are never deleted.
    pub protect: Protect,
    /// Export a manifest before every DeleteCollection.
    pub manifest: bool,
    /// Hide account ids and ARNs on screen.
    pub mask: bool,
    /// `regions = [...]` from config.toml: the only regions the picker and the fleet offer.
    pub regions: Option<Vec<String>>,
    /// `--all-regions`: start in the fleet view.
    pub all_regions: bool,
    /// What `a` in the fleet view counts beyond this profile: `--org`, `--profiles` or
    /// `--all-profiles` (config `org_role`, `fleet_profiles`); `None`: every profile.
    pub fleet_scope: Option<crate::app::fleet::Scope>,
    /// Start in the fleet view with that scope.
    pub fleet_wide: bool,
    /// `--fleet-concurrency`: (account, region) pairs counted at once; 0 for the default.
    pub fleet_concurrency: usize,
    /// The profiles of the shared config and credentials files, read at start-up (update
    /// reads no files), for the profile picker.
    pub profiles: Vec<ProfileChoice>,
    /// The request every change of the session serves (`--ticket`, or typed in a dialog):
    /// recorded on each change's audit lines.
    pub ticket: Option<String>,
}

/// A profile as the picker offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileChoice {
    pub name: String,
    /// How it gets credentials: `keys`, `SSO`, `role with MFA`...
    pub kind: &'static str,
    pub region: Option<String>,
}

/// What `--mask` shows instead of an account id.
pub const MASK: &str = "************";

/// Replaces every run of exactly 12 digits (an AWS account id) with [`MASK`].
pub fn mask_accounts(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() == 12 {
            out.push_str(MASK);
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Pairs counted at once when `--fleet-concurrency` does not say.
pub const FLEET_CONCURRENCY: usize = 32;

impl Settings {
    /// Pairs a fleet of several accounts counts at once.
    pub fn fleet_limit(&self) -> usize {
        match self.fleet_concurrency {
            0 => FLEET_CONCURRENCY,
            n => n,
        }
    }

    /// The rule that protects `id`, if any.
    pub fn protected_by(&self, id: &str) -> Option<&str> {
        self.protect.matching_rule(id)
    }
}
