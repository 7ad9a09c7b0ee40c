//! The log pane's model: one entry per API call the user caused, kept for the whole session,
//! newest last, with a one-line hint on errors. Scrolling is counted in wrapped lines.

use std::time::Duration;

use super::msg::Timestamp;
use crate::aws::api::{ApiError, ErrorKind, FaceRefusal};
use crate::ids::COLLECTION_ID;
use crate::text::{duration, sanitize, to_ascii, wrap};
use crate::time::utc_time;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub at: Timestamp,
    pub level: Level,
    pub text: String,
    pub hint: Option<String>,
}

/// What a wrapped line of an entry is, so the ui can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Starts with the entry's `HH:MM:SS ` stamp.
    First,
    Continued,
    Hint,
}

/// Width of the `HH:MM:SS ` stamp; later lines are indented by as much.
pub const STAMP: usize = 9;

impl Entry {
    pub fn lines(&self, width: usize) -> Vec<(LineKind, String)> {
        let indent = " ".repeat(STAMP);
        let body = width.saturating_sub(STAMP).max(8);
        let mut out = Vec::new();
        for (i, line) in wrap(&self.text, body).into_iter().enumerate() {
            if i == 0 {
                out.push((LineKind::First, format!("{} {line}", utc_time(self.at))));
            } else {
                out.push((LineKind::Continued, format!("{indent}{line}")));
            }
        }
        if let Some(hint) = &self.hint {
            for line in wrap(&format!("hint: {hint}"), body) {
                out.push((LineKind::Hint, format!("{indent}{line}")));
            }
        }
        out
    }
}

/// The facts of one call that every entry about it shows.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    pub op: &'a str,
    pub target: Option<&'a str>,
    pub request_id: Option<&'a str>,
    pub elapsed: Duration,
}

impl Call<'_> {
    fn text(&self, outcome: &str) -> String {
        let mut text = self.op.to_owned();
        if let Some(target) = self.target {
            text.push(' ');
            text.push_str(target);
        }
        text.push_str(": ");
        text.push_str(&sanitize(outcome));
        if let Some(id) = self.request_id {
            text.push_str(" · request ");
            text.push_str(&sanitize(id));
        }
        text.push_str(" · ");
        text.push_str(&duration(self.elapsed));
        text
    }

    pub fn entry(&self, at: Timestamp, level: Level, outcome: &str, hint: Option<String>) -> Entry {
        Entry {
            at,
            level,
            text: self.text(outcome),
            hint,
        }
    }
}

/// The log's words for a face the service did not act on: `DeleteFaces lobby: face F not
/// deleted: REASON, REASON (user U)`.
pub fn face_refused(op: &str, id: &str, verb: &str, face: &FaceRefusal) -> String {
    let reasons = if face.reasons.is_empty() {
        "no reason given".to_owned()
    } else {
        face.reasons.join(", ")
    };
    let mut text = format!("{op} {id}: face {} {verb}: {reasons}", face.face_id);
    if let Some(user) = &face.user_id {
        text.push_str(&format!(" (user {user})"));
    }
    text
}

/// `AccessDeniedException: User ... is not authorized`, or the class when there is no code.
pub fn describe_error(err: &ApiError) -> String {
    let name = match &err.code {
        Some(code) => code.clone(),
        None => format!("{:?}", err.kind),
    };
    format!("{name}: {}", err.message)
}

