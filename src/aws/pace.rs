//! rekog paces itself under Rekognition's request quotas. Each operation has an adaptive
//! rate: unlimited until the service throttles it, then a little under the rate that was
//! getting through, creeping up again with every success (additive increase,
//! multiplicative decrease, as TCP does). A throttled call waits its turn and is sent
//! again, within the operation's time budget, so a quota shows up as rows that wait rather
//! than as errors; whoever runs rekog is told once per throttle.

use crate::audit::Licence;
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::aws::api::{
    Association, CollectionDetail, Created, Described, ErrorKind, FaceDeletion, FaceFilter,
    FaceMatch, FacePage, Op, Outcome, Page, Rekognition, Tags, UserMatch, UserPage,
};
use crate::ids::{CollectionId, FaceId, UserId};
use crate::time::Stopwatch;

/// The slowest pace rekog falls to: a call every two seconds.
const MIN_RATE: f64 = 0.5;
/// What a throttle leaves of the rate that was getting through.
const DECREASE: f64 = 0.8;
/// How each success raises the pace again: by 2%, and at least 0.02 calls per second, so
/// that a pace cut hard by someone else's burst recovers in tens of seconds.
const INCREASE: f64 = 1.02;
const INCREASE_MIN: f64 = 0.02;

/// A throttle, as the one who runs rekog hears of it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Throttled {
    pub op: Op,
    /// Calls per second rekog allows itself from now on.
    pub rate: f64,
}

type Notify = Arc<dyn Fn(Throttled) + Send + Sync>;

#[derive(Debug)]
struct Pace {
    /// `None`: not throttled yet, so not held back.
    rate: Option<f64>,
    /// When the next call may go.
    next: Instant,
    /// When recent calls succeeded, to know the rate that was getting through.
    recent: VecDeque<Instant>,
    /// When the rate last went down: calls sent before it were sent at the old pace, so
    /// their throttles say nothing new.
    lowered: Option<Instant>,
}

impl Pace {
    fn new() -> Pace {
        Pace {
            rate: None,
            next: Instant::now(),
            recent: VecDeque::new(),
            lowered: None,
        }
    }

    /// How long the caller waits for its turn; the turn is taken.
    fn turn(&mut self, now: Instant) -> Duration {
        let Some(rate) = self.rate else {
            return Duration::ZERO;
        };
        let at = self.next.max(now);
        self.next = at + Duration::from_secs_f64(1.0 / rate);
        at - now
    }

    fn forget_before(&mut self, now: Instant) {
        while self
            .recent
            .front()
            .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(1))
        {
            self.recent.pop_front();
        }
    }

    fn succeeded(&mut self, now: Instant) {
        self.recent.push_back(now);
        self.forget_before(now);
        if let Some(rate) = &mut self.rate {
            *rate = (*rate * INCREASE).max(*rate + INCREASE_MIN);
        }
    }

    /// The new rate after a call sent at `sent` was throttled: a little under what was
    /// getting through in the last second, lowered once per throttle, not once per call.
    fn throttled(&mut self, sent: Instant, now: Instant) -> f64 {
        if let (Some(rate), Some(lowered)) = (self.rate, self.lowered)
            && sent <= lowered
        {
            return rate;
        }
        // From what got through, not from the pace: a service that keeps throttling while
        // an earlier burst still counts against its window must not drive the pace to zero.
        self.forget_before(now);
        let through = self.recent.len() as f64;
        let rate = (through * DECREASE).max(MIN_RATE);
        self.rate = Some(rate);
        self.lowered = Some(now);
        // Whatever was scheduled at the old pace waits for the new one.
        self.next = self.next.max(now) + Duration::from_secs_f64(1.0 / rate);
        rate
    }
}

/// A [`Rekognition`] that paces `inner` per operation and sends throttled calls again
/// within `budget` (the operation timeout).
pub struct Paced<R> {
    inner: R,
    paces: Vec<Mutex<Pace>>,
    budget: Duration,
    notify: Option<Notify>,
}

impl<R: Rekognition> Paced<R> {
    pub fn new(inner: R, budget: Duration) -> Paced<R> {
        Paced {
            inner,
            paces: Op::ALL.iter().map(|_| Mutex::new(Pace::new())).collect(),
            budget,
            notify: None,
        }
    }

    /// Calls `notify` on every throttle.
    pub fn on_throttle(mut self, notify: impl Fn(Throttled) + Send + Sync + 'static) -> Self {
        self.notify = Some(Arc::new(notify));
        self
    }

    pub fn inner(&self) -> &R {
        &self.inner
    }

