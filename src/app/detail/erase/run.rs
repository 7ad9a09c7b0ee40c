//! An erasure under way: each step of the engine moves the dialog's progress and puts its
//! calls in the log pane; its report ends the dialog and updates the view. Nothing stops it
//! once started: Ctrl-C waits for its end (a second one quits at once).

use super::erasing_mut;
use crate::app::detail::faces;
use crate::app::detail::out::{Counts, DialogNews, Failed, Note, Out};
use crate::app::detail::view::{DetailView, Load};
use crate::app::log::{Call, Entry, Level};
use crate::app::msg::Timestamp;
use crate::app::overlay::confirm::{Confirm, Phase};
use crate::aws::api::{ApiError, FaceRefusal};
use crate::aws::pace::Op;
use crate::erase::{Report, Stage, Step};
use crate::text::{count, sanitize};

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
            Some(Stage::Outcome) => "recording the outcome".into(),
        }
    }
}

/// The running erasure of `id`, if `confirm` shows it.
fn running<'a>(confirm: &'a mut Confirm, id: &str) -> Option<(&'a mut Run, &'a mut Phase)> {
    let (erasing, phase, confirm_id) = erasing_mut(confirm)?;
    let run = erasing.run.as_mut()?;
    (confirm_id == id && *phase == Phase::Running).then_some((run, phase))
}

fn note(at: Timestamp, level: Level, text: String) -> Entry {
    Entry {
        at,
        level,
        text: sanitize(&text),
        hint: None,
    }
}

impl Run {
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
            Step::Intent { .. } | Step::UserKept { .. } | Step::Recorded(_) => {}
        }
    }
}

/// A step of the erasure of `id` moves its dialog, if it shows it running.
pub fn advance(confirm: &mut Confirm, id: &str, step: &Step) {
    if let Some((run, _)) = running(confirm, id) {
        run.advance(step);
    }
}

/// One step of the erasure of `id`: its lines in the log pane, and the news for its
/// dialog.
pub fn step(id: &str, step: Step, now: Timestamp) -> Out {
    let mut out = Out::default();
    log_step(&mut out, id, &step, now);
    out.dialog = Some(DialogNews::EraseStep {
        id: id.to_owned(),
        step: Box::new(step),
    });
    out
}

/// Every call in the log pane as other calls are, and what else the operator must know.
fn log_step(out: &mut Out, id: &str, step: &Step, now: Timestamp) {
    match step {
        Step::Stage { .. } | Step::Recorded(Ok(())) => {}
        Step::Call(c) => {
            let user = c.user_id.as_deref().map(sanitize).unwrap_or_default();
            if let Some(err) = &c.error {
                out.note(Note::Failed(Failed {
                    op: c.op.name(),
                    target: id.to_owned(),
                    request_id: c.request_id.clone(),
                    elapsed: c.elapsed,
                    err: err.clone(),
                }));
            } else {
                let (done, sent) = (c.done as u64, c.sent);
                let text = match c.op {
                    Op::DisassociateFaces => format!(
                        "{} of {sent} taken off user {user}",
                        count(done, "face", "faces")
                    ),
                    Op::DeleteFaces => {
                        format!("{} of {sent} deleted", count(done, "face", "faces"))
                    }
                    Op::ListFaces => {
                        format!("user {user} has {} left", count(done, "face", "faces"))
                    }
                    Op::DeleteUser => format!("user {user} deleted"),
                    Op::ListCollections
                    | Op::DescribeCollection
                    | Op::DeleteCollection
                    | Op::ListUsers
                    | Op::CreateCollection
                    | Op::CreateUser
                    | Op::AssociateFaces => "checked before the erasure".to_owned(),
                };
                let level = if c.refused.is_empty() {
                    Level::Info
                } else {
                    Level::Warn
                };
                let call = Call {
                    op: c.op.name(),
                    target: Some(id),
                    request_id: c.request_id.as_deref(),
                    elapsed: c.elapsed,
                };
                out.entry(call.entry(now, level, &text, None));
            }
            for face in &c.refused {
                out.entry(note(now, Level::Warn, refused(c.op.name(), id, face)));
            }
        }
        Step::Manifest {
            path,
            sha256,
            faces,
            users,
        } => {
            let text = format!(
                "Erase {id}: manifest of {} and {} written: {} (sha256 {sha256})",
                count(*faces, "face", "faces"),
                count(*users, "user", "users"),
                path.display()
            );
            out.entry(note(now, Level::Info, text));
        }
        Step::Intent { id: intent, trail } => {
            let text = format!("Erase {id}: audit intent {intent} in {}", trail.display());
            out.entry(note(now, Level::Info, text));
        }
        Step::UserKept { user_id, face_id } => {
            let text = format!(
                "Erase {id}: user {user_id} keeps face {face_id}, which this erasure does not \
                 name: the user stays"
            );
            out.entry(note(now, Level::Warn, text));
        }
        Step::Recorded(Err(why)) => {
            let text = format!("Erase {id}: the outcome could not be recorded: {why}");
            out.entry(note(now, Level::Error, text));
        }
    }
}

