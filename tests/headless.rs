//! The real run loop on `TestBackend`, with scripted keys, against the in-process emulator.

#[path = "support/shared_backend.rs"]
mod shared_backend;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
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
    {"id":"warehouse-door","faces":7}
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

/// Each app gets its own retry partition, so throttling in one test cannot drain another's
/// retry tokens.
fn partition() -> RetryPartition {
    static N: AtomicU64 = AtomicU64::new(0);
    RetryPartition::new(format!("headless-{}", N.fetch_add(1, Ordering::Relaxed)))
}

async fn start(mut config: ServeConfig, read_only: bool) -> App {
    config.seed = Some(emulator::Seed::parse("test seed", SEED).expect("seed"));
    let handle = emulator::serve(config).await.expect("emulator");
    let sdk = aws_sdk_rekognition::Config::builder()
        .behavior_version_latest()
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDHEADLESS", "secret", None, None, "t"))
        .endpoint_url(handle.endpoint())
        .retry_config(RetryConfig::standard())
        .retry_partition(partition())
        .timeout_config(rekog::tui::connect::timeouts(Duration::from_secs(20)))
        .build();
    let client = aws_sdk_rekognition::Client::from_conf(sdk);
    let session = Session {
        region: "us-east-1".into(),
        endpoint: Some(handle.endpoint()),
        read_only,
        ..Session::default()
    };
    let screen = SharedBackend::new(120, 40);
    let (keys, mut inputs) = mpsc::unbounded_channel();
    let backend = Arc::new(SdkBackend::new(client.clone()));
    let mut terminal = Terminal::new(screen.clone()).expect("terminal");
    let task = tokio::spawn(async move {
        let (result_tx, mut results) = mpsc::unbounded_channel();
        let effects = Effects::new(backend, result_tx, read_only);
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

    /// Selects `id` through the filter, so the test does not depend on sort order.
    async fn select(&self, id: &str) {
        self.key(KeyCode::Char('/'));
        self.type_text(id);
        self.key(KeyCode::Enter);
        self.wait_for("Collections (1/").await;
    }

    async fn quit(self) {
        self.key(KeyCode::Char('q'));
        let exit = tokio::time::timeout(patience(), self.task)
            .await
            .expect("app quits")
            .expect("run loop task");
        assert_eq!(exit, Exit::Quit);
    }

    async fn ids(&self) -> Vec<String> {
        self.client
            .list_collections()
            .send()
            .await
            .expect("ListCollections")
            .collection_ids
            .unwrap_or_default()
    }
}

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