    fn pace(&self, op: Op) -> std::sync::MutexGuard<'_, Pace> {
        let at = Op::ALL.iter().position(|o| *o == op).unwrap_or(0);
        // A Pace is plain numbers, consistent after any panic mid-update.
        self.paces[at]
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `call` at `op`'s pace, again after each throttle while the budget lasts.
    async fn paced<T, F, Fut>(&self, op: Op, call: F) -> Outcome<T>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Outcome<T>>,
    {
        let started = Instant::now();
        let watch = Stopwatch::start();
        loop {
            let wait = self.pace(op).turn(Instant::now());
            if started.elapsed() + wait > self.budget {
                // Waiting would overrun the budget: one last try now, whatever it gives.
                return self.finish(op, call().await, watch);
            }
            // Most turns need no wait; a zero sleep still goes through the timer's lock.
            if !wait.is_zero() {
                tokio::time::sleep(wait).await;
            }
            let sent = Instant::now();
            let outcome = call().await;
            let throttled = matches!(&outcome.result, Err(e) if e.kind == ErrorKind::Throttled);
            if !throttled || started.elapsed() >= self.budget {
                return self.finish(op, outcome, watch);
            }
            let (was, rate) = {
                let mut pace = self.pace(op);
                (pace.rate, pace.throttled(sent, Instant::now()))
            };
            if was != Some(rate) {
                tracing::info!(op = op.name(), rate, "throttled; pacing");
                if let Some(notify) = &self.notify {
                    notify(Throttled { op, rate });
                }
            }
        }
    }

    fn finish<T>(&self, op: Op, mut outcome: Outcome<T>, watch: Stopwatch) -> Outcome<T> {
        if outcome.result.is_ok() {
            self.pace(op).succeeded(Instant::now());
        }
        // The time it took includes the waits: that is what the operator waited.
        outcome.elapsed = watch.elapsed();
        outcome
    }
}

impl<R: Rekognition> Rekognition for Paced<R> {
    async fn list_page(&self, token: Option<String>) -> Outcome<Page> {
        let call = || self.inner.list_page(token.clone());
        self.paced(Op::ListCollections, call).await
    }

    async fn describe(&self, id: &CollectionId) -> Outcome<CollectionDetail> {
        self.paced(Op::DescribeCollection, || self.inner.describe(id))
            .await
    }

    async fn delete(&self, licence: &Licence, id: &CollectionId) -> Outcome<i32> {
        self.paced(Op::DeleteCollection, || self.inner.delete(licence, id))
            .await
    }

    async fn list_faces_page(
        &self,
        id: &CollectionId,
        filter: &FaceFilter,
        token: Option<String>,
        max: i32,
    ) -> Outcome<FacePage> {
        let call = || self.inner.list_faces_page(id, filter, token.clone(), max);
        self.paced(Op::ListFaces, call).await
    }

    async fn list_users_page(
        &self,
        id: &CollectionId,
        token: Option<String>,
        max: i32,
    ) -> Outcome<UserPage> {
        let call = || self.inner.list_users_page(id, token.clone(), max);
        self.paced(Op::ListUsers, call).await
    }

    async fn describe_with_tags(&self, id: &CollectionId) -> Outcome<Described> {
        self.paced(Op::DescribeCollection, || self.inner.describe_with_tags(id))
            .await
    }

    async fn delete_faces(
        &self,
        licence: &Licence,
        id: &CollectionId,
        face_ids: Vec<String>,
    ) -> Outcome<FaceDeletion> {
        let call = || self.inner.delete_faces(licence, id, face_ids.clone());
        self.paced(Op::DeleteFaces, call).await
    }

    async fn create_collection(
        &self,
        licence: &Licence,
        id: &CollectionId,
        tags: Tags,
    ) -> Outcome<Created> {
        let call = || self.inner.create_collection(licence, id, tags.clone());
        self.paced(Op::CreateCollection, call).await
    }

    async fn create_user(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
    ) -> Outcome<()> {
        self.paced(Op::CreateUser, || {
            self.inner.create_user(licence, id, user_id)
        })
        .await
    }

    async fn delete_user(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
    ) -> Outcome<()> {
        self.paced(Op::DeleteUser, || {
            self.inner.delete_user(licence, id, user_id)
        })
        .await
    }

    async fn associate_faces(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> Outcome<Association> {
        let call = || {
            self.inner
                .associate_faces(licence, id, user_id, face_ids.clone())
        };
        self.paced(Op::AssociateFaces, call).await
    }

    async fn disassociate_faces(
        &self,
        licence: &Licence,
        id: &CollectionId,
        user_id: &UserId,
        face_ids: Vec<String>,
    ) -> Outcome<Association> {
        let call = || {
            self.inner
                .disassociate_faces(licence, id, user_id, face_ids.clone())
        };
        self.paced(Op::DisassociateFaces, call).await
    }

    async fn search_faces(
        &self,
        id: &CollectionId,
        face_id: &FaceId,
        threshold: f32,
        max: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        let call = || self.inner.search_faces(id, face_id, threshold, max);
        self.paced(Op::SearchFaces, call).await
    }

    async fn search_faces_by_image(
        &self,
        id: &CollectionId,
        image: &[u8],
        threshold: f32,
        max: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        let call = || self.inner.search_faces_by_image(id, image, threshold, max);
        self.paced(Op::SearchFacesByImage, call).await
    }

    async fn search_users(
        &self,
        id: &CollectionId,
        user_id: &UserId,
        threshold: f32,
        max: i32,
    ) -> Outcome<Vec<UserMatch>> {
        let call = || self.inner.search_users(id, user_id, threshold, max);
        self.paced(Op::SearchUsers, call).await
    }
}

#[cfg(test)]
mod tests;
