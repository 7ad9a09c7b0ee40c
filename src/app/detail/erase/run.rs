//! An erasure under way, as its dialog shows it: each step moves the progress, the end
//! (or the task dying) finishes it. Nothing stops it once started: Ctrl-C waits for its end
//! (a second one quits at once).

use super::erasing_mut;
use crate::app::detail::out::Counts;
use crate::app::msg::Timestamp;
use crate::app::overlay::confirm::{Confirm, Phase};
use crate::aws::api::Op;
use crate::erase::{Stage, Step};

/// What the dialog shows of a running erasure.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    pub started: Timestamp,
    pub stage: Option<Stage>,
    /// Calls made in the current stage, and how many it is planned to take.
    pub calls: (usize, usize),
    pub faces_erased: u64,
    pub users_erased: u64,
    /// Faces the service would not act on so far.
    pub refused: u64,
    /// The manifest, once written.
    pub manifest: Option<String>,
    /// How it ended: a summary when everything named is gone, else what is left and why.
    pub ended: Option<Result<String, String>>,
    /// Ctrl-C came while it ran: rekog quits when it ends.
    pub quit_after: bool,
    /// The audit intent's id, for `rekog audit --receipt`; `None` again when the outcome
    /// could not be recorded, as a receipt needs both records.
    pub receipt: Option<String>,
}

impl Run {
    pub fn new(now: Timestamp) -> Run {
        Run {
            started: now,
            ..Run::default()
        }
    }

    /// What it is doing now, e.g. `deleting the faces (2 of 3 calls)`.
    pub fn doing(&self) -> String {
        let (done, planned) = self.calls;
        let calls = || format!(" ({} of {planned} calls)", done.min(planned));
        match self.stage {
            None => "starting".into(),
            Some(Stage::Describe) => "checking the collection".into(),
            Some(Stage::Manifest) => "writing the manifest".into(),
            Some(Stage::Intent) => "recording the intent in the audit trail".into(),
            Some(Stage::Disassociate) => format!("taking the faces off their users{}", calls()),
            Some(Stage::DeleteFaces) => format!("deleting the faces{}", calls()),
            Some(Stage::DeleteUsers) => format!("deleting users left without faces{}", calls()),
            Some(Stage::Recheck) => format!("looking again: the proof of absence{}", calls()),
            Some(Stage::Outcome) => "recording the outcome".into(),
        }
    }

    /// One step moves the progress the dialog shows.
    fn advance(&mut self, step: &Step) {
        match step {
            Step::Stage { stage, calls } => {
                self.stage = Some(*stage);
                self.calls = (0, *calls);
            }
            Step::Call(call) => {
                self.calls.0 += 1;
                self.refused += call.refused.len() as u64;
                // The counts of what is gone; the other calls find or detach.
                if call.op == Op::DeleteFaces {
                    self.faces_erased += call.done as u64;
                } else if call.op == Op::DeleteUser {
                    self.users_erased += call.done as u64;
                }
            }
            Step::Manifest { path, .. } => self.manifest = Some(path.display().to_string()),
            Step::Intent { id, .. } => self.receipt = Some(id.clone()),
            Step::Recorded(Err(_)) => self.receipt = None,
            Step::UserKept { .. } | Step::Rechecked { .. } | Step::Recorded(Ok(())) => {}
        }
    }
}

/// The running erasure of `id`, if `confirm` shows it.
fn running<'a>(confirm: &'a mut Confirm, id: &str) -> Option<(&'a mut Run, &'a mut Phase)> {
    let (erasing, phase, confirm_id) = erasing_mut(confirm)?;
    let run = erasing.run.as_mut()?;
    (confirm_id == id && *phase == Phase::Running).then_some((run, phase))
}

/// A step of the erasure of `id` moves its dialog, if it shows it running.
pub fn advance(confirm: &mut Confirm, id: &str, step: &Step) {
    if let Some((run, _)) = running(confirm, id) {
        run.advance(step);
    }
}

/// The erasure of `id` ended as `ended`: the dialog says so, with the report's counts.
/// Returns whether rekog quits now (Ctrl-C came while it ran).
pub fn end(
    confirm: &mut Confirm,
    id: &str,
    ended: Result<String, String>,
    counts: Option<Counts>,
) -> bool {
    let Some((erasing, phase, confirm_id)) = erasing_mut(confirm) else {
        return false;
    };
    let Some(run) = erasing.run.as_mut().filter(|_| confirm_id == id) else {
        return false;
    };
    *phase = Phase::Finished;
    run.ended = Some(ended);
    if let Some(counts) = counts {
        run.faces_erased = counts.faces_erased;
        run.users_erased = counts.users_erased;
        run.refused = counts.refused;
    }
    run.quit_after
}

/// The erasure's task died: the dialog stops showing it as running and says that what it
/// did is unknown. Returns whether rekog quits now.
pub fn lose(confirm: &mut Confirm, id: &str) -> bool {
    let why = "the erasure stopped without a report; what it did is unknown: see the log pane \
               and the audit trail";
    let Some((run, phase)) = running(confirm, id) else {
        return false;
    };
    run.ended = Some(Err(why.into()));
    *phase = Phase::Finished;
    run.quit_after
}

/// Ctrl-C (or `q`) while the dialog shows a running erasure: it waits for the end, and
/// a second one quits at once, leaving an audit intent without its outcome. Returns
/// whether this was the first (`None`: no erasure runs).
pub fn hold_quit(confirm: &mut Confirm) -> Option<bool> {
    let (erasing, phase, _) = erasing_mut(confirm)?;
    let run = erasing.run.as_mut().filter(|_| *phase == Phase::Running)?;
    Some(!std::mem::replace(&mut run.quit_after, true))
}
