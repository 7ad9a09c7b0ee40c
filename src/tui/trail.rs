//! Opens the audit trail at start and reports what an earlier run left unfinished.

use crate::app::msg::{Msg, SessionAnswer};
use std::path::Path;
use std::sync::Arc;

use crate::audit::{self, Audit, Record};

/// An intent this old cannot belong to a call still running in another rekog, so it is
/// closed with an `unknown` outcome once reported; younger ones are only reported.
const CLOSE_AFTER_MS: i64 = 60 * 60 * 1000;

/// The trail (or `None`, which refuses every mutation) and the notices for the log pane.
pub fn open(path: Option<&Path>, now_ms: i64) -> (Option<Arc<Audit>>, Vec<Msg>) {
    let opened = match path {
        Some(path) => Audit::open(path),
        None => Audit::open_default(),
    };
    let audit = match opened {
        Ok(audit) => Arc::new(audit),
        Err(err) => {
            tracing::error!("audit trail: {err}");
            let text = format!("{err}; deletes and other changes are refused until it can be");
            return (
                None,
                vec![Msg::Session(SessionAnswer::AuditNotice {
                    text,
                    error: true,
                })],
            );
        }
    };
    let notices = unfinished(&audit, now_ms);
    (Some(audit), notices)
}

fn unfinished(audit: &Audit, now_ms: i64) -> Vec<Msg> {
    let found = match audit::unfinished(audit.path()) {
        Ok(found) => found,
        Err(err) => {
            return vec![Msg::Session(SessionAnswer::AuditNotice {
                text: err.to_string(),
                error: true,
            })];
        }
    };
    let mut notices = Vec::new();
    if found.skipped > 0 {
        notices.push(Msg::Session(SessionAnswer::AuditNotice {
            text: format!(
                "{} unreadable line(s) in the audit trail {}",
                found.skipped,
                audit.path().display()
            ),
            error: false,
        }));
    }
    for intent in &found.intents {
        notices.push(Msg::Session(SessionAnswer::AuditNotice {
            text: describe(intent),
            error: false,
        }));
        let old = crate::time::parse_rfc3339(&intent.time)
            .is_some_and(|t| now_ms.saturating_sub(t) > CLOSE_AFTER_MS);
        // An erasure stays open until `rekog erase --resume` finishes it.
        let erasure = intent.operation.as_deref() == Some("Erasure");
        if old
            && !erasure
            && let Err(err) = audit.close_unfinished(intent)
        {
            tracing::error!("audit trail: cannot close intent {}: {err}", intent.id);
        }
    }
    notices
}

fn describe(intent: &Record) -> String {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    if intent.operation.as_deref() == Some("Erasure") {
        return format!(
            "Erasure of {} in {} (region {}, account {}) started {} did not finish: \
             rekog stopped part way. Finish it with: rekog erase --resume {}",
            intent.face_count.map_or_else(
                || "- faces".to_owned(),
                |n| crate::text::count(n, "face", "faces")
            ),
            or_dash(&intent.collection_id),
            or_dash(&intent.region),
            or_dash(&intent.account),
            intent.time,
            intent.id
        );
    }
    format!(
        "{} {} (region {}, account {}) started {} has an unknown outcome: rekog stopped \
         before the call returned; check whether it took effect (audit id {})",
        or_dash(&intent.operation),
        or_dash(&intent.collection_id),
        or_dash(&intent.region),
        or_dash(&intent.account),
        intent.time,
        intent.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{Intent, Operation};

    #[test]
    fn an_intent_without_outcome_is_reported_and_an_old_one_closed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.jsonl");
        let audit = Audit::open(&path).unwrap();
        let done = audit
            .intent(&Intent::new(
                Operation::DeleteCollection,
                "done",
                "eu-west-1",
            ))
            .unwrap();
        audit
            .outcome(&done, &audit::Outcome::success(200, None))
            .unwrap();
        audit
            .intent(&Intent::new(
                Operation::DeleteCollection,
                "died",
                "eu-west-1",
            ))
            .unwrap();
        drop(audit);

        let now = crate::time::now_ms();
        let (_, notices) = open(Some(&path), now);
        let texts: Vec<String> = notices
            .iter()
            .filter_map(|m| match m {
                Msg::Session(SessionAnswer::AuditNotice { text, .. }) => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert!(texts[0].contains("DeleteCollection died"), "{}", texts[0]);
        assert!(texts[0].contains("unknown outcome"));
        // Young: reported again next time, as a call of another rekog may still be running.
        assert_eq!(open(Some(&path), now).1.len(), 1);
        // Old: closed once reported.
        assert_eq!(open(Some(&path), now + 2 * CLOSE_AFTER_MS).1.len(), 1);
        assert!(open(Some(&path), now).1.is_empty());
    }

    #[test]
    fn an_unopenable_trail_is_reported() {
        let (audit, notices) = open(Some(Path::new("/proc/rekog-no/audit.jsonl")), 0);
        assert!(audit.is_none());
        assert!(matches!(
            &notices[..],
            [Msg::Session(SessionAnswer::AuditNotice { error: true, .. })]
        ));
    }
}
