//! Listing, describing, filtering, sorting and navigation.

use crate::app::msg::{TableAnswer, TableCall};
use rstest::rstest;

use super::*;
use crate::app::Focus;
use crate::app::collections::Column;
use crate::app::log::Level;

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("c{i:03}")).collect()
}

fn refs(ids: &[String]) -> Vec<&str> {
    ids.iter().map(String::as_str).collect()
}

fn view_ids(state: &State) -> Vec<&str> {
    state
        .table
        .view
        .iter()
        .map(|&i| state.table.rows[i].id.as_str())
        .collect()
}

#[test]
fn pages_stream_in_and_ask_for_the_next() {
    let mut state = State::new(session());
    state.start();
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&["a", "b"], Some("t1"))),
        }),
    );
    assert!(cmds.contains(&Command::Table(TableCall::ListPage {
        generation: 1,
        token: Some("t1".into())
    })));
    assert_eq!(view_ids(&state), ["a", "b"]);
    assert!(state.table.listing.loading);
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&["c"], None)),
        }),
    );
    assert_eq!(view_ids(&state), ["a", "b", "c"]);
    assert!(!state.table.listing.loading);
    assert!(last_log(&state).starts_with("ListCollections: 3 collections in 2 pages"));
}

#[test]
fn stale_generations_are_ignored() {
    let mut state = loaded(&["a"]);
    assert_eq!(
        send(&mut state, Msg::Refresh)[0],
        Command::Table(TableCall::ListPage {
            generation: 2,
            token: None
        })
    );
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page(&["old"], Some("t"))),
        }),
    );
    assert!(cmds.is_empty());
    assert_eq!(view_ids(&state), ["a"]);
}

#[test]
fn refresh_keeps_the_selection_on_the_same_id() {
    let mut state = loaded(&["a", "b", "c"]);
    select(&mut state, "b");
    send(&mut state, Msg::Refresh);
    // The first page no longer holds b; a later one does.
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 2,
            outcome: ok(page(&["a", "a2", "a3"], Some("t"))),
        }),
    );
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 2,
            outcome: ok(page(&["b", "c"], None)),
        }),
    );
    assert_eq!(state.table.selected_id(), Some("b"));
}

#[test]
fn refresh_without_the_selected_id_keeps_the_position() {
    let mut state = loaded(&["a", "b", "c"]);
    select(&mut state, "c");
    send(&mut state, Msg::Refresh);
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 2,
            outcome: ok(page(&["a", "b"], None)),
        }),
    );
    assert_eq!(state.table.selected_id(), Some("b"));
}

#[test]
fn listing_error_is_logged_and_rows_stay() {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::Refresh);
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 2,
            outcome: fail(ErrorKind::AccessDenied, "AccessDeniedException"),
        }),
    );
    assert!(!state.table.listing.loading);
    assert_eq!(view_ids(&state), ["a"]);
    let entry = state.log.entries.last().cloned();
    let entry = entry.as_ref();
    assert_eq!(entry.map(|e| e.level), Some(Level::Error));
    let hint = entry.and_then(|e| e.hint.clone()).unwrap_or_default();
    assert!(hint.contains("rekognition:ListCollections"), "{hint}");
    assert!(hint.contains("arn:aws:rekognition:eu-west-1:"), "{hint}");
}

#[rstest]
#[case("PROD", &["prod-faces", "Prod-Users"])]
#[case("users", &["Prod-Users", "test-users"])]
#[case("zzz", &[])]
fn filter_is_a_live_case_insensitive_substring(#[case] text: &str, #[case] want: &[&str]) {
    let mut state = loaded(&["prod-faces", "Prod-Users", "test-users"]);
    send(&mut state, Msg::FilterOpen);
    for c in text.chars() {
        send(&mut state, Msg::FilterInput(c));
    }
    assert_eq!(view_ids(&state), want);
    send(&mut state, Msg::FilterAccept);
    assert!(state.overlay.is_none(), "the filter input is closed");
    assert_eq!(view_ids(&state), want, "Enter keeps the filter");
    send(&mut state, Msg::FilterClear);
    assert_eq!(view_ids(&state).len(), 3, "Esc clears it");
}

