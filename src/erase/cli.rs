//! `rekog erase COLLECTION (--external-image-id PATTERN | --user ID | --face-id ID... |
//! --like ID | --image FILE)`: find one person's faces, show them, and erase them once the
//! collection ID is typed (or given with `--confirm`).
//!
//! Exit status: 0 when everything named was erased (or `--dry-run` listed it); 1 when the
//! erasure ran but something was kept (refused, or not reached after a failed call); 2 when
//! nothing was changed: bad input or settings, no connection, a refusal (read-only, a
//! protected collection, a wrong confirmation), or a failure before the first change.

mod confirm;
mod like;
mod resume;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::{ArgGroup, Args};

use super::photo;
use super::search::{self, Pattern, Search};
use super::{Erasure, erase};
use crate::audit::{Audit, Gate};
use crate::aws;
use crate::aws::api::Rekognition;
use crate::aws::pace::Paced;
use crate::cli::ConnectArgs;
use crate::ids::{CollectionId, FaceId, UserId};
use crate::manifest::{Target, default_dir};

#[derive(Debug, Clone, Args)]
#[command(group(
    ArgGroup::new("who").required(true).args(["external_image_id", "user", "face_id", "like", "image", "resume"])
))]
pub struct EraseArgs {
    /// The collection to erase from.
    #[arg(
        value_name = "COLLECTION",
        value_parser = Checked(collection_arg),
        required_unless_present = "resume",
        conflicts_with = "resume"
    )]
    pub collection: Option<CollectionId>,
    /// Finish the erasure whose audit intent ID has no outcome (rekog was killed): the
    /// faces of its manifest still there are erased, then its named users left without
    /// faces. Confirmed by typing the collection ID, or --confirm.
    #[arg(long, value_name = "ID")]
    pub resume: Option<String>,
    /// Faces whose ExternalImageId contains PATTERN, or matches it when it has * or ?.
    #[arg(long, value_name = "PATTERN", value_parser = Checked(pattern_arg))]
    pub external_image_id: Option<Pattern>,
    /// The faces of user ID, then the user itself.
    #[arg(long, value_name = "ID", value_parser = Checked(user_arg))]
    pub user: Option<UserId>,
    /// These faces (several after one flag, comma-separated, or the flag repeated).
    #[arg(long, value_name = "ID", num_args = 1.., value_delimiter = ',', value_parser = Checked(face_arg))]
    pub face_id: Vec<FaceId>,
    /// This face and the faces like it (SearchFaces) at --threshold or above.
    #[arg(long, value_name = "FACE_ID", value_parser = Checked(like_arg))]
    pub like: Option<FaceId>,
    /// The faces like the largest face in this JPEG or PNG (SearchFacesByImage) at
    /// --threshold or above; the manifest keeps the photo's SHA-256, never the photo.
    #[arg(long, value_name = "FILE", value_parser = Checked(photo::photo_arg))]
    pub image: Option<photo::Photo>,
    /// The least similarity (0 to 100) of a face --like or --image erases [default: 90].
    #[arg(long, value_name = "N", value_parser = Checked(photo::threshold_arg))]
    pub threshold: Option<f32>,
    #[command(flatten)]
    pub connect: ConnectArgs,
    /// Write the manifest under this directory instead of `$XDG_DATA_HOME/rekog/manifests`.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// List what would be erased, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Keep ExternalImageIds and UserIds in the manifest in clear text, where a policy
    /// requires it; by default it keeps their HMAC-SHA256 under the installation's key.
    #[arg(long)]
    pub keep_names: bool,
    /// Erase without asking, when this is COLLECTION exactly.
    #[arg(long, value_name = "COLLECTION")]
    pub confirm: Option<String>,
    /// Never change anything: the erasure is refused (a dry run still lists).
    // `REKOG_READ_ONLY=1` (as documented), `yes` or `on` as much as `true`: anything but an
    // explicit false (`0`, `false`, `no`, `off`, empty) keeps rekog read-only, so a typo
    // never makes it writable.
    #[arg(long, env = "REKOG_READ_ONLY", value_parser = clap::builder::FalseyValueParser::new())]
    pub read_only: bool,
    /// Never erase from collections matching GLOB (repeatable; adds to the config's).
    #[arg(long = "protect", value_name = "GLOB")]
    pub protect: Vec<String>,
    /// The request this erasure serves (e.g. DSAR-2026-0042), recorded on its audit lines.
    #[arg(long, value_name = "REF", value_parser = Checked(ticket_arg))]
    pub ticket: Option<String>,
}

const USAGE: u8 = 2;

/// The faces to erase, as a search by likeness or one of the listed searches found them.
enum Found {
    Like(like::Found),
    Listed(Search, Vec<UserId>, Vec<crate::aws::api::Face>),
}

