//! The fleet view, part way: regions counted, describing, listing, not enabled and denied.

use rekog::app::State;
use rekog::app::msg::{FleetAnswer, Msg};
use rekog::aws::api::{Collection, CollectionDetail, ErrorKind, Page};
use rekog::context::Session;

use crate::fixture::*;

const REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "eu-west-2",
    "ap-east-1",
    "ap-southeast-2",
    "eu-central-1",
];

fn page(ids: &[&str]) -> Page {
    Page {
        collections: ids
            .iter()
            .map(|id| Collection {
                id: (*id).parse().unwrap(),
                face_model_version: Some("7.0".into()),
            })
            .collect(),
        next_token: None,
    }
}

fn described(faces: u64, users: u64, created: i64) -> CollectionDetail {
    CollectionDetail {
        face_count: Some(faces),
        user_count: Some(users),
        face_model_version: Some("7.0".into()),
        arn: None,
        created: Some(created),
        created_nanos: 0,
    }
}

fn listed(state: &mut State, region: &str, ids: &[&str]) {
    let generation = state.fleets;
    let outcome = ok(page(ids), 80);
    let region = region.into();
    send(
        state,
        Msg::Fleet(FleetAnswer::Page {
            generation,
            region,
            outcome,
        }),
    );
}

fn describe(state: &mut State, region: &str, d: CollectionDetail) {
    let generation = state.fleets;
    send(
        state,
        Msg::Fleet(FleetAnswer::Described {
            generation,
            region: region.into(),
            outcome: ok(d, 20),
        }),
    );
}

fn fleet(size: (u16, u16)) -> State {
    fleet_in(session(), size)
}

/// The fleet view of [`fleet`] for `session` (its terminal's capabilities, say).
pub fn fleet_in(session: Session, size: (u16, u16)) -> State {
    let mut state = crate::fixture::listed(session, size, COLLECTIONS.len());
    state.settings.regions = Some(REGIONS.iter().map(|r| (*r).to_owned()).collect());
    send(&mut state, Msg::FleetOpen);
    listed(&mut state, "us-east-1", &["a", "b"]);
    describe(
        &mut state,
        "us-east-1",
        described(1_284_311, 40_213, 1_656_633_600),
    );
    describe(
        &mut state,
        "us-east-1",
        described(12_408, 310, 1_612_137_600),
    );
    listed(&mut state, "eu-west-1", &["c", "d", "e"]);
    describe(&mut state, "eu-west-1", described(842, 0, 1_625_097_600));
    let generation = state.fleets;
    send(
        &mut state,
        Msg::Fleet(FleetAnswer::Page {
            generation,
            region: "eu-west-2".into(),
            outcome: fail(
                ErrorKind::AccessDenied,
                "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ops is not authorized to perform: \
                 rekognition:ListCollections on resource: *",
            ),
        }),
    );
    send(
        &mut state,
        Msg::Fleet(FleetAnswer::Page {
            generation,
            region: "ap-east-1".into(),
            outcome: fail(
                ErrorKind::Credentials,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
            ),
        }),
    );
    send(&mut state, Msg::Down);
    state
}

#[test]
fn fleet_view() {
    screens!("fleet", fleet);
}
