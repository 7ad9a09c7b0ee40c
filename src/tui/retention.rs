//! `manifest_retention` at start: manifests older than the span are pruned as
//! `rekog manifests --prune` does, each with its audit record, and the log pane says so.

use std::path::Path;

use crate::app::msg::{Msg, SessionAnswer};
use crate::audit::Audit;
use crate::manifest::cli::retention::{absolute, old, prune, summary};
use crate::manifest::inventory::list;

/// The config's retention, when it sets one. The file was read and checked by
/// [`super::settings::resolve`] a moment before: a problem now is one it already reported.
pub fn configured() -> Option<(i64, String)> {
    crate::config::Config::load_default()
        .ok()
        .and_then(|c| c.manifest_retention)
}

/// What the log pane says of a retention that read-only mode holds back.
pub fn kept_read_only(retention: Option<&(i64, String)>) -> Vec<Msg> {
    retention
        .map(|(_, span)| {
            Msg::Session(SessionAnswer::AuditNotice {
                text: format!("manifest_retention {span}: rekog is read-only; none pruned"),
                error: false,
            })
        })
        .into_iter()
        .collect()
}

/// Prunes the manifests under `dir` older than `retention` as of `now_ms`; the notices
/// for the log pane. Without a trail nothing is removed: a removal has to be on record.
pub fn at_start(
    audit: Option<&Audit>,
    dir: Option<&Path>,
    retention: Option<&(i64, String)>,
    now_ms: i64,
) -> Vec<Msg> {
    let Some((span_ms, span)) = retention else {
        return Vec::new();
    };
    let notice =
        |text: String, error: bool| Msg::Session(SessionAnswer::AuditNotice { text, error });
    let Some(dir) = dir.map(absolute) else {
        return vec![notice(
            "manifest_retention: no place for manifests (set HOME or XDG_DATA_HOME); none pruned"
                .into(),
            true,
        )];
    };
    let Some(audit) = audit else {
        return vec![notice(
            format!("manifest_retention {span}: the audit trail cannot be written; none pruned"),
            true,
        )];
    };
    let found = match list(&dir) {
        Ok(found) => old(found, *span_ms, now_ms),
        Err(why) => return vec![notice(format!("manifest_retention: {why}"), true)],
    };
    if found.is_empty() {
        return Vec::new();
    }
    let pruned = prune(audit, &found);
    let mut notices = vec![notice(
        format!(
            "{} under {} (manifest_retention)",
            summary(&pruned, span),
            dir.display()
        ),
        false,
    )];
    for failed in pruned.iter().filter_map(|p| p.result.as_ref().err()) {
        notices.push(notice(format!("manifest_retention: {failed}"), true));
    }
    notices
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn texts(msgs: &[Msg]) -> Vec<(String, bool)> {
        msgs.iter()
            .filter_map(|m| match m {
                Msg::Session(SessionAnswer::AuditNotice { text, error }) => {
                    Some((text.clone(), *error))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn old_manifests_go_at_start_and_the_log_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let audit = Audit::open(&dir.path().join("audit.jsonl")).unwrap();
        let manifests = dir.path().join("manifests");
        for (name, at) in [
            ("old.jsonl", "2026-01-01T00:00:00.000Z"),
            ("new.jsonl", "2026-03-30T00:00:00.000Z"),
        ] {
            let path = manifests.join("1/eu-west-1").join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let mut f = std::fs::File::create(&path).unwrap();
            writeln!(
                f,
                r#"{{"kind":"collection","CollectionId":"c","exported_at":"{at}"}}"#
            )
            .unwrap();
            writeln!(f, r#"{{"kind":"end","faces":0,"users":0}}"#).unwrap();
        }
        let now = crate::time::parse_rfc3339("2026-04-01T00:00:00.000Z").unwrap();
        let retention = (30 * 86_400_000, "30d".to_owned());
        assert!(at_start(Some(&audit), Some(&manifests), None, now).is_empty());
        let said = texts(&at_start(
            Some(&audit),
            Some(&manifests),
            Some(&retention),
            now,
        ));
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(
            said[0].0.starts_with("pruned 1 manifest older than 30d"),
            "{said:?}"
        );
        assert!(!said[0].1);
        assert!(!manifests.join("1/eu-west-1/old.jsonl").exists());
        assert!(manifests.join("1/eu-west-1/new.jsonl").exists());
        // Nothing more to prune: nothing said.
        assert!(at_start(Some(&audit), Some(&manifests), Some(&retention), now).is_empty());
        // No trail: nothing removed, and the log says why.
        let said = texts(&at_start(
            None,
            Some(&manifests),
            Some(&retention),
            now + 90 * 86_400_000,
        ));
        assert!(said[0].1 && said[0].0.contains("none pruned"), "{said:?}");
        assert!(manifests.join("1/eu-west-1/new.jsonl").exists());
    }
}
