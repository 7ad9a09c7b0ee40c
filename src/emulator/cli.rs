//! `rekog serve`: flags, the startup message, and running until Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::{OPERATIONS, Quota, Seed, ServeConfig, ServeError, TlsFiles, serve};

/// Flags of `rekog serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 takes a free port.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:4599", value_parser = parse_addr)]
    pub addr: SocketAddr,
    /// Keep the collections in this SQLite file (default: in memory, gone on exit).
    #[arg(long, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Load collections, faces and users from this JSON file at startup.
    #[arg(long, value_name = "FILE")]
    pub seed: Option<PathBuf>,
    /// Serve what `rekog --demo` shows: the demo seed, and the demo people's photos
    /// (assets/faces/) indexed in several of its collections.
    #[arg(long, conflicts_with = "seed")]
    pub demo: bool,
    /// The AWS account of access keys no seeded account lists (default: the seed's first
    /// account, else 123456789012).
    #[arg(long, value_name = "ID")]
    pub account: Option<String>,
    /// Verify SigV4 signatures made with this access key and secret.
    #[arg(long, value_name = "KEY:SECRET", value_parser = parse_credentials)]
    pub credentials: Option<Credentials>,
    /// Make STS AssumeRole and GetSessionToken require MFA: a SerialNumber and this
    /// six-digit TokenCode.
    #[arg(long, value_name = "CODE", value_parser = parse_mfa_code)]
    pub mfa_code: Option<String>,
    /// Delay every answer by a value in this range, e.g. 50ms..400ms.
    #[arg(long, value_name = "MIN..MAX", value_parser = parse_latency)]
    pub latency: Option<Latency>,
    /// Share of requests answered with Throttling, ProvisionedThroughputExceeded or
    /// InternalServerError (0 to 1).
    #[arg(long, value_name = "R", default_value_t = 0.0, value_parser = parse_rate)]
    pub fault_rate: f64,
    /// Seed of the fault and latency draws, for reproducible runs.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub fault_seed: u64,
    /// Answer these operations with AccessDeniedException, as an IAM deny would; `OP@REGION`
    /// denies it in that region only.
    #[arg(long, value_name = "OP[@REGION][,...]", value_delimiter = ',', value_parser = parse_operation)]
    pub deny: Vec<String>,
    /// Answer every request signed for REGION as an opt-in region the account has not
    /// enabled does (UnrecognizedClientException; repeatable).
    #[arg(long, value_name = "REGION", value_parser = parse_region)]
    pub disabled_region: Vec<String>,
    /// Limit an operation's requests per second in each region, e.g. ListFaces=5 (repeatable);
    /// `default` applies the service's documented default quotas. Beyond a quota, requests
    /// get ProvisionedThroughputExceededException, as from the service.
    #[arg(long, value_name = "OP=TPS[,OP=TPS...]", value_delimiter = ',', value_parser = super::quota::parse)]
    pub quota: Vec<Quota>,
    /// Allow listening on a non-loopback address.
    #[arg(long)]
    pub allow_remote: bool,
    /// Serve HTTPS with this PEM certificate chain (the leaf first); needs --tls-key.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Threads answering HTTP (1 to 64). One answers thousands of requests a second over
    /// loopback, far beyond the service's quotas; more only contend for the CPU with the
    /// clients beside them (images are read on threads of their own, and the store's work
    /// on users and faces runs on its own).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub workers: u16,
}

/// `KEY:SECRET`; the secret never shows in debug output.
#[derive(Clone)]
pub struct Credentials {
    pub key: String,
    pub secret: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials({}:****)", self.key)
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Latency(pub Duration, pub Duration);

fn parse_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = text.parse() {
        return Ok(addr);
    }
    let mut addrs = text
        .to_socket_addrs()
        .map_err(|e| format!("{text:?} is not HOST:PORT ({e})"))?;
    addrs
        .next()
        .ok_or_else(|| format!("{text:?} resolves to no address"))
}

