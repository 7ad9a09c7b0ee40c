//! `/` in the detail view on the real run loop against the in-process emulator: a search by
//! FaceId, by `user:ID` and by ExternalImageId, each checked against what the SDK lists;
//! `A` marking every result; and text that cannot be searched, refused in the input.

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::ServeConfig;

use crate::headless_app::{self, App};

/// (FaceId, ExternalImageId, UserId) of every face of `id`, through the SDK.
pub async fn faces(app: &App, id: &str) -> Vec<(String, String, Option<String>)> {
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
            let external = f.external_image_id.unwrap_or_default();
            out.push((f.face_id.unwrap_or_default(), external, f.user_id));
        }
        token = page.next_token;
        if token.is_none() {
            return out;
        }
    }
}

/// Opens the detail view of `id`, found through the filter.
pub async fn open(app: &App, id: &str) {
    app.select(id).await;
    app.key(KeyCode::Enter);
    app.wait_for(&format!("Collection {id} ")).await;
}

/// `/`, the text, Enter.
pub fn search(app: &App, text: &str) {
    app.key(KeyCode::Char('/'));
    app.type_text(text);
    app.key(KeyCode::Enter);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_by_each_form_finds_what_the_sdk_lists_and_a_marks_them_all() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    let all = faces(&app, "lobby-cam").await;
    open(&app, "lobby-cam").await;
    app.wait_for("Faces (25)").await;

    // By FaceId: a UUID is looked up with ListFaces' FaceIds.
    let (face, ..) = &all[4];
    search(&app, face);
    let screen = app.wait_for("Search: 1 match of 1 face scanned").await;
    assert!(screen.contains(&format!("FaceId {face}")), "{screen}");
    app.key(KeyCode::Esc);
    app.wait_for("Faces (25)").await;

    // By user: ListFaces' UserId filter.
    let owned: Vec<&String> = all
        .iter()
        .filter(|f| f.2.as_deref() == Some("user-000001"))
        .map(|f| &f.0)
        .collect();
    assert!(!owned.is_empty(), "the seed gives user-000001 faces");
    search(&app, "user:user-000001");
    let n = owned.len();
    let screen = app
        .wait_for(&format!("Search: {n} matches of {n} faces scanned"))
        .await;
    for face in &owned {
        assert!(screen.contains(face.as_str()), "{face} missing:\n{screen}");
    }
    app.key(KeyCode::Esc);
    app.wait_for("Faces (25)").await;

    // By ExternalImageId, as a glob over every page.
    let glob: Vec<&String> = all
        .iter()
        .filter(|f| f.1.starts_with("img-00000") && f.1.len() == "img-000001.jpg".len())
        .map(|f| &f.0)
        .collect();
    search(&app, "img-00000?.jpg");
    let m = glob.len();
    let screen = app
        .wait_for(&format!("Search: {m} matches of 25 faces scanned"))
        .await;
    assert!(screen.contains("ExternalImageId matching img-00000?.jpg"));
    for face in &glob {
        assert!(screen.contains(face.as_str()), "{face} missing:\n{screen}");
    }
    app.key(KeyCode::Char('A'));
    app.wait_for(&format!("{m} faces marked")).await;
    // Esc: every face again, none marked.
    app.key(KeyCode::Esc);
    let screen = app.wait_for("Faces (25)").await;
    assert!(!screen.contains("marked"), "{screen}");
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_that_cannot_be_searched_is_refused_in_the_input() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    open(&app, "lobby-cam").await;
    app.wait_for("Faces (25)").await;
    search(&app, "img 1");
    app.wait_for("⚠ a space cannot be in an ExternalImageId")
        .await;
    search_closed_without_a_call(&app).await;
    app.key(KeyCode::Esc);
    app.wait_for("Faces (25)").await;
    app.key(KeyCode::Esc);
    app.quit().await;
}

/// The input is still open and no search ran: the log has no search line.
async fn search_closed_without_a_call(app: &App) {
    let screen = app.screen.text();
    assert!(screen.contains("/ img 1"), "{screen}");
    assert!(!screen.contains("search for"), "{screen}");
}
