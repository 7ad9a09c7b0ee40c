//! What `rekog erase` prints: what it found and what it did on stdout, how it goes on
//! stderr. Text that comes from the service is cleaned of control characters first.

use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use crate::erase::search::Progress;
use crate::erase::{Erasure, Report, Step};
use crate::ids::UserId;
use crate::text::{account_of, count, duration, sanitize, thousands};

/// The context, the faces found (FaceId, ExternalImageId, UserId), the users and totals.
pub(super) fn found(out: &mut impl Write, erasure: &Erasure, arn: Option<&str>) -> io::Result<()> {
    let t = &erasure.target;
    let account = (t.account.as_deref())
        .or_else(|| account_of(arn?))
        .unwrap_or("unknown");
    let profile = t.profile.as_deref().unwrap_or("(default chain)");
    writeln!(
        out,
        "Collection {}  account {}  region {}  profile {}",
        t.id,
        sanitize(account),
        t.region,
        sanitize(profile)
    )?;
    if let Some(endpoint) = &t.endpoint {
        writeln!(out, "Endpoint {}", sanitize(endpoint))?;
    }
    writeln!(out, "Search: {}", sanitize(&erasure.search))?;
    let cell = |v: Option<&str>| v.map_or_else(|| "-".to_owned(), sanitize);
    let likeness = erasure.likeness.as_ref();
    let similarity = |f: &crate::aws::api::Face| {
        let s = likeness.and_then(|l| l.similarity.get(&f.face_id));
        s.map_or_else(String::new, |s| format!("{s:.1}"))
    };
    let rows: Vec<[String; 4]> = (erasure.faces.iter())
        .map(|f| {
            let id = sanitize(&f.face_id);
            [
                id,
                cell(f.external_image_id.as_deref()),
                cell(f.user_id.as_deref()),
                similarity(f),
            ]
        })
        .collect();
    if !rows.is_empty() {
        let header = ["FACE ID", "EXTERNAL IMAGE ID", "USER ID", "SIMILARITY"].map(str::to_owned);
        let width = |i: usize| {
            let cells = rows.iter().chain([&header]).map(|r| r[i].chars().count());
            cells.max().unwrap_or(0)
        };
        let (w0, w1, w2) = (width(0), width(1), width(2));
        for [a, b, c, d] in std::iter::once(&header).chain(&rows) {
            match likeness {
                Some(_) => writeln!(out, "{a:<w0$}  {b:<w1$}  {c:<w2$}  {d}")?,
                None => writeln!(out, "{a:<w0$}  {b:<w1$}  {c}")?,
            }
        }
    }
    let mut on_users: Vec<&str> = (erasure.faces.iter())
        .filter_map(|f| f.user_id.as_deref())
        .collect();
    on_users.sort_unstable();
    on_users.dedup();
    let listed = |ids: &[&str]| {
        ids.iter()
            .map(|u| sanitize(u))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !on_users.is_empty() {
        writeln!(out, "Taken off their users first: {}", listed(&on_users))?;
    }
    let named: Vec<&str> = erasure.users.iter().map(UserId::as_str).collect();
    if !named.is_empty() {
        writeln!(
            out,
            "Users to delete once they have no faces left: {}",
            listed(&named)
        )?;
    }
    writeln!(
        out,
        "Total: {} to erase, {} to delete",
        count(erasure.faces.len() as u64, "face", "faces"),
        count(named.len() as u64, "user", "users")
    )
}

/// `searching: 12,000 of 250,000 faces read, 3 found, 1.2 s`
pub(super) fn progress(p: &Progress, elapsed: Duration) -> String {
    let read = match p.total {
        Some(total) => crate::text::count_of(p.scanned, total, "face", "faces"),
        None => count(p.scanned, "face", "faces"),
    };
    format!(
        "searching: {read} read, {} found, {}",
        thousands(p.matched),
        duration(elapsed)
    )
}

/// One line on stderr per call and stage result, as the log pane would show them.
pub(super) fn step(step: Step) {
    let mut err = io::stderr().lock();
    let _ = write_step(&mut err, &step);
}

fn write_step(err: &mut impl Write, step: &Step) -> io::Result<()> {
    match step {
        Step::Stage { .. } => Ok(()),
        Step::Call(c) => {
            let mut line = format!("rekog: {}", c.op.name());
            if let Some(user) = &c.user_id {
                line.push_str(&format!(" {}", sanitize(user)));
            }
            match c.op {
                crate::aws::api::Op::DisassociateFaces | crate::aws::api::Op::DeleteFaces => {
                    let done = crate::text::count_of(c.done as u64, c.sent as u64, "face", "faces");
                    line.push_str(&format!(": {done}"));
                }
                crate::aws::api::Op::ListFaces => {
                    line.push_str(&format!(": {} left", count(c.done as u64, "face", "faces")));
                }
                _ => {}
            }
            if let Some(e) = &c.error {
                line.push_str(&format!(": {}", sanitize(&e.to_string())));
            }
            if let Some(id) = &c.request_id {
                line.push_str(&format!(", request {}", sanitize(id)));
            }
            writeln!(err, "{line}, {}", duration(c.elapsed))?;
            for r in &c.refused {
                writeln!(err, "rekog:   kept {}", refusal(r))?;
            }
            Ok(())
        }
        Step::Manifest {
            path,
            sha256,
            faces,
            users,
        } => writeln!(
            err,
            "rekog: manifest of {} and {} written: {} (sha256 {sha256})",
            count(*faces, "face", "faces"),
            count(*users, "user", "users"),
            path.display()
        ),
        Step::Intent { id, trail } => {
            writeln!(
                err,
                "rekog: audit intent {id} in {} (its receipt, once done: rekog audit --receipt {id})",
                trail.display()
            )
        }
        Step::UserKept { user_id, face_id } => writeln!(
            err,
            "rekog: user {} keeps face {}, which this erasure does not name: the user stays",
            sanitize(user_id),
            sanitize(face_id)
        ),
        Step::Rechecked { absence, elapsed } => {
            let looked = match absence {
                Ok(a) if a.remaining.is_empty() => {
                    format!(
                        "looked again ({}): none remain",
                        sanitize(&a.looked.join(", "))
                    )
                }
                Ok(a) => format!(
                    "looked again ({}): {} still found",
                    sanitize(&a.looked.join(", ")),
                    count(a.remaining.len() as u64, "face", "faces")
                ),
                Err(why) => format!("could not look again: {}", sanitize(why)),
            };
            writeln!(err, "rekog: {looked}, {}", duration(*elapsed))
        }
        Step::Recorded(Ok(())) => Ok(()),
        Step::Recorded(Err(why)) => {
            writeln!(err, "rekog: warning: the outcome was not recorded: {why}")
        }
    }
}

fn refusal(r: &crate::aws::api::FaceRefusal) -> String {
    let mut text = format!("face {}", sanitize(&r.face_id));
    if let Some(user) = &r.user_id {
        text.push_str(&format!(" (user {})", sanitize(user)));
    }
    text.push_str(&format!(": {}", sanitize(&r.reasons.join(", "))));
    text
}

/// The proof of absence in one line: what was looked up again, and what was still there.
pub(super) fn absence(report: &Report) -> String {
    match &report.absence {
        None => "Proof of absence: not looked for".to_owned(),
        Some(Err(why)) => format!("Proof of absence: could not look again: {}", sanitize(why)),
        Some(Ok(a)) => {
            let looked = sanitize(&a.looked.join(", "));
            if a.remaining.is_empty() {
                format!("Proof of absence: looked again ({looked}): none remain.")
            } else {
                format!(
                    "Proof of absence: looked again ({looked}): {} still found: {}",
                    count(a.remaining.len() as u64, "face", "faces"),
                    sanitize(&a.remaining.join(", "))
                )
            }
        }
    }
}

/// What was erased, each face and user that was not and why, and where the record is.
pub(super) fn report(
    out: &mut impl Write,
    erasure: &Erasure,
    report: &Report,
    trail: &Path,
) -> io::Result<()> {
    writeln!(
        out,
        "Erased {} and {} from {}.",
        count(report.faces_erased.len() as u64, "face", "faces"),
        count(report.users_erased.len() as u64, "user", "users"),
        erasure.target.id
    )?;
    for r in &report.faces_refused {
        writeln!(out, "Not erased: {}", refusal(r))?;
    }
    for u in &report.users_refused {
        let why = sanitize(&u.error.to_string());
        writeln!(out, "Not erased: user {}: {why}", sanitize(&u.user_id))?;
    }
    if let Some(stopped) = &report.stopped {
        let mut why = format!("{}: {}", stopped.op.name(), stopped.error);
        if let Some(id) = &stopped.request_id {
            why.push_str(&format!(" (request {id})"));
        }
        writeln!(out, "Stopped: {}", sanitize(&why))?;
    }
    let (faces, users) = (&report.faces_not_reached, &report.users_not_reached);
    if !faces.is_empty() || !users.is_empty() {
        writeln!(
            out,
            "Not reached: {} and {}",
            count(faces.len() as u64, "face", "faces"),
            count(users.len() as u64, "user", "users")
        )?;
    }
    writeln!(out, "{}", absence(report))?;
    writeln!(out, "Manifest: {}", report.manifest.display())?;
    writeln!(out, "sha256: {}", report.manifest_sha256)?;
    let names = match erasure.keep_names {
        true => "in clear text (--keep-names)",
        false => "as HMAC-SHA256 under the installation's key",
    };
    writeln!(out, "Names: ExternalImageIds and UserIds kept {names}")?;
    match &report.unrecorded {
        None => writeln!(out, "Audit trail: {}", trail.display()),
        Some(why) => writeln!(out, "Audit trail: the outcome was not recorded: {why}"),
    }
}