pub fn run(args: EraseArgs) -> ExitCode {
    let runtime = match crate::cli::runtime() {
        Ok(rt) => rt,
        Err(err) => {
            crate::text::errln!("rekog: cannot start the async runtime: {err}");
            return ExitCode::from(USAGE);
        }
    };
    runtime.block_on(run_async(args))
}

/// An argument checked as clap parses it, so that a bad one is a usage error (exit 2) that
/// says which rule it breaks, in the words of the check.
#[derive(Clone)]
pub(crate) struct Checked<T>(pub(crate) fn(&str) -> Result<T, String>);

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Checked<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)?;
        // One line, as the other usage errors of `rekog erase` are.
        (self.0)(&text).map_err(|why| {
            clap::Error::raw(ErrorKind::ValueValidation, format!("{why}\n")).with_cmd(cmd)
        })
    }
}

pub(crate) fn collection_arg(text: &str) -> Result<CollectionId, String> {
    CollectionId::parse(text).map_err(|why| format!("collection ID {text:?}: {why}"))
}

pub(crate) fn pattern_arg(text: &str) -> Result<Pattern, String> {
    Pattern::new(text).map_err(|e| format!("--external-image-id: {e}"))
}

fn ticket_arg(text: &str) -> Result<String, String> {
    crate::ids::ticket(text).map_err(|why| format!("--ticket {text:?}: {why}"))
}

pub(crate) fn user_arg(text: &str) -> Result<UserId, String> {
    UserId::parse(text).map_err(|why| format!("--user {text:?}: {why}"))
}

/// FaceIds are lowercase; one given in capitals is the same face.
pub(crate) fn face_arg(text: &str) -> Result<FaceId, String> {
    FaceId::parse(&text.to_ascii_lowercase()).map_err(|why| format!("--face-id {text:?} is {why}"))
}

fn like_arg(text: &str) -> Result<FaceId, String> {
    FaceId::parse(&text.to_ascii_lowercase()).map_err(|why| format!("--like {text:?} is {why}"))
}

