//! The users list: its paging, and the users CreateUser and DeleteUser add and take away.

use super::*;
use crate::app::detail::out::DialogNews;
use crate::app::detail::{Load, user_edit, users};
use crate::app::msg::{Change, DetailCall, Move};
use crate::app::overlay::confirm::Count;
use crate::app::overlay::user_form::{Purpose, UserForm};
use crate::audit::{Intent, Operation};

fn page(names: &[&str], next: Option<&str>) -> Outcome<UserPage> {
    ok(UserPage {
        users: names.iter().map(|u| user(u)).collect(),
        next_token: next.map(Into::into),
    })
}

#[test]
fn users_page_in_as_the_selection_nears_the_end() {
    let (mut view, _) = DetailView::open(id("b"), None);
    let names: Vec<String> = (0..20).map(|i| format!("u{i}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let out = users::loaded(
        Some(&mut view),
        &id("b"),
        None,
        page(&names, Some("t1")),
        ROWS,
    );
    assert!(out.calls.is_empty());
    assert!(view.users.started() && !view.users.complete());
    view.toggle_pane();
    let calls = view.navigate(Move::Bottom, ROWS);
    let more = DetailCall::ListUsers {
        id: id("b"),
        token: Some("t1".into()),
    };
    assert_eq!(calls, [more]);
    let out = users::loaded(
        Some(&mut view),
        &id("b"),
        Some("t1".into()),
        failed("Boom"),
        ROWS,
    );
    assert_eq!(lines(&out), ["ListUsers b: Boom"]);
    assert_eq!(view.users.next.as_deref(), Some("t1"));
    assert!(view.users.error.is_some());
}

#[test]
fn a_created_user_joins_a_whole_list_and_the_count() {
    let mut view = view_with(Vec::new(), &["alice"]);
    view.changing = 1;
    let out = users::created(Some(&mut view), &id("b"), &id("carol"), ok(()), NOW);
    assert!(lines(&out)[0].starts_with("CreateUser b: user carol created"));
    let news = DialogNews::UserCreated {
        id: id("b"),
        user: id("carol"),
        result: Ok(()),
    };
    assert_eq!(out.dialog, Some(news));
    let listed: Vec<&str> = view
        .users
        .users
        .iter()
        .map(|u| u.user_id.as_str())
        .collect();
    assert_eq!(listed, ["alice", "carol"]);
    assert!(matches!(&view.info, Load::Loaded(d) if d.user_count == Some(2)));
    assert_eq!(view.changing, 0);
}

#[test]
fn a_failed_creation_tells_the_form_why_and_adds_no_one() {
    let mut view = view_with(Vec::new(), &["alice"]);
    let out = users::created(
        Some(&mut view),
        &id("b"),
        &id("carol"),
        failed("ConflictException"),
        NOW,
    );
    assert_eq!(lines(&out), ["CreateUser b: ConflictException"]);
    assert!(matches!(
        out.dialog,
        Some(DialogNews::UserCreated { result: Err(ref why), .. }) if why.starts_with("Conflict")
    ));
    assert_eq!(view.users.users.len(), 1);
}

#[test]
fn a_deleted_user_leaves_the_list_and_its_faces_belong_to_no_one() {
    let faces = vec![owned(0, "alice"), owned(1, "bob"), owned(2, "alice")];
    let mut view = view_with(faces, &["alice", "bob"]);
    let out = users::deleted(Some(&mut view), "b", "alice", ok(()), ROWS, NOW);
    assert!(lines(&out)[0].starts_with("DeleteUser b: user alice deleted"));
    let listed: Vec<&str> = view
        .users
        .users
        .iter()
        .map(|u| u.user_id.as_str())
        .collect();
    assert_eq!(listed, ["bob"]);
    let owners: Vec<Option<&str>> = view.faces.iter().map(|f| f.user_id.as_deref()).collect();
    assert_eq!(owners, [None, Some("bob"), None]);
    assert!(matches!(&view.info, Load::Loaded(d) if d.user_count == Some(1)));
}

#[test]
fn a_user_deletion_counts_the_faces_counted() {
    let intent = Intent::new(Operation::DeleteUser, "b", "eu-west-1");
    let known = users::deletion(id("b"), id("alice"), &Count::Known(3), intent.clone());
    assert_eq!(known.intent.face_count, Some(3));
    assert_eq!(
        known.change,
        Change::DeleteUser {
            id: id("b"),
            user: id("alice")
        }
    );
    let unknown = users::deletion(id("b"), id("alice"), &Count::Unknown("x".into()), intent);
    assert_eq!(unknown.intent.face_count, None);
}

#[test]
fn the_form_takes_only_the_answer_it_waits_for() {
    let mut form = UserForm::new(id("b"), Purpose::Create);
    for c in "carol".chars() {
        form.type_char(c);
    }
    form.sending = true;
    assert!(!user_edit::created(&mut form, "b", "dave", &Ok(())));
    assert!(!user_edit::created(
        &mut form,
        "c",
        "carol",
        &Err("x".into())
    ));
    assert!(form.sending && form.error.is_none());
    assert!(!user_edit::created(
        &mut form,
        "b",
        "carol",
        &Err("Conflict".into())
    ));
    assert_eq!(
        (form.sending, form.error.as_deref()),
        (false, Some("Conflict"))
    );
    form.sending = true;
    assert!(
        user_edit::created(&mut form, "b", "carol", &Ok(())),
        "it closes"
    );
}
