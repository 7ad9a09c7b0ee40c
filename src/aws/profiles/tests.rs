use super::*;

const CONFIG: &str = "\
# a comment
[default]
region = eu-west-1

[profile prod]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = default
mfa_serial = arn:aws:iam::444455556666:mfa/alice
region = us-east-1
duration_seconds = 3600

[profile sso]
sso_session = corp
sso_account_id = 111122223333
region = ap-southeast-2

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start

[profile proc]
credential_process = /usr/bin/creds
s3 =
  max_concurrent_requests = 20

[profile chained]
role_arn = arn:aws:iam::111122223333:role/ReadOnly
source_profile = prod
; comment
[profilebroken]
region = x
";

const CREDENTIALS: &str = "\
[default]
aws_access_key_id = AKIDEXAMPLE
aws_secret_access_key = secret

[ci]
aws_access_key_id = AKIDCI
aws_secret_access_key = secret2
region = us-west-2
";

#[test]
fn profiles_from_both_files_with_kinds_and_regions() {
    let all = merge(Some(CONFIG), Some(CREDENTIALS));
    let seen: Vec<(&str, Kind, Option<&str>)> = all
        .iter()
        .map(|p| (p.name.as_str(), p.kind(), p.region()))
        .collect();
    assert_eq!(
        seen,
        vec![
            ("chained", Kind::Role, None),
            ("ci", Kind::Keys, Some("us-west-2")),
            ("default", Kind::Keys, Some("eu-west-1")),
            ("proc", Kind::Process, None),
            ("prod", Kind::RoleMfa, Some("us-east-1")),
            ("sso", Kind::Sso, Some("ap-southeast-2")),
        ]
    );
    let prod = all.iter().find(|p| p.name == "prod").unwrap();
    assert_eq!(prod.get("duration_seconds"), Some("3600"));
    // Nested settings are not keys of the profile.
    let proc = all.iter().find(|p| p.name == "proc").unwrap();
    assert_eq!(proc.get("max_concurrent_requests"), None);
}

#[test]
fn missing_files_give_no_profiles() {
    assert!(merge(None, None).is_empty());
    assert_eq!(merge(None, Some(CREDENTIALS)).len(), 2);
}

#[test]
fn a_source_profile_neither_file_holds_is_found_along_the_chain() {
    let config = "[profile admin]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = hub\n\
                  [profile hub]\nrole_arn = arn:aws:iam::1:role/H\nsource_profile = bsae\n\
                  [profile base]\naws_access_key_id = AKID\n\
                  [profile self]\naws_access_key_id = AKID\nsource_profile = self\n\
                  [profile loop]\nrole_arn = arn:aws:iam::1:role/L\nsource_profile = loop2\n\
                  [profile loop2]\nrole_arn = arn:aws:iam::1:role/L\nsource_profile = loop\n";
    let all = merge(Some(config), None);
    assert_eq!(
        missing_source(&all, "admin"),
        Some(("hub".to_owned(), "bsae".to_owned()))
    );
    for fine in ["base", "self", "loop", "nosuch"] {
        assert_eq!(missing_source(&all, fine), None, "{fine}");
    }
}
