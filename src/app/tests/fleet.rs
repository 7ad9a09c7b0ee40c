//! The fleet view in the app: opened by F, filled by its answers, stale answers dropped,
//! Enter to a region's table and Esc back, and a failing region logged once.

use crate::app::msg::{FleetAnswer, SessionAnswer, SessionCall, TableAnswer, TableCall};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::*;
use crate::app::Mode;
use crate::app::fleet::{Call, Status};
use crate::app::keys;
use crate::app::overlay::{Notice, Overlay};
use crate::context::Context;

const REGIONS: [&str; 6] = [
    "eu-west-1",
    "us-east-1",
    "eu-west-2",
    "ap-east-1",
    "us-west-2",
    "eu-central-1",
];

fn press(state: &mut State, code: KeyCode) -> Vec<Command> {
    let msg = keys::map(state, KeyEvent::from(code)).expect("a bound key");
    send(state, msg)
}

fn pages(out: &[Command]) -> Vec<&str> {
    out.iter()
        .filter_map(|c| match c {
            Command::Fleet(Call::Page { region, .. }) => Some(region.as_str()),
            _ => None,
        })
        .collect()
}

fn describes(out: &[Command]) -> usize {
    out.iter()
        .filter(|c| matches!(c, Command::Fleet(Call::Describe { .. })))
        .count()
}

/// A table with the fleet opened by F over [`REGIONS`].
fn opened() -> (State, Vec<Command>) {
    let mut state = loaded(&["a"]);
    state.settings.regions = Some(REGIONS.iter().map(|r| (*r).to_owned()).collect());
    let out = press(&mut state, KeyCode::Char('F'));
    (state, out)
}

fn listed(state: &mut State, generation: u64, region: &str, ids: &[&str]) -> Vec<Command> {
    send(
        state,
        Msg::Fleet(FleetAnswer::Page {
            generation,
            account: 0,
            region: region.into(),
            outcome: ok(page(ids, None)),
        }),
    )
}

fn row<'a>(state: &'a State, region: &str) -> &'a crate::app::fleet::Region {
    let fleet = state.fleet().expect("the fleet is open");
    fleet
        .regions
        .iter()
        .find(|r| r.code == region)
        .expect("row")
}

#[test]
fn f_opens_every_region_of_the_list_and_lists_four_at_once() {
    let (state, out) = opened();
    assert_eq!(state.mode(), Mode::Fleet);
    let fleet = state.fleet().expect("open");
    let codes: Vec<&str> = fleet.regions.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, REGIONS);
    assert_eq!(fleet.profile.as_deref(), Some("ops"));
    assert_eq!(pages(&out), REGIONS[..4]);
    assert_eq!(out.len(), 4, "nothing but the first pages: {out:?}");
}

#[test]
fn answers_fill_the_rows_and_the_totals() {
    let (mut state, _) = opened();
    let generation = state.fleets;
    let out = listed(&mut state, generation, "us-east-1", &["x", "y"]);
    assert_eq!(describes(&out), 2);
    assert_eq!(pages(&out), ["us-west-2"], "a listing slot freed");
    for faces in [10, 5] {
        send(
            &mut state,
            Msg::Fleet(FleetAnswer::Described {
                generation,
                account: 0,
                region: "us-east-1".into(),
                outcome: ok(detail(faces, 1)),
            }),
        );
    }
    let us = row(&state, "us-east-1");
    assert_eq!((us.collections, us.faces, us.users), (2, 15, 2));
    assert_eq!(us.status, Status::Done);
    let totals = state.fleet().expect("open").totals();
    assert_eq!((totals.finished, totals.regions, totals.faces), (1, 6, 15));
    assert_eq!(totals.oldest, Some(1_700_000_000));
}

#[test]
fn r_reloads_and_answers_of_the_earlier_generation_are_dropped() {
    let (mut state, _) = opened();
    let old = state.fleets;
    let out = press(&mut state, KeyCode::Char('r'));
    assert_eq!(pages(&out).len(), 4);
    assert!(state.fleets > old);
    let out = listed(&mut state, old, "eu-west-1", &["x"]);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(row(&state, "eu-west-1").collections, 0);
    assert_eq!(row(&state, "eu-west-1").status, Status::Listing);
}

#[test]
fn answers_after_the_fleet_closed_change_nothing() {
    let (mut state, _) = opened();
    let generation = state.fleets;
    press(&mut state, KeyCode::Char('q'));
    assert_eq!(state.mode(), Mode::Table);
    assert!(state.fleet().is_none());
    let out = listed(&mut state, generation, "eu-west-1", &["x"]);
    assert!(out.is_empty());
    assert!(!state.should_quit(), "q closes the fleet view, not the app");
}

