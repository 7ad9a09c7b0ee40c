use std::collections::VecDeque;
use std::time::Duration;

use super::*;
use crate::aws::api::{Collection, ErrorKind};

fn ok<T>(result: T) -> Outcome<T> {
    Outcome {
        result: Ok(result),
        request_id: None,
        elapsed: Duration::ZERO,
    }
}

fn failed<T>(code: &str, message: &str, kind: ErrorKind) -> Outcome<T> {
    Outcome {
        result: Err(ApiError {
            kind,
            code: Some(code.into()),
            message: message.into(),
            status: Some(400),
        }),
        request_id: None,
        elapsed: Duration::ZERO,
    }
}

fn page(ids: &[&str], next: Option<&str>) -> Outcome<Page> {
    ok(Page {
        collections: ids
            .iter()
            .map(|id| Collection {
                id: (*id).parse().unwrap(),
                face_model_version: None,
            })
            .collect(),
        next_token: next.map(str::to_owned),
    })
}

fn detail(faces: u64, users: u64, created: i64) -> Outcome<CollectionDetail> {
    ok(CollectionDetail {
        face_count: Some(faces),
        user_count: Some(users),
        created: Some(created),
        ..CollectionDetail::default()
    })
}

fn regions(n: usize) -> Vec<(String, Option<&'static str>)> {
    (0..n).map(|i| (format!("r{i}"), None)).collect()
}

fn listed(calls: &[Call]) -> Vec<&str> {
    calls
        .iter()
        .filter_map(|c| match c {
            Call::Page { region, .. } => Some(region.as_str()),
            Call::Describe { .. } | Call::Reach { .. } | Call::Export { .. } => None,
        })
        .collect()
}

fn described(calls: &[Call]) -> Vec<&str> {
    calls
        .iter()
        .filter_map(|c| match c {
            Call::Describe { id, .. } => Some(id.as_str()),
            Call::Page { .. } | Call::Reach { .. } | Call::Export { .. } => None,
        })
        .collect()
}

#[test]
fn at_most_four_regions_list_at_once_and_the_next_starts_when_one_ends() {
    let (mut fleet, calls) = Fleet::open(1, None, regions(6));
    assert_eq!(listed(&calls), ["r0", "r1", "r2", "r3"]);
    let (calls, _) = fleet.page(1, 0, "r1", page(&[], Some("t")));
    assert_eq!(listed(&calls), ["r1"], "its own next page, no new region");
    let (calls, _) = fleet.page(1, 0, "r0", page(&[], None));
    assert_eq!(listed(&calls), ["r4"]);
    assert_eq!(fleet.regions[0].status, Status::Done);
}

#[test]
fn describes_stay_under_the_limit_per_region_and_fill_the_counts() {
    let (mut fleet, _) = Fleet::open(1, None, regions(1));
    let ids: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let (calls, _) = fleet.page(1, 0, "r0", page(&refs, None));
    assert_eq!(described(&calls).len(), MAX_DESCRIBES);
    assert_eq!(fleet.regions[0].status, Status::Describing);
    let mut answered = 0;
    let mut pending: VecDeque<String> = described(&calls).into_iter().map(str::to_owned).collect();
    while let Some(id) = pending.pop_front() {
        let created = 1_600_000_000 + answered;
        let (calls, _) = fleet.described(1, 0, "r0", detail(10, 1, created));
        answered += 1;
        assert!(fleet.regions[0].describing <= MAX_DESCRIBES, "{id}");
        pending.extend(described(&calls).into_iter().map(str::to_owned));
    }
    assert_eq!(answered, 20);
    let r = &fleet.regions[0];
    assert_eq!((r.collections, r.faces, r.users), (20, 200, 20));
    assert_eq!(r.oldest, Some(1_600_000_000));
    assert_eq!(r.status, Status::Done);
    let t = fleet.totals();
    assert_eq!((t.finished, t.faces), (1, 200));
}

#[test]
fn a_region_not_enabled_says_so_and_is_not_logged() {
    let (mut fleet, _) = Fleet::open(1, None, regions(2));
    let (_, logged) = fleet.page(
        1,
        0,
        "r0",
        failed(
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
            ErrorKind::Credentials,
        ),
    );
    assert_eq!(fleet.regions[0].status, Status::NotEnabled);
    assert_eq!(logged, None);
    let (_, logged) = fleet.page(
        1,
        0,
        "r1",
        failed(
            "AccessDeniedException",
            "User: arn:aws:iam::1:user/x is not authorized to perform: rekognition:ListCollections on resource: *",
            ErrorKind::AccessDenied,
        ),
    );
    assert_eq!(
        fleet.regions[1].status,
        Status::Denied("rekognition:ListCollections".into())
    );
    assert!(logged.is_some(), "a denial is logged once");
}

