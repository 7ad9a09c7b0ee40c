//! The key map, mode by mode.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use rstest::rstest;

use super::*;
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
