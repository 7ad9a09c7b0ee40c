//! Manifests exported from the emulator through the SDK, checked against ListFaces.

use std::collections::HashMap;

use rekog::aws::sdk::SdkBackend;
use rekog::manifest::{Target, check, export};
use serde_json::Value;

use crate::support::{all_faces, start_seeded};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_100000_face_export_matches_list_faces_face_by_face() {
    let (_handle, client) = start_seeded(
        r#"{"collections":[{"id":"big","faces":100000,"users":40,"tags":{"team":"ops"}}]}"#,
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let target = Target {
        id: "big".parse().unwrap(),
        account: None,
        region: "us-east-1".into(),
        profile: None,
        endpoint: None,
    };
    let backend = SdkBackend::new(client.clone());
    let done = export(&backend, &target, dir.path(), 1_714_566_896_000, |_| {})
        .await
        .expect("export");
    assert_eq!((done.faces, done.users), (100_000, 40));
    assert_eq!(done.described_faces, Some(100_000));
    assert!(
        done.path
            .starts_with(dir.path().join("123456789012/us-east-1"))
    );
    assert_eq!(check(&done.path).unwrap().faces, 100_000);

    let text = std::fs::read_to_string(&done.path).unwrap();
    let mut in_file: HashMap<String, Value> = HashMap::new();
    let mut first = None;
    for line in text.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        match v["kind"].as_str() {
            Some("face") => {
                let id = v["FaceId"].as_str().unwrap().to_owned();
                assert!(in_file.insert(id, v).is_none(), "a face twice");
            }
            Some("collection") => first = Some(v),
            _ => {}
        }
    }
    let first = first.unwrap();
    assert_eq!(first["FaceCount"], 100_000);
    assert_eq!(first["Tags"]["team"], "ops");
    assert_eq!(first["account"], "123456789012");

    let listed = all_faces(&client, "big", 4096).await;
    for face in &listed {
        let id = face.face_id().unwrap();
        let line = in_file
            .get(id)
            .unwrap_or_else(|| panic!("face {id} not in the manifest"));
        let bb = face.bounding_box().unwrap();
        let f32_of = |v: &Value| v.as_f64().map(|x| x as f32);
        assert_eq!(line["ImageId"].as_str(), face.image_id());
        assert_eq!(line["ExternalImageId"].as_str(), face.external_image_id());
        assert_eq!(line["UserId"].as_str(), face.user_id());
        assert_eq!(f32_of(&line["Confidence"]), face.confidence());
        assert_eq!(
            line["IndexFacesModelVersion"].as_str(),
            face.index_faces_model_version()
        );
        for (key, want) in [
            ("Width", bb.width()),
            ("Height", bb.height()),
            ("Left", bb.left()),
            ("Top", bb.top()),
        ] {
            assert_eq!(f32_of(&line["BoundingBox"][key]), want, "{key} of {id}");
        }
    }
    assert_eq!(listed.len(), 100_000);
    assert_eq!(in_file.len(), 100_000);
}
