//! Runs an erasure as confirmed in the dialog: its steps and its report go back to the app.
//! It comes down the one road of [`Effects::mutate`]; the audit gate refuses it here too,
//! before anything is read, and so does the lack of a place for its manifest. Never
//! cancelled once it started.

use std::sync::Arc;

use tokio::task::JoinHandle;

use super::Effects;
use crate::app::msg::{DetailAnswer, Msg};
use crate::audit::Intent;
use crate::aws::api::{ApiError, Rekognition};
use crate::erase::{self, Erasure};

impl<R: Rekognition> Effects<R> {
    /// Starts `erasure` under `intent`, or answers at once with why not.
    pub(super) fn erase(
        &self,
        intent: Intent,
        erasure: Erasure,
        refusal: Option<ApiError>,
    ) -> Option<JoinHandle<Msg>> {
        let id = erasure.target.id.clone();
        let refuse = |why: String| {
            self.answer(Msg::Detail(DetailAnswer::Erased {
                id: id.clone(),
                result: Err(why),
            }));
            None
        };
        if let Some(err) = refusal {
            return refuse(err.message);
        }
        if let Err(refusal) = self.gate.check(&intent) {
            return refuse(refusal.to_string());
        }
        let gate = self.gate.clone();
        let Some(dir) = self.manifests.as_ref().and_then(|m| m.dir.clone()) else {
            return refuse("no place for its manifest: set HOME or XDG_DATA_HOME".into());
        };
        let backend = Arc::clone(&self.backend);
        let tx = self.tx.clone();
        Some(tokio::spawn(async move {
            let now = crate::time::now_ms();
            let of = id.clone();
            let step = |step| {
                let _ = tx.send(Msg::Detail(DetailAnswer::EraseStep {
                    id: of.clone(),
                    step: Box::new(step),
                }));
            };
            let result =
                erase::erase(backend.as_ref(), &gate, &erasure, intent, &dir, now, step).await;
            Msg::Detail(DetailAnswer::Erased {
                id,
                result: result.map(Box::new),
            })
        }))
    }
}
