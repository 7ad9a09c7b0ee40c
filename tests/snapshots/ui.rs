//! The collections list, its delete dialog, the log, help and too-small terminals, plus the
//! monochrome theme checked cell by cell.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use rekog::app::msg::{Command, Msg, TableAnswer, TableCall};
use std::time::Duration;

use rekog::app::State;
use rekog::aws::api::{ApiError, ErrorKind, Outcome};
use rekog::context::Session;

use crate::fixture::*;

#[test]
fn loading() {
    screens!("loading", |size| {
        let mut state = State::new(session());
        state.start();
        send(
            &mut state,
            Msg::Resize {
                width: size.0,
                height: size.1,
            },
        );
        state
    });
}

#[test]
fn listing_failed() {
    screens!("listing_failed", |size| {
        let mut state = State::new(session());
        let generation = state
            .start()
            .into_iter()
            .find_map(|c| match c {
                Command::Table(TableCall::ListPage { generation, .. }) => Some(generation),
                _ => None,
            })
            .expect("the first listing");
        let (width, height) = size;
        send(&mut state, Msg::Resize { width, height });
        let outcome = Outcome {
            result: Err(ApiError {
                kind: ErrorKind::Network,
                code: None,
                message: "could not reach the endpoint: Connection refused (os error 111)".into(),
                status: None,
            }),
            request_id: None,
            elapsed: Duration::from_millis(1024),
        };
        send(
            &mut state,
            Msg::Table(TableAnswer::PageLoaded {
                generation,
                outcome,
            }),
        );
        state
    });
}

#[test]
fn loaded_with_rows_still_describing() {
    screens!("loaded", |size| {
        let mut state = listed(session(), size, 9);
        select(&mut state, "faces-prod");
        state
    });
}

#[test]
fn filtered() {
    screens!("filtered", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::FilterOpen);
        for c in "FACES".chars() {
            send(&mut state, Msg::FilterInput(c));
        }
        state
    });
}

#[test]
fn sorted_by_faces_descending() {
    screens!("sorted", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::SortNext);
        send(&mut state, Msg::SortReverse);
        send(&mut state, Msg::FilterOpen);
        send(&mut state, Msg::FilterInput('e'));
        send(&mut state, Msg::FilterAccept);
        state
    });
}

#[test]
fn delete_dialog_partial_match() {
    screens!("delete_partial", |size| {
        open_delete(size, "faces-prod", "faces-pr")
    });
}

#[test]
fn delete_dialog_full_match() {
    screens!("delete_full", |size| {
        open_delete(size, "faces-prod", "faces-prod")
    });
}

#[test]
fn delete_dialog_mismatch_after_enter() {
    screens!("delete_mismatch", |size| {
        let mut state = open_delete(size, "faces-prod", "faces-stag");
        send(&mut state, Msg::DialogSubmit);
        state
    });
}

#[test]
fn delete_dialog_face_count_changed() {
    screens!("delete_changed", |size| {
        let mut state = open_delete(size, "qa-fixtures", "qa-fixtures");
        send(&mut state, Msg::DialogSubmit);
        let mut now = detail(8);
        now.face_count = Some(61);
        send(
            &mut state,
            Msg::Table(TableAnswer::Verified {
                id: "qa-fixtures".parse().unwrap(),
                outcome: ok(now, 25),
            }),
        );
        state
    });
}

#[test]
fn delete_dialog_unknown_counts_in_demo() {
    screens!("delete_unknown", |size| {
        let demo = Session {
            demo: true,
            region: "us-east-1".into(),
            ..Session::default()
        };
        let mut state = listed(demo, size, 0);
        select(&mut state, "visitor-log");
        send(&mut state, Msg::DeleteOpen);
        state
    });
}

#[test]
fn empty_collection_dialog() {
    screens!("delete_empty", |size| open_delete(size, "test-empty", ""));
}

#[test]
fn read_only_dialog() {
    screens!("read_only", |size| {
        let ro = Session {
            read_only: true,
            endpoint: Some("https://rekognition-fips.eu-west-1.amazonaws.com".into()),
            ..session()
        };
        let mut state = listed(ro, size, COLLECTIONS.len());
        select(&mut state, "faces-prod");
        send(&mut state, Msg::DeleteOpen);
        state
    });
}

fn with_errors(size: (u16, u16)) -> State {
    let mut state = listed(session(), size, 9);
    let denied = fail(
        ErrorKind::AccessDenied,
        "AccessDeniedException",
        "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: \
         rekognition:DescribeCollection",
    );
    send(
        &mut state,
        Msg::Table(TableAnswer::Described {
            id: "kiosk-lobby-eu".parse().unwrap(),
            outcome: denied,
        }),
    );
    for (id, outcome) in [
        ("test-empty", ok(200, 143)),
        (
            "archive-2021",
            fail(
                ErrorKind::NotFound,
                "ResourceNotFoundException",
                "The collection id: archive-2021 does not exist",
            ),
        ),
        (
            "faces-staging",
            fail(ErrorKind::Throttled, "ThrottlingException", "Rate exceeded"),
        ),
    ] {
        state.table.deleting.insert(id.parse().unwrap());
        send(
            &mut state,
            Msg::Table(TableAnswer::Deleted {
                id: id.parse().unwrap(),
                outcome,
            }),
        );
    }
    state.table.deleting.insert("qa-fixtures".parse().unwrap());
    send(&mut state, Msg::FocusNext);
    state
}

