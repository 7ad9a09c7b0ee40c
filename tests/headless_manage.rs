//! The detail view, DeleteFaces and create on the real run loop (`TestBackend`, scripted
//! keys) against the in-process emulator, checked through the SDK.

#[path = "support/shared_backend.rs"]
mod shared_backend;

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use aws_sdk_rekognition::config::retry::{RetryConfig, RetryPartition};
use aws_sdk_rekognition::config::{Credentials, Region};
use ratatui::Terminal;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rekog::app::State;
use rekog::app::session::Session;
use rekog::effects::Effects;
use rekog::emulator::{self, ServeConfig};
use rekog::sdk::SdkBackend;
use rekog::tui::run::{self, Exit, Io};
use rekog::tui::term::Input;
use shared_backend::SharedBackend;
use tokio::sync::mpsc::{self, UnboundedSender};
use tokio::task::JoinHandle;

const SEED: &str = r#"{"collections":[
    {"id":"alpha-empty"},
    {"id":"lobby-cam","faces":25,"users":2},
    {"id":"big-archive","faces":250}
]}"#;

struct App {
    screen: SharedBackend,
    keys: UnboundedSender<Input>,
    task: JoinHandle<Exit>,
    client: aws_sdk_rekognition::Client,
    _emulator: emulator::Handle,
}

fn patience() -> Duration {
    let secs = std::env::var("REKOG_TEST_TIMEOUT_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    Duration::from_secs(secs)
}

async fn start(name: &str) -> App {
    let config = ServeConfig {
        seed: Some(emulator::Seed::parse("test seed", SEED).expect("seed")),
        ..ServeConfig::default()
    };
    let handle = emulator::serve(config).await.expect("emulator");
    let sdk = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDHEADLESS", "secret", None, None, "t"))
        .endpoint_url(handle.endpoint())
        .retry_config(RetryConfig::standard())
        .retry_partition(RetryPartition::new(format!("headless-manage-{name}")))
        .timeout_config(rekog::tui::connect::timeouts(Duration::from_secs(20)))
        .build();
    let client = aws_sdk_rekognition::Client::from_conf(sdk);
    let session = Session {
        region: "us-east-1".into(),
        endpoint: Some(handle.endpoint()),
        ..Session::default()
    };
    let screen = SharedBackend::new(120, 40);
    let (keys, mut inputs) = mpsc::unbounded_channel();
    let backend = Arc::new(SdkBackend::new(client.clone()));
    let mut terminal = Terminal::new(screen.clone()).expect("terminal");
    let task = tokio::spawn(async move {
        let (result_tx, mut results) = mpsc::unbounded_channel();
        let effects = Effects::new(backend, result_tx, false);
        let mut state = State::new(session);
        let clock = || {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0)
        };
        let io = Io {
            inputs: &mut inputs,
            results: &mut results,
            effects: &effects,
            clock: &clock,
        };
        run::run(&mut terminal, &mut state, io)
            .await
            .expect("run loop")
    });
    App {
        screen,
        keys,
        task,
        client,
        _emulator: handle,
    }
}

impl App {
    async fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let text = self.screen.text();
            if text.contains(needle) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {needle:?}; the screen shows:\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    fn key(&self, code: KeyCode) {
        let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
        self.keys.send(Input::Term(event)).expect("app is running");
    }

    fn type_text(&self, text: &str) {
        text.chars().for_each(|c| self.key(KeyCode::Char(c)));
    }

    async fn open(&self, id: &str) {
        self.key(KeyCode::Char('/'));
        self.type_text(id);
        self.key(KeyCode::Enter);
        self.wait_for("Collections (1/").await;
        self.key(KeyCode::Enter);
        self.wait_for(&format!("Collection {id} ")).await;
    }

    async fn quit(self) {
        self.key(KeyCode::Esc);
        self.key(KeyCode::Char('q'));
        let exit = tokio::time::timeout(patience(), self.task)
            .await
            .expect("app quits")
            .expect("run loop task");
        assert_eq!(exit, Exit::Quit);
    }

    /// (FaceId, UserId) of every face, in ListFaces order.
    async fn faces(&self, id: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        let mut token = None;
        loop {
            let page = self
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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn marked_faces_are_deleted_and_faces_kept_by_a_user_are_reported() {
    let app = start("delete").await;
    app.wait_for("lobby-cam").await;
    let before = app.faces("lobby-cam").await;
    assert_eq!(before.len(), 25);
    let with_user = before
        .iter()
        .position(|(_, user)| user.is_some())
        .expect("the seed gives some faces a user");
    app.open("lobby-cam").await;
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
    let after: Vec<String> = app
        .faces("lobby-cam")
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
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn faces_load_a_page_at_a_time_while_scrolling() {
    let app = start("pages").await;
    app.wait_for("big-archive").await;
    app.open("big-archive").await;
    app.wait_for("Faces (100 of 250 loaded)").await;
    app.key(KeyCode::Char('G'));
    app.wait_for("Faces (200 of 250 loaded)").await;
    app.key(KeyCode::Char('G'));
    app.wait_for("Faces (250)").await;
    app.quit().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_then_the_row_is_there_and_selected() {
    let app = start("create").await;
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
    let ids = app
        .client
        .list_collections()
        .send()
        .await
        .expect("ListCollections")
        .collection_ids
        .unwrap_or_default();
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
    app.quit().await;
}
