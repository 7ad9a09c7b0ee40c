//! The region and profile pickers.

use rekog::app::msg::{Msg, SessionAnswer};
use rekog::app::settings::ProfileChoice;
use rekog::context::{ConnectFailure, Context};

use crate::fixture::*;

#[test]
fn region_picker() {
    screens!("region_picker", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::RegionPickerOpen);
        state
    });
}

#[test]
fn region_picker_filtered() {
    screens!("region_picker_filtered", |size| {
        let mut state = loaded(size);
        send(&mut state, Msg::RegionPickerOpen);
        for c in "eu".chars() {
            send(&mut state, Msg::DialogInput(c));
        }
        send(&mut state, Msg::Down);
        state
    });
}

#[test]
fn profile_picker() {
    screens!("profile_picker", |size| {
        let mut state = loaded(size);
        state.settings.profiles = vec![
            choice("default", "keys", Some("us-east-1")),
            choice("ops", "SSO", Some("eu-west-1")),
            choice("prod-admin", "role with MFA", Some("eu-west-1")),
            choice("tools", "credential process", None),
        ];
        send(&mut state, Msg::ProfilePickerOpen);
        state
    });
}

fn choice(name: &str, kind: &'static str, region: Option<&str>) -> ProfileChoice {
    ProfileChoice {
        name: name.into(),
        kind,
        region: region.map(Into::into),
    }
}

/// Switching to a role that needs an MFA code: the dialog with two digits typed (shown as
/// dots), after STS refused the previous code.
#[test]
fn mfa_dialog() {
    screens!("mfa_dialog", |size| {
        let mut state = loaded(size);
        state.settings.profiles = vec![choice("prod-admin", "role with MFA", Some("eu-west-1"))];
        send(&mut state, Msg::ProfilePickerOpen);
        send(&mut state, Msg::DialogSubmit);
        let context = Context {
            role: None,
            profile: Some("prod-admin".into()),
            region: "eu-west-1".into(),
        };
        let why = "STS refused the code: MultiFactorAuthentication failed with invalid MFA one \
                   time pass code.";
        send(
            &mut state,
            Msg::Session(SessionAnswer::Connected {
                context,
                result: Err(ConnectFailure::NeedCode {
                    why: Some(why.into()),
                }),
            }),
        );
        send(&mut state, Msg::DialogInput('4'));
        send(&mut state, Msg::DialogInput('2'));
        state
    });
}