#[test]
fn failed_describes_are_counted_and_only_the_first_is_logged() {
    let (mut fleet, _) = Fleet::open(1, None, regions(1));
    fleet.page(1, 0, "r0", page(&["a", "b", "c"], None));
    let denied = || {
        failed(
            "AccessDeniedException",
            "not authorized to perform: rekognition:DescribeCollection",
            ErrorKind::AccessDenied,
        )
    };
    let (_, first) = fleet.described(1, 0, "r0", denied());
    let (_, second) = fleet.described(1, 0, "r0", denied());
    assert!(first.is_some());
    assert_eq!(second, None);
    fleet.described(1, 0, "r0", detail(5, 0, 1));
    let r = &fleet.regions[0];
    assert_eq!((r.describe_errors, r.described, r.faces), (2, 1, 5));
    assert_eq!(r.status, Status::Done);
}

#[test]
fn results_of_an_earlier_opening_are_dropped() {
    let (mut fleet, _) = Fleet::open(2, None, regions(1));
    let (calls, logged) = fleet.page(1, 0, "r0", page(&["old"], None));
    assert!(calls.is_empty() && logged.is_none());
    assert_eq!(fleet.regions[0].collections, 0);
    fleet.described(1, 0, "r0", detail(99, 9, 1));
    assert_eq!(fleet.regions[0].faces, 0);
}

fn account(id: &str, profile: &str, role: Option<&str>, unreached: Option<&str>) -> Account {
    Account {
        id: Some(id.into()),
        name: None,
        profiles: vec![profile.into()],
        via: Via {
            profile: Some(profile.into()),
            role: role.map(str::to_owned),
        },
        unreached: unreached.map(str::to_owned),
    }
}

#[test]
fn a_wide_fleet_finds_its_accounts_then_counts_each_of_their_regions() {
    let scope = Scope::Org("Org".into());
    let (mut fleet, calls) = Fleet::open_wide(3, None, scope.clone(), regions(2), 3);
    assert_eq!(
        calls,
        [Call::Reach {
            generation: 3,
            scope
        }]
    );
    assert!(fleet.reaching && fleet.regions.is_empty());
    assert!(
        fleet.reached(2, vec![]).is_empty(),
        "an earlier opening's accounts"
    );
    let calls = fleet.reached(
        3,
        vec![
            account("333", "ops", None, Some("denied: sts:AssumeRole")),
            account("222", "ops", Some("arn:aws:iam::222:role/Org"), None),
            account("111", "ops", None, None),
        ],
    );
    // Reached accounts by ID, then the one that could not be: no rows for it.
    let ids: Vec<_> = fleet
        .accounts
        .iter()
        .map(|a| a.id.clone().unwrap())
        .collect();
    assert_eq!(ids, ["111", "222", "333"]);
    assert_eq!(fleet.regions.len(), 4);
    assert_eq!(fleet.unreached().count(), 1);
    // Three pairs at once, each with the account's way in.
    let pages: Vec<(usize, &str, Option<&str>)> = calls
        .iter()
        .filter_map(|c| match c {
            Call::Page {
                account,
                region,
                via,
                ..
            } => Some((*account, region.as_str(), via.role.as_deref())),
            _ => None,
        })
        .collect();
    assert_eq!(
        pages,
        [
            (0, "r0", None),
            (0, "r1", None),
            (1, "r0", Some("arn:aws:iam::222:role/Org"))
        ]
    );
    // The same region of two accounts are two rows.
    let (calls, _) = fleet.page(3, 1, "r0", page(&["x"], None));
    assert!(matches!(
        &calls[..],
        [Call::Describe { account: 1, .. }, Call::Page { account: 1, region, .. }] if region == "r1"
    ));
    assert_eq!(fleet.regions[2].collections, 1);
    assert_eq!(fleet.regions[0].collections, 0);
    fleet.described(3, 1, "r0", detail(7, 1, 5));
    assert_eq!(fleet.totals().faces, 7);
    assert!(fleet.wide());
}

