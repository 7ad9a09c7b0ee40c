//! Counting a row again after the operator changed what it counts: a delete or an erasure
//! in the table Enter opened from it would otherwise leave the fleet showing collections
//! and faces that are gone, the very figures it is there to answer for.

use super::{Call, Fleet, Region};

impl Fleet {
    /// Row `index` holds less or more than it counted: counts it again, at once if its
    /// count is over, else as soon as it is (so that no answer of the old count lands in the
    /// new one: answers carry the fleet's generation, not the row's).
    pub fn changed(&mut self, index: usize) -> Vec<Call> {
        let Some(row) = self.regions.get_mut(index) else {
            return Vec::new();
        };
        row.changed = true;
        if !over(row) {
            return Vec::new();
        }
        self.recount(index)
    }

    /// After an answer for (`account`, `region`): its recount, if it was changed meanwhile
    /// and this answer ended its count.
    pub(super) fn recount_if_over(&mut self, account: usize, region: &str) -> Vec<Call> {
        let due = self
            .regions
            .iter()
            .position(|r| r.account == account && r.changed && r.code == region && over(r));
        match due {
            Some(i) => self.recount(i),
            None => Vec::new(),
        }
    }

    fn recount(&mut self, index: usize) -> Vec<Call> {
        if let Some(row) = self.regions.get_mut(index) {
            *row = Region::new(row.account, std::mem::take(&mut row.code), row.name);
        }
        self.start_listings()
    }
}

/// Nothing of the row's count is in flight.
fn over(row: &Region) -> bool {
    row.status.finished() && row.describing == 0 && !row.listing_more
}
