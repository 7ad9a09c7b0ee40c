//! Command-line interface: the TUI's flags, the connection flags every command that
//! reaches AWS shares, and the subcommands.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::aws;
use crate::emulator::ServeArgs;

mod before;

#[derive(Debug, Parser)]
#[command(
    name = "rekog",
    version,
    about = "A terminal UI for Amazon Rekognition face collections"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
    #[command(flatten)]
    pub tui: TuiArgs,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Run the Rekognition collection emulator alone, for aws-cli, boto3 or any SDK.
    Serve(Box<ServeArgs>),
    /// Print the audit trail of mutations (deletes, creates) as a table or JSON lines.
    Audit(crate::audit::cli::AuditArgs),
    /// Export a collection to a manifest (JSON Lines) without deleting it.
    Manifest(crate::manifest::cli::ManifestArgs),
    /// List the manifests on this box; --prune removes those --older-than a span, each
    /// removal an audit record.
    Manifests(crate::manifest::cli::retention::ManifestsArgs),
    /// Erase one person's faces (and their user) from a collection, with a manifest and
    /// an audit record.
    Erase(crate::erase::cli::EraseArgs),
    /// Where one person's faces are (by FaceId, UserId, photo or ExternalImageId), in a
    /// collection or in every one; reads only, for access requests.
    Search(crate::search::SearchArgs),
    /// Every collection of every account and region asked for, as CSV, JSON or JSON
    /// Lines, for records of processing and DPIAs.
    Inventory(crate::inventory::cli::InventoryArgs),
    /// Check this box: terminal, config files, profile, region, endpoints, proxy, CA
    /// bundle, credentials, clock, permissions, and rekog's own files.
    Doctor(crate::doctor::DoctorArgs),
    /// Print the completion script for SHELL (bash, zsh, fish, elvish or powershell).
    Completions {
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), every subcommand included.
    Man,
}

/// Where to connect and how long a call may take: the flags of every command that reaches
/// AWS (the TUI, `manifest`, `erase`).
#[derive(Debug, Clone, Args)]
pub struct ConnectArgs {
    /// AWS profile to use (default: the standard chain, AWS_PROFILE).
    #[arg(long)]
    pub profile: Option<String>,
    /// AWS region (default: AWS_REGION, then the profile).
    #[arg(long)]
    pub region: Option<String>,
    /// Send Rekognition calls to this endpoint instead of AWS.
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
    /// Upper bound for each API call, retries included, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
}

impl ConnectArgs {
    /// Where these flags say to connect. What only some commands decide (read-only, the
    /// demo, the MFA cache) is left at its default for the command to set.
    pub fn target(&self) -> aws::Target {
        aws::Target {
            profile: self.profile.clone(),
            region: self.region.clone(),
            endpoint_url: self.endpoint_url.clone(),
            timeout: Duration::from_secs(self.timeout),
            ..aws::Target::default()
        }
    }
}

/// Flags of the TUI (the default command).
#[derive(Debug, Clone, Args)]
pub struct TuiArgs {
    /// Run against the embedded emulator, seeded with a demo account.
    // It has its own endpoint and account: a profile or an endpoint beside it would be
    // dropped without a word, so clap refuses the pair.
    #[arg(long, conflicts_with_all = ["profile", "endpoint_url"])]
    pub demo: bool,
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Never change anything: mutations are refused.
    // `REKOG_READ_ONLY=1` (as documented), `yes` or `on` as much as `true`: anything but an
    // explicit false (`0`, `false`, `no`, `off`, empty) keeps rekog read-only, so a typo
    // never makes it writable.
    #[arg(long, env = "REKOG_READ_ONLY", value_parser = clap::builder::FalseyValueParser::new())]
    pub read_only: bool,
    /// Where diagnostics go (default: under the XDG state directory).
    #[arg(long, value_name = "PATH")]
    pub log_file: Option<PathBuf>,
    /// Never delete collections whose ID matches GLOB (repeatable; adds to the config's).
    #[arg(long = "protect", value_name = "GLOB")]
    pub protect: Vec<String>,
    /// Delete without exporting a manifest first (also `manifest = false` in the config).
    #[arg(long)]
    pub no_manifest: bool,
    /// Hide account ids and ARNs on screen, for recordings and screen shares.
    #[arg(long)]
    pub mask: bool,
    /// Ask for the MFA code of a role profile even when its cached credentials are fresh
    /// (at start, on a switch, in the fleet); the cache is neither read nor written.
    #[arg(long)]
    pub no_cache: bool,
    /// Start in the fleet view: every region of the profile, with its counts.
    #[arg(long)]
    pub all_regions: bool,
    /// The fleet's accounts beyond the profile (start in the fleet view with them).
    #[command(flatten)]
    pub fleet: crate::inventory::cli::FleetArgs,
    /// Only ASCII on screen, whatever the locale (also `charset = "ascii"` in the config).
    #[arg(long)]
    pub ascii: bool,
    /// Colours: auto (from NO_COLOR, COLORTERM and TERM), never, 16, 256 or truecolor.
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<crate::caps::ColorChoice>,
    /// Colours for a dark or a light (white) terminal background.
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<crate::caps::ThemeChoice>,
    /// The request the session's changes serve (e.g. DSAR-2026-0042), recorded on each
    /// change's audit lines; Ctrl-T in a delete or erase dialog types or changes it.
    #[arg(long, value_name = "REF", value_parser = crate::ids::ticket)]
    pub ticket: Option<String>,
}

