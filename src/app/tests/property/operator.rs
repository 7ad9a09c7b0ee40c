//! The operator's side of the property test: which key they press in each mode, and what
//! the screen showed when they pressed it.

use super::*;
use crate::app::overlay::confirm::Confirm;
use crate::ids::{CollectionId, UserId};

/// A face as the screen shows it: its id and its user, if any.
pub type Shown = (String, Option<UserId>);

/// What the screen showed when a key was pressed.
pub struct KeyContext {
    pub mode: Mode,
    pub msg: Msg,
    /// The highlighted row of the table.
    pub selected: Option<String>,
    /// The confirmation on screen, as it was.
    pub confirm: Option<Confirm>,
    /// The detail view's collection and its marked faces with their users, in list order.
    pub marked: Option<(CollectionId, Vec<Shown>)>,
    /// The user highlighted in the users pane, when it is shown.
    pub user: Option<UserId>,
    /// The search whose results the faces pane shows.
    pub searched: Option<crate::erase::search::Search>,
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

const MOVES: &[KeyCode] = &[
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Char('j'),
    KeyCode::Char('k'),
    KeyCode::PageUp,
    KeyCode::PageDown,
    KeyCode::Char('g'),
    KeyCode::Char('G'),
];

const ANY: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Char('d'),
    KeyCode::Char('r'),
    KeyCode::Char('/'),
    KeyCode::Char('?'),
    KeyCode::Char(' '),
    KeyCode::Char('s'),
    KeyCode::Char('S'),
    KeyCode::Char('c'),
    KeyCode::Char('y'),
    KeyCode::Char('x'),
    KeyCode::Char('a'),
    KeyCode::Char('-'),
];

