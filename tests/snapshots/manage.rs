//! The detail view, the DeleteFaces confirmation and the create dialog at 80x24 and 120x40,
//! built through `update` from fixed data, as the run loop would.

use rekog::app::State;
use rekog::app::msg::{DetailAnswer, Msg};
use rekog::aws::api::{Described, Face, FacePage, User, UserPage};

use crate::fixture::*;
use rekog::ids::CollectionId;

pub(crate) fn face(i: u64) -> Face {
    Face {
        face_id: format!("{:08x}-3c1d-4e6a-9b0f-{:012x}", 0x5a17_0000 + i, i * 7919),
        image_id: Some(format!(
            "{:08x}-77aa-4b1c-8d2e-{:012x}",
            0x1e00_0000 + i / 2,
            i
        )),
        external_image_id: Some(format!("lobby-{:04}.jpg", i / 2)),
        user_id: i
            .is_multiple_of(5)
            .then(|| format!("emp-{:03}", i / 5).parse().unwrap()),
        confidence: Some(99.0 + (i % 10) as f32 / 10.0),
        bounding_box: None,
        index_faces_model_version: None,
    }
}

/// faces-staging (12,408 faces, 310 users) opened, one page of 40 faces loaded, and
/// `marked` faces marked from the top.
pub(crate) fn detail_view(size: (u16, u16), marked: usize) -> State {
    let mut state = loaded(size);
    select(&mut state, "faces-staging");
    send(&mut state, Msg::DetailOpen);
    let outcome = ok(
        Described {
            detail: detail(4),
            tags: Ok(vec![
                ("cost-center".into(), "4410".into()),
                ("env".into(), "staging".into()),
                ("team".into(), "access-control".into()),
            ]),
        },
        31,
    );
    let id = || CollectionId::parse("faces-staging").unwrap();
    send(
        &mut state,
        Msg::Detail(DetailAnswer::DetailDescribed { id: id(), outcome }),
    );
    let users = UserPage {
        users: (0..100)
            .map(|i| User {
                user_id: format!("emp-{i:03}").parse().unwrap(),
                status: Some("ACTIVE".into()),
            })
            .collect(),
        next_token: Some("u1".into()),
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::UsersLoaded {
            id: id(),
            token: None,
            outcome: ok(users, 18),
        }),
    );
    let page = FacePage {
        faces: (0..40).map(face).collect(),
        next_token: Some("f1".into()),
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: id(),
            token: None,
            outcome: ok(page, 44),
        }),
    );
    for _ in 0..marked {
        send(&mut state, Msg::FaceMark);
    }
    state
}

#[test]
fn detail_view_with_marks() {
    screens!("detail", |size| detail_view(size, 2));
}

#[test]
fn detail_all_loaded_and_empty() {
    screens!("detail_empty", |size| {
        let mut state = loaded(size);
        select(&mut state, "test-empty");
        send(&mut state, Msg::DetailOpen);
        let id = || CollectionId::parse("test-empty").unwrap();
        let outcome = ok(
            Described {
                detail: detail(10),
                tags: Ok(vec![]),
            },
            20,
        );
        send(
            &mut state,
            Msg::Detail(DetailAnswer::DetailDescribed { id: id(), outcome }),
        );
        send(
            &mut state,
            Msg::Detail(DetailAnswer::UsersLoaded {
                id: id(),
                token: None,
                outcome: ok(UserPage::default(), 9),
            }),
        );
        send(
            &mut state,
            Msg::Detail(DetailAnswer::FacesLoaded {
                id: id(),
                token: None,
                outcome: ok(FacePage::default(), 12),
            }),
        );
        state
    });
}

#[test]
fn delete_faces_confirmation() {
    screens!("delete_faces", |size| {
        let mut state = detail_view(size, 3);
        send(&mut state, Msg::FacesDeleteOpen);
        send(&mut state, Msg::DialogFocusNext);
        state
    });
}

#[test]
fn delete_faces_confirmation_typing_the_id() {
    screens!("delete_faces_typed", |size| {
        let mut state = detail_view(size, 12);
        send(&mut state, Msg::FacesDeleteOpen);
        for c in "faces-sta".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        state
    });
}

#[test]
fn create_dialog_shows_the_rule_the_id_breaks() {
    screens!("create_invalid", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::CreateOpen);
        for c in "lobby cams".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        state
    });
}

#[test]
fn create_dialog_ready() {
    screens!("create_ready", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::CreateOpen);
        for c in "lobby-cams-2025".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        send(&mut state, Msg::DialogFocusNext);
        for c in "team=ops,env=prod".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        state
    });
}

/// At every height, the faces the detail view draws are the rows it pages by: the cursor's
/// last row is on screen, and on a short terminal the facts give up their lines (never the
/// counts) so that a few faces show.
#[test]
fn the_detail_view_draws_the_face_rows_it_pages_by_at_every_height() {
    use rekog::app::layout::MIN_HEIGHT;
    let id = |i: usize| format!("{:08x}-3c1d", 0x5a17_0000 + i);
    for height in MIN_HEIGHT..=40 {
        for width in [60, 80] {
            let size = (width, height);
            let mut state = detail_view(size, 0);
            let rows = rekog::app::detail::face_rows(height);
            for _ in 1..rows {
                send(&mut state, Msg::Down);
            }
            let terminal = render(&state, size);
            let screen = format!("{}", terminal.backend());
            let shown = screen.lines().filter(|l| l.contains("-3c1d-")).count();
            assert!(rows >= 2, "{size:?}: {rows} rows");
            assert_eq!(shown, rows, "{size:?}:\n{screen}");
            assert!(screen.contains(&id(0)), "{size:?}:\n{screen}");
            assert!(screen.contains(&id(rows - 1)), "{size:?}:\n{screen}");
            assert!(
                screen.contains("Faces  "),
                "the counts: {size:?}:\n{screen}"
            );
        }
    }
}
