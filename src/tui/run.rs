//! The run loop, generic over the ratatui backend so tests drive the real app on
//! `TestBackend` with scripted input.

use std::io;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Rect, Size};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::app::msg::{Command, Msg, SessionAnswer, Timestamp};
use crate::app::{State, keys, update};
use crate::aws::api::Rekognition;
use crate::effects::contexts::Contexts;
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
    pub effects: &'a Contexts<R>,
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
    dispatch(commands, state, &io);
    terminal.draw(|frame| ui::draw(frame, state))?;
    let mut drawn = Instant::now();
    // Results changed the state since the last frame, which waits for RESULT_FRAME.
    let mut pending = false;
    // A signal came while a change was in flight: the signal to exit with once it ends.
    let mut stopping: Option<i32> = None;
    // Results only, no key: more are taken once RESULT_BATCH has passed, keys at once.
    let mut hold: Option<Instant> = None;

    loop {
        let mut changed = false;
        let mut resized = false;
        let mut typed = false;
        let due = drawn + RESULT_FRAME;
        let first = match hold.take() {
            // The results that came meanwhile are drained below, in one wake-up.
            Some(until) => tokio::select! {
                input = io.inputs.recv() => input.map(Step::Input),
                () = tokio::time::sleep_until(until.into()) => Some(Step::Frame),
            },
            None => tokio::select! {
                input = io.inputs.recv() => input.map(Step::Input),
                msg = io.results.recv() => msg.map(Step::Msg),
                () = tokio::time::sleep_until(due.into()), if pending => Some(Step::Frame),
            },
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
                Step::Frame => None,
                Step::Input(Input::Resized | Input::Term(Event::Resize(..))) => {
                    resized = true;
                    None
                }
                Step::Input(Input::Term(event)) => {
                    typed = true;
                    translate(state, event)
                }
                Step::Input(Input::Closed(why)) => return Ok(Exit::TtyClosed(why)),
                Step::Input(Input::Signal(n)) => {
                    if stopping.is_some() || !state.changing() {
                        return Ok(Exit::Signal(n));
                    }
                    // Let the call in flight end and its outcome be written; start nothing.
                    io.effects.gate().stop();
                    stopping = Some(n);
                    Some(Msg::Session(SessionAnswer::AuditNotice {
                        text: format!(
                            "{}: stopping after the call in flight, then quitting (again to \
                             quit at once)",
                            signal_name(n)
                        ),
                        error: true,
                    }))
                }
                Step::Msg(msg) => Some(msg),
            };
            if let Some(msg) = msg {
                let commands = update(state, msg, (io.clock)());
                dispatch(commands, state, &io);
                changed = true;
            }
            if state.should_quit() {
                return Ok(Exit::Quit);
            }
            if let Some(n) = stopping.filter(|_| !state.changing()) {
                terminal.draw(|frame| ui::draw(frame, state))?;
                return Ok(Exit::Signal(n));
            }
            // Once a key is in, only more keys join the batch: results keep arriving while a
            // fleet loads, and draining them first would hold the key's frame back.
            next = io.inputs.try_recv().ok().map(Step::Input).or_else(|| {
                (!typed)
                    .then(|| io.results.try_recv().ok().map(Step::Msg))
                    .flatten()
            });
        }
        if resized {
            fit(terminal, state, &io)?;
            changed = true;
        }
        if changed && !typed && !resized {
            hold = Some(Instant::now() + RESULT_BATCH);
        }
        pending |= changed;
        // A key or a resize is answered at once; results alone (a fleet's thousands of
        // describes) are drawn at most once per RESULT_FRAME, which bounds the drawing
        // they cost without delaying what the operator did.
        if pending && (typed || resized || Instant::now() >= drawn + RESULT_FRAME) {
            terminal.draw(|frame| ui::draw(frame, state))?;
            drawn = Instant::now();
            pending = false;
        }
    }
}

fn signal_name(n: i32) -> String {
    match n {
        libc::SIGTERM => "SIGTERM".into(),
        libc::SIGHUP => "SIGHUP".into(),
        libc::SIGQUIT => "SIGQUIT".into(),
        libc::SIGINT => "SIGINT".into(),
        n => format!("signal {n}"),
    }
}

/// The shortest time between two frames drawn for results alone.
const RESULT_FRAME: Duration = Duration::from_millis(16);

/// How long results alone wait to be taken together. Without it, each of a fleet's
/// thousands of answers woke this thread (and, at its higher priority, preempted the worker
/// that sent it): one wake-up per answer, every 30 us or so on a 2-core box. A millisecond
/// keeps the calls flowing (the next ones are started when answers are taken) and keys are
/// never held by it.
const RESULT_BATCH: Duration = Duration::from_millis(1);

/// Takes the size the terminal has now rather than the one an event carried, so any number of
/// resize notices in one batch cost one repaint at the final size. The repaint is a full one
/// even when the size ended where it began: the terminal may have cut or rewrapped the old
/// frame in between, and ratatui only redraws cells it believes changed.
fn fit<B, R>(terminal: &mut Terminal<B>, state: &mut State, io: &Io<'_, R>) -> Result<(), B::Error>
where
    B: Backend,
    R: Rekognition,
{
    let size = terminal.size()?;
    let Size { width, height } = size;
    let commands = update(state, Msg::Resize { width, height }, (io.clock)());
    dispatch(commands, state, io);
    terminal.resize(Rect::from(size))
}

enum Step {
    Input(Input),
    Msg(Msg),
    /// A frame held back for results is due.
    Frame,
}

fn translate(state: &State, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keys::map(state, key),
        _ => None,
    }
}

/// Commands run against the context the state has right after the `update` that asked
/// for them: a switch's first commands already belong to the new one.
fn dispatch<R: Rekognition>(commands: Vec<Command>, state: &State, io: &Io<'_, R>) {
    let context = state.session.context();
    for command in commands {
        io.effects.run(&context, command);
    }
}

/// Converts a backend error for callers that only deal in `io::Error`.
pub fn io_error(err: impl std::fmt::Display) -> io::Error {
    io::Error::other(err.to_string())
}

#[cfg(test)]
mod tests;
