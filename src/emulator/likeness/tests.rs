use super::*;

#[path = "../../../tests/support/portraits.rs"]
mod portraits;

use portraits::{jpeg, png, portrait, retouched};

fn face(bytes: &[u8]) -> Detected {
    detect(bytes).unwrap().expect("a face")
}

#[test]
fn the_same_photo_is_the_same_face() {
    let photo = png(&portrait(1, 400, 500));
    let (a, b) = (face(&photo), face(&photo));
    assert_eq!(a, b);
    assert!(similarity(&a.vector, &b.vector) > 99.9);
}

#[test]
fn a_retouched_copy_is_close_and_other_portraits_are_not() {
    let originals: Vec<_> = (0..20).map(|n| portrait(n, 200, 250)).collect();
    let faces: Vec<Detected> = originals.iter().map(|p| face(&jpeg(p, 90))).collect();
    let mut worst_copy = 100f32;
    let mut best_other = 0f32;
    for (n, original) in originals.iter().enumerate() {
        for (scale, brighter) in [(0.5, 12), (1.5, 15), (0.3, 5)] {
            let copy = face(&retouched(original, scale, brighter));
            worst_copy = worst_copy.min(similarity(&faces[n].vector, &copy.vector));
        }
        for (m, other) in faces.iter().enumerate() {
            if m != n {
                best_other = best_other.max(similarity(&faces[n].vector, &other.vector));
            }
        }
    }
    assert!(worst_copy > 90.0, "a copy at {worst_copy}");
    assert!(best_other < 60.0, "another portrait at {best_other}");
}

#[test]
fn a_flat_image_has_no_face() {
    let flat = image::RgbImage::from_pixel(64, 64, image::Rgb([120, 130, 140]));
    assert_eq!(detect(&png(&flat)).unwrap(), None);
    assert_eq!(detect(&jpeg(&flat, 90)).unwrap(), None);
}

#[test]
fn what_is_not_a_jpeg_or_png_is_refused() {
    let err = detect(b"GIF89a....").unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidImageFormat);
    let mut broken = png(&portrait(3, 100, 100));
    broken.truncate(60);
    assert_eq!(
        detect(&broken).unwrap_err().kind,
        ErrorKind::InvalidImageFormat
    );
    let big = vec![0u8; MAX_IMAGE_BYTES + 1];
    assert_eq!(detect(&big).unwrap_err().kind, ErrorKind::ImageTooLarge);
}

#[test]
fn tiny_and_oddly_shaped_images_still_decode() {
    for (w, h) in [(1, 1), (3, 90), (90, 3), (31, 33)] {
        let img = portrait(5, w, h);
        let _ = detect(&png(&img)).unwrap();
    }
}

#[test]
fn the_box_is_where_the_head_is() {
    let mut img = image::RgbImage::from_pixel(320, 320, image::Rgb([200, 200, 200]));
    for y in 100..260 {
        for x in 40..140 {
            img.put_pixel(x, y, image::Rgb([40, 30, 30]));
        }
    }
    let b = face(&png(&img)).bounding_box;
    assert!((b.left - 0.125).abs() < 0.04, "{b:?}");
    assert!((b.top - 0.3125).abs() < 0.04, "{b:?}");
    assert!((b.width - 0.3125).abs() < 0.05, "{b:?}");
    assert!((b.height - 0.5).abs() < 0.05, "{b:?}");
}

#[test]
fn synthetic_people_are_alike_within_and_unlike_between() {
    let mut state = 7u64;
    let mut draw = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let people: Vec<u64> = (0..40).map(|_| draw()).collect();
    let person = |p: u64| {
        let mut s = p;
        move || {
            s = s.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z ^ (z >> 31)
        }
    };
    let faces: Vec<Vec<Vector>> = people
        .iter()
        .map(|&p| {
            (0..6)
                .map(|_| synthetic::face(person(p), &mut draw))
                .collect()
        })
        .collect();
    let (mut within_lo, mut within_hi, mut between) = (100f32, 0f32, 0f32);
    for (i, a) in faces.iter().enumerate() {
        for (j, b) in faces.iter().enumerate() {
            for (k, fa) in a.iter().enumerate() {
                for (l, fb) in b.iter().enumerate() {
                    let s = similarity(fa, fb);
                    if i == j && k != l {
                        within_lo = within_lo.min(s);
                        within_hi = within_hi.max(s);
                    } else if i != j {
                        between = between.max(s);
                    }
                }
            }
        }
    }
    assert!(
        within_lo >= 90.0 && within_hi <= 99.99,
        "{within_lo}..{within_hi}"
    );
    assert!(between < 60.0, "{between}");
}

#[test]
fn the_threshold_cosine_inverts_the_mapping() {
    for t in [0.0f32, 50.0, 80.0, 99.0, 100.0] {
        let c = cosine_of_similarity(t);
        assert!((similarity_of_cosine(c) - t).abs() < 0.01, "{t}");
    }
}
