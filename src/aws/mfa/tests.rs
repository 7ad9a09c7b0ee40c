use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::aws::profiles::merge;

const CONFIG: &str = "\
[profile prod]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = base
mfa_serial = arn:aws:iam::444455556666:mfa/alice
role_session_name = alice-audit
duration_seconds = 900
external_id = ext-1

[profile plain]
role_arn = arn:aws:iam::111122223333:role/ReadOnly
source_profile = base
";

#[test]
fn only_roles_with_mfa_serial_are_rekogs_to_assume() {
    let all = merge(Some(CONFIG), None);
    let prod = all.iter().find(|p| p.name == "prod").unwrap();
    let role = Role::of(prod).expect("an MFA role");
    assert_eq!(role.source_profile.as_deref(), Some("base"));
    assert_eq!(role.session_name, "alice-audit");
    assert_eq!(role.duration_seconds, Some(900));
    assert_eq!(role.external_id.as_deref(), Some("ext-1"));
    let plain = all.iter().find(|p| p.name == "plain").unwrap();
    assert_eq!(
        Role::of(plain),
        None,
        "the SDK's chain handles roles without MFA"
    );
}

#[test]
fn codes_are_six_digits() {
    assert!(crate::context::check_mfa_code("123456").is_ok());
    assert!(crate::context::check_mfa_code(" 123456\n").is_ok());
    for bad in ["12345", "1234567", "12345a", ""] {
        assert!(crate::context::check_mfa_code(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn the_cache_serves_until_five_minutes_before_expiry_and_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let sts = dir.path().join("rekog/sts");
    let all = merge(Some(CONFIG), None);
    let role = Role::of(all.iter().find(|p| p.name == "prod").unwrap()).unwrap();
    let now = 1_800_000_000;
    assert_eq!(cached(&role, &sts, now), None);
    let temporary = Temporary {
        access_key_id: "ASIAEXAMPLE".into(),
        secret_access_key: "s".into(),
        session_token: "t".into(),
        expiration: now + 3600,
    };
    store(&role, &sts, &temporary).unwrap();
    assert_eq!(cached(&role, &sts, now), Some(temporary.clone()));
    assert_eq!(cached(&role, &sts, now + 3600 - 301), Some(temporary));
    assert_eq!(cached(&role, &sts, now + 3600 - 300), None);
    let file = std::fs::read_dir(&sts).unwrap().next().unwrap().unwrap();
    assert_eq!(file.metadata().unwrap().permissions().mode() & 0o777, 0o600);
    let mode = std::fs::metadata(&sts).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
    // Another role of the same profile name does not see these credentials.
    let mut other = role.clone();
    other.role_arn = "arn:aws:iam::111122223333:role/Other".into();
    assert_eq!(cached(&other, &sts, now), None);
}
