//! A property of the whole app, over random sessions: whatever keys the operator presses,
//! whatever order results arrive in, however the account changes underneath and the
//! terminal is resized, every destructive command (DeleteCollection, DeleteFaces,
//! DeleteUser, DisassociateFaces, an erasure) names exactly what the operator confirmed, in
//! a dialog opened on that row, those faces or that user, in the same region and account;
//! never without the typed ID where one is required; never in read-only mode; never for a
//! protected collection.
//!
//! `REKOG_PROPERTY_CASES=N` runs N cases instead of the default (see docs/development.md).

mod world;

use crate::app::msg::{DetailAnswer, SessionAnswer, TableAnswer};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use self::world::{ACCOUNT, REGION, Rng, World};
use super::*;
use crate::app::Mode;
use crate::app::keys;
use crate::app::overlay::confirm::{Action, Button, Phase};
use crate::app::session::Identity;
use crate::ids::CollectionId;
use crate::protect::Protect;

/// What the operator confirmed, as the dialog showed it when they pressed Enter.
#[derive(Debug, Clone)]
struct Confirmed {
    id: CollectionId,
    action: Action,
    account: Option<String>,
    shown_faces: Option<u64>,
}

/// The dialog the operator opened: on which collection, and whether, from what it has
/// shown, the ID must be typed.
#[derive(Debug, Clone)]
struct Opened {
    id: CollectionId,
    typing: bool,
}

struct Case {
    rng: Rng,
    world: World,
    state: State,
    protect: Protect,
    pending: Vec<Command>,
    replays: Vec<Msg>,
    opened: Option<Opened>,
    confirmed: Vec<Confirmed>,
    now: Timestamp,
    /// How often, in percent of steps, a result arrives: each case has its own network.
    answer_rate: usize,
    /// Destructive commands sent, by kind.
    deletes: std::collections::BTreeMap<&'static str, usize>,
    quit: bool,
}

const SIZES: &[(u16, u16)] = &[
    (80, 24),
    (120, 40),
    (60, 15),
    (100, 30),
    (59, 20),
    (30, 8),
    (200, 60),
];

impl Case {
    fn new(seed: u64) -> Case {
        let mut rng = Rng::new(seed);
        let world = World::new(&mut rng);
        let session = Session {
            profile: Some("ops".into()),
            region: REGION.into(),
            read_only: rng.chance(15),
            ..Session::default()
        };
        let rules: Vec<&str> = ["prod-*", "c?", "[!a-k]*"]
            .into_iter()
            .filter(|_| rng.chance(25))
            .collect();
        let protect = Protect::new(&rules).expect("valid globs");
        let mut state = State::new(session);
        state.settings.protect = protect.clone();
        state.settings.manifest = rng.chance(50);
        let mut case = Case {
            rng,
            world,
            state,
            protect,
            pending: Vec::new(),
            replays: Vec::new(),
            opened: None,
            confirmed: Vec::new(),
            now: NOW,
            answer_rate: 0,
            deletes: std::collections::BTreeMap::new(),
            quit: false,
        };
        case.answer_rate = 5 + case.rng.below(40);
        let start = case.state.start();
        case.observe(start, None);
        case
    }

    fn send(&mut self, msg: Msg, key: Option<&KeyContext>) {
        self.now += 37;
        let cmds = update(&mut self.state, msg, self.now);
        self.observe(cmds, key);
    }

    fn step(&mut self) {
        let answers = 55 + self.answer_rate;
        match self.rng.below(100 + self.answer_rate) {
            0..55 => self.press(),
            n if n < answers => self.answer(),
            n if n < answers + 2 => self.die(),
            n if n < answers + 5 => {
                let (width, height) = *self.rng.pick(SIZES);
                self.send(Msg::Resize { width, height }, None);
            }
            n if n < answers + 12 => self.world.change(&mut self.rng),
            n if n == answers + 12 => {
                let account = if self.rng.chance(50) {
                    ACCOUNT
                } else {
                    "999999999999"
                };
                let result = Ok(Identity {
                    account: Some(account.into()),
                    arn: Some(format!("arn:aws:iam::{account}:user/op")),
                });
                self.send(Msg::Session(SessionAnswer::IdentityLoaded { result }), None);
            }
            _ if !self.replays.is_empty() => {
                let at = self.rng.below(self.replays.len());
                let msg = self.replays[at].clone();
                self.send(msg, None);
            }
            _ => {}
        }
        if self.rng.below(500) == 0 {
            self.render();
        }
        self.check_dialog();
    }

    /// A result for one of the commands in flight, picked at random: results come late and
    /// out of order.
    fn answer(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let at = self.rng.below(self.pending.len());
        let command = self.pending.swap_remove(at);
        for msg in self.world.answer(&command, &mut self.rng) {
            if matches!(
                msg,
                Msg::Table(TableAnswer::PageLoaded { .. })
                    | Msg::Table(TableAnswer::Described { .. })
                    | Msg::Detail(DetailAnswer::DetailDescribed { .. })
                    | Msg::Detail(DetailAnswer::FacesLoaded { .. })
                    | Msg::Detail(DetailAnswer::UsersLoaded { .. })
                    | Msg::Detail(DetailAnswer::Found { .. })
            ) && self.replays.len() < 64
            {
                self.replays.push(msg.clone());
            }
            self.send(msg, None);
        }
    }

    fn die(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let at = self.rng.below(self.pending.len());
        let command = Box::new(self.pending.swap_remove(at));
        let why = "task panicked".to_owned();
        self.send(Msg::TaskFailed { command, why }, None);
    }

    fn render(&self) {
        let (w, h) = (self.state.width, self.state.height);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("backend");
        terminal
            .draw(|frame| crate::ui::draw(frame, &self.state))
            .expect("draw");
    }
}

mod checks;
mod operator;
use operator::KeyContext;

fn cases() -> u64 {
    std::env::var("REKOG_PROPERTY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

const STEPS: usize = 200;

/// The destructive commands the property is about; each must be exercised.
const KINDS: [&str; 5] = [
    "DeleteCollection",
    "DeleteFaces",
    "DeleteUser",
    "DisassociateFaces",
    "Erase",
];

/// Runs the cases with seeds `first`, `first + stride`, ... so that several tests share
/// the work across test threads, and checks that every kind of destructive command was
/// sent in some case, so the property was exercised for each.
fn run(first: u64, stride: u64) {
    let mut deletes = std::collections::BTreeMap::new();
    let mut seed = first;
    while seed < cases() {
        let mut case = Case::new(seed);
        for _ in 0..STEPS {
            case.step();
            if case.quit {
                break;
            }
        }
        for (kind, n) in case.deletes {
            *deletes.entry(kind).or_insert(0) += n;
        }
        seed += stride;
    }
    assert!(
        !deletes.is_empty(),
        "no case deleted anything: the property was not exercised"
    );
    // A short run (REKOG_PROPERTY_CASES below the default) may miss a rare kind; the
    // default run must reach them all.
    if cases() < 10_000 {
        return;
    }
    for kind in KINDS {
        assert!(
            deletes.get(kind).is_some_and(|&n| n > 0),
            "no case sent {kind}: the property was not exercised for it ({deletes:?})"
        );
    }
}

// Four tests, a quarter of the cases each, so the test threads share them.
#[test]
fn delete_target_property_0() {
    run(0, 4);
}

#[test]
fn delete_target_property_1() {
    run(1, 4);
}

#[test]
fn delete_target_property_2() {
    run(2, 4);
}

#[test]
fn delete_target_property_3() {
    run(3, 4);
}
