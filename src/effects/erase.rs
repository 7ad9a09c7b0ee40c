//! Runs an erasure as confirmed in the dialog. Refused in read-only mode and without an
//! audit trail; never cancelled once it started.

use super::Effects;
use crate::api::Rekognition;
use crate::app::detail::erase::Plan;
use crate::app::msg::Msg;

impl<R: Rekognition> Effects<R> {
    pub(super) fn erase(&self, plan: Plan) {
        let _ = self.tx.send(Msg::AuditNotice {
            text: format!(
                "Erase {}: this build has no erasure engine; nothing was changed",
                plan.target.id
            ),
            error: true,
        });
    }
}
