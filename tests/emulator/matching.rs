//! IndexFaces, SearchFaces, SearchFacesByImage, SearchUsers and SearchUsersByImage through
//! the real SDK, with photos drawn by the test.

use aws_sdk_rekognition::Client;
use aws_sdk_rekognition::primitives::Blob;
use aws_sdk_rekognition::types::{Image, QualityFilter, S3Object};
use rekog::emulator::ServeConfig;

use crate::portraits::{jpeg, png, portrait, retouched};
use crate::support::{code, failure, start, start_seeded};

fn image(bytes: Vec<u8>) -> Image {
    Image::builder().bytes(Blob::new(bytes)).build()
}

/// Indexes `bytes` into `id`; the new face's id.
async fn index(client: &Client, id: &str, bytes: Vec<u8>, external: &str) -> String {
    let out = client
        .index_faces()
        .collection_id(id)
        .image(image(bytes))
        .external_image_id(external)
        .send()
        .await
        .expect("IndexFaces");
    let records = out.face_records();
    assert_eq!(records.len(), 1, "one face per image");
    records[0]
        .face()
        .and_then(|f| f.face_id())
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn an_indexed_photo_is_found_again_and_others_are_not() {
    let (handle, client) = start(ServeConfig::default()).await;
    client
        .create_collection()
        .collection_id("lobby")
        .send()
        .await
        .unwrap();
    let alice = portrait(1, 360, 480);
    let out = client
        .index_faces()
        .collection_id("lobby")
        .image(image(png(&alice)))
        .external_image_id("alice.png")
        .quality_filter(QualityFilter::Auto)
        .max_faces(5)
        .send()
        .await
        .unwrap();
    assert_eq!(out.face_model_version(), Some("7.0"));
    assert!(out.unindexed_faces().is_empty());
    let record = &out.face_records()[0];
    let face = record.face().unwrap();
    let alice_id = face.face_id().unwrap().to_owned();
    assert_eq!(face.external_image_id(), Some("alice.png"));
    assert_eq!(face.index_faces_model_version(), Some("7.0"));
    assert!(face.image_id().is_some() && face.confidence().unwrap() > 99.0);
    let detail = record.face_detail().unwrap();
    let b = detail.bounding_box().unwrap();
    assert!(
        b.width().unwrap() > 0.0 && b.width().unwrap() <= 1.0,
        "{b:?}"
    );
    assert_eq!(detail.landmarks().len(), 5);
    assert!(detail.pose().is_some() && detail.quality().is_some());
    for n in 2..6 {
        index(
            &client,
            "lobby",
            jpeg(&portrait(n, 360, 480), 90),
            &format!("p{n}.jpg"),
        )
        .await;
    }
    let described = client
        .describe_collection()
        .collection_id("lobby")
        .send()
        .await
        .unwrap();
    assert_eq!(described.face_count(), Some(5));

    let search = |bytes: Vec<u8>| {
        client
            .search_faces_by_image()
            .collection_id("lobby")
            .image(image(bytes))
            .send()
    };
    let same = search(png(&alice)).await.unwrap();
    let matches = same.face_matches();
    assert_eq!(matches.len(), 1, "{matches:?}");
    assert_eq!(
        matches[0].face().unwrap().face_id(),
        Some(alice_id.as_str())
    );
    assert!(matches[0].similarity().unwrap() > 99.0);
    assert!(same.searched_face_bounding_box().is_some());
    assert!(same.searched_face_confidence().unwrap() > 99.0);
    assert_eq!(same.face_model_version(), Some("7.0"));

    let copy = retouched(&alice, 0.6, 12);
    let found = search(copy.clone()).await.unwrap();
    let matches = found.face_matches();
    assert_eq!(matches.len(), 1, "{matches:?}");
    assert_eq!(
        matches[0].face().unwrap().face_id(),
        Some(alice_id.as_str())
    );
    assert!(matches[0].similarity().unwrap() > 90.0);

    let stranger = search(jpeg(&portrait(99, 360, 480), 85)).await.unwrap();
    assert!(stranger.face_matches().is_empty(), "{stranger:?}");
    // Every face at threshold 0, most similar first, MaxFaces of them.
    let everyone = client
        .search_faces_by_image()
        .collection_id("lobby")
        .image(image(png(&alice)))
        .face_match_threshold(0.0)
        .max_faces(3)
        .send()
        .await
        .unwrap();
    let similarities: Vec<f32> = everyone
        .face_matches()
        .iter()
        .map(|m| m.similarity().unwrap())
        .collect();
    assert_eq!(similarities.len(), 3);
    assert!(
        similarities.windows(2).all(|w| w[0] >= w[1]),
        "{similarities:?}"
    );
    assert!(similarities[1] < 60.0, "{similarities:?}");

    // SearchFaces: the copy, indexed, is alice's match; alice is not her own.
    let copy_id = index(&client, "lobby", copy, "alice-again.jpg").await;
    let out = client
        .search_faces()
        .collection_id("lobby")
        .face_id(&alice_id)
        .send()
        .await
        .unwrap();
    assert_eq!(out.searched_face_id(), Some(alice_id.as_str()));
    let ids: Vec<&str> = out
        .face_matches()
        .iter()
        .filter_map(|m| m.face().and_then(|f| f.face_id()))
        .collect();
    assert_eq!(ids, [copy_id.as_str()]);
    assert!(out.face_matches()[0].similarity().unwrap() > 90.0);
    handle.shutdown().await;
}

#[tokio::test]
async fn images_and_members_are_checked_as_the_service_does() {
    let (handle, client) = start(ServeConfig::default()).await;
    client
        .create_collection()
        .collection_id("c")
        .send()
        .await
        .unwrap();
    let photo = png(&portrait(3, 200, 240));
    let index_of = |img: Image| client.index_faces().collection_id("c").image(img).send();

    let err = index_of(image(b"GIF89a not a photo".to_vec()))
        .await
        .unwrap_err();
    assert_eq!(failure(&err).0, "InvalidImageFormatException");
    let mut broken = photo.clone();
    broken.truncate(100);
    assert_eq!(
        code(index_of(image(broken)).await),
        "InvalidImageFormatException"
    );
    let mut huge = photo.clone();
    huge.resize(5 * 1024 * 1024 + 1, 0);
    assert_eq!(code(index_of(image(huge)).await), "ImageTooLargeException");
    let s3 = Image::builder()
        .s3_object(S3Object::builder().bucket("photos").name("a.jpg").build())
        .build();
    let err = index_of(s3).await.unwrap_err();
    let (kind, status, message) = failure(&err);
    assert_eq!((kind.as_str(), status), ("InvalidS3ObjectException", 400));
    assert!(message.contains("image bytes only"), "{message}");

    // A flat picture has no face: IndexFaces indexes nothing, a search by it is refused.
    let flat = png(&image::RgbImage::from_pixel(
        100,
        100,
        image::Rgb([90, 90, 90]),
    ));
    let out = index_of(image(flat.clone())).await.unwrap();
    assert!(out.face_records().is_empty() && out.unindexed_faces().is_empty());
    let err = client
        .search_faces_by_image()
        .collection_id("c")
        .image(image(flat.clone()))
        .send()
        .await
        .unwrap_err();
    let (kind, _, message) = failure(&err);
    assert_eq!(kind, "InvalidParameterException");
    assert!(message.contains("no faces in the image"), "{message}");
    let err = client
        .search_users_by_image()
        .collection_id("c")
        .image(image(flat))
        .send()
        .await;
    assert_eq!(code(err), "InvalidParameterException");

    let missing = client
        .index_faces()
        .collection_id("nowhere")
        .image(image(photo.clone()))
        .send()
        .await;
    assert_eq!(code(missing), "ResourceNotFoundException");
    let bad_external = client
        .index_faces()
        .collection_id("c")
        .image(image(photo.clone()))
        .external_image_id("a b")
        .send()
        .await;
    assert_eq!(code(bad_external), "InvalidParameterException");
    let no_image = client.index_faces().collection_id("c").send().await;
    assert_eq!(code(no_image), "InvalidParameterException");

    let unknown = client
        .search_faces()
        .collection_id("c")
        .face_id("0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6e")
        .send()
        .await
        .unwrap_err();
    let (kind, _, message) = failure(&unknown);
    assert_eq!(kind, "InvalidParameterException");
    assert!(message.contains("not found in the collection"), "{message}");
    for max in [0, 4097] {
        let out = client
            .search_faces_by_image()
            .collection_id("c")
            .image(image(photo.clone()))
            .max_faces(max)
            .send()
            .await;
        assert_eq!(code(out), "InvalidParameterException", "MaxFaces {max}");
    }
    let out = client
        .search_faces_by_image()
        .collection_id("c")
        .image(image(photo.clone()))
        .face_match_threshold(100.5)
        .send()
        .await;
    assert_eq!(code(out), "InvalidParameterException");
    let out = client
        .search_users()
        .collection_id("c")
        .user_id("u")
        .max_users(501)
        .send()
        .await;
    assert_eq!(code(out), "InvalidParameterException");
    let both = client
        .search_users()
        .collection_id("c")
        .user_id("u")
        .face_id("0b5fd6a4-1c2e-4a43-9f00-3a1e2b4c5d6e")
        .send()
        .await;
    assert_eq!(code(both), "InvalidParameterException");
    let neither = client.search_users().collection_id("c").send().await;
    assert_eq!(code(neither), "InvalidParameterException");
    let nobody = client
        .search_users()
        .collection_id("c")
        .user_id("ghost")
        .send()
        .await;
    assert_eq!(code(nobody), "ResourceNotFoundException");
    let gone = client
        .search_faces_by_image()
        .collection_id("gone")
        .image(image(photo))
        .send()
        .await;
    assert_eq!(code(gone), "ResourceNotFoundException");
    handle.shutdown().await;
}

#[tokio::test]
async fn users_are_found_by_their_faces() {
    let (handle, client) = start(ServeConfig::default()).await;
    client
        .create_collection()
        .collection_id("staff")
        .send()
        .await
        .unwrap();
    let bob = portrait(7, 300, 400);
    let bob_face = index(&client, "staff", png(&bob), "bob.png").await;
    let other = index(&client, "staff", png(&portrait(8, 300, 400)), "eve.png").await;
    for (user, face) in [("bob", &bob_face), ("eve", &other)] {
        client
            .create_user()
            .collection_id("staff")
            .user_id(user)
            .send()
            .await
            .unwrap();
        client
            .associate_faces()
            .collection_id("staff")
            .user_id(user)
            .face_ids(face.as_str())
            .send()
            .await
            .unwrap();
    }
    let out = client
        .search_users_by_image()
        .collection_id("staff")
        .image(image(retouched(&bob, 0.7, 10)))
        .send()
        .await
        .unwrap();
    let matches = out.user_matches();
    assert_eq!(matches.len(), 1, "{matches:?}");
    let user = matches[0].user().unwrap();
    assert_eq!(user.user_id(), Some("bob"));
    assert_eq!(user.user_status().map(|s| s.as_str()), Some("ACTIVE"));
    assert!(matches[0].similarity().unwrap() > 90.0);
    assert!(out.searched_face().and_then(|f| f.face_detail()).is_some());
    assert!(out.unsearched_faces().is_empty());
    assert_eq!(out.face_model_version(), Some("7.0"));

    // A second photo of bob, not yet his: SearchUsers by its FaceId names him.
    let again = index(&client, "staff", retouched(&bob, 1.2, 5), "bob-2.jpg").await;
    let out = client
        .search_users()
        .collection_id("staff")
        .face_id(&again)
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.searched_face().and_then(|f| f.face_id()),
        Some(again.as_str())
    );
    let ids: Vec<_> = out
        .user_matches()
        .iter()
        .filter_map(|m| m.user().and_then(|u| u.user_id()))
        .collect();
    assert_eq!(ids, ["bob"]);
    handle.shutdown().await;
}

