//! Pure text formatting shared by `update` (log entries) and the ui (table cells).

use std::time::Duration;

use super::msg::Timestamp;

/// `12345678` -> `12,345,678`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 face`, `12,345 faces`.
pub fn count(n: u64, singular: &str, plural: &str) -> String {
    let noun = if n == 1 { singular } else { plural };
    format!("{} {noun}", thousands(n))
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`); exact for every `i64` day count this module can be handed.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are within 1..=31 and 1..=12 by construction of the algorithm.
    (year, day_u32(month), day_u32(day))
}

fn day_u32(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

/// Epoch seconds as `2024-05-01 12:34` (UTC). Seconds would not help an operator here.
pub fn utc_datetime(secs: i64) -> String {
    // Clamp to a range where the day arithmetic cannot overflow (year ±250 million).
    let secs = secs.clamp(-(1 << 53), 1 << 53);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}",
        sod / 3600,
        sod % 3600 / 60
    )
}

/// Milliseconds since the epoch as `12:34:56` (UTC), the log pane's clock.
pub fn utc_time(ms: Timestamp) -> String {
    let sod = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", sod / 3600, sod % 3600 / 60, sod % 60)
}

/// `142 ms`, `3.4 s`.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 10_000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// The account of an ARN: `arn:aws:rekognition:us-east-1:123456789012:collection/x`.
pub fn account_of(arn: &str) -> Option<&str> {
    let account = arn.split(':').nth(4)?;
    (!account.is_empty()).then_some(account)
}

/// Replaces control characters (newlines, escapes) that a service message might carry, so
/// they cannot move the cursor or break a line of the screen.
pub fn sanitize(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Columns a character takes. Anything outside ASCII is counted as two, so a wrapped line
/// never overflows its pane (at worst a line with wide text wraps a little early).
fn char_width(c: char) -> usize {
    if c.is_ascii() { 1 } else { 2 }
}

/// Columns a string takes, by the same rule as [`wrap`].
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Splits `text` into lines of at most `width` columns, breaking at spaces where possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split(' ') {
        let w = self::width(word);
        let sep = usize::from(!line.is_empty());
        if used + sep + w <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            used += sep + w;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        // A word longer than the line is cut wherever it must be.
        for c in word.chars() {
            let cw = char_width(c);
            if used + cw > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case(0, "0")]
    #[case(999, "999")]
    #[case(1000, "1,000")]
    #[case(20_000_000, "20,000,000")]
    #[case(u64::MAX, "18,446,744,073,709,551,615")]
    fn thousands_groups_digits(#[case] n: u64, #[case] want: &str) {
        assert_eq!(thousands(n), want);
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

    #[rstest]
    #[case(
        "arn:aws:rekognition:us-east-1:123456789012:collection/x",
        Some("123456789012")
    )]
    #[case("arn:aws:rekognition:us-east-1::collection/x", None)]
    #[case("nonsense", None)]
    fn account_from_arn(#[case] arn: &str, #[case] want: Option<&str>) {
        assert_eq!(account_of(arn), want);
    }

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("aaa bbb ccc", 7), ["aaa bbb", "ccc"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), [""]);
        assert!(wrap("héllo wörld", 6).iter().all(|l| width(l) <= 6));
    }

    #[test]
    fn sanitize_removes_control_characters() {
        assert_eq!(sanitize("a\nb\x1b[2Jc"), "a b [2Jc");
    }
}
