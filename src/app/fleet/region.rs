//! One (account, region) row of the fleet: where its count stands, its numbers, the
//! collections listed and not yet described; and how a failure reads on it.

use std::collections::VecDeque;

use super::{Call, MAX_DESCRIBES, Via};
use crate::aws::api::{ApiError, ErrorKind};
use crate::ids::CollectionId;

/// Where a region's count stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Queued,
    Listing,
    Describing,
    Done,
    /// An opt-in region the account has not enabled: the service does not know its keys.
    NotEnabled,
    /// AccessDenied, with the IAM action that is missing.
    Denied(String),
    /// Any other failure, with a short reason.
    Failed(String),
}

impl Status {
    /// Whether the region's numbers are final (or will never come).
    pub fn finished(&self) -> bool {
        !matches!(self, Status::Queued | Status::Listing | Status::Describing)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// The account's index in [`super::Fleet::accounts`].
    pub account: usize,
    pub code: String,
    pub name: Option<&'static str>,
    pub status: Status,
    pub collections: u64,
    pub faces: u64,
    pub users: u64,
    /// Epoch seconds of the oldest collection described so far.
    pub oldest: Option<i64>,
    /// Collections listed and not yet described.
    pub queue: VecDeque<CollectionId>,
    pub describing: usize,
    pub described: u64,
    /// Describes that failed; the first one's reason is kept for the status line.
    pub describe_errors: u64,
    pub describe_error: Option<String>,
    /// More pages of ListCollections follow.
    pub listing_more: bool,
    /// The operator changed what it counts (a delete, an erasure in its table) since its
    /// count began: it is counted again once that count is over.
    pub changed: bool,
}

impl Region {
    pub(super) fn new(account: usize, code: String, name: Option<&'static str>) -> Region {
        Region {
            account,
            code,
            name,
            status: Status::Queued,
            collections: 0,
            faces: 0,
            users: 0,
            oldest: None,
            queue: VecDeque::new(),
            describing: 0,
            described: 0,
            describe_errors: 0,
            describe_error: None,
            listing_more: false,
            changed: false,
        }
    }

    /// Next describes for this region, up to its limit and the fleet's `budget`, which
    /// each one started uses.
    pub(super) fn describes(
        &mut self,
        generation: u64,
        via: &Via,
        out: &mut Vec<Call>,
        budget: &mut usize,
    ) {
        while self.describing < MAX_DESCRIBES && *budget > 0 {
            let Some(id) = self.queue.pop_front() else {
                break;
            };
            self.describing += 1;
            *budget -= 1;
            out.push(Call::Describe {
                generation,
                account: self.account,
                via: via.clone(),
                region: self.code.clone(),
                id,
            });
        }
        self.settle();
    }

    pub(super) fn settle(&mut self) {
        if matches!(self.status, Status::Listing | Status::Describing) {
            self.status = if self.listing_more {
                Status::Listing
            } else if self.describing > 0 || !self.queue.is_empty() {
                Status::Describing
            } else {
                Status::Done
            };
        }
    }
}

/// What a region's failure is, for its status, and whether to log it.
pub fn classify(err: &ApiError) -> Status {
    // Opt-in regions answer a key they have never seen as unknown: "The security token
    // included in the request is invalid".
    let code = err.code.as_deref().unwrap_or("");
    if matches!(code, "UnrecognizedClientException" | "InvalidClientTokenId") {
        return Status::NotEnabled;
    }
    match err.kind {
        ErrorKind::AccessDenied => Status::Denied(
            missing_action(&err.message).unwrap_or_else(|| "rekognition:ListCollections".into()),
        ),
        _ => Status::Failed(match &err.code {
            Some(code) => code.trim_end_matches("Exception").to_owned(),
            // A region that could not be connected to: the reason is the whole message.
            None if err.kind == ErrorKind::Credentials => err.message.clone(),
            None => format!("{:?}", err.kind),
        }),
    }
}

/// `rekognition:ListCollections` out of "... is not authorized to perform: X on ...".
fn missing_action(message: &str) -> Option<String> {
    let rest = message.split("perform: ").nth(1)?;
    let action = rest.split_whitespace().next()?;
    Some(action.trim_end_matches([',', '.']).to_owned())
}
