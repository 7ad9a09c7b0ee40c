//! The detail view's users list, its search (input, progress, results) and the dialogs
//! that change users or erase faces, at 80x24 and 120x40, built through `update` from fixed
//! data and a fixed clock.

use rekog::app::msg::{Command, DetailAnswer, DetailCall, Msg};
use rekog::app::{State, update};
use rekog::aws::api::{ApiError, ErrorKind, Outcome, User, UserMatch};
use rekog::erase::search::{Found, Progress};

use crate::fixture::*;
use crate::manage::{detail_view, face};
use rekog::ids::CollectionId;

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        send(state, Msg::DialogInput(c));
    }
}

/// The serial of the search `cmds` start.
fn serial(cmds: &[Command]) -> u64 {
    cmds.iter()
        .find_map(|c| match c {
            Command::Detail(DetailCall::FindFaces { serial, .. }) => Some(*serial),
            _ => None,
        })
        .expect("a search")
}

/// faces-staging's detail view with a search for `lobby-00` started.
fn searching(size: (u16, u16)) -> (State, u64) {
    let mut state = detail_view(size, 0);
    send(&mut state, Msg::SearchOpen);
    typed(&mut state, "lobby-00");
    let cmds = update(&mut state, Msg::DialogSubmit, NOW);
    let serial = serial(&cmds);
    (state, serial)
}

#[test]
fn users_list() {
    screens!("users", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::PaneToggle);
        send(&mut state, Msg::Down);
        send(&mut state, Msg::Down);
        state
    });
}

#[test]
fn search_input() {
    screens!("search_input", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::SearchOpen);
        typed(&mut state, "lobby-00*");
        state
    });
}

#[test]
fn search_input_refused() {
    screens!("search_refused", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::SearchOpen);
        typed(&mut state, "lobby 00");
        send(&mut state, Msg::DialogSubmit);
        state
    });
}

#[test]
fn search_progress() {
    screens!("search_progress", |size| {
        let (mut state, serial) = searching(size);
        let progress = Progress {
            pages: 2,
            scanned: 8_192,
            matched: 7,
            total: Some(12_408),
        };
        let msg = Msg::Detail(DetailAnswer::SearchProgress {
            id: "faces-staging".parse().unwrap(),
            serial,
            progress,
        });
        update(&mut state, msg, NOW + 1_600);
        state
    });
}

#[test]
fn search_results_marked() {
    screens!("search_results", |size| {
        let (mut state, serial) = searching(size);
        let faces: Vec<_> = (0..20).map(face).collect();
        let found = Found {
            progress: Progress {
                pages: 4,
                scanned: 12_408,
                matched: faces.len() as u64,
                total: Some(12_408),
            },
            faces,
            ..Found::default()
        };
        let msg = Msg::Detail(DetailAnswer::Found {
            id: "faces-staging".parse().unwrap(),
            serial,
            outcome: ok(found, 2_350),
        });
        update(&mut state, msg, NOW + 2_400);
        send(&mut state, Msg::MarkAll);
        state
    });
}

/// faces-staging's detail view after `s` on its first face, with what SearchFaces found.
fn similar(size: (u16, u16)) -> State {
    let mut state = detail_view(size, 0);
    let cmds = update(&mut state, Msg::SearchLike, NOW);
    let faces: Vec<_> = [0, 7, 12, 3].into_iter().map(face).collect();
    let scores = [100.0, 99.412, 97.08, 91.5];
    let similarity = faces
        .iter()
        .zip(scores)
        .map(|(f, s)| (f.face_id.clone(), s))
        .collect();
    let found = Found {
        progress: Progress {
            pages: 1,
            scanned: 4,
            matched: 4,
            total: None,
        },
        faces,
        similarity,
        ..Found::default()
    };
    let msg = Msg::Detail(DetailAnswer::Found {
        id: "faces-staging".parse().unwrap(),
        serial: serial(&cmds),
        outcome: ok(found, 41),
    });
    update(&mut state, msg, NOW + 60);
    state
}

#[test]
fn similar_faces_marked() {
    screens!("similar_faces", |size| {
        let mut state = similar(size);
        send(&mut state, Msg::FaceMark);
        send(&mut state, Msg::FaceMark);
        state
    });
}

#[test]
fn a_photo_that_cannot_be_read() {
    screens!("similar_photo_refused", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::SearchOpen);
        typed(&mut state, "image:/srv/requests/4410.png");
        let cmds = update(&mut state, Msg::DialogSubmit, NOW);
        let outcome = Outcome {
            result: Err(ApiError {
                kind: ErrorKind::InvalidParameter,
                code: None,
                message: "image:/srv/requests/4410.png: no such file".into(),
                status: None,
            }),
            request_id: None,
            elapsed: std::time::Duration::from_millis(1),
        };
        let msg = Msg::Detail(DetailAnswer::Found {
            id: "faces-staging".parse().unwrap(),
            serial: serial(&cmds),
            outcome,
        });
        update(&mut state, msg, NOW + 5);
        state
    });
}

#[test]
fn similar_users() {
    screens!("similar_users", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::PaneToggle);
        let cmds = update(&mut state, Msg::SearchLike, NOW);
        let serial = cmds
            .iter()
            .find_map(|c| match c {
                Command::Detail(DetailCall::SearchUsers { serial, .. }) => Some(*serial),
                _ => None,
            })
            .expect("SearchUsers");
        let user = |id: &str, similarity| UserMatch {
            similarity,
            user: User {
                user_id: id.parse().unwrap(),
                status: Some("ACTIVE".into()),
            },
        };
        let matches = vec![user("emp-003", 98.25), user("visitor-0412", 93.7)];
        let msg = Msg::Detail(DetailAnswer::UsersFound {
            id: "faces-staging".parse().unwrap(),
            serial,
            outcome: ok(matches, 33),
        });
        update(&mut state, msg, NOW + 40);
        state
    });
}

