//! Audited mutations: through the gate, an intent line is written and fsynced before the
//! call goes out, and an outcome line after it. No line, no call: a trail that cannot be
//! written stops the mutation, and the call cannot be made without the gate's licence.

use crate::app::msg::{Msg, SessionAnswer};
use std::future::Future;

use tokio::sync::mpsc::UnboundedSender;

use super::Effects;
use crate::audit::{self, Gate, Intent, Licence, OutcomeKind, Refusal};
use crate::aws::api::{ApiError, ErrorKind, Outcome, Rekognition};

impl<R: Rekognition> Effects<R> {
    /// Runs `call` between an intent line and an outcome line of the audit trail, through
    /// the gate: if the intent cannot be written (or the gate refuses it) the call is never
    /// made and the result is a `Refused` error that says why. `call` gets the licence the
    /// gate gave and hands it back with its outcome. `note` adds what a success says to its
    /// outcome line (its StatusCode, when not 200; a proof of absence).
    pub fn audited<T, F, Fut>(
        &self,
        intent: Intent,
        call: F,
        note: fn(&T, &mut audit::Outcome),
    ) -> impl Future<Output = Outcome<T>> + Send + 'static
    where
        T: Send + 'static,
        F: FnOnce(Licence) -> Fut + Send + 'static,
        Fut: Future<Output = (Licence, Outcome<T>)> + Send + 'static,
    {
        audited(self.gate.clone(), self.tx.clone(), intent, call, note)
    }
}

async fn audited<T, F, Fut>(
    gate: Gate,
    tx: UnboundedSender<Msg>,
    intent: Intent,
    call: F,
    note: fn(&T, &mut audit::Outcome),
) -> Outcome<T>
where
    F: FnOnce(Licence) -> Fut,
    Fut: Future<Output = (Licence, Outcome<T>)>,
{
    let operation = intent.operation.as_str();
    let admitter = gate.clone();
    let admitted = tokio::task::spawn_blocking(move || admitter.admit(&intent)).await;
    let licence = match admitted {
        Ok(Ok(licence)) => licence,
        Ok(Err(refusal @ (Refusal::ReadOnly | Refusal::Protected { .. } | Refusal::Stopping))) => {
            return refused(None, refusal.to_string());
        }
        Ok(Err(Refusal::NoTrail)) => {
            return refused(
                Some("AuditTrailUnavailable"),
                format!(
                    "{operation} not sent: no audit trail is open, and nothing is changed \
                     without a record"
                ),
            );
        }
        Ok(Err(Refusal::Unwritten(err))) => {
            return refused(
                Some("AuditTrailUnavailable"),
                format!("{operation} not sent: {err}"),
            );
        }
        Err(err) => {
            return refused(
                Some("AuditTrailUnavailable"),
                format!("{operation} not sent: writing the audit trail failed: {err}"),
            );
        }
    };
    let (licence, outcome) = call(licence).await;
    let record = record_of(&outcome, note);
    let written = tokio::task::spawn_blocking(move || gate.close(licence, &record)).await;
    let problem = match written {
        Ok(Ok(())) => None,
        Ok(Err(err)) => Some(err.to_string()),
        Err(err) => Some(err.to_string()),
    };
    if let Some(problem) = problem {
        tracing::error!("{operation}: outcome not recorded: {problem}");
        let _ = tx.send(Msg::Session(SessionAnswer::AuditNotice {
            text: format!(
                "{operation}: the call was made but its outcome could not be recorded: {problem}"
            ),
            error: true,
        }));
    }
    outcome
}

/// The outcome line for a call's result. A timeout or a lost connection may or may not have
/// taken effect, so it is recorded as `unknown`, not as an error.
pub fn record_of<T>(outcome: &Outcome<T>, note: fn(&T, &mut audit::Outcome)) -> audit::Outcome {
    let request_id = outcome.request_id.clone();
    let mut record = match &outcome.result {
        Ok(value) => {
            let mut record = audit::Outcome::success(200, request_id);
            note(value, &mut record);
            record
        }
        Err(err) => {
            let code = err
                .code
                .clone()
                .unwrap_or_else(|| format!("{:?}", err.kind));
            let mut record = audit::Outcome::error(err.status, &code, &err.message, request_id);
            if matches!(err.kind, ErrorKind::Timeout | ErrorKind::Network) {
                record.outcome = OutcomeKind::Unknown;
            }
            record
        }
    };
    record.duration_ms = Some(u64::try_from(outcome.elapsed.as_millis()).unwrap_or(u64::MAX));
    record
}

fn refused<T>(code: Option<&str>, message: String) -> Outcome<T> {
    tracing::error!("{message}");
    Outcome {
        result: Err(ApiError {
            kind: ErrorKind::Refused,
            code: code.map(str::to_owned),
            message,
            status: None,
        }),
        request_id: None,
        elapsed: std::time::Duration::ZERO,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn outcome<T>(result: Result<T, ApiError>) -> Outcome<T> {
        Outcome {
            result,
            request_id: Some("r-1".into()),
            elapsed: Duration::from_millis(12),
        }
    }

    fn err(kind: ErrorKind, code: Option<&str>) -> ApiError {
        ApiError {
            kind,
            code: code.map(Into::into),
            message: "went wrong".into(),
            status: code.map(|_| 400),
        }
    }

    #[test]
    fn results_become_outcome_lines() {
        let ok = record_of(&outcome(Ok(204)), |s: &i32, o| {
            o.status_code = u16::try_from(*s).ok();
        });
        assert_eq!(ok.outcome, OutcomeKind::Success);
        assert_eq!(ok.status_code, Some(204));
        assert_eq!(ok.request_id.as_deref(), Some("r-1"));
        assert_eq!(ok.duration_ms, Some(12));

        let denied = record_of::<i32>(
            &outcome(Err(err(
                ErrorKind::AccessDenied,
                Some("AccessDeniedException"),
            ))),
            |_, _| {},
        );
        assert_eq!(denied.outcome, OutcomeKind::Error);
        assert_eq!(denied.error_code.as_deref(), Some("AccessDeniedException"));
        assert_eq!(denied.status_code, Some(400));

        let lost = record_of::<i32>(&outcome(Err(err(ErrorKind::Timeout, None))), |_, _| {});
        assert_eq!(lost.outcome, OutcomeKind::Unknown, "may have taken effect");
        assert_eq!(lost.error_code.as_deref(), Some("Timeout"));
    }
}