/// The search the flags ask for (each already checked by clap), with the users it names.
pub fn search_of(args: &EraseArgs) -> Result<(Search, Vec<UserId>), String> {
    if let Some(pattern) = &args.external_image_id {
        return Ok((Search::ExternalImageId(pattern.clone()), Vec::new()));
    }
    if let Some(user) = &args.user {
        return Ok((Search::User(user.clone()), vec![user.clone()]));
    }
    let mut ids: Vec<FaceId> = Vec::with_capacity(args.face_id.len());
    for id in &args.face_id {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    if ids.is_empty() {
        return Err("--face-id needs at least one FaceId".into());
    }
    Ok((Search::FaceIds(ids), Vec::new()))
}

async fn run_async(args: EraseArgs) -> ExitCode {
    let usage = |why: String| {
        crate::text::errln!("rekog: {why}");
        ExitCode::from(USAGE)
    };
    if let Some(id) = args.resume.clone() {
        return resume::run(args, &id).await;
    }
    if args.threshold.is_some() && args.like.is_none() && args.image.is_none() {
        return usage("--threshold goes with --like or --image".into());
    }
    // A search by likeness runs once the collection is described (`like::find`).
    let listed = match args.like.is_some() || args.image.is_some() {
        true => None,
        false => match search_of(&args) {
            Ok(found) => Some(found),
            Err(why) => return usage(why),
        },
    };
    let (refusal, protect) = match confirm::refusal(&args) {
        Ok(found) => found,
        Err(why) => return usage(why),
    };
    if let Some(why) = refusal.as_ref().filter(|_| !args.dry_run) {
        return usage(format!("{why}; nothing was erased"));
    }
    let Some(dir) = args.dir.clone().or_else(default_dir) else {
        return usage("no place for manifests: set HOME or XDG_DATA_HOME, or pass --dir".into());
    };
    if let Err(why) = crate::paths::check_dir(&dir) {
        return usage(format!("--dir {why}; nothing was erased"));
    }
    let place = aws::Target {
        read_only: refusal.is_some(),
        ..args.connect.target()
    };
    let connection = match aws::connect(&place).await {
        Ok(c) => c,
        Err(err) => return usage(err.to_string()),
    };
    let session = &connection.session;
    let backend = Paced::new(connection.backend, place.timeout).on_throttle(|t| {
        crate::text::errln!(
            "\nrekog: {} throttled by the service; now at {:.1} calls/s",
            t.op.name(),
            t.rate
        );
    });
    let Some(id) = args.collection.as_ref() else {
        return usage("COLLECTION is needed".into());
    };
    let detail = match backend.describe(id).await.result {
        Ok(detail) => detail,
        Err(e) => return usage(format!("DescribeCollection {id}: {e}; nothing was erased")),
    };
    let target = Target {
        id: id.clone(),
        account: None,
        region: session.region.clone(),
        profile: session.profile.clone(),
        endpoint: session.endpoint.clone(),
    };
    let found = match (like::find(&backend, id, &args).await, listed) {
        (Ok(Some(like)), _) => Found::Like(like),
        (Ok(None), Some((search, users))) => {
            match find(&backend, id, &search, detail.face_count).await {
                Ok(faces) => Found::Listed(search, users, faces),
                Err(why) => return usage(format!("{why}; nothing was erased")),
            }
        }
        (Ok(None), None) => return usage("say whom to erase".into()),
        (Err(why), _) => return usage(format!("{why}; nothing was erased")),
    };
    // Who erases goes into the audit trail; a failure here only leaves it unnamed.
    let caller_arn = match crate::aws::identity::caller(&connection.sts).await {
        Ok(identity) => identity.arn,
        Err(why) => {
            tracing::warn!("{why}");
            None
        }
    };
    let erasure = match found {
        Found::Like(like) => Erasure {
            target,
            search: like.search,
            // The erased FaceIds are always looked up again; the photo is searched with
            // again (`photo`).
            recheck: None,
            faces: like.faces,
            users: Vec::new(),
            caller_arn,
            keep_names: args.keep_names,
            likeness: Some(like.likeness),
            photo: like.photo,
        },
        Found::Listed(search, users, faces) => Erasure {
            target,
            search: search.describe(),
            recheck: Some(search),
            faces,
            users,
            caller_arn,
            keep_names: args.keep_names,
            likeness: None,
            photo: None,
        },
    };
    let mut out = std::io::stdout().lock();
    let _ = show::found(&mut out, &erasure, detail.arn.as_deref());
    drop(out);
    if args.dry_run {
        crate::text::errln!("rekog: dry run; nothing was erased");
        if let Some(why) = refusal {
            crate::text::errln!("rekog: and an erasure would be refused: {why}");
        }
        return ExitCode::SUCCESS;
    }
    if erasure.faces.is_empty() && erasure.users.is_empty() {
        crate::text::errln!("rekog: nothing to erase");
        return ExitCode::SUCCESS;
    }
    let audit = match Audit::open_default() {
        Ok(audit) => std::sync::Arc::new(audit),
        Err(e) => return usage(format!("{e}; nothing is erased without a record")),
    };
    // Read-only and protection refused above; the gate holds them again all the same.
    let gate = Gate::new(
        Some(std::sync::Arc::clone(&audit)),
        refusal.is_some(),
        protect,
    );
    if let Err(why) = confirm::confirmed(&args, erasure.faces.len(), erasure.users.len()) {
        return usage(format!("{why}; nothing was erased"));
    }
    stop_on_signals(&gate);
    let now = crate::time::now_ms();
    let mut intent = crate::erase::base_intent(&erasure);
    intent.ticket = args.ticket.clone();
    let result = erase(&backend, &gate, &erasure, intent, &dir, now, show::step).await;
    match result {
        Ok(report) => {
            let mut out = std::io::stdout().lock();
            let _ = show::report(&mut out, &erasure, &report, audit.path());
            if report.is_complete() && report.unrecorded.is_none() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(why) => usage(why),
    }
}

/// SIGTERM, SIGHUP or Ctrl-C: the erasure stops after the call in flight and writes its
/// outcome (`interrupted`); a second signal ends rekog at once.
fn stop_on_signals(gate: &Gate) {
    use tokio::signal::unix::{SignalKind, signal};
    let kinds = [
        (SignalKind::terminate(), libc::SIGTERM, "SIGTERM"),
        (SignalKind::hangup(), libc::SIGHUP, "SIGHUP"),
        (SignalKind::interrupt(), libc::SIGINT, "Ctrl-C"),
    ];
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for (kind, number, name) in kinds {
        match signal(kind) {
            Ok(mut signals) => {
                let tx = tx.clone();
                tokio::spawn(async move {
                    while signals.recv().await.is_some() {
                        if tx.send((number, name)).is_err() {
                            break;
                        }
                    }
                });
            }
            Err(e) => tracing::warn!("cannot catch {name}: {e}"),
        }
    }
    let gate = gate.clone();
    tokio::spawn(async move {
        if let Some((_, name)) = rx.recv().await {
            gate.stop();
            crate::text::errln!(
                "\nrekog: {name}: stopping after the call in flight, then writing the outcome \
                 (again to stop at once)"
            );
        }
        if let Some((number, name)) = rx.recv().await {
            crate::text::errln!("rekog: {name} again: stopping now");
            std::process::exit(128 + number);
        }
    });
}

/// Runs the search with a progress line on stderr.
async fn find<R: Rekognition>(
    backend: &R,
    id: &CollectionId,
    search: &Search,
    total: Option<u64>,
) -> Result<Vec<crate::aws::api::Face>, String> {
    let started = Instant::now();
    let mut line = crate::text::ProgressLine::new();
    let result = search::find(backend, id, search, total, |p| {
        line.show(show::progress(&p, started.elapsed()));
    })
    .await;
    line.done();
    result
        .map(|found| found.faces)
        .map_err(|e| format!("ListFaces {id}: {e}"))
}
