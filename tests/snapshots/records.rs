//! Screens of the records-and-safety features: protected rows and their explanation, the
//! manifest export in the delete dialog, the identity in the header and its masking.

use rekog::app::State;
use rekog::app::msg::{Msg, SessionAnswer, TableAnswer};
use rekog::context::Session;
use rekog::protect::Protect;

use crate::fixture::*;

fn protected(size: (u16, u16)) -> State {
    let mut state = listed(session(), size, COLLECTIONS.len());
    state.settings.protect = Protect::new(&["*-prod", "faces-prod*"]).expect("rules");
    state
}

#[test]
fn protected_rows_show_a_lock() {
    screens!("protected_rows", |size| {
        let mut state = protected(size);
        select(&mut state, "faces-staging");
        state
    });
}

#[test]
fn d_on_a_protected_row_explains_which_rule() {
    screens!("protected_dialog", |size| {
        let mut state = protected(size);
        select(&mut state, "faces-prod");
        send(&mut state, Msg::DeleteOpen);
        state
    });
}

fn exporting(size: (u16, u16), faces: u64, at: i64) -> State {
    let mut state = listed(session(), size, COLLECTIONS.len());
    state.settings.manifest = true;
    select(&mut state, "faces-prod");
    send(&mut state, Msg::DeleteOpen);
    rekog::app::update(
        &mut state,
        Msg::Table(TableAnswer::ExportProgress {
            id: "faces-prod".parse().unwrap(),
            faces,
            total: Some(1_284_311),
        }),
        NOW + at,
    );
    state
}

#[test]
fn delete_dialog_while_the_manifest_is_exported() {
    screens!("manifest_progress", |size| exporting(size, 528_384, 21_000));
}

#[test]
fn delete_dialog_once_the_manifest_is_kept() {
    screens!("manifest_kept", |size| {
        let mut state = exporting(size, 1_284_311, 50_000);
        send(
            &mut state,
            Msg::Table(TableAnswer::Exported {
                id: "faces-prod".parse().unwrap(),
                result: Ok(rekog::manifest::Exported {
                    path: "/home/ops/.local/share/rekog/manifests/123456789012/eu-west-1/\
                           faces-prod-20240501T123456Z.jsonl"
                        .into(),
                    sha256: "0f".repeat(32),
                    faces: 1_284_311,
                    users: 40_213,
                    described_faces: Some(1_284_311),
                }),
            }),
        );
        for c in "faces-prod".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        state
    });
}

#[test]
fn delete_dialog_with_manifests_off() {
    screens!("manifest_off", |size| {
        let mut state = listed(session(), size, COLLECTIONS.len());
        select(&mut state, "faces-prod");
        send(&mut state, Msg::DeleteOpen);
        state
    });
}

fn with_identity(size: (u16, u16), mask: bool) -> State {
    let mut state = listed(session(), size, COLLECTIONS.len());
    state.settings.mask = mask;
    send(
        &mut state,
        Msg::Session(SessionAnswer::IdentityLoaded {
            result: Ok(rekog::app::session::Identity {
                account: Some(ACCOUNT.into()),
                arn: Some(format!("arn:aws:sts::{ACCOUNT}:assumed-role/ops/jane")),
            }),
        }),
    );
    select(&mut state, "faces-prod");
    send(&mut state, Msg::DeleteOpen);
    state
}

#[test]
fn header_shows_the_caller() {
    screens!("identity", |size| with_identity(size, false));
}

#[test]
fn mask_hides_every_account_id() {
    for size in SIZES {
        let terminal = render(&with_identity(size, true), size);
        let text = format!("{:?}", terminal.backend());
        assert!(!text.contains(ACCOUNT), "{text}");
        assert!(
            !text.contains("3456789012"),
            "a partial account leaks: {text}"
        );
        assert!(text.contains("************"));
    }
    screens!("masked", |size| with_identity(size, true));
}

