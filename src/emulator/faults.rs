//! Injected latency, failures and IAM-style denials. Decisions come from a counter hashed
//! with `--fault-seed`, so the same sequence of requests meets the same faults.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use super::error::{ApiError, ErrorKind};
use super::seed::Rng;

/// Every operation the emulator answers, as named in `X-Amz-Target`.
pub const OPERATIONS: [&str; 19] = [
    "CreateCollection",
    "DeleteCollection",
    "ListCollections",
    "DescribeCollection",
    "ListFaces",
    "DeleteFaces",
    "ListUsers",
    "CreateUser",
    "DeleteUser",
    "AssociateFaces",
    "DisassociateFaces",
    "TagResource",
    "UntagResource",
    "ListTagsForResource",
    "IndexFaces",
    "SearchFaces",
    "SearchFacesByImage",
    "SearchUsers",
    "SearchUsersByImage",
];

/// The operations that carry an image, whose requests may be larger.
pub const IMAGE_OPERATIONS: [&str; 3] = ["IndexFaces", "SearchFacesByImage", "SearchUsersByImage"];

#[derive(Debug)]
pub struct Faults {
    latency: Option<(Duration, Duration)>,
    rate: f64,
    seed: u64,
    deny: HashSet<String>,
    /// Regions the account has not enabled (opt-in regions).
    disabled: HashSet<String>,
    counter: AtomicU64,
    /// Until released, no latency, failure, deny or quota: `serve --demo` indexes its own
    /// photos first, and an operator's `--fault-rate` must not fail its start.
    held: AtomicBool,
}

/// What happens to one request.
#[derive(Debug, PartialEq)]
pub struct Decision {
    pub delay: Option<Duration>,
    pub failure: Option<ApiError>,
}

impl Faults {
    pub fn new(
        latency: Option<(Duration, Duration)>,
        rate: f64,
        seed: u64,
        deny: &[String],
    ) -> Self {
        Faults {
            latency,
            rate,
            seed,
            deny: deny.iter().cloned().collect(),
            disabled: HashSet::new(),
            counter: AtomicU64::new(0),
            held: AtomicBool::new(false),
        }
    }

    /// Starts held: nothing is injected until [`Faults::release`].
    pub fn held(self, held: bool) -> Self {
        self.held.store(held, Ordering::Relaxed);
        self
    }

    pub fn release(&self) {
        self.held.store(false, Ordering::Release);
    }

    /// Whether the operator's faults, denies and quotas wait for [`Faults::release`].
    pub fn is_held(&self) -> bool {
        self.held.load(Ordering::Acquire)
    }

    /// Treats `regions` as opt-in regions the account has not enabled.
    pub fn with_disabled(mut self, regions: &[String]) -> Self {
        self.disabled = regions.iter().cloned().collect();
        self
    }

    /// Whether `operation` is denied: everywhere (`OP`) or in `region` (`OP@REGION`).
    pub fn denies(&self, operation: &str, region: &str) -> bool {
        !self.is_held()
            && (self.deny.contains(operation)
                || self.deny.contains(&format!("{operation}@{region}")))
    }

    /// Whether `region` is one the account has not enabled.
    pub fn disabled(&self, region: &str) -> bool {
        self.disabled.contains(region)
    }

    /// Draws the fate of the next request.
    pub fn decide(&self) -> Decision {
        // Held, the draws are not taken either: the sequence after the release is the one
        // `--fault-seed` gives, however many requests the start made.
        if self.latency.is_none() && self.rate <= 0.0 || self.is_held() {
            return Decision {
                delay: None,
                failure: None,
            };
        }
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let mut rng = Rng::new(self.seed ^ n.wrapping_mul(0x2545_f491_4f6c_dd1d));
        let delay = self.latency.map(|(min, max)| {
            let span = max.saturating_sub(min).as_secs_f64();
            min + Duration::from_secs_f64(span * rng.unit())
        });
        let failure = (rng.unit() < self.rate).then(|| match rng.next() % 3 {
            0 => ApiError::new(
                ErrorKind::Throttling,
                "Rate exceeded (injected by --fault-rate)",
            ),
            1 => ApiError::new(
                ErrorKind::ProvisionedThroughputExceeded,
                "Provisioned rate exceeded (injected by --fault-rate)",
            ),
            _ => ApiError::internal("Internal server error (injected by --fault-rate)"),
        });
        Decision { delay, failure }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn held_faults_inject_nothing_and_take_no_draws() {
        let deny = ["ListFaces".to_owned()];
        let latency = Some((Duration::from_millis(5), Duration::from_millis(9)));
        let free = Faults::new(latency, 0.5, 3, &deny);
        let held = Faults::new(latency, 0.5, 3, &deny).held(true);
        for _ in 0..50 {
            assert_eq!(
                held.decide(),
                Decision {
                    delay: None,
                    failure: None
                }
            );
        }
        assert!(!held.denies("ListFaces", "us-east-1"));
        held.release();
        assert!(held.denies("ListFaces", "us-east-1"));
        // The sequence after the release is the seed's, from its first draw.
        for _ in 0..50 {
            assert_eq!(held.decide(), free.decide());
        }
    }

    #[test]
    fn same_seed_same_faults_and_the_rate_holds() {
        let run = |seed| {
            let f = Faults::new(None, 0.2, seed, &[]);
            (0..5000)
                .map(|_| f.decide().failure.map(|e| e.kind))
                .collect::<Vec<_>>()
        };
        let (a, b) = (run(7), run(7));
        assert_eq!(a, b);
        assert_ne!(a, run(8));
        let failed = a.iter().filter(|k| k.is_some()).count();
        assert!((850..1150).contains(&failed), "{failed} of 5000");
        for kind in [
            ErrorKind::Throttling,
            ErrorKind::ProvisionedThroughputExceeded,
            ErrorKind::InternalServerError,
        ] {
            assert!(a.contains(&Some(kind)), "{kind:?} never drawn");
        }
    }

    #[test]
    fn latency_stays_in_range() {
        let (min, max) = (Duration::from_millis(50), Duration::from_millis(400));
        let f = Faults::new(Some((min, max)), 0.0, 1, &[]);
        for _ in 0..1000 {
            let d = f.decide();
            let delay = d.delay.unwrap();
            assert!(delay >= min && delay <= max, "{delay:?}");
            assert!(d.failure.is_none());
        }
    }
}
