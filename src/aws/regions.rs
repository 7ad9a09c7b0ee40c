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

/// The regions to offer: `only` (from config.toml) in its own order when given, else the
/// whole table. Codes outside the table are kept (a new region rekog does not know yet),
/// with no name.
pub fn offered(only: Option<&[String]>) -> Vec<(String, Option<&'static str>)> {
    match only {
        Some(codes) => codes.iter().map(|c| (c.clone(), name(c))).collect(),
        None => REKOGNITION
            .iter()
            .map(|(c, n)| ((*c).to_owned(), Some(*n)))
            .collect(),
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
        assert_eq!(
            offered(Some(&only)),
            vec![
                ("eu-west-1".to_owned(), Some("Europe (Ireland)")),
                ("xx-new-1".to_owned(), None)
            ]
        );
        assert_eq!(offered(None).len(), REKOGNITION.len());
    }
}
