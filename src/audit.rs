//! The audit trail: `$XDG_STATE_HOME/rekog/audit.jsonl`, one JSON object a line, only ever
//! appended to. Every mutation writes an `intent` line (fsynced) before the call and an
//! `outcome` line after it, linked by `id`; an intent with no outcome is a call whose
//! process died before it could say how it went. Every line is a link of a hash chain
//! (`chain`), which `rekog audit --verify` checks (`verify`).

pub mod chain;
pub mod cli;
mod gate;
mod read;
pub mod receipt;
mod record;
mod user;
pub mod verify;

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

pub use gate::{Gate, Licence, Refusal};
pub use read::{Entry, Trail, Unfinished, read, unfinished};
pub use record::{
    Absence, Erased, Event, Intent, KeptFace, Left, Operation, Outcome, OutcomeKind, Record,
};
pub(crate) use user::os_user;

use crate::time;

/// Why the trail could not be opened, written or read. On a write error the mutation
/// must not go ahead: nothing is deleted without a record.
#[derive(Debug)]
pub enum AuditError {
    /// Neither XDG_STATE_HOME nor HOME says where the trail lives.
    NoPlace,
    Open {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Another process held the trail for longer than [`chain::LOCK_WAIT`].
    Locked {
        path: PathBuf,
        holder: Option<String>,
    },
}

impl std::fmt::Display for AuditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuditError::NoPlace => {
                write!(f, "cannot find the audit trail: set HOME or XDG_STATE_HOME")
            }
            AuditError::Open { path, source } => {
                write!(
                    f,
                    "cannot open the audit trail {}: {source}",
                    path.display()
                )
            }
            AuditError::Write { path, source } => {
                write!(
                    f,
                    "cannot write the audit trail {}: {source}",
                    path.display()
                )
            }
            AuditError::Read { path, source } => {
                write!(
                    f,
                    "cannot read the audit trail {}: {source}",
                    path.display()
                )
            }
            AuditError::Locked { path, holder } => {
                let who = holder.as_deref().unwrap_or("another process");
                write!(
                    f,
                    "the audit trail {} has been locked by {who} for over {} s; nothing was changed",
                    path.display(),
                    chain::LOCK_WAIT.as_secs()
                )
            }
        }
    }
}

impl std::error::Error for AuditError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AuditError::NoPlace | AuditError::Locked { .. } => None,
            AuditError::Open { source, .. }
            | AuditError::Write { source, .. }
            | AuditError::Read { source, .. } => Some(source),
        }
    }
}

/// A written intent, to be closed by [`Audit::outcome`].
#[derive(Debug, Clone)]
pub struct IntentId {
    /// The intent line as written; the outcome line repeats its context.
    line: Record,
    started: Instant,
}

impl IntentId {
    pub fn as_str(&self) -> &str {
        &self.line.id
    }
}

/// An open audit trail. Writes take `&self`, so one `Audit` can be shared between tasks;
/// each write blocks on fsync, so async callers run it on a blocking thread.
#[derive(Debug)]
pub struct Audit {
    path: PathBuf,
    /// Held while appending, so this process's threads take turns; the `flock` in
    /// [`chain::lock`] does the same between processes.
    file: Mutex<File>,
    os_user: Option<String>,
    ssh_connection: Option<String>,
    host: Option<String>,
}

impl Audit {
    /// `$XDG_STATE_HOME/rekog/audit.jsonl`, or `~/.local/state/rekog/audit.jsonl`.
    pub fn default_path() -> Option<PathBuf> {
        crate::paths::state_dir().map(|d| d.join("audit.jsonl"))
    }

    pub fn open_default() -> Result<Audit, AuditError> {
        Audit::open(&Audit::default_path().ok_or(AuditError::NoPlace)?)
    }

