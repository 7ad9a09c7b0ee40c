//! The collections table's model: rows as listed, the describe cache, and the filtered,
//! sorted view with its selection. The selection follows a collection id, not a position.
//! Other parts of the app change it only through these methods.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::aws::api::{Collection, CollectionDetail};
use crate::ids::CollectionId;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Faces,
    Users,
    Model,
    Created,
    Age,
}

impl Column {
    pub fn next(self) -> Column {
        match self {
            Column::Id => Column::Faces,
            Column::Faces => Column::Users,
            Column::Users => Column::Model,
            Column::Model => Column::Created,
            Column::Created => Column::Age,
            Column::Age => Column::Id,
        }
    }

    /// Whether the order depends on DescribeCollection results.
    fn needs_details(self) -> bool {
        matches!(
            self,
            Column::Faces | Column::Users | Column::Created | Column::Age
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: Column,
    pub descending: bool,
}

/// What DescribeCollection said about a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    Loaded(CollectionDetail),
    /// A short reason for the row, e.g. `AccessDenied`.
    Failed(String),
}

/// A describe result and the listing generation it belongs to; an older one is still shown
/// but fetched again when its row comes into view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub detail: Detail,
    pub generation: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Collection>,
    pub cache: HashMap<CollectionId, Cached>,
    /// Describes in flight, with the generation that issued them.
    pub describing: HashMap<CollectionId, u64>,
    /// Collections whose DeleteCollection (or the check before it) is running.
    pub deleting: HashSet<CollectionId>,
    /// Indices into `rows`, filtered and sorted.
    pub view: Vec<usize>,
    /// Index into `view`.
    pub selected: usize,
    /// First index of `view` on screen.
    pub offset: usize,
    pub sort: Sort,
    pub filter: String,
    /// After a refresh, the id to select again once a page brings it back.
    pub reselect: Option<CollectionId>,
    /// Deleted during the current listing: later pages must not bring them back.
    pub gone: HashSet<CollectionId>,
    /// The ListCollections pass in progress or last finished.
    pub listing: Listing,
    /// A refresh asked for while a confirmation was open: it runs when the dialog closes.
    pub refresh_deferred: bool,
    /// The service throttled DescribeCollection: the rows being described wait their turn.
    pub paced: bool,
}

/// The ListCollections pass in progress or last finished.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Listing {
    /// Bumped by every refresh; pages of older generations are dropped.
    pub generation: u64,
    pub loading: bool,
    pub pages: u32,
    /// Whether this generation's first page arrived (it replaces the old rows).
    pub received: bool,
    pub elapsed: std::time::Duration,
    pub error: Option<String>,
    /// A page failed and is asked for again after a pause: which attempt, and the pause.
    pub retry: Option<(u32, std::time::Duration)>,
    /// The token of the page asked for last, to ask for it again.
    pub token: Option<String>,
}

impl Default for Table {
    fn default() -> Self {
        Table {
            rows: Vec::new(),
            cache: HashMap::new(),
            describing: HashMap::new(),
            deleting: HashSet::new(),
            view: Vec::new(),
            selected: 0,
            offset: 0,
            sort: Sort {
                column: Column::Id,
                descending: false,
            },
            filter: String::new(),
            reselect: None,
            gone: HashSet::new(),
            listing: Listing::default(),
            refresh_deferred: false,
            paced: false,
        }
    }
}

/// An id's bytes with ASCII case folded (ids are ASCII), for an order people expect.
fn folded(id: &str) -> impl Iterator<Item = u8> + '_ {
    id.bytes().map(|b| b.to_ascii_lowercase())
}

fn version_key(v: Option<&str>) -> Option<Vec<u32>> {
    v.map(|v| v.split('.').map(|p| p.parse().unwrap_or(0)).collect())
}

impl Table {
    pub fn selected(&self) -> Option<&Collection> {
        let row = self.view.get(self.selected)?;
        self.rows.get(*row)
    }

