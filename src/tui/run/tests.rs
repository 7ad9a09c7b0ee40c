//! The run loop's order: a key is handled and drawn before the results queued beside it.

use std::sync::{Arc, Mutex};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Size};
use tokio::sync::mpsc;

use super::{Io, run};
use crate::app::State;
use crate::app::msg::{Msg, SessionAnswer};
use crate::context::Session;
use crate::effects::Effects;
use crate::effects::contexts::Contexts;
use crate::effects::mutate::tests::backends::Silent;
use crate::tui::term::Input;

/// A `TestBackend` that keeps the text of every frame it is asked to show.
struct Frames {
    inner: TestBackend,
    shown: Arc<Mutex<Vec<String>>>,
}

impl Backend for Frames {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()?;
        let text = format!("{}", self.inner);
        self.shown.lock().unwrap().push(text);
        Ok(())
    }
}

/// The highest `notice N` a frame shows in its log pane.
fn last_notice(frame: &str) -> Option<usize> {
    frame
        .split("notice ")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .max()
}

#[tokio::test]
async fn a_key_is_drawn_before_the_results_queued_beside_it() {
    const QUEUED: usize = 5_000;
    let (inputs_tx, mut inputs) = mpsc::unbounded_channel();
    let (results_tx, mut results) = mpsc::unbounded_channel();
    // A fleet's answers arriving faster than the screen is drawn: each one changes the state.
    for n in 1..=QUEUED {
        results_tx
            .send(Msg::Session(SessionAnswer::AuditNotice {
                text: format!("notice {n}"),
                error: false,
            }))
            .unwrap();
    }
    let key = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE);
    inputs_tx.send(Input::Term(Event::Key(key))).unwrap();

    let shown = Arc::new(Mutex::new(Vec::new()));
    let backend = Frames {
        inner: TestBackend::new(120, 40),
        shown: Arc::clone(&shown),
    };
    let mut terminal = Terminal::new(backend).unwrap();
    let session = Session::default();
    let effects = Effects::new(Arc::new(Silent), results_tx.clone(), true);
    let effects = Contexts::new(effects, session.context(), None);
    let mut state = State::new(session);
    let clock = || 0;
    let io = Io {
        inputs: &mut inputs,
        results: &mut results,
        effects: &effects,
        clock: &clock,
    };
    let looping = run(&mut terminal, &mut state, io);
    // Until every notice is on screen; the loop itself never ends here.
    let watch = async {
        loop {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
            let frames = shown.lock().unwrap();
            if frames.last().and_then(|f| last_notice(f)) == Some(QUEUED) {
                break;
            }
        }
    };
    tokio::select! {
        _ = looping => panic!("the run loop ended"),
        () = watch => {}
        () = tokio::time::sleep(std::time::Duration::from_secs(30)) => panic!("not every notice was drawn"),
    }
    let frames = shown.lock().unwrap();
    let help = frames
        .iter()
        .find(|f| f.contains(" Keys "))
        .expect("a frame with the help");
    let taken = last_notice(help).unwrap_or(0);
    assert!(
        taken < QUEUED / 10,
        "the key's frame waited for {taken} of {QUEUED} results"
    );
}
