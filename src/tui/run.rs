//! The run loop, generic over the ratatui backend so tests drive the real app on
//! `TestBackend` with scripted input.

use std::io;

use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::{Terminal, layout::Size};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::api::Rekognition;
use crate::app::msg::{Command, Msg, Timestamp};
use crate::app::{State, keys, update};
use crate::effects::Effects;
use crate::tui::term::Input;
use crate::ui;

/// How the loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    TtyClosed(String),
}

/// The channels and services the loop reads from and writes to.
pub struct Io<'a, R> {
    pub inputs: &'a mut UnboundedReceiver<Input>,
    pub results: &'a mut UnboundedReceiver<Msg>,
    pub effects: &'a Effects<R>,
    pub clock: &'a (dyn Fn() -> Timestamp + Send + Sync),
}

/// Runs the app until it quits, a signal arrives or the terminal goes away. Draws only after
/// something changed: an idle app sleeps in `recv`.
pub async fn run<B, R>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    io: Io<'_, R>,
) -> Result<Exit, B::Error>
where
    B: Backend,
    R: Rekognition,
{
    let Size { width, height } = terminal.size()?;
    let now = (io.clock)();
    let mut commands = update(state, Msg::Resize { width, height }, now);
    commands.extend(state.start());
    dispatch(commands, &io);
    terminal.draw(|frame| ui::draw(frame, state))?;

    loop {
        let mut changed = false;
        let first = tokio::select! {
            input = io.inputs.recv() => input.map(Step::Input),
            msg = io.results.recv() => msg.map(Step::Msg),
        };
        let Some(first) = first else {
            // Both ends are gone only when the process is being torn down.
            return Ok(Exit::Quit);
        };
        let mut next = Some(first);
        // Handle everything already waiting before drawing once: a burst of results or a held
        // key costs one frame, not one per message.
        while let Some(step) = next {
            let msg = match step {
                Step::Input(Input::Term(event)) => translate(state, event),
                Step::Input(Input::Closed(why)) => return Ok(Exit::TtyClosed(why)),
                Step::Input(Input::Signal(n)) => return Ok(Exit::Signal(n)),
                Step::Msg(msg) => Some(msg),
            };
            if let Some(msg) = msg {
                let commands = update(state, msg, (io.clock)());
                dispatch(commands, &io);
                changed = true;
            }
            if state.should_quit() {
                return Ok(Exit::Quit);
            }
            next = io
                .inputs
                .try_recv()
                .ok()
                .map(Step::Input)
                .or_else(|| io.results.try_recv().ok().map(Step::Msg));
        }
        if changed {
            terminal.draw(|frame| ui::draw(frame, state))?;
        }
    }
}

enum Step {
    Input(Input),
    Msg(Msg),
}

fn translate(state: &State, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keys::map(state, key),
        Event::Resize(width, height) => Some(Msg::Resize { width, height }),
        _ => None,
    }
}

fn dispatch<R: Rekognition>(commands: Vec<Command>, io: &Io<'_, R>) {
    for command in commands {
        io.effects.run(command);
    }
}

/// Converts a backend error for callers that only deal in `io::Error`.
pub fn io_error(err: impl std::fmt::Display) -> io::Error {
    io::Error::other(err.to_string())
}