/// At every width rekog draws, whatever the header holds: the region and the account stay
/// whole in it, and no part of an account id shows when masked.
#[test]
fn the_header_keeps_the_account_whole_and_masked_at_every_width() {
    for width in 60..=130 {
        for mask in [false, true] {
            let mut state = with_identity((width, 24), mask);
            state.session.read_only = true;
            state.session.role = Some(format!(
                "arn:aws:iam::{ACCOUNT}:role/OrganizationAccountAccessRole"
            ));
            let terminal = render(&state, (width, 24));
            let header: String = (0..width)
                .map(|x| terminal.backend().buffer()[(x, 0)].symbol().to_owned())
                .collect();
            let account = if mask { "************" } else { ACCOUNT };
            assert!(
                header.contains("region eu-west-1")
                    && header.contains(&format!("account {account}")),
                "{width}: {header}"
            );
            if mask {
                let text = format!("{:?}", terminal.backend());
                assert!(!text.contains(&ACCOUNT[..4]), "{width}: {text}");
            }
        }
    }
}

/// The text inside the dialog titled `title`, a line per row, each trimmed.
fn dialog_rows(
    terminal: &ratatui::Terminal<ratatui::backend::TestBackend>,
    title: &str,
) -> Vec<String> {
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    let row = |y: u16| -> Vec<String> {
        (0..area.width)
            .map(|x| buffer[(x, y)].symbol().to_owned())
            .collect()
    };
    let (top, left) = (0..area.height)
        .find_map(|y| {
            let text: String = row(y).concat();
            let at = text.find(&format!("┌{title}"))?;
            Some((y, text[..at].chars().count() as u16))
        })
        .unwrap_or_else(|| panic!("no dialog {title:?}"));
    let cells = row(top);
    let right = (left + 1..area.width)
        .find(|&x| cells[usize::from(x)] == "┐")
        .expect("the dialog's right corner");
    (top + 1..area.height)
        .take_while(|&y| buffer[(left, y)].symbol() != "└")
        .map(|y| {
            let cells = row(y);
            cells[usize::from(left) + 1..usize::from(right)]
                .concat()
                .trim()
                .to_owned()
        })
        .collect()
}

/// The role a delete goes through, as long as an organization's member role is, shows
/// whole: it wraps under its label. Before, the line was cut at the dialog's edge
/// (`...:role/OrganizationAcc`) with nothing to say so.
#[test]
fn delete_dialog_shows_the_whole_role_it_acts_through() {
    let role = "arn:aws:iam::345678901234:role/OrganizationAccountAccessRole";
    for size in SIZES {
        let session = Session {
            role: Some(role.into()),
            ..session()
        };
        let mut state = listed(session, size, COLLECTIONS.len());
        select(&mut state, "faces-prod");
        send(&mut state, Msg::DeleteOpen);
        let terminal = render(&state, size);
        let rows = dialog_rows(&terminal, " Delete collection ");
        let joined = rows.concat();
        assert!(joined.contains(role), "{size:?}: {rows:#?}");
        let profile = rows
            .iter()
            .position(|r| r.starts_with("Profile"))
            .expect("a Profile line");
        assert!(rows[profile].contains("ops-admin"), "{size:?}: {rows:#?}");
    }
}

/// In the demo, a delete in an organization member's account says the demo's credentials
/// and the role they reached it through. Before, it said only DEMO.
#[test]
fn a_demo_delete_through_a_member_role_names_the_role() {
    let role = "arn:aws:iam::345678901234:role/OrganizationAccountAccessRole";
    let size = (120, 40);
    let session = Session {
        demo: true,
        profile: None,
        role: Some(role.into()),
        ..session()
    };
    let mut state = listed(session, size, COLLECTIONS.len());
    select(&mut state, "faces-prod");
    send(&mut state, Msg::DeleteOpen);
    let rows = dialog_rows(&render(&state, size), " Delete collection ");
    let profile = rows
        .iter()
        .position(|r| r.starts_with("Profile"))
        .expect("a Profile line");
    assert!(
        rows[profile].contains("DEMO (embedded emulator) →"),
        "{rows:#?}"
    );
    assert!(rows.concat().contains(role), "{rows:#?}");
}
