//! `E` on the real run loop against the in-process emulator: refused in read-only mode and
//! on a protected collection, with nothing changed.

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::ServeConfig;

use crate::headless_app::{self, App};
use crate::search::{faces, open};

/// Marks the first face of lobby-cam and presses `E`.
async fn mark_and_erase(app: &App) {
    app.wait_for("lobby-cam").await;
    open(app, "lobby-cam").await;
    app.wait_for("Faces (25)").await;
    app.key(KeyCode::Char(' '));
    app.wait_for("1 face marked").await;
    app.key(KeyCode::Char('E'));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erasure_is_refused_in_read_only_mode() {
    let app = headless_app::start(ServeConfig::default(), true).await;
    mark_and_erase(&app).await;
    let screen = app.wait_for(" Read-only ").await;
    assert!(
        screen.contains("will not erase 1 face from lobby-cam"),
        "{screen}"
    );
    app.wait_for("Erase lobby-cam: refused, rekog is read-only")
        .await;
    app.key(KeyCode::Enter);
    app.wait_for("Faces (25)").await;
    assert_eq!(faces(&app, "lobby-cam").await.len(), 25);
    assert!(app.trail().is_empty(), "nothing was attempted");
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_erasure_is_refused_on_a_protected_collection() {
    let app = headless_app::start_protected(ServeConfig::default(), &["lobby-*"]).await;
    mark_and_erase(&app).await;
    let screen = app.wait_for(" Protected ").await;
    assert!(screen.contains("matches the rule \"lobby-*\""), "{screen}");
    // No dialog asks for the ID: typing it and Enter only close the notice.
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("Faces (25)").await;
    assert_eq!(faces(&app, "lobby-cam").await.len(), 25);
    assert!(app.trail().is_empty(), "nothing was attempted");
    app.key(KeyCode::Esc);
    app.quit().await;
}