#[test]
fn errors_in_the_log() {
    screens!("errors", with_errors);
}

#[test]
fn log_scrolled_back() {
    screens!("log_scrolled", |size| {
        let mut state = with_errors(size);
        send(&mut state, Msg::Up);
        send(&mut state, Msg::Up);
        state
    });
}

#[test]
fn help() {
    screens!("help", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::ToggleHelp);
        state
    });
}

#[test]
fn too_small() {
    for size in [(59, 24), (80, 14), (30, 8)] {
        let mut state = loaded(size);
        send(
            &mut state,
            Msg::Resize {
                width: size.0,
                height: size.1,
            },
        );
        let terminal = render(&state, size);
        insta::assert_snapshot!(
            format!("too_small_{}x{}", size.0, size.1),
            terminal.backend()
        );
    }
}

fn mono() -> Session {
    Session {
        caps: rekog::caps::Caps {
            depth: rekog::caps::Depth::None,
            ..rekog::caps::Caps::default()
        },
        ..session()
    }
}

/// No colour anywhere; meaning carried by modifiers.
fn assert_colourless(buffer: &Buffer) {
    for cell in &buffer.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
}

/// The cell where `text` starts on screen.
fn find(buffer: &Buffer, text: &str) -> (u16, u16) {
    let area = buffer.area;
    for y in 0..area.height {
        let symbols: Vec<&str> = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
        for x in 0..symbols.len() {
            if symbols[x..].concat().starts_with(text) {
                return (u16::try_from(x).unwrap_or_default(), y);
            }
        }
    }
    panic!("{text:?} not on screen");
}

fn modifier_at(buffer: &Buffer, text: &str) -> Modifier {
    buffer[find(buffer, text)].modifier
}

#[test]
fn no_color_keeps_selection_and_dialog_visible() {
    for size in SIZES {
        let mut state = listed(mono(), size, COLLECTIONS.len());
        select(&mut state, "faces-prod");
        let terminal = render(&state, size);
        insta::assert_snapshot!(
            format!("no_color_{}x{}", size.0, size.1),
            terminal.backend()
        );
        let buffer = terminal.backend().buffer();
        assert_colourless(buffer);
        let selected = modifier_at(buffer, "faces-prod");
        assert!(selected.contains(Modifier::REVERSED), "{selected:?}");
        let other = modifier_at(buffer, "faces-staging");
        assert!(!other.contains(Modifier::REVERSED), "{other:?}");

        send(&mut state, Msg::DeleteOpen);
        for c in "faces-pr".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        let terminal = render(&state, size);
        let buffer = terminal.backend().buffer();
        assert_colourless(buffer);
        let title = modifier_at(buffer, "Delete collection");
        assert!(title.contains(Modifier::REVERSED), "dialog title {title:?}");
        assert!(modifier_at(buffer, "[ Cancel ]").contains(Modifier::REVERSED));
        let typed = modifier_at(buffer, "> faces-pr");
        assert!(!typed.contains(Modifier::REVERSED), "prompt {typed:?}");
        let partial = modifier_at(buffer, "faces-pr▏");
        assert!(
            partial.contains(Modifier::UNDERLINED),
            "partial {partial:?}"
        );

        for c in "od".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        let terminal = render(&state, size);
        let buffer = terminal.backend().buffer();
        assert_colourless(buffer);
        let full = modifier_at(buffer, "faces-prod▏");
        assert!(
            full.contains(Modifier::BOLD | Modifier::REVERSED),
            "full {full:?}"
        );
        let delete = modifier_at(buffer, "[ Delete ]");
        assert!(
            delete.contains(Modifier::REVERSED),
            "focused Delete {delete:?}"
        );
        assert!(!modifier_at(buffer, "[ Cancel ]").contains(Modifier::REVERSED));
    }
}

#[test]
fn draws_from_the_frame_size_alone() {
    // The state last heard of a tall terminal; the frame is short: the selection still shows.
    let mut state = loaded((120, 40));
    send(&mut state, Msg::Bottom);
    let terminal = render(&state, (80, 24));
    let buffer = terminal.backend().buffer();
    find(buffer, "▶ visitor-log");
    let terminal = render(&state, (60, 15));
    find(terminal.backend().buffer(), "▶ visitor-log");
}

#[test]
fn smallest_usable_screen_keeps_ids_and_row_states() {
    let size = (60, 15);
    let mut state = with_errors(size);
    send(&mut state, Msg::FocusNext);
    select(&mut state, "qa-fixtures");
    let terminal = render(&state, size);
    insta::assert_snapshot!("narrow_60x15", terminal.backend());
}
