//! Resizes reach the screen through the run loop: a SIGWINCH notice (which carries no size)
//! or crossterm's `Event::Resize` makes it ask the backend for its size and repaint in full.

use std::time::{Duration, Instant};

use ratatui::backend::Backend;
use ratatui::buffer::Cell;
use ratatui::crossterm::event::Event;
use rekog::emulator::ServeConfig;
use rekog::tui::term::Input;

use crate::headless_app::{App, patience, start};
use crate::screen_shape::{misfit, rows};

impl App {
    /// The terminal changes size under the app, as a window does before SIGWINCH arrives.
    fn resize_backend(&self, width: u16, height: u16) {
        self.screen.0.lock().unwrap().resize(width, height);
    }

    /// Writes `junk` over the whole screen without the app knowing, as a terminal that
    /// rewraps or cuts its content on a resize does.
    fn scribble(&self, junk: &'static str) {
        let mut backend = self.screen.0.lock().unwrap();
        let size = backend.size().unwrap();
        let cell = Cell::new(junk);
        let cells: Vec<(u16, u16, &Cell)> = (0..size.height)
            .flat_map(|y| (0..size.width).map(move |x| (x, y)))
            .map(|(x, y)| (x, y, &cell))
            .collect();
        backend.draw(cells.into_iter()).unwrap();
    }

    async fn wait_to_fit(&self, width: u16, height: u16) {
        let deadline = Instant::now() + patience();
        loop {
            let text = self.screen.text();
            let Some(why) = misfit(&rows(&text), width, height) else {
                return;
            };
            assert!(
                Instant::now() < deadline,
                "not drawn at {width}x{height}: {why}; the screen shows:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_notice_redraws_at_the_size_the_terminal_has() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("Collections (3)").await;
    app.wait_to_fit(120, 40).await;
    for (width, height) in [(80, 24), (60, 15), (200, 50), (100, 30)] {
        app.resize_backend(width, height);
        app.keys.send(Input::Resized).unwrap();
        app.wait_to_fit(width, height).await;
    }
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_notices_ends_at_the_last_size() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("Collections (3)").await;
    for (width, height) in [(100, 30), (60, 15), (200, 50), (90, 25)] {
        app.resize_backend(width, height);
        app.keys.send(Input::Resized).unwrap();
    }
    app.wait_to_fit(90, 25).await;
    app.quit().await;
}

/// ratatui writes only the cells it thinks changed; after a resize the terminal's content is
/// not what ratatui last wrote, so the repaint must be whole even at an unchanged size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_at_an_unchanged_size_still_repaints_everything() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("Collections (3)").await;
    app.wait_to_fit(120, 40).await;
    app.scribble("#");
    app.keys.send(Input::Resized).unwrap();
    app.wait_to_fit(120, 40).await;
    assert!(!app.screen.text().contains('#'), "{}", app.screen.text());
    app.quit().await;
}

/// crossterm's own resize event comes late (with the next key), so the size it carries may
/// be stale by then; the app treats it as a notice and repaints at the terminal's size.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn crossterms_resize_event_repaints_at_the_terminals_size() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("Collections (3)").await;
    app.wait_to_fit(120, 40).await;
    app.scribble("#");
    app.keys.send(Input::Term(Event::Resize(80, 24))).unwrap();
    app.wait_to_fit(120, 40).await;
    assert!(!app.screen.text().contains('#'), "{}", app.screen.text());
    app.quit().await;
}

#[test]
fn a_frame_cut_by_a_narrower_terminal_is_a_misfit() {
    let frame = [
        " rekog 0.1.0",
        "┌ Collections ┐",
        "│ lobby-cam   │",
        "└─────────────┘",
        " ? help  q quit",
    ];
    let whole: Vec<String> = frame.iter().map(|r| format!("{r:<15}")).collect();
    assert_eq!(misfit(&whole, 15, 5), None);
    let cut: Vec<String> = whole.iter().map(|r| r.chars().take(10).collect()).collect();
    assert!(misfit(&cut, 10, 5).is_some());
    let mut stale = whole.clone();
    stale[2] = "│ lobby-c│    │".into();
    assert!(misfit(&stale, 15, 5).unwrap().contains("row 2"));
    assert!(misfit(&whole[..4], 15, 4).is_some());
}
