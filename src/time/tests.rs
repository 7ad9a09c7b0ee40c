use rstest::rstest;

use super::*;

// Reference values from `date -u -d @SECONDS +%FT%TZ`.
const KNOWN: [(i64, &str); 6] = [
    (0, "1970-01-01T00:00:00.000Z"),
    (951_782_400_000, "2000-02-29T00:00:00.000Z"),
    (1_709_251_199_999, "2024-02-29T23:59:59.999Z"),
    (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
    (1_714_566_896_789, "2024-05-01T12:34:56.789Z"),
    (-1_000, "1969-12-31T23:59:59.000Z"),
];

#[test]
fn formats_known_instants() {
    for (ms, text) in KNOWN {
        assert_eq!(format_rfc3339(ms), text);
        assert_eq!(parse_rfc3339(text), Some(ms), "{text}");
    }
}

#[test]
fn every_day_for_four_centuries_round_trips() {
    for day in -20_000..146_097 {
        let (y, m, d) = civil_from_days(day);
        assert!((1..=days_in_month(y, m)).contains(&d), "{y}-{m}-{d}");
        assert_eq!(days_from_civil(y, m, d), day);
    }
}

#[test]
fn parses_offsets_and_fractions() {
    let base = 1_714_566_896_000;
    assert_eq!(parse_rfc3339("2024-05-01T12:34:56Z"), Some(base));
    assert_eq!(parse_rfc3339("2024-05-01t12:34:56z"), Some(base));
    assert_eq!(parse_rfc3339("2024-05-01T14:34:56+02:00"), Some(base));
    assert_eq!(parse_rfc3339("2024-05-01T07:04:56-05:30"), Some(base));
    assert_eq!(parse_rfc3339("2024-05-01T12:34:56.5Z"), Some(base + 500));
    assert_eq!(
        parse_rfc3339("2024-05-01T12:34:56.123456789Z"),
        Some(base + 123)
    );
}

#[test]
fn refuses_what_is_not_a_timestamp() {
    for bad in [
        "",
        "yesterday",
        "2024-05-01",
        "2024-05-01T12:34:56",
        "2024-13-01T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2024-05-01T24:00:00Z",
        "2024-05-01T12:34:56.Z",
        "2024-05-01T12:34:56+2:00",
        "2024-05-01T12:34:56Zjunk",
        "2024-0a-01T12:34:56Z",
        "2024-05-01T12:34:56é",
    ] {
        assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
    }
}

#[test]
fn a_leap_second_is_the_one_before_in_millis_and_the_one_after_in_seconds() {
    // As the audit trail and the emulator each read them before they shared this module.
    assert_eq!(
        parse_rfc3339("2016-12-31T23:59:60Z"),
        parse_rfc3339("2016-12-31T23:59:59Z")
    );
    assert_eq!(
        parse_rfc3339_secs("2016-12-31T23:59:60Z"),
        parse_rfc3339_secs("2017-01-01T00:00:00Z")
    );
    assert_eq!(
        parse_rfc3339_secs("2025-03-01T10:00:00.Z"),
        Some(1_740_823_200.0)
    );
}

#[test]
fn durations() {
    assert_eq!(parse_duration("90m"), Ok(90 * 60_000));
    assert_eq!(parse_duration("24h"), Ok(86_400_000));
    assert_eq!(parse_duration("7d"), Ok(7 * 86_400_000));
    assert_eq!(parse_duration("30s"), Ok(30_000));
    assert_eq!(parse_duration("2w"), Ok(14 * 86_400_000));
    for bad in [
        "",
        "7",
        "d",
        "7x",
        "-7d",
        "1.5h",
        "0h",
        "99999999999999999999d",
    ] {
        assert!(parse_duration(bad).is_err(), "{bad:?}");
    }
    assert!(
        parse_duration("9999999999999d")
            .unwrap_err()
            .contains("too long")
    );
}

#[test]
fn parses_rfc3339_to_seconds() {
    assert_eq!(parse_rfc3339_secs("1970-01-01T00:00:00Z"), Some(0.0));
    assert_eq!(
        parse_rfc3339_secs("2025-03-01T10:00:00Z"),
        Some(1_740_823_200.0)
    );
    assert_eq!(
        parse_rfc3339_secs("2025-03-01T11:00:00.5+01:00"),
        Some(1_740_823_200.5)
    );
    assert_eq!(
        parse_rfc3339_secs("2024-02-29T00:00:00Z"),
        Some(1_709_164_800.0)
    );
    assert_eq!(parse_rfc3339_secs("2025-02-29T00:00:00Z"), None);
    assert_eq!(parse_rfc3339_secs("2025-03-01"), None);
    assert_eq!(parse_rfc3339_secs("2025-03-01T10:00:00"), None);
    assert_eq!(parse_rfc3339_secs("2025-03-01T10:00:00Zjunk"), None);
    assert_eq!(parse_rfc3339_secs("2025-03-01T10:00:00é"), None);
}

#[test]
fn parses_amz_dates() {
    assert_eq!(parse_amz_date("20250301T100000Z"), Some(1_740_823_200));
    assert_eq!(parse_amz_date("20250301T100000"), None);
    assert_eq!(parse_amz_date("2025030XT100000Z"), None);
}

#[rstest]
#[case(0, "1970-01-01 00:00")]
#[case(951_782_400, "2000-02-29 00:00")]
#[case(1_714_566_896, "2024-05-01 12:34")]
#[case(-1, "1969-12-31 23:59")]
fn utc_datetime_is_civil(#[case] secs: i64, #[case] want: &str) {
    assert_eq!(utc_datetime(secs), want);
}

#[test]
fn utc_datetime_survives_extremes() {
    assert!(!utc_datetime(i64::MAX).is_empty());
    assert!(!utc_datetime(i64::MIN).is_empty());
}

#[test]
fn utc_time_of_day() {
    assert_eq!(utc_time(1_714_566_896_789), "12:34:56");
    assert_eq!(utc_time(-1), "23:59:59");
}
