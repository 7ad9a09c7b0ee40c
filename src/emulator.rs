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

/// The demo account's seed.
pub const DEMO_SEED: &str = "{}";

/// Seed data (placeholder).
pub struct Seed;

impl Seed {
    pub fn parse(_source: &str, _json: &str) -> Result<Seed, String> {
        Ok(Seed)
    }
}

/// Emulator settings (placeholder).
#[derive(Default)]
pub struct ServeConfig {
    pub seed: Option<Seed>,
    pub credentials: Option<(String, String)>,
    pub account: String,
}

pub async fn serve(_config: ServeConfig) -> Result<Handle, String> {
    Err("the emulator is not built yet".into())
}

impl Handle {
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub async fn shutdown(self) {}
}
