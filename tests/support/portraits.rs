//! Synthetic "portraits" for the emulator's face matching: a head on a background, drawn
//! from a number, so tests make their photos instead of shipping them. Shared by the unit
//! tests of `emulator::likeness`, tests/emulator/matching.rs and benches/search_image.rs.

#![allow(dead_code)]

use image::codecs::jpeg::JpegEncoder;
use image::imageops::{self, FilterType};
use image::{ImageEncoder, Rgb, RgbImage};

/// splitmix64, so the same number always draws the same portrait.
struct Draw(u64);

impl Draw {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`.
    fn in_range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * ((self.next() >> 40) as f32 / (1u64 << 24) as f32)
    }

    fn colour(&mut self, lo: f32, hi: f32) -> [f32; 3] {
        [
            self.in_range(lo, hi),
            self.in_range(lo, hi),
            self.in_range(lo, hi),
        ]
    }
}

/// Portrait number `n`, `width` x `height` pixels.
pub fn portrait(n: u64, width: u32, height: u32) -> RgbImage {
    let mut d = Draw(n.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
    let top = d.colour(20.0, 235.0);
    let bottom = d.colour(20.0, 235.0);
    let (cx, cy) = (d.in_range(0.3, 0.7), d.in_range(0.35, 0.6));
    let (rx, ry) = (d.in_range(0.16, 0.3), d.in_range(0.22, 0.36));
    let skin = d.colour(60.0, 240.0);
    let hair = d.colour(0.0, 160.0);
    let hairline = d.in_range(0.2, 0.7);
    let eye_y = cy - ry * d.in_range(0.05, 0.3);
    let eye_dx = rx * d.in_range(0.25, 0.55);
    let eye_r = rx * d.in_range(0.08, 0.2);
    let mouth_y = cy + ry * d.in_range(0.35, 0.65);
    let mouth_w = rx * d.in_range(0.2, 0.6);
    let tilt = d.in_range(-0.4, 0.4);
    let (w, h) = (width as f32, height as f32);
    RgbImage::from_fn(width, height, |px, py| {
        let (x, y) = ((px as f32 + 0.5) / w, (py as f32 + 0.5) / h);
        let along = x * tilt + y;
        let mut c = [0f32; 3];
        for i in 0..3 {
            c[i] = top[i] + (bottom[i] - top[i]) * along.clamp(0.0, 1.0);
        }
        let (fx, fy) = ((x - cx) / rx, (y - cy) / ry);
        let head = fx * fx + fy * fy;
        if head <= 1.0 {
            c = if fy < -1.0 + hairline { hair } else { skin };
            let shade = 1.0 - 0.25 * head;
            c = c.map(|v| v * shade);
            let eye = |ex: f32| ((x - ex) / eye_r).powi(2) + ((y - eye_y) / (eye_r * 0.6)).powi(2);
            if eye(cx - eye_dx) <= 1.0 || eye(cx + eye_dx) <= 1.0 {
                c = [25.0, 20.0, 20.0];
            }
            if (x - cx).abs() <= mouth_w && (y - mouth_y).abs() <= ry * 0.05 {
                c = [150.0, 40.0, 50.0];
            }
        } else if head <= 1.35 && fy < 0.2 {
            c = hair;
        }
        Rgb(c.map(|v| v.clamp(0.0, 255.0) as u8))
    })
}

pub fn png(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("PNG encodes");
    out
}

pub fn jpeg(image: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            image.as_raw(),
            image.width(),
            image.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("JPEG encodes");
    out
}

/// The same photo as a camera roll might hold it again: scaled, a little brighter, saved
/// as a JPEG of middling quality.
pub fn retouched(image: &RgbImage, scale: f32, brighter: i32) -> Vec<u8> {
    let (w, h) = (
        (image.width() as f32 * scale).round() as u32,
        (image.height() as f32 * scale).round() as u32,
    );
    let resized = imageops::resize(image, w, h, FilterType::Triangle);
    jpeg(&imageops::brighten(&resized, brighter), 80)
}
