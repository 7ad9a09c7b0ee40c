//! Describes for the rows in view: capped, cached, refreshed, and failures shown.

use super::*;
use crate::app::collections::Detail;
use crate::app::collections::MAX_DESCRIBES;
use crate::app::log::Level;
use crate::app::msg::{TableAnswer, TableCall};

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("c{i:03}")).collect()
}

fn refs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}

fn described_ids(cmds: &[Command]) -> Vec<String> {
    cmds.iter()
        .filter_map(|c| match c {
            Command::Table(TableCall::Describe { id }) => Some(id.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn describes_are_capped_and_follow_results_and_scrolling() {
    let all = ids(60);
    let mut state = State::new(session());
    state.start();
    send(
        &mut state,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&refs(&all), None)),
        }),
    );
    let first = described_ids(&cmds);
    assert_eq!(first, refs(&all[..MAX_DESCRIBES]));
    // Each answer frees one slot, filled by the next row in view, never one out of view.
    let mut seen = first.clone();
    let mut queue = first;
    while let Some(id) = queue.pop() {
        let more = described_ids(&describe(&mut state, &id, detail(1, 1)));
        assert!(state.table.describing.len() <= MAX_DESCRIBES);
        seen.extend(more.iter().cloned());
        queue.extend(more);
    }
    seen.sort();
    assert_eq!(seen, refs(&all[..23]), "exactly the 23 rows in view");
    let cmds = send(&mut state, Msg::PageDown);
    assert_eq!(
        described_ids(&cmds),
        ["c023"],
        "the one row scrolled into view"
    );
    describe(&mut state, "c023", detail(1, 1));
    let cmds = send(&mut state, Msg::Bottom);
    assert_eq!(described_ids(&cmds), refs(&all[37..45]));
}

#[test]
fn failed_describe_shows_in_the_row_and_the_log() {
    let (mut state, cmds) = loaded_with(session(), &["a"]);
    assert_eq!(described_ids(&cmds), ["a"]);
    send(
        &mut state,
        Msg::Table(TableAnswer::Described {
            id: "a".parse().unwrap(),
            outcome: fail(ErrorKind::AccessDenied, "AccessDeniedException"),
        }),
    );
    let cached = state.table.cache.get("a").map(|c| c.detail.clone());
    assert_eq!(cached, Some(Detail::Failed("AccessDenied".into())));
    assert!(last_log(&state).starts_with("DescribeCollection a: AccessDeniedException"));
    let hint = state.log.entries.last().and_then(|e| e.hint.clone());
    assert_eq!(
        hint.as_deref(),
        Some(
            "needs IAM permission rekognition:DescribeCollection on \
             arn:aws:rekognition:eu-west-1:<account>:collection/a"
        )
    );
    // Not retried on its own: no describe storm against a denied collection.
    assert!(described_ids(&send(&mut state, Msg::Down)).is_empty());
}

#[test]
fn refresh_describes_again_but_keeps_showing_old_counts() {
    let mut state = loaded(&["a"]);
    describe(&mut state, "a", detail(5, 1));
    send(&mut state, Msg::Refresh);
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 2,
            outcome: ok(page(&["a"], None)),
        }),
    );
    assert_eq!(described_ids(&cmds), ["a"]);
    assert_eq!(state.table.loaded("a").and_then(|d| d.face_count), Some(5));
}

#[test]
fn dead_describe_task_frees_its_slot() {
    let mut state = loaded(&["a", "b"]);
    send(
        &mut state,
        Msg::TaskFailed {
            command: Box::new(Command::Table(TableCall::Describe {
                id: "a".parse().unwrap(),
            })),
            why: "task panicked".into(),
        },
    );
    assert!(!state.table.describing.contains_key("a"));
    assert_eq!(
        state.log.entries.last().map(|e| e.level),
        Some(Level::Error)
    );
}
