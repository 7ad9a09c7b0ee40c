//! `rekog audit --verify`: the chain read from the first line to the last, and every
//! manifest a record names. It stops at the first bad record and says what is wrong there:
//! a line edited, removed, inserted, moved, cut mid-line, or a manifest changed or gone.
//! Streaming, one line of lookahead: memory does not grow with the trail.

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use sha2::{Digest, Sha256};

use super::chain::{self, genesis_hash, head, line_hash};
use crate::text::thousands;

mod report;

pub use report::{Broken, Head, Verified, VerifyError};

/// One line of the file: its bytes without the newline, and whether it had one.
#[derive(Default)]
struct Line {
    number: u64,
    bytes: Vec<u8>,
    complete: bool,
}

struct Lines<R> {
    reader: R,
    number: u64,
}

impl<R: BufRead> Lines<R> {
    /// Reads the next line into `line`, reusing its buffer; `false` at the end.
    fn read_into(&mut self, line: &mut Line) -> std::io::Result<bool> {
        line.bytes.clear();
        if self.reader.read_until(b'\n', &mut line.bytes)? == 0 {
            return Ok(false);
        }
        self.number += 1;
        line.number = self.number;
        line.complete = line.bytes.last() == Some(&b'\n');
        if line.complete {
            line.bytes.pop();
        }
        Ok(true)
    }
}

/// What a record says of a manifest, read only from lines that name one.
#[derive(serde::Deserialize)]
struct ManifestRef {
    operation: Option<String>,
    manifest: Option<String>,
    manifest_sha256: Option<String>,
}

/// The operation of the record that says rekog removed a manifest on purpose.
pub const PRUNE: &str = "PruneManifest";

/// Verifies the trail at `path`; with `expect`, also that it still holds that record as it
/// was. A trail that does not exist is empty.
pub fn verify(path: &Path, expect: Option<&Head>) -> Result<Verified, VerifyError> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let verified = Verified {
                records: 0,
                unchained_lines: 0,
                head: None,
                manifests_checked: 0,
                manifests_pruned: 0,
            };
            return match expect {
                Some(head) => Err(VerifyError::Broken(Broken {
                    line: 0,
                    seq: Some(head.seq),
                    what: "the trail is gone, and the head kept names this record".into(),
                })),
                None => Ok(verified),
            };
        }
        Err(e) => return Err(e.into()),
    };
    let mut lines = Lines {
        reader: BufReader::with_capacity(1 << 20, file),
        number: 0,
    };
    let mut walk = Walk::default();
    // Two buffers for the line and the one after it, swapped, never reallocated.
    let (mut line, mut next) = (Line::default(), Line::default());
    let mut more = lines.read_into(&mut next)?;
    while more {
        std::mem::swap(&mut line, &mut next);
        more = lines.read_into(&mut next)?;
        walk.step(&line, more.then_some(&next), expect)
            .map_err(VerifyError::Broken)?;
    }
    walk.finish(expect).map_err(VerifyError::Broken)
}

#[derive(Default)]
struct Walk {
    /// Bytes before the first chained record, hashed as they come.
    before: Option<Sha256>,
    unchained_lines: u64,
    /// The last good record: its seq, its line's hash, its line number.
    last: Option<(u64, String, u64)>,
    records: u64,
    expect_seen: bool,
    /// Manifest path -> (seq and line of the first record naming it, its sha256).
    manifests: BTreeMap<String, (u64, u64, String)>,
    pruned: HashSet<String>,
}

impl Walk {
    fn step(
        &mut self,
        line: &Line,
        next: Option<&Line>,
        expect: Option<&Head>,
    ) -> Result<(), Broken> {
        let Some((expected, prev_hash, prev_line)) = self.expected() else {
            return self.before_chain(line);
        };
        let broken = |seq: Option<u64>, what: String| Broken {
            line: line.number,
            seq,
            what,
        };
        let next_is = |seq: u64, prev: &str| {
            next.and_then(|n| head(&n.bytes))
                .is_some_and(|(s, p)| s == seq && p == prev)
        };
        if !line.complete {
            return Err(broken(
                Some(expected),
                format!(
                    "cut mid-line: the trail ends in {} bytes of a record that was never finished",
                    line.bytes.len()
                ),
            ));
        }
        let Some((seq, prev)) = head(&line.bytes) else {
            if next_is(expected, &prev_hash) {
                return Err(broken(
                    None,
                    "inserted: a line that is not a link of the chain, between two that are".into(),
                ));
            }
            if looks_cut(&line.bytes) {
                return Err(broken(
                    Some(expected),
                    "cut mid-line: a record that was never finished".into(),
                ));
            }
            return Err(broken(
                Some(expected),
                "changed: it no longer reads as a record of the chain".into(),
            ));
        };
        if seq == expected && prev == prev_hash {
            self.accept(line, seq)?;
            if let Some(head) = expect.filter(|h| h.seq == seq) {
                self.expect_seen = true;
                if line_hash(&line.bytes) != head.hash {
                    return Err(broken(
                        Some(seq),
                        format!(
                            "not the record the kept head {head} names: the trail was rewritten"
                        ),
                    ));
                }
            }
            return Ok(());
        }
        if seq == expected {
            if next_is(expected, &prev_hash) {
                return Err(broken(
                    None,
                    format!("inserted: a second record {seq}, which the chain does not hold"),
                ));
            }
            return Err(Broken {
                line: prev_line,
                seq: Some(expected - 1),
                what: format!(
                    "changed after it was written: its SHA-256 is not the one record {expected} holds for it"
                ),
            });
        }
        if seq > expected {
            if next
                .and_then(|n| head(&n.bytes))
                .is_some_and(|(s, _)| s == expected)
            {
                return Err(broken(
                    Some(seq),
                    format!("out of order: it comes before record {expected}, reordered"),
                ));
            }
            let gone = if seq - expected == 1 {
                "removed".to_owned()
            } else {
                format!("removed, with the records up to {}", seq - 1)
            };
            return Err(broken(
                Some(expected),
                format!("{gone}: record {seq} follows record {} here", expected - 1),
            ));
        }
        if next_is(expected, &prev_hash) {
            return Err(broken(
                None,
                format!(
                    "inserted: a copy of record {seq} after record {}",
                    expected - 1
                ),
            ));
        }
        Err(broken(
            Some(seq),
            format!("out of order: it comes after record {}", expected - 1),
        ))
    }

