//! Opening the view, its describe, the calls it loses and the changes it counts.

use super::*;
use crate::app::detail::out::{DialogNews, TableNews};
use crate::app::detail::view::{lost, lost_change};
use crate::app::detail::{Load, Pane};
use crate::app::msg::{Change, DetailCall, Move};
use crate::erase::search::Search;

#[test]
fn opening_asks_for_the_describe_the_users_and_the_first_faces() {
    let (view, calls) = DetailView::open(id("b"), None);
    assert_eq!(
        calls,
        [
            DetailCall::DescribeDetail { id: id("b") },
            DetailCall::ListUsers {
                id: id("b"),
                token: None
            },
            DetailCall::ListFaces {
                id: id("b"),
                token: None
            },
        ]
    );
    assert_eq!((view.pane, view.pending.clone()), (Pane::Faces, Some(None)));
    assert_eq!(view.info, Load::Loading);
    assert!(!view.complete() && !view.users.started());
}

#[test]
fn reopening_keeps_the_pane_of_the_same_collection_and_stops_the_old_search() {
    let mut old = view(3);
    old.toggle_pane();
    old.search(4, Search::User(id("alice")), NOW);
    let (again, calls) = DetailView::open(id("b"), Some(&old));
    assert_eq!(calls[0], DetailCall::CancelFind { serial: 4 });
    assert_eq!(calls.len(), 4);
    assert_eq!(again.pane, Pane::Users);
    assert!(again.search.is_none() && again.faces.is_empty());
    let (other, _) = DetailView::open(id("c"), Some(&old));
    assert_eq!(other.pane, Pane::Faces);
}

#[test]
fn a_describe_reaches_the_table_and_the_view_and_a_tags_failure_is_logged() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let detail = CollectionDetail {
        face_count: Some(7),
        ..CollectionDetail::default()
    };
    let tags = Err(error("AccessDeniedException"));
    let outcome = ok(Described {
        detail: detail.clone(),
        tags,
    });
    let out = described(Some(&mut view), &id("b"), outcome);
    assert_eq!(
        out.table,
        [TableNews::Described {
            id: id("b"),
            detail: detail.clone()
        }]
    );
    assert_eq!(
        lines(&out),
        ["ListTagsForResource b: AccessDeniedException"]
    );
    assert_eq!(view.info, Load::Loaded(detail));
    assert_eq!(view.total(), Some(7));
    assert!(matches!(view.tags, Load::Failed(ref why) if why.starts_with("AccessDenied")));
}

#[test]
fn a_describe_of_another_collection_only_reaches_the_table() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let outcome = ok(Described {
        detail: CollectionDetail::default(),
        tags: Ok(Vec::new()),
    });
    let out = described(Some(&mut view), &id("c"), outcome);
    assert_eq!(out.table.len(), 1);
    assert!(out.notes.is_empty() && out.calls.is_empty());
    assert_eq!(view.info, Load::Loading);
}

#[test]
fn a_failed_describe_fails_the_facts_and_the_tags_with_one_line() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let out = described(Some(&mut view), &id("b"), failed("ThrottlingException"));
    assert!(out.table.is_empty());
    assert_eq!(lines(&out), ["DescribeCollection b: ThrottlingException"]);
    assert!(matches!(view.info, Load::Failed(_)));
    assert_eq!(
        view.tags,
        Load::Failed("ThrottlingException: ThrottlingException happened".into())
    );
}

#[test]
fn a_lost_call_leaves_nothing_waiting_on_it() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let call = DetailCall::ListFaces {
        id: id("b"),
        token: None,
    };
    assert_eq!(lost(Some(&mut view), call), Out::default());
    assert_eq!(view.pending, None);
    assert_eq!(
        view.faces_error.as_deref(),
        Some("the call did not complete")
    );
    lost(Some(&mut view), DetailCall::DescribeDetail { id: id("b") });
    assert!(matches!(view.info, Load::Failed(_)) && matches!(view.tags, Load::Failed(_)));
    let call = DetailCall::ListUsers {
        id: id("b"),
        token: None,
    };
    lost(Some(&mut view), call);
    assert!(view.users.error.is_some() && view.users.pending.is_none());
}

#[test]
fn a_lost_search_fails_in_the_view_and_tells_the_dialogs() {
    let mut view = view(3);
    let mut calls = view.search(2, Search::User(id("alice")), NOW);
    let out = lost(Some(&mut view), calls.remove(0));
    let news = DialogNews::SearchLost {
        id: id("b"),
        serial: 2,
    };
    assert_eq!(out.dialog, Some(news));
    let search = view.search.as_ref().expect("the search stays shown");
    assert!(!search.running());
    let cancel = DetailCall::CancelFind { serial: 2 };
    assert_eq!(lost(Some(&mut view), cancel), Out::default());
}

#[test]
fn changes_are_counted_in_flight_until_answered_or_lost() {
    let mut view = view(3);
    let delete = Change::DeleteFaces {
        id: id("b"),
        face_ids: vec!["face-00000".into()],
    };
    let create = Change::CreateUser {
        id: id("b"),
        user: id("carol"),
    };
    view.sent(&delete);
    view.sent(&delete);
    view.sent(&create);
    assert_eq!((view.deleting, view.changing), (2, 1));
    let out = lost_change(Some(&mut view), create);
    assert_eq!(
        out.dialog,
        Some(DialogNews::UserCreated {
            id: id("b"),
            user: id("carol"),
            result: Err("the call did not complete".into()),
        })
    );
    assert_eq!(lost_change(Some(&mut view), delete), Out::default());
    assert_eq!((view.deleting, view.changing), (1, 0));
    let elsewhere = Change::DeleteFaces {
        id: id("c"),
        face_ids: Vec::new(),
    };
    lost_change(Some(&mut view), elsewhere);
    assert_eq!(
        view.deleting, 1,
        "a change of another collection is not this view's"
    );
}

#[test]
fn the_pane_shown_has_the_movement_keys() {
    let mut view = view_with((0..3).map(face).collect(), &["alice", "bob"]);
    view.navigate(Move::Bottom, ROWS);
    assert_eq!(view.cursor.selected, 2);
    view.toggle_pane();
    view.navigate(Move::Down, ROWS);
    assert_eq!((view.cursor.selected, view.users.cursor.selected), (2, 1));
    assert_eq!(view.user_faces().as_deref(), Some("user:bob"));
    assert_eq!(view.pane, Pane::Faces);
}
