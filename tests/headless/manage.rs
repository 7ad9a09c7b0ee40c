//! The detail view, DeleteFaces and create on the real run loop (`TestBackend`, scripted
//! keys) against the in-process emulator, checked through the SDK.

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::{self, ServeConfig};

use crate::headless_app::{self, App};

const SEED: &str = r#"{"collections":[
    {"id":"alpha-empty"},
    {"id":"lobby-cam","faces":25,"users":2},
    {"id":"big-archive","faces":250}
]}"#;

/// The audited app of the shared harness, on this file's seed.
async fn start() -> App {
    let config = ServeConfig {
        seed: Some(emulator::Seed::parse("test seed", SEED).expect("seed")),
        ..ServeConfig::default()
    };
    headless_app::start(config, false).await
}

/// Opens the detail view of `id`, found through the filter.
async fn open(app: &App, id: &str) {
    app.select(id).await;
    app.key(KeyCode::Enter);
    app.wait_for(&format!("Collection {id} ")).await;
}

/// Leaves the detail view, then quits.
async fn quit(app: App) {
    app.key(KeyCode::Esc);
    app.quit().await;
}

/// (FaceId, UserId) of every face, in ListFaces order.
async fn faces(app: &App, id: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut token = None;
    loop {
        let page = app
            .client
            .list_faces()
            .collection_id(id)
            .set_next_token(token)
            .send()
            .await
            .expect("ListFaces");
        for f in page.faces.unwrap_or_default() {
            out.push((f.face_id.unwrap_or_default(), f.user_id));
        }
        token = page.next_token;
        if token.is_none() {
            return out;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marked_faces_are_deleted_and_faces_kept_by_a_user_are_reported() {
    let app = start().await;
    app.wait_for("lobby-cam").await;
    let before = faces(&app, "lobby-cam").await;
    assert_eq!(before.len(), 25);
    let with_user = before
        .iter()
        .position(|(_, user)| user.is_some())
        .expect("the seed gives some faces a user");
    open(&app, "lobby-cam").await;
    app.wait_for("Faces (25)").await;
    // The first three, and the first face that belongs to a user.
    let mut marked: Vec<usize> = vec![0, 1, 2];
    app.type_text("   ");
    if with_user > 2 {
        (3..with_user).for_each(|_| app.key(KeyCode::Char('j')));
        app.key(KeyCode::Char(' '));
        marked.push(with_user);
    }
    app.wait_for(&format!("{} faces marked", marked.len()))
        .await;
    app.key(KeyCode::Char('d'));
    app.wait_for("Delete faces").await;
    app.key(KeyCode::Tab);
    app.key(KeyCode::Enter);
    let screen = app
        .wait_for(&format!(
            "DeleteFaces lobby-cam: {} faces of",
            marked.len() - 1
        ))
        .await;
    let kept_id = &before[with_user].0;
    assert!(
        screen.contains(&format!(
            "face {kept_id} not deleted: ASSOCIATED_TO_AN_EXISTING_USER"
        )),
        "{screen}"
    );
    let after: Vec<String> = faces(&app, "lobby-cam")
        .await
        .into_iter()
        .map(|f| f.0)
        .collect();
    for &i in &marked {
        let (face, user) = &before[i];
        assert_eq!(after.contains(face), user.is_some(), "face {i} {face}");
    }
    assert_eq!(after.len(), 25 - (marked.len() - 1));
    app.wait_for(&format!("Faces ({})", after.len())).await;
    let deletes = audited(&app, "DeleteFaces");
    assert_eq!(deletes.len(), 2, "{deletes:?}");
    assert_eq!(deletes[0]["event"], "intent");
    assert_eq!(deletes[0]["face_count"], marked.len());
    assert_eq!(deletes[1]["event"], "outcome");
    assert_eq!(deletes[0]["id"], deletes[1]["id"]);
    quit(app).await;
}

/// The audit trail's lines for `operation`, in order.
fn audited(app: &App, operation: &str) -> Vec<serde_json::Value> {
    let mut trail = app.trail();
    trail.retain(|v| v["operation"] == operation);
    trail
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faces_load_a_page_at_a_time_while_scrolling() {
    let app = start().await;
    app.wait_for("big-archive").await;
    open(&app, "big-archive").await;
    app.wait_for("Faces (100 of 250 loaded)").await;
    app.key(KeyCode::Char('G'));
    app.wait_for("Faces (200 of 250 loaded)").await;
    app.key(KeyCode::Char('G'));
    app.wait_for("Faces (250)").await;
    quit(app).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_then_the_row_is_there_and_selected() {
    let app = start().await;
    app.wait_for("lobby-cam").await;
    app.key(KeyCode::Char('c'));
    app.wait_for("Create collection").await;
    app.type_text("new coll");
    app.wait_for("a space is not allowed").await;
    app.key(KeyCode::Enter);
    app.key(KeyCode::Backspace);
    app.key(KeyCode::Backspace);
    app.key(KeyCode::Backspace);
    app.key(KeyCode::Backspace);
    app.key(KeyCode::Backspace);
    app.type_text("-coll");
    app.key(KeyCode::Tab);
    app.type_text("team=ops,env=test");
    app.key(KeyCode::Enter);
    app.wait_for("CreateCollection new-coll: StatusCode 200")
        .await;
    app.wait_for("Collections (4)").await;
    let ids = app.ids().await;
    assert!(ids.contains(&"new-coll".to_string()), "{ids:?}");
    let arn = app
        .client
        .describe_collection()
        .collection_id("new-coll")
        .send()
        .await
        .expect("DescribeCollection")
        .collection_arn
        .expect("an ARN");
    let tags = app
        .client
        .list_tags_for_resource()
        .resource_arn(arn)
        .send()
        .await
        .expect("ListTagsForResource")
        .tags
        .unwrap_or_default();
    assert_eq!(tags.get("team").map(String::as_str), Some("ops"));
    assert_eq!(tags.get("env").map(String::as_str), Some("test"));
    // The new row is the selection: Enter opens it.
    app.key(KeyCode::Enter);
    app.wait_for("Collection new-coll ").await;
    app.wait_for("team=ops").await;
    // The create was recorded: an intent, then its outcome with the same id.
    let lines = audited(&app, "CreateCollection");
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[0]["event"], "intent");
    assert_eq!(lines[1]["event"], "outcome");
    assert_eq!(lines[0]["id"], lines[1]["id"]);
    assert_eq!(lines[0]["collection_id"], "new-coll");
    assert_eq!(lines[1]["outcome"], "success");
    quit(app).await;
}
