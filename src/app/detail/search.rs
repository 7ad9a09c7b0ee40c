//! `/` in the faces pane: the search input, the search while it streams ListFaces pages
//! (cancellable), and its results in place of the faces list until Esc.
//!
//! Every search has a serial number from the state, so a result for another collection, an
//! older search or one already closed finds no owner in the view; a dialog counting or
//! finding a user's faces may own it instead.

use std::collections::{BTreeMap, BTreeSet};

use super::cursor::Cursor;
use super::out::{DialogNews, Note, Out};
use super::view::DetailView;
use crate::app::log::{Call, Entry, Level, describe_error};
use crate::app::msg::{DetailCall, DialogKey, Timestamp};
use crate::aws::api::{ApiError, ErrorKind, Face, Outcome};
use crate::erase::PhotoBytes;
use crate::erase::photo::Photo;
use crate::erase::search::{Found, LIKE_THRESHOLD, PHOTO_NOT_READ, Progress, Search};
use crate::ids::{CollectionId, FaceId};
use crate::manifest::Likeness;
use crate::text::{count, thousands, time_left};

/// The search input: what is typed, and why the last Enter was not taken.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchInput {
    pub text: String,
    pub error: Option<String>,
}

/// What a key in the search input asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Typed {
    /// The input stays open.
    Stay,
    /// Esc: the input closes.
    Close,
    /// Enter on text that parses: the input closes and this search starts.
    Search(String),
}

impl SearchInput {
    /// A key in the input. Enter starts a search only from text that parses.
    pub fn key(&mut self, key: DialogKey) -> Typed {
        match key {
            DialogKey::Input(c) => {
                self.text.push(c);
                self.error = None;
            }
            DialogKey::Backspace => {
                self.text.pop();
                self.error = None;
            }
            DialogKey::Cancel => return Typed::Close,
            DialogKey::Submit => match Search::parse(&self.text) {
                Err(why) => self.error = Some(why),
                Ok(_) => return Typed::Search(std::mem::take(&mut self.text)),
            },
            // The input is one line.
            DialogKey::FocusNext | DialogKey::FocusPrev => {}
        }
        Typed::Stay
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Running,
    Done,
    Failed(String),
}

/// A search of the open collection and what it found so far.
#[derive(Debug, Clone, PartialEq)]
pub struct Searched {
    pub serial: u64,
    pub search: Search,
    pub phase: Phase,
    pub progress: Progress,
    pub started: Timestamp,
    /// When the last progress came.
    pub updated: Timestamp,
    /// The matches, once the search is done.
    pub faces: Vec<Face>,
    /// A search by likeness: each match's similarity, by FaceId.
    pub similarity: BTreeMap<String, f32>,
    /// The photo a search by photo read.
    pub photo: Option<Box<Photo>>,
    pub cursor: Cursor,
    /// Marks of the results this search replaces with the same search at another
    /// threshold (`+`/`-`): those on faces it finds again are marked again.
    pub carried: BTreeSet<String>,
}

impl Searched {
    pub fn running(&self) -> bool {
        self.phase == Phase::Running
    }

    /// The call that stops it, while it runs.
    pub fn cancel(&self) -> Option<DetailCall> {
        self.running().then_some(DetailCall::CancelFind {
            serial: self.serial,
        })
    }

    /// `about 12 s left`, for a scan of a collection whose face count is known.
    pub fn time_left(&self) -> Option<String> {
        let ms = self.updated.saturating_sub(self.started);
        let p = &self.progress;
        let rate = (ms > 0).then(|| p.scanned as f64 * 1000.0 / ms as f64)?;
        time_left(p.scanned, p.total?, rate)
    }

