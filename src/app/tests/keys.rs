//! The key map, mode by mode.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rstest::rstest;

use super::*;
use crate::app::Mode;
use crate::app::keys::map;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn ctrl_c() -> KeyEvent {
    KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
}

#[rstest]
#[case(ch('j'), Some(Msg::Down))]
#[case(key(KeyCode::Down), Some(Msg::Down))]
#[case(ch('k'), Some(Msg::Up))]
#[case(key(KeyCode::Up), Some(Msg::Up))]
#[case(key(KeyCode::PageUp), Some(Msg::PageUp))]
#[case(key(KeyCode::PageDown), Some(Msg::PageDown))]
#[case(ch('g'), Some(Msg::Top))]
#[case(key(KeyCode::Home), Some(Msg::Top))]
#[case(ch('G'), Some(Msg::Bottom))]
#[case(
    KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
    Some(Msg::Bottom)
)]
#[case(key(KeyCode::End), Some(Msg::Bottom))]
#[case(ch('/'), Some(Msg::FilterOpen))]
#[case(ch('s'), Some(Msg::SortNext))]
#[case(ch('S'), Some(Msg::SortReverse))]
#[case(ch('r'), Some(Msg::Refresh))]
#[case(ch('d'), Some(Msg::DeleteOpen))]
#[case(key(KeyCode::Delete), Some(Msg::DeleteOpen))]
#[case(key(KeyCode::Tab), Some(Msg::FocusNext))]
#[case(ch('?'), Some(Msg::ToggleHelp))]
#[case(ch('q'), Some(Msg::Quit))]
#[case(ctrl_c(), Some(Msg::Quit))]
#[case(ch('x'), None)]
#[case(key(KeyCode::Enter), Some(Msg::DetailOpen))]
#[case(ch('c'), Some(Msg::CreateOpen))]
#[case(ch('y'), Some(Msg::CopyId))]
#[case(ch('Y'), Some(Msg::CopyArn))]
#[case(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL), None)]
fn table_keys(#[case] key: KeyEvent, #[case] want: Option<Msg>) {
    assert_eq!(map(&loaded(&["a"]), key), want);
}

#[test]
fn releases_are_ignored() {
    let mut release = ch('q');
    release.kind = KeyEventKind::Release;
    assert_eq!(map(&loaded(&["a"]), release), None);
}

#[test]
fn log_focus_scrolls_and_cannot_delete() {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::FocusNext);
    assert_eq!(map(&state, ch('j')), Some(Msg::Down));
    assert_eq!(map(&state, ch('d')), None);
    assert_eq!(map(&state, key(KeyCode::Delete)), None);
    assert_eq!(map(&state, key(KeyCode::Tab)), Some(Msg::FocusNext));
}

#[rstest]
#[case(ch('q'), Some(Msg::FilterInput('q')))]
#[case(ch('d'), Some(Msg::FilterInput('d')))]
#[case(key(KeyCode::Backspace), Some(Msg::FilterBackspace))]
#[case(key(KeyCode::Enter), Some(Msg::FilterAccept))]
#[case(key(KeyCode::Esc), Some(Msg::FilterClear))]
#[case(key(KeyCode::Down), Some(Msg::Down))]
#[case(ctrl_c(), Some(Msg::Quit))]
fn filter_keys(#[case] key: KeyEvent, #[case] want: Option<Msg>) {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::FilterOpen);
    assert_eq!(map(&state, key), want);
}

#[rstest]
#[case(ch('q'), Some(Msg::DialogInput('q')))]
#[case(ch('d'), Some(Msg::DialogInput('d')))]
#[case(ch('y'), Some(Msg::DialogInput('y')))]
#[case(key(KeyCode::Backspace), Some(Msg::DialogBackspace))]
#[case(key(KeyCode::Enter), Some(Msg::DialogSubmit))]
#[case(key(KeyCode::Esc), Some(Msg::DialogCancel))]
#[case(key(KeyCode::Tab), Some(Msg::DialogFocusNext))]
#[case(key(KeyCode::Right), Some(Msg::DialogFocusNext))]
#[case(key(KeyCode::BackTab), Some(Msg::DialogFocusPrev))]
#[case(key(KeyCode::Left), Some(Msg::DialogFocusPrev))]
#[case(ctrl_c(), Some(Msg::Quit))]
fn dialog_keys(#[case] key: KeyEvent, #[case] want: Option<Msg>) {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::DeleteOpen);
    assert_eq!(map(&state, key), want);
}

