//! The checks of the property test: a confirmation opens only on what the operator chose
//! and keeps its target, and every destructive command the app sends names exactly what a
//! confirmation on screen showed when Enter was pressed.

use super::operator::KeyContext;
use super::*;
use crate::app::detail::erase::Faces;
use crate::app::msg::{Change, Mutation, TableCall};
use crate::app::overlay::confirm::{Confirm, Count};
use crate::ids::UserId;

/// The distinct users of `faces`, in order.
fn users_of(faces: &[(String, Option<UserId>)]) -> Vec<UserId> {
    let mut users: Vec<UserId> = Vec::new();
    for user in faces.iter().filter_map(|(_, u)| u.clone()) {
        if !users.contains(&user) {
            users.push(user);
        }
    }
    users
}

impl Case {
    /// A confirmation just opened: it must be on the row, the faces or the user the
    /// operator chose.
    pub(super) fn opened_on(&mut self, key: &KeyContext, confirm: Confirm) {
        assert!(
            !self.state.session.read_only,
            "a confirmation in read-only mode"
        );
        assert_eq!(confirm.context.region, REGION);
        assert!(self.protect.matching_rule(&confirm.id).is_none());
        let view = || key.marked.clone().expect("a detail view");
        match (&key.msg, &confirm.action) {
            (Msg::DeleteOpen, Action::DeleteCollection { .. }) => {
                assert_eq!(key.mode, Mode::Table);
                assert_eq!(key.selected.as_deref(), Some(confirm.id.as_str()));
            }
            (Msg::FacesDeleteOpen, Action::DeleteFaces { face_ids }) => {
                assert_eq!(key.mode, Mode::Detail);
                let (id, marked) = view();
                assert_eq!(id, confirm.id);
                let marked: Vec<String> = marked.into_iter().map(|(f, _)| f).collect();
                assert_eq!(face_ids, &marked, "the faces marked, in the order shown");
            }
            (Msg::UserDeleteOpen, Action::DeleteUser { user, faces }) => {
                assert_eq!(key.mode, Mode::Users);
                assert_eq!(view().0, confirm.id);
                assert_eq!(key.user.as_ref(), Some(user), "the user highlighted");
                assert!(
                    matches!(faces, Count::Counting { .. }),
                    "counted from nothing"
                );
            }
            (Msg::DisassociateOpen, Action::Disassociate { faces }) => {
                assert_eq!(key.mode, Mode::Detail);
                let (id, marked) = view();
                assert_eq!(id, confirm.id);
                let owned: Vec<(String, UserId)> = marked
                    .into_iter()
                    .filter_map(|(f, u)| Some((f, u?)))
                    .collect();
                assert_eq!(faces, &owned, "the marked faces that have a user, in order");
            }
            (Msg::EraseOpen, Action::Erase(erasing)) => {
                let (id, marked) = view();
                assert_eq!(id, confirm.id);
                match key.mode {
                    Mode::Detail => {
                        let ids: Vec<&str> = marked.iter().map(|(f, _)| f.as_str()).collect();
                        let named: Vec<&str> = erasing
                            .faces()
                            .expect("the marked faces")
                            .iter()
                            .map(|f| f.face_id.as_str())
                            .collect();
                        assert_eq!(named, ids, "the faces marked, in the order shown");
                        let users = match &key.searched {
                            Some(crate::erase::search::Search::User(u)) => vec![u.clone()],
                            _ => Vec::new(),
                        };
                        assert_eq!(erasing.users, users, "only a user search names its user");
                        let owners: Vec<&str> = erasing.owners();
                        assert_eq!(owners, users_of(&marked), "the users the faces leave");
                    }
                    Mode::Users => {
                        assert!(matches!(erasing.faces, Faces::Finding { .. }));
                        assert_eq!(
                            Some(&erasing.users),
                            key.user.as_ref().map(|u| vec![u.clone()]).as_ref()
                        );
                    }
                    other => panic!("E in {other:?}"),
                }
            }
            other => panic!("{other:?} opened a confirmation"),
        }
        self.opened = Some(Opened {
            id: confirm.id,
            typing: false,
        });
        self.check_dialog();
    }

