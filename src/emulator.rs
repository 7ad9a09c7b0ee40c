//! A loopback emulator of the Rekognition collection API (placeholder until it lands).

use std::net::SocketAddr;
use std::process::ExitCode;

/// Flags of `rekog serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {}

/// Runs `rekog serve` until Ctrl-C or SIGTERM.
pub fn run_cli(_args: ServeArgs) -> ExitCode {
    ExitCode::FAILURE
}

/// A running emulator.
pub struct Handle {
    pub addr: SocketAddr,
}
