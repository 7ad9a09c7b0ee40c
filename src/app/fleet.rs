//! The fleet view: every region of the list for the current profile, with how many
//! collections, faces and users it holds and since when. Listing runs in at most
//! [`MAX_LISTING`] regions at once, describes at most [`MAX_DESCRIBES`] per region (quotas
//! are per region); rows fill in as answers come. A result of an earlier opening is dropped.

use std::collections::VecDeque;

use crate::aws::api::{ApiError, CollectionDetail, ErrorKind, Outcome, Page};
use crate::ids::CollectionId;

pub(super) mod view;

/// A call the fleet view asks for, in one region of its profile; the app sends it as a
/// command with the fleet's generation, and its answer comes back with both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// One page of ListCollections.
    Page {
        generation: u64,
        region: String,
        token: Option<String>,
    },
    /// DescribeCollection of one collection.
    Describe {
        generation: u64,
        region: String,
        id: CollectionId,
    },
}

/// Regions listed at once.
pub const MAX_LISTING: usize = 4;
/// DescribeCollection calls in flight per region.
pub const MAX_DESCRIBES: usize = 8;

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
}

impl Region {
    fn new(code: String, name: Option<&'static str>) -> Region {
        Region {
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
        }
    }

    /// Next describes for this region, up to the limit.
    fn describes(&mut self, generation: u64, out: &mut Vec<Call>) {
        while self.describing < MAX_DESCRIBES {
            let Some(id) = self.queue.pop_front() else {
                break;
            };
            self.describing += 1;
            out.push(Call::Describe {
                generation,
                region: self.code.clone(),
                id,
            });
        }
        self.settle();
    }

    fn settle(&mut self) {
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

/// The totals row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub regions: usize,
    pub finished: usize,
    pub collections: u64,
    pub faces: u64,
    pub users: u64,
    pub oldest: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fleet {
    /// Which opening results belong to.
    pub generation: u64,
    pub profile: Option<String>,
    pub regions: Vec<Region>,
    pub selected: usize,
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

impl Fleet {
    /// A fleet of `regions` for `profile`, with the first listings to send.
    pub fn open(
        generation: u64,
        profile: Option<String>,
        regions: Vec<(String, Option<&'static str>)>,
    ) -> (Fleet, Vec<Call>) {
        let mut fleet = Fleet {
            generation,
            profile,
            regions: regions
                .into_iter()
                .map(|(code, name)| Region::new(code, name))
                .collect(),
            selected: 0,
        };
        let out = fleet.start_listings();
        (fleet, out)
    }

    fn listing(&self) -> usize {
        self.regions
            .iter()
            .filter(|r| r.status == Status::Listing)
            .count()
    }

    fn start_listings(&mut self) -> Vec<Call> {
        let mut out = Vec::new();
        let free = MAX_LISTING.saturating_sub(self.listing());
        for region in self
            .regions
            .iter_mut()
            .filter(|r| r.status == Status::Queued)
            .take(free)
        {
            region.status = Status::Listing;
            region.listing_more = true;
            out.push(Call::Page {
                generation: self.generation,
                region: region.code.clone(),
                token: None,
            });
        }
        out
    }

    fn region_mut(&mut self, code: &str) -> Option<&mut Region> {
        self.regions.iter_mut().find(|r| r.code == code)
    }

    /// A ListCollections page for `region`. Returns the commands, and the failure to log
    /// (once per region) when the listing failed.
    pub fn page(
        &mut self,
        generation: u64,
        region: &str,
        outcome: Outcome<Page>,
    ) -> (Vec<Call>, Option<ApiError>) {
        let mut out = Vec::new();
        if generation != self.generation {
            return (out, None);
        }
        let Some(row) = self.region_mut(region) else {
            return (out, None);
        };
        let failed = match outcome.result {
            Ok(page) => {
                row.collections += page.collections.len() as u64;
                row.queue.extend(page.collections.into_iter().map(|c| c.id));
                row.listing_more = page.next_token.is_some();
                if let Some(token) = page.next_token {
                    out.push(Call::Page {
                        generation,
                        region: region.to_owned(),
                        token: Some(token),
                    });
                }
                row.describes(generation, &mut out);
                None
            }
            Err(err) => {
                row.listing_more = false;
                row.queue.clear();
                row.status = classify(&err);
                // Not enabled is an answer, not a problem worth a log line.
                (row.status != Status::NotEnabled).then_some(err)
            }
        };
        out.extend(self.start_listings());
        (out, failed)
    }

    /// A DescribeCollection result. Returns the commands, and the failure to log when it
    /// is the region's first failed describe (the rest are counted, not logged).
    pub fn described(
        &mut self,
        generation: u64,
        region: &str,
        outcome: Outcome<CollectionDetail>,
    ) -> (Vec<Call>, Option<ApiError>) {
        let mut out = Vec::new();
        if generation != self.generation {
            return (out, None);
        }
        let Some(row) = self.region_mut(region) else {
            return (out, None);
        };
        row.describing = row.describing.saturating_sub(1);
        let mut first = None;
        match outcome.result {
            Ok(d) => {
                row.described += 1;
                row.faces += d.face_count.unwrap_or(0);
                row.users += d.user_count.unwrap_or(0);
                if let Some(created) = d.created {
                    row.oldest = Some(row.oldest.map_or(created, |o| o.min(created)));
                }
            }
            Err(err) => {
                row.describe_errors += 1;
                if row.describe_error.is_none() {
                    row.describe_error = Some(match &err.code {
                        Some(code) => code.trim_end_matches("Exception").to_owned(),
                        None => format!("{:?}", err.kind),
                    });
                    first = Some(err);
                }
            }
        }
        row.describes(generation, &mut out);
        (out, first)
    }

    pub fn totals(&self) -> Totals {
        let mut t = Totals {
            regions: self.regions.len(),
            ..Totals::default()
        };
        for r in &self.regions {
            t.finished += usize::from(r.status.finished());
            t.collections += r.collections;
            t.faces += r.faces;
            t.users += r.users;
            if let Some(o) = r.oldest {
                t.oldest = Some(t.oldest.map_or(o, |t: i64| t.min(o)));
            }
        }
        t
    }

    pub fn selected_region(&self) -> Option<&Region> {
        self.regions.get(self.selected)
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.regions.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }
}

#[cfg(test)]
mod tests;
