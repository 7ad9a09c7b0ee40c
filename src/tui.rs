//! The TUI entry point (placeholder until it lands).

use std::process::ExitCode;

use crate::cli::TuiArgs;

pub fn run(_args: TuiArgs) -> ExitCode {
    ExitCode::FAILURE
}
