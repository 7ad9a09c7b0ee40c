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

/// Every file under `dir`, sorted.
pub fn files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

async fn user_ids(app: &App, id: &str) -> Vec<String> {
    let users = app
        .client
        .list_users()
        .collection_id(id)
        .send()
        .await
        .expect("ListUsers")
        .users
        .unwrap_or_default();
    users.into_iter().filter_map(|u| u.user_id).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_faces_of_a_user_are_erased_with_the_user_a_manifest_and_an_audit_pair() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    let all = faces(&app, "lobby-cam").await;
    let owned: Vec<&String> = all
        .iter()
        .filter(|f| f.2.as_deref() == Some("user-000001"))
        .map(|f| &f.0)
        .collect();
    let n = owned.len();
    open(&app, "lobby-cam").await;
    app.wait_for("Faces (25)").await;
    crate::search::search(&app, "user:user-000001");
    app.wait_for(&format!("Search: {n} matches")).await;
    app.key(KeyCode::Char('A'));
    app.wait_for(&format!("{n} faces marked")).await;
    app.key(KeyCode::Char('E'));
    let screen = app.wait_for("This cannot be undone").await;
    assert!(screen.contains("Users       user-000001"), "{screen}");
    // Enter before the ID is typed erases nothing.
    app.key(KeyCode::Enter);
    app.wait_for("That does not match").await;
    app.type_text("lobby-cam");
    app.wait_for("✓ matches: Enter erases").await;
    app.key(KeyCode::Enter);
    let screen = app.wait_for("Erased.").await;
    assert!(screen.contains("All named are gone"), "{screen}");
    assert!(
        screen.contains(&format!("DeleteFaces lobby-cam: {n} faces of {n} deleted")),
        "{screen}"
    );
    app.key(KeyCode::Enter);
    app.wait_for(" no face matches").await;

    // Nothing is left behind: not the faces, not the user.
    let left = faces(&app, "lobby-cam").await;
    assert_eq!(left.len(), 25 - n);
    assert!(left.iter().all(|f| !owned.contains(&&f.0)));
    assert_eq!(user_ids(&app, "lobby-cam").await, ["user-000002"]);

    // The manifest of exactly those faces, with its digest beside it.
    let written = files(&app.manifests);
    assert_eq!(written.len(), 2, "{written:?}");
    let manifest = &written[0];
    assert!(
        manifest.to_string_lossy().ends_with("Z-erasure.jsonl"),
        "{manifest:?}"
    );
    assert_eq!(written[1], rekog::manifest::digest_path(manifest));
    let summary = rekog::manifest::check(manifest).expect("a whole manifest");
    assert_eq!((summary.faces, summary.users), (n as u64, 1));

    // The audit trail: one intent, one outcome, linked.
    let trail = app.trail();
    assert_eq!(trail.len(), 2, "{trail:#?}");
    let (intent, outcome) = (&trail[0], &trail[1]);
    assert_eq!(
        (&intent["event"], &outcome["event"]),
        (&"intent".into(), &"outcome".into())
    );
    assert_eq!(intent["id"], outcome["id"]);
    assert_eq!(intent["operation"], "Erasure");
    assert_eq!(intent["manifest"], manifest.to_str().expect("a UTF-8 path"));
    assert_eq!(outcome["outcome"], "success");
    assert_eq!(outcome["faces_erased"], n);
    assert_eq!(outcome["users_erased"], 1);
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn e_on_a_user_erases_it_and_all_its_faces() {
    let app = headless_app::start(ServeConfig::default(), false).await;
    app.wait_for("lobby-cam").await;
    let held = faces(&app, "lobby-cam")
        .await
        .iter()
        .filter(|f| f.2.as_deref() == Some("user-000002"))
        .count();
    open(&app, "lobby-cam").await;
    app.key(KeyCode::Char('u'));
    app.wait_for("user-000002").await;
    app.key(KeyCode::Char('j'));
    app.key(KeyCode::Char('E'));
    app.wait_for(&format!("Faces       {held}")).await;
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("All named are gone").await;
    app.key(KeyCode::Esc);
    app.wait_for("Users (1)").await;
    assert_eq!(user_ids(&app, "lobby-cam").await, ["user-000001"]);
    assert_eq!(faces(&app, "lobby-cam").await.len(), 25 - held);
    app.key(KeyCode::Esc);
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_n_in_the_dialog_keeps_the_names_in_clear_text() {
    use ratatui::crossterm::event::{Event, KeyEvent, KeyModifiers};
    let app = headless_app::start_with_manifests(ServeConfig::default()).await;
    app.wait_for("lobby-cam").await;
    open(&app, "lobby-cam").await;
    app.key(KeyCode::Char('u'));
    app.wait_for("user-000002").await;
    app.key(KeyCode::Char('j'));
    app.key(KeyCode::Char('E'));
    app.wait_for("HMAC-SHA256 in the manifest (Ctrl-N: keep clear text)")
        .await;
    let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
    app.keys
        .send(rekog::tui::term::Input::Term(Event::Key(ctrl_n)))
        .expect("app is running");
    app.wait_for("clear text in the manifest (Ctrl-N: HMAC-SHA256)")
        .await;
    app.type_text("lobby-cam");
    app.key(KeyCode::Enter);
    app.wait_for("All named are gone").await;
    let written = files(&app.manifests);
    let manifest = written
        .iter()
        .find(|p| p.to_string_lossy().ends_with("-erasure.jsonl"))
        .expect("the erasure's manifest");
    let text = std::fs::read_to_string(manifest).unwrap();
    assert!(text.contains(r#""names":"clear""#), "{text}");
    assert!(text.contains(r#""UserId":"user-000002""#), "{text}");
    app.key(KeyCode::Esc);
    app.key(KeyCode::Esc);
    app.quit().await;
}
