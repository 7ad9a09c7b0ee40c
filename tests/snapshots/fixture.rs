//! Fixed data and a fixed clock for the screens: twelve collections of one account, built
//! into a state through `update` as the run loop would; and drawing them.

use rekog::app::msg::{Msg, TableAnswer, Timestamp};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rekog::app::{State, update};
use rekog::aws::api::{ApiError, Collection, CollectionDetail, ErrorKind, Outcome, Page};
use rekog::context::Session;

pub const NOW: Timestamp = 1_714_566_896_000;
pub const ACCOUNT: &str = "123456789012";

/// (id, faces, users, model, created)
pub const COLLECTIONS: &[(&str, u64, u64, &str, i64)] = &[
    ("archive-2021", 0, 0, "6.0", 1_612_137_600),
    ("employee-badges", 3_120, 3_050, "7.0", 1_650_000_000),
    ("events-berlin-2024", 18_902, 0, "7.0", 1_709_251_200),
    ("faces-prod", 1_284_311, 40_213, "7.0", 1_656_633_600),
    ("faces-staging", 12_408, 310, "7.0", 1_656_720_000),
    ("kiosk-lobby-eu", 842, 0, "6.0", 1_625_097_600),
    ("legacy-v4-faces", 96_004, 0, "4.0", 1_546_300_800),
    ("partner-acme-visitors", 5_611, 122, "7.0", 1_690_848_000),
    ("qa-fixtures", 57, 3, "7.0", 1_701_388_800),
    (
        "retail-loss-prevention-emea",
        20_000_000,
        1_500_000,
        "7.0",
        1_667_260_800,
    ),
    ("test-empty", 0, 0, "7.0", 1_714_521_600),
    ("visitor-log", 204, 0, "5.0", 1_593_561_600),
];

pub fn session() -> Session {
    Session {
        profile: Some("ops-admin".into()),
        region: "eu-west-1".into(),
        ..Session::default()
    }
}

pub fn ok<T>(value: T, ms: u64) -> Outcome<T> {
    Outcome {
        result: Ok(value),
        request_id: Some("5f0c3a8e-6b1d-4c2f-9a7e-3d2b1c0f9e8a".into()),
        elapsed: Duration::from_millis(ms),
    }
}

pub fn fail<T>(kind: ErrorKind, code: &str, message: &str) -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind,
            code: Some(code.into()),
            message: message.into(),
            status: Some(400),
        }),
        request_id: Some("a1b2c3d4-0000-4000-8000-000000000042".into()),
        elapsed: Duration::from_millis(311),
    }
}

pub fn send(state: &mut State, msg: Msg) {
    update(state, msg, NOW);
}

pub fn detail(i: usize) -> CollectionDetail {
    let (id, faces, users, model, created) = COLLECTIONS[i];
    CollectionDetail {
        face_count: Some(faces),
        user_count: Some(users),
        face_model_version: Some(model.into()),
        arn: Some(format!(
            "arn:aws:rekognition:eu-west-1:{ACCOUNT}:collection/{id}"
        )),
        created: Some(created),
        created_nanos: 0,
    }
}

/// Listed, with the first `described` collections described.
pub fn listed(session: Session, (w, h): (u16, u16), described: usize) -> State {
    let mut state = State::new(session);
    state.start();
    send(
        &mut state,
        Msg::Resize {
            width: w,
            height: h,
        },
    );
    let collections = COLLECTIONS
        .iter()
        .map(|(id, _, _, model, _)| Collection {
            id: (*id).parse().unwrap(),
            face_model_version: Some((*model).into()),
        })
        .collect();
    let page = Page {
        collections,
        next_token: None,
    };
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page, 87),
        }),
    );
    for (i, (id, ..)) in COLLECTIONS.iter().enumerate().take(described) {
        let outcome = ok(detail(i), 20);
        send(
            &mut state,
            Msg::Table(TableAnswer::Described {
                id: (*id).parse().unwrap(),
                outcome,
            }),
        );
    }
    state
}

pub fn loaded(size: (u16, u16)) -> State {
    listed(session(), size, COLLECTIONS.len())
}

pub fn select(state: &mut State, id: &str) {
    send(state, Msg::Top);
    for _ in 0..COLLECTIONS.len() {
        if state.table.selected_id() == Some(id) {
            return;
        }
        send(state, Msg::Down);
    }
    panic!("{id} not in view");
}

pub fn open_delete(size: (u16, u16), id: &str, typed: &str) -> State {
    let mut state = loaded(size);
    select(&mut state, id);
    send(&mut state, Msg::DeleteOpen);
    for c in typed.chars() {
        send(&mut state, Msg::DialogInput(c));
    }
    state
}

pub fn render(state: &State, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| rekog::ui::draw(frame, state))
        .expect("draw");
    terminal
}

pub const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The screen `build` makes, drawn at each of [`SIZES`].
pub fn at_both_sizes(
    build: impl Fn((u16, u16)) -> State,
) -> impl Iterator<Item = ((u16, u16), Terminal<TestBackend>)> {
    SIZES
        .into_iter()
        .map(move |size| (size, render(&build(size), size)))
}

/// Snapshots the screen `build` makes at both sizes. A macro, so that insta names the
/// snapshots after the calling module.
macro_rules! screens {
    ($name:expr, $build:expr) => {
        for (size, terminal) in $crate::fixture::at_both_sizes($build) {
            insta::assert_snapshot!(
                format!("{}_{}x{}", $name, size.0, size.1),
                terminal.backend()
            );
        }
    };
}
pub(crate) use screens;
