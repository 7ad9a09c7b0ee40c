//! `--quota`: requests per second per operation and region, as Rekognition's TPS quotas
//! apply them (per account, per Region, per API operation), with a token bucket per
//! (region, operation) that holds one second of requests.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Instant;

use super::error::{ApiError, ErrorKind};
use super::faults::OPERATIONS;

/// One `--quota` value.
#[derive(Debug, Clone, PartialEq)]
pub enum Quota {
    /// The default quotas of the service's documentation, for every operation.
    Defaults,
    /// This many requests per second for one operation, in every region.
    Tps { operation: String, tps: f64 },
}

impl std::fmt::Display for Quota {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Defaults => f.write_str("default"),
            Self::Tps { operation, tps } => write!(f, "{operation}={tps}"),
        }
    }
}

/// The error every operation answers beyond its quota. Each of the emulated operations
/// models both ProvisionedThroughputExceededException ("the number of requests exceeded
/// your throughput limit", 400) and ThrottlingException ("temporarily unable to process the
/// request", 500); the first is the one the documentation ties to TPS quotas.
const OVER_QUOTA: ErrorKind = ErrorKind::ProvisionedThroughputExceeded;

/// Regions where the data plane operations' (ListFaces, IndexFaces and the searches)
/// documented default is 50 requests per second instead of 5.
const LARGE_REGIONS: [&str; 3] = ["us-east-1", "us-west-2", "eu-west-1"];

/// The default quota of an operation in a region, from "Amazon Rekognition endpoints and
/// quotas" (AWS General Reference): ListFaces is a data plane operation, the collection and
/// user operations are control plane operations, the tag operations have their own quota.
pub fn default_tps(operation: &str, region: &str) -> Option<f64> {
    match operation {
        "ListFaces" | "IndexFaces" | "SearchFaces" | "SearchFacesByImage" | "SearchUsers"
        | "SearchUsersByImage"
            if LARGE_REGIONS.contains(&region) =>
        {
            Some(50.0)
        }
        "TagResource" | "UntagResource" | "ListTagsForResource" => Some(10.0),
        op if OPERATIONS.contains(&op) => Some(5.0),
        _ => None,
    }
}

impl std::str::FromStr for Quota {
    type Err = String;

    fn from_str(text: &str) -> Result<Quota, String> {
        parse(text)
    }
}

/// Reads `OP=TPS` or `default`.
pub fn parse(text: &str) -> Result<Quota, String> {
    let text = text.trim();
    if text == "default" {
        return Ok(Quota::Defaults);
    }
    let Some((operation, tps)) = text.split_once('=') else {
        return Err(format!(
            "{text:?} is not OP=TPS (e.g. ListFaces=5) or default"
        ));
    };
    let (operation, tps) = (operation.trim(), tps.trim());
    let rate: f64 = tps
        .parse()
        .map_err(|_| format!("{text}: {tps:?} is not a number of requests per second"))?;
    let quota = Quota::Tps {
        operation: operation.to_owned(),
        tps: rate,
    };
    check(&quota)?;
    Ok(quota)
}

/// Why a quota cannot be applied, if it cannot.
pub fn check(quota: &Quota) -> Result<(), String> {
    let Quota::Tps { operation, tps } = quota else {
        return Ok(());
    };
    if !OPERATIONS.contains(&operation.as_str()) {
        return Err(format!(
            "cannot limit {operation:?}: the operations are {}",
            OPERATIONS.join(", ")
        ));
    }
    if !tps.is_finite() || *tps <= 0.0 {
        return Err(format!(
            "{operation}={tps}: a quota must be a number of requests per second above 0"
        ));
    }
    Ok(())
}

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Past this many buckets, idle (full) ones are dropped: a client signing for ever new
/// regions must not grow the map without end.
const MAX_BUCKETS: usize = 4096;

/// The quotas in force and their buckets.
#[derive(Debug, Default)]
pub struct Limiter {
    defaults: bool,
    set: HashMap<String, f64>,
    buckets: Mutex<HashMap<(String, &'static str), Bucket>>,
}

impl Limiter {
    /// Quotas set for one operation win over the defaults, whatever their order.
    pub fn new(quotas: &[Quota]) -> Self {
        let mut limiter = Limiter::default();
        for quota in quotas {
            match quota {
                Quota::Defaults => limiter.defaults = true,
                Quota::Tps { operation, tps } => {
                    limiter.set.insert(operation.clone(), *tps);
                }
            }
        }
        limiter
    }

    fn tps(&self, region: &str, operation: &str) -> Option<f64> {
        match self.set.get(operation) {
            Some(tps) => Some(*tps),
            None if self.defaults => default_tps(operation, region),
            None => None,
        }
    }

