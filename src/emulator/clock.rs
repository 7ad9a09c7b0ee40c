//! The few calendar conversions the emulator needs (seed timestamps, SigV4 dates), done by
//! hand to avoid a date crate for three functions.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the epoch, with sub-second precision.
pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn epoch(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let valid = (1..=12).contains(&mo)
        && (1..=days_in_month(y, mo)).contains(&d)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..61).contains(&s);
    valid.then(|| days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// RFC 3339, e.g. `2025-03-01T10:00:00Z`, `2025-03-01T10:00:00.5+01:00`.
pub fn parse_rfc3339(text: &str) -> Option<f64> {
    let t = text.get(..19)?;
    let b = t.as_bytes();
    if b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let base = epoch(
        num(&t[0..4])?,
        num(&t[5..7])?,
        num(&t[8..10])?,
        num(&t[11..13])?,
        num(&t[14..16])?,
        num(&t[17..19])?,
    )?;
    let mut rest = &text[19..];
    let mut fraction = 0.0;
    if let Some(after_dot) = rest.strip_prefix('.') {
        let digits = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        fraction = format!("0.{}", after_dot.get(..digits)?).parse().ok()?;
        rest = &after_dot[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hh = num(rest.get(1..3)?)?;
            let mm = num(rest.get(4..6)?)?;
            if rest.len() != 6 || rest.as_bytes()[3] != b':' || hh > 23 || mm > 59 {
                return None;
            }
            sign * (hh * 3600 + mm * 60)
        }
    };
    Some((base - offset) as f64 + fraction)
}

/// SigV4's `X-Amz-Date`, e.g. `20250301T100000Z`.
pub fn parse_amz_date(text: &str) -> Option<i64> {
    if text.len() != 16 || text.as_bytes()[8] != b'T' || !text.ends_with('Z') {
        return None;
    }
    epoch(
        num(text.get(0..4)?)?,
        num(text.get(4..6)?)?,
        num(text.get(6..8)?)?,
        num(text.get(9..11)?)?,
        num(text.get(11..13)?)?,
        num(text.get(13..15)?)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_rfc3339("2025-03-01T10:00:00Z"), Some(1_740_823_200.0));
        assert_eq!(
            parse_rfc3339("2025-03-01T11:00:00.5+01:00"),
            Some(1_740_823_200.5)
        );
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800.0));
        assert_eq!(parse_rfc3339("2025-02-29T00:00:00Z"), None);
        assert_eq!(parse_rfc3339("2025-03-01"), None);
        assert_eq!(parse_rfc3339("2025-03-01T10:00:00"), None);
        assert_eq!(parse_rfc3339("2025-03-01T10:00:00Zjunk"), None);
        assert_eq!(parse_rfc3339("2025-03-01T10:00:00é"), None);
    }

    #[test]
    fn parses_amz_dates() {
        assert_eq!(parse_amz_date("20250301T100000Z"), Some(1_740_823_200));
        assert_eq!(parse_amz_date("20250301T100000"), None);
        assert_eq!(parse_amz_date("2025030XT100000Z"), None);
    }
}
