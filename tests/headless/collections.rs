//! Deleting from the collections list, and the list under slow calls and injected faults.

use std::time::Duration;

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::ServeConfig;

use crate::headless_app::start;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_succeeds_and_is_gone_from_the_emulator() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("warehouse-door").await;
    app.select("lobby-cam").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("DeleteCollection lobby-cam: StatusCode 200")
        .await;
    assert!(!app.ids().await.contains(&"lobby-cam".to_string()));
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn collection_deleted_behind_the_dialogs_back_is_reported_already_gone() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("warehouse-door").await;
    app.select("warehouse-door").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    app.client
        .delete_collection()
        .collection_id("warehouse-door")
        .send()
        .await
        .expect("delete behind the dialog's back");
    app.type_text("warehouse-door");
    app.key(KeyCode::Enter);
    app.wait_for("already gone").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_face_count_stops_the_delete() {
    let app = start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    app.select("lobby-cam").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("cannot be undone").await;
    let faces = app
        .client
        .list_faces()
        .collection_id("lobby-cam")
        .send()
        .await
        .expect("ListFaces")
        .faces
        .unwrap_or_default();
    // A face associated with a user cannot be deleted on its own.
    let face_id = faces
        .iter()
        .find(|f| f.user_id.is_none())
        .and_then(|f| f.face_id.clone())
        .expect("a face without a user");
    app.client
        .delete_faces()
        .collection_id("lobby-cam")
        .face_ids(face_id)
        .send()
        .await
        .expect("DeleteFaces");
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("Not deleted: it had 25 faces").await;
    assert!(app.ids().await.contains(&"lobby-cam".to_string()));
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn access_denied_keeps_the_row_and_explains() {
    let config = ServeConfig {
        deny: vec!["DeleteCollection".into()],
        ..ServeConfig::default()
    };
    let app = start(config, false).await;
    app.wait_for("warehouse-door").await;
    app.select("alpha-empty").await;
    app.key(KeyCode::Char('d'));
    app.wait_for("Cancel").await;
    // Empty collection: Cancel has the focus, Tab moves to Delete, Enter activates it.
    app.key(KeyCode::Tab);
    app.key(KeyCode::Enter);
    let screen = app.wait_for("AccessDeniedException").await;
    assert!(screen.contains("rekognition:DeleteCollection"), "{screen}");
    assert!(app.ids().await.contains(&"alpha-empty".to_string()));
    app.wait_for("alpha-empty").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_answer_while_calls_are_slow() {
    let config = ServeConfig {
        latency: Some((Duration::from_secs(5), Duration::from_secs(5))),
        ..ServeConfig::default()
    };
    let app = start(config, false).await;
    app.key(KeyCode::Char('?'));
    let screen = app.wait_for("? or Esc closes").await;
    // Every answer takes 5 s, so the help overlay showing before the rows proves the key was
    // handled while ListCollections was still in flight.
    assert!(
        !screen.contains("warehouse-door"),
        "the key waited for the slow call"
    );
    app.key(KeyCode::Char('?'));
    app.wait_for("warehouse-door").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faults_are_logged_and_the_app_keeps_working() {
    let config = ServeConfig {
        fault_rate: 1.0,
        fault_seed: 7,
        ..ServeConfig::default()
    };
    let app = start(config, false).await;
    let screen = app.wait_for("ListCollections").await;
    assert!(
        [
            "ThrottlingException",
            "ProvisionedThroughputExceededException",
            "InternalServerError"
        ]
        .iter()
        .any(|code| screen.contains(code)),
        "{screen}"
    );
    app.quit().await;
}
