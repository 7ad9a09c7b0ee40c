//! The one road for changes, walked by every kind of change: each is refused in read-only
//! mode, on a protected collection, with an intent that says otherwise and without an audit
//! trail, and each that goes is recorded (intent before the call, outcome after it). A
//! cancelled search answers nothing.

pub(crate) mod backends;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use tokio::sync::mpsc;

use self::backends::{Silent, Willing};
use crate::app::msg::{Change, Command, DetailAnswer, DetailCall, Msg, Mutation, TableAnswer};
use crate::audit::{Audit, Event, Intent, Operation};
use crate::aws::api::*;
use crate::effects::Effects;
use crate::ids::{CollectionId, UserId};
use crate::protect::Protect;

fn erasure() -> crate::erase::Erasure {
    crate::erase::Erasure {
        target: crate::manifest::Target {
            id: "b".parse().unwrap(),
            account: None,
            region: "us-east-1".into(),
            profile: None,
            endpoint: None,
        },
        search: "marked in the detail view".into(),
        faces: Vec::new(),
        users: vec!["alice".parse().unwrap()],
        caller_arn: None,
        recheck: None,
        keep_names: false,
        likeness: None,
        photo: None,
    }
}

/// Which kind of change this is. No arm is a catch-all: a new kind of change does not
/// compile until this test walks it too.
fn kind(change: &Change) -> usize {
    match change {
        Change::DeleteCollection { .. } => 0,
        Change::CreateCollection { .. } => 1,
        Change::DeleteFaces { .. } => 2,
        Change::CreateUser { .. } => 3,
        Change::DeleteUser { .. } => 4,
        Change::AssociateFaces { .. } => 5,
        Change::DisassociateFaces { .. } => 6,
        Change::Erase { .. } => 7,
    }
}
const KINDS: usize = 8;

/// One change of every kind, to collection `b`, each with the intent `update` makes.
fn every_change() -> Vec<Mutation> {
    let (id, user) = (
        || CollectionId::parse("b").unwrap(),
        || UserId::parse("alice").unwrap(),
    );
    let faces = || vec!["f1".to_owned()];
    let changes = vec![
        Change::DeleteCollection { id: id() },
        Change::CreateCollection {
            id: id(),
            tags: vec![("team".into(), "door".into())],
        },
        Change::DeleteFaces {
            id: id(),
            face_ids: faces(),
        },
        Change::CreateUser {
            id: id(),
            user: user(),
        },
        Change::DeleteUser {
            id: id(),
            user: user(),
        },
        Change::AssociateFaces {
            id: id(),
            user: user(),
            face_ids: faces(),
        },
        Change::DisassociateFaces {
            id: id(),
            user: user(),
            face_ids: faces(),
        },
        Change::Erase {
            erasure: Box::new(erasure()),
        },
    ];
    let mut seen: Vec<usize> = changes.iter().map(kind).collect();
    seen.sort_unstable();
    assert_eq!(
        seen,
        (0..KINDS).collect::<Vec<_>>(),
        "one change of every kind"
    );
    changes
        .into_iter()
        .map(|change| {
            let intent = match &change {
                Change::Erase { erasure } => crate::erase::base_intent(erasure),
                other => Intent::new(other.operation(), other.id(), "us-east-1"),
            };
            Mutation::new(intent, change)
        })
        .collect()
}

/// The one answer to a change: `Ok` with its outcome's success, or `Err` with the message
/// of its refusal or failure.
fn result_of(msg: Msg) -> Result<(), String> {
    fn of<T>(outcome: Outcome<T>) -> Result<(), String> {
        outcome.result.map(|_| ()).map_err(|e| e.message)
    }
    match msg {
        Msg::Table(TableAnswer::Deleted { outcome, .. }) => of(outcome),
        Msg::Table(TableAnswer::CollectionCreated { outcome, .. }) => of(outcome),
        Msg::Detail(DetailAnswer::FacesDeleted { outcome, .. }) => of(outcome),
        Msg::Detail(
            DetailAnswer::UserCreated { outcome, .. } | DetailAnswer::UserDeleted { outcome, .. },
        ) => of(outcome),
        Msg::Detail(
            DetailAnswer::Associated { outcome, .. } | DetailAnswer::Disassociated { outcome, .. },
        ) => of(outcome),
        Msg::Detail(DetailAnswer::Erased { result, .. }) => result.map(|_| ()),
        other => panic!("not the answer to a change: {other:?}"),
    }
}

/// Runs `mutation` and waits for its answer, skipping an erasure's steps.
async fn answer<R: Rekognition>(
    effects: &Effects<R>,
    rx: &mut mpsc::UnboundedReceiver<Msg>,
    mutation: Mutation,
) -> Result<(), String> {
    effects.run(Command::Change(mutation));
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(5), rx.recv())
            .await
            .expect("an answer, not a call that hangs")
            .expect("the channel is open");
        if !matches!(msg, Msg::Detail(DetailAnswer::EraseStep { .. })) {
            return result_of(msg);
        }
    }
}

fn silent(read_only: bool) -> (Effects<Silent>, mpsc::UnboundedReceiver<Msg>) {
    let (tx, rx) = mpsc::unbounded_channel();
    (Effects::new(Arc::new(Silent), tx, read_only), rx)
}

#[tokio::test]
async fn every_change_is_refused_in_read_only_mode_whatever_update_asked() {
    let (effects, mut rx) = silent(true);
    for mutation in every_change() {
        let what = mutation.change.describe();
        let why = answer(&effects, &mut rx, mutation).await.unwrap_err();
        assert!(why.contains("read-only"), "{what}: {why}");
    }
}

