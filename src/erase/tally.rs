//! What an erasure's calls did so far, sorted at the end into its [`Report`].

use std::collections::{HashMap, HashSet};

use super::plan::Plan;
use super::{Report, Stopped, UserRefusal};
use crate::aws::api::{ApiError, FaceRefusal};
use crate::ids::UserId;

#[derive(Debug, Default)]
pub(super) struct Tally {
    report: Report,
    /// By lowercase FaceId: every reason the service gave for keeping a face.
    refusals: HashMap<String, FaceRefusal>,
    /// Faces in DeleteFaces calls that were answered.
    sent: HashSet<String>,
    /// Named users dealt with (deleted, or kept with a reason).
    users_done: usize,
}

impl Tally {
    pub fn new(manifest: std::path::PathBuf, sha256: String) -> Tally {
        Tally {
            report: Report {
                manifest,
                manifest_sha256: sha256,
                ..Report::default()
            },
            ..Tally::default()
        }
    }

    /// A face the service did not act on; a face refused twice (not disassociated, then
    /// not deleted) keeps the reasons of both.
    pub fn refuse(&mut self, r: FaceRefusal) {
        let key = r.face_id.to_ascii_lowercase();
        match self.refusals.get_mut(&key) {
            Some(known) => {
                for reason in r.reasons {
                    if !known.reasons.contains(&reason) {
                        known.reasons.push(reason);
                    }
                }
                if r.user_id.is_some() {
                    known.user_id = r.user_id;
                }
            }
            None => {
                self.refusals.insert(key, r);
            }
        }
    }

    /// A DeleteFaces call was answered: `deleted` of `sent` are gone.
    pub fn deleted(&mut self, sent: &[String], deleted: Vec<String>) {
        self.sent
            .extend(sent.iter().map(|i| i.to_ascii_lowercase()));
        self.report.faces_erased.extend(deleted);
    }

    pub fn user_erased(&mut self, user: &str) {
        self.report.users_erased.push(user.to_owned());
        self.users_done += 1;
    }

    pub fn user_kept(&mut self, user: &str, error: ApiError) {
        self.report.users_refused.push(UserRefusal {
            user_id: user.to_owned(),
            error,
        });
        self.users_done += 1;
    }

    /// Sorts every face and user `plan` named into erased, refused or not reached.
    pub fn settle(mut self, plan: &Plan, stopped: Option<Stopped>) -> Report {
        let erased: HashSet<String> = (self.report.faces_erased.iter())
            .map(|f| f.to_ascii_lowercase())
            .collect();
        for face in &plan.faces {
            let key = face.face_id.to_ascii_lowercase();
            if erased.contains(&key) {
                continue;
            }
            if let Some(refusal) = self.refusals.remove(&key) {
                self.report.faces_refused.push(refusal);
            } else if self.sent.contains(&key) {
                // Answered, but neither deleted nor refused: not gone, as far as is known.
                self.report.faces_refused.push(FaceRefusal {
                    face_id: face.face_id.clone(),
                    user_id: face.user_id.as_deref().map(str::to_owned),
                    reasons: vec!["NOT_IN_THE_ANSWER".into()],
                });
            } else {
                self.report.faces_not_reached.push(face.face_id.clone());
            }
        }
        let done = self.users_done.min(plan.users.len());
        self.report.users_not_reached = plan.users[done..].iter().map(UserId::to_string).collect();
        self.report.stopped = stopped;
        self.report
    }
}
