//! The demo's people: portraits drawn by the project (assets/faces/), indexed by
//! `rekog --demo` and `rekog serve --demo` in several collections under other
//! ExternalImageIds; a search by a portrait finds that person there and no one else.

use aws_sdk_rekognition::primitives::Blob;
use aws_sdk_rekognition::types::Image;

use crate::portraits::{png, portrait};
use crate::support::{KEY, SECRET, start_seeded};

/// Each asset and the portrait number it was drawn from.
const DRAWN: [(&str, u64); 4] = [("ines", 2), ("tomas", 7), ("mei", 11), ("omar", 14)];

/// The files are the drawings, byte for byte (`REKOG_DRAW_PORTRAITS=1` draws them again).
#[test]
fn the_demo_portraits_are_drawn_by_the_project() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/faces");
    for (name, n) in DRAWN {
        let drawn = png(&portrait(n, 192, 240));
        let path = dir.join(format!("{name}.png"));
        if std::env::var_os("REKOG_DRAW_PORTRAITS").is_some() {
            std::fs::write(&path, &drawn).unwrap();
        }
        assert!(
            std::fs::read(&path).unwrap() == drawn,
            "{} differs",
            path.display()
        );
        let embedded = rekog::aws::demo::PORTRAITS
            .iter()
            .find(|(p, _)| *p == name)
            .unwrap();
        assert!(embedded.1 == drawn.as_slice(), "{name} embedded differs");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_by_a_demo_portrait_finds_that_person_in_every_collection_and_no_one_else() {
    let (handle, _) = start_seeded(rekog::emulator::DEMO_SEED).await;
    rekog::aws::demo::index_portraits(&handle.endpoint(), KEY, SECRET)
        .await
        .unwrap();
    let search = |region: &'static str, collection: &'static str, person: &'static str| {
        let client = crate::support::client(&handle, region);
        let bytes = rekog::aws::demo::PORTRAITS
            .iter()
            .find(|(p, _)| *p == person)
            .unwrap()
            .1;
        async move {
            client
                .search_faces_by_image()
                .collection_id(collection)
                .image(Image::builder().bytes(Blob::new(bytes)).build())
                .face_match_threshold(80.0)
                .send()
                .await
                .unwrap()
        }
    };
    // Ines: a garage camera (with a user), a pop-up store's photo and two visitor photos
    // of one office, most similar first.
    for (region, collection, expected) in [
        (
            "us-east-1",
            "parking-garage-entry",
            &[("garage-cam3-0612-0801.jpg", Some("ines.r"))][..],
        ),
        (
            "eu-west-1",
            "amsterdam-popup-store",
            &[("popup-2025-06-11-1422.jpg", None)][..],
        ),
        (
            "eu-west-1",
            "dublin-office-visitors",
            &[("visitor-ines-r.png", None), ("visitor-1147.jpg", None)][..],
        ),
    ] {
        let found = search(region, collection, "ines").await;
        let matches = found.face_matches();
        assert_eq!(matches.len(), expected.len(), "{collection}: {matches:?}");
        for (m, (external, user)) in matches.iter().zip(expected) {
            let face = m.face().unwrap();
            assert_eq!(face.external_image_id(), Some(*external));
            assert_eq!(face.user_id(), *user);
            assert!(m.similarity().unwrap() > 90.0, "{matches:?}");
        }
    }
    let found = search("eu-west-1", "dublin-office-visitors", "tomas").await;
    assert_eq!(found.face_matches().len(), 1);
    assert_eq!(
        found.face_matches()[0].face().unwrap().external_image_id(),
        Some("visitor-tomas-b.png")
    );
    // Omar was never at the Dublin office.
    let found = search("eu-west-1", "dublin-office-visitors", "omar").await;
    assert!(
        found.face_matches().is_empty(),
        "{:?}",
        found.face_matches()
    );
}
