//! The faces list: its paging, its marks, and DeleteFaces.

use super::*;
use crate::app::detail::out::TableNews;
use crate::app::detail::{Load, faces};
use crate::app::msg::{Change, DetailCall, Move};
use crate::audit::{Intent, Operation};
use crate::aws::api::{FaceDeletion, FaceRefusal};
use crate::erase::search::Search;

fn page(range: std::ops::Range<usize>, next: Option<&str>) -> Outcome<FacePage> {
    ok(FacePage {
        faces: range.map(face).collect(),
        next_token: next.map(Into::into),
    })
}

#[test]
fn the_next_page_is_asked_for_near_the_loaded_end_once() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let out = faces::loaded(Some(&mut view), "b", None, page(0..30, Some("t1")), ROWS);
    assert!(out.calls.is_empty(), "the selection is far from the end");
    assert!(view.navigate(Move::PageDown, ROWS).is_empty());
    let more = DetailCall::ListFaces {
        id: id("b"),
        token: Some("t1".into()),
    };
    assert_eq!(view.navigate(Move::Bottom, ROWS), [more]);
    assert!(
        view.navigate(Move::Up, ROWS).is_empty(),
        "one page at a time"
    );
    let out = faces::loaded(
        Some(&mut view),
        "b",
        Some("t1".into()),
        page(30..32, None),
        ROWS,
    );
    assert!(out.calls.is_empty());
    assert_eq!(view.faces.len(), 32);
    assert!(view.complete());
}

#[test]
fn a_page_the_view_does_not_wait_for_is_dropped() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let stale = faces::loaded(
        Some(&mut view),
        "b",
        Some("t9".into()),
        page(0..3, None),
        ROWS,
    );
    let other = faces::loaded(Some(&mut view), "c", None, page(0..3, None), ROWS);
    assert_eq!((stale, other), (Out::default(), Out::default()));
    assert!(view.faces.is_empty() && view.pending == Some(None));
}

#[test]
fn a_failed_page_is_logged_and_keeps_its_token() {
    let (mut view, _) = DetailView::open(id("b"), None);
    faces::loaded(Some(&mut view), "b", None, page(0..30, Some("t1")), ROWS);
    view.navigate(Move::Bottom, ROWS);
    let out = faces::loaded(
        Some(&mut view),
        "b",
        Some("t1".into()),
        failed("Boom"),
        ROWS,
    );
    assert_eq!(lines(&out), ["ListFaces b: Boom"]);
    assert_eq!(view.next.as_deref(), Some("t1"));
    assert!(view.faces_error.is_some() && view.pending.is_none());
}

#[test]
fn space_marks_and_moves_on_and_mark_all_marks_what_is_shown() {
    let mut view = view(4);
    view.mark(ROWS);
    view.mark(ROWS);
    assert_eq!(view.cursor.selected, 2);
    assert_eq!(
        ids(&view.marked_faces().into_iter().cloned().collect::<Vec<_>>()),
        ["face-00000", "face-00001"]
    );
    view.navigate(Move::Top, ROWS);
    view.mark(ROWS);
    assert_eq!(view.marked.len(), 1, "a second Space unmarks");
    view.search(1, Search::User(id("alice")), NOW);
    assert!(view.marked.is_empty(), "a new list clears the marks");
    view.mark_all();
    assert!(
        view.marked.is_empty(),
        "no result yet, nothing shown to mark"
    );
}

#[test]
fn deletions_go_in_batches_each_intent_counting_its_faces() {
    let face_ids: Vec<String> = (0..5000).map(|i| format!("f{i}")).collect();
    let intent = Intent::new(Operation::DeleteFaces, "b", "eu-west-1");
    let batches = faces::deletions(&id("b"), &face_ids, &intent);
    let sizes: Vec<(usize, Option<u64>)> = batches
        .iter()
        .map(|m| match &m.change {
            Change::DeleteFaces { face_ids, .. } => (face_ids.len(), m.intent.face_count),
            other => panic!("not a DeleteFaces: {other:?}"),
        })
        .collect();
    assert_eq!(sizes, [(4096, Some(4096)), (904, Some(904))]);
}

#[test]
fn a_deletion_logs_each_face_kept_and_the_deleted_leave_view_and_table() {
    let mut view = view(5);
    view.mark_all();
    view.deleting = 1;
    let requested: Vec<String> = ids(&(0..3).map(face).collect::<Vec<_>>());
    let result = FaceDeletion {
        deleted: requested[..2].to_vec(),
        unsuccessful: vec![FaceRefusal {
            face_id: requested[2].clone(),
            user_id: Some("alice".into()),
            reasons: vec!["ASSOCIATED_TO_AN_EXISTING_USER".into()],
        }],
    };
    let out = faces::deleted(Some(&mut view), &id("b"), &requested, ok(result), ROWS, NOW);
    let lines = lines(&out);
    assert!(lines[0].starts_with("DeleteFaces b: 2 faces of 3 deleted; 1 not deleted"));
    assert_eq!(
        lines[1],
        "DeleteFaces b: face face-00002 not deleted: ASSOCIATED_TO_AN_EXISTING_USER (user alice)"
    );
    let news = TableNews::FacesDeleted { id: id("b"), n: 2 };
    assert_eq!(out.table, [news]);
    assert_eq!(ids(&view.faces), ["face-00002", "face-00003", "face-00004"]);
    assert_eq!(view.marked.len(), 3);
    assert!(matches!(&view.info, Load::Loaded(d) if d.face_count == Some(3)));
    assert_eq!(view.deleting, 0);
}

#[test]
fn a_failed_deletion_is_logged_and_forgets_nothing() {
    let mut view = view(2);
    view.deleting = 2;
    let requested = vec!["face-00000".to_owned()];
    let out = faces::deleted(
        Some(&mut view),
        &id("b"),
        &requested,
        failed("Boom"),
        ROWS,
        NOW,
    );
    assert_eq!(lines(&out), ["DeleteFaces b: Boom"]);
    assert!(out.table.is_empty());
    assert_eq!((view.faces.len(), view.deleting), (2, 1));
    let out = faces::deleted(
        None,
        &id("b"),
        &requested,
        ok(FaceDeletion::default()),
        ROWS,
        NOW,
    );
    assert_eq!(
        out.table.len(),
        1,
        "the table learns even with the view closed"
    );
}