    /// The open dialog is still the one the operator opened; what it has shown decides
    /// whether the ID must be typed.
    pub(super) fn check_dialog(&mut self) {
        let Some(confirm) = self.state.confirm() else {
            // Whatever was confirmed in it is moot once the dialog is gone.
            self.opened = None;
            self.confirmed.clear();
            return;
        };
        let opened = self.opened.as_mut().expect("a confirmation nobody opened");
        assert_eq!(opened.id, confirm.id, "the dialog changed its target");
        assert_eq!(confirm.context.region, REGION);
        opened.typing |= match &confirm.action {
            Action::DeleteCollection { faces, users, .. } => {
                !(*faces == Some(0) && *users == Some(0))
            }
            Action::DeleteFaces { face_ids } => face_ids.len() > 10,
            Action::Disassociate { faces } => faces.len() > 10,
            Action::DeleteUser { .. } | Action::Erase(_) => true,
        };
    }

    /// Enter in a confirmation: whether the operator confirmed, judged from the screen.
    fn confirmed_by(&self, key: Option<&KeyContext>) -> Option<Confirmed> {
        let key = key.filter(|k| k.mode == Mode::Confirm && k.msg == Msg::DialogSubmit)?;
        let c = key.confirm.as_ref()?;
        let typing = self.opened.as_ref().is_some_and(|o| o.typing);
        // What must be typed, as the dialog names it: the user for DeleteUser.
        let wanted = match &c.action {
            Action::DeleteUser { user, .. } => user.as_str(),
            _ => c.id.as_str(),
        };
        let valid = c.phase == Phase::Editing
            && c.focus == Button::Delete
            && (!typing || c.input == wanted);
        valid.then(|| Confirmed {
            id: c.id.clone(),
            action: c.action.clone(),
            account: c.context.account.clone(),
            shown_faces: c.faces(),
        })
    }

    /// The confirmation Enter made just now, of the kind `kind` on `id`.
    fn confirmed(
        &self,
        key: Option<&KeyContext>,
        id: &str,
        kind: fn(&Action) -> bool,
    ) -> Confirmed {
        self.confirmed_by(key)
            .filter(|c| c.id == id && kind(&c.action))
            .unwrap_or_else(|| panic!("a change to {id} without its confirmation"))
    }