impl Case {
    /// The key a (sometimes purposeful, often clumsy) operator presses now.
    fn key_for(&mut self, mode: Mode) -> KeyEvent {
        let rng = &mut self.rng;
        if rng.chance(10) {
            if rng.below(2000) == 0 {
                return KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
            }
            return key(*rng.pick(ANY));
        }
        match mode {
            Mode::Table => match rng.below(100) {
                0..35 => key(*rng.pick(MOVES)),
                35..55 => ch('d'),
                55..62 => key(KeyCode::Enter),
                62..67 => ch('/'),
                67..72 => ch('r'),
                72..76 => key(*rng.pick(&[KeyCode::Char('s'), KeyCode::Char('S')])),
                76..79 => ch('c'),
                79..82 => key(KeyCode::Tab),
                82..85 => ch('?'),
                85..88 => key(KeyCode::Esc),
                88..90 => key(KeyCode::Delete),
                _ => ch(*rng.pick(&['a', 'y', 'Y', 'x'])),
            },
            Mode::Detail => match rng.below(100) {
                0..30 => ch(' '),
                30..45 => key(*rng.pick(MOVES)),
                45..55 => ch('d'),
                55..60 => ch('r'),
                60..65 => key(*rng.pick(&[KeyCode::Esc, KeyCode::Char('h'), KeyCode::Left])),
                65..70 => ch('/'),
                70..75 => ch('A'),
                75..80 => ch('E'),
                80..85 => ch('x'),
                85..89 => ch('a'),
                89..93 => ch('u'),
                _ => ch(*rng.pick(&['?', 'y', 'q', 's', '+', '-'])),
            },
            Mode::Users => match rng.below(100) {
                0..30 => key(*rng.pick(MOVES)),
                30..45 => ch('d'),
                45..60 => ch('E'),
                60..70 => key(KeyCode::Enter),
                70..78 => ch('c'),
                78..86 => ch('u'),
                86..90 => key(KeyCode::Esc),
                _ => ch(*rng.pick(&['r', '?', 'y', 'x', 's', '+', '-'])),
            },
            Mode::Picker | Mode::Mfa | Mode::Fleet => key(KeyCode::Esc),
            Mode::Search => match rng.below(10) {
                0..6 => ch(*rng.pick(&['f', '0', '1', '*', '.', 'u', ':', ' '])),
                6 => key(KeyCode::Backspace),
                7 | 8 => key(KeyCode::Enter),
                _ => key(KeyCode::Esc),
            },
            Mode::UserForm => match rng.below(10) {
                0..6 => ch(*rng.pick(&['u', '1', '2', ' ', '-'])),
                6 => key(KeyCode::Backspace),
                7 | 8 => key(KeyCode::Enter),
                _ => key(KeyCode::Esc),
            },
            Mode::Confirm => {
                let confirm = self.state.confirm().cloned();
                let rng = &mut self.rng;
                let next = confirm.as_ref().and_then(|c| {
                    let want = c.expected();
                    let typed = want.starts_with(c.input.as_str());
                    typed.then(|| want[c.input.len()..].chars().next())?
                });
                let verifying = confirm
                    .as_ref()
                    .is_some_and(|c| c.phase == Phase::Verifying);
                match rng.below(100) {
                    // Impatient: gives up on the check and starts over.
                    0..30 if verifying => key(KeyCode::Esc),
                    0..55 => next.map_or(key(KeyCode::Backspace), ch),
                    55..68 => key(KeyCode::Enter),
                    68..76 => key(*rng.pick(&[KeyCode::Tab, KeyCode::Left, KeyCode::Right])),
                    76..82 => key(KeyCode::Backspace),
                    82..86 => key(KeyCode::Esc),
                    _ => ch(*rng.pick(&['a', 'b', 'x', '-', 'q', 'd'])),
                }
            }
            Mode::Filter => match rng.below(10) {
                0..5 => ch(*rng.pick(&['a', 'p', 'r', 'o', 'c', 'z'])),
                5 => key(KeyCode::Backspace),
                6 | 7 => key(KeyCode::Enter),
                8 => key(KeyCode::Esc),
                _ => key(*rng.pick(&[KeyCode::Up, KeyCode::Down])),
            },
            Mode::Create => match rng.below(10) {
                0..5 => ch(*rng.pick(&['n', 'e', 'w', ' ', '1'])),
                5 => key(KeyCode::Tab),
                6 | 7 => key(KeyCode::Enter),
                _ => key(KeyCode::Esc),
            },
            Mode::Notice | Mode::Help | Mode::Log | Mode::TooSmall => match rng.below(4) {
                0 => key(KeyCode::Esc),
                1 => key(KeyCode::Enter),
                2 => key(*rng.pick(MOVES)),
                _ => key(*rng.pick(&[KeyCode::Tab, KeyCode::Char('?')])),
            },
        }
    }

    pub(super) fn press(&mut self) {
        let mode = self.state.mode();
        let event = self.key_for(mode);
        let Some(msg) = keys::map(&self.state, event) else {
            return;
        };
        // What the screen shows, read from the lists as drawn, not through the app's helpers.
        let marked = self.state.detail().map(|view| {
            let list = match &view.search {
                Some(search) => &search.faces,
                None => &view.faces,
            };
            let marked = list
                .iter()
                .filter(|f| view.marked.contains(&f.face_id))
                .map(|f| (f.face_id.clone(), f.user_id.clone()))
                .collect();
            (view.id.clone(), marked)
        });
        // The users like one (`s`) are shown in place of the list while there.
        let user = self.state.detail().and_then(|view| {
            let list = &view.users;
            let shown = match &list.like {
                Some(like) => like.matches.get(like.cursor.selected).map(|m| &m.user),
                None => list.users.get(list.cursor.selected),
            };
            shown.map(|u| u.user_id.clone())
        });
        let searched = self
            .state
            .detail()
            .and_then(|view| view.search.as_ref().map(|s| s.search.clone()));
        let context = KeyContext {
            searched,
            mode,
            msg: msg.clone(),
            selected: self.state.table.selected_id().map(str::to_owned),
            confirm: self.state.confirm().cloned(),
            marked,
            user,
        };
        self.send(msg, Some(&context));
        if let Some(confirm) = self.state.confirm()
            && context.confirm.is_none()
        {
            self.opened_on(&context, confirm.clone());
        }
    }
}
