use rstest::rstest;

use super::*;

const A: &str = "0b6c1a57-4f2e-4c3d-9a1b-2c3d4e5f6a7b";
const B: &str = "1E2D3C4B-5A69-4788-9766-554433221100";

#[test]
fn a_uuid_is_a_face_id_lookup_and_several_are_one() {
    assert_eq!(
        Search::parse(A),
        Ok(Search::FaceIds(vec![A.parse().unwrap()]))
    );
    assert_eq!(
        Search::parse(&format!(" {A}, {B} {A}")),
        Ok(Search::FaceIds(vec![
            A.parse().unwrap(),
            B.to_ascii_lowercase().parse().unwrap()
        ]))
    );
}

#[test]
fn user_prefix_is_a_user_and_its_id_is_checked_before_any_call() {
    assert_eq!(
        Search::parse("user:emp:42"),
        Ok(Search::User("emp:42".parse().unwrap()))
    );
    assert!(Search::parse("user:").unwrap_err().contains("required"));
    assert!(Search::parse("user:a b").unwrap_err().contains("a space"));
    let long = format!("user:{}", "u".repeat(129));
    assert!(Search::parse(&long).unwrap_err().contains("at most 128"));
}

#[test]
fn anything_else_is_an_external_image_id_pattern() {
    let Ok(Search::ExternalImageId(p)) = Search::parse("alice") else {
        panic!("a pattern")
    };
    assert!(p.matches("photos:alice-2024.jpg"));
    assert!(!p.matches("Alice.jpg"), "ExternalImageId is case-sensitive");
    // A UUID with a typo is not a FaceId, and not a pattern that could match either.
    assert!(Search::parse("not a uuid").unwrap_err().contains("a space"));
    assert!(Search::parse("").is_err());
}

#[rstest]
#[case("alice*", "alice-1.jpg", true)]
#[case("alice*", "bob-alice", false)]
#[case("*alice*", "bob-alice", true)]
#[case("img-??.jpg", "img-07.jpg", true)]
#[case("img-??.jpg", "img-7.jpg", false)]
#[case("*.jpg", "a.jpg.png", false)]
#[case("a*b*c", "aXbYbZc", true)]
#[case("a*b*c", "aXbYbZ", false)]
#[case("*", "", true)]
#[case("**x", "abx", true)]
fn globs_match_whole_ids(#[case] pattern: &str, #[case] id: &str, #[case] expected: bool) {
    assert_eq!(Pattern::new(pattern).unwrap().matches(id), expected);
}

#[test]
fn a_long_pattern_of_stars_stays_fast() {
    let pattern = Pattern::new(&"*a".repeat(100)).unwrap();
    let id = "a".repeat(99) + "b";
    let started = std::time::Instant::now();
    assert!(!pattern.matches(&id));
    // Loose bound: exponential backtracking would take far longer than a second.
    assert!(started.elapsed() < std::time::Duration::from_secs(1));
}

#[test]
fn descriptions_name_the_search() {
    assert_eq!(Search::parse(A).unwrap().describe(), format!("FaceId {A}"));
    assert_eq!(Search::parse("user:u1").unwrap().describe(), "UserId u1");
    assert_eq!(
        Search::parse("a*").unwrap().describe(),
        "ExternalImageId matching a*"
    );
    assert_eq!(
        Search::parse("a").unwrap().describe(),
        "ExternalImageId containing a"
    );
}

#[test]
fn matching_faces_by_each_form() {
    let face = Face {
        face_id: A.into(),
        image_id: None,
        external_image_id: Some("cam1:alice.jpg".into()),
        user_id: Some("u1".parse().unwrap()),
        confidence: None,
        bounding_box: None,
        index_faces_model_version: None,
    };
    assert!(Search::parse(&A.to_uppercase()).unwrap().matches(&face));
    assert!(Search::parse("user:u1").unwrap().matches(&face));
    assert!(!Search::parse("user:u2").unwrap().matches(&face));
    assert!(Search::parse("cam1:*").unwrap().matches(&face));
    assert!(!Search::parse("cam2").unwrap().matches(&face));
}