    /// Opens `path` for appending, creating it (and its directory) if needed. A new file
    /// gets mode 0600 and new directories 0700; existing ones are left as they are.
    pub fn open(path: &Path) -> Result<Audit, AuditError> {
        let open_err = |source| AuditError::Open {
            path: path.to_path_buf(),
            source,
        };
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = dir {
            crate::paths::create_private_dirs(dir).map_err(open_err)?;
        }
        let mut options = crate::paths::private_file();
        options.append(true).read(true);
        let (file, created) = match options.clone().create_new(true).open(path) {
            Ok(file) => (file, true),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                (options.open(path).map_err(open_err)?, false)
            }
            Err(e) => return Err(open_err(e)),
        };
        if created {
            // The new directory entry must survive a crash as much as the lines in it do.
            if let Some(dir) = dir {
                File::open(dir)
                    .and_then(|d| d.sync_all())
                    .map_err(open_err)?;
            }
        }
        Ok(Audit {
            path: path.to_path_buf(),
            file: Mutex::new(file),
            os_user: user::os_user(),
            ssh_connection: env_value("SSH_CONNECTION"),
            host: user::host_name(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes and fsyncs the `intent` line. Only once this returns `Ok` may the call go out.
    pub fn intent(&self, intent: &Intent) -> Result<IntentId, AuditError> {
        let line = Record::intent(
            intent,
            uuid::Uuid::new_v4().to_string(),
            time::format_rfc3339(time::now_ms()),
            self.os_user.clone(),
            self.ssh_connection.clone(),
            self.host.clone(),
        );
        let started = Instant::now();
        self.append(&line)?;
        Ok(IntentId { line, started })
    }

    /// Writes and fsyncs the `outcome` line of `id`. Without `duration_ms` in `outcome`,
    /// the time since the intent was written is recorded.
    pub fn outcome(&self, id: &IntentId, outcome: &Outcome) -> Result<(), AuditError> {
        let elapsed = u64::try_from(id.started.elapsed().as_millis()).unwrap_or(u64::MAX);
        let line = id
            .line
            .outcome(outcome, time::format_rfc3339(time::now_ms()), elapsed);
        self.append(&line)
    }

    /// Closes an intent found by [`unfinished`] with an `unknown` outcome, so it is reported
    /// once. Only for intents older than any call still running: another rekog may be
    /// in the middle of a call that this one would wrongly close.
    pub fn close_unfinished(&self, intent: &Record) -> Result<(), AuditError> {
        let outcome = Outcome::unknown("rekog stopped before the call returned");
        let mut line = intent.outcome(&outcome, time::format_rfc3339(time::now_ms()), 0);
        line.duration_ms = None;
        self.append(&line)
    }

    /// Closes the unfinished erasure `intent` as finished by the erasure `by` (another
    /// intent's id), with what that one erased.
    pub fn close_resumed(
        &self,
        intent: &Record,
        by: &str,
        erased: Erased,
        message: &str,
    ) -> Result<(), AuditError> {
        let mut outcome = Outcome::unknown(message);
        outcome.outcome = OutcomeKind::Resumed;
        outcome.erased = Some(erased);
        let mut line = intent.outcome(&outcome, time::format_rfc3339(time::now_ms()), 0);
        line.duration_ms = None;
        line.resumed_by = Some(by.to_owned());
        self.append(&line)
    }

    /// Appends `record` as the next link of the chain, and fsyncs it.
    fn append(&self, record: &Record) -> Result<(), AuditError> {
        let write_err = |source| AuditError::Write {
            path: self.path.clone(),
            source,
        };
        // A panic elsewhere while holding the lock leaves the file as it was: carry on.
        let file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        let _held = chain::lock(&file, chain::LOCK_WAIT).map_err(|e| match e {
            chain::LockError::Held(held) => AuditError::Locked {
                path: self.path.clone(),
                holder: held.holder,
            },
            chain::LockError::Io(source) => write_err(source),
        })?;
        let link = chain::next_link(&file).map_err(write_err)?;
        let mut record = record.clone();
        record.seq = Some(link.seq);
        record.prev = Some(link.prev);
        let mut bytes = Vec::with_capacity(1024);
        if link.newline_first {
            bytes.push(b'\n');
        }
        serde_json::to_writer(&mut bytes, &record).map_err(|e| write_err(e.into()))?;
        bytes.push(b'\n');
        // One write of the whole line, under the lock: lines never mix.
        (&*file)
            .write_all(&bytes)
            .and_then(|()| file.sync_data())
            .map_err(write_err)
    }
}

fn env_value(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests;
