//! Each ID's limits and characters, the plain words of what it breaks, the FaceId's shape,
//! and that a file cannot smuggle in an ID the rule refuses.

use rstest::rstest;

use super::*;

const FACE: &str = "0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6e";

fn problem<T>(parsed: Result<T, IdError>) -> Option<String> {
    parsed.err().map(|e| e.to_string())
}

#[rstest]
#[case("lobby-cam_2.v1", None)]
#[case("", Some("the ID is required (1 to 255 characters)"))]
#[case("a b", Some("a space is not allowed: only letters, digits, _ . and -"))]
#[case("a:b", Some("':' is not allowed: only letters, digits, _ . and -"))]
#[case("prod/x", Some("'/' is not allowed: only letters, digits, _ . and -"))]
#[case("é", Some("'é' is not allowed: only letters, digits, _ . and -"))]
#[case("a\tb", Some("U+0009 is not allowed: only letters, digits, _ . and -"))]
fn collection_id(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(problem(CollectionId::parse(text)).as_deref(), want);
}

#[rstest]
#[case("emp:42", None)]
#[case("", Some("the UserId is required (1 to 128 characters)"))]
#[case(
    "a b",
    Some("a space is not allowed: only letters, digits, _ . - and :")
)]
#[case("a@b", Some("'@' is not allowed: only letters, digits, _ . - and :"))]
#[case("Zoë", Some("'ë' is not allowed: only letters, digits, _ . - and :"))]
fn user_id(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(problem(UserId::parse(text)).as_deref(), want);
}

#[rstest]
#[case("photos:alice-2024.jpg", None)]
#[case("", Some("the ExternalImageId is required (1 to 255 characters)"))]
#[case("a/b", Some("'/' is not allowed: only letters, digits, _ . - and :"))]
#[case("日本", Some("'日' is not allowed: only letters, digits, _ . - and :"))]
fn external_image_id(#[case] text: &str, #[case] want: Option<&str>) {
    assert_eq!(problem(ExternalImageId::parse(text)).as_deref(), want);
}

#[rstest]
#[case(&COLLECTION_ID, 255)]
#[case(&USER_ID, 128)]
#[case(&EXTERNAL_IMAGE_ID, 255)]
fn length_limits(#[case] rule: &'static Rule, #[case] max: usize) {
    assert_eq!(rule.max, max);
    assert_eq!(rule.check("a"), Ok(()));
    assert_eq!(rule.check(&"a".repeat(max)), Ok(()));
    let over = rule.check(&"a".repeat(max + 1)).unwrap_err();
    assert_eq!(
        over.to_string(),
        format!("too long: {} characters, at most {max}", max + 1)
    );
    assert_eq!(rule.check(""), Err(IdError::Empty(rule)));
    // Characters are counted, not bytes; the length is checked before the characters.
    let wide = "é".repeat(max + 1);
    assert!(matches!(rule.check(&wide), Err(IdError::TooLong { len, .. }) if len == max + 1));
}

#[rstest]
#[case(&COLLECTION_ID, "_.-", ":")]
#[case(&USER_ID, "_.-:", "/")]
#[case(&EXTERNAL_IMAGE_ID, "_.-:", "*")]
fn every_allowed_mark_passes_and_the_next_does_not(
    #[case] rule: &'static Rule,
    #[case] marks: &str,
    #[case] refused: &str,
) {
    let every = format!("azAZ09{marks}");
    assert_eq!(rule.check(&every), Ok(()));
    for c in marks.chars() {
        assert_eq!(rule.check(&c.to_string()), Ok(()), "{c:?}");
    }
    let c = refused.chars().next().unwrap();
    assert_eq!(
        rule.check(&format!("ok{refused}")),
        Err(IdError::Char { rule, c })
    );
    for other in [' ', '\n', 'é', 'ß', '０', '٣', '\u{200b}'] {
        assert!(!rule.allows(other), "{other:?}");
    }
}

#[rstest]
#[case(&COLLECTION_ID)]
#[case(&USER_ID)]
#[case(&EXTERNAL_IMAGE_ID)]
fn the_pattern_says_what_the_check_does(#[case] rule: &'static Rule) {
    let escaped: String = rule
        .punctuation
        .iter()
        .map(|&c| {
            if c == '-' {
                r"\-".into()
            } else {
                c.to_string()
            }
        })
        .collect();
    assert_eq!(rule.pattern, format!("[a-zA-Z0-9{escaped}]+"));
    for b in 0u8..128 {
        let c = char::from(b);
        let in_pattern = c.is_ascii_alphanumeric() || rule.punctuation.contains(&c);
        assert_eq!(rule.allows(c), in_pattern, "{c:?}");
    }
}

#[test]
fn words_for_the_forms() {
    assert_eq!(COLLECTION_ID.summary(), "a-z A-Z 0-9 _ . -");
    assert_eq!(USER_ID.summary(), "a-z A-Z 0-9 _ . - :");
    assert_eq!(EXTERNAL_IMAGE_ID.punctuation_text(), "_ . - :");
    assert_eq!(char_name(' '), "a space");
    assert_eq!(char_name('\u{7f}'), "U+007F");
    assert_eq!(char_name('%'), "'%'");
}

