//! Where rekog acts: the context AWS calls are made for (a profile and a region, which a
//! switch replaces as a whole), the session facts the header and dialogs show, and why a
//! context could not be connected to. Every layer shares these values: the AWS side builds
//! a session when it connects, the effects tag each result with its context, and the app
//! keeps the current one.

/// Where AWS calls go: a value, so that every result can say which context it was made for
/// and one made for another context than the current one is dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Context {
    pub profile: Option<String>,
    /// The role assumed from the profile's credentials (an organization's member role,
    /// reached from the fleet view), by its ARN.
    pub role: Option<String>,
    pub region: String,
}

impl Context {
    /// How the log and the dialogs name it: `profile prod, eu-west-1`.
    pub fn describe(&self) -> String {
        let profile = match &self.profile {
            Some(p) => format!("profile {p}"),
            None => "the default profile".to_owned(),
        };
        match &self.role {
            Some(role) => format!("{profile} → {role}, {}", self.region),
            None => format!("{profile}, {}", self.region),
        }
    }
}

/// The profile and the role chain from it, as the header, the dialogs and the audit trail
/// name where a call was made: `prod`, or `prod → arn:aws:iam::222222222222:role/R`.
pub fn chain(profile: Option<&str>, role: Option<&str>) -> Option<String> {
    match (profile, role) {
        (p, Some(role)) => Some(format!("{} → {role}", p.unwrap_or("default"))),
        (Some(p), None) => Some(p.to_owned()),
        (None, None) => None,
    }
}

/// Why a context could not be connected to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectFailure {
    /// The profile's role wants an MFA code and no cached credentials are fresh; `why` says
    /// what went wrong with the previous code, if one was sent.
    NeedCode { why: Option<String> },
    /// Anything else, in plain words.
    Failed(String),
}

/// Where rekog is pointed and how it may act.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Session {
    /// The AWS profile in use, if one was named (flag, AWS_PROFILE or config).
    pub profile: Option<String>,
    /// The role assumed from the profile, by its ARN.
    pub role: Option<String>,
    pub region: String,
    /// Set when the Rekognition endpoint is overridden (`--endpoint-url`, AWS_ENDPOINT_URL).
    pub endpoint: Option<String>,
    /// Mutations are refused.
    pub read_only: bool,
    /// Running against the embedded emulator (`--demo`).
    pub demo: bool,
    /// What the terminal can show: characters, colours, theme.
    pub caps: crate::caps::Caps,
}

impl Session {
    pub fn context(&self) -> Context {
        Context {
            profile: self.profile.clone(),
            role: self.role.clone(),
            region: self.region.clone(),
        }
    }

    /// The profile and the role assumed from it, if any: see [`chain`].
    pub fn chain(&self) -> Option<String> {
        chain(self.profile.as_deref(), self.role.as_deref())
    }
}

/// Whether `code` is an MFA code as an authenticator shows it: six digits. Checked before
/// STS is asked, in the start-up prompt and in the switch dialog alike.
pub fn check_mfa_code(code: &str) -> Result<(), String> {
    let code = code.trim();
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err("the MFA code is 6 digits".into())
    }
}
