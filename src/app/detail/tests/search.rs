//! Searches: the input, the view's own search, and the ones only a dialog waits for.

use super::*;
use crate::app::detail::out::DialogNews;
use crate::app::detail::search::{self, Phase, SearchInput, Typed};
use crate::app::msg::{DetailCall, DialogKey};
use crate::erase::search::{Found, Progress, Search};

fn user_search() -> Search {
    Search::User(id("alice"))
}

#[test]
fn a_search_stops_the_one_before_and_clears_the_marks() {
    let mut view = view(3);
    view.mark_all();
    let first = view.search(1, user_search(), NOW);
    let find = |serial| DetailCall::FindFaces {
        id: id("b"),
        serial,
        search: user_search(),
        total: Some(3),
    };
    assert_eq!(first, [find(1)]);
    assert!(view.marked.is_empty());
    let second = view.search(2, user_search(), NOW);
    assert_eq!(second, [DetailCall::CancelFind { serial: 1 }, find(2)]);
    let progress = view.search.as_ref().map(|s| s.progress);
    assert_eq!(
        progress.and_then(|p| p.total),
        None,
        "a UserId search reads no scan"
    );
}

#[test]
fn progress_and_results_go_to_the_view_running_that_search() {
    let mut view = view(3);
    view.search(1, user_search(), NOW);
    let p = Progress {
        pages: 1,
        scanned: 3,
        matched: 2,
        total: None,
    };
    let out = search::progress(Some(&mut view), &id("b"), 1, p, NOW + 5);
    assert_eq!(out, Out::default());
    let found = Found {
        faces: vec![owned(0, "alice"), owned(2, "alice")],
        progress: p,
        ..Found::default()
    };
    let out = search::found(Some(&mut view), &id("b"), 1, ok(found), ROWS, NOW + 9);
    assert!(lines(&out)[0].starts_with("ListFaces b: search for UserId alice: 2 matches of 3"));
    let shown = view.search.as_ref().expect("results shown");
    assert_eq!((shown.phase.clone(), shown.updated), (Phase::Done, NOW + 5));
    assert_eq!(ids(view.shown()), ["face-00000", "face-00002"]);
    view.mark_all();
    assert_eq!(view.marked_faces().len(), 2);
}

#[test]
fn a_search_the_view_does_not_run_goes_to_the_dialogs() {
    let mut view = view(3);
    view.search(1, user_search(), NOW);
    let p = Progress {
        matched: 4,
        ..Progress::default()
    };
    let out = search::progress(Some(&mut view), &id("b"), 7, p, NOW);
    let news = DialogNews::Finding {
        id: id("b"),
        serial: 7,
        matched: 4,
    };
    assert_eq!(out.dialog, Some(news));
    let out = search::found(Some(&mut view), &id("b"), 7, failed("Boom"), ROWS, NOW);
    assert!(out.notes.is_empty(), "the dialog says why, not the log");
    let news = DialogNews::Found {
        id: id("b"),
        serial: 7,
        result: Err("Boom: Boom happened".into()),
    };
    assert_eq!(out.dialog, Some(news));
    let out = search::found(None, &id("b"), 1, ok(Found::default()), ROWS, NOW);
    assert!(matches!(
        out.dialog,
        Some(DialogNews::Found { result: Ok(_), .. })
    ));
    assert_eq!(search::lost(), "Other: the search did not complete");
}

#[test]
fn a_failed_search_is_logged_and_shown() {
    let mut view = view(3);
    view.search(1, user_search(), NOW);
    let out = search::found(Some(&mut view), &id("b"), 1, failed("Boom"), ROWS, NOW);
    assert_eq!(lines(&out), ["ListFaces b: Boom"]);
    let phase = view.search.as_ref().map(|s| s.phase.clone());
    assert_eq!(phase, Some(Phase::Failed("Boom: Boom happened".into())));
}