#[rstest]
#[case(FACE, true)]
#[case("00000000-0000-0000-0000-000000000000", true)]
#[case("0B5FD6A4-1C2E-4A43-9F00-3A1E2B4C5D6E", false)]
#[case("0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6", false)]
#[case("0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6e0", false)]
#[case("0b5fd6a41c2e-4a43-9f00-3a1e2b4c5d6e-", false)]
#[case("0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6g", false)]
#[case("0b5fd6a4-1c2e-4a43-9f003a1e2b4c5d6e", false)]
#[case("0b5fd6a4_1c2e_4a43_9f00_3a1e2b4c5d6e", false)]
#[case("", false)]
fn face_id_shape(#[case] text: &str, #[case] ok: bool) {
    assert_eq!(FaceId::parse(text).is_ok(), ok, "{text}");
    assert_eq!(is_face_id(text), ok, "{text}");
    if ok {
        assert_eq!(text.len(), FACE_ID_LEN);
    }
}

#[test]
fn a_face_id_that_is_not_one_says_the_shape() {
    assert_eq!(
        problem(FaceId::parse("not-a-face")).as_deref(),
        Some("not a FaceId (8-4-4-4-12 hexadecimal digits)")
    );
    let groups: Vec<String> = FACE_ID_GROUPS
        .iter()
        .map(|n| format!("[0-9a-f]{{{n}}}"))
        .collect();
    assert_eq!(FACE_ID_PATTERN, groups.join("-"));
}

#[test]
fn an_id_reads_as_its_text() {
    let id = CollectionId::parse("people").unwrap();
    assert_eq!(id.as_str(), "people");
    assert_eq!(id.to_string(), "people");
    assert_eq!(&*id, "people");
    assert!(id.starts_with("peo"), "derefs to str");
    assert_eq!(String::from(id.clone()), "people");
    let set: std::collections::BTreeSet<UserId> =
        ["b", "a"].map(|u| UserId::parse(u).unwrap()).into();
    assert!(set.contains("a"), "looked up by &str");
    assert_eq!(set.first().map(UserId::as_str), Some("a"));
}

#[test]
fn serde_writes_the_text_and_reads_only_a_valid_id() {
    let user = UserId::parse("emp:42").unwrap();
    let json = serde_json::to_string(&user).unwrap();
    assert_eq!(json, r#""emp:42""#);
    assert_eq!(serde_json::from_str::<UserId>(&json).unwrap(), user);
    let face = FaceId::parse(FACE).unwrap();
    let back: FaceId = serde_json::from_str(&serde_json::to_string(&face).unwrap()).unwrap();
    assert_eq!(back, face);

    let bad = serde_json::from_str::<CollectionId>(r#""a b""#).unwrap_err();
    assert!(bad.to_string().contains("a space is not allowed"), "{bad}");
    assert!(serde_json::from_str::<UserId>(r#""""#).is_err());
    assert!(serde_json::from_str::<FaceId>(r#""0B5FD6A4-1C2E-4A43-9F00-3A1E2B4C5D6E""#).is_err());
    assert!(serde_json::from_str::<ExternalImageId>(r#""a/b""#).is_err());
    assert!(
        serde_json::from_str::<CollectionId>("42").is_err(),
        "not a string"
    );
}

#[test]
fn from_str_is_the_same_check_and_text_compares_without_one() {
    let id: CollectionId = "people".parse().unwrap();
    assert_eq!(id, CollectionId::parse("people").unwrap());
    assert_eq!(
        "a b".parse::<CollectionId>(),
        CollectionId::parse("a b"),
        "the same refusal"
    );
    assert_eq!(
        "emp:42".parse::<UserId>().map(String::from),
        Ok("emp:42".into())
    );
    assert!(
        "emp:42".parse::<CollectionId>().is_err(),
        "each type has its rule"
    );
    assert!(FACE.to_uppercase().parse::<FaceId>().is_err());

    let text = String::from("people");
    assert_eq!(id, "people");
    assert_eq!("people", id);
    assert_eq!(id, *"people");
    assert_eq!(*"people", id);
    assert_eq!(id, text);
    assert_eq!(text, id);
    assert_ne!(id, "other");
}

#[rstest]
#[case("OrganizationAccountAccessRole", None)]
#[case("ops/audit/Rekog+Read=1,2.3@x_y-z", None)]
#[case("", Some("\"\" names no role"))]
#[case("ops/", Some("\"ops/\" names no role"))]
#[case("bad role", Some("a space cannot be in a role name"))]
#[case("arn:aws:iam::1:role/X", Some("is an ARN: give the role's name"))]
#[case("a//B", Some("\"a//B\" has an empty part in its path"))]
#[case("/B", Some("\"/B\" has an empty part in its path"))]
fn role_name_as_iam_allows(#[case] text: &str, #[case] want: Option<&str>) {
    let got = role_name(text).err();
    match want {
        None => assert_eq!(got, None),
        Some(want) => assert!(
            got.as_deref().is_some_and(|g| g.contains(want)),
            "{text:?}: {got:?}"
        ),
    }
    assert!(role_name(&"R".repeat(64)).is_ok());
    assert!(role_name(&"R".repeat(65)).is_err());
}
