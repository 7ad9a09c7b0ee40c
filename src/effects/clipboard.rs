//! The clipboard: OSC 52 written between frames, and the refusals of read-only mode.

use super::Effects;
use crate::app::msg::{Msg, SessionAnswer};
use crate::aws::api::Rekognition;
use crate::clipboard::osc52;

impl<R: Rekognition> Effects<R> {
    /// Writes the OSC 52 sequence at once, from the run loop's own call, between frames.
    pub(super) fn copy(&self, what: String, text: &str) {
        let (result, what) = match &self.clipboard {
            None => (Err("no terminal to copy to".to_owned()), what),
            Some((sink, tmux)) => {
                let result = sink(osc52(text, *tmux).as_bytes()).map_err(|e| e.to_string());
                let what = if *tmux {
                    format!("{what} (through tmux)")
                } else {
                    what
                };
                (result, what)
            }
        };
        let _ = self
            .tx
            .send(Msg::Session(SessionAnswer::Copied { what, result }));
    }
}

#[cfg(test)]
mod tests {
    use crate::app::msg::{Change, Command, DetailAnswer, Mutation, SessionCall, TableAnswer};
    use std::sync::{Arc, Mutex};

    use aws_sdk_rekognition::config::{Credentials, Region};
    use tokio::sync::mpsc;

    use super::*;
    use crate::audit::{Intent, Operation};
    use crate::aws::api::ErrorKind;
    use crate::aws::sdk::SdkBackend;

    /// A backend whose endpoint nobody answers: anything that reached it would fail with a
    /// network error, not with the refusal the tests expect.
    fn backend() -> Arc<SdkBackend> {
        let config = aws_sdk_rekognition::Config::builder()
            .behavior_version_latest()
            .region(Region::new("us-east-1"))
            .credentials_provider(Credentials::new("AKID", "secret", None, None, "test"))
            .endpoint_url("http://127.0.0.1:9")
            .build();
        Arc::new(SdkBackend::new(aws_sdk_rekognition::Client::from_conf(
            config,
        )))
    }

    #[tokio::test]
    async fn read_only_refuses_delete_faces_and_create_whatever_update_asked() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        let effects = Effects::new(backend(), tx, true);
        effects.run(Command::Change(Mutation {
            change: Change::DeleteFaces {
                id: "b".parse().unwrap(),
                face_ids: vec!["f1".into()],
            },
            intent: Box::new(Intent::new(Operation::DeleteFaces, "b", "us-east-1")),
        }));
        match rx.recv().await {
            Some(Msg::Detail(DetailAnswer::FacesDeleted {
                requested, outcome, ..
            })) => {
                assert_eq!(requested, ["f1"]);
                let err = outcome.result.expect_err("refused");
                assert_eq!(err.kind, ErrorKind::Refused);
            }
            other => panic!("{other:?}"),
        }
        effects.run(Command::Change(Mutation {
            change: Change::CreateCollection {
                id: "n".parse().unwrap(),
                tags: vec![],
            },
            intent: Box::new(Intent::new(Operation::CreateCollection, "n", "us-east-1")),
        }));
        match rx.recv().await {
            Some(Msg::Table(TableAnswer::CollectionCreated { outcome, .. })) => {
                let err = outcome.result.expect_err("refused");
                assert_eq!(err.kind, ErrorKind::Refused);
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn copy_writes_osc52_to_the_sink_and_reports_it() {
        let written = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&written);
        let (tx, mut rx) = mpsc::unbounded_channel();
        let effects = Effects::new(backend(), tx, false).with_clipboard(
            Box::new(move |bytes| {
                sink.lock().unwrap().extend_from_slice(bytes);
                Ok(())
            }),
            true,
        );
        effects.run(Command::Session(SessionCall::Copy {
            what: "collection ID lobby-cam".into(),
            text: "lobby-cam".into(),
        }));
        assert_eq!(
            rx.recv().await,
            Some(Msg::Session(SessionAnswer::Copied {
                what: "collection ID lobby-cam (through tmux)".into(),
                result: Ok(()),
            }))
        );
        assert_eq!(
            written.lock().unwrap().as_slice(),
            osc52("lobby-cam", true).as_bytes()
        );
    }

    #[tokio::test]
    async fn copy_without_a_terminal_says_so() {
        let (tx, mut rx) = mpsc::unbounded_channel();
        Effects::new(backend(), tx, false).run(Command::Session(SessionCall::Copy {
            what: "x".into(),
            text: "x".into(),
        }));
        assert!(matches!(
            rx.recv().await,
            Some(Msg::Session(SessionAnswer::Copied { result: Err(_), .. }))
        ));
    }
}
