//! Protected collections: `d` explains, and nothing is ever sent.

use super::*;
use crate::app::msg::{TableAnswer, TableCall};
use crate::app::overlay::{Notice, Overlay};
use crate::protect::Protect;

#[test]
fn d_on_a_protected_row_names_the_rule_and_never_deletes() {
    let mut state = loaded(&["prod-faces", "dev"]);
    state.settings.protect = Protect::new(&["staging-*", "prod-*"]).unwrap();
    describe(&mut state, "prod-faces", detail(3, 0));
    select(&mut state, "prod-faces");
    send(&mut state, Msg::DeleteOpen);
    assert_eq!(
        state.overlay,
        Some(Overlay::Notice(Notice::Protected {
            id: "prod-faces".parse().unwrap(),
            rule: "prod-*".into()
        }))
    );
    // Typing the id and pressing Enter only closes the explanation.
    type_text(&mut state, "prod-faces");
    let cmds = send(&mut state, Msg::DialogSubmit);
    assert_eq!(deletes(&cmds), 0);
    assert!(state.overlay.is_none());

    select(&mut state, "dev");
    send(&mut state, Msg::DeleteOpen);
    assert!(matches!(state.overlay, Some(Overlay::Confirm(_))));
}

#[test]
fn a_rule_added_while_verifying_still_stops_the_delete() {
    let mut state = loaded(&["prod-faces"]);
    describe(&mut state, "prod-faces", detail(3, 0));
    select(&mut state, "prod-faces");
    send(&mut state, Msg::DeleteOpen);
    type_text(&mut state, "prod-faces");
    assert_eq!(
        send(&mut state, Msg::DialogSubmit),
        [Command::Table(TableCall::Verify {
            id: "prod-faces".parse().unwrap()
        })]
    );
    state.settings.protect = Protect::new(&["prod-*"]).unwrap();
    let cmds = send(
        &mut state,
        Msg::Table(TableAnswer::Verified {
            id: "prod-faces".parse().unwrap(),
            outcome: ok(detail(3, 0)),
        }),
    );
    assert_eq!(deletes(&cmds), 0);
}