    /// Every command the app sends: mutations checked against what was confirmed, the
    /// rest kept to be answered.
    pub(super) fn observe(&mut self, cmds: Vec<Command>, key: Option<&KeyContext>) {
        let mut batches: Vec<(String, String)> = Vec::new();
        let mut batch_of: Option<Confirmed> = None;
        for command in cmds {
            match &command {
                Command::Table(TableCall::Verify { id }) => {
                    let confirmed =
                        self.confirmed(key, id, |a| matches!(a, Action::DeleteCollection { .. }));
                    self.confirmed.push(confirmed);
                }
                Command::Change(Mutation {
                    change: Change::DeleteCollection { id },
                    intent,
                }) => {
                    self.mutation(id, &command);
                    let at = self
                        .confirmed
                        .iter()
                        .rposition(|c| {
                            c.id == *id && matches!(c.action, Action::DeleteCollection { .. })
                        })
                        .unwrap_or_else(|| panic!("DeleteCollection {id} was never confirmed"));
                    let confirmed = self.confirmed.remove(at);
                    assert_eq!(intent.collection_id, *id);
                    assert_eq!(intent.region, REGION);
                    assert_eq!(intent.account, confirmed.account, "the account shown");
                    if let Some(n) = confirmed.shown_faces {
                        assert_eq!(intent.face_count, Some(n), "the count warned about");
                    }
                    *self.deletes.entry("DeleteCollection").or_insert(0) += 1;
                }
                Command::Change(Mutation {
                    change: Change::DeleteFaces { id, face_ids },
                    intent,
                })
                | Command::Change(Mutation {
                    change: Change::DisassociateFaces { id, face_ids, .. },
                    intent,
                }) => {
                    self.mutation(id, &command);
                    let (user, kind) = match &command {
                        Command::Change(Mutation {
                            change: Change::DisassociateFaces { user, .. },
                            ..
                        }) => (user.to_string(), "DisassociateFaces"),
                        _ => (String::new(), "DeleteFaces"),
                    };
                    let expected = match &command {
                        Command::Change(Mutation {
                            change: Change::DeleteFaces { .. },
                            ..
                        }) => |a: &Action| matches!(a, Action::DeleteFaces { .. }),
                        _ => |a: &Action| matches!(a, Action::Disassociate { .. }),
                    };
                    let confirmed =
                        batch_of.get_or_insert_with(|| self.confirmed(key, id, expected));
                    assert!(expected(&confirmed.action), "one kind of batch per Enter");
                    assert_eq!(confirmed.id, *id);
                    assert_eq!(intent.region, REGION);
                    assert_eq!(intent.account, confirmed.account, "the account shown");
                    batches.extend(face_ids.iter().map(|f| (f.clone(), user.clone())));
                    *self.deletes.entry(kind).or_insert(0) += 1;
                }
                Command::Change(Mutation {
                    change: Change::DeleteUser { id, user },
                    intent,
                }) => {
                    self.mutation(id, &command);
                    let confirmed =
                        self.confirmed(key, id, |a| matches!(a, Action::DeleteUser { .. }));
                    let Action::DeleteUser { user: shown, .. } = &confirmed.action else {
                        unreachable!("filtered above");
                    };
                    assert_eq!(user, shown, "the user the dialog named");
                    assert_eq!(intent.account, confirmed.account, "the account shown");
                    *self.deletes.entry("DeleteUser").or_insert(0) += 1;
                }
                Command::Change(Mutation {
                    change: Change::Erase { erasure: plan },
                    ..
                }) => {
                    let id = &plan.target.id;
                    self.mutation(id, &command);
                    let confirmed = self.confirmed(key, id, |a| matches!(a, Action::Erase(_)));
                    let Action::Erase(erasing) = &confirmed.action else {
                        unreachable!("filtered above");
                    };
                    assert_eq!(
                        Some(plan.faces.as_slice()),
                        erasing.faces(),
                        "the faces shown"
                    );
                    assert_eq!(plan.users, erasing.users, "the users shown");
                    assert_eq!(plan.target.region, REGION);
                    assert_eq!(plan.target.account, confirmed.account, "the account shown");
                    *self.deletes.entry("Erase").or_insert(0) += 1;
                }
                Command::Change(Mutation {
                    change: Change::CreateUser { id, .. },
                    ..
                })
                | Command::Change(Mutation {
                    change: Change::AssociateFaces { id, .. },
                    ..
                }) => {
                    self.mutation(id, &command);
                }
                Command::Quit => self.quit = true,
                _ => {}
            }
            if !matches!(command, Command::Quit) {
                self.pending.push(command);
            }
        }
        if let Some(confirmed) = batch_of {
            let mut sent = batches;
            let mut shown: Vec<(String, String)> = match confirmed.action {
                Action::DeleteFaces { face_ids } => {
                    face_ids.into_iter().map(|f| (f, String::new())).collect()
                }
                Action::Disassociate { faces } => {
                    // DisassociateFaces goes user by user, so only the set is the same.
                    sent.sort();
                    let mut faces: Vec<(String, String)> =
                        faces.into_iter().map(|(f, u)| (f, u.into())).collect();
                    faces.sort();
                    faces
                }
                _ => Vec::new(),
            };
            assert_eq!(
                sent,
                std::mem::take(&mut shown),
                "exactly the faces confirmed"
            );
        }
    }

    /// What holds for every mutation, whoever asked.
    fn mutation(&self, id: &str, command: &Command) {
        assert!(
            !self.state.session.read_only,
            "a mutation in read-only mode"
        );
        assert!(
            self.protect.matching_rule(id).is_none(),
            "{id} is protected: {}",
            command.describe()
        );
    }
}
