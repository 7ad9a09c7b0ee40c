//! The effects layer refuses user changes and erasures on its own in read-only mode and
//! without an audit trail, whatever `update` asked; a cancelled search answers nothing.

use std::future::{Future, pending};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;

use crate::app::msg::{Command, Msg};
use crate::audit::{Intent, Operation};
use crate::aws::api::*;
use crate::effects::Effects;

/// A backend that never answers: a call that reached it would hang, not be refused.
struct Silent;

fn never<T>() -> impl Future<Output = T> + Send {
    pending()
}

impl Rekognition for Silent {
    fn list_page(&self, _: Option<String>) -> impl Future<Output = Outcome<Page>> + Send {
        never()
    }
    fn describe(&self, _: &str) -> impl Future<Output = Outcome<CollectionDetail>> + Send {
        never()
    }
    fn delete(&self, _: &str) -> impl Future<Output = Outcome<i32>> + Send {
        never()
    }
    fn list_faces_page(
        &self,
        _: &str,
        _: &FaceFilter,
        _: Option<String>,
        _: i32,
    ) -> impl Future<Output = Outcome<FacePage>> + Send {
        never()
    }
    fn list_users_page(
        &self,
        _: &str,
        _: Option<String>,
        _: i32,
    ) -> impl Future<Output = Outcome<UserPage>> + Send {
        never()
    }
    fn describe_with_tags(&self, _: &str) -> impl Future<Output = Outcome<Described>> + Send {
        never()
    }
    fn delete_faces(
        &self,
        _: &str,
        _: Vec<String>,
    ) -> impl Future<Output = Outcome<FaceDeletion>> + Send {
        never()
    }
    fn create_collection(&self, _: &str, _: Tags) -> impl Future<Output = Outcome<Created>> + Send {
        never()
    }
    fn create_user(&self, _: &str, _: &str) -> impl Future<Output = Outcome<()>> + Send {
        never()
    }
    fn delete_user(&self, _: &str, _: &str) -> impl Future<Output = Outcome<()>> + Send {
        never()
    }
    fn associate_faces(
        &self,
        _: &str,
        _: &str,
        _: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send {
        never()
    }
    fn disassociate_faces(
        &self,
        _: &str,
        _: &str,
        _: Vec<String>,
    ) -> impl Future<Output = Outcome<Association>> + Send {
        never()
    }
}

fn intent(operation: Operation) -> Box<Intent> {
    Box::new(Intent::new(operation, "b", "us-east-1"))
}

fn commands() -> Vec<Command> {
    vec![
        Command::CreateUser {
            id: "b".into(),
            user: "alice".into(),
            intent: intent(Operation::CreateUser),
        },
        Command::DeleteUser {
            id: "b".into(),
            user: "alice".into(),
            intent: intent(Operation::DeleteUser),
        },
        Command::AssociateFaces {
            id: "b".into(),
            user: "alice".into(),
            face_ids: vec!["f1".into()],
            intent: intent(Operation::AssociateFaces),
        },
        Command::DisassociateFaces {
            id: "b".into(),
            user: "alice".into(),
            face_ids: vec!["f1".into()],
            intent: intent(Operation::DisassociateFaces),
        },
    ]
}

/// The error the one answer to `command` carries.
async fn refusal(
    effects: &Effects<Silent>,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
    command: Command,
) -> ApiError {
    effects.run(command);
    let msg = tokio::time::timeout(Duration::from_secs(5), rx.recv())
        .await
        .expect("an answer, not a call that hangs")
        .expect("the channel is open");
    let result = match msg {
        Msg::UserCreated { outcome, .. } | Msg::UserDeleted { outcome, .. } => outcome.result.err(),
        Msg::Associated { outcome, .. } | Msg::Disassociated { outcome, .. } => {
            outcome.result.err()
        }
        other => panic!("{other:?}"),
    };
    result.expect("refused")
}

fn erasure() -> crate::erase::Erasure {
    crate::erase::Erasure {
        target: crate::manifest::Target {
            id: "b".into(),
            account: None,
            region: "us-east-1".into(),
            profile: None,
            endpoint: None,
        },
        search: "marked in the detail view".into(),
        faces: Vec::new(),
        users: vec!["alice".into()],
        caller_arn: None,
    }
}

async fn erased(effects: &Effects<Silent>, rx: &mut mpsc::UnboundedReceiver<Msg>) -> String {
    effects.run(Command::Erase {
        erasure: Box::new(erasure()),
    });
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await {
        Ok(Some(Msg::Erased {
            result: Err(why), ..
        })) => why,
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn read_only_refuses_user_changes_and_erasures_whatever_update_asked() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let effects = Effects::new(Arc::new(Silent), tx, true);
    for command in commands() {
        let err = refusal(&effects, &mut rx, command).await;
        assert_eq!(err.kind, ErrorKind::Refused);
        assert!(err.message.contains("read-only"), "{}", err.message);
    }
    assert!(erased(&effects, &mut rx).await.contains("read-only"));
}

#[tokio::test]
async fn without_an_audit_trail_nothing_is_changed() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let effects = Effects::new(Arc::new(Silent), tx, false);
    for command in commands() {
        let err = refusal(&effects, &mut rx, command).await;
        assert_eq!(err.code.as_deref(), Some("AuditTrailUnavailable"));
    }
    assert!(erased(&effects, &mut rx).await.contains("no audit trail"));
}

#[tokio::test]
async fn a_cancelled_search_answers_nothing_and_is_forgotten() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let effects = Effects::new(Arc::new(Silent), tx, false);
    effects.run(Command::FindFaces {
        id: "b".into(),
        serial: 7,
        search: crate::erase::search::Search::User("alice".into()),
        total: None,
    });
    assert_eq!(super::super::search::running(&effects), [7]);
    effects.run(Command::CancelFind { serial: 7 });
    assert!(super::super::search::running(&effects).is_empty());
    let answer = tokio::time::timeout(Duration::from_millis(300), rx.recv()).await;
    assert!(answer.is_err(), "a cancelled search answered: {answer:?}");
}
