//! An erasure under way: each step of the engine moves the dialog's progress and puts its
//! calls in the log pane; its report ends the dialog and updates the view. Nothing stops it
//! once started: Ctrl-C waits for its end (a second one quits at once).

use super::erasing_mut;
use crate::app::State;
use crate::app::log::{Call, Entry, Level};
use crate::app::msg::{Command, Timestamp};
use crate::app::overlay::confirm::Phase;
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

/// The running erasure of `id`, if the dialog shows it.
fn running<'a>(state: &'a mut State, id: &str) -> Option<&'a mut Run> {
    let (erasing, phase, confirm_id) = erasing_mut(state)?;
    (confirm_id == id && *phase == Phase::Running)
        .then_some(erasing.run.as_mut())
        .flatten()
}

fn info(state: &mut State, at: Timestamp, level: Level, text: String) {
    state.push_log(Entry {
        at,
        level,
        text: sanitize(&text),
        hint: None,
    });
}

/// One step of the erasure of `id`.
pub(crate) fn step(state: &mut State, id: &str, step: Step, now: Timestamp) {
    if let Some(run) = running(state, id) {
        match &step {
            Step::Stage { stage, calls } => {
                run.stage = Some(*stage);
                run.calls = (0, *calls);
            }
            Step::Call(call) => {
                run.calls.0 += 1;
                run.refused += call.refused.len() as u64;
                // The counts of what is gone; the other calls find or detach.
                if call.op == Op::DeleteFaces {
                    run.faces_erased += call.done as u64;
                } else if call.op == Op::DeleteUser {
                    run.users_erased += call.done as u64;
                }
            }
            Step::Manifest { path, .. } => run.manifest = Some(path.display().to_string()),
            Step::Intent { .. } | Step::UserKept { .. } | Step::Recorded(_) => {}
        }
    }
    log_step(state, id, step, now);
}

/// Every call in the log pane as other calls are, and what else the operator must know.
fn log_step(state: &mut State, id: &str, step: Step, now: Timestamp) {
    match step {
        Step::Stage { .. } | Step::Recorded(Ok(())) => {}
        Step::Call(c) => {
            let user = c.user_id.as_deref().map(sanitize).unwrap_or_default();
            let call = Call {
                op: c.op.name(),
                target: Some(id),
                request_id: c.request_id.as_deref(),
                elapsed: c.elapsed,
            };
            if let Some(err) = &c.error {
                state.log_error(call, err, now);
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
                    _ => "checked before the erasure".to_owned(),
                };
                let level = if c.refused.is_empty() {
                    Level::Info
                } else {
                    Level::Warn
                };
                state.push_log(call.entry(now, level, &text, None));
            }
            for face in &c.refused {
                info(state, now, Level::Warn, refused(c.op.name(), id, face));
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
                count(faces, "face", "faces"),
                count(users, "user", "users"),
                path.display()
            );
            info(state, now, Level::Info, text);
        }
        Step::Intent { id: intent, trail } => {
            let text = format!("Erase {id}: audit intent {intent} in {}", trail.display());
            info(state, now, Level::Info, text);
        }
        Step::UserKept { user_id, face_id } => {
            let text = format!(
                "Erase {id}: user {user_id} keeps face {face_id}, which this erasure does not \
                 name: the user stays"
            );
            info(state, now, Level::Warn, text);
        }
        Step::Recorded(Err(why)) => {
            let text = format!("Erase {id}: the outcome could not be recorded: {why}");
            info(state, now, Level::Error, text);
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

/// The erasure of `id` ended: the dialog says how, the log pane too, and what it removed
/// leaves the view and the table.
pub(crate) fn ended(
    state: &mut State,
    id: String,
    result: Result<Report, String>,
    now: Timestamp,
) -> Vec<Command> {
    let (outcome, report) = match result {
        Ok(report) => (summary(&report), Some(report)),
        Err(why) => (Err(format!("Nothing was erased: {why}")), None),
    };
    let level = if outcome.is_ok() {
        Level::Info
    } else {
        Level::Error
    };
    let text = match &outcome {
        Ok(text) | Err(text) => format!("Erase {id}: {text}"),
    };
    info(state, now, level, text);
    let mut quit = false;
    if let Some((erasing, phase, confirm_id)) = erasing_mut(state)
        && confirm_id == id
        && let Some(run) = &mut erasing.run
    {
        *phase = Phase::Finished;
        run.ended = Some(outcome);
        quit = run.quit_after;
        // The report has the last word on the counts.
        if let Some(report) = &report {
            run.faces_erased = report.faces_erased.len() as u64;
            run.users_erased = report.users_erased.len() as u64;
            run.refused = report.faces_refused.len() as u64;
        }
    }
    if let Some(report) = report {
        forget(state, &id, &report);
    }
    if quit {
        state.quit = true;
        return vec![Command::Quit];
    }
    Vec::new()
}

/// What the erasure removed leaves the lists; faces of a deleted user belong to no one.
fn forget(state: &mut State, id: &str, report: &Report) {
    super::super::answers::forget_faces(state, id, &report.faces_erased);
    let rows = super::super::face_rows(state.height);
    let Some(view) = state.detail_mut().filter(|v| v.id == id) else {
        return;
    };
    for user in &report.users_erased {
        view.users.remove(user, rows);
        let search = view.search.as_mut().map(|s| &mut s.faces);
        for face in view.faces.iter_mut().chain(search.into_iter().flatten()) {
            if face.user_id.as_ref() == Some(user) {
                face.user_id = None;
            }
        }
    }
    if let super::super::Load::Loaded(d) = &mut view.info {
        let gone = report.users_erased.len() as u64;
        d.user_count = d.user_count.map(|n| n.saturating_sub(gone));
    }
}

/// The erasure's task died: the dialog stops showing it as running and says that what it
/// did is unknown.
pub(crate) fn lost(state: &mut State, id: &str) -> Vec<Command> {
    let why = "the erasure stopped without a report; what it did is unknown: see the log pane \
               and the audit trail";
    let Some(run) = running(state, id) else {
        return Vec::new();
    };
    let quit = run.quit_after;
    run.ended = Some(Err(why.into()));
    if let Some((_, phase, _)) = erasing_mut(state) {
        *phase = Phase::Finished;
    }
    if quit {
        state.quit = true;
        return vec![Command::Quit];
    }
    Vec::new()
}

/// Ctrl-C (or `q`): while an erasure runs the first one waits for its end and says so; a
/// second one quits at once, leaving an audit intent without its outcome.
pub(crate) fn quit(state: &mut State, now: Timestamp) -> Vec<Command> {
    let waiting = erasing_mut(state).and_then(|(erasing, phase, id)| {
        let run = erasing.run.as_mut().filter(|_| *phase == Phase::Running)?;
        let first = !std::mem::replace(&mut run.quit_after, true);
        Some((first, id.to_owned()))
    });
    if let Some((true, id)) = waiting {
        let text = format!(
            "Erase {id}: rekog quits when the erasure ends; Ctrl-C again quits now and leaves \
             the erasure unfinished"
        );
        info(state, now, Level::Warn, text);
        return Vec::new();
    }
    state.quit = true;
    vec![Command::Quit]
}