/// What the operator can do about an error, in one line.
pub fn hint(op: &str, err: &ApiError, resource: &str, endpoint: &str) -> Option<String> {
    Some(match err.kind {
        ErrorKind::AccessDenied => format!("needs IAM permission rekognition:{op} on {resource}"),
        ErrorKind::Throttled => {
            "throttled: the call was already retried; wait a little and try again".into()
        }
        ErrorKind::Service => "a transient service error; try again in a moment".into(),
        ErrorKind::InvalidParameter
            if err.code.as_deref() == Some("InvalidPaginationTokenException") =>
        {
            "the listing's page token is no longer valid; press r to list again".into()
        }
        // No code and no status: rekog refused the search itself (a photo it could not
        // read), so the collection ID hint below would point the wrong way.
        ErrorKind::InvalidParameter if err.code.is_none() && err.status.is_none() => {
            "nothing was changed; correct the search (/) and try again".into()
        }
        ErrorKind::InvalidParameter => format!(
            "the service rejected a parameter ({}); a collection ID is {}-{} of {}",
            sanitize(&err.message),
            COLLECTION_ID.min,
            COLLECTION_ID.max,
            COLLECTION_ID.summary()
        ),
        ErrorKind::NotFound => "the collection no longer exists; press r to refresh".into(),
        ErrorKind::Network => format!("could not reach {endpoint}; check the network"),
        ErrorKind::Timeout => "no answer within --timeout; the service may be slow".into(),
        ErrorKind::Credentials => {
            "refresh the credentials (e.g. aws sso login) or pick one with --profile".into()
        }
        ErrorKind::Refused if err.code.as_deref() == Some("AuditTrailUnavailable") => {
            "nothing was changed; make the audit trail writable and try again".into()
        }
        ErrorKind::Refused => "rekog runs read-only; restart without --read-only".into(),
        ErrorKind::Other => return None,
    })
}

/// All entries, and how many wrapped lines are hidden below the pane (0: follow the newest).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log {
    pub entries: Vec<Entry>,
    pub scroll: usize,
    /// Only ASCII reaches the terminal: entries are kept in ASCII from the start, so their
    /// wrapped lines are what the pane shows.
    pub ascii: bool,
}

impl Log {
    pub fn total_lines(&self, width: usize) -> usize {
        self.entries.iter().map(|e| e.lines(width).len()).sum()
    }

    /// Appends an entry; a pane scrolled back keeps showing the same lines.
    pub fn push(&mut self, mut entry: Entry, width: usize) {
        if self.ascii {
            entry.text = to_ascii(&entry.text).into_owned();
            entry.hint = entry.hint.map(|h| to_ascii(&h).into_owned());
        }
        if self.scroll > 0 {
            self.scroll += entry.lines(width).len();
        }
        self.entries.push(entry);
    }

    fn max_scroll(&self, width: usize, rows: usize) -> usize {
        self.total_lines(width).saturating_sub(rows)
    }

    /// Positive `delta` scrolls back towards older entries.
    pub fn scroll_by(&mut self, delta: isize, width: usize, rows: usize) {
        let max = self.max_scroll(width, rows);
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    pub fn to_oldest(&mut self, width: usize, rows: usize) {
        self.scroll = self.max_scroll(width, rows);
    }

    pub fn to_newest(&mut self) {
        self.scroll = 0;
    }

    pub fn clamp(&mut self, width: usize, rows: usize) {
        self.scroll = self.scroll.min(self.max_scroll(width, rows));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str) -> Entry {
        Entry {
            at: 0,
            level: Level::Info,
            text: text.into(),
            hint: None,
        }
    }

    #[test]
    fn scrolled_back_pane_stays_put_when_entries_arrive() {
        let mut log = Log::default();
        for i in 0..10 {
            log.push(entry(&format!("e{i}")), 80);
        }
        log.scroll_by(3, 80, 4);
        log.push(entry("new"), 80);
        assert_eq!(log.scroll, 4);
        log.scroll_by(100, 80, 4);
        assert_eq!(log.scroll, 7, "clamped so the oldest line tops the pane");
        log.to_newest();
        log.push(entry("newer"), 80);
        assert_eq!(log.scroll, 0);
    }

    #[test]
    fn long_entries_wrap_under_the_stamp_and_hints_follow() {
        let mut e = entry(&"word ".repeat(30));
        e.hint = Some("do this".into());
        let lines = e.lines(40);
        assert_eq!(lines[0].0, LineKind::First);
        assert!(lines[1].1.starts_with("         word"));
        assert_eq!(lines.last().map(|l| l.0), Some(LineKind::Hint));
        assert!(lines.iter().all(|(_, l)| l.len() <= 40));
    }
}
