//! The operator's side of the property test: which key they press in each mode, what the
//! screen showed when they pressed it, and the checks on every command the app sends.

use super::*;
use crate::app::overlay::confirm::Confirm;

/// What the screen showed when a key was pressed.
pub struct KeyContext {
    mode: Mode,
    msg: Msg,
    /// The highlighted row of the table.
    selected: Option<String>,
    /// The confirmation on screen, as it was.
    confirm: Option<Confirm>,
    /// The detail view's collection and its marked faces, in list order.
    marked: Option<(String, Vec<String>)>,
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
                0..40 => ch(' '),
                40..60 => key(*rng.pick(MOVES)),
                60..75 => ch('d'),
                75..80 => ch('r'),
                80..88 => key(*rng.pick(&[KeyCode::Esc, KeyCode::Char('h'), KeyCode::Left])),
                _ => ch(*rng.pick(&['?', 'y', 'q', 'x'])),
            },
            Mode::Confirm => {
                let confirm = self.state.confirm().cloned();
                let rng = &mut self.rng;
                let next = confirm.as_ref().and_then(|c| {
                    let typed = c.id.starts_with(c.input.as_str());
                    typed.then(|| c.id[c.input.len()..].chars().next())?
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
        let marked = self.state.detail.as_ref().map(|view| {
            let marked = view
                .faces
                .iter()
                .filter(|f| view.marked.contains(&f.face_id))
                .map(|f| f.face_id.clone())
                .collect();
            (view.id.clone(), marked)
        });
        let context = KeyContext {
            mode,
            msg: msg.clone(),
            selected: self.state.table.selected_id().map(str::to_owned),
            confirm: self.state.confirm().cloned(),
            marked,
        };
        self.send(msg, Some(&context));
        if let Some(confirm) = self.state.confirm()
            && context.confirm.is_none()
        {
            self.opened_on(&context, confirm.clone());
        }
    }

    /// A confirmation just opened: it must be on the row (or the faces) the operator chose.
    fn opened_on(&mut self, key: &KeyContext, confirm: Confirm) {
        assert!(
            !self.state.session.read_only,
            "a confirmation in read-only mode"
        );
        assert_eq!(confirm.context.region, REGION);
        assert!(self.protect.matching_rule(&confirm.id).is_none());
        match (&key.msg, &confirm.action) {
            (Msg::DeleteOpen, Action::DeleteCollection { .. }) => {
                assert_eq!(key.mode, Mode::Table);
                assert_eq!(key.selected.as_deref(), Some(confirm.id.as_str()));
            }
            (Msg::FacesDeleteOpen, Action::DeleteFaces { face_ids }) => {
                assert_eq!(key.mode, Mode::Detail);
                let (view, marked) = key.marked.clone().expect("a detail view");
                assert_eq!(view, confirm.id);
                assert_eq!(face_ids, &marked, "the faces marked, in the order shown");
            }
            other => panic!("{other:?} opened a confirmation"),
        }
        self.opened = Some(Opened {
            id: confirm.id,
            typing: false,
        });
        self.check_dialog();
    }

    /// The open dialog is still the one the operator opened; what it has shown decides
    /// whether the ID must be typed.
    pub(super) fn check_dialog(&mut self) {
        let Some(confirm) = self.state.confirm() else {
            // Whatever was confirmed in it is moot once the dialog is gone.
            self.opened = None;
            self.confirmed.clear();
            return;
        };
        let opened = self.opened.as_mut().expect("a confirmation nobody opened");
        assert_eq!(opened.id, confirm.id, "the dialog changed its target");
        assert_eq!(confirm.context.region, REGION);
        opened.typing |= match &confirm.action {
            Action::DeleteCollection { faces, users, .. } => {
                !(*faces == Some(0) && *users == Some(0))
            }
            Action::DeleteFaces { face_ids } => face_ids.len() > 10,
        };
    }

    /// Enter in a confirmation: whether the operator confirmed, judged from the screen.
    fn confirmed_by(&self, key: Option<&KeyContext>) -> Option<Confirmed> {
        let key = key.filter(|k| k.mode == Mode::Confirm && k.msg == Msg::DialogSubmit)?;
        let c = key.confirm.as_ref()?;
        let typing = self.opened.as_ref().is_some_and(|o| o.typing);
        let valid =
            c.phase == Phase::Editing && c.focus == Button::Delete && (!typing || c.input == c.id);
        valid.then(|| Confirmed {
            id: c.id.clone(),
            faces: match &c.action {
                Action::DeleteFaces { face_ids } => Some(face_ids.clone()),
                Action::DeleteCollection { .. } => None,
            },
            account: c.context.account.clone(),
            shown_faces: c.faces(),
        })
    }

    /// Every command the app sends: mutations checked against what was confirmed, the
    /// rest kept to be answered.
    pub(super) fn observe(&mut self, cmds: Vec<Command>, key: Option<&KeyContext>) {
        let mut batches: Vec<String> = Vec::new();
        let mut batch_of: Option<Confirmed> = None;
        for command in cmds {
            match &command {
                Command::Verify { id } => {
                    let confirmed = self
                        .confirmed_by(key)
                        .filter(|c| c.id == *id && c.faces.is_none())
                        .unwrap_or_else(|| panic!("Verify {id} without a confirmation"));
                    self.confirmed.push(confirmed);
                }
                Command::Delete { id, intent } => {
                    self.mutation(id, &command);
                    let at = self
                        .confirmed
                        .iter()
                        .rposition(|c| c.id == *id && c.faces.is_none())
                        .unwrap_or_else(|| panic!("DeleteCollection {id} was never confirmed"));
                    let confirmed = self.confirmed.remove(at);
                    assert_eq!(intent.collection_id, *id);
                    assert_eq!(intent.region, REGION);
                    assert_eq!(intent.account, confirmed.account, "the account shown");
                    if let Some(n) = confirmed.shown_faces {
                        assert_eq!(intent.face_count, Some(n), "the count warned about");
                    }
                    self.deletes += 1;
                }
                Command::DeleteFaces {
                    id,
                    face_ids,
                    intent,
                } => {
                    self.mutation(id, &command);
                    let confirmed = batch_of.get_or_insert_with(|| {
                        self.confirmed_by(key)
                            .filter(|c| c.id == *id && c.faces.is_some())
                            .unwrap_or_else(|| panic!("DeleteFaces {id} without a confirmation"))
                    });
                    assert_eq!(confirmed.id, *id);
                    assert_eq!(intent.region, REGION);
                    assert_eq!(intent.account, confirmed.account, "the account shown");
                    batches.extend(face_ids.iter().cloned());
                    self.deletes += 1;
                }
                Command::Quit => self.quit = true,
                _ => {}
            }
            if !matches!(command, Command::Quit) {
                self.pending.push(command);
            }
        }
        if let Some(confirmed) = batch_of {
            assert_eq!(
                Some(batches),
                confirmed.faces,
                "exactly the faces confirmed"
            );
        }
    }

    /// What holds for every mutation, whoever asked.
    fn mutation(&self, id: &str, command: &Command) {
        assert!(
            !self.state.session.read_only,
            "a mutation in read-only mode"
        );
        assert!(
            self.protect.matching_rule(id).is_none(),
            "{id} is protected: {}",
            command.describe()
        );
    }
}