#[test]
fn enter_switches_to_the_region_and_esc_comes_back() {
    let (mut state, _) = opened();
    press(&mut state, KeyCode::Down);
    press(&mut state, KeyCode::Down);
    let out = press(&mut state, KeyCode::Enter);
    let london = Context {
        role: None,
        profile: Some("ops".into()),
        region: "eu-west-2".into(),
    };
    assert_eq!(
        out,
        [Command::Session(SessionCall::Connect {
            context: london.clone(),
            code: None
        })]
    );
    let session = Session {
        region: "eu-west-2".into(),
        ..session()
    };
    send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: london,
            result: Ok(session),
        }),
    );
    assert_eq!(state.mode(), Mode::Table);
    assert_eq!(state.session.region, "eu-west-2");
    assert!(state.fleet().is_some(), "the switch keeps the fleet");
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.mode(), Mode::Fleet);
    assert_eq!(
        state.fleet().map(|f| f.selected),
        Some(2),
        "the selection stays on the region entered"
    );
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.mode(), Mode::Table);
    assert_eq!(keys::map(&state, KeyEvent::from(KeyCode::Esc)), None);
}

/// A delete in the table Enter opened: the fleet counts that region again, so that Esc
/// comes back to figures without the collection, and the other rows are left alone.
#[test]
fn a_delete_in_a_regions_table_counts_its_row_again() {
    let (mut state, _) = opened();
    let generation = state.fleets;
    listed(&mut state, generation, "eu-west-1", &["a"]);
    listed(&mut state, generation, "us-east-1", &["x"]);
    for region in ["eu-west-1", "us-east-1"] {
        send(
            &mut state,
            Msg::Fleet(FleetAnswer::Described {
                generation,
                account: 0,
                region: region.into(),
                outcome: ok(detail(7, 1)),
            }),
        );
    }
    assert_eq!(row(&state, "eu-west-1").status, Status::Done);
    press(&mut state, KeyCode::Enter);
    assert_eq!(state.mode(), Mode::Table);

    let out = send(
        &mut state,
        Msg::Table(TableAnswer::Deleted {
            id: "a".parse().unwrap(),
            outcome: ok(200),
        }),
    );
    // Four regions are being listed: the recount waits for a slot, as any listing.
    assert!(pages(&out).is_empty(), "{out:?}");
    let eu = row(&state, "eu-west-1");
    assert_eq!(
        (&eu.status, eu.collections, eu.faces),
        (&Status::Queued, 0, 0)
    );
    assert_eq!(
        row(&state, "us-east-1").faces,
        7,
        "other rows keep their count"
    );
    let out = listed(&mut state, generation, "eu-west-2", &[]);
    assert_eq!(pages(&out), ["eu-west-1"], "{out:?}");

    listed(&mut state, generation, "eu-west-1", &[]);
    press(&mut state, KeyCode::Esc);
    assert_eq!(state.mode(), Mode::Fleet);
    let totals = state.fleet().expect("open").totals();
    assert_eq!((totals.collections, totals.faces), (1, 7));
}

#[test]
fn enter_on_the_current_region_shows_its_table_without_a_switch() {
    let (mut state, _) = opened();
    let out = press(&mut state, KeyCode::Enter);
    assert!(out.is_empty(), "{out:?}");
    assert_eq!(state.mode(), Mode::Table);
    assert_eq!(state.table.rows.len(), 1, "the rows stay");
}

#[test]
fn enter_is_refused_while_a_delete_is_in_flight() {
    let (mut state, _) = opened();
    state.table.delete_started(&"a".parse().unwrap());
    press(&mut state, KeyCode::Down);
    let out = press(&mut state, KeyCode::Enter);
    assert!(out.is_empty());
    assert!(matches!(
        &state.overlay,
        Some(Overlay::Notice(Notice::Busy { .. }))
    ));
}

#[test]
fn a_failing_region_is_logged_once_and_not_enabled_not_at_all() {
    let (mut state, _) = opened();
    let generation = state.fleets;
    let before = state.log.entries.len();
    send(
        &mut state,
        Msg::Fleet(FleetAnswer::Page {
            generation,
            account: 0,
            region: "ap-east-1".into(),
            outcome: fail(ErrorKind::Credentials, "UnrecognizedClientException"),
        }),
    );
    assert_eq!(row(&state, "ap-east-1").status, Status::NotEnabled);
    assert_eq!(state.log.entries.len(), before);
    listed(&mut state, generation, "eu-west-1", &["x", "y", "z"]);
    for _ in 0..3 {
        send(
            &mut state,
            Msg::Fleet(FleetAnswer::Described {
                generation,
                account: 0,
                region: "eu-west-1".into(),
                outcome: fail(ErrorKind::AccessDenied, "AccessDeniedException"),
            }),
        );
    }
    let logged: Vec<&str> = state.log.entries[before..]
        .iter()
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(logged[0].starts_with("DescribeCollection in eu-west-1"));
    let hint = state.log.entries.last().and_then(|e| e.hint.as_deref());
    assert!(
        hint.is_some_and(
            |h| h.contains("rekognition:DescribeCollection") && h.contains(":eu-west-1:")
        ),
        "{hint:?}"
    );
}

