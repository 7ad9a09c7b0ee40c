//! Reading timestamps and spans: RFC 3339 (audit trail, seed files), SigV4's `X-Amz-Date`,
//! and `--since` durations.

use super::{MS_PER_DAY, epoch_secs};

/// An RFC 3339 timestamp taken apart, for the two precisions callers want.
struct Stamp<'a> {
    /// Whole seconds since the epoch, the offset applied; a leap second counts as the first
    /// second of the next minute.
    secs: i64,
    leap: bool,
    /// The digits after the `.`, when there is one (possibly none of them).
    fraction: Option<&'a str>,
}

/// `2024-05-01T12:34:56.789Z` or with a numeric offset (`+02:00`); `T` may be `t` or a
/// space, `Z` may be `z`.
fn split_rfc3339(s: &str) -> Option<Stamp<'_>> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = b.get(from..from + len)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let sep = |at: usize, allowed: &[u8]| b.get(at).is_some_and(|c| allowed.contains(c));
    if !(sep(4, b"-") && sep(7, b"-") && sep(10, b"Tt ") && sep(13, b":") && sep(16, b":")) {
        return None;
    }
    let sec = num(17, 2)?;
    let base = epoch_secs(
        num(0, 4)?,
        num(5, 2)?,
        num(8, 2)?,
        num(11, 2)?,
        num(14, 2)?,
        sec,
    )?;
    let mut at = 19;
    let mut fraction = None;
    if b.get(at) == Some(&b'.') {
        let digits = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        // Byte `at` is the ASCII `.` and the digits are ASCII: both ends are char boundaries.
        fraction = s.get(at + 1..at + 1 + digits);
        at += 1 + digits;
    }
    let offset_min = match b.get(at..)? {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), ..] if b.len() == at + 6 && sep(at + 3, b":") => {
            let (oh, om) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let m = oh * 60 + om;
            if *sign == b'-' { -m } else { m }
        }
        _ => return None,
    };
    Some(Stamp {
        secs: base - offset_min * 60,
        leap: sec == 60,
        fraction,
    })
}

/// Parses an RFC 3339 timestamp (`Z` or a numeric offset, any fraction) to epoch millis,
/// as the audit trail records them. A `.` needs at least one digit after it.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let stamp = split_rfc3339(s)?;
    let millis = match stamp.fraction {
        None => 0,
        Some("") => return None,
        Some(digits) => format!("{:0<3}", &digits[..digits.len().min(3)])
            .parse::<i64>()
            .ok()?,
    };
    // A leap second is folded into the second before it rather than refused.
    let secs = stamp.secs - i64::from(stamp.leap);
    Some(secs * 1000 + millis)
}

/// Parses an RFC 3339 timestamp to epoch seconds with the whole fraction, as the emulator
/// keeps CreationTimestamp, e.g. `2025-03-01T10:00:00Z`, `2025-03-01T10:00:00.5+01:00`.
pub fn parse_rfc3339_secs(s: &str) -> Option<f64> {
    let stamp = split_rfc3339(s)?;
    let fraction: f64 = match stamp.fraction {
        None => 0.0,
        Some(digits) => format!("0.{digits}").parse().ok()?,
    };
    Some(stamp.secs as f64 + fraction)
}

/// SigV4's `X-Amz-Date`, e.g. `20250301T100000Z`, to epoch seconds.
pub fn parse_amz_date(text: &str) -> Option<i64> {
    if text.len() != 16 || text.as_bytes()[8] != b'T' || !text.ends_with('Z') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    epoch_secs(
        num(0..4)?,
        num(4..6)?,
        num(6..8)?,
        num(9..11)?,
        num(11..13)?,
        num(13..15)?,
    )
}

/// A `--since` span like `90m`, `24h`, `7d` (also `s` and `w`), in milliseconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let hint = "expected a whole number and a unit (s, m, h, d or w), like 90m, 24h or 7d";
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let unit_ms: i64 = match unit {
        "s" => 1000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => MS_PER_DAY,
        "w" => 7 * MS_PER_DAY,
        _ => return Err(format!("{s:?}: {hint}")),
    };
    let n: i64 = digits.parse().map_err(|_| format!("{s:?}: {hint}"))?;
    if n == 0 {
        return Err(format!("{s:?}: the span must be longer than zero"));
    }
    n.checked_mul(unit_ms)
        .ok_or_else(|| format!("{s:?}: the span is too long"))
}