#[rstest]
#[case(ch('?'), Some(Msg::ToggleHelp))]
#[case(key(KeyCode::Esc), Some(Msg::ToggleHelp))]
#[case(ch('q'), Some(Msg::ToggleHelp))]
#[case(ch('d'), None)]
#[case(ctrl_c(), Some(Msg::Quit))]
fn help_keys(#[case] key: KeyEvent, #[case] want: Option<Msg>) {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::ToggleHelp);
    assert_eq!(map(&state, key), want);
}

#[rstest]
#[case(ch('q'), Some(Msg::Quit))]
#[case(ch('j'), None)]
#[case(ctrl_c(), Some(Msg::Quit))]
fn too_small_still_quits(#[case] key: KeyEvent, #[case] want: Option<Msg>) {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::DeleteOpen);
    send(
        &mut state,
        Msg::Resize {
            width: 59,
            height: 30,
        },
    );
    assert_eq!(map(&state, key), want);
}

#[test]
fn esc_in_the_table_clears_a_kept_filter() {
    let mut state = loaded(&["a"]);
    assert_eq!(map(&state, key(KeyCode::Esc)), None);
    send(&mut state, Msg::FilterOpen);
    send(&mut state, Msg::FilterInput('a'));
    send(&mut state, Msg::FilterAccept);
    assert_eq!(map(&state, key(KeyCode::Esc)), Some(Msg::FilterClear));
}

/// Every key of every binding is named in its help line, and every help line is on the
/// help overlay; so is every binding a mode has.
#[test]
fn every_binding_is_in_the_help() {
    use crate::app::keys::{HelpLine, bindings, help_lines};
    let lines = help_lines();
    for b in bindings() {
        let (shown, what, section) = b.help;
        let at = lines
            .iter()
            .position(|l| *l == HelpLine::Section(section.title()))
            .unwrap_or_else(|| panic!("no section {section:?}"));
        let listed = lines[at + 1..]
            .iter()
            .take_while(|l| matches!(l, HelpLine::Key(..)))
            .any(|l| *l == HelpLine::Key(shown, what));
        assert!(listed, "{shown} {what} is not under {section:?}");
        for (key, _) in b.keys {
            let name = key.name();
            assert!(
                shown.split_whitespace().any(|k| k == name),
                "{name} is bound but the help shows only {shown:?} for {what:?}"
            );
        }
    }
    // Each line leaves its column's last character free, so a section title in the next
    // column never runs into it: two columns of 38 inside the 78-wide overlay.
    for line in &lines {
        if let HelpLine::Key(keys, what) = line {
            let width = 2 + keys.chars().count().max(14) + what.chars().count();
            assert!(
                width <= 37,
                "{keys} {what}: {width} characters, the column has 37"
            );
        }
    }
    // And the overlay itself shows each line, at a size where it fits.
    let mut state = loaded(&["a"]);
    send(
        &mut state,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    send(&mut state, Msg::ToggleHelp);
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("test backend");
    terminal
        .draw(|frame| crate::ui::draw(frame, &state))
        .expect("draw");
    let screen = format!("{}", terminal.backend());
    for line in lines {
        let text = match line {
            HelpLine::Section(title) => title.to_owned(),
            HelpLine::Key(keys, what) => format!("{keys:<14}{what}"),
        };
        assert!(
            screen.contains(&text),
            "{text:?} is not on the help overlay:\n{screen}"
        );
    }
}

#[test]
fn the_manual_key_tables_are_the_binding_table() {
    let manual = include_str!("../../../docs/keys.md");
    let tables = crate::app::keys::markdown();
    assert!(
        manual.contains(&tables),
        "docs/keys.md's key tables differ from the binding table; put this between the \
         markers:\n{tables}"
    );
}

#[test]
fn help_scrolls_where_it_does_not_fit_and_never_past_its_end() {
    let mut state = loaded(&["a"]);
    send(
        &mut state,
        Msg::Resize {
            width: 60,
            height: 15,
        },
    );
    send(&mut state, Msg::ToggleHelp);
    assert_eq!(state.mode(), Mode::Help);
    assert_eq!(map(&state, ch('j')), Some(Msg::Down));
    let layout = crate::app::overlay::help::layout(60, 15);
    assert!(layout.max_scroll() > 0, "60x15 is too small for every key");
    for _ in 0..200 {
        send(&mut state, Msg::Down);
    }
    let scroll = |state: &State| match &state.overlay {
        Some(crate::app::overlay::Overlay::Help(h)) => h.scroll,
        other => panic!("{other:?}"),
    };
    assert_eq!(scroll(&state), layout.max_scroll());
    // Growing the terminal clamps the scroll to what is left to see.
    send(
        &mut state,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    assert_eq!(scroll(&state), 0);
    assert_eq!(map(&state, ch('j')), None, "nothing to scroll at 120x40");
}