/// An organization of many pairs: each call in flight holds a connection, so however many
/// pairs are listed and waiting, the describes in flight never pass the fleet's cap, and
/// every collection is still described once.
#[test]
fn describes_in_flight_across_the_fleet_stay_under_the_cap_and_all_are_counted() {
    let scope = Scope::Org("Org".into());
    let (mut fleet, _) = Fleet::open_wide(1, None, scope, regions(16), 32);
    let accounts: Vec<Account> = (0..50)
        .map(|i| account(&format!("{i:03}"), "ops", None, None))
        .collect();
    let mut pending: VecDeque<Call> = fleet.reached(1, accounts).into();
    let cap = fleet.in_flight_cap();
    assert_eq!(cap, 32 * MAX_DESCRIBES);
    let (mut peak, mut describes) = (0, 0);
    // Answer the oldest call first, with the newest pairs' listings answered late.
    while let Some(call) = pending.pop_front() {
        let calls = match call {
            Call::Page {
                account, region, ..
            } => {
                let ids: Vec<String> = (0..20).map(|i| format!("c{i}")).collect();
                let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
                fleet.page(1, account, &region, page(&refs, None)).0
            }
            Call::Describe {
                account, region, ..
            } => {
                describes += 1;
                fleet.described(1, account, &region, detail(2, 1, 1)).0
            }
            Call::Reach { .. } | Call::Export { .. } => Vec::new(),
        };
        pending.extend(calls);
        let in_flight: usize = fleet.regions.iter().map(|r| r.describing).sum();
        assert!(in_flight <= cap, "{in_flight} in flight");
        assert!(fleet.regions.iter().all(|r| r.describing <= MAX_DESCRIBES));
        peak = peak.max(in_flight);
    }
    assert_eq!(peak, cap, "the cap is reached, not only respected");
    assert_eq!(describes, 50 * 16 * 20);
    let t = fleet.totals();
    assert_eq!((t.finished, t.regions), (800, 800));
    assert_eq!((t.collections, t.faces, t.users), (16_000, 32_000, 16_000));
    assert!(fleet.regions.iter().all(|r| r.status == Status::Done));
}

/// One profile keeps what it had: every region of it describing at once.
#[test]
fn one_profile_may_describe_in_every_region_at_once() {
    let (fleet, _) = Fleet::open(1, None, regions(16));
    assert_eq!(fleet.in_flight_cap(), 16 * MAX_DESCRIBES);
}

/// A row changed after its count: counted again at once, from nothing, by the same fleet.
#[test]
fn a_changed_row_whose_count_is_over_is_counted_again_from_nothing() {
    let (mut fleet, calls) = Fleet::open(7, None, regions(2));
    assert_eq!(listed(&calls), ["r0", "r1"]);
    fleet.page(7, 0, "r1", page(&[], None));
    let (calls, _) = fleet.page(7, 0, "r0", page(&["a", "b"], None));
    assert_eq!(calls.len(), 2);
    fleet.described(7, 0, "r0", detail(3, 1, 100));
    fleet.described(7, 0, "r0", detail(4, 0, 50));
    assert_eq!(fleet.regions[0].status, Status::Done);
    assert_eq!(fleet.totals().faces, 7);

    let calls = fleet.changed(0);
    assert_eq!(listed(&calls), ["r0"]);
    assert!(matches!(
        calls[0],
        Call::Page {
            generation: 7,
            token: None,
            ..
        }
    ));
    assert_eq!(fleet.regions[0].status, Status::Listing);
    let t = fleet.totals();
    assert_eq!(
        (t.finished, t.collections, t.faces, t.oldest),
        (1, 0, 0, None)
    );

    // One collection left (the other was deleted): the row counts it alone.
    let (calls, _) = fleet.page(7, 0, "r0", page(&["b"], None));
    assert_eq!(calls.len(), 1);
    let (calls, _) = fleet.described(7, 0, "r0", detail(4, 0, 50));
    assert!(calls.is_empty(), "{calls:?}");
    let t = fleet.totals();
    assert_eq!(
        (t.finished, t.collections, t.faces, t.oldest),
        (2, 1, 4, Some(50))
    );
    assert!(!fleet.regions[0].changed);
}

/// A row changed while it is still counted: its answers in flight finish the old count,
/// then it is counted again, and none of them lands in the new count.
#[test]
fn a_row_changed_while_counting_is_counted_again_once_its_answers_are_in() {
    let (mut fleet, _) = Fleet::open(3, None, regions(1));
    fleet.page(3, 0, "r0", page(&["a", "b"], None));
    assert_eq!(fleet.regions[0].describing, 2);

    assert!(
        fleet.changed(0).is_empty(),
        "not while two describes are out"
    );
    let (calls, _) = fleet.described(3, 0, "r0", detail(5, 0, 10));
    assert!(calls.is_empty(), "{calls:?}");
    // The last answer of the old count (the deleted collection, gone by now) ends it.
    let gone = failed("ResourceNotFoundException", "gone", ErrorKind::NotFound);
    let (calls, _) = fleet.described(3, 0, "r0", gone);
    assert_eq!(listed(&calls), ["r0"]);
    let row = &fleet.regions[0];
    assert_eq!((row.faces, row.describe_errors, row.changed), (0, 0, false));

    fleet.page(3, 0, "r0", page(&["a"], None));
    fleet.described(3, 0, "r0", detail(5, 0, 10));
    let row = &fleet.regions[0];
    assert_eq!(
        (&row.status, row.collections, row.faces),
        (&Status::Done, 1, 5)
    );
}
