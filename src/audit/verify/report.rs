//! What `rekog audit --verify` says: the head it reached, what it checked, or the first
//! record that is bad.

use crate::text::thousands;

/// A record's place and hash, as `rekog audit --head` prints it: `SEQ:HASH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    pub seq: u64,
    pub hash: String,
}

impl std::fmt::Display for Head {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl std::str::FromStr for Head {
    type Err = String;

    fn from_str(s: &str) -> Result<Head, String> {
        let bad = || format!("{s:?} is not SEQ:HASH (a record number, a colon, 64 hex digits)");
        let (seq, hash) = s.split_once(':').ok_or_else(bad)?;
        let seq: u64 = seq.parse().map_err(|_| bad())?;
        if seq == 0 || hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        Ok(Head {
            seq,
            hash: hash.to_ascii_lowercase(),
        })
    }
}

/// An intact trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Chained records.
    pub records: u64,
    /// Lines from before the chain, which its first record is anchored to.
    pub unchained_lines: u64,
    pub head: Option<Head>,
    /// Manifests found as recorded, and those rekog pruned itself.
    pub manifests_checked: u64,
    pub manifests_pruned: u64,
}

impl std::fmt::Display for Verified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.head {
            None if self.unchained_lines == 0 => write!(f, "empty trail")?,
            None => write!(
                f,
                "{} lines from before the chain, not yet anchored",
                thousands(self.unchained_lines)
            )?,
            Some(head) => {
                write!(
                    f,
                    "intact: {}, seq 1 to {}",
                    crate::text::count(self.records, "record", "records"),
                    thousands(head.seq)
                )?;
                if self.unchained_lines > 0 {
                    write!(
                        f,
                        ", anchored to {} lines from before the chain",
                        thousands(self.unchained_lines)
                    )?;
                }
            }
        }
        write!(
            f,
            "; {} as recorded",
            crate::text::count(self.manifests_checked, "manifest", "manifests")
        )?;
        if self.manifests_pruned > 0 {
            write!(f, ", {} pruned by rekog", thousands(self.manifests_pruned))?;
        }
        if let Some(head) = &self.head {
            write!(f, "; head {head}")?;
        }
        Ok(())
    }
}

/// The first thing wrong, where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// 1-based line of the file.
    pub line: u64,
    /// The record that is bad, when it is known.
    pub seq: Option<u64>,
    pub what: String,
}

impl std::fmt::Display for Broken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.seq {
            Some(seq) => write!(f, "record {seq} (line {}): {}", self.line, self.what),
            None => write!(f, "line {}: {}", self.line, self.what),
        }
    }
}

#[derive(Debug)]
pub enum VerifyError {
    Io(std::io::Error),
    Broken(Broken),
}

impl From<std::io::Error> for VerifyError {
    fn from(e: std::io::Error) -> Self {
        VerifyError::Io(e)
    }
}
