//! `rekog manifest ID [--region R]`: export a collection's manifest without deleting it,
//! with a progress bar on stderr and the path on stdout.

pub mod find;
pub mod retention;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Args;

use super::{Progress, Target, default_dir, export};
use crate::aws;
use crate::aws::pace::Paced;
use crate::cli::ConnectArgs;
use crate::ids::CollectionId;
use crate::text::time_left;

#[derive(Debug, Clone, Args)]
pub struct ManifestArgs {
    /// The collection to export; checked against the rule for collection IDs as it is
    /// parsed, so one the service would reject is a usage error.
    #[arg(value_name = "ID")]
    pub id: CollectionId,
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Write under this directory instead of `$XDG_DATA_HOME/rekog/manifests`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: ManifestArgs) -> ExitCode {
    let runtime = match crate::cli::runtime() {
        Ok(rt) => rt,
        Err(err) => {
            crate::text::errln!("rekog: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(run_async(args))
}

async fn run_async(args: ManifestArgs) -> ExitCode {
    let Some(dir) = args.dir.clone().or_else(default_dir) else {
        crate::text::errln!(
            "rekog: no place for manifests: set HOME or XDG_DATA_HOME, or pass --dir"
        );
        return ExitCode::from(2);
    };
    if let Err(why) = crate::paths::check_dir(&dir) {
        crate::text::errln!("rekog: --dir {why}");
        return ExitCode::from(2);
    }
    let place = aws::Target {
        // An export only reads.
        read_only: true,
        ..args.connect.target()
    };
    let connection = match aws::connect(&place).await {
        Ok(c) => c,
        Err(err) => {
            crate::text::errln!("rekog: {err}");
            return ExitCode::from(2);
        }
    };
    let session = &connection.session;
    let target = Target {
        id: args.id.clone(),
        account: None,
        region: session.region.clone(),
        profile: session.profile.clone(),
        endpoint: session.endpoint.clone(),
    };
    let started = Instant::now();
    let now = crate::time::now_ms();
    let ascii = crate::caps::Caps::from_env(crate::caps::Choices::default()).ascii();
    let mut line = crate::text::ProgressLine::new();
    // Under a ListFaces quota the export goes at the quota's rate instead of failing.
    let backend = Paced::new(connection.backend, place.timeout).on_throttle(|t| {
        crate::text::errln!(
            "\nrekog: {} throttled by the service; now at {:.1} calls/s",
            t.op.name(),
            t.rate
        );
    });
    let result = export(&backend, &target, &dir, now, |p| {
        line.show(bar(p, started.elapsed().as_secs_f64(), ascii));
    })
    .await;
    line.done();
    match result {
        Ok(done) => {
            crate::text::outln!("{}", done.path.display());
            crate::text::errln!(
                "rekog: {} and {} in {:.1} s, sha256 {}",
                crate::text::count(done.faces, "face", "faces"),
                crate::text::count(done.users, "user", "users"),
                started.elapsed().as_secs_f64(),
                done.sha256
            );
            if done.described_faces != Some(done.faces) {
                crate::text::errln!(
                    "rekog: warning: DescribeCollection reported {:?} faces; the collection \
                     changed during the export",
                    done.described_faces
                );
                return ExitCode::FAILURE;
            }
            ExitCode::SUCCESS
        }
        Err(why) => {
            crate::text::errln!("rekog: {why}");
            ExitCode::FAILURE
        }
    }
}

/// `[██████░░░░] 42000/100000 faces 12345/s, about 5 s left`; `[######----]` in ASCII.
pub fn bar(p: Progress, secs: f64, ascii: bool) -> String {
    const WIDTH: u64 = 30;
    let filled = match p.total {
        Some(t) if t > 0 => (p.faces.min(t) * WIDTH / t) as usize,
        _ => 0,
    };
    let per_sec = if secs > 0.0 {
        p.faces as f64 / secs
    } else {
        0.0
    };
    let mut rate = if secs > 0.0 {
        format!(" {per_sec:.0}/s")
    } else {
        String::new()
    };
    if let Some(left) = p.total.and_then(|t| time_left(p.faces, t, per_sec)) {
        rate.push_str(&format!(", {left}"));
    }
    let total = p.total.map_or_else(|| "?".into(), |t| t.to_string());
    format!(
        "[{}{}] {}/{total} faces{rate}",
        (if ascii { "#" } else { "█" }).repeat(filled),
        (if ascii { "-" } else { "░" }).repeat(WIDTH as usize - filled),
        p.faces
    )
}
