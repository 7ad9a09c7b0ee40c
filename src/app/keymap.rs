//! Keys to intents, by mode. In the filter and in dialogs, printable keys are text (so `q`
//! types a q); Ctrl-C quits from anywhere.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::msg::Msg;
use super::{Mode, State};

pub fn map(state: &State, key: KeyEvent) -> Option<Msg> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Msg::Quit);
    }
    // Other control and alt chords are not text and mean nothing here.
    let text = match key.code {
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => Some(c),
        _ => None,
    };
    match state.mode() {
        Mode::TooSmall => (text == Some('q')).then_some(Msg::Quit),
        Mode::Help => match key.code {
            KeyCode::Esc | KeyCode::Enter => Some(Msg::ToggleHelp),
            _ if matches!(text, Some('?' | 'q')) => Some(Msg::ToggleHelp),
            _ => None,
        },
        Mode::Dialog => match key.code {
            KeyCode::Esc => Some(Msg::DialogCancel),
            KeyCode::Enter => Some(Msg::DialogSubmit),
            KeyCode::Backspace => Some(Msg::DialogBackspace),
            KeyCode::Tab | KeyCode::Right => Some(Msg::DialogFocusNext),
            KeyCode::BackTab | KeyCode::Left => Some(Msg::DialogFocusPrev),
            _ => text.map(Msg::DialogInput),
        },
        Mode::Filter => match key.code {
            KeyCode::Esc => Some(Msg::FilterClear),
            KeyCode::Enter => Some(Msg::FilterAccept),
            KeyCode::Backspace => Some(Msg::FilterBackspace),
            KeyCode::Up => Some(Msg::Up),
            KeyCode::Down => Some(Msg::Down),
            _ => text.map(Msg::FilterInput),
        },
        mode @ (Mode::Table | Mode::Log) => browse(state, mode, key.code, text),
        // Managing a collection
        Mode::Detail => detail(key.code, text),
    }
}

/// The detail view: the faces list has the keys; Esc (or Backspace, ←, h, q) goes back.
fn detail(code: KeyCode, text: Option<char>) -> Option<Msg> {
    let msg = match code {
        KeyCode::Up => Msg::Up,
        KeyCode::Down => Msg::Down,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Home => Msg::Top,
        KeyCode::End => Msg::Bottom,
        KeyCode::Delete => Msg::FacesDeleteOpen,
        KeyCode::Esc | KeyCode::Backspace | KeyCode::Left => Msg::DetailClose,
        KeyCode::Char(_) => match text? {
            'j' => Msg::Down,
            'k' => Msg::Up,
            'g' => Msg::Top,
            'G' => Msg::Bottom,
            ' ' => Msg::FaceMark,
            'd' => Msg::FacesDeleteOpen,
            'y' => Msg::CopyId,
            'Y' => Msg::CopyArn,
            'r' => Msg::Refresh,
            'h' | 'q' => Msg::DetailClose,
            '?' => Msg::ToggleHelp,
            _ => return None,
        },
        _ => return None,
    };
    Some(msg)
}

fn browse(state: &State, mode: Mode, code: KeyCode, text: Option<char>) -> Option<Msg> {
    let msg = match code {
        KeyCode::Up => Msg::Up,
        KeyCode::Down => Msg::Down,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Home => Msg::Top,
        KeyCode::End => Msg::Bottom,
        KeyCode::Tab | KeyCode::BackTab => Msg::FocusNext,
        KeyCode::Delete if mode == Mode::Table => Msg::DeleteOpen,
        KeyCode::Enter if mode == Mode::Table => Msg::DetailOpen,
        KeyCode::Esc if !state.table.filter.is_empty() => Msg::FilterClear,
        KeyCode::Char(_) => match text? {
            'j' => Msg::Down,
            'k' => Msg::Up,
            'g' => Msg::Top,
            'G' => Msg::Bottom,
            '/' => Msg::FilterOpen,
            's' => Msg::SortNext,
            'S' => Msg::SortReverse,
            'r' => Msg::Refresh,
            'd' if mode == Mode::Table => Msg::DeleteOpen,
            'c' if mode == Mode::Table => Msg::CreateOpen,
            'y' if mode == Mode::Table => Msg::CopyId,
            'Y' if mode == Mode::Table => Msg::CopyArn,
            '?' => Msg::ToggleHelp,
            'q' => Msg::Quit,
            _ => return None,
        },
        _ => return None,
    };
    Some(msg)
}