    /// The seq, prev and line of the record due next, once the chain has started.
    fn expected(&self) -> Option<(u64, String, u64)> {
        self.last
            .as_ref()
            .map(|(seq, hash, line)| (seq + 1, hash.clone(), *line))
    }

    /// A line before the chain: kept unchecked and hashed, or the chain's first record.
    fn before_chain(&mut self, line: &Line) -> Result<(), Broken> {
        match head(&line.bytes).filter(|_| line.complete) {
            None => {
                let before = self.before.get_or_insert_with(Sha256::new);
                before.update(&line.bytes);
                if line.complete {
                    before.update(b"\n");
                }
                self.unchained_lines += 1;
                Ok(())
            }
            Some((seq, prev)) => {
                let anchor = match &self.before {
                    None => genesis_hash(),
                    Some(before) => chain::hex(&before.clone().finalize()),
                };
                let broken = |what: String| Broken {
                    line: line.number,
                    seq: Some(seq),
                    what,
                };
                if seq != 1 {
                    return Err(broken(format!(
                        "records 1 to {} were removed: the chain starts at {seq}",
                        seq - 1
                    )));
                }
                if prev != anchor {
                    let what = if self.unchained_lines == 0 {
                        "its prev is not the chain's start: lines before it were removed".into()
                    } else {
                        format!(
                            "the {} lines before the chain were changed: its prev is not their SHA-256",
                            thousands(self.unchained_lines)
                        )
                    };
                    return Err(broken(what));
                }
                self.accept(line, seq)
            }
        }
    }

    fn accept(&mut self, line: &Line, seq: u64) -> Result<(), Broken> {
        self.last = Some((seq, line_hash(&line.bytes), line.number));
        self.records += 1;
        // Only lines that name a manifest are parsed in full.
        let text = std::str::from_utf8(&line.bytes).unwrap_or("");
        if text.contains("\"manifest\":\"") {
            let Ok(named) = serde_json::from_str::<ManifestRef>(text) else {
                return Ok(());
            };
            let Some(path) = named.manifest else {
                return Ok(());
            };
            if named.operation.as_deref() == Some(PRUNE) {
                self.pruned.insert(path);
            } else if let Some(sha) = named.manifest_sha256 {
                self.manifests
                    .entry(path)
                    .or_insert((seq, line.number, sha));
            }
        }
        Ok(())
    }

    fn finish(self, expect: Option<&Head>) -> Result<Verified, Broken> {
        let last_line = self.last.as_ref().map_or(0, |(_, _, l)| *l);
        if let Some(head) = expect.filter(|_| !self.expect_seen) {
            let ends = self
                .last
                .as_ref()
                .map_or("no chained record".to_owned(), |(seq, ..)| {
                    format!("record {seq}")
                });
            return Err(Broken {
                line: last_line,
                seq: Some(head.seq),
                what: format!(
                    "missing: the trail ends at {ends}, and the kept head names record {}: it was shortened",
                    head.seq
                ),
            });
        }
        let mut checked = 0;
        let mut pruned = 0;
        // In the order the records name them: the first bad one is reported.
        let mut named: Vec<(&String, &(u64, u64, String))> = self.manifests.iter().collect();
        named.sort_by_key(|(_, (seq, ..))| *seq);
        for (path, (seq, line, sha)) in named {
            if self.pruned.contains(path) {
                pruned += 1;
                continue;
            }
            let broken = |what: String| Broken {
                line: *line,
                seq: Some(*seq),
                what,
            };
            match file_sha256(Path::new(path)) {
                Ok(actual) if actual == *sha => checked += 1,
                Ok(actual) => {
                    return Err(broken(format!(
                        "its manifest {path} was changed: SHA-256 {actual}, recorded {sha}"
                    )));
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(broken(format!(
                        "its manifest {path} is gone, and rekog did not prune it"
                    )));
                }
                Err(e) => {
                    return Err(broken(format!("its manifest {path} cannot be read: {e}")));
                }
            }
        }
        Ok(Verified {
            records: self.records,
            unchained_lines: self.unchained_lines,
            head: self.last.map(|(seq, hash, _)| Head { seq, hash }),
            manifests_checked: checked,
            manifests_pruned: pruned,
        })
    }
}

/// A JSON object that stops before its end.
fn looks_cut(bytes: &[u8]) -> bool {
    bytes.first() == Some(&b'{')
        && serde_json::from_slice::<serde_json::Value>(bytes).is_err_and(|e| e.is_eof())
}

pub fn file_sha256(path: &Path) -> std::io::Result<String> {
    use std::io::Read;
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(chain::hex(&hasher.finalize())),
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

/// The last record's head, read from the end of the file.
pub fn last_head(path: &Path) -> std::io::Result<Option<Head>> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let link = chain::next_link(&file)?;
    // The next link's prev is the last record's hash; its seq one more than the last's.
    Ok((link.seq > 1).then(|| Head {
        seq: link.seq - 1,
        hash: link.prev,
    }))
}

#[cfg(test)]
mod tests;
