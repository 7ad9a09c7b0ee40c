//! An erasure's audit lines: the intent with what it is about to remove, and the outcome
//! with what it removed.

use super::plan::Plan;
use super::{Erasure, Report};
use crate::audit::{Erased, Intent, KeptFace, Left, Operation, Outcome, OutcomeKind};
use crate::aws::api::{CollectionDetail, ErrorKind};
use crate::manifest::Exported;

/// What the audit intent of `erasure` says before anything is looked up: where, who, and
/// through which endpoint. `complete` adds what the erasure then finds.
pub fn base_intent(erasure: &Erasure) -> Intent {
    let target = &erasure.target;
    let mut intent = Intent::new(Operation::Erasure, &target.id, &target.region);
    intent.account = target.account.clone();
    intent.caller_arn = erasure.caller_arn.clone();
    intent.profile = target.profile.clone();
    intent.endpoint = target.endpoint.clone();
    intent
}

/// The intent of erasing `plan`: the counts are the faces and users about to be removed
/// (not the collection's), and the manifest that lists them.
pub(super) fn complete(
    mut intent: Intent,
    detail: &CollectionDetail,
    plan: &Plan,
    manifest: &Exported,
) -> Intent {
    intent.collection_arn = detail.arn.clone();
    intent.account = intent
        .account
        .take()
        .or_else(|| crate::text::account_of(detail.arn.as_deref()?).map(str::to_owned));
    intent.face_count = Some(plan.faces.len() as u64);
    intent.user_count = Some(plan.users.len() as u64);
    intent.manifest = Some(manifest.path.clone());
    intent.manifest_sha256 = Some(manifest.sha256.clone());
    intent
}

/// The outcome line of `report`: a success only when everything named is gone; the error
/// that stopped it (`unknown` when the call may have taken effect); or `Refused` when every
/// call went through but the service kept some faces or users.
pub(super) fn outcome(report: &Report) -> Outcome {
    let mut outcome = match &report.stopped {
        Some(_) if report.interrupted() => {
            let mut o = Outcome::unknown(&format!(
                "interrupted by a signal: {} and {} erased, {} not reached",
                crate::text::count(report.faces_erased.len() as u64, "face", "faces"),
                crate::text::count(report.users_erased.len() as u64, "user", "users"),
                crate::text::count(
                    (report.faces_not_reached.len() + report.users_not_reached.len()) as u64,
                    "face or user",
                    "faces and users"
                )
            ));
            o.outcome = OutcomeKind::Interrupted;
            o.error_code = Some("Interrupted".into());
            o
        }
        Some(stopped) => {
            let e = &stopped.error;
            let code = e.code.clone().unwrap_or_else(|| format!("{:?}", e.kind));
            let message = format!("{}: {}", stopped.op.name(), e.message);
            let mut o = Outcome::error(e.status, &code, &message, stopped.request_id.clone());
            if matches!(e.kind, ErrorKind::Timeout | ErrorKind::Network) {
                o.outcome = OutcomeKind::Unknown;
            }
            o
        }
        None if report.is_complete() => Outcome::success(200, None),
        None if report.calls_complete() => match report.remaining() {
            Some(left) if !left.is_empty() => Outcome::error(
                None,
                "StillFound",
                &format!(
                    "every call went through, but looking again found {} (in remaining_face_ids)",
                    crate::text::count(left.len() as u64, "face", "faces")
                ),
                None,
            ),
            // Could not look again: the calls' success stands, recheck_error says why.
            _ => Outcome::success(200, None),
        },
        None => Outcome::error(
            None,
            "Refused",
            "the service kept some of the faces or users named; each is in the report",
            None,
        ),
    };
    outcome.absence = report.absence.clone();
    outcome.left = Some(Left {
        faces_kept: (report.faces_refused.iter())
            .map(|r| KeptFace {
                face_id: r.face_id.clone(),
                reasons: r.reasons.clone(),
            })
            .collect(),
        faces_unreached: report.faces_not_reached.clone(),
        users_kept: report.users_refused.iter().map(kept_user).collect(),
        users_unreached: report.users_not_reached.len() as u64,
    });
    outcome.erased = Some(Erased {
        faces: report.faces_erased.len() as u64,
        users: report.users_erased.len() as u64,
        faces_failed: (report.faces_refused.len() + report.faces_not_reached.len()) as u64,
        users_failed: (report.users_refused.len() + report.users_not_reached.len()) as u64,
    });
    outcome
}

/// Why a named user was kept, in words that do not name them (their messages often do).
fn kept_user(u: &crate::erase::UserRefusal) -> String {
    match u.error.code.as_deref() {
        Some("UserHasOtherFaces") => {
            "UserHasOtherFaces: it still has faces this erasure does not name".to_owned()
        }
        Some(code) => code.to_owned(),
        None => format!("{:?}", u.error.kind),
    }
}