fn parse_credentials(text: &str) -> Result<Credentials, String> {
    match text.split_once(':') {
        Some((key, secret)) if !key.is_empty() && !secret.is_empty() => Ok(Credentials {
            key: key.to_owned(),
            secret: secret.to_owned(),
        }),
        _ => Err("expected KEY:SECRET, e.g. AKIDEXAMPLE:wJalrXUtnFEMI".to_owned()),
    }
}

fn parse_mfa_code(text: &str) -> Result<String, String> {
    if super::is_mfa_code(text) {
        Ok(text.to_owned())
    } else {
        Err(format!("{text:?} is not a six-digit code, e.g. 123456"))
    }
}

/// `250ms`, `1.5s`, `2m`, `100us`.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(|| format!("{text:?} has no unit (use us, ms, s or m)"))?;
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} does not start with a number"))?;
    let seconds = match unit {
        "us" => value / 1e6,
        "ms" => value / 1e3,
        "s" => value,
        "m" => value * 60.0,
        _ => {
            return Err(format!(
                "{text:?}: unknown unit {unit:?} (use us, ms, s or m)"
            ));
        }
    };
    Duration::try_from_secs_f64(seconds).map_err(|e| format!("{text:?}: {e}"))
}

fn parse_latency(text: &str) -> Result<Latency, String> {
    let (min, max) = text
        .split_once("..")
        .ok_or_else(|| format!("{text:?} is not MIN..MAX, e.g. 50ms..400ms"))?;
    let (min, max) = (parse_duration(min)?, parse_duration(max)?);
    if min > max {
        return Err(format!("{text:?}: the minimum is above the maximum"));
    }
    Ok(Latency(min, max))
}

fn parse_rate(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(format!("{text:?} is not a number between 0 and 1")),
    }
}

/// A region code, so that a typo (`eu-west1`) is refused rather than disabling nothing.
fn parse_region(text: &str) -> Result<String, String> {
    if crate::aws::regions::plausible(text) {
        Ok(text.to_owned())
    } else {
        Err(format!("{text:?} is not a region code, e.g. eu-south-2"))
    }
}

fn parse_operation(text: &str) -> Result<String, String> {
    let text = text.trim();
    let (op, region) = match text.split_once('@') {
        Some((op, region)) => (op, Some(region)),
        None => (text, None),
    };
    if region.is_some_and(|r| !crate::aws::regions::plausible(r)) {
        return Err(format!("{text:?}: the part after @ is not a region code"));
    }
    if OPERATIONS.contains(&op) {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{op:?} is not an operation of the emulator ({})",
            OPERATIONS.join(", ")
        ))
    }
}

fn fail(message: &str) -> ExitCode {
    crate::text::errln!("rekog serve: {message}");
    ExitCode::FAILURE
}

/// `--disabled-region`, and with `--demo` the opt-in regions the demo account has not
/// enabled, as `rekog --demo` shows them.
fn disabled_regions(args: &ServeArgs) -> Vec<String> {
    let mut regions = args.disabled_region.clone();
    if args.demo {
        for region in crate::aws::demo::DISABLED_REGIONS {
            if !regions.iter().any(|r| r == region) {
                regions.push((*region).to_owned());
            }
        }
    }
    regions
}

