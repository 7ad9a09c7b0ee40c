//! How the running TUI connects to another context: the same flags with another profile or
//! region, never prompting on the terminal (an MFA code comes from the app's dialog).

use crate::app::msg::{Msg, SessionAnswer};
use std::sync::Arc;

use tokio::sync::mpsc::UnboundedSender;

use crate::aws::pace::Paced;
use crate::aws::sdk::SdkBackend;
use crate::aws::{self, ConnectError};
use crate::context::{ConnectFailure, Context};
use crate::effects::contexts::{Connected, Connector};

/// `base` is the start-up target; `demo` the embedded emulator's endpoint under `--demo`.
pub fn connector(
    base: aws::Target,
    demo: Option<String>,
    results: UnboundedSender<Msg>,
) -> Connector<Paced<SdkBackend>> {
    Arc::new(move |context: Context, code: Option<String>| {
        let (base, demo, results) = (base.clone(), demo.clone(), results.clone());
        Box::pin(async move {
            let target = aws::Target {
                profile: context.profile.clone(),
                region: Some(context.region.clone()),
                ..base
            };
            if let Some(role) = &context.role {
                let conn = assumed(&target, demo.as_deref(), role, &context, code).await?;
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

/// The clients of `context`: its profile's credentials (the demo's under `--demo`), then
/// `role` assumed from them, as the fleet view reaches an organization's member.
async fn assumed(
    target: &aws::Target,
    demo: Option<&str>,
    role: &str,
    context: &Context,
    code: Option<String>,
) -> Result<aws::Connection, ConnectFailure> {
    let mut base = match demo {
        Some(endpoint) => aws::demo_loaded(endpoint, &context.region, target),
        None => aws::load(target, Some(code)).await.map_err(failure)?,
    };
    // The emulator knows no profiles; the one the fleet named is still the one shown.
    base.profile.clone_from(&context.profile);
    let loaded = aws::accounts::assume_arn(&base, role)
        .await
        .map_err(|why| ConnectFailure::Failed(why.to_string()))?;
    Ok(loaded.connection(&context.region, Some(role.to_owned()), target.read_only))
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