#[tokio::test]
async fn every_change_to_a_protected_collection_is_refused() {
    let (effects, mut rx) = silent(false);
    let effects = effects.with_protect(Protect::new(&["b"]).expect("a valid rule"));
    for mutation in every_change() {
        let what = mutation.change.describe();
        let why = answer(&effects, &mut rx, mutation).await.unwrap_err();
        assert!(why.contains("protected by the rule b"), "{what}: {why}");
    }
}

#[tokio::test]
async fn a_change_whose_intent_names_another_collection_or_operation_is_refused() {
    let (effects, mut rx) = silent(false);
    for mut mutation in every_change() {
        let what = mutation.change.describe();
        mutation.intent.collection_id = "other".into();
        let why = answer(&effects, &mut rx, mutation).await.unwrap_err();
        assert!(why.contains("does not describe"), "{what}: {why}");
    }
    let mut mutation = every_change().remove(0);
    mutation.intent.operation = Operation::CreateCollection;
    let why = answer(&effects, &mut rx, mutation).await.unwrap_err();
    assert!(why.contains("does not describe"), "{why}");
}

#[tokio::test]
async fn without_an_audit_trail_nothing_is_changed() {
    let (effects, mut rx) = silent(false);
    for mutation in every_change() {
        let what = mutation.change.describe();
        let why = answer(&effects, &mut rx, mutation).await.unwrap_err();
        assert!(
            why.contains("no audit trail") || why.contains("nothing is changed without a record"),
            "{what}: {why}"
        );
    }
}

#[tokio::test]
async fn every_change_is_recorded_intent_first_then_outcome() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let trail = dir.path().join("audit.jsonl");
    let audit = Arc::new(Audit::open(&trail).expect("the trail opens"));
    let backend = Arc::new(Willing::default());
    let (tx, mut rx) = mpsc::unbounded_channel();
    let effects = Effects::new(Arc::clone(&backend), tx, false)
        .with_audit(audit)
        .with_manifests(Some(dir.path().join("manifests")));
    let changes = every_change();
    let operations: Vec<Operation> = changes.iter().map(|m| m.change.operation()).collect();
    for mutation in changes {
        let what = mutation.change.describe();
        assert_eq!(answer(&effects, &mut rx, mutation).await, Ok(()), "{what}");
    }
    // One call each, and the erasure's DeleteUser.
    assert_eq!(backend.changes.load(Ordering::SeqCst), KINDS);
    let entries = crate::audit::read(&trail).expect("the trail reads").entries;
    assert_eq!(
        entries.len(),
        2 * KINDS,
        "an intent and an outcome for each"
    );
    for (pair, operation) in entries.chunks(2).zip(operations) {
        let (intent, outcome) = (&pair[0].record, &pair[1].record);
        assert_eq!(intent.event, Event::Intent, "{operation:?}");
        assert_eq!(intent.operation.as_deref(), Some(operation.as_str()));
        assert_eq!(intent.collection_id.as_deref(), Some("b"));
        assert_eq!(outcome.event, Event::Outcome, "{operation:?}");
        assert_eq!(outcome.id, intent.id, "the outcome closes its intent");
    }
}

/// DeleteFaces answers 200 whatever it kept: the outcome line says how many went, and
/// which stayed and why. Before, it said `success` and the count asked for.
#[tokio::test]
async fn a_face_deletion_records_the_faces_the_service_kept() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let trail = dir.path().join("audit.jsonl");
    let audit = Arc::new(Audit::open(&trail).expect("the trail opens"));
    let (tx, mut rx) = mpsc::unbounded_channel();
    let effects = Effects::new(Arc::new(Willing::default()), tx, false).with_audit(audit);
    let face_ids = vec!["f1".to_owned(), "kept-2".to_owned(), "f3".to_owned()];
    let mut intent = Intent::new(Operation::DeleteFaces, "b", "us-east-1");
    intent.face_count = Some(3);
    let mutation = Mutation {
        intent: Box::new(intent),
        change: Change::DeleteFaces {
            id: CollectionId::parse("b").unwrap(),
            face_ids,
        },
    };
    assert_eq!(answer(&effects, &mut rx, mutation).await, Ok(()));
    let entries = crate::audit::read(&trail).expect("the trail reads").entries;
    let outcome = &entries.last().expect("an outcome").record;
    assert_eq!(outcome.faces_erased, Some(2));
    assert_eq!(outcome.faces_failed, Some(1));
    let left = outcome.left.as_ref().expect("the faces kept");
    assert_eq!(left.faces_kept.len(), 1);
    assert_eq!(left.faces_kept[0].face_id, "kept-2");
    assert_eq!(
        left.faces_kept[0].reasons,
        ["ASSOCIATED_TO_AN_EXISTING_USER"]
    );
}

#[tokio::test]
async fn a_cancelled_search_answers_nothing_and_is_forgotten() {
    let (tx, mut rx) = mpsc::unbounded_channel();
    let effects = Effects::new(Arc::new(Silent), tx, false);
    effects.run(Command::Detail(DetailCall::FindFaces {
        id: "b".parse().unwrap(),
        serial: 7,
        search: crate::erase::search::Search::User("alice".parse().unwrap()),
        total: None,
    }));
    assert_eq!(super::super::search::running(&effects), [7]);
    effects.run(Command::Detail(DetailCall::CancelFind { serial: 7 }));
    assert!(super::super::search::running(&effects).is_empty());
    let answer = tokio::time::timeout(Duration::from_millis(300), rx.recv()).await;
    assert!(answer.is_err(), "a cancelled search answered: {answer:?}");
}
