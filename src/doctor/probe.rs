//! The calls doctor makes, all of them reads: connecting as rekog does (the credentials
//! resolved, an MFA role only from its cache), GetCallerIdentity, a one-item
//! ListCollections and a DescribeCollection of the collection it lists. The `Date` header
//! of the first answer gives the clock's offset from the server's.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_sdk_rekognition::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::config::interceptors::BeforeDeserializationInterceptorContextRef;
use aws_sdk_sts::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_sts::primitives::{DateTime, DateTimeFormat};

use super::DoctorArgs;
use super::facts::{CaFact, Facts};
use crate::aws::{self, ConnectError};

/// What the calls came to; each `None` is a call not made.
#[derive(Debug, Clone, Default)]
pub struct Probes {
    /// Why no call was made at all.
    pub skipped: Option<String>,
    pub connect: Option<Result<(), ConnectFailure>>,
    /// The `--demo` emulator's address.
    pub demo_endpoint: Option<String>,
    /// Account and ARN.
    pub identity: Option<Result<(String, String), CallFailure>>,
    /// The collection IDs of a one-item page.
    pub list: Option<Result<Vec<String>, CallFailure>>,
    /// The first listed collection's ID and face count.
    pub describe: Option<Result<(String, i64), CallFailure>>,
    pub date: Option<DateSeen>,
}

/// Why connecting failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectFailure {
    /// The credentials did not resolve: the SDK's words.
    Credentials(String),
    /// An MFA role with no fresh cached credentials: a code is needed.
    NeedCode,
    Other(String),
}

/// A call the service (or the way to it) refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallFailure {
    /// The service's error code (`AccessDeniedException`), when it answered.
    pub code: Option<String>,
    /// The error and its causes.
    pub message: String,
}

/// The server's clock as its `Date` header said, and this machine's when the answer came.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSeen {
    pub server: i64,
    pub local: i64,
    pub service: &'static str,
}

/// Makes the calls; none when the facts already say they cannot work.
pub async fn run_probes(args: &DoctorArgs, facts: &Facts) -> Probes {
    let timeout = Duration::from_secs(args.connect.timeout).max(Duration::from_secs(1));
    let target = aws::Target {
        demo: args.demo,
        region: facts.region.as_ref().map(|(r, _)| r.clone()),
        read_only: true,
        ..args.connect.target()
    };
    if !args.demo {
        if facts.region.is_none() {
            return skipped("no region");
        }
        if matches!(facts.ca, CaFact::Broken(_)) {
            return skipped("the CA bundle cannot be used");
        }
    }
    let connected = if args.demo {
        aws::connect(&target).await
    } else {
        aws::connect_with(&target, None).await
    };
    let connection = match connected {
        Ok(connection) => connection,
        Err(err) => {
            return Probes {
                connect: Some(Err(failure_of(err))),
                ..Probes::default()
            };
        }
    };
    let mut probes = Probes {
        connect: Some(Ok(())),
        demo_endpoint: connection.emulator.as_ref().map(|h| h.endpoint()),
        ..Probes::default()
    };
    let date = DateHeader::default();
    let sts = connection
        .sts
        .get_caller_identity()
        .customize()
        .interceptor(date.clone().named("STS"))
        .send();
    probes.identity = Some(match tokio::time::timeout(timeout, sts).await {
        Ok(Ok(out)) => Ok((out.account.unwrap_or_default(), out.arn.unwrap_or_default())),
        Ok(Err(err)) => Err(call_failure(&err)),
        Err(_) => Err(timed_out(timeout)),
    });
    let rekognition = connection.backend.client();
    let list = rekognition
        .list_collections()
        .max_results(1)
        .customize()
        .interceptor(date.clone().named("Rekognition"))
        .send();
    let listed = match tokio::time::timeout(timeout, list).await {
        Ok(Ok(out)) => Ok(out.collection_ids.unwrap_or_default()),
        Ok(Err(err)) => Err(call_failure(&err)),
        Err(_) => Err(timed_out(timeout)),
    };
    if let Ok(Some(first)) = listed.as_ref().map(|ids| ids.first()) {
        let describe = rekognition
            .describe_collection()
            .collection_id(first)
            .send();
        probes.describe = Some(match tokio::time::timeout(timeout, describe).await {
            Ok(Ok(out)) => Ok((first.clone(), out.face_count.unwrap_or_default())),
            Ok(Err(err)) => Err(call_failure(&err)),
            Err(_) => Err(timed_out(timeout)),
        });
    }
    probes.list = Some(listed);
    probes.date = date.seen();
    if let Some(emulator) = connection.emulator {
        emulator.shutdown().await;
    }
    probes
}

fn skipped(why: &str) -> Probes {
    Probes {
        skipped: Some(why.to_owned()),
        ..Probes::default()
    }
}

fn failure_of(err: ConnectError) -> ConnectFailure {
    match err {
        ConnectError::Credentials(detail) => ConnectFailure::Credentials(detail),
        sso @ ConnectError::SsoLogin { .. } => ConnectFailure::Credentials(sso.to_string()),
        ConnectError::NeedCode(_) => ConnectFailure::NeedCode,
        other => ConnectFailure::Other(other.to_string()),
    }
}

fn call_failure<E, R>(err: &SdkError<E, R>) -> CallFailure
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let code = match err {
        SdkError::ServiceError(service) => service.err().code().map(str::to_owned),
        _ => None,
    };
    CallFailure {
        code,
        message: crate::aws::sdk::error_chain(err),
    }
}

fn timed_out(timeout: Duration) -> CallFailure {
    CallFailure {
        code: None,
        message: format!("no answer within {} s", timeout.as_secs()),
    }
}

/// Keeps the first `Date` header any call it is attached to receives, errors included:
/// a signature refused for the clock still carries the server's time.
#[derive(Debug, Clone, Default)]
struct DateHeader {
    seen: Arc<Mutex<Option<DateSeen>>>,
    service: &'static str,
}

impl DateHeader {
    fn named(self, service: &'static str) -> DateHeader {
        DateHeader { service, ..self }
    }

    fn seen(&self) -> Option<DateSeen> {
        *self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Intercept for DateHeader {
    fn name(&self) -> &'static str {
        "rekog doctor: the server's Date"
    }

    fn read_before_deserialization(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let local = crate::time::wall_secs();
        let server = context
            .response()
            .headers()
            .get("date")
            .and_then(|d| DateTime::from_str(d, DateTimeFormat::HttpDate).ok());
        if let Some(server) = server {
            let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
            seen.get_or_insert(DateSeen {
                server: server.secs(),
                local,
                service: self.service,
            });
        }
        Ok(())
    }
}
