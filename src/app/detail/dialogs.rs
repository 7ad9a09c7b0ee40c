//! The dialogs the detail view's keys open, before any opens: what the key asks for (or
//! why there is nothing to ask), how a refusal in read-only mode names it, and the dialog
//! with the calls it starts once the checks every change passes let it open.

use super::erase::{Erasing, Faces};
use super::view::{DetailView, Pane};
use crate::app::msg::DetailCall;
use crate::app::overlay::Overlay;
use crate::app::overlay::confirm::{Action, Confirm, Count, Place};
use crate::app::overlay::user_form::{Purpose, UserForm};
use crate::aws::api::Face;
use crate::erase::search::Search;
use crate::ids::{CollectionId, UserId};
use crate::text::count;

/// A dialog a key of the detail view opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialog {
    /// `d` in the faces pane: DeleteFaces of the marked faces.
    DeleteFaces,
    /// `c` in the users pane: the CreateUser form.
    CreateUser,
    /// `d` in the users pane: DeleteUser of the selected user.
    DeleteUser,
    /// `a`: the user to associate the marked faces with.
    Associate,
    /// `x`: DisassociateFaces of the marked faces from their users.
    Disassociate,
    /// `E`: the erasure of the marked faces, or of the selected user and its faces.
    Erase,
}

/// A change the operator asked for in the view, and the dialog that confirms it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    /// The collection, and its ARN once described.
    pub id: CollectionId,
    pub arn: Option<String>,
    /// How the log names a refused call: `DeleteFaces lobby-cam`.
    pub op: String,
    /// What read-only mode did not do: `delete 3 faces from lobby-cam`.
    pub what: String,
    /// What restarting without read-only would let the operator do: `delete them`.
    pub verb: &'static str,
    pub opens: Opens,
}

/// The dialog an [`Ask`] opens, with what it captured.
#[derive(Debug, Clone, PartialEq)]
pub enum Opens {
    DeleteFaces(Vec<String>),
    CreateUser,
    /// The confirmation, while the user's faces are counted.
    DeleteUser(UserId),
    Associate(Vec<String>),
    Disassociate(Vec<(String, UserId)>),
    /// The erasure of faces found already.
    Erase(Box<Erasing>),
    /// The erasure of a user, while its faces are found.
    EraseUser(UserId),
}

const NONE_MARKED: &str = "no face is marked; Space marks a face, A marks every face shown";

impl DetailView {
    /// What `dialog` would ask: `Err` is why nothing can be asked (for the log), `None`
    /// that there is nothing to ask about.
    pub fn ask(&self, dialog: Dialog) -> Result<Option<Ask>, String> {
        let id = &self.id;
        let marked = || -> Vec<&Face> { self.marked_faces() };
        let (op, what, verb, opens) = match dialog {
            Dialog::DeleteFaces => {
                if self.marked.is_empty() {
                    let why = "DeleteFaces: no face is marked; Space marks the selected face";
                    return Err(why.into());
                }
                if self.deleting > 0 {
                    return Err(format!(
                        "DeleteFaces {id}: already running; wait for its result"
                    ));
                }
                // In list order, so the batches follow what the operator saw.
                let ids: Vec<String> = marked().iter().map(|f| f.face_id.clone()).collect();
                let what = format!("delete {} from {id}", faces(ids.len()));
                ("DeleteFaces", what, "delete them", Opens::DeleteFaces(ids))
            }
            Dialog::CreateUser => {
                let what = format!("create a user in {id}");
                ("CreateUser", what, "create one", Opens::CreateUser)
            }
            Dialog::DeleteUser => {
                let Some(user) = self.users.selected().filter(|_| self.pane == Pane::Users) else {
                    return Ok(None);
                };
                let user = user.user_id.clone();
                let what = format!("delete user {user} in {id}");
                ("DeleteUser", what, "delete it", Opens::DeleteUser(user))
            }
            Dialog::Associate => {
                let ids: Vec<String> = marked().iter().map(|f| f.face_id.clone()).collect();
                if ids.is_empty() {
                    return Err(format!("AssociateFaces: {NONE_MARKED}"));
                }
                let what = format!("associate {} in {id}", faces(ids.len()));
                (
                    "AssociateFaces",
                    what,
                    "associate them",
                    Opens::Associate(ids),
                )
            }
            Dialog::Disassociate => {
                if self.marked_faces().is_empty() {
                    return Err(format!("DisassociateFaces: {NONE_MARKED}"));
                }
                let owned: Vec<(String, UserId)> = marked()
                    .iter()
                    .filter_map(|f| Some((f.face_id.clone(), f.user_id.clone()?)))
                    .collect();
                if owned.is_empty() {
                    let why = "DisassociateFaces: none of the marked faces belongs to a user";
                    return Err(why.into());
                }
                let what = format!("disassociate {} in {id}", faces(owned.len()));
                let opens = Opens::Disassociate(owned);
                ("DisassociateFaces", what, "disassociate them", opens)
            }
            Dialog::Erase => match self.erasure()? {
                Some((what, opens)) => (
                    "Erase",
                    format!("erase {what} from {id}"),
                    "erase them",
                    opens,
                ),
                None => return Ok(None),
            },
        };
        Ok(Some(Ask {
            id: id.clone(),
            arn: self.arn().map(str::to_owned),
            op: format!("{op} {id}"),
            what,
            verb,
            opens,
        }))
    }

