//! An erasure's steps and its end as the model takes them: each call in the log pane as
//! other calls are, news for the dialog, and what the report says it removed leaving the
//! view and the table.

use crate::app::detail::faces;
use crate::app::detail::out::{Counts, DialogNews, Failed, Note, Out};
use crate::app::detail::view::{DetailView, Load};
use crate::app::log::{Call, Entry, Level};
use crate::app::msg::Timestamp;
use crate::aws::api::Op;
use crate::aws::api::{ApiError, FaceRefusal};
use crate::erase::{Report, Step};
use crate::ids::CollectionId;
use crate::text::{count, sanitize};

/// A line of its own, not a call's.
fn note(at: Timestamp, level: Level, text: String) -> Entry {
    Entry {
        at,
        level,
        text: sanitize(&text),
        hint: None,
    }
}

/// One step of the erasure of `id`: its lines in the log pane, and the news for its
/// dialog.
pub fn step(id: &CollectionId, step: Step, now: Timestamp) -> Out {
    let mut out = Out::default();
    log_step(&mut out, id, &step, now);
    out.dialog = Some(DialogNews::EraseStep {
        id: id.clone(),
        step: Box::new(step),
    });
    out
}

/// Every call in the log pane as other calls are, and what else the operator must know.
fn log_step(out: &mut Out, id: &str, step: &Step, now: Timestamp) {
    match step {
        Step::Stage { .. } | Step::Rechecked { .. } | Step::Recorded(Ok(())) => {}
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
                    | Op::AssociateFaces
                    | Op::SearchFaces
                    | Op::SearchFacesByImage
                    | Op::SearchUsers => "checked before the erasure".to_owned(),
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
            let text = format!(
                "Erase {id}: audit intent {intent} in {} (its receipt, once done: rekog audit \
                 --receipt {intent})",
                trail.display()
            );
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
    crate::app::log::face_refused(op, id, "kept", face)
}

/// How a report reads: everything named is gone (`Ok`), or what is left and why (`Err`).
fn summary(report: &Report) -> Result<String, String> {
    let mut erased = count(report.faces_erased.len() as u64, "face", "faces");
    if !report.users_erased.is_empty() {
        let users = count(report.users_erased.len() as u64, "user", "users");
        erased.push_str(&format!(" and {users}"));
    }
    erased.push_str(" erased");
    let absence = match &report.absence {
        Some(Ok(a)) if a.remaining.is_empty() => " Looked again: none remain.".to_owned(),
        Some(Ok(a)) => format!(
            " Looked again: {} still found ({}).",
            count(a.remaining.len() as u64, "face", "faces"),
            sanitize(&a.remaining.join(", "))
        ),
        Some(Err(why)) => format!(" Could not look again: {}.", sanitize(why)),
        None => String::new(),
    };
    if report.is_complete() {
        return Ok(format!("All named are gone: {erased}.{absence}"));
    }
    if report.calls_complete() {
        return Err(format!("{erased}.{absence}"));
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
    let mut text = format!("{erased}; {}.{absence}", left.join(", "));
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
    id: &CollectionId,
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
        id: id.clone(),
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
    id: &CollectionId,
    report: &Report,
    rows: usize,
) {
    faces::forget(out, view.as_deref_mut(), id, &report.faces_erased, rows);
    let Some(view) = view.filter(|v| v.id == *id) else {
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

/// What the log says when rekog waits for the erasure of `id` to quit.
pub fn quitting(id: &str, now: Timestamp) -> Entry {
    let text = format!(
        "Erase {id}: rekog quits when the erasure ends; Ctrl-C again quits now and leaves \
         the erasure unfinished"
    );
    note(now, Level::Warn, text)
}