#[test]
fn erasure_dialog() {
    screens!("erase", |size| {
        let mut state = detail_view(size, 0);
        // Faces 0 and 5 belong to users (emp-000, emp-001).
        for _ in 0..6 {
            send(&mut state, Msg::FaceMark);
        }
        send(&mut state, Msg::EraseOpen);
        typed(&mut state, "faces-sta");
        state
    });
}

#[test]
fn erasure_of_a_user_finding_its_faces() {
    screens!("erase_user", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::PaneToggle);
        send(&mut state, Msg::Down);
        let cmds = update(&mut state, Msg::EraseOpen, NOW);
        let progress = Progress {
            pages: 1,
            scanned: 2,
            matched: 2,
            total: None,
        };
        let msg = Msg::Detail(DetailAnswer::SearchProgress {
            id: "faces-staging".parse().unwrap(),
            serial: serial(&cmds),
            progress,
        });
        send(&mut state, msg);
        state
    });
}

#[test]
fn delete_user_dialog() {
    screens!("delete_user", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::PaneToggle);
        send(&mut state, Msg::Down);
        let cmds = update(&mut state, Msg::UserDeleteOpen, NOW);
        let found = Found {
            faces: vec![face(5), face(6), face(7)],
            progress: Progress::default(),
            ..Found::default()
        };
        let msg = Msg::Detail(DetailAnswer::Found {
            id: "faces-staging".parse().unwrap(),
            serial: serial(&cmds),
            outcome: ok(found, 40),
        });
        send(&mut state, msg);
        typed(&mut state, "emp-0");
        state
    });
}

#[test]
fn create_user_form() {
    screens!("create_user", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::PaneToggle);
        send(&mut state, Msg::UserCreateOpen);
        typed(&mut state, "visitor:2024-05-01");
        state
    });
}

#[test]
fn associate_form_refusing_a_character() {
    screens!("associate", |size| {
        let mut state = detail_view(size, 3);
        send(&mut state, Msg::AssociateOpen);
        typed(&mut state, "emp/007");
        state
    });
}

#[test]
fn disassociate_confirmation() {
    screens!("disassociate", |size| {
        let mut state = detail_view(size, 0);
        send(&mut state, Msg::MarkAll);
        send(&mut state, Msg::DisassociateOpen);
        state
    });
}

/// The erasure dialog of six marked faces, confirmed, with the manifest written and the
/// first DeleteFaces call made.
fn running_erasure(size: (u16, u16)) -> State {
    use rekog::aws::api::Op;
    use rekog::erase::{Call, Stage, Step};
    let mut state = detail_view(size, 6);
    send(&mut state, Msg::EraseOpen);
    typed(&mut state, "faces-staging");
    send(&mut state, Msg::DialogSubmit);
    let id = || CollectionId::parse("faces-staging").unwrap();
    let steps = [
        Step::Manifest {
            path: "/home/ops/.local/share/rekog/manifests/123456789012/eu-west-1/faces-staging-20240501T123456Z-erasure.jsonl".into(),
            sha256: "9f".repeat(32),
            faces: 6,
            users: 0,
        },
        Step::Stage {
            stage: Stage::DeleteFaces,
            calls: 2,
        },
        Step::Call(Call {
            op: Op::DeleteFaces,
            user_id: None,
            sent: 4,
            done: 4,
            refused: Vec::new(),
            request_id: Some("0e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b".into()),
            elapsed: std::time::Duration::from_millis(63),
            error: None,
        }),
    ];
    for step in steps {
        let step = Box::new(step);
        send(
            &mut state,
            Msg::Detail(DetailAnswer::EraseStep { id: id(), step }),
        );
    }
    state
}

#[test]
fn erasure_running() {
    screens!("erase_running", running_erasure);
}

#[test]
fn erasure_finished() {
    screens!("erase_finished", |size| {
        let mut state = running_erasure(size);
        let report = rekog::erase::Report {
            faces_erased: (0..6).map(|i| face(i).face_id).collect(),
            ..rekog::erase::Report::default()
        };
        let msg = Msg::Detail(DetailAnswer::Erased {
            id: "faces-staging".parse().unwrap(),
            result: Ok(Box::new(report)),
        });
        update(&mut state, msg, NOW + 900);
        state
    });
}

/// Below 80 columns the detection's confidence gives its room to ExternalImageId, which
/// says which photo a face came from; a search by likeness keeps its similarity, which its
/// list is sorted by.
#[test]
fn a_narrow_detail_view_shows_the_photo_before_the_confidence() {
    for width in [60, 70, 79, 80, 100] {
        let size = (width, 24);
        let screen = format!("{}", render(&detail_view(size, 0), size).backend());
        // At 60 columns the FaceId leaves it 12.
        let photo = if width >= 70 {
            "lobby-0000.jpg"
        } else {
            "lobby-0000.j"
        };
        assert!(screen.contains(photo), "{width}:\n{screen}");
        assert_eq!(
            screen.contains("Confidence"),
            width >= 80,
            "{width}:\n{screen}"
        );
        let screen = format!("{}", render(&similar(size), size).backend());
        assert!(screen.contains("Similarity"), "{width}:\n{screen}");
        assert!(screen.contains("99.412"), "{width}:\n{screen}");
    }
}