#[tokio::test]
async fn seeded_people_are_alike_within_and_unlike_between() {
    // 20 users of 10 people: user-000001 and user-000011 are one person.
    let (handle, client) =
        start_seeded(r#"{"collections":[{"id":"crowd","faces":900,"users":20,"people":10}]}"#)
            .await;
    let out = client
        .search_users()
        .collection_id("crowd")
        .user_id("user-000001")
        .send()
        .await
        .unwrap();
    assert_eq!(
        out.searched_user().and_then(|u| u.user_id()),
        Some("user-000001")
    );
    let matches: Vec<(String, f32)> = out
        .user_matches()
        .iter()
        .map(|m| {
            let id = m.user().and_then(|u| u.user_id()).unwrap().to_owned();
            (id, m.similarity().unwrap())
        })
        .collect();
    assert_eq!(matches.len(), 1, "{matches:?}");
    assert_eq!(matches[0].0, "user-000011");
    assert!((90.0..100.0).contains(&matches[0].1), "{matches:?}");

    let faces = crate::support::all_faces(&client, "crowd", 1000).await;
    let first = faces[0].face_id().unwrap();
    let out = client
        .search_faces()
        .collection_id("crowd")
        .face_id(first)
        .face_match_threshold(0.0)
        .max_faces(4096)
        .send()
        .await
        .unwrap();
    let person: Vec<_> = ["user-000001", "user-000011"].map(Some).to_vec();
    for m in out.face_matches() {
        let face = m.face().unwrap();
        let similarity = m.similarity().unwrap();
        if person.contains(&face.user_id()) {
            assert!((90.0..99.99).contains(&similarity), "{similarity}");
        } else if face.user_id().is_some() {
            assert!(similarity < 60.0, "{similarity} {:?}", face.user_id());
        }
    }
    handle.shutdown().await;
}
