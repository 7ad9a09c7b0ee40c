//! The members of AssumeRole and GetSessionToken, checked against STS's model as STS does:
//! every broken constraint is listed in one ValidationError, in STS's words.

use super::StsError;
use super::form::Form;

/// `[\w+=,.@-]*`
fn session_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

/// `[\w+=/:,.@-]*`
fn serial_char(c: char) -> bool {
    session_char(c) || "/:".contains(c)
}

/// `[\w+=,.@:\/-]*`
fn external_id_char(c: char) -> bool {
    serial_char(c)
}

/// The ARN type's pattern: any character but most control characters.
fn arn_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}')
        || (c >= '\u{a0}' && c != '\u{fffe}' && c != '\u{ffff}')
}

struct Rule {
    member: &'static str,
    min: usize,
    max: usize,
    allowed: fn(char) -> bool,
    pattern: &'static str,
}

const ROLE_ARN: Rule = Rule {
    member: "roleArn",
    min: 20,
    max: 2048,
    allowed: arn_char,
    pattern: r"[\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+",
};
const SESSION_NAME: Rule = Rule {
    member: "roleSessionName",
    min: 2,
    max: 64,
    allowed: session_char,
    pattern: r"[\w+=,.@-]*",
};
const SERIAL_NUMBER: Rule = Rule {
    member: "serialNumber",
    min: 9,
    max: 256,
    allowed: serial_char,
    pattern: r"[\w+=/:,.@-]*",
};
const TOKEN_CODE: Rule = Rule {
    member: "tokenCode",
    min: 6,
    max: 6,
    allowed: |c| c.is_ascii_digit(),
    pattern: r"[\d]*",
};
const EXTERNAL_ID: Rule = Rule {
    member: "externalId",
    min: 2,
    max: 1224,
    allowed: external_id_char,
    pattern: r"[\w+=,.@:\/-]*",
};

/// AssumeRole's longest session; a role's own maximum can only be lower.
pub const MAX_ROLE_SECONDS: i64 = 43_200;
/// GetSessionToken's longest session, for an IAM user.
pub const MAX_USER_SECONDS: i64 = 129_600;
const MIN_SECONDS: i64 = 900;

/// The broken constraints found so far.
#[derive(Default)]
struct Checks(Vec<String>);

impl Checks {
    fn broken(&mut self, value: Option<&str>, member: &str, constraint: String) {
        let value = value.map_or_else(|| "null".to_owned(), |v| format!("'{v}'"));
        self.0.push(format!(
            "Value {value} at '{member}' failed to satisfy constraint: {constraint}"
        ));
    }

    fn text<'f>(
        &mut self,
        form: &'f Form,
        name: &str,
        rule: &Rule,
        required: bool,
    ) -> Option<&'f str> {
        let Some(value) = form.get(name) else {
            if required {
                self.broken(None, rule.member, "Member must not be null".into());
            }
            return None;
        };
        let before = self.0.len();
        if !value.chars().all(rule.allowed) {
            let constraint = format!(
                "Member must satisfy regular expression pattern: {}",
                rule.pattern
            );
            self.broken(Some(value), rule.member, constraint);
        }
        let len = value.chars().count();
        if len < rule.min {
            let constraint = format!(
                "Member must have length greater than or equal to {}",
                rule.min
            );
            self.broken(Some(value), rule.member, constraint);
        }
        if len > rule.max {
            let constraint = format!("Member must have length less than or equal to {}", rule.max);
            self.broken(Some(value), rule.member, constraint);
        }
        (self.0.len() == before).then_some(value)
    }

    fn seconds(&mut self, form: &Form, max: i64) -> Option<i64> {
        let text = form.get("DurationSeconds")?;
        let Ok(value) = text.parse::<i64>() else {
            self.broken(
                Some(text),
                "durationSeconds",
                "Member must be an integer".into(),
            );
            return None;
        };
        if value < MIN_SECONDS {
            let constraint =
                format!("Member must have value greater than or equal to {MIN_SECONDS}");
            self.broken(Some(text), "durationSeconds", constraint);
        } else if value > max {
            let constraint = format!("Member must have value less than or equal to {max}");
            self.broken(Some(text), "durationSeconds", constraint);
        }
        Some(value)
    }

    fn finish(self) -> Result<(), StsError> {
        match self.0.len() {
            0 => Ok(()),
            n => Err(StsError::validation(format!(
                "{n} validation error{} detected: {}",
                if n == 1 { "" } else { "s" },
                self.0.join("; ")
            ))),
        }
    }
}

/// An MFA device and the code it shows, when the request names them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Mfa {
    pub serial_number: Option<String>,
    pub token_code: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub struct AssumeRole {
    pub role_arn: String,
    pub account: String,
    pub role_name: String,
    pub session_name: String,
    /// As asked; `None` is STS's default of one hour.
    pub duration: Option<i64>,
    pub mfa: Mfa,
}

#[derive(Debug, PartialEq, Eq)]
pub struct GetSessionToken {
    pub duration: Option<i64>,
    pub mfa: Mfa,
}

fn mfa(checks: &mut Checks, form: &Form) -> Mfa {
    Mfa {
        serial_number: checks
            .text(form, "SerialNumber", &SERIAL_NUMBER, false)
            .map(str::to_owned),
        token_code: checks
            .text(form, "TokenCode", &TOKEN_CODE, false)
            .map(str::to_owned),
    }
}

pub fn assume_role(form: &Form) -> Result<AssumeRole, StsError> {
    let mut checks = Checks::default();
    let arn = checks.text(form, "RoleArn", &ROLE_ARN, true);
    let session = checks.text(form, "RoleSessionName", &SESSION_NAME, true);
    let duration = checks.seconds(form, MAX_ROLE_SECONDS);
    checks.text(form, "ExternalId", &EXTERNAL_ID, false);
    let mfa = mfa(&mut checks, form);
    checks.finish()?;
    let (Some(arn), Some(session)) = (arn, session) else {
        // finish() has refused a missing member already.
        return Err(StsError::validation(
            "RoleArn and RoleSessionName are required",
        ));
    };
    let (account, role_name) =
        role(arn).ok_or_else(|| StsError::validation(format!("{arn} is invalid")))?;
    Ok(AssumeRole {
        role_arn: arn.to_owned(),
        account: account.to_owned(),
        role_name: role_name.to_owned(),
        session_name: session.to_owned(),
        duration,
        mfa,
    })
}

pub fn get_session_token(form: &Form) -> Result<GetSessionToken, StsError> {
    let mut checks = Checks::default();
    let duration = checks.seconds(form, MAX_USER_SECONDS);
    let mfa = mfa(&mut checks, form);
    checks.finish()?;
    Ok(GetSessionToken { duration, mfa })
}

/// The account and the role name of `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`.
fn role(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some("iam"), Some(""), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return None;
    };
    let name = resource.strip_prefix("role/")?.rsplit('/').next()?;
    let account_ok = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
    (partition.starts_with("aws") && account_ok && !name.is_empty()).then_some((account, name))
}

#[cfg(test)]
mod tests;