    /// `E` in the faces pane (the marked faces) or in the users pane (the selected user and
    /// all its faces): what it erases, and the dialog.
    fn erasure(&self) -> Result<Option<(String, Opens)>, String> {
        let marked: Vec<Face> = self.marked_faces().into_iter().cloned().collect();
        match (self.pane, self.users.selected()) {
            (Pane::Faces, _) if marked.is_empty() => Err(format!("Erase: {NONE_MARKED}")),
            (Pane::Faces, _) => {
                // As `rekog erase` does: only a user search names its user, to be deleted
                // once it has no face left; other faces leave their users in place.
                let searched = self.search.as_ref();
                let search = searched.map(|s| &s.search);
                let users = match search {
                    Some(Search::User(user)) => vec![user.clone()],
                    Some(_) | None => Vec::new(),
                };
                let what = faces(marked.len());
                let marked_in = |text: String| format!("{text}, marked in the results");
                let (search, recheck, likeness, photo) =
                    match (search, searched.and_then(|s| s.likeness(&marked))) {
                        // The photo or face is searched with again or looked up by the
                        // erased FaceIds; a photo's path is not kept.
                        (_, Some((text, likeness, photo))) => {
                            (marked_in(text), None, Some(likeness), photo)
                        }
                        (Some(s), None) => (marked_in(s.describe()), Some(s.clone()), None, None),
                        (None, None) => ("marked in the detail view".to_owned(), None, None, None),
                    };
                let erasing = Erasing {
                    search,
                    recheck,
                    faces: Faces::Found(marked),
                    users,
                    run: None,
                    keep_names: false,
                    likeness,
                    photo,
                };
                Ok(Some((what, Opens::Erase(Box::new(erasing)))))
            }
            (Pane::Users, Some(user)) => Ok(Some((
                format!("user {} and its faces", user.user_id),
                Opens::EraseUser(user.user_id.clone()),
            ))),
            (Pane::Users, None) => Ok(None),
        }
    }
}

fn faces(n: usize) -> String {
    count(n as u64, "face", "faces")
}

impl Ask {
    /// The dialog needs a search of its own, numbered by the state.
    pub fn searches(&self) -> bool {
        matches!(self.opens, Opens::DeleteUser(_) | Opens::EraseUser(_))
    }

    /// The dialog, bound to the collection and to `context` (where it acts), and the call
    /// it starts: the search numbered `serial` for a user's faces, when it needs one.
    pub fn open(self, context: Place, serial: u64) -> (Overlay, Option<DetailCall>) {
        let Ask { id, opens, .. } = self;
        let find = |user: &UserId| DetailCall::FindFaces {
            id: id.clone(),
            serial,
            search: Search::User(user.clone()),
            total: None,
        };
        let (action, call) = match opens {
            Opens::CreateUser => {
                return (Overlay::UserForm(UserForm::new(id, Purpose::Create)), None);
            }
            Opens::Associate(face_ids) => {
                let form = UserForm::new(id, Purpose::Associate { face_ids });
                return (Overlay::UserForm(form), None);
            }
            Opens::DeleteFaces(face_ids) => (Action::DeleteFaces { face_ids }, None),
            Opens::Disassociate(faces) => (Action::Disassociate { faces }, None),
            Opens::Erase(erasing) => (Action::Erase(erasing), None),
            Opens::DeleteUser(user) => {
                let call = find(&user);
                let faces = Count::Counting { serial, so_far: 0 };
                (Action::DeleteUser { user, faces }, Some(call))
            }
            Opens::EraseUser(user) => {
                let call = find(&user);
                let erasing = Erasing {
                    search: Search::User(user.clone()).describe(),
                    recheck: None,
                    faces: Faces::Finding { serial, so_far: 0 },
                    users: vec![user],
                    run: None,
                    keep_names: false,
                    likeness: None,
                    photo: None,
                };
                (Action::Erase(Box::new(erasing)), Some(call))
            }
        };
        (Overlay::Confirm(Confirm::new(id, context, action)), call)
    }
}
