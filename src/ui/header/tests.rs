use rstest::rstest;

use super::*;

const ACCOUNT: &str = "111111111111";
const MEMBER: &str = "222233334444";

fn item(kind: Kind, label: &'static str, text: &str) -> Item {
    Item {
        kind,
        label,
        text: text.to_owned(),
    }
}

/// Every field a header can hold, each at its longest.
fn crowded() -> Header {
    Header {
        items: vec![
            item(Kind::Name, "", "rekog 0.1.0"),
            item(Kind::ReadOnly, "", "READ-ONLY"),
            item(Kind::Profile, "profile", "payments-production-admin"),
            item(
                Kind::Via,
                "via",
                &format!("→ arn:aws:iam::{MEMBER}:role/OrganizationAccountAccessRole"),
            ),
            item(Kind::Region, "region", "ap-southeast-2"),
            item(
                Kind::Endpoint,
                "endpoint",
                "https://vpce-0a1b2c3d4e5f6a7b8-abcdefgh.rekognition.ap-southeast-2.vpce.amazonaws.com",
            ),
            item(Kind::Account, "account", MEMBER),
            item(
                Kind::Caller,
                "caller",
                &format!(
                    "arn:aws:sts::{MEMBER}:assumed-role/OrganizationAccountAccessRole/rekog-fleet-jane"
                ),
            ),
        ],
    }
}

/// The header as the terminal shows it.
fn text(header: &Header) -> String {
    let line = header.line(&Theme::mono());
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    assert_eq!(
        columns(&text),
        header.width(),
        "width() counts what is drawn"
    );
    text
}

/// Runs of ASCII digits, each whole.
fn digit_runs(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect()
}

#[test]
fn a_header_that_fits_is_left_whole() {
    let header = crowded();
    let full = text(&header);
    assert_eq!(text(&header.clone().fitted(full.len())), full);
    assert_eq!(text(&header.fitted(500)), full);
}

#[rstest]
fn the_region_and_the_account_stay_whole_at_every_width(
    #[values(60, 66, 72, 80, 100, 120, 160, 200)] width: usize,
) {
    let full = text(&crowded());
    let fitted = text(&crowded().fitted(width));
    assert!(columns(&fitted) <= width, "{width}: {fitted}");
    assert!(fitted.contains("region ap-southeast-2"), "{fitted}");
    assert!(fitted.contains(&format!("account {MEMBER}")), "{fitted}");
    // Nothing cut inside a run of digits: each run drawn is a whole run of the full line.
    let whole = digit_runs(&full);
    for run in digit_runs(&fitted) {
        assert!(
            whole.contains(&run),
            "{width}: a cut run {run:?} in {fitted}"
        );
    }
}

#[test]
fn the_fields_give_way_in_order() {
    let full = crowded();
    let after = |steps: usize| {
        let mut h = full.clone();
        for step in &STEPS[..steps] {
            h.apply(*step);
        }
        text(&h)
    };
    // First the caller loses what the account field says already.
    let one = after(1);
    assert!(
        one.contains("caller assumed-role/OrganizationAccountAccessRole/rekog-fleet-jane"),
        "{one}"
    );
    // The role is in the account shown: its account goes too.
    let two = after(2);
    assert!(
        two.contains("via → role/OrganizationAccountAccessRole "),
        "{two}"
    );
    let three = after(3);
    assert!(three.contains("endpoint vpce-0a1b"), "{three}");
    assert!(three.contains(".amazonaws.com  account"), "{three}");
    assert!(!after(4).contains("caller"), "{}", after(4));
    assert!(after(5).starts_with(" rekog   READ-ONLY "), "{}", after(5));
    // At the end only the badges, the region and the account are left.
    assert_eq!(
        text(&full.clone().fitted(0)),
        format!("  READ-ONLY   region ap-southeast-2  account {MEMBER}")
    );
}

#[test]
fn a_role_in_another_account_keeps_its_account() {
    let mut header = crowded();
    header.edit(Kind::Account, |a| *a = ACCOUNT.to_owned());
    header.apply(Step::ViaResource);
    assert_eq!(
        header.text_of(Kind::Via),
        Some(format!("→ {MEMBER}:role/OrganizationAccountAccessRole").as_str())
    );
}

#[test]
fn a_caller_without_the_account_on_the_line_keeps_its_arn() {
    let mut header = crowded();
    header.items.retain(|i| i.kind != Kind::Account);
    let arn = header.text_of(Kind::Caller).map(str::to_owned);
    header.apply(Step::CallerResource);
    assert_eq!(header.text_of(Kind::Caller).map(str::to_owned), arn);
}

#[rstest]
#[case("abcdef", 10, "abcdef")]
#[case("abcdefghij", 6, "abcde…")]
// The cut falls inside the digits: the whole run goes.
#[case("role:123456789012:x", 10, "role:…")]
#[case("role:123456789012:x", 18, "role:123456789012…")]
fn cuts_at_the_end(#[case] text: &str, #[case] width: usize, #[case] expected: &str) {
    assert_eq!(cut_end(text, width), expected);
    assert!(columns(&cut_end(text, width)) <= width.max(columns(text)));
}

#[rstest]
#[case(
    "https://vpce-0a1b.rekognition.amazonaws.com",
    21,
    "https://vp…zonaws.com"
)]
// Neither side keeps part of the account.
#[case("h://x-123456789012-y.example", 13, "h://x-…xample")]
#[case("h://x.example-123456789012", 13, "h://x.…")]
fn squeezes_in_the_middle(#[case] text: &str, #[case] width: usize, #[case] expected: &str) {
    let got = squeeze(text, width);
    assert_eq!(got, expected);
    assert!(columns(&got) <= width);
}

#[test]
fn resources_of_arns() {
    assert_eq!(resource("arn:aws:iam::1:role/Admin"), "role/Admin");
    assert_eq!(
        resource("arn:aws:sts::1:assumed-role/ops/jane"),
        "assumed-role/ops/jane"
    );
    // The resource may hold colons of its own.
    assert_eq!(resource("arn:aws:x:r:1:a:b"), "a:b");
    assert_eq!(resource("not-an-arn"), "not-an-arn");
}