    pub fn selected_id(&self) -> Option<&str> {
        self.selected().map(|c| c.id.as_str())
    }

    pub fn loaded(&self, id: &str) -> Option<&CollectionDetail> {
        match self.cache.get(id).map(|c| &c.detail) {
            Some(Detail::Loaded(detail)) => Some(detail),
            _ => None,
        }
    }

    /// The model a row shows: DescribeCollection's when known, else ListCollections'.
    pub fn model<'a>(&'a self, row: &'a Collection) -> Option<&'a str> {
        self.loaded(&row.id)
            .and_then(|d| d.face_model_version.as_deref())
            .or(row.face_model_version.as_deref())
    }

    fn compare(&self, a: &Collection, b: &Collection) -> Ordering {
        let column = self.sort.column;
        // Faces, users and creation time compared as one numeric key, without cloning.
        let number = |c: &Collection| -> Option<i128> {
            let d = self.loaded(&c.id)?;
            match column {
                Column::Faces => d.face_count.map(i128::from),
                Column::Users => d.user_count.map(i128::from),
                Column::Created => d.created.map(i128::from),
                // The oldest is the largest age: creation time the other way round.
                Column::Age => d.created.map(|c| -i128::from(c)),
                Column::Id | Column::Model => None,
            }
        };
        let primary = match column {
            Column::Id => Ordering::Equal,
            Column::Model => version_key(self.model(a)).cmp(&version_key(self.model(b))),
            _ => number(a).cmp(&number(b)),
        };
        let order = primary
            .then_with(|| folded(&a.id).cmp(folded(&b.id)))
            .then_with(|| a.id.cmp(&b.id));
        if self.sort.descending {
            order.reverse()
        } else {
            order
        }
    }

    /// Recomputes the view after rows, filter, sort or details changed, keeping the
    /// selection on `keep` when it is still there (else on the same position).
    pub fn rebuild(&mut self, keep: Option<CollectionId>) {
        let mut view = self.matching(0..self.rows.len());
        view.sort_by(|&a, &b| self.compare(&self.rows[a], &self.rows[b]));
        self.view = view;
        self.reposition(keep);
    }

    /// The rows in `range` that the filter lets through.
    fn matching(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        let needle = self.filter.to_lowercase();
        range
            .filter(|&i| needle.is_empty() || self.rows[i].id.to_lowercase().contains(&needle))
            .collect()
    }

    /// Puts the selection back on the row to select again after a refresh, else on `keep`,
    /// else where it was.
    fn reposition(&mut self, keep: Option<CollectionId>) {
        let position = |id: &str| self.view.iter().position(|&i| self.rows[i].id == id);
        if let Some(pos) = self.reselect.as_deref().and_then(position) {
            self.selected = pos;
            self.reselect = None;
        } else if let Some(pos) = keep.as_deref().and_then(position) {
            self.selected = pos;
        }
        self.selected = self.selected.min(self.view.len().saturating_sub(1));
    }

    fn keep(&self) -> Option<CollectionId> {
        self.selected().map(|c| c.id.clone())
    }

    fn refilter(&mut self) {
        self.rebuild(self.keep());
    }

    /// Adds a page of ListCollections; the first page of a refresh replaces the old rows.
    pub fn add_page(&mut self, collections: Vec<Collection>, replace: bool) {
        let keep = self.keep();
        if replace {
            self.rows.clear();
            self.view.clear();
        }
        let start = self.rows.len();
        let gone = &self.gone;
        self.rows
            .extend(collections.into_iter().filter(|c| !gone.contains(&c.id)));
        // Only the new rows are sorted, then merged into the view: a listing of 100,000
        // costs a merge per page instead of sorting every row again.
        let mut added = self.matching(start..self.rows.len());
        added.sort_by(|&a, &b| self.compare(&self.rows[a], &self.rows[b]));
        // Each new row goes where a binary search of the rest of the view puts it: pages
        // that sort after everything listed so far cost one search, not a pass.
        let view = std::mem::take(&mut self.view);
        let mut merged = Vec::with_capacity(view.len() + added.len());
        let mut from = 0;
        for b in added {
            let after =
                |&a: &usize| self.compare(&self.rows[a], &self.rows[b]) != Ordering::Greater;
            let at = from + view[from..].partition_point(after);
            merged.extend_from_slice(&view[from..at]);
            merged.push(b);
            from = at;
        }
        merged.extend_from_slice(&view[from..]);
        self.view = merged;
        self.reposition(keep);
    }