#[test]
fn sort_cycles_columns_reverses_and_keeps_the_selection() {
    let mut state = loaded(&["a", "b", "c"]);
    describe(&mut state, "a", detail(5, 0));
    describe(&mut state, "b", detail(50, 0));
    describe(&mut state, "c", detail(1, 0));
    select(&mut state, "b");
    send(&mut state, Msg::SortNext);
    assert_eq!(state.table.sort.column, Column::Faces);
    assert_eq!(view_ids(&state), ["c", "a", "b"]);
    send(&mut state, Msg::SortReverse);
    assert_eq!(view_ids(&state), ["b", "a", "c"]);
    assert_eq!(state.table.selected_id(), Some("b"));
    for _ in 0..5 {
        send(&mut state, Msg::SortNext);
    }
    assert_eq!(state.table.sort.column, Column::Id);
}

#[test]
fn sorting_by_age_puts_the_oldest_last_then_first() {
    let mut state = loaded(&["new", "old", "mid"]);
    for (id, created) in [
        ("new", 1_700_000_000),
        ("old", 1_500_000_000),
        ("mid", 1_600_000_000),
    ] {
        let mut d = detail(1, 0);
        d.created = Some(created);
        describe(&mut state, id, d);
    }
    for _ in 0..5 {
        send(&mut state, Msg::SortNext);
    }
    assert_eq!(state.table.sort.column, Column::Age);
    assert_eq!(view_ids(&state), ["new", "mid", "old"]);
    send(&mut state, Msg::SortReverse);
    assert_eq!(
        view_ids(&state),
        ["old", "mid", "new"],
        "the oldest at once"
    );
}

#[test]
fn navigation_clamps_and_scrolls() {
    let all = ids(40);
    let mut state = loaded(&refs(&all));
    send(&mut state, Msg::Bottom);
    assert_eq!(state.table.selected, 39);
    assert_eq!(state.table.offset, 40 - 11);
    send(&mut state, Msg::Down);
    assert_eq!(state.table.selected, 39);
    send(&mut state, Msg::PageUp);
    assert_eq!(state.table.selected, 28);
    send(&mut state, Msg::Top);
    assert_eq!((state.table.selected, state.table.offset), (0, 0));
    send(&mut state, Msg::Up);
    assert_eq!(state.table.selected, 0);
}

#[test]
fn tab_focuses_the_log_which_then_scrolls() {
    let mut state = loaded(&["a"]);
    for i in 0..20 {
        send(
            &mut state,
            Msg::TaskFailed {
                command: Box::new(Command::Table(TableCall::Describe {
                    id: format!("x{i}").parse().unwrap(),
                })),
                why: "task panicked".into(),
            },
        );
    }
    send(&mut state, Msg::FocusNext);
    assert_eq!(state.screen.focus(), Some(Focus::Log));
    send(&mut state, Msg::Up);
    assert_eq!(state.log.scroll, 1);
    assert_eq!(state.table.selected, 0, "the table did not move");
    send(&mut state, Msg::Bottom);
    assert_eq!(state.log.scroll, 0);
    send(&mut state, Msg::FocusNext);
    assert_eq!(state.screen.focus(), Some(Focus::Table));
}

#[test]
fn quit_asks_the_loop_to_stop() {
    let mut state = loaded(&["a"]);
    assert!(!state.should_quit());
    assert_eq!(send(&mut state, Msg::Quit), [Command::Quit]);
    assert!(state.should_quit());
}

/// Pages merged into the view one by one give the order a full sort gives, whatever the
/// sort and the filter.
#[test]
fn paged_rows_merge_into_the_same_order_as_a_full_sort() {
    use crate::app::collections::{Sort, Table};
    use crate::aws::api::Collection;
    let pages: [&[&str]; 3] = [
        &["m-1", "A-2", "z"],
        &["b", "M-0", "a-10"],
        &["a-9", "c", "B"],
    ];
    for column in [
        Column::Id,
        Column::Faces,
        Column::Model,
        Column::Created,
        Column::Age,
    ] {
        for descending in [false, true] {
            for filter in ["", "a", "m-"] {
                let mut table = Table {
                    filter: filter.into(),
                    sort: Sort { column, descending },
                    ..Table::default()
                };
                for (i, ids) in pages.iter().enumerate() {
                    let rows = ids
                        .iter()
                        .map(|id| Collection {
                            id: (*id).parse().unwrap(),
                            face_model_version: Some(format!("{}.0", id.len())),
                        })
                        .collect();
                    table.add_page(rows, i == 0);
                }
                let paged: Vec<usize> = table.view.clone();
                table.rebuild(None);
                assert_eq!(paged, table.view, "{column:?} {descending} {filter:?}");
            }
        }
    }
}
