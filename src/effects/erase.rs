//! Runs an erasure as confirmed in the dialog: its steps and its report go back to the app.
//! Refused in read-only mode, without an audit trail and without a place for its manifest;
//! never cancelled once it started.

use std::sync::Arc;

use super::Effects;
use crate::app::msg::{Command, Msg};
use crate::aws::api::Rekognition;
use crate::erase::{self, Erasure};

impl<R: Rekognition> Effects<R> {
    pub(super) fn erase(&self, erasure: Erasure) {
        let id = erasure.target.id.clone();
        let refuse = |why: &str| {
            self.answer(Msg::Erased {
                id: id.clone(),
                result: Err(why.to_owned()),
            });
        };
        if self.read_only {
            return refuse("refused: rekog is read-only");
        }
        let Some(audit) = self.audit.clone() else {
            return refuse("no audit trail is open, and nothing is changed without a record");
        };
        let Some(dir) = self.manifests.as_ref().and_then(|m| m.dir.clone()) else {
            return refuse("no place for its manifest: set HOME or XDG_DATA_HOME");
        };
        let command = Command::Erase {
            erasure: Box::new(erasure.clone()),
        };
        let backend = Arc::clone(&self.backend);
        let tx = self.tx.clone();
        let task = tokio::spawn(async move {
            let now = crate::time::now_ms();
            let of = id.clone();
            let step = |step| {
                let _ = tx.send(Msg::EraseStep {
                    id: of.clone(),
                    step: Box::new(step),
                });
            };
            let result = erase::erase(backend.as_ref(), &audit, &erasure, &dir, now, step).await;
            Msg::Erased {
                id,
                result: result.map(Box::new),
            }
        });
        self.watch(command, task);
    }
}
