//! `c`: the create dialog's checks, keys and result.

use crate::app::msg::{Change, Mutation, TableAnswer, TableCall};
use rstest::rstest;

use super::*;
use crate::app::Mode;
use crate::app::overlay::Overlay;
use crate::app::overlay::create::CreateForm;
use crate::aws::api::Created;

fn form(state: &State) -> Option<&CreateForm> {
    match &state.overlay {
        Some(Overlay::Create(form)) => Some(form),
        _ => None,
    }
}
use crate::app::overlay::create::{Field, id_problem, parse_tags};

#[rstest]
#[case("", Some("the ID is required (1 to 255 characters)"))]
#[case("ok-1_.X", None)]
#[case("a b", Some("a space is not allowed: only letters, digits, _ . and -"))]
#[case("prod/x", Some("'/' is not allowed: only letters, digits, _ . and -"))]
#[case("é", Some("'é' is not allowed: only letters, digits, _ . and -"))]
fn id_rules(#[case] id: &str, #[case] want: Option<&str>) {
    assert_eq!(id_problem(id).as_deref(), want);
}

#[test]
fn id_length_limit_is_255() {
    assert_eq!(id_problem(&"a".repeat(255)), None);
    assert_eq!(
        id_problem(&"a".repeat(256)).as_deref(),
        Some("too long: 256 characters, at most 255")
    );
}

#[test]
fn tags_parse_and_name_the_rule_they_break() {
    assert_eq!(parse_tags(""), Ok(vec![]));
    assert_eq!(
        parse_tags(" team = ops, env=prod ,"),
        Ok(vec![
            ("team".into(), "ops".into()),
            ("env".into(), "prod".into())
        ])
    );
    assert_eq!(
        parse_tags("empty="),
        Ok(vec![("empty".into(), String::new())])
    );
    assert!(parse_tags("team").unwrap_err().contains("key=value"));
    assert!(parse_tags("=x").unwrap_err().contains("1 to 128"));
    assert!(parse_tags("aws:x=1").unwrap_err().contains("aws:"));
    assert!(parse_tags("a=1,a=2").unwrap_err().contains("twice"));
    assert!(
        parse_tags(&format!("a={}", "v".repeat(257)))
            .unwrap_err()
            .contains("256")
    );
    let many: Vec<String> = (0..201).map(|i| format!("k{i}=v")).collect();
    assert!(
        parse_tags(&many.join(","))
            .unwrap_err()
            .contains("at most 200")
    );
}

fn created(id: &str) -> Msg {
    Msg::Table(TableAnswer::CollectionCreated {
        id: id.parse().unwrap(),
        outcome: ok(Created {
            status: 200,
            arn: Some(format!("arn:aws:rekognition:eu-west-1:1:collection/{id}")),
            face_model_version: Some("7.0".into()),
        }),
    })
}

#[test]
fn create_sends_the_id_and_tags_and_selects_the_new_row() {
    let mut state = loaded(&["a", "z"]);
    send(&mut state, Msg::CreateOpen);
    assert_eq!(state.mode(), Mode::Create);
    type_text(&mut state, "new one");
    assert!(
        send(&mut state, Msg::DialogSubmit).is_empty(),
        "a space is refused"
    );
    send(&mut state, Msg::DialogBackspace);
    send(&mut state, Msg::DialogBackspace);
    send(&mut state, Msg::DialogBackspace);
    send(&mut state, Msg::DialogBackspace);
    send(&mut state, Msg::DialogFocusNext);
    assert_eq!(form(&state).map(|d| d.field), Some(Field::Tags));
    type_text(&mut state, "team=ops");
    let cmds = send(&mut state, Msg::DialogSubmit);
    match &cmds[..] {
        [
            Command::Change(Mutation {
                change: Change::CreateCollection { id, tags },
                intent,
            }),
        ] => {
            assert_eq!(id, "new");
            assert_eq!(tags, &[("team".to_string(), "ops".to_string())]);
            assert_eq!(intent.operation, crate::audit::Operation::CreateCollection);
            assert_eq!(intent.collection_id, "new");
        }
        other => panic!("{other:?}"),
    }
    // Keys while it is sending do nothing but Esc.
    assert!(send(&mut state, Msg::DialogSubmit).is_empty());
    let cmds = send(&mut state, created("new"));
    assert!(state.overlay.is_none());
    assert_eq!(state.table.selected_id(), Some("new"));
    assert!(
        last_log(&state).starts_with("CreateCollection new: StatusCode 200"),
        "{}",
        last_log(&state)
    );
    assert!(cmds.contains(&Command::Table(TableCall::Describe {
        id: "new".parse().unwrap()
    })));
}

#[test]
fn a_filter_that_would_hide_the_new_row_is_cleared() {
    let mut state = loaded(&["alpha", "beta"]);
    send(&mut state, Msg::FilterOpen);
    send(&mut state, Msg::FilterInput('a'));
    send(&mut state, Msg::FilterInput('l'));
    send(&mut state, Msg::FilterAccept);
    send(&mut state, created("beta-2"));
    assert_eq!(state.table.filter, "");
    assert_eq!(state.table.selected_id(), Some("beta-2"));
}

#[test]
fn a_failed_create_keeps_the_dialog_and_says_why() {
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::CreateOpen);
    type_text(&mut state, "a");
    send(&mut state, Msg::DialogSubmit);
    send(
        &mut state,
        Msg::Table(TableAnswer::CollectionCreated {
            id: "a".parse().unwrap(),
            outcome: fail(ErrorKind::Other, "ResourceAlreadyExistsException"),
        }),
    );
    let dialog = form(&state).expect("still open");
    assert!(!dialog.sending);
    assert!(
        dialog
            .error
            .as_deref()
            .is_some_and(|e| e.contains("ResourceAlreadyExists"))
    );
    assert_eq!(state.table.rows.len(), 1);
    send(&mut state, Msg::DialogCancel);
    assert!(state.overlay.is_none());
}

#[test]
fn read_only_refuses_create_before_any_dialog() {
    let mut ro = session();
    ro.read_only = true;
    let mut state = loaded_with(ro, &["a"]).0;
    send(&mut state, Msg::CreateOpen);
    assert!(form(&state).is_none());
    assert!(last_log(&state).contains("read-only"));
}

#[test]
fn create_dialog_keys_are_dialog_keys_and_q_is_text() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut state = loaded(&["a"]);
    send(&mut state, Msg::CreateOpen);
    let key = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let map = crate::app::keys::map;
    assert_eq!(
        map(&state, key(KeyCode::Char('q'))),
        Some(Msg::DialogInput('q'))
    );
    assert_eq!(map(&state, key(KeyCode::Tab)), Some(Msg::DialogFocusNext));
    assert_eq!(map(&state, key(KeyCode::Esc)), Some(Msg::DialogCancel));
}
