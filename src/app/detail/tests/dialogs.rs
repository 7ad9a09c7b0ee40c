//! What the keys that open dialogs ask, and the dialogs they open.

use super::*;
use crate::app::detail::Dialog;
use crate::app::detail::dialogs::{Ask, Opens};
use crate::app::detail::erase::Faces;
use crate::app::detail::user_edit;
use crate::app::msg::DetailCall;
use crate::app::overlay::Overlay;
use crate::app::overlay::confirm::{Action, Confirm, Count};
use crate::app::overlay::user_form::Purpose;
use crate::erase::search::{Found, Search};

fn asked(view: &DetailView, dialog: Dialog) -> Ask {
    match view.ask(dialog) {
        Ok(Some(ask)) => ask,
        other => panic!("{dialog:?} asks nothing: {other:?}"),
    }
}

#[test]
fn delete_faces_needs_marks_and_no_delete_running() {
    let mut view = view(4);
    let none = "DeleteFaces: no face is marked; Space marks the selected face";
    assert_eq!(view.ask(Dialog::DeleteFaces), Err(none.into()));
    view.navigate(crate::app::msg::Move::Down, ROWS);
    view.mark(ROWS);
    view.navigate(crate::app::msg::Move::Top, ROWS);
    view.mark(ROWS);
    let ask = asked(&view, Dialog::DeleteFaces);
    assert_eq!(
        (ask.op.as_str(), ask.what.as_str(), ask.verb),
        ("DeleteFaces b", "delete 2 faces from b", "delete them")
    );
    let in_order = vec!["face-00000".to_owned(), "face-00001".to_owned()];
    assert_eq!(ask.opens, Opens::DeleteFaces(in_order));
    assert!(!ask.searches());
    view.deleting = 1;
    let running = "DeleteFaces b: already running; wait for its result";
    assert_eq!(view.ask(Dialog::DeleteFaces), Err(running.into()));
}

#[test]
fn deleting_a_user_needs_the_users_pane_and_counts_its_faces() {
    let mut view = view_with(Vec::new(), &["alice"]);
    assert_eq!(view.ask(Dialog::DeleteUser), Ok(None));
    view.toggle_pane();
    let ask = asked(&view, Dialog::DeleteUser);
    assert_eq!(ask.what, "delete user alice in b");
    assert!(ask.searches());
    let (overlay, call) = ask.open(place(), 7);
    let find = DetailCall::FindFaces {
        id: id("b"),
        serial: 7,
        search: Search::User(id("alice")),
        total: None,
    };
    assert_eq!(call, Some(find));
    let Overlay::Confirm(mut confirm) = overlay else {
        panic!("not a confirmation: {overlay:?}");
    };
    assert_eq!((confirm.id.as_str(), &confirm.context), ("b", &place()));
    assert!(user_edit::counting(&mut confirm, "b", 7, 2));
    assert!(
        !user_edit::counting(&mut confirm, "b", 8, 2),
        "another search"
    );
    assert!(
        !user_edit::counting(&mut confirm, "c", 7, 2),
        "another collection"
    );
    let counted = |c: &Confirm| match &c.action {
        Action::DeleteUser { faces, .. } => faces.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        counted(&confirm),
        Count::Counting {
            serial: 7,
            so_far: 2
        }
    );
    let found = Ok(vec![face(0), face(1), face(2)]);
    assert!(user_edit::counted(&mut confirm, "b", 7, &found));
    assert_eq!(counted(&confirm), Count::Known(3));
    assert!(
        !user_edit::counted(&mut confirm, "b", 7, &found),
        "counted once"
    );
}

#[test]
fn associating_asks_for_the_user_in_a_form() {
    let mut view = view(3);
    let none = "AssociateFaces: no face is marked; Space marks a face, A marks every face shown";
    assert_eq!(view.ask(Dialog::Associate), Err(none.into()));
    view.mark_all();
    let (overlay, call) = asked(&view, Dialog::Associate).open(place(), 0);
    assert_eq!(call, None);
    let Overlay::UserForm(form) = overlay else {
        panic!("not the form: {overlay:?}");
    };
    let face_ids = ids(&view.faces);
    assert_eq!(form.purpose, Purpose::Associate { face_ids });
    let create = asked(&view, Dialog::CreateUser);
    assert_eq!(
        (create.what.as_str(), create.opens),
        ("create a user in b", Opens::CreateUser)
    );
}

#[test]
fn disassociating_names_only_the_faces_that_have_a_user() {
    let mut view = view_with(vec![face(0), owned(1, "alice"), face(2)], &["alice"]);
    view.navigate(crate::app::msg::Move::Bottom, ROWS);
    view.mark(ROWS);
    let nobody = "DisassociateFaces: none of the marked faces belongs to a user";
    assert_eq!(view.ask(Dialog::Disassociate), Err(nobody.into()));
    view.mark_all();
    let ask = asked(&view, Dialog::Disassociate);
    let pairs = vec![("face-00001".to_owned(), id("alice"))];
    assert_eq!(ask.opens, Opens::Disassociate(pairs));
    assert_eq!(ask.what, "disassociate 1 face in b");
}

#[test]
fn erasing_marked_results_of_a_user_search_names_that_user() {
    let mut view = view_with(vec![owned(0, "alice"), face(1)], &["alice"]);
    let none = "Erase: no face is marked; Space marks a face, A marks every face shown";
    assert_eq!(view.ask(Dialog::Erase), Err(none.into()));
    view.search(1, Search::User(id("alice")), NOW);
    let found = Found {
        faces: vec![owned(0, "alice")],
        ..Found::default()
    };
    crate::app::detail::search::found(Some(&mut view), &id("b"), 1, ok(found), ROWS, NOW);
    view.mark_all();
    let ask = asked(&view, Dialog::Erase);
    assert_eq!(
        (ask.op.as_str(), ask.what.as_str()),
        ("Erase b", "erase 1 face from b")
    );
    let Opens::Erase(erasing) = ask.opens else {
        panic!("not an erasure of faces");
    };
    assert_eq!(erasing.search, "UserId alice, marked in the results");
    assert_eq!(erasing.users, ["alice"]);
    assert!(erasing.ready());
}

#[test]
fn erasing_a_user_finds_its_faces_first() {
    let mut view = view_with(Vec::new(), &["alice"]);
    view.toggle_pane();
    let ask = asked(&view, Dialog::Erase);
    assert_eq!(ask.what, "erase user alice and its faces from b");
    assert!(ask.searches());
    let (overlay, call) = ask.open(place(), 3);
    assert!(matches!(
        call,
        Some(DetailCall::FindFaces { serial: 3, .. })
    ));
    let Overlay::Confirm(confirm) = overlay else {
        panic!("not a confirmation");
    };
    let Action::Erase(erasing) = &confirm.action else {
        panic!("not an erasure");
    };
    let finding = Faces::Finding {
        serial: 3,
        so_far: 0,
    };
    assert_eq!(
        (&erasing.faces, erasing.users.as_slice()),
        (&finding, &[id("alice")][..])
    );
    view.users.users.clear();
    assert_eq!(view.ask(Dialog::Erase), Ok(None), "no user selected");
}
