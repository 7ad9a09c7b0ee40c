//! Temporary credentials issued by AssumeRole and GetSessionToken, held in memory for the
//! life of the emulator, and who each set acts as.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use sha2::{Digest, Sha256};

/// Beyond this many issued sets, the ones that expire first are forgotten; a forgotten key
/// is then an unknown one. Far more than any test or session issues.
const MAX_SESSIONS: usize = 100_000;
const KEY_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
/// Real session tokens run to several hundred characters; clients must not assume less.
const TOKEN_LEN: usize = 356;

/// Who a set of credentials acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// An IAM user; the emulator names it after its long-term access key.
    User { name: String },
    /// A session of an IAM role, from AssumeRole.
    Role {
        name: String,
        id: String,
        session: String,
    },
}

impl Principal {
    pub fn arn(&self, account: &str) -> String {
        match self {
            Self::User { name } => format!("arn:aws:iam::{account}:user/{name}"),
            Self::Role { name, session, .. } => {
                format!("arn:aws:sts::{account}:assumed-role/{name}/{session}")
            }
        }
    }

    /// GetCallerIdentity's UserId: the user's id, or the role's id and the session name.
    pub fn user_id(&self) -> String {
        match self {
            Self::User { name } => name.clone(),
            Self::Role { id, session, .. } => format!("{id}:{session}"),
        }
    }

    /// A session of `role_name`; the role's id is derived from its ARN, so that every
    /// session of a role shows the same id, as on AWS.
    pub fn role(role_arn: &str, role_name: &str, session: &str) -> Principal {
        let digest = Sha256::digest(role_arn.as_bytes());
        let id: String = digest
            .iter()
            .take(17)
            .map(|b| char::from(KEY_ALPHABET[usize::from(b % 32)]))
            .collect();
        Principal::Role {
            name: role_name.to_owned(),
            id: format!("AROA{id}"),
            session: session.to_owned(),
        }
    }
}

/// One issued set of temporary credentials.
#[derive(Debug)]
pub struct Session {
    pub access_key: String,
    pub secret: String,
    pub token: String,
    /// Epoch seconds on the sessions' clock.
    pub expires: i64,
    pub principal: Principal,
    /// The account the credentials act in.
    pub account: String,
    /// Issued on an MFA code (or to a caller that had given one): the session's own calls
    /// count as MFA-authenticated, as `aws:MultiFactorAuthPresent` does on AWS.
    pub mfa: bool,
}

/// Every issued set, by access key, and the clock they expire by.
#[derive(Debug, Default)]
pub struct Sessions {
    issued: Mutex<HashMap<String, Arc<Session>>>,
    /// Seconds the clock has been moved forward by [`Sessions::skip_ahead`].
    ahead: AtomicI64,
}

impl Sessions {
    /// The wall clock, not rekog's frozen demo clock: SDKs compare an Expiration with their
    /// own wall clock and would refresh credentials that look expired on every call.
    pub fn now(&self) -> i64 {
        crate::time::wall_secs().saturating_add(self.ahead.load(Ordering::Relaxed))
    }

    /// Moves the clock forward, so that tests see credentials expire without waiting.
    pub fn skip_ahead(&self, secs: i64) {
        self.ahead.fetch_add(secs, Ordering::Relaxed);
    }

    /// Issues a new set for `principal`, valid for `duration` seconds from now.
    pub fn issue(
        &self,
        principal: Principal,
        account: &str,
        duration: i64,
        mfa: bool,
    ) -> Arc<Session> {
        let session = Arc::new(Session {
            access_key: format!("ASIA{}", random_text(16, KEY_ALPHABET)),
            secret: random_text(40, BASE64),
            token: random_text(TOKEN_LEN, BASE64),
            expires: self.now().saturating_add(duration),
            principal,
            account: account.to_owned(),
            mfa,
        });
        // The map holds finished entries only: one left by a panic elsewhere is still whole.
        let mut issued = self.issued.lock().unwrap_or_else(PoisonError::into_inner);
        if issued.len() >= MAX_SESSIONS {
            let mut by_expiry: Vec<(i64, String)> = issued
                .values()
                .map(|s| (s.expires, s.access_key.clone()))
                .collect();
            by_expiry.sort_unstable();
            for (_, key) in by_expiry.iter().take(MAX_SESSIONS / 10) {
                issued.remove(key);
            }
        }
        issued.insert(session.access_key.clone(), Arc::clone(&session));
        session
    }

    /// The set an access key belongs to, expired or not.
    pub fn find(&self, access_key: &str) -> Option<Arc<Session>> {
        let issued = self.issued.lock().unwrap_or_else(PoisonError::into_inner);
        issued.get(access_key).cloned()
    }
}

/// `n` characters of `alphabet`, from the operating system's randomness (through UUID v4).
fn random_text(n: usize, alphabet: &[u8]) -> String {
    let mut out = String::with_capacity(n);
    while out.len() < n {
        // Hashing spreads the 122 random bits of a UUID over all 32 bytes.
        let bytes = Sha256::digest(uuid::Uuid::new_v4().as_bytes());
        for b in bytes.iter().take(n - out.len()) {
            out.push(char::from(alphabet[usize::from(*b) % alphabet.len()]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_credentials_look_like_aws_ones_and_differ() {
        let sessions = Sessions::default();
        let user = Principal::User {
            name: "AKID".into(),
        };
        let a = sessions.issue(user.clone(), "123456789012", 900, false);
        let b = sessions.issue(user, "123456789012", 900, false);
        assert_eq!(a.access_key.len(), 20);
        assert!(a.access_key.starts_with("ASIA"));
        assert!(a.access_key.bytes().all(|c| KEY_ALPHABET.contains(&c)));
        assert_eq!(a.secret.len(), 40);
        assert_eq!(a.token.len(), TOKEN_LEN);
        assert_ne!(a.access_key, b.access_key);
        assert_ne!(a.secret, b.secret);
        assert_ne!(a.token, b.token);
        assert!((a.expires - sessions.now() - 900).abs() <= 1);
        assert_eq!(sessions.find(&a.access_key).unwrap().token, a.token);
        assert!(sessions.find("ASIANOTISSUED0000000").is_none());
    }

    #[test]
    fn the_clock_moves_forward_on_request() {
        let sessions = Sessions::default();
        let before = sessions.now();
        sessions.skip_ahead(3600);
        assert!(sessions.now() - before >= 3600);
    }

    #[test]
    fn a_role_keeps_its_id_across_sessions() {
        let arn = "arn:aws:iam::123456789012:role/ops/auditor";
        let one = Principal::role(arn, "auditor", "alice");
        let two = Principal::role(arn, "auditor", "bob");
        let Principal::Role { id: first, .. } = &one else {
            panic!("{one:?}")
        };
        assert!(first.starts_with("AROA") && first.len() == 21, "{first}");
        assert_eq!(one.user_id(), format!("{first}:alice"));
        assert_eq!(two.user_id(), format!("{first}:bob"));
        assert_eq!(
            two.arn("123456789012"),
            "arn:aws:sts::123456789012:assumed-role/auditor/bob"
        );
        let other = Principal::role("arn:aws:iam::123456789012:role/x1", "x1", "bob");
        assert_ne!(other.user_id(), two.user_id());
    }
}
