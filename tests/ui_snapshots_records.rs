//! Screens of the records-and-safety features: protected rows and their explanation, the
//! manifest export in the delete dialog, the identity in the header and its masking.

#[path = "ui_snapshots/fixture.rs"]
#[allow(dead_code)]
mod fixture;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rekog::app::State;
use rekog::app::msg::Msg;
use rekog::protect::Protect;

use self::fixture::*;

fn render(state: &State, (w, h): (u16, u16)) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    terminal
        .draw(|frame| rekog::ui::draw(frame, state))
        .expect("draw");
    terminal
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn screens(name: &str, build: impl Fn((u16, u16)) -> State) {
    for size in SIZES {
        let terminal = render(&build(size), size);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), terminal.backend());
    }
}

fn protected(size: (u16, u16)) -> State {
    let mut state = listed(session(), size, COLLECTIONS.len());
    state.records.protect = Protect::new(&["*-prod", "faces-prod*"]).expect("rules");
    state
}

#[test]
fn protected_rows_show_a_lock() {
    screens("protected_rows", |size| {
        let mut state = protected(size);
        select(&mut state, "faces-staging");
        state
    });
}

#[test]
fn d_on_a_protected_row_explains_which_rule() {
    screens("protected_dialog", |size| {
        let mut state = protected(size);
        select(&mut state, "faces-prod");
        send(&mut state, Msg::DeleteOpen);
        state
    });
}
