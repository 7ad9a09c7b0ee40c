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
            account: 0,
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
            account: 0,
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
            account: 0,
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
            account: 0,
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

/// The fleet of an organization: the management account and a member counted region by
/// region, a member whose role is missing, and a profile that needs an SSO login.
fn organization(size: (u16, u16)) -> State {
    use rekog::app::fleet::{Account, Scope, Via};
    let mut state = crate::fixture::listed(session(), size, COLLECTIONS.len());
    state.settings.regions = Some(vec!["us-east-1".into(), "eu-west-1".into()]);
    state.settings.fleet_scope = Some(Scope::Org("OrganizationAccountAccessRole".into()));
    send(&mut state, Msg::FleetOpen);
    send(&mut state, Msg::FleetWiden);
    let generation = state.fleets;
    let account = |id: &str, name: &str, role: Option<&str>, unreached: Option<&str>| Account {
        id: Some(id.into()),
        name: Some(name.into()),
        profiles: vec!["ops-admin".into()],
        via: Via {
            profile: Some("ops-admin".into()),
            role: role.map(str::to_owned),
        },
        unreached: unreached.map(str::to_owned),
    };
    let accounts = vec![
        account("111111111111", "prod", None, None),
        account(
            "222222222222",
            "staging",
            Some("arn:aws:iam::222222222222:role/OrganizationAccountAccessRole"),
            None,
        ),
        account(
            "333333333333",
            "sandbox",
            None,
            Some("denied: sts:AssumeRole"),
        ),
    ];
    send(
        &mut state,
        Msg::Fleet(FleetAnswer::Reached {
            generation,
            accounts,
        }),
    );
    let page_of = |state: &mut State, account: usize, region: &str, ids: &[&str]| {
        send(
            state,
            Msg::Fleet(FleetAnswer::Page {
                generation,
                account,
                region: region.into(),
                outcome: ok(page(ids), 80),
            }),
        );
    };
    let described_in = |state: &mut State, account: usize, region: &str, d: CollectionDetail| {
        send(
            state,
            Msg::Fleet(FleetAnswer::Described {
                generation,
                account,
                region: region.into(),
                outcome: ok(d, 20),
            }),
        );
    };
    page_of(&mut state, 0, "us-east-1", &["a"]);
    described_in(
        &mut state,
        0,
        "us-east-1",
        described(250_000, 4_800, 1_612_137_600),
    );
    page_of(&mut state, 0, "eu-west-1", &[]);
    page_of(&mut state, 1, "us-east-1", &["b", "c"]);
    described_in(&mut state, 1, "us-east-1", described(140, 6, 1_625_097_600));
    send(&mut state, Msg::Down);
    send(&mut state, Msg::Down);
    state
}

#[test]
fn organization_fleet() {
    screens!("organization", organization);
}

/// Between the compact layout and the wide one (100 columns, the recorded demo's), the
/// first column is too narrow for an account's line: its name and profiles move beside
/// the status instead of being cut.
#[test]
fn an_account_line_too_long_for_its_column_is_not_cut() {
    for width in [100, 104, 110] {
        let size = (width, 30);
        let terminal = crate::fixture::render(&organization(size), size);
        let screen = format!("{}", terminal.backend());
        for line in ["prod · ops-admin", "staging", "sandbox · ops-admin"] {
            assert!(
                screen.contains(line),
                "{line:?} at {width} columns:\n{screen}"
            );
        }
        assert!(screen.contains("denied: sts:AssumeRole"), "{screen}");
    }
}

/// A fleet of one profile reaching one account says so in the singular.
#[test]
fn the_title_counts_in_words() {
    use rekog::app::fleet::{Account, Scope, Via};
    let size = (80, 24);
    let mut state = crate::fixture::listed(session(), size, COLLECTIONS.len());
    state.settings.regions = Some(vec!["us-east-1".into()]);
    state.settings.fleet_scope = Some(Scope::Profiles(vec!["ops-admin".into()]));
    send(&mut state, Msg::FleetOpen);
    send(&mut state, Msg::FleetWiden);
    let generation = state.fleets;
    let accounts = vec![Account {
        id: Some("111111111111".into()),
        name: None,
        profiles: vec!["ops-admin".into()],
        via: Via {
            profile: Some("ops-admin".into()),
            role: None,
        },
        unreached: None,
    }];
    send(
        &mut state,
        Msg::Fleet(FleetAnswer::Reached {
            generation,
            accounts,
        }),
    );
    let terminal = crate::fixture::render(&state, size);
    let screen = format!("{}", terminal.backend());
    assert!(
        screen.contains("Fleet · 1 profile · 1 account · 0/1 done"),
        "{screen}"
    );
}
