//! How the running TUI connects to another context: the same flags with another profile or
//! region, never prompting on the terminal (an MFA code comes from the app's dialog).

use crate::app::msg::{Msg, SessionAnswer};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use tokio::sync::mpsc::UnboundedSender;

use crate::aws::pace::Paced;
use crate::aws::sdk::SdkBackend;
use crate::aws::{self, ConnectError};
use crate::context::{ConnectFailure, Context};
use crate::effects::contexts::{Connected, Connector};

/// Roles assumed for the fleet, by profile and role ARN, with when: every region of an
/// account shares one configuration (its credentials and its HTTPS client), instead of a
/// configuration loaded and a role assumed for each of them. A slot is locked while its role
/// is being assumed, so the regions of an account connecting at once wait for one
/// AssumeRole rather than each making its own.
type Assumed = Arc<Mutex<HashMap<(Option<String>, String), Slot>>>;
type Slot = Arc<tokio::sync::Mutex<Option<(aws::Loaded, Instant)>>>;

/// How long an assumed configuration is kept for new connections; its credentials renew
/// themselves on the same span (`aws::accounts::ASSUMED_FOR`).
const ASSUMED_FOR: Duration = aws::accounts::ASSUMED_FOR;

/// `base` is the start-up target; `demo` the embedded emulator's endpoint under `--demo`.
pub fn connector(
    base: aws::Target,
    demo: Option<String>,
    results: UnboundedSender<Msg>,
) -> Connector<Paced<SdkBackend>> {
    let assumed: Assumed = Arc::default();
    Arc::new(move |context: Context, code: Option<String>| {
        let (base, demo, results) = (base.clone(), demo.clone(), results.clone());
        let assumed = Arc::clone(&assumed);
        Box::pin(async move {
            let target = aws::Target {
                profile: context.profile.clone(),
                region: Some(context.region.clone()),
                ..base
            };
            if let Some(role) = &context.role {
                let slot = lock(&assumed)
                    .entry((context.profile.clone(), role.clone()))
                    .or_default()
                    .clone();
                let mut held = slot.lock().await;
                let loaded = match &*held {
                    Some((loaded, when)) if when.elapsed() < ASSUMED_FOR => loaded.clone(),
                    _ => {
                        let loaded = assume(&target, demo.as_deref(), role, &context, code).await?;
                        *held = Some((loaded.clone(), Instant::now()));
                        loaded
                    }
                };
                drop(held);
                let role = Some(role.clone());
                let conn = loaded.connection(&context.region, role, target.read_only);
                return Ok(Connected {
                    backend: Arc::new(paced(conn.backend, target.timeout, results)),
                    sts: Some(conn.sts),
                    session: conn.session,
                });
            }
            let mut conn = match &demo {
                Some(endpoint) => aws::demo_region(endpoint, &context.region, &target),
                None => aws::connect_with(&target, code).await.map_err(failure)?,
            };
            if demo.is_some() {
                // The emulator knows no profiles; the one picked is still the one shown.
                conn.session.profile = context.profile;
            }
            Ok(Connected {
                backend: Arc::new(paced(conn.backend, target.timeout, results)),
                sts: Some(conn.sts),
                session: conn.session,
            })
        })
    })
}

fn lock(assumed: &Assumed) -> MutexGuard<'_, HashMap<(Option<String>, String), Slot>> {
    // A panic while holding the lock leaves the map whole: keep using it.
    assumed
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The configuration of `context`: its profile's credentials (the demo's under `--demo`),
/// then `role` assumed from them, as the fleet view reaches an organization's member.
async fn assume(
    target: &aws::Target,
    demo: Option<&str>,
    role: &str,
    context: &Context,
    code: Option<String>,
) -> Result<aws::Loaded, ConnectFailure> {
    let mut base = match demo {
        Some(endpoint) => aws::demo_loaded(endpoint, &context.region, target),
        None => aws::load(target, Some(code)).await.map_err(failure)?,
    };
    // The emulator knows no profiles; the one the fleet named is still the one shown.
    base.profile.clone_from(&context.profile);
    aws::accounts::assume_arn(&base, role)
        .await
        .map_err(|why| ConnectFailure::Failed(why.to_string()))
}

/// The backend paced as at start-up, telling the app when the service throttles.
pub fn paced(
    backend: SdkBackend,
    timeout: std::time::Duration,
    results: UnboundedSender<Msg>,
) -> Paced<SdkBackend> {
    Paced::new(backend, timeout).on_throttle(move |t| {
        let op = t.op.name().to_owned();
        let _ = results.send(Msg::Session(SessionAnswer::Throttled { op, rate: t.rate }));
    })
}

fn failure(err: ConnectError) -> ConnectFailure {
    match err {
        ConnectError::NeedCode(why) => ConnectFailure::NeedCode { why },
        other => ConnectFailure::Failed(other.to_string()),
    }
}