#[test]
fn a_switch_to_another_profile_drops_the_fleet() {
    let (mut state, _) = opened();
    press(&mut state, KeyCode::Enter);
    let other = Context {
        role: None,
        profile: Some("dev".into()),
        region: "eu-west-1".into(),
    };
    state.switch.pending = Some(other.clone());
    let session = Session {
        profile: Some("dev".into()),
        ..session()
    };
    send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: other,
            result: Ok(session),
        }),
    );
    assert!(state.fleet().is_none());
}

#[test]
fn all_regions_starts_in_the_fleet_view() {
    let mut state = State::new(session());
    state.settings.all_regions = true;
    state.settings.regions = Some(vec!["eu-west-1".into(), "us-east-1".into()]);
    let out = state.start();
    assert_eq!(state.mode(), Mode::Fleet);
    assert_eq!(pages(&out), ["eu-west-1", "us-east-1"]);
    assert!(
        out.iter()
            .any(|c| matches!(c, Command::Table(TableCall::ListPage { .. })))
    );
}

/// Without a configured list, the fleet counts the table's regions in the session's
/// partition (a commercial account's keys are refused in GovCloud, and the other way
/// round); of several profiles, which may be in either, every region.
#[test]
fn the_fleet_stays_in_the_sessions_partition_unless_it_spans_profiles() {
    use crate::app::fleet::Scope;
    let codes = |state: &State| -> Vec<String> {
        let fleet = state.fleet().expect("the fleet view");
        fleet.codes.iter().map(|(c, _)| c.clone()).collect()
    };
    let mut state = loaded(&["a"]);
    press(&mut state, KeyCode::Char('F'));
    let commercial = codes(&state);
    assert!(
        commercial.contains(&"eu-west-1".to_owned()),
        "{commercial:?}"
    );
    assert!(
        !commercial.iter().any(|c| c.starts_with("us-gov-")),
        "{commercial:?}"
    );

    let mut state = State::new(Session {
        region: "us-gov-west-1".into(),
        ..session()
    });
    state.settings.all_regions = true;
    state.start();
    assert_eq!(codes(&state), ["us-gov-west-1"]);

    let mut state = loaded(&["a"]);
    state.settings.fleet_scope = Some(Scope::Profiles(vec!["ops".into(), "gov".into()]));
    press(&mut state, KeyCode::Char('F'));
    press(&mut state, KeyCode::Char('a'));
    let every = codes(&state);
    assert_eq!(every.len(), crate::aws::regions::REKOGNITION.len());
    assert!(every.contains(&"us-gov-west-1".to_owned()), "{every:?}");
}

/// `a` widens the fleet to the organization; its answer groups the rows by account, and
/// Enter on a member's region switches into its role; `a` again is this profile alone.
#[test]
fn a_counts_every_account_and_enter_opens_a_members_region_through_its_role() {
    use crate::app::fleet::{Account, Scope, Via};
    let (mut state, _) = opened();
    state.settings.fleet_scope = Some(Scope::Org("OrgRole".into()));
    state.settings.fleet_concurrency = 2;
    let out = press(&mut state, KeyCode::Char('a'));
    let Some(Command::Fleet(Call::Reach { generation, scope })) = out.first() else {
        panic!("{out:?}")
    };
    assert_eq!(scope, &Scope::Org("OrgRole".into()));
    let generation = *generation;
    let role = "arn:aws:iam::222222222222:role/OrgRole";
    let member = Account {
        id: Some("222222222222".into()),
        name: Some("staging".into()),
        profiles: vec!["ops".into()],
        via: Via {
            profile: Some("ops".into()),
            role: Some(role.into()),
        },
        unreached: None,
    };
    let denied = Account {
        id: Some("333333333333".into()),
        unreached: Some("denied: sts:AssumeRole".into()),
        via: Via::default(),
        ..member.clone()
    };
    let out = send(
        &mut state,
        Msg::Fleet(FleetAnswer::Reached {
            generation,
            accounts: vec![denied, member],
        }),
    );
    assert_eq!(pages(&out).len(), 2, "--fleet-concurrency pairs at once");
    let fleet = state.fleet().unwrap();
    assert_eq!(fleet.regions.len(), REGIONS.len());
    assert!(
        state
            .log
            .entries
            .iter()
            .any(|e| e.text == "fleet: account 333333333333 (staging): denied: sts:AssumeRole"),
        "the account not reached is logged"
    );
    press(&mut state, KeyCode::Down);
    let out = press(&mut state, KeyCode::Enter);
    let context = Context {
        profile: Some("ops".into()),
        role: Some(role.into()),
        region: "us-east-1".into(),
    };
    assert_eq!(
        out,
        [Command::Session(SessionCall::Connect {
            context,
            code: None
        })]
    );
    // Back to this profile alone: every region listed again, no account to find.
    let out = press(&mut state, KeyCode::Char('a'));
    assert!(!state.fleet().unwrap().wide());
    assert_eq!(pages(&out).len(), 4);
}

