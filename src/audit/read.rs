//! Reading the trail back: for `rekog audit`, and at start to find calls that never
//! finished. A line that cannot be read is counted and skipped, never fatal.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use super::{AuditError, Event, Record};
use crate::time;

/// One readable line: the text as written, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub line: String,
    pub record: Record,
    /// `record.time` in epoch milliseconds.
    pub time_ms: i64,
}

/// Every readable line of a trail, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trail {
    pub entries: Vec<Entry>,
    /// Lines that were not UTF-8, not JSON, or not a record (say, cut short by a crash).
    pub skipped: usize,
}

/// Intents with no outcome line, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Unfinished {
    pub intents: Vec<Record>,
    pub skipped: usize,
}

/// Reads the whole trail. No file yet is an empty trail.
pub fn read(path: &Path) -> Result<Trail, AuditError> {
    let mut trail = Trail::default();
    trail.skipped = each_entry(path, |entry| trail.entries.push(entry))?;
    Ok(trail)
}

/// The intents that no outcome line closes, in the order they were written. Memory grows
/// with the number of open intents, not with the size of the trail.
pub fn unfinished(path: &Path) -> Result<Unfinished, AuditError> {
    let mut open: HashMap<String, (usize, Record)> = HashMap::new();
    let mut order = 0;
    let skipped = each_entry(path, |entry| match entry.record.event {
        Event::Intent => {
            order += 1;
            open.insert(entry.record.id.clone(), (order, entry.record));
        }
        Event::Outcome => {
            open.remove(&entry.record.id);
        }
    })?;
    let mut intents: Vec<(usize, Record)> = open.into_values().collect();
    intents.sort_by_key(|(n, _)| *n);
    Ok(Unfinished {
        intents: intents.into_iter().map(|(_, r)| r).collect(),
        skipped,
    })
}

/// Calls `f` for each readable line; returns how many lines were skipped.
fn each_entry(path: &Path, mut f: impl FnMut(Entry)) -> Result<usize, AuditError> {
    let read_err = |source| AuditError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(read_err(e)),
    };
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    let mut skipped = 0;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf).map_err(read_err)? == 0 {
            return Ok(skipped);
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match parse_line(&buf) {
            Some(entry) => f(entry),
            None => skipped += 1,
        }
    }
}

fn parse_line(bytes: &[u8]) -> Option<Entry> {
    let line = std::str::from_utf8(bytes)
        .ok()?
        .trim_end_matches(['\n', '\r']);
    let record: Record = serde_json::from_str(line).ok()?;
    let time_ms = time::parse_rfc3339(&record.time)?;
    if record.id.is_empty() {
        return None;
    }
    Some(Entry {
        line: line.to_owned(),
        record,
        time_ms,
    })
}