    /// Lets one request of `operation` through, or answers it as the service does when the
    /// operation is over its quota in `region`.
    pub fn admit(&self, region: &str, operation: &str) -> Result<(), ApiError> {
        let Some(tps) = self.tps(region, operation) else {
            return Ok(());
        };
        let Some(operation) = OPERATIONS.iter().copied().find(|op| *op == operation) else {
            return Ok(());
        };
        // A bucket of one second's requests; at least one, so a rate below 1 admits anything.
        let capacity = tps.max(1.0);
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_BUCKETS {
            buckets.retain(|(region, op), b| {
                let rate = self.tps(region, op).unwrap_or(1.0);
                b.tokens + now.duration_since(b.at).as_secs_f64() * rate < rate.max(1.0)
            });
            if buckets.len() >= MAX_BUCKETS {
                // Thousands of regions busy within one second: only a flood does this, and
                // starting every bucket afresh is the cheapest answer to it.
                buckets.clear();
            }
        }
        let bucket = buckets
            .entry((region.to_owned(), operation))
            .or_insert(Bucket {
                tokens: capacity,
                at: now,
            });
        let refill = now.duration_since(bucket.at).as_secs_f64() * tps;
        bucket.tokens = (bucket.tokens + refill).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(ApiError::new(OVER_QUOTA, "Provisioned Rate exceeded."))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_or_refused_with_a_reason() {
        assert_eq!(parse("default"), Ok(Quota::Defaults));
        assert_eq!(
            parse(" ListFaces=2.5 "),
            Ok(Quota::Tps {
                operation: "ListFaces".into(),
                tps: 2.5
            })
        );
        for (text, reason) in [
            ("ListFaces=0", "above 0"),
            ("ListFaces=-3", "above 0"),
            ("ListFaces=inf", "above 0"),
            ("ListFaces=NaN", "above 0"),
            ("Nope=5", "cannot limit \"Nope\""),
            ("ListFaces=abc", "\"abc\" is not a number"),
            ("ListFaces", "not OP=TPS"),
            ("", "not OP=TPS"),
        ] {
            let err = parse(text).unwrap_err();
            assert!(err.contains(reason), "{text}: {err}");
        }
    }

    #[test]
    fn the_documented_defaults() {
        assert_eq!(default_tps("ListFaces", "us-east-1"), Some(50.0));
        assert_eq!(default_tps("ListFaces", "eu-west-1"), Some(50.0));
        assert_eq!(default_tps("ListFaces", "eu-central-1"), Some(5.0));
        assert_eq!(default_tps("DescribeCollection", "us-east-1"), Some(5.0));
        assert_eq!(default_tps("DeleteFaces", "us-west-2"), Some(5.0));
        assert_eq!(default_tps("TagResource", "ap-south-1"), Some(10.0));
        assert_eq!(default_tps("SearchFacesByImage", "us-east-1"), Some(50.0));
        assert_eq!(default_tps("SearchFacesByImage", "eu-central-1"), Some(5.0));
        assert_eq!(default_tps("DetectFaces", "us-east-1"), None);
        for op in OPERATIONS {
            assert!(default_tps(op, "ca-central-1").is_some(), "{op}");
        }
    }

    #[test]
    fn a_burst_gets_one_second_of_requests_per_region_and_operation() {
        let limiter = Limiter::new(&[
            Quota::Defaults,
            Quota::Tps {
                operation: "ListFaces".into(),
                tps: 3.0,
            },
        ]);
        let admitted = |region: &str, op: &str| {
            (0..40)
                .filter(|_| limiter.admit(region, op).is_ok())
                .count()
        };
        // Set for one operation: wins over the default of 50.
        assert!((3..=4).contains(&admitted("us-east-1", "ListFaces")));
        assert!((5..=6).contains(&admitted("us-east-1", "DescribeCollection")));
        assert!((5..=6).contains(&admitted("eu-west-1", "DescribeCollection")));
        assert!((10..=11).contains(&admitted("us-east-1", "TagResource")));
        let err = limiter.admit("us-east-1", "ListFaces").unwrap_err();
        assert_eq!(err.kind, ErrorKind::ProvisionedThroughputExceeded);
        assert_eq!(err.kind.status(), axum::http::StatusCode::BAD_REQUEST);
        let none = Limiter::new(&[]);
        assert!((0..1000).all(|_| none.admit("us-east-1", "ListFaces").is_ok()));
    }

    #[test]
    fn idle_buckets_do_not_pile_up() {
        let limiter = Limiter::new(&[Quota::Defaults]);
        for i in 0..3 * MAX_BUCKETS {
            let _ = limiter.admit(&format!("region-{i}"), "ListUsers");
        }
        let kept = limiter.buckets.lock().unwrap().len();
        assert!(kept <= MAX_BUCKETS, "{kept}");
    }
}