/// The line of an account whose profile's role wants an MFA code takes Enter: the code is
/// asked in the switch's dialog, and once STS takes it the fleet counts again with the
/// session left where it was. Another account not reached says in the log what to run.
#[test]
fn enter_on_an_account_needing_an_mfa_code_asks_for_it_and_counts_again() {
    use crate::app::fleet::{Account, MFA_NEEDED, Scope, Via};
    let (mut state, _) = opened();
    let names = ["a", "mfa", "sso"].map(String::from).to_vec();
    state.settings.fleet_scope = Some(Scope::Profiles(names));
    let out = press(&mut state, KeyCode::Char('a'));
    let Some(Command::Fleet(Call::Reach { generation, .. })) = out.first() else {
        panic!("{out:?}")
    };
    let generation = *generation;
    let of = |profile: &str, id: Option<&str>, unreached: Option<&str>| Account {
        id: id.map(Into::into),
        name: None,
        profiles: vec![profile.into()],
        via: Via {
            profile: Some(profile.into()),
            role: None,
        },
        unreached: unreached.map(Into::into),
    };
    let sso = "sso login needed: aws sso login --profile sso";
    send(
        &mut state,
        Msg::Fleet(FleetAnswer::Reached {
            generation,
            accounts: vec![
                of("sso", None, Some(sso)),
                of("a", Some("111111111111"), None),
                of("mfa", None, Some(MFA_NEEDED)),
            ],
        }),
    );
    // The last line is the last account not reached.
    press(&mut state, KeyCode::End);
    let fleet = state.fleet().unwrap();
    assert_eq!(fleet.selected, REGIONS.len() + 1);
    assert_eq!(
        fleet.selected_unreached().map(|a| a.profiles[0].as_str()),
        Some("sso")
    );
    assert!(press(&mut state, KeyCode::Enter).is_empty());
    let said = state.log.entries.last().unwrap();
    assert_eq!(said.text, format!("profile sso is not reached: {sso}"));
    assert_eq!(
        said.hint.as_deref(),
        Some("run: aws sso login --profile sso; then r counts again")
    );

    press(&mut state, KeyCode::Up);
    let mfa = Context {
        profile: Some("mfa".into()),
        role: None,
        region: state.session.region.clone(),
    };
    let out = press(&mut state, KeyCode::Enter);
    assert_eq!(
        out,
        [Command::Session(SessionCall::Connect {
            context: mfa.clone(),
            code: None
        })]
    );
    send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: mfa.clone(),
            result: Err(crate::context::ConnectFailure::NeedCode { why: None }),
        }),
    );
    assert_eq!(state.mode(), Mode::Mfa);
    for c in "123456".chars() {
        press(&mut state, KeyCode::Char(c));
    }
    let out = press(&mut state, KeyCode::Enter);
    assert_eq!(
        out,
        [Command::Session(SessionCall::Connect {
            context: mfa.clone(),
            code: Some("123456".into())
        })]
    );
    let before = state.session.clone();
    let out = send(
        &mut state,
        Msg::Session(SessionAnswer::Connected {
            context: mfa,
            result: Ok(Session {
                profile: Some("mfa".into()),
                ..session()
            }),
        }),
    );
    assert_eq!(state.session, before, "the session stays where it was");
    assert_eq!(state.mode(), Mode::Fleet);
    assert!(
        matches!(out.first(), Some(Command::Fleet(Call::Reach { generation: g, .. })) if *g > generation),
        "the fleet counts again: {out:?}"
    );
    assert!(
        state
            .log
            .entries
            .iter()
            .any(|e| e.text == "profile mfa: MFA code accepted, its role's credentials are cached")
    );
}
