//! The TUI entry point: checks the terminal and the region, connects, then runs the app on
//! the real terminal and puts the terminal back however the session ends.

pub mod connector;
pub mod logging;
pub mod paint;
pub mod resize;
pub mod retention;
pub mod run;
pub mod settings;
pub mod term;
pub mod trail;

use crate::app::msg::{Msg, SessionAnswer};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use tokio::sync::mpsc;

use crate::app::State;
use crate::aws::{self, ConnectError};
use crate::cli::TuiArgs;
use crate::clipboard;
use crate::effects::Effects;
use crate::effects::contexts::Contexts;

/// Exit status for a start-up problem the operator must fix (region, credentials, terminal).
const EXIT_USAGE: u8 = 2;

pub fn run(mut args: TuiArgs) -> ExitCode {
    // First, while this is the only thread: every thread started later inherits the mask.
    if let Err(err) = resize::block() {
        crate::text::errln!("rekog: cannot block SIGWINCH: {err}");
        return ExitCode::FAILURE;
    }
    let runtime = match crate::cli::tui_runtime() {
        Ok(rt) => rt,
        Err(err) => {
            crate::text::errln!("rekog: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    let (chosen, caps) = match settings::resolve(&mut args) {
        Ok(chosen) => chosen,
        Err(err) => {
            crate::text::errln!("rekog: {err}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if let Some(clock) = std::env::var("REKOG_CLOCK").ok().filter(|v| !v.is_empty()) {
        // Only the embedded emulator may run on a stopped clock: the audit trail of real
        // changes keeps real times.
        match crate::time::parse_rfc3339(&clock) {
            Some(ms) if args.demo => crate::time::freeze(ms),
            Some(_) => crate::text::errln!("rekog: REKOG_CLOCK is ignored without --demo"),
            None => {
                crate::text::errln!("rekog: REKOG_CLOCK={clock:?} is not an RFC 3339 time");
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    let mut target = aws_target(&args);
    // The profile and region come first: they are cheap, and the most common mistakes.
    if !target.demo {
        if let Err(err) = aws::profile_named(&target) {
            return fail(err);
        }
        match runtime.block_on(aws::resolve_region(&target)) {
            Some(region) => target.region = Some(region),
            None => return fail(ConnectError::NoRegion),
        }
    }
    if let Some(why) = term::unsupported_terminal() {
        crate::text::errln!("rekog: {why}");
        return ExitCode::from(EXIT_USAGE);
    }
    let log_path = match logging::init(args.log_file.as_deref()) {
        Ok(path) => path,
        Err(err) => {
            crate::text::errln!("rekog: {err}");
            return ExitCode::FAILURE;
        }
    };
    // What start-up needs runs side by side: the audit trail is read while rekog connects,
    // and the caller's identity is asked for while the first page is.
    let read_only = args.read_only;
    let trail = runtime.spawn_blocking(move || {
        let now = crate::time::now_ms();
        let (audit, mut notices) = trail::open(None, now);
        let dir = crate::manifest::default_dir();
        let kept = retention::configured();
        // Read-only keeps the manifests too: they are what an erasure is proved by.
        notices.extend(match read_only {
            true => retention::kept_read_only(kept.as_ref()),
            false => retention::at_start(audit.as_deref(), dir.as_deref(), kept.as_ref(), now),
        });
        (audit, notices)
    });
    let mut connection = match runtime.block_on(aws::connect(&target)) {
        Ok(conn) => conn,
        Err(err) => return fail(err),
    };
    // `--org` that cannot list the accounts says so now, not in a fleet of nothing.
    if let (Some(role), false) = (&args.fleet.org, target.demo) {
        let checked = runtime.block_on(async {
            let base = aws::accounts::through_profile(&target)
                .await
                .map_err(|why| format!("--org {role}: the profile: {why}"))?;
            aws::accounts::members(&base)
                .await
                .map(drop)
                .map_err(|why| why.to_string())
        });
        if let Err(why) = checked {
            crate::text::errln!("rekog: {why}");
            return ExitCode::from(EXIT_USAGE);
        }
    }
    let (result_tx, mut results) = mpsc::unbounded_channel();
    let sts = connection.sts.clone();
    let identity_tx = result_tx.clone();
    // Tagged with the first context: after a quick switch, a late answer is not taken for
    // the new context's caller.
    let first = connection.session.context();
    runtime.spawn(async move {
        let result = aws::identity::caller(&sts).await;
        if let Err(why) = &result {
            tracing::warn!("{why}");
        }
        let msg = Box::new(Msg::Session(SessionAnswer::IdentityLoaded { result }));
        let _ = identity_tx.send(Msg::For {
            context: first,
            msg,
        });
    });
    let depth = caps.depth;
    connection.session.caps = caps;
    tracing::info!(region = %connection.session.region, demo = connection.session.demo, log = %log_path.display(), "starting");
    // color-eyre's hooks go in first so that ours (installed by `enter`) wraps them and
    // restores the terminal before any report prints.
    let _ = color_eyre::install();
    let mut terminal = match term::enter(depth) {
        Ok(t) => t,
        Err(err) => {
            term::restore();
            crate::text::errln!("rekog: cannot set up the terminal: {err}");
            return ExitCode::FAILURE;
        }
    };

    let (input_tx, mut inputs) = mpsc::unbounded_channel();
    let (audit, notices) = runtime.block_on(trail).unwrap_or_else(|err| {
        let text = format!("the audit trail could not be opened ({err}); changes are refused");
        (
            None,
            vec![Msg::Session(SessionAnswer::AuditNotice {
                text,
                error: true,
            })],
        )
    });
    for notice in notices {
        let _ = result_tx.send(notice);
    }
    let read_only = connection.session.read_only;
    let mut state = State::new(connection.session.clone());
    state.settings = chosen;
    state.settings.profiles = profile_choices();
    state.switch.region_given = args.connect.region.is_some();
    let context = connection.session.context();
    let demo_endpoint = connection.emulator.as_ref().map(|h| h.endpoint());
    let reacher = fleet_reacher(&target, demo_endpoint.clone(), &state);
    let switcher = connector::connector(target.clone(), demo_endpoint, result_tx.clone());
    let backend = connector::paced(connection.backend, target.timeout, result_tx.clone());
    let backend = Arc::new(backend);
    let exit = runtime.block_on(async {
        term::spawn_reader(input_tx.clone())?;
        resize::spawn_watcher(input_tx.clone())?;
        term::spawn_signals(input_tx)?;
        let mut effects = Effects::new(backend, result_tx, read_only)
            .with_sts(connection.sts)
            .with_protect(state.settings.protect.clone());
        if let Some(audit) = audit {
            effects = effects.with_audit(audit);
        }
        effects = effects.with_manifests(crate::manifest::default_dir());
        effects = effects.with_clipboard(clipboard::terminal_sink(), clipboard::inside_tmux());
        let effects = Contexts::new(effects, context, Some(switcher)).with_reacher(reacher);
        let io = run::Io {
            inputs: &mut inputs,
            results: &mut results,
            effects: &effects,
            clock: &crate::time::now_ms,
        };
        run::run(&mut terminal, &mut state, io).await
    });
    term::leave(terminal);
    if let Some(emulator) = connection.emulator {
        runtime.block_on(emulator.shutdown());
    }
    // Calls still in flight are abandoned: their results have nowhere to go.
    runtime.shutdown_background();
    match exit {
        Ok(run::Exit::Quit) => ExitCode::SUCCESS,
        Ok(run::Exit::Signal(n)) => {
            tracing::info!(signal = n, "terminated by signal");
            ExitCode::from(u8::try_from(128 + n).unwrap_or(1))
        }
        Ok(run::Exit::TtyClosed(why)) => {
            tracing::warn!("terminal closed: {why}");
            ExitCode::FAILURE
        }
        // A frame written just after the hang-up fails before the reader sees it: the same
        // ending, seen from the other side.
        Err(err) if term::gone(&err) => {
            tracing::warn!("terminal closed: terminal write failed: {err}");
            ExitCode::FAILURE
        }
        Err(err) => {
            tracing::error!("terminal error: {err}");
            // The error may be that the tty is gone, stderr with it; eprintln! would panic.
            let _ = writeln!(std::io::stderr(), "rekog: terminal error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// How the fleet reaches other profiles and an organization: each profile loaded as at
/// start (never prompting), or the demo's emulator under `--demo`.
fn fleet_reacher(
    target: &aws::Target,
    demo: Option<String>,
    state: &crate::app::State,
) -> crate::effects::reach::Reacher {
    let base = target.clone();
    let load: crate::effects::reach::Load = Arc::new(move |profile, region| {
        let (base, demo) = (base.clone(), demo.clone());
        Box::pin(async move {
            if let Some(endpoint) = demo {
                let mut loaded = aws::demo_loaded(&endpoint, &region, &base);
                loaded.profile = profile;
                return Ok(loaded);
            }
            let target = aws::Target {
                profile: profile.or(base.profile.clone()),
                region: Some(region),
                ..base
            };
            aws::load(&target, Some(None))
                .await
                .map_err(|e| aws::accounts::unreached(target.profile.as_deref(), e))
        })
    });
    crate::effects::reach::Reacher {
        load,
        profile: state.session.profile.clone(),
        region: state.session.region.clone(),
        concurrency: state.settings.fleet_limit(),
        dir: crate::paths::data_dir().map(|d| d.join("inventories")),
    }
}

/// The profiles the picker offers, from the shared config and credentials files.
fn profile_choices() -> Vec<crate::app::settings::ProfileChoice> {
    aws::profiles::load()
        .iter()
        .map(|p| crate::app::settings::ProfileChoice {
            name: p.name.clone(),
            kind: p.kind().label(),
            region: p.region().map(str::to_owned),
        })
        .collect()
}

/// Where the flags say to connect.
fn aws_target(args: &TuiArgs) -> aws::Target {
    aws::Target {
        read_only: args.read_only,
        demo: args.demo,
        no_cache: args.no_cache,
        ..args.connect.target()
    }
}

fn fail(err: ConnectError) -> ExitCode {
    crate::text::errln!("rekog: {err}");
    ExitCode::from(EXIT_USAGE)
}