fn refused(op: &str, id: &str, face: &FaceRefusal) -> String {
    let mut text = format!("{op} {id}: face {} kept: ", face.face_id);
    text.push_str(&if face.reasons.is_empty() {
        "no reason given".to_owned()
    } else {
        face.reasons.join(", ")
    });
    if let Some(user) = &face.user_id {
        text.push_str(&format!(" (user {user})"));
    }
    text
}

/// How a report reads: everything named is gone (`Ok`), or what is left and why (`Err`).
fn summary(report: &Report) -> Result<String, String> {
    let mut erased = count(report.faces_erased.len() as u64, "face", "faces");
    if !report.users_erased.is_empty() {
        let users = count(report.users_erased.len() as u64, "user", "users");
        erased.push_str(&format!(" and {users}"));
    }
    erased.push_str(" erased");
    if report.is_complete() {
        return Ok(format!("All named are gone: {erased}."));
    }
    let mut left = Vec::new();
    let n = |v: usize, one, many| count(v as u64, one, many);
    if !report.faces_refused.is_empty() {
        left.push(format!(
            "{} refused",
            n(report.faces_refused.len(), "face", "faces")
        ));
    }
    if !report.users_refused.is_empty() {
        left.push(format!(
            "{} kept",
            n(report.users_refused.len(), "user", "users")
        ));
    }
    let not_reached = report.faces_not_reached.len() + report.users_not_reached.len();
    if not_reached > 0 {
        left.push(format!("{not_reached} not reached"));
    }
    let mut text = format!("{erased}; {}.", left.join(", "));
    if let Some(stopped) = &report.stopped {
        text.push_str(&format!(
            " Stopped by {}: {}.",
            stopped.op.name(),
            error(&stopped.error)
        ));
    }
    Err(text)
}

fn error(err: &ApiError) -> String {
    sanitize(&crate::app::log::describe_error(err))
}

/// The erasure of `id` ended: the log pane says how, and so will the dialog; what it
/// removed leaves the view and the table.
pub fn ended(
    view: Option<&mut DetailView>,
    id: &str,
    result: Result<Report, String>,
    rows: usize,
    now: Timestamp,
) -> Out {
    let (ended, report) = match result {
        Ok(report) => (summary(&report), Some(report)),
        Err(why) => (Err(format!("Nothing was erased: {why}")), None),
    };
    let level = if ended.is_ok() {
        Level::Info
    } else {
        Level::Error
    };
    let text = match &ended {
        Ok(text) | Err(text) => format!("Erase {id}: {text}"),
    };
    let mut out = Out::default();
    out.entry(note(now, level, text));
    // The report has the last word on the counts.
    let counts = report.as_ref().map(|report| Counts {
        faces_erased: report.faces_erased.len() as u64,
        users_erased: report.users_erased.len() as u64,
        refused: report.faces_refused.len() as u64,
    });
    out.dialog = Some(DialogNews::Erased {
        id: id.to_owned(),
        ended,
        counts,
    });
    if let Some(report) = report {
        forget(&mut out, view, id, &report, rows);
    }
    out
}

/// What the erasure removed leaves the lists; faces of a deleted user belong to no one.
fn forget(
    out: &mut Out,
    mut view: Option<&mut DetailView>,
    id: &str,
    report: &Report,
    rows: usize,
) {
    faces::forget(out, view.as_deref_mut(), id, &report.faces_erased, rows);
    let Some(view) = view.filter(|v| v.id == id) else {
        return;
    };
    for user in &report.users_erased {
        view.users.remove(user, rows);
        view.disown(user);
    }
    if let Load::Loaded(d) = &mut view.info {
        let gone = report.users_erased.len() as u64;
        d.user_count = d.user_count.map(|n| n.saturating_sub(gone));
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

/// What the log says when rekog waits for the erasure of `id` to quit.
pub fn quitting(id: &str, now: Timestamp) -> Entry {
    let text = format!(
        "Erase {id}: rekog quits when the erasure ends; Ctrl-C again quits now and leaves \
         the erasure unfinished"
    );
    note(now, Level::Warn, text)
}
