//! Time for the whole crate: the wall clock, civil dates (after Howard Hinnant's
//! `days_from_civil` / `civil_from_days`), RFC 3339 and SigV4 timestamps, and `--since`
//! spans. Done by hand to avoid a date crate for a handful of functions.
//!
//! Everything here is pure except [`now_ms`] and [`now_secs`]; the app's `update` never
//! calls those, its time comes in through messages.

mod parse;

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use parse::{parse_amz_date, parse_duration, parse_rfc3339, parse_rfc3339_secs};

const MS_PER_DAY: i64 = 86_400_000;

/// Where the clock stands still, when it does.
static FROZEN: OnceLock<i64> = OnceLock::new();

/// Stops the clock at `ms` for the rest of the process: every timestamp is that instant and
/// every measured call takes no time. Only `rekog --demo` does this (`REKOG_CLOCK`), so that
/// a recorded demo shows the same screens each time it is made.
pub fn freeze(ms: i64) {
    let _ = FROZEN.set(ms);
}

/// Measures how long a call takes, as the log pane shows it; nothing while the clock stands
/// still.
#[derive(Debug, Clone, Copy)]
pub struct Stopwatch(Instant);

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch(Instant::now())
    }

    pub fn elapsed(&self) -> Duration {
        match FROZEN.get() {
            Some(_) => Duration::ZERO,
            None => self.0.elapsed(),
        }
    }
}

/// The wall clock, in milliseconds since the epoch (0 if the clock is before 1970).
pub fn now_ms() -> i64 {
    if let Some(ms) = FROZEN.get() {
        return *ms;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The wall clock in whole seconds, even while [`freeze`] stops rekog's own clock: a
/// signature is checked against the time its signer used.
pub fn wall_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// The wall clock in seconds since the epoch, with sub-second precision (the emulator's
/// CreationTimestamp).
pub fn now_secs() -> f64 {
    if let Some(ms) = FROZEN.get() {
        return *ms as f64 / 1000.0;
    }
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0)
}

/// `2024-05-01T12:34:56.789Z`: fixed width, so lines sort and compare as text too.
pub fn format_rfc3339(ms: i64) -> String {
    let days = ms.div_euclid(MS_PER_DAY);
    let in_day = ms.rem_euclid(MS_PER_DAY);
    let (y, m, d) = civil_from_days(days);
    let (secs, millis) = (in_day / 1000, in_day % 1000);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
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
pub fn utc_time(ms: i64) -> String {
    let sod = ms.div_euclid(1000).rem_euclid(86_400);
    format!("{:02}:{:02}:{:02}", sod / 3600, sod % 3600 / 60, sod % 60)
}

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Proleptic Gregorian (year, month, day) of a day count since 1970-01-01; exact for every
/// day count the callers can hand in (they clamp or derive it from an `i64` of millis).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Epoch seconds of a UTC date and time, if it is a valid one; second 60 (a leap second)
/// is accepted and counts as the first second of the next minute.
fn epoch_secs(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let valid = (1..=12).contains(&mo)
        && (1..=days_in_month(y, mo)).contains(&d)
        && (0..24).contains(&h)
        && (0..60).contains(&mi)
        && (0..=60).contains(&s);
    valid.then(|| days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

#[cfg(test)]
mod tests;