/// The runtime every command runs on. Worker threads are named so that the TUI's panic hook
/// can tell a failed task (reported in the app) from a failure of the UI itself.
pub fn runtime() -> std::io::Result<tokio::runtime::Runtime> {
    workers().build()
}

/// As [`runtime`], with `threads` workers rather than one per CPU.
pub fn runtime_with(threads: usize) -> std::io::Result<tokio::runtime::Runtime> {
    workers().worker_threads(threads).build()
}

fn workers() -> tokio::runtime::Builder {
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    builder
        .thread_name(crate::tui::term::WORKER_THREAD_NAME)
        .enable_all();
    builder
}

/// The TUI's runtime: as [`runtime`], with its workers a step below the thread that reads
/// keys and draws, so that thousands of calls in flight (a fleet loading on a 2-core box,
/// beside whatever else runs there) cannot keep a key's frame waiting for the CPU.
pub fn tui_runtime() -> std::io::Result<tokio::runtime::Runtime> {
    workers().on_thread_start(behind_the_ui).build()
}

/// How far below the UI thread the TUI's workers run (nice values, 0 to 19).
#[cfg(target_os = "linux")]
const WORKER_NICE: libc::c_int = 5;

/// Linux keeps a nice value per thread (setpriority on a thread ID), so this lowers the
/// calling worker alone. Lowering one's own priority needs no privilege; were it refused,
/// the worker would keep the UI's priority, as before.
#[cfg(target_os = "linux")]
fn behind_the_ui() {
    // SAFETY: gettid and setpriority take plain integers and touch no memory of ours.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, WORKER_NICE);
    }
}

/// Elsewhere a nice value belongs to the whole process, UI thread included: left alone.
#[cfg(not(target_os = "linux"))]
fn behind_the_ui() {}

/// Parses the command line and runs what it asks for.
pub fn run() -> ExitCode {
    let matches = Cli::command().get_matches();
    let mut cli = Cli::from_arg_matches(&matches)
        .map_err(|err| err.format(&mut Cli::command()))
        .unwrap_or_else(|err| err.exit());
    if let Err(err) = before::hand_over(&mut cli, &matches) {
        err.exit();
    }
    match cli.command {
        Some(Cmd::Serve(args)) => crate::emulator::run_cli(*args),
        Some(Cmd::Audit(args)) => crate::audit::cli::run(args),
        Some(Cmd::Manifest(args)) => crate::manifest::cli::run(args),
        Some(Cmd::Manifests(args)) => crate::manifest::cli::retention::run(args, cli.tui.read_only),
        Some(Cmd::Erase(args)) => crate::erase::cli::run(args),
        Some(Cmd::Search(args)) => crate::search::run(args),
        Some(Cmd::Doctor(args)) => crate::doctor::run(args),
        Some(Cmd::Inventory(args)) => crate::inventory::cli::run(args),
        Some(Cmd::Completions { shell }) => print(|out| completions(shell, out)),
        Some(Cmd::Man) => print(man),
        None => crate::tui::run(cli.tui),
    }
}

/// Writes what `write` makes to stdout; a reader that went away early is no failure.
fn print(write: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> ExitCode {
    let mut out = Vec::new();
    if let Err(err) = write(&mut out) {
        crate::text::errln!("rekog: {err}");
        return ExitCode::FAILURE;
    }
    let _ = std::io::stdout().write_all(&out);
    ExitCode::SUCCESS
}

/// The completion script of `shell` for every subcommand and flag.
pub fn completions(shell: clap_complete::Shell, out: &mut Vec<u8>) -> std::io::Result<()> {
    clap_complete::generate(shell, &mut Cli::command(), "rekog", out);
    Ok(())
}

/// The manual page: rekog's own, then a section for each subcommand (and theirs, if they
/// have any) with its synopsis, description and options.
pub fn man(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut cli = Cli::command();
    cli.build();
    clap_mangen::Man::new(cli.clone()).render(out)?;
    for sub in cli.get_subcommands() {
        subcommand_sections(sub, &format!("rekog {}", sub.get_name()), out)?;
    }
    Ok(())
}

fn subcommand_sections(cmd: &clap::Command, path: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
    if cmd.get_name() == "help" {
        return Ok(());
    }
    writeln!(out, ".SH \"{}\"", path.to_uppercase())?;
    let named = cmd.clone().bin_name(path);
    let page = clap_mangen::Man::new(named);
    let mut body = Vec::new();
    page.render_synopsis_section(&mut body)?;
    page.render_description_section(&mut body)?;
    page.render_options_section(&mut body)?;
    // One page holds them all: each part's heading goes a level down, under the command's.
    let body = String::from_utf8_lossy(&body).replace(".SH ", ".SS ");
    out.extend_from_slice(body.as_bytes());
    for sub in cmd.get_subcommands() {
        subcommand_sections(sub, &format!("{path} {}", sub.get_name()), out)?;
    }
    Ok(())
}