#[test]
fn esc_stops_a_running_search_and_says_so() {
    let mut view = view(3);
    assert_eq!(view.close_search(NOW), Out::default());
    view.search(1, user_search(), NOW);
    view.mark_all();
    let out = view.close_search(NOW);
    assert_eq!(out.calls, [DetailCall::CancelFind { serial: 1 }]);
    assert_eq!(
        lines(&out),
        ["search of b for UserId alice cancelled after 0 pages (0 scanned)"]
    );
    assert!(view.search.is_none() && view.marked.is_empty());
    view.search(2, user_search(), NOW);
    search::found(
        Some(&mut view),
        &id("b"),
        2,
        ok(Found::default()),
        ROWS,
        NOW,
    );
    let out = view.close_search(NOW);
    assert!(
        out.calls.is_empty() && out.notes.is_empty(),
        "a finished one just closes"
    );
}

#[test]
fn the_input_starts_only_a_search_that_parses() {
    let mut input = SearchInput::default();
    for c in "user:".chars() {
        assert_eq!(input.key(DialogKey::Input(c)), Typed::Stay);
    }
    assert_eq!(input.key(DialogKey::Submit), Typed::Stay);
    assert!(input.error.is_some());
    assert_eq!(input.key(DialogKey::Input('a')), Typed::Stay);
    assert!(input.error.is_none());
    assert_eq!(input.key(DialogKey::FocusNext), Typed::Stay);
    assert_eq!(input.key(DialogKey::Submit), Typed::Search("user:a".into()));
    assert!(input.text.is_empty());
    assert_eq!(input.key(DialogKey::Cancel), Typed::Close);
}

/// `+`/`-` search again at another threshold: the marks on faces found again stay, those
/// on faces no longer found go, and none is added; a new search of another kind clears them.
#[test]
fn a_new_threshold_keeps_the_marks_on_the_faces_found_again() {
    let like = Search::Like {
        face: "5a170000-3c1d-4e6a-9b0f-000000000000".parse().unwrap(),
        threshold: 90,
    };
    let found = |faces: Vec<Face>| Found {
        progress: Progress {
            matched: faces.len() as u64,
            ..Progress::default()
        },
        faces,
        ..Found::default()
    };
    let mut view = view(6);
    view.search(1, like, NOW);
    search::found(
        Some(&mut view),
        &id("b"),
        1,
        ok(found(vec![face(0), face(1), face(2)])),
        ROWS,
        NOW,
    );
    view.mark_all();
    view.marked.remove("face-00002");
    // 85: the two marked found again with others; they stay marked, the others do not.
    let calls = view.restep(false, 2, NOW);
    assert!(matches!(
        calls.last(),
        Some(DetailCall::FindFaces { serial: 2, .. })
    ));
    assert!(view.marked.is_empty(), "nothing is shown while it runs");
    let lower = vec![face(0), face(1), face(2), face(3)];
    search::found(Some(&mut view), &id("b"), 2, ok(found(lower)), ROWS, NOW);
    let marked: Vec<&str> = view.marked.iter().map(String::as_str).collect();
    assert_eq!(marked, ["face-00000", "face-00001"]);
    // `+` twice before the first answers: the marks wait for the last one; face 1 is no
    // longer found, so its mark goes.
    view.restep(true, 3, NOW);
    view.restep(true, 4, NOW);
    search::found(
        Some(&mut view),
        &id("b"),
        4,
        ok(found(vec![face(0), face(3)])),
        ROWS,
        NOW,
    );
    let marked: Vec<&str> = view.marked.iter().map(String::as_str).collect();
    assert_eq!(marked, ["face-00000"]);
    // Another search starts with no marks.
    view.search(5, user_search(), NOW);
    search::found(
        Some(&mut view),
        &id("b"),
        5,
        ok(found(vec![face(0)])),
        ROWS,
        NOW,
    );
    assert!(view.marked.is_empty());
}