    pub fn remove(&mut self, id: &CollectionId) {
        let keep = self.keep();
        self.rows.retain(|c| c.id != *id);
        self.cache.remove(id);
        self.gone.insert(id.clone());
        self.rebuild(keep);
    }

    pub fn store(&mut self, id: &CollectionId, detail: Detail, generation: u64) {
        let keep = self.keep();
        self.cache.insert(id.clone(), Cached { detail, generation });
        if self.sort.column.needs_details() {
            self.rebuild(keep);
        }
    }

    pub fn set_sort(&mut self, sort: Sort) {
        self.sort = sort;
        self.refilter();
    }

    pub fn sort_next(&mut self) {
        self.set_sort(Sort {
            column: self.sort.column.next(),
            descending: false,
        });
    }

    pub fn sort_reverse(&mut self) {
        self.set_sort(Sort {
            descending: !self.sort.descending,
            ..self.sort
        });
    }

    pub fn filter_push(&mut self, c: char) {
        self.filter.push(c);
        self.refilter();
    }

    pub fn filter_pop(&mut self) {
        self.filter.pop();
        self.refilter();
    }

    pub fn filter_clear(&mut self) {
        self.filter.clear();
        self.refilter();
    }

    /// A collection just created: its row is added and selected, shown even if the filter
    /// would hide it.
    pub fn insert_created(&mut self, id: &CollectionId, face_model_version: Option<String>) {
        self.gone.remove(id);
        if !self.rows.iter().any(|c| c.id == *id) {
            self.rows.push(Collection {
                id: id.clone(),
                face_model_version,
            });
        }
        if !id.to_lowercase().contains(&self.filter.to_lowercase()) {
            self.filter.clear();
        }
        self.reselect = None;
        self.rebuild(Some(id.clone()));
    }

    /// `n` faces of `id` were deleted: its cached count goes down by as many.
    pub fn faces_deleted(&mut self, id: &CollectionId, n: u64) {
        if let Some(mut detail) = self.loaded(id).cloned() {
            detail.face_count = detail.face_count.map(|c| c.saturating_sub(n));
            let generation = self.listing.generation;
            self.store(id, Detail::Loaded(detail), generation);
        }
    }

    /// Moves the selection by `delta` rows (clamped) and forgets a pending reselect.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.view.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.reselect = None;
    }

    /// Keeps the selection within the `rows` lines on screen, scrolling as little as it can.
    pub fn scroll_into_view(&mut self, rows: usize) {
        let rows = rows.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(self.view.len().saturating_sub(rows));
    }

    /// Ids on screen that need a DescribeCollection: never described in this generation, not
    /// in flight, not being deleted; at most `room` of them.
    pub fn to_describe(&self, generation: u64, rows: usize, room: usize) -> Vec<CollectionId> {
        let end = (self.offset + rows).min(self.view.len());
        self.view[self.offset.min(end)..end]
            .iter()
            .map(|&i| &self.rows[i].id)
            .filter(|id| {
                !self.describing.contains_key(*id)
                    && !self.deleting.contains(*id)
                    && self
                        .cache
                        .get(*id)
                        .is_none_or(|c| c.generation < generation)
            })
            .take(room)
            .cloned()
            .collect()
    }
}
