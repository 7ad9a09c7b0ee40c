//! The gate every change passes: refused in read-only mode and on a protected collection,
//! refused without a trail, and otherwise let through only once its intent is on the trail.
//! What it lets through carries a [`Licence`], and every method of the AWS side that
//! changes something takes one: a change that skipped the gate does not compile.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Audit, AuditError, Intent, IntentId, Outcome};
use crate::protect::Protect;

/// Proof that a change was admitted: its intent is written and fsynced. Only
/// [`Gate::admit`] makes one; it is closed by [`Gate::close`] with the outcome.
#[derive(Debug)]
pub struct Licence {
    intent: IntentId,
}

impl Licence {
    /// The id of the intent line, which the outcome line repeats.
    pub fn intent_id(&self) -> &str {
        self.intent.as_str()
    }
}

/// Why a change was not let through. Nothing was written or sent.
#[derive(Debug)]
pub enum Refusal {
    ReadOnly,
    /// The collection matches this protect rule.
    Protected {
        id: String,
        rule: String,
    },
    /// No audit trail is open, and nothing is changed without a record.
    NoTrail,
    /// The intent could not be written.
    Unwritten(AuditError),
    /// rekog is stopping on a signal.
    Stopping,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::ReadOnly => f.write_str("refused: rekog is read-only"),
            Refusal::Protected { id, rule } => {
                write!(f, "refused: {id} is protected by the rule {rule}")
            }
            Refusal::NoTrail => {
                f.write_str("no audit trail is open, and nothing is changed without a record")
            }
            Refusal::Unwritten(err) => write!(f, "{err}"),
            Refusal::Stopping => f.write_str("refused: rekog is stopping on a signal"),
        }
    }
}

/// Read-only mode, the protect rules and the trail, as one process holds them.
#[derive(Debug, Clone, Default)]
pub struct Gate {
    audit: Option<Arc<Audit>>,
    read_only: bool,
    protect: Protect,
    /// Set by a signal: no change starts after it, and a running erasure stops before its
    /// next call. Shared by every clone.
    stop: Arc<AtomicBool>,
}

impl Gate {
    pub fn new(audit: Option<Arc<Audit>>, read_only: bool, protect: Protect) -> Gate {
        Gate {
            audit,
            read_only,
            protect,
            stop: Arc::default(),
        }
    }

    /// The same gate, writing to `audit`.
    pub fn with_audit(mut self, audit: Arc<Audit>) -> Gate {
        self.audit = Some(audit);
        self
    }

    /// The same gate, refusing changes to what `protect` matches.
    pub fn with_protect(mut self, protect: Protect) -> Gate {
        self.protect = protect;
        self
    }

    pub fn read_only(&self) -> bool {
        self.read_only
    }

    /// A signal asked rekog to stop: changes in flight end after their current call, and
    /// none starts.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    pub fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// The protect rule that matches `id`, if any.
    pub fn protected_by(&self, id: &str) -> Option<&str> {
        self.protect.matching_rule(id)
    }

    /// Whether `intent` would be let through, without writing anything: for checks made
    /// before a change's preparations (an erasure's manifest).
    pub fn check(&self, intent: &Intent) -> Result<(), Refusal> {
        if self.stopping() {
            return Err(Refusal::Stopping);
        }
        if self.read_only {
            return Err(Refusal::ReadOnly);
        }
        if let Some(rule) = self.protect.matching_rule(&intent.collection_id) {
            return Err(Refusal::Protected {
                id: intent.collection_id.clone(),
                rule: rule.to_owned(),
            });
        }
        if self.audit.is_none() {
            return Err(Refusal::NoTrail);
        }
        Ok(())
    }

    /// Checks `intent` again and writes it (fsynced): the licence for its calls. Blocks on
    /// fsync for a few milliseconds.
    pub fn admit(&self, intent: &Intent) -> Result<Licence, Refusal> {
        self.check(intent)?;
        let audit = self.audit.as_ref().ok_or(Refusal::NoTrail)?;
        let intent = audit.intent(intent).map_err(Refusal::Unwritten)?;
        Ok(Licence { intent })
    }

    /// Writes the outcome line of the change `licence` let through.
    pub fn close(&self, licence: Licence, outcome: &Outcome) -> Result<(), AuditError> {
        match &self.audit {
            Some(audit) => audit.outcome(&licence.intent, outcome),
            // A licence is only made with a trail open.
            None => Err(AuditError::NoPlace),
        }
    }

    /// Where the trail is, when one is open.
    pub fn trail(&self) -> Option<&Path> {
        self.audit.as_deref().map(Audit::path)
    }
}
