//! What the SDK adapter makes of the IDs the service lists: each typed once, here, and an
//! item whose ID breaks its rule left out with a warning naming it.

use std::io::Write;
use std::sync::{Arc, Mutex};

use aws_sdk_rekognition::types;

use super::{collections, face, user};

/// The warnings logged while `f` runs, as text.
fn warnings<T>(f: impl FnOnce() -> T) -> (T, String) {
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let sink = Sink::default();
    let writer = sink.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let out = tracing::subscriber::with_default(subscriber, f);
    let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    (out, text)
}

#[test]
fn a_collection_id_that_breaks_the_rule_is_left_out_and_named() {
    let ids = vec!["lobby".to_owned(), "a b".to_owned(), "gate".to_owned()];
    let models = vec!["7.0".to_owned(), "6.0".to_owned(), "5.0".to_owned()];
    let (listed, logged) = warnings(|| collections(ids, models));
    let got: Vec<(&str, Option<&str>)> = listed
        .iter()
        .map(|c| (c.id.as_str(), c.face_model_version.as_deref()))
        .collect();
    // The model versions stay with their own collections.
    assert_eq!(got, [("lobby", Some("7.0")), ("gate", Some("5.0"))]);
    assert!(logged.contains("WARN"), "{logged}");
    assert!(logged.contains(r#"collection "a b""#), "{logged}");
    assert!(logged.contains("a space is not allowed"), "{logged}");
}

#[test]
fn valid_ids_pass_without_a_warning() {
    let ids = vec!["lobby".to_owned()];
    let (listed, logged) = warnings(|| collections(ids, Vec::new()));
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, "lobby");
    assert_eq!(listed[0].face_model_version, None);
    let alice = types::User::builder().user_id("emp:42").build();
    let (u, more) = warnings(|| user(alice));
    assert_eq!(u.map(|u| u.user_id), Some("emp:42".parse().unwrap()));
    assert_eq!(logged + &more, "");
}

#[test]
fn a_user_id_that_breaks_the_rule_is_left_out_and_named() {
    let bad = types::User::builder().user_id("al/ice").build();
    let (u, logged) = warnings(|| user(bad));
    assert_eq!(u, None);
    assert!(logged.contains(r#"user "al/ice""#), "{logged}");
    assert!(logged.contains("'/' is not allowed"), "{logged}");
    // A user the service listed without an ID is left out as before, with nothing to name.
    let (u, logged) = warnings(|| user(types::User::builder().build()));
    assert_eq!(u, None);
    assert_eq!(logged, "");
}

#[test]
fn a_face_whose_user_id_breaks_the_rule_is_left_out_and_named() {
    let id = "11111111-2222-3333-4444-555555555555";
    let owned = types::Face::builder().face_id(id).user_id("u1").build();
    let (f, _) = warnings(|| face(owned));
    assert_eq!(f.and_then(|f| f.user_id), Some("u1".parse().unwrap()));
    let loose = types::Face::builder().face_id(id).build();
    assert_eq!(face(loose).map(|f| f.user_id), Some(None));
    let bad = types::Face::builder().face_id(id).user_id(" u1").build();
    let (f, logged) = warnings(|| face(bad));
    assert_eq!(f, None);
    assert!(
        logged.contains(&format!(r#"face {id} of user " u1""#)),
        "{logged}"
    );
}
