//! The regions where Rekognition's collection API is offered, with their names: the commercial
//! and GovCloud regions of the `rekognition` service in botocore 1.44.18's endpoint data
//! (`botocore/data/endpoints.json`), which follows the AWS General Reference's "Amazon
//! Rekognition endpoints and quotas". A table in the code because no API says which regions a
//! service is in; `regions = [...]` in config.toml narrows it.

/// `(code, name)`, in the order the picker and the fleet view show them.
pub const REKOGNITION: &[(&str, &str)] = &[
    ("us-east-1", "US East (N. Virginia)"),
    ("us-east-2", "US East (Ohio)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
    ("ca-central-1", "Canada (Central)"),
    ("sa-east-1", "South America (Sao Paulo)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-west-2", "Europe (London)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("eu-south-2", "Europe (Spain)"),
    ("il-central-1", "Israel (Tel Aviv)"),
    ("ap-south-1", "Asia Pacific (Mumbai)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
    ("ap-southeast-5", "Asia Pacific (Malaysia)"),
    ("ap-southeast-7", "Asia Pacific (Thailand)"),
    ("us-gov-west-1", "AWS GovCloud (US-West)"),
];

/// The region's name, or `None` for a code rekog does not know.
pub fn name(code: &str) -> Option<&'static str> {
    REKOGNITION
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// The partition `code` is in. Keys of one partition are refused in every other, and each
/// has its own endpoints: a commercial account has nothing to count in GovCloud.
pub fn partition(code: &str) -> &'static str {
    const PREFIXES: &[(&str, &str)] = &[
        ("us-gov-", "aws-us-gov"),
        ("cn-", "aws-cn"),
        ("us-isob-", "aws-iso-b"),
        ("us-isof-", "aws-iso-f"),
        ("us-iso-", "aws-iso"),
        ("eu-isoe-", "aws-iso-e"),
    ];
    PREFIXES
        .iter()
        .find(|(prefix, _)| code.starts_with(prefix))
        .map_or("aws", |(_, partition)| partition)
}

/// The regions to offer: `only` (from config.toml) in its own order when given, else the
/// table's regions in the partition of `home` (the session's region), all of them without
/// one. Codes outside the table are kept (a new region rekog does not know yet), with no
/// name; a home in a partition the table does not cover is offered alone.
pub fn offered(only: Option<&[String]>, home: Option<&str>) -> Vec<(String, Option<&'static str>)> {
    if let Some(codes) = only {
        return codes.iter().map(|c| (c.clone(), name(c))).collect();
    }
    let within = |code: &str| home.is_none_or(|home| partition(code) == partition(home));
    let table: Vec<_> = REKOGNITION
        .iter()
        .filter(|(c, _)| within(c))
        .map(|(c, n)| ((*c).to_owned(), Some(*n)))
        .collect();
    match home {
        Some(home) if table.is_empty() => vec![(home.to_owned(), name(home))],
        _ => table,
    }
}

/// Whether `code` looks like a region code (`xx-name-N`), for checking config.toml.
pub fn plausible(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes() {
        assert_eq!(name("eu-west-1"), Some("Europe (Ireland)"));
        assert_eq!(name("mars-north-1"), None);
        assert!(REKOGNITION.iter().all(|(c, _)| plausible(c)));
        assert!(!plausible("eu_west_1"));
        assert!(!plausible("eu-west"));
    }

    #[test]
    fn a_configured_list_keeps_its_order_and_unknown_codes() {
        let only = vec!["eu-west-1".to_owned(), "xx-new-1".to_owned()];
        let listed = vec![
            ("eu-west-1".to_owned(), Some("Europe (Ireland)")),
            ("xx-new-1".to_owned(), None),
        ];
        assert_eq!(offered(Some(&only), None), listed);
        // As configured, whatever the session's partition.
        assert_eq!(offered(Some(&only), Some("us-gov-west-1")), listed);
        assert_eq!(offered(None, None).len(), REKOGNITION.len());
    }

    /// A session's keys work in its own partition only: a commercial one is not offered
    /// GovCloud, a GovCloud one only GovCloud, one the table does not cover its own region.
    #[test]
    fn the_table_is_offered_within_the_sessions_partition() {
        let codes = |home| -> Vec<String> {
            offered(None, Some(home))
                .into_iter()
                .map(|(c, _)| c)
                .collect()
        };
        let commercial = codes("eu-west-1");
        assert!(commercial.contains(&"us-east-1".to_owned()));
        assert!(!commercial.iter().any(|c| c.starts_with("us-gov-")));
        assert_eq!(commercial.len(), REKOGNITION.len() - 1);
        assert_eq!(codes("us-gov-west-1"), ["us-gov-west-1"]);
        assert_eq!(codes("us-gov-east-1"), ["us-gov-west-1"]);
        assert_eq!(codes("cn-north-1"), ["cn-north-1"]);
        assert_eq!(partition("us-isob-east-1"), "aws-iso-b");
        assert_eq!(partition("us-iso-east-1"), "aws-iso");
        assert_eq!(partition("us-east-1"), "aws");
    }
}
