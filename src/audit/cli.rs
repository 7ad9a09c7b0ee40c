//! `rekog audit [--json] [--since DURATION]`: the trail as a table, one row per operation,
//! or its JSON lines as written; `--verify [--expect-head SEQ:HASH]` checks its chain and
//! manifests, `--head` prints the last record's `SEQ:HASH` to keep elsewhere.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::Args;

use super::verify::{Head, VerifyError, last_head, verify};
use super::{Audit, Entry, Event, OutcomeKind, Record, Trail, read};
use crate::text::count;
use crate::time;

#[derive(Debug, Clone, Default, Args)]
pub struct AuditArgs {
    /// Print the trail's JSON lines as written instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The table in ASCII (the locale is not UTF-8): a role chain's `→` as `>`, any other
    /// character outside ASCII escaped. Set from the environment, not a flag.
    #[arg(skip)]
    pub ascii: bool,
    /// Only what happened within this span before now, like 90m, 24h or 7d.
    #[arg(long = "since", value_name = "DURATION", value_parser = time::parse_duration)]
    pub since_ms: Option<i64>,
    /// Check the hash chain from the first record to the last, and every manifest a record
    /// names. Exit 0 when intact, 1 naming the first bad record.
    #[arg(long, conflicts_with_all = ["json", "since_ms", "head"])]
    pub verify: bool,
    /// With --verify: also fail unless the trail still holds this record as it was (a head
    /// printed by --head earlier and kept elsewhere).
    #[arg(long, value_name = "SEQ:HASH", requires = "verify")]
    pub expect_head: Option<Head>,
    /// Print the last record's SEQ:HASH, to be kept somewhere else (a ticket, a chat).
    #[arg(long, conflicts_with_all = ["json", "since_ms"])]
    pub head: bool,
    /// Which erasures named this ExternalImageId or UserId, from their manifests (kept as
    /// HMAC-SHA256 or in clear text). Exit 0 when some did, 1 when none did.
    #[arg(long, value_name = "VALUE", conflicts_with_all = ["json", "since_ms", "verify", "head", "ticket"],
          value_parser = clap::builder::NonEmptyStringValueParser::new())]
    pub find: Option<String>,
    /// Only the records of this request (the --ticket of rekog erase and the TUI).
    #[arg(long, value_name = "REF")]
    pub ticket: Option<String>,
    /// The receipt of one erasure or collection delete: ID is its record's id.
    #[arg(long, value_name = "ID", conflicts_with_all = ["json", "since_ms", "verify", "head", "ticket", "find"])]
    pub receipt: Option<String>,
    /// The receipt as a Markdown document (md) or as JSON.
    #[arg(long, value_enum, default_value = "md", requires = "receipt")]
    pub format: ReceiptFormat,
    /// Write the receipt to FILE (mode 0600) instead of standard output (`-` is standard
    /// output).
    #[arg(long, value_name = "FILE", requires = "receipt")]
    pub out: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ReceiptFormat {
    #[default]
    Md,
    Json,
}

