//! `rekog doctor`: what rekog would run with on this box, and what stands in its way. One
//! line per check, `ok`, `warn` or `fail`, each failure with what to do; `--json` gives the
//! same checks as one object. Nothing is changed: files are only read (the audit trail is
//! opened for appending and closed without a byte written), and the calls to AWS are reads.
//!
//! - `facts`: what the process, the files and the terminal say, gathered once.
//! - `checks`: the facts (and the probes' results) judged; pure, so tested without a box.
//! - `ini`: the AWS config and credentials files read as the SDK reads them, with the line
//!   of each problem.
//! - `probe`: the calls: connecting, GetCallerIdentity, ListCollections, DescribeCollection,
//!   and the server's `Date` header for the clock.

mod checks;
mod facts;
mod ini;
mod probe;

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use serde::Serialize;

use crate::cli::ConnectArgs;

pub use checks::checks;
pub use facts::{Facts, gather};
pub use probe::{CallFailure, Probes, run_probes};

/// `rekog doctor`'s flags.
#[derive(Debug, Clone, Args)]
pub struct DoctorArgs {
    /// Print one JSON object holding every check instead of lines.
    #[arg(long)]
    pub json: bool,
    /// Check the embedded emulator with the demo account instead of AWS.
    #[arg(long, conflicts_with_all = ["profile", "endpoint_url"])]
    pub demo: bool,
    #[command(flatten)]
    pub connect: ConnectArgs,
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "fail",
        }
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub name: &'static str,
    pub status: Status,
    /// What was found.
    pub detail: String,
    /// What to do about it; set on every `fail` and on most `warn`s.
    pub fix: Option<String>,
}

impl Check {
    pub fn ok(name: &'static str, detail: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Ok,
            detail: detail.into(),
            fix: None,
        }
    }

    pub fn warn(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Warn,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    pub fn fail(name: &'static str, detail: impl Into<String>, fix: impl Into<String>) -> Check {
        Check {
            name,
            status: Status::Fail,
            detail: detail.into(),
            fix: Some(fix.into()),
        }
    }

    /// The text after the name: what was found, then what to do.
    pub fn text(&self) -> String {
        match &self.fix {
            Some(fix) => format!("{}: {fix}", self.detail),
            None => self.detail.clone(),
        }
    }
}

/// Every check, as `--json` prints it.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// No check failed (the exit status is 0).
    pub ok: bool,
    pub checks: &'a [Check],
}

/// The lines of the report, the names in one column.
pub fn render(checks: &[Check]) -> String {
    let width = checks.iter().map(|c| c.name.len()).max().unwrap_or(0) + 2;
    let mut out = String::new();
    for check in checks {
        out.push_str(&format!(
            "{:<6}{:<width$}{}\n",
            check.status.label(),
            check.name,
            check.text()
        ));
    }
    out
}

/// Whether the checks pass: none failed.
pub fn passed(checks: &[Check]) -> bool {
    checks.iter().all(|c| c.status != Status::Fail)
}

/// Runs every check and prints the report; exit 0 when nothing failed, 1 otherwise.
pub fn run(args: DoctorArgs) -> ExitCode {
    let runtime = match crate::cli::runtime() {
        Ok(rt) => rt,
        Err(err) => {
            crate::text::errln!("rekog: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let (all, ascii) = runtime.block_on(async {
        let facts = gather(&args).await;
        let probes = run_probes(&args, &facts).await;
        (checks(&facts, &probes), facts.caps.ascii())
    });
    // The demo emulator and any call that outlived its timeout are left behind.
    runtime.shutdown_background();
    let text = if args.json {
        let report = Report {
            ok: passed(&all),
            checks: &all,
        };
        match serde_json::to_string_pretty(&report) {
            Ok(json) => json + "\n",
            Err(err) => {
                crate::text::errln!("rekog: cannot write the report as JSON: {err}");
                return ExitCode::FAILURE;
            }
        }
    } else if ascii {
        // The report's own marks (`AKIA…MPLE`) read as `...` where the terminal is ASCII.
        crate::text::to_ascii(&render(&all)).into_owned()
    } else {
        render(&all)
    };
    // A reader that went away (`rekog doctor | head`) is no failure of the box.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if passed(&all) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests;
