//! The users list, CreateUser, DeleteUser, AssociateFaces and DisassociateFaces on the real
//! run loop against the in-process emulator, checked through the SDK and the audit trail.

use ratatui::crossterm::event::KeyCode;
use rekog::emulator::ServeConfig;

use crate::headless_app::{self, App};
use crate::search::{faces, open};

/// The FaceIds the SDK lists for `user` in `id`.
async fn faces_of(app: &App, id: &str, user: &str) -> Vec<String> {
    let page = app
        .client
        .list_faces()
        .collection_id(id)
        .user_id(user)
        .send()
        .await
        .expect("ListFaces by UserId");
    page.faces
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| f.face_id)
        .collect()
}

async fn user_ids(app: &App, id: &str) -> Vec<String> {
    app.client
        .list_users()
        .collection_id(id)
        .send()
        .await
        .expect("ListUsers")
        .users
        .unwrap_or_default()
        .into_iter()
        .filter_map(|u| u.user_id)
        .collect()
}

/// The audit trail's (operation, event) pairs, in order; every user operation's lines
/// name their user.
fn trail(app: &App) -> Vec<(String, String)> {
    app.trail()
        .iter()
        .map(|l| {
            let text = |k: &str| l[k].as_str().unwrap_or_default().to_owned();
            if text("operation").contains("User") || text("operation").contains("Associate") {
                assert!(!text("user_id").is_empty(), "no user in {l}");
            }
            (text("operation"), text("event"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_a_user_associate_faces_with_it_then_take_them_off() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("warehouse-door").await;
    open(&app, "warehouse-door").await;
    app.wait_for("Faces (7)").await;
    app.key(KeyCode::Char('u'));
    app.wait_for("Users (0)").await;
    app.key(KeyCode::Char('c'));
    app.wait_for("Create user").await;
    app.type_text("alice");
    app.wait_for("✓ 5 characters").await;
    app.key(KeyCode::Enter);
    app.wait_for("CreateUser warehouse-door: user alice created")
        .await;
    app.wait_for("Users (1)").await;
    assert_eq!(user_ids(&app, "warehouse-door").await, ["alice"]);

    app.key(KeyCode::Char('u'));
    app.wait_for("Faces (7)").await;
    app.type_text("   ");
    app.wait_for("3 faces marked").await;
    app.key(KeyCode::Char('a'));
    app.wait_for("Associate faces").await;
    app.type_text("alice");
    app.key(KeyCode::Enter);
    app.wait_for("AssociateFaces warehouse-door: 3 faces of 3 associated with user alice")
        .await;
    let all = faces(&app, "warehouse-door").await;
    let mut first: Vec<String> = all.iter().take(3).map(|f| f.0.clone()).collect();
    let mut owned = faces_of(&app, "warehouse-door", "alice").await;
    first.sort();
    owned.sort();
    assert_eq!(owned, first, "the three marked faces");

    // Still marked: x takes them off alice again, behind a confirmation.
    app.key(KeyCode::Char('x'));
    app.wait_for("Disassociate faces").await;
    app.key(KeyCode::Tab);
    app.key(KeyCode::Enter);
    app.wait_for("DisassociateFaces warehouse-door: 3 faces of 3 disassociated from user alice")
        .await;
    assert!(faces_of(&app, "warehouse-door", "alice").await.is_empty());

    let trail = trail(&app);
    let want: Vec<(String, String)> = [
        ("CreateUser", "intent"),
        ("CreateUser", "outcome"),
        ("AssociateFaces", "intent"),
        ("AssociateFaces", "outcome"),
        ("DisassociateFaces", "intent"),
        ("DisassociateFaces", "outcome"),
    ]
    .iter()
    .map(|(o, e)| (o.to_string(), e.to_string()))
    .collect();
    assert_eq!(trail, want);
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_face_of_another_user_is_refused_with_its_reason() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    let all = faces(&app, "lobby-cam").await;
    assert_eq!(
        all[0].2.as_deref(),
        Some("user-000001"),
        "the seed's first face"
    );
    assert_eq!(all[1].2, None);
    open(&app, "lobby-cam").await;
    app.wait_for("Faces (25)").await;
    app.key(KeyCode::Char('u'));
    app.wait_for("user-000002").await;
    app.key(KeyCode::Char('j'));
    app.key(KeyCode::Char('u'));
    app.wait_for("Faces (25)").await;
    app.type_text("  ");
    app.wait_for("2 faces marked").await;
    app.key(KeyCode::Char('a'));
    app.wait_for("Associate faces").await;
    app.type_text("user-000002");
    app.key(KeyCode::Enter);
    let screen = app
        .wait_for(
            "AssociateFaces lobby-cam: 1 face of 2 associated with user user-000002; 1 refused",
        )
        .await;
    let refused = format!("face {} refused: ASSOCIATED_TO_A_DIFFERENT_USER", all[0].0);
    assert!(screen.contains(&refused), "{screen}");
    let owned = faces_of(&app, "lobby-cam", "user-000002").await;
    assert!(owned.contains(&all[1].0));
    assert!(!owned.contains(&all[0].0));
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_a_user_named_with_its_face_count() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    let held = faces_of(&app, "lobby-cam", "user-000002").await.len();
    open(&app, "lobby-cam").await;
    app.key(KeyCode::Char('u'));
    app.wait_for("user-000002").await;
    app.key(KeyCode::Char('j'));
    app.key(KeyCode::Char('d'));
    app.wait_for("Delete user").await;
    app.wait_for(&format!("holds {held} faces")).await;
    app.type_text("user-000002");
    app.wait_for("✓ matches: Enter deletes").await;
    app.key(KeyCode::Enter);
    app.wait_for("DeleteUser lobby-cam: user user-000002 deleted")
        .await;
    assert_eq!(user_ids(&app, "lobby-cam").await, ["user-000001"]);
    // Its faces stay, with no user.
    assert_eq!(faces(&app, "lobby-cam").await.len(), 25);
    assert!(faces_of(&app, "lobby-cam", "user-000002").await.is_empty());
    app.key(KeyCode::Esc);
    app.quit().await;
}
