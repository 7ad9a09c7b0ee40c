//! The detail model without a `State`: a view is built, answers and keys are fed to it, and
//! the calls and facts it returns are checked.

mod dialogs;
mod erase;
mod faces;
mod search;
mod users;
mod view;

use std::time::Duration;

use super::DetailView;
use super::out::{Note, Out};
use super::view::described;
use crate::app::msg::Timestamp;
use crate::app::overlay::confirm::Place;
use crate::aws::api::{
    ApiError, CollectionDetail, Described, ErrorKind, Face, FacePage, Outcome, User, UserPage,
};

pub const NOW: Timestamp = 1_714_566_896_000;

/// Face rows on screen.
pub const ROWS: usize = 5;

/// An ID the tests name, checked as every ID is.
pub fn id<T: std::str::FromStr<Err = crate::ids::IdError>>(text: &str) -> T {
    text.parse().unwrap()
}

pub fn ok<T>(value: T) -> Outcome<T> {
    Outcome {
        result: Ok(value),
        request_id: Some("req-1".into()),
        elapsed: Duration::from_millis(42),
    }
}

pub fn failed<T>(code: &str) -> Outcome<T> {
    Outcome {
        result: Err(error(code)),
        request_id: Some("req-err".into()),
        elapsed: Duration::from_millis(7),
    }
}

pub fn error(code: &str) -> ApiError {
    ApiError {
        kind: ErrorKind::Service,
        code: Some(code.into()),
        message: format!("{code} happened"),
        status: Some(500),
    }
}

pub fn face(i: usize) -> Face {
    Face {
        face_id: format!("face-{i:05}"),
        image_id: Some(format!("image-{i}")),
        external_image_id: Some(format!("cam-{i}.jpg")),
        user_id: None,
        confidence: Some(99.5),
        bounding_box: None,
        index_faces_model_version: None,
    }
}

/// Face `i`, belonging to `user`.
pub fn owned(i: usize, user: &str) -> Face {
    Face {
        user_id: Some(user.parse().unwrap()),
        ..face(i)
    }
}

pub fn ids(faces: &[Face]) -> Vec<String> {
    faces.iter().map(|f| f.face_id.clone()).collect()
}

pub fn user(id: &str) -> User {
    User {
        user_id: id.parse().unwrap(),
        status: Some("ACTIVE".into()),
    }
}

pub fn place() -> Place {
    Place {
        region: "eu-west-1".into(),
        account: Some("123456789012".into()),
        profile: Some("ops".into()),
    }
}

/// The view of `b` described with `faces.len()` faces and `users.len()` users, both lists
/// loaded whole.
pub fn view_with(faces: Vec<Face>, users: &[&str]) -> DetailView {
    let (mut view, _) = DetailView::open(id("b"), None);
    let detail = CollectionDetail {
        face_count: Some(faces.len() as u64),
        user_count: Some(users.len() as u64),
        arn: Some("arn:aws:rekognition:eu-west-1:123456789012:collection/b".into()),
        ..CollectionDetail::default()
    };
    let tags = Ok(Vec::new());
    described(Some(&mut view), &id("b"), ok(Described { detail, tags }));
    let page = FacePage {
        faces,
        next_token: None,
    };
    super::faces::loaded(Some(&mut view), "b", None, ok(page), ROWS);
    let page = UserPage {
        users: users.iter().map(|u| user(u)).collect(),
        next_token: None,
    };
    super::users::loaded(Some(&mut view), &id("b"), None, ok(page), ROWS);
    view
}

/// The view of `b` with faces `0..n`, no user.
pub fn view(n: usize) -> DetailView {
    view_with((0..n).map(face).collect(), &[])
}

/// The log lines as text: entries as written, failures as `op target: code`.
pub fn lines(out: &Out) -> Vec<String> {
    out.notes
        .iter()
        .map(|note| match note {
            Note::Entry(entry) => entry.text.clone(),
            Note::Failed(f) => format!(
                "{} {}: {}",
                f.op,
                f.target,
                f.err.code.as_deref().unwrap_or("")
            ),
        })
        .collect()
}
