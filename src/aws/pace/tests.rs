use crate::audit::Licence;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::*;
use crate::aws::api::ApiError;
use crate::ids::{CollectionId, FaceId, UserId};

#[test]
fn unthrottled_calls_never_wait() {
    let mut pace = Pace::new();
    let now = Instant::now();
    for _ in 0..100 {
        assert_eq!(pace.turn(now), Duration::ZERO);
        pace.succeeded(now);
    }
}

#[test]
fn a_throttle_sets_a_pace_under_what_got_through_which_creeps_back_up() {
    let mut pace = Pace::new();
    let now = Instant::now();
    for _ in 0..10 {
        pace.succeeded(now);
    }
    let rate = pace.throttled(now, now);
    assert!((rate - 8.0).abs() < 1e-9, "{rate}");
    // The other calls of the same burst come back throttled too: one decrease is enough.
    assert_eq!(pace.throttled(now, now + Duration::from_millis(1)), rate);
    // Turns are spaced by the new pace.
    let first = pace.turn(now);
    let second = pace.turn(now);
    assert!(second > first);
    assert!(((second - first).as_secs_f64() - 1.0 / 8.0).abs() < 1e-6);
    pace.succeeded(now);
    assert!(pace.rate.is_some_and(|r| r > 8.0));
    // Throttled again and again with nothing getting through, it never stops altogether.
    for i in 0..100 {
        let later = now + Duration::from_secs(5 + 2 * i);
        pace.throttled(later, later);
    }
    assert_eq!(pace.rate, Some(MIN_RATE));
}

/// A backend whose DescribeCollection allows `quota` calls in any second, as a service
/// quota does, and throttles the rest.
struct Quota {
    quota: usize,
    accepted: Mutex<VecDeque<Instant>>,
    throttled: AtomicUsize,
}

impl Quota {
    fn describe_now(&self) -> Outcome<CollectionDetail> {
        let now = Instant::now();
        let mut accepted = self.accepted.lock().expect("lock");
        while accepted
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            accepted.pop_front();
        }
        let result = if accepted.len() < self.quota {
            accepted.push_back(now);
            Ok(CollectionDetail::default())
        } else {
            self.throttled.fetch_add(1, Ordering::Relaxed);
            Err(ApiError {
                kind: ErrorKind::Throttled,
                code: Some("ProvisionedThroughputExceededException".into()),
                message: "slow down".into(),
                status: Some(400),
            })
        };
        Outcome {
            result,
            request_id: None,
            elapsed: Duration::ZERO,
        }
    }
}

fn nothing<T>() -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind: ErrorKind::Other,
            code: None,
            message: "not in this test".into(),
            status: None,
        }),
        request_id: None,
        elapsed: Duration::ZERO,
    }
}

impl Rekognition for Quota {
    async fn list_page(&self, _: Option<String>) -> Outcome<Page> {
        nothing()
    }
    async fn describe(&self, _: &CollectionId) -> Outcome<CollectionDetail> {
        self.describe_now()
    }
    async fn delete(&self, _: &Licence, _: &CollectionId) -> Outcome<i32> {
        nothing()
    }
    async fn list_faces_page(
        &self,
        _: &CollectionId,
        _: &FaceFilter,
        _: Option<String>,
        _: i32,
    ) -> Outcome<FacePage> {
        nothing()
    }
    async fn list_users_page(
        &self,
        _: &CollectionId,
        _: Option<String>,
        _: i32,
    ) -> Outcome<UserPage> {
        nothing()
    }
    async fn describe_with_tags(&self, _: &CollectionId) -> Outcome<Described> {
        nothing()
    }
    async fn delete_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: Vec<String>,
    ) -> Outcome<FaceDeletion> {
        nothing()
    }
    async fn create_collection(&self, _: &Licence, _: &CollectionId, _: Tags) -> Outcome<Created> {
        nothing()
    }
    async fn create_user(&self, _: &Licence, _: &CollectionId, _: &UserId) -> Outcome<()> {
        nothing()
    }
    async fn delete_user(&self, _: &Licence, _: &CollectionId, _: &UserId) -> Outcome<()> {
        nothing()
    }
    async fn associate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        _: Vec<String>,
    ) -> Outcome<Association> {
        nothing()
    }
    async fn disassociate_faces(
        &self,
        _: &Licence,
        _: &CollectionId,
        _: &UserId,
        _: Vec<String>,
    ) -> Outcome<Association> {
        nothing()
    }

    async fn search_faces(
        &self,
        _: &CollectionId,
        _: &FaceId,
        _: f32,
        _: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        nothing()
    }

    async fn search_faces_by_image(
        &self,
        _: &CollectionId,
        _: &[u8],
        _: f32,
        _: i32,
    ) -> Outcome<Vec<FaceMatch>> {
        nothing()
    }

    async fn search_users(
        &self,
        _: &CollectionId,
        _: &UserId,
        _: f32,
        _: i32,
    ) -> Outcome<Vec<UserMatch>> {
        nothing()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_quota_every_call_gets_through_at_about_its_rate() {
    let heard = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&heard);
    let backend = Arc::new(
        Paced::new(
            Quota {
                quota: 20,
                accepted: Mutex::new(VecDeque::new()),
                throttled: AtomicUsize::new(0),
            },
            Duration::from_secs(30),
        )
        .on_throttle(move |t| {
            assert_eq!(t.op, Op::DescribeCollection);
            count.fetch_add(1, Ordering::Relaxed);
        }),
    );
    let started = Instant::now();
    // Eight at a time, as the table describes its rows.
    let calls = 80;
    let mut tasks = Vec::new();
    for worker in 0..8 {
        let backend = Arc::clone(&backend);
        tasks.push(tokio::spawn(async move {
            let mut ok = 0;
            for i in (worker..calls).step_by(8) {
                let outcome = backend.describe(&format!("c{i}").parse().unwrap()).await;
                ok += usize::from(outcome.result.is_ok());
            }
            ok
        }));
    }
    let mut ok = 0;
    for task in tasks {
        ok += task.await.expect("task");
    }
    let secs = started.elapsed().as_secs_f64();
    let rate = calls as f64 / secs;
    assert_eq!(ok, calls, "every call got through, none failed");
    assert!(heard.load(Ordering::Relaxed) > 0, "the throttle was heard");
    // At the quota's rate: not above it (the quota forbids), not far below it.
    assert!(
        (10.0..=21.0).contains(&rate),
        "{rate:.1} calls/s for a quota of 20"
    );
    let throttled = backend.inner().throttled.load(Ordering::Relaxed);
    assert!(throttled < calls, "{throttled} throttles for {calls} calls");
}