pub fn run(args: AuditArgs) -> ExitCode {
    let Some(path) = Audit::default_path() else {
        crate::text::errln!("rekog: {}", super::AuditError::NoPlace);
        return ExitCode::FAILURE;
    };
    if args.verify {
        return run_verify(&path, args.expect_head.as_ref());
    }
    if args.head {
        return run_head(&path);
    }
    if let Some(id) = &args.receipt {
        let out = args
            .out
            .as_deref()
            .filter(|out| !crate::paths::is_stdout(out));
        return run_receipt(&path, id, args.format, out);
    }
    if let Some(value) = &args.find {
        return crate::manifest::cli::find::run(&path, value);
    }
    let args = AuditArgs {
        ascii: crate::caps::Caps::from_env(crate::caps::Choices::default()).ascii(),
        ..args
    };
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match print(&path, &args, time::now_ms(), &mut out, &mut err) {
        Ok(()) => ExitCode::SUCCESS,
        // `rekog audit | head` closing the pipe early is not a failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "rekog: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_verify(path: &Path, expect: Option<&Head>) -> ExitCode {
    match verify(path, expect) {
        Ok(verified) => {
            crate::text::outln!("{}: {verified}", path.display());
            ExitCode::SUCCESS
        }
        Err(VerifyError::Broken(broken)) => {
            crate::text::errln!("rekog: {} is not intact: {broken}", path.display());
            ExitCode::from(1)
        }
        Err(VerifyError::Io(e)) => {
            crate::text::errln!("rekog: cannot read {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

fn run_receipt(path: &Path, id: &str, format: ReceiptFormat, out: Option<&Path>) -> ExitCode {
    let receipt = match super::receipt::receipt(path, id) {
        Ok(receipt) => receipt,
        Err(e) => {
            crate::text::errln!("rekog: {e}");
            return ExitCode::from(2);
        }
    };
    let text = match format {
        ReceiptFormat::Md => super::receipt::markdown(&receipt),
        ReceiptFormat::Json => match serde_json::to_string_pretty(&receipt) {
            Ok(json) => json + "\n",
            Err(e) => {
                crate::text::errln!("rekog: {e}");
                return ExitCode::from(2);
            }
        },
    };
    let Some(out) = out else {
        crate::text::out!("{text}");
        return ExitCode::SUCCESS;
    };
    // A receipt names people's faces and who erased them: the owner's alone.
    let written = crate::paths::write_private(out, text.as_bytes());
    match written {
        Ok(()) => {
            crate::text::errln!("rekog: receipt written to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::text::errln!("rekog: cannot write {}: {e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn run_head(path: &Path) -> ExitCode {
    match last_head(path) {
        Ok(Some(head)) => {
            crate::text::outln!("{head}");
            ExitCode::SUCCESS
        }
        Ok(None) => {
            crate::text::errln!("rekog: no chained record in {} yet", path.display());
            ExitCode::from(1)
        }
        Err(e) => {
            crate::text::errln!("rekog: cannot read {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

/// Prints the trail at `path` as `args` ask, as of `now_ms`. Notes go to `err`.
pub fn print(
    path: &Path,
    args: &AuditArgs,
    now_ms: i64,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<()> {
    let trail = match read(path) {
        Ok(trail) => trail,
        Err(e) => return Err(std::io::Error::other(e.to_string())),
    };
    if trail.skipped > 0 {
        writeln!(
            err,
            "rekog: skipped {} unreadable line(s) in {}",
            trail.skipped,
            path.display()
        )?;
    }
    let since = args.since_ms.map(|span| now_ms.saturating_sub(span));
    let mut trail = trail;
    if let Some(ticket) = &args.ticket {
        trail
            .entries
            .retain(|e| e.record.ticket.as_deref() == Some(ticket.as_str()));
        if trail.entries.is_empty() {
            return writeln!(err, "rekog: no records for ticket {}", clean(ticket));
        }
    }
    if args.json {
        for entry in &trail.entries {
            if since.is_none_or(|s| entry.time_ms >= s) {
                writeln!(out, "{}", entry.line)?;
            }
        }
        return Ok(());
    }
    match table(&trail, since, args.ascii) {
        Some(text) => out.write_all(text.as_bytes()),
        None if trail.entries.is_empty() => {
            writeln!(err, "rekog: no audited operations in {}", path.display())
        }
        None => writeln!(err, "rekog: no audited operations in that span"),
    }
}

const HEADERS: [&str; 11] = [
    "TIME",
    "OPERATION",
    "COLLECTION",
    "ACCOUNT",
    "REGION",
    "PROFILE",
    "FACES",
    "OUTCOME",
    "STATUS",
    "MS",
    "DETAIL",
];

/// One operation: its intent line (or a lone outcome line) and its outcome, if any.
struct Row<'a> {
    first: &'a Entry,
    outcome: Option<&'a Record>,
}

/// Pairs the lines by id, keeps the operations that started at or after `since`, and
/// lays them out in aligned columns; `None` when no operation is left.
fn table(trail: &Trail, since: Option<i64>, ascii: bool) -> Option<String> {
    let mut rows: Vec<Row> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for entry in &trail.entries {
        let r = &entry.record;
        match (r.event, by_id.get(r.id.as_str())) {
            (Event::Outcome, Some(&i)) => rows[i].outcome = Some(r),
            (Event::Outcome, None) => rows.push(Row {
                first: entry,
                outcome: Some(r),
            }),
            (Event::Intent, _) => {
                by_id.insert(&r.id, rows.len());
                rows.push(Row {
                    first: entry,
                    outcome: None,
                });
            }
        }
    }
    let cells: Vec<[String; 11]> = rows
        .iter()
        .filter(|row| since.is_none_or(|s| row.first.time_ms >= s))
        .map(cells)
        // Before the widths are measured: an escape is longer than what it stands for.
        .map(|row| match ascii {
            true => row.map(|cell| crate::text::to_ascii(&cell).into_owned()),
            false => row,
        })
        .collect();
    if cells.is_empty() {
        return None;
    }
    let mut widths = HEADERS.map(|h| h.chars().count());
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut text = String::new();
    let header = HEADERS.map(str::to_owned);
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            if i + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<w$}  "));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
    Some(text)
}

fn cells(row: &Row) -> [String; 11] {
    let first = &row.first.record;
    let opt = |v: &Option<String>| v.as_deref().map_or_else(|| "-".to_owned(), clean);
    let num = |v: Option<u64>| v.map_or_else(|| "-".to_owned(), |n| n.to_string());
    let (outcome, status, ms, mut detail) = match row.outcome {
        Some(o) => (
            match o.outcome {
                Some(OutcomeKind::Success) => "success",
                Some(OutcomeKind::Error) => "error",
                Some(OutcomeKind::Interrupted) => "interrupted",
                Some(OutcomeKind::Resumed) => "resumed",
                Some(OutcomeKind::Unknown) | None => "unknown",
            },
            o.status_code
                .map_or_else(|| "-".to_owned(), |s| s.to_string()),
            num(o.duration_ms),
            details(o),
        ),
        None => (
            "unknown",
            "-".to_owned(),
            "-".to_owned(),
            vec!["no outcome recorded: stopped mid-call, or still running".to_owned()],
        ),
    };
    if let Some(manifest) = &first.manifest {
        detail.push(format!("manifest {}", clean(manifest)));
    }
    if let Some(ticket) = &first.ticket {
        detail.push(format!("ticket {}", clean(ticket)));
    }
    // Seconds are plenty to read by; the JSON keeps the milliseconds.
    let when = time::format_rfc3339(row.first.time_ms);
    let when = when
        .split('.')
        .next()
        .unwrap_or(&when)
        .replacen('T', " ", 1);
    [
        format!("{when}Z"),
        opt(&first.operation),
        opt(&first.collection_id),
        opt(&first.account),
        opt(&first.region),
        opt(&first.profile),
        num(first.face_count),
        outcome.to_owned(),
        status,
        ms,
        detail.join("; "),
    ]
}

fn details(outcome: &Record) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(erased) = erased(outcome) {
        parts.push(erased);
    }
    match (&outcome.error_code, &outcome.error_message) {
        (Some(code), Some(msg)) => parts.push(format!("{}: {}", clean(code), clean(msg))),
        (Some(one), None) | (None, Some(one)) => parts.push(clean(one)),
        (None, None) => {}
    }
    if let Some(id) = &outcome.request_id {
        parts.push(format!("request {}", clean(id)));
    }
    parts
}

/// An erasure's counts: `erased 3 faces and 1 user; not erased: 1 face and 0 users`; a
/// DeleteFaces's: `deleted 1 face; not deleted: 1 face (ASSOCIATED_TO_AN_EXISTING_USER)`.
fn erased(outcome: &Record) -> Option<String> {
    if outcome.operation.as_deref() == Some("DeleteFaces") {
        return deleted_faces(outcome);
    }
    let (faces, users) = (outcome.faces_erased?, outcome.users_erased?);
    let both = |f: u64, u: u64| {
        format!(
            "{} and {}",
            count(f, "face", "faces"),
            count(u, "user", "users")
        )
    };
    let mut text = format!("erased {}", both(faces, users));
    let (faces, users) = (
        outcome.faces_failed.unwrap_or(0),
        outcome.users_failed.unwrap_or(0),
    );
    if faces + users > 0 {
        text.push_str(&format!("; not erased: {}", both(faces, users)));
    }
    Some(text)
}

fn deleted_faces(outcome: &Record) -> Option<String> {
    let faces = count(outcome.faces_erased?, "face", "faces");
    let mut text = format!("deleted {faces}");
    let kept = outcome.faces_failed.unwrap_or(0);
    if kept > 0 {
        let mut reasons: Vec<&str> = outcome
            .left
            .iter()
            .flat_map(|l| &l.faces_kept)
            .flat_map(|k| k.reasons.iter().map(String::as_str))
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        text.push_str(&format!("; not deleted: {}", count(kept, "face", "faces")));
        if !reasons.is_empty() {
            text.push_str(&format!(" ({})", clean(&reasons.join(", "))));
        }
    }
    Some(text)
}

/// Text from the file (error messages come from a server) must not drive the terminal.
fn clean(s: &str) -> String {
    let mut shown = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown
}

#[cfg(test)]
mod tests;
