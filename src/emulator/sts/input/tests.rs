use super::*;

const ARN: &str = "arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fops%2Fauditor";

fn assume(extra: &str) -> Result<AssumeRole, StsError> {
    let body = format!("Action=AssumeRole&RoleArn={ARN}&RoleSessionName=alice{extra}");
    assume_role(&Form::parse(body.as_bytes()))
}

fn session(extra: &str) -> Result<GetSessionToken, StsError> {
    let body = format!("Action=GetSessionToken{extra}");
    get_session_token(&Form::parse(body.as_bytes()))
}

/// The message of a ValidationError, which must be one.
fn message<T: std::fmt::Debug>(result: Result<T, StsError>) -> String {
    let err = result.unwrap_err();
    assert_eq!((err.code, err.status.as_u16()), ("ValidationError", 400));
    err.message
}

fn one(value: &str, member: &str, constraint: &str) -> String {
    format!(
        "1 validation error detected: Value {value} at '{member}' failed to satisfy \
         constraint: Member must {constraint}"
    )
}

#[test]
fn reads_a_well_formed_request() {
    let input = assume(
        "&DurationSeconds=900&SerialNumber=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fa\
         &TokenCode=012345&ExternalId=ext-1",
    )
    .unwrap();
    assert_eq!(input.role_arn, "arn:aws:iam::123456789012:role/ops/auditor");
    assert_eq!(input.account, "123456789012");
    assert_eq!(input.role_name, "auditor");
    assert_eq!(input.session_name, "alice");
    assert_eq!(input.duration, Some(900));
    assert_eq!(input.mfa.token_code.as_deref(), Some("012345"));
    assert_eq!(
        input.mfa.serial_number.as_deref(),
        Some("arn:aws:iam::123456789012:mfa/a")
    );
    assert_eq!(assume("").unwrap().duration, None);
    assert_eq!(assume("").unwrap().mfa, Mfa::default());
    assert_eq!(
        session("&DurationSeconds=129600").unwrap().duration,
        Some(129_600)
    );
}

#[test]
fn refuses_each_broken_constraint_in_stss_words() {
    let cases = [
        (
            "&TokenCode=12345",
            one(
                "'12345'",
                "tokenCode",
                "have length greater than or equal to 6",
            ),
        ),
        (
            "&TokenCode=12345a",
            one(
                "'12345a'",
                "tokenCode",
                r"satisfy regular expression pattern: [\d]*",
            ),
        ),
        (
            "&SerialNumber=short",
            one(
                "'short'",
                "serialNumber",
                "have length greater than or equal to 9",
            ),
        ),
        (
            "&ExternalId=x",
            one(
                "'x'",
                "externalId",
                "have length greater than or equal to 2",
            ),
        ),
        (
            "&DurationSeconds=899",
            one(
                "'899'",
                "durationSeconds",
                "have value greater than or equal to 900",
            ),
        ),
        (
            "&DurationSeconds=43201",
            one(
                "'43201'",
                "durationSeconds",
                "have value less than or equal to 43200",
            ),
        ),
        (
            "&DurationSeconds=1h",
            one("'1h'", "durationSeconds", "be an integer"),
        ),
    ];
    for (extra, expected) in cases {
        assert_eq!(message(assume(extra)), expected, "{extra}");
    }
    assert_eq!(
        message(session("&DurationSeconds=129601")),
        one(
            "'129601'",
            "durationSeconds",
            "have value less than or equal to 129600"
        )
    );
    assert_eq!(
        message(session("&TokenCode=1234567")),
        one(
            "'1234567'",
            "tokenCode",
            "have length less than or equal to 6"
        )
    );
}

#[test]
fn lists_several_broken_constraints_in_one_error() {
    let long = "n".repeat(65);
    let body = format!("Action=AssumeRole&RoleSessionName=a%20{long}");
    let got = message(assume_role(&Form::parse(body.as_bytes())));
    let name = format!("'a {long}'");
    assert_eq!(
        got,
        format!(
            "3 validation errors detected: \
             Value null at 'roleArn' failed to satisfy constraint: Member must not be null; \
             Value {name} at 'roleSessionName' failed to satisfy constraint: Member must \
             satisfy regular expression pattern: [\\w+=,.@-]*; \
             Value {name} at 'roleSessionName' failed to satisfy constraint: Member must \
             have length less than or equal to 64"
        )
    );
    assert_eq!(
        message(assume_role(&Form::parse(b"Action=AssumeRole&RoleArn=arn"))),
        "2 validation errors detected: Value 'arn' at 'roleArn' failed to satisfy constraint: \
         Member must have length greater than or equal to 20; Value null at \
         'roleSessionName' failed to satisfy constraint: Member must not be null"
    );
}

#[test]
fn a_role_arn_must_name_a_role() {
    for arn in [
        "arn:aws:iam::123456789012:user/alice",
        "arn:aws:iam::12345678901:role/short-account",
        "arn:aws:s3:::123456789012:role/wrong-service",
        "arn:aws:iam:us-east-1:123456789012:role/regional",
        "arn:aws:iam::123456789012:role/",
        "not-an-arn-but-long-enough",
    ] {
        let body = format!("Action=AssumeRole&RoleArn={arn}&RoleSessionName=alice");
        let got = message(assume_role(&Form::parse(body.as_bytes())));
        assert_eq!(got, format!("{arn} is invalid"));
    }
    let body =
        "Action=AssumeRole&RoleArn=arn:aws-cn:iam::123456789012:role/a/b/c&RoleSessionName=s@x";
    let input = assume_role(&Form::parse(body.as_bytes())).unwrap();
    assert_eq!(input.role_name, "c");
}