    /// `12 of 1,200 faces scanned match` once done; `4 faces at similarity 90 or more` for
    /// a search by likeness.
    pub fn summary(&self) -> String {
        let p = &self.progress;
        if let Some(threshold) = self.search.threshold() {
            let faces = count(p.matched, "face", "faces");
            return format!("{faces} at similarity {threshold} or more");
        }
        format!(
            "{} of {} scanned",
            count(p.matched, "match", "matches"),
            count(p.scanned, "face", "faces")
        )
    }
}

impl Searched {
    /// What an erasure of `faces` (among the results) keeps of a search by likeness: how
    /// it reads in the manifest and the trail (a photo by its SHA-256, never its path),
    /// what was searched, the threshold, each face's similarity, and the photo to search
    /// with again for the proof of absence. `None` for another search.
    pub fn likeness(&self, faces: &[Face]) -> Option<(String, Likeness, Option<PhotoBytes>)> {
        use crate::manifest::Searched as From;
        let threshold = self.search.threshold()?;
        let (searched, text, photo) = match (&self.search, &self.photo) {
            (Search::Like { face, .. }, _) => {
                (From::FaceId(face.to_string()), self.search.describe(), None)
            }
            (Search::Photo { .. }, Some(photo)) => (
                From::ImageSha256(photo.sha256.clone()),
                format!(
                    "faces like the photo with SHA-256 {} at similarity {threshold} or more",
                    photo.sha256
                ),
                Some(PhotoBytes(photo.bytes.clone().into())),
            ),
            _ => return None,
        };
        let similarity = faces
            .iter()
            .filter_map(|f| Some((f.face_id.clone(), *self.similarity.get(&f.face_id)?)))
            .collect();
        let likeness = Likeness {
            searched,
            threshold: f32::from(threshold),
            similarity,
        };
        Some((text, likeness, photo))
    }
}

impl DetailView {
    /// `s` on a face: the faces like it, at the threshold of the search by likeness shown
    /// (90 at first). `Err` says why there is nothing to search with.
    pub fn like(&mut self, serial: u64, now: Timestamp) -> Result<Vec<DetailCall>, String> {
        let face = self
            .selected_face()
            .ok_or("no face is selected to search with")?;
        let face = FaceId::parse(&face.face_id.to_ascii_lowercase())
            .map_err(|e| format!("FaceId {}: {e}", face.face_id))?;
        let threshold = (self.search.as_ref())
            .and_then(|s| s.search.threshold())
            .unwrap_or(LIKE_THRESHOLD);
        Ok(self.search(serial, Search::Like { face, threshold }, now))
    }

    /// `+` / `-` while a search by likeness is shown: the same search, its threshold up or
    /// down by 5. One still running gives way, so that `+` pressed twice is 10 up.
    pub fn restep(&mut self, up: bool, serial: u64, now: Timestamp) -> Vec<DetailCall> {
        let Some(again) = (self.search.as_ref()).and_then(|s| s.search.stepped(up)) else {
            return Vec::new();
        };
        // The marks shown, or those a search still running was to restore.
        let mut carried = std::mem::take(&mut self.marked);
        if let Some(running) = self.search.as_mut().filter(|s| s.running()) {
            carried.append(&mut running.carried);
        }
        let out = self.search(serial, again, now);
        if let Some(search) = self.search.as_mut() {
            search.carried = carried;
        }
        out
    }

    /// Starts `search`, numbered `serial`: the one before it stops, the marks go (they
    /// were on another list), and the results will replace the faces list.
    pub fn search(&mut self, serial: u64, search: Search, now: Timestamp) -> Vec<DetailCall> {
        let mut out: Vec<DetailCall> = self
            .search
            .take()
            .and_then(|s| s.cancel())
            .into_iter()
            .collect();
        self.marked.clear();
        let total = self.total();
        self.search = Some(Searched {
            serial,
            search: search.clone(),
            phase: Phase::Running,
            progress: Progress {
                total: total.filter(|_| search.scans_everything()),
                ..Progress::default()
            },
            started: now,
            updated: now,
            faces: Vec::new(),
            similarity: BTreeMap::new(),
            photo: None,
            cursor: Cursor::default(),
            carried: BTreeSet::new(),
        });
        out.push(DetailCall::FindFaces {
            id: self.id.clone(),
            serial,
            search,
            total,
        });
        out
    }

    /// Esc while a search runs or its results are shown: back to the full list; a search
    /// stopped running is logged.
    pub fn close_search(&mut self, now: Timestamp) -> Out {
        let Some(search) = self.search.take() else {
            return Out::default();
        };
        self.marked.clear();
        let mut out = Out::calls(search.cancel());
        if !out.calls.is_empty() {
            let p = &search.progress;
            out.entry(Entry {
                at: now,
                level: Level::Info,
                text: format!(
                    "search of {} for {} cancelled after {} ({} scanned)",
                    self.id,
                    search.search.describe(),
                    count(p.pages, "page", "pages"),
                    thousands(p.scanned)
                ),
                hint: None,
            });
        }
        out
    }