/// Runs `rekog serve` until Ctrl-C or SIGTERM.
pub fn run_cli(args: ServeArgs) -> ExitCode {
    let seed = if args.demo {
        Seed::parse("assets/demo-seed.json", crate::emulator::DEMO_SEED).map(Some)
    } else {
        args.seed.as_deref().map(Seed::load).transpose()
    };
    let seed = match seed {
        Ok(seed) => seed,
        Err(e) => return fail(&e.to_string()),
    };
    let config = ServeConfig {
        addr: args.addr,
        db: args.db.clone(),
        seed,
        account: args.account.clone(),
        credentials: args.credentials.clone().map(|c| (c.key, c.secret)),
        mfa_code: args.mfa_code.clone(),
        latency: args.latency.map(|l| (l.0, l.1)),
        fault_rate: args.fault_rate,
        fault_seed: args.fault_seed,
        deny: args.deny.clone(),
        disabled_regions: disabled_regions(&args),
        quotas: args.quota.clone(),
        // The demo's photos are indexed through the server, before what it was asked to
        // inject: a throttle there would stop it from starting at all.
        faults_held: args.demo,
        stable_request_ids: false,
        allow_remote: args.allow_remote,
        tls: args
            .tls_cert
            .clone()
            .zip(args.tls_key.clone())
            .map(|(cert, key)| TlsFiles { cert, key }),
    };
    let runtime = match crate::cli::runtime_with(usize::from(args.workers)) {
        Ok(runtime) => runtime,
        Err(e) => return fail(&format!("cannot start the async runtime: {e}")),
    };
    runtime.block_on(async move {
        let (collections, faces) = config
            .seed
            .as_ref()
            .map_or((0, 0), |s| (s.collection_count(), s.face_count()));
        let handle = match serve(config).await {
            Ok(handle) => handle,
            // Like a bad flag: nothing was served, and the file is what to fix.
            Err(ServeError::Tls(e)) => {
                crate::text::errln!("rekog serve: {e}");
                return ExitCode::from(2);
            }
            Err(e) => return fail(&e.to_string()),
        };
        let url = handle.endpoint();
        if args.demo {
            // Any key is taken unless --credentials names one.
            let (key, secret) = args
                .credentials
                .as_ref()
                .map_or(("AKIDREKOGDEMO0000000", "demo"), |c| (&c.key, &c.secret));
            if let Err(why) = crate::aws::demo::index_portraits(&url, key, secret).await {
                return fail(&why);
            }
        }
        handle.release_faults();
        let store = args
            .db
            .as_ref()
            .map_or_else(|| "in memory".to_owned(), |p| p.display().to_string());
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "rekog emulator listening on {url}");
        let _ = writeln!(
            out,
            "  aws-cli: aws rekognition list-collections --endpoint-url {url} --region us-east-1"
        );
        let _ = writeln!(
            out,
            "  SDKs:    AWS_ENDPOINT_URL={url} AWS_REGION=us-east-1 (plus any access key and secret)"
        );
        // Temporary credentials from its STS are verified either way.
        let key_note = match &args.credentials {
            Some(c) => format!("signatures verified for access key {} and STS sessions", c.key),
            None => "any access key and secret accepted".to_owned(),
        };
        // In memory the rows follow the collections; a request that needs them waits.
        let behind = if args.db.is_none() && faces > 0 {
            " (faces written in the background)"
        } else {
            ""
        };
        let collections = crate::text::count(collections as u64, "collection", "collections");
        let faces = crate::text::count(faces, "face", "faces");
        let _ = writeln!(
            out,
            "  store: {store}; seeded {collections}, {faces}{behind}; {key_note}"
        );
        if args.mfa_code.is_some() {
            let _ = writeln!(
                out,
                "  STS AssumeRole and GetSessionToken require MFA: a SerialNumber and the \
                 --mfa-code TokenCode"
            );
        }
        if !args.quota.is_empty() {
            let quotas: Vec<String> = args.quota.iter().map(Quota::to_string).collect();
            let _ = writeln!(
                out,
                "  quotas (requests per second per region): {}",
                quotas.join(", ")
            );
        }
        if let Some(cert) = &args.tls_cert {
            let _ = writeln!(
                out,
                "  HTTPS with {}: clients trust its CA through AWS_CA_BUNDLE or a profile's \
                 ca_bundle",
                cert.display()
            );
        }
        let _ = writeln!(out, "  Ctrl-C or SIGTERM stops it.");
        let _ = out.flush();
        drop(out);
        wait_for_signal().await;
        handle.shutdown().await;
        ExitCode::SUCCESS
    })
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
