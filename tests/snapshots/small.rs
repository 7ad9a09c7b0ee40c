//! Every overlay at the smallest size rekog draws (60x15): its input, its messages and its
//! buttons stay on screen while the explanation above them condenses; help scrolls.

use rekog::app::State;
use rekog::app::layout::{MIN_HEIGHT, MIN_WIDTH};
use rekog::app::msg::{DetailAnswer, Msg, TableAnswer};
use rekog::aws::api::{Described, FacePage};
use rekog::protect::Protect;

use crate::fixture::*;
use rekog::ids::CollectionId;

const SMALL: (u16, u16) = (MIN_WIDTH, MIN_HEIGHT);

/// The screen at 60x15, which must show every one of `needles`.
fn small(name: &str, state: &State, needles: &[&str]) {
    let terminal = render(state, SMALL);
    let screen = format!("{}", terminal.backend());
    for needle in needles {
        assert!(
            screen.contains(needle),
            "{name}: {needle:?} is not on\n{screen}"
        );
    }
    insta::assert_snapshot!(name, terminal.backend());
}

fn typed(state: &mut State, text: &str) {
    for c in text.chars() {
        send(state, Msg::DialogInput(c));
    }
}

#[test]
fn delete_dialog_keeps_the_input_and_buttons_while_the_manifest_is_written() {
    let mut state = listed(session(), SMALL, COLLECTIONS.len());
    state.settings.manifest = true;
    select(&mut state, "retail-loss-prevention-emea");
    send(&mut state, Msg::DeleteOpen);
    typed(&mut state, "retail-loss");
    let needles = [
        "> retail-loss▏",
        "matches so far",
        "[ Cancel ]",
        "[ Delete ]",
    ];
    small("delete_exporting", &state, &needles);
    send(&mut state, Msg::DialogSubmit);
    let needles = [
        "> retail-loss▏",
        "That does not match",
        "[ Cancel ]",
        "[ Delete ]",
    ];
    small("delete_mismatch", &state, &needles);
}

#[test]
fn delete_dialog_says_why_the_count_stopped_it() {
    let mut state = open_delete(SMALL, "faces-prod", "faces-prod");
    send(&mut state, Msg::DialogSubmit);
    let mut now = detail(3);
    now.face_count = Some(1_284_312);
    send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "faces-prod".parse().unwrap(),
            outcome: ok(now, 40),
        }),
    );
    let needles = ["Not deleted", "[ Cancel ]", "[ Delete ]", "> ▏"];
    small("delete_changed", &state, &needles);
}

#[test]
fn delete_faces_keeps_the_input_and_buttons() {
    let mut state = crate::manage::detail_view(SMALL, 12);
    send(&mut state, Msg::FacesDeleteOpen);
    typed(&mut state, "faces-stx");
    send(&mut state, Msg::DialogSubmit);
    let needles = ["> faces-stx▏", "That does not match", "[ Delete 12 faces ]"];
    small("delete_faces", &state, &needles);
}

#[test]
fn create_form_keeps_both_inputs_the_rule_and_the_buttons() {
    let mut state = loaded(SMALL);
    send(&mut state, Msg::CreateOpen);
    typed(&mut state, "lobby cams");
    send(&mut state, Msg::DialogFocusNext);
    typed(&mut state, "team");
    let needles = [
        "  lobby cams",
        "a space is not allowed",
        "team▏",
        "needs the form key=value",
        "[ Enter Create ]",
    ];
    small("create", &state, &needles);
}

#[test]
fn notices_fit_with_their_close_button() {
    let mut state = listed(
        rekog::context::Session {
            read_only: true,
            ..session()
        },
        SMALL,
        COLLECTIONS.len(),
    );
    select(&mut state, "faces-prod");
    send(&mut state, Msg::DeleteOpen);
    small("read_only", &state, &["read-only", "[ Close ]"]);
    let mut state = loaded(SMALL);
    state.settings.protect = Protect::new(&["faces-*"]).expect("glob");
    select(&mut state, "faces-prod");
    send(&mut state, Msg::DeleteOpen);
    small("protected", &state, &["faces-*", "[ Close ]"]);
}

#[test]
fn help_scrolls_to_every_key() {
    let mut state = loaded(SMALL);
    send(&mut state, Msg::ToggleHelp);
    small("help_top", &state, &["Table", "j/k scroll"]);
    for _ in 0..100 {
        send(&mut state, Msg::Down);
    }
    small("help_end", &state, &["Ctrl-C", "quit"]);
}

/// User IDs are shown whole when there is room, not cut to a fixed share of the width.
#[test]
fn user_ids_get_the_width_they_need() {
    let size = (120, 40);
    let mut state = loaded(size);
    select(&mut state, "employee-badges");
    send(&mut state, Msg::DetailOpen);
    let described = Described {
        detail: detail(1),
        tags: Ok(Vec::new()),
    };
    let id = || CollectionId::parse("employee-badges").unwrap();
    send(
        &mut state,
        Msg::Detail(DetailAnswer::DetailDescribed {
            id: id(),
            outcome: ok(described, 10),
        }),
    );
    let faces = (0..6)
        .map(|i| {
            let mut face = crate::manage::face(i);
            face.user_id = Some(format!("holder:{i:08}").parse().unwrap());
            face
        })
        .collect();
    let page = FacePage {
        faces,
        next_token: None,
    };
    send(
        &mut state,
        Msg::Detail(DetailAnswer::FacesLoaded {
            id: id(),
            token: None,
            outcome: ok(page, 10),
        }),
    );
    let screen = format!("{}", render(&state, size).backend());
    assert!(
        screen.contains("holder:00000003"),
        "the user ID is cut:\n{screen}"
    );
}

/// Counts use separators everywhere, the table's title too.
#[test]
fn a_large_table_counts_with_separators() {
    let mut state = State::new(session());
    state.start();
    send(
        &mut state,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let collections = (0..100_000)
        .map(|i| rekog::aws::api::Collection {
            id: format!("c-{i:06}").parse().unwrap(),
            face_model_version: None,
        })
        .collect();
    let page = rekog::aws::api::Page {
        collections,
        next_token: None,
    };
    send(
        &mut state,
        Msg::Table(TableAnswer::PageLoaded {
            generation: 1,
            outcome: ok(page, 300),
        }),
    );
    let screen = format!("{}", render(&state, (80, 24)).backend());
    assert!(screen.contains("Collections (100,000)"), "{screen}");
    assert!(screen.contains("100,000 collections in 1 page"), "{screen}");
}