    /// Whether the search numbered `serial` runs in this view.
    fn awaits(&self, serial: u64) -> bool {
        (self.search.as_ref()).is_some_and(|s| s.serial == serial && s.running())
    }

    /// The view's running search with this serial.
    fn running(&mut self, serial: u64) -> Option<&mut Searched> {
        self.search
            .as_mut()
            .filter(|s| s.serial == serial && s.running())
    }

    /// The search task died: the view stops waiting for it.
    pub(super) fn search_lost(&mut self, serial: u64) {
        if let Some(search) = self.running(serial) {
            search.phase = Phase::Failed("the search did not complete".into());
        }
    }
}

/// How far the search numbered `serial` in `id` got: the view's, or a dialog's.
pub fn progress(
    view: Option<&mut DetailView>,
    id: &CollectionId,
    serial: u64,
    p: Progress,
    now: Timestamp,
) -> Out {
    match view.filter(|v| v.id == *id).and_then(|v| v.running(serial)) {
        Some(search) => {
            search.progress = p;
            search.updated = now;
            Out::default()
        }
        None => Out::dialog(DialogNews::Finding {
            id: id.clone(),
            serial,
            matched: p.matched,
        }),
    }
}

/// A search finished: its results replace the faces list, if the view still wants them;
/// otherwise the dialog that asked (a user's face count, the faces of a user to erase)
/// may.
pub fn found(
    view: Option<&mut DetailView>,
    id: &CollectionId,
    serial: u64,
    outcome: Outcome<Found>,
    rows: usize,
    now: Timestamp,
) -> Out {
    let Some(view) = view.filter(|v| v.id == *id && v.awaits(serial)) else {
        return Out::dialog(DialogNews::Found {
            id: id.clone(),
            serial,
            result: outcome
                .result
                .map(|f| f.faces)
                .map_err(|e| describe_error(&e)),
        });
    };
    let Some(search) = view.running(serial) else {
        return Out::default();
    };
    let mut out = Out::default();
    match outcome.result {
        Ok(found) => {
            search.progress = found.progress;
            search.faces = found.faces;
            let carried = std::mem::take(&mut search.carried);
            let again: BTreeSet<String> = (search.faces.iter())
                .filter(|f| carried.contains(&f.face_id))
                .map(|f| f.face_id.clone())
                .collect();
            search.similarity = found.similarity;
            search.photo = found.photo;
            search.phase = Phase::Done;
            search.cursor.fit(search.faces.len(), rows);
            let call = Call {
                op: search.search.op(),
                target: Some(id),
                request_id: outcome.request_id.as_deref(),
                elapsed: outcome.elapsed,
            };
            let text = match search.search.threshold() {
                Some(_) => format!(
                    "{}: {}",
                    search.search.describe(),
                    count(found.progress.matched, "face", "faces")
                ),
                None => format!(
                    "search for {}: {} in {}",
                    search.search.describe(),
                    search.summary(),
                    count(found.progress.pages, "page", "pages")
                ),
            };
            out.entry(call.entry(now, Level::Info, &text, None));
            view.marked = again;
        }
        // The photo was never sent: a line of its own, not a failed call.
        Err(ref err) if err.code.as_deref() == Some(PHOTO_NOT_READ) => {
            search.phase = Phase::Failed(err.message.clone());
            out.entry(Entry {
                at: now,
                level: Level::Error,
                text: format!("nothing sent for the search in {id}: {}", err.message),
                hint: None,
            });
        }
        Err(ref err) => {
            search.phase = Phase::Failed(describe_error(err));
            out.note(Note::failed(search.search.op(), id, &outcome, err.clone()));
        }
    }
    out
}

/// What a dialog waiting on a search whose task died is told.
pub fn lost() -> String {
    describe_error(&ApiError {
        kind: ErrorKind::Other,
        code: None,
        message: "the search did not complete".into(),
        status: None,
    })
}
