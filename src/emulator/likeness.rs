//! How the emulator "sees" a face: the likeness of image content, not face recognition.
//! An image's one face is the image itself, described by the low frequencies of its
//! grayscale picture (a 32x32 area average, cosine-transformed, the 8x8 lowest frequencies
//! without the mean), normalised: the same photo gives the same vector, and a resized,
//! re-encoded or slightly brighter copy a close one, since none of those moves the low
//! frequencies much and brightness and contrast are divided out.

use std::io::Cursor;

use image::{ImageFormat, ImageReader, Limits};

use super::error::{ApiError, ErrorKind};
use super::wire::BoundingBox;

/// Components of a face vector.
pub const DIMS: usize = 64;
/// A face vector, quantised to bytes: a million faces fit in 64 MB and compare fast.
pub type Vector = [i8; DIMS];

/// The most image bytes the service takes in `Image.Bytes`.
pub const MAX_IMAGE_BYTES: usize = 5 * 1024 * 1024;
/// Side of the grid the image is averaged down to.
const GRID: usize = 32;
/// Side of the block of lowest frequencies kept.
const LOW: usize = 8;
/// Below this standard deviation (of 0-255 grey levels) an image is flat: no face in it.
const FLAT: f32 = 2.0;
/// The power of the cosine that makes a similarity: steep, so that only near copies (or
/// one synthetic person's faces) pass the default threshold of 80, and pictures that merely
/// share a layout (every portrait has a face in the middle) fall well below it.
const STEEPNESS: i32 = 16;

/// The face found in an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub vector: Vector,
    pub bounding_box: BoundingBox,
    pub confidence: f32,
    /// 0-100, as FaceDetail's Quality.Brightness.
    pub brightness: f32,
    /// 0-100, as FaceDetail's Quality.Sharpness.
    pub sharpness: f32,
}

/// Errors of the image itself, as the service names them.
pub fn invalid_format(detail: &str) -> ApiError {
    ApiError::new(
        ErrorKind::InvalidImageFormat,
        format!("Request has invalid image format: {detail}"),
    )
}

/// Finds the one face of a JPEG or PNG image, or none in a flat one.
pub fn detect(bytes: &[u8]) -> Result<Option<Detected>, ApiError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(ApiError::new(
            ErrorKind::ImageTooLarge,
            format!(
                "Image size is too large: {} bytes, over the limit of {MAX_IMAGE_BYTES}",
                bytes.len()
            ),
        ));
    }
    let format = if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        ImageFormat::Jpeg
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ImageFormat::Png
    } else {
        return Err(invalid_format("the image is neither JPEG nor PNG"));
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    // A few megabytes of PNG can claim a picture of gigabytes: decoding stops first.
    let mut limits = Limits::default();
    limits.max_image_width = Some(16_384);
    limits.max_image_height = Some(16_384);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let image = reader
        .decode()
        .map_err(|e| invalid_format(&format!("cannot decode it ({e})")))?;
    let gray = image.into_luma8();
    let (width, height) = (gray.width() as usize, gray.height() as usize);
    if width == 0 || height == 0 {
        return Err(invalid_format("the image has no pixels"));
    }
    let grid = average(gray.as_raw(), width, height);
    Ok(describe(&grid))
}

/// The image averaged over a GRID x GRID grid of cells, each cell at least one pixel.
fn average(pixels: &[u8], width: usize, height: usize) -> [f32; GRID * GRID] {
    let mut grid = [0f32; GRID * GRID];
    let span = |cell: usize, size: usize| {
        let start = cell * size / GRID;
        let end = ((cell + 1) * size / GRID).max(start + 1).min(size);
        (start.min(size - 1), end)
    };
    for gy in 0..GRID {
        let (y0, y1) = span(gy, height);
        for gx in 0..GRID {
            let (x0, x1) = span(gx, width);
            let mut sum = 0u64;
            for y in y0..y1 {
                let row = &pixels[y * width..(y + 1) * width];
                sum += row[x0..x1].iter().map(|&p| u64::from(p)).sum::<u64>();
            }
            let count = ((y1 - y0) * (x1 - x0)) as f32;
            grid[gy * GRID + gx] = sum as f32 / count;
        }
    }
    grid
}

/// The face of a grid: its vector, where it is, and how it looks.
fn describe(grid: &[f32; GRID * GRID]) -> Option<Detected> {
    let n = (GRID * GRID) as f32;
    let mean = grid.iter().sum::<f32>() / n;
    let std = (grid.iter().map(|v| (v - mean).powi(2)).sum::<f32>() / n).sqrt();
    if std < FLAT {
        return None;
    }
    let coefficients = dct(grid);
    let mut features = [0f32; DIMS];
    let mut k = 0;
    for v in 0..LOW {
        for u in 0..LOW {
            if (u, v) != (0, 0) {
                features[k] = coefficients[v * GRID + u];
                k += 1;
            }
        }
    }
    // One more frequency fills the 64th component.
    features[k] = coefficients[LOW];
    let low: f32 = features.iter().map(|c| c * c).sum();
    let all: f32 = coefficients.iter().skip(1).map(|c| c * c).sum();
    let vector = quantise(&features)?;
    Some(Detected {
        vector,
        bounding_box: bounding_box(grid),
        confidence: 99.0 + (std / 64.0).min(1.0) * 0.99,
        brightness: mean / 255.0 * 100.0,
        sharpness: if all > 0.0 {
            ((1.0 - low / all) * 100.0).clamp(0.0, 100.0)
        } else {
            0.0
        },
    })
}

/// The 2-D DCT-II of the grid (unnormalised: only directions matter).
fn dct(grid: &[f32; GRID * GRID]) -> Vec<f32> {
    let basis: Vec<f32> = (0..GRID * GRID)
        .map(|i| {
            let (u, x) = (i / GRID, i % GRID);
            (std::f32::consts::PI / GRID as f32 * (x as f32 + 0.5) * u as f32).cos()
        })
        .collect();
    // Rows first, then columns, and only the low frequencies are ever read.
    let mut rows = vec![0f32; GRID * GRID];
    for y in 0..GRID {
        for u in 0..=LOW {
            rows[y * GRID + u] = (0..GRID)
                .map(|x| grid[y * GRID + x] * basis[u * GRID + x])
                .sum();
        }
    }
    let mut out = vec![0f32; GRID * GRID];
    for v in 0..=LOW {
        for u in 0..=LOW {
            out[v * GRID + u] = (0..GRID)
                .map(|y| rows[y * GRID + u] * basis[v * GRID + y])
                .sum();
        }
    }
    out
}

/// Scales the largest component to 127; `None` for a zero vector.
fn quantise(features: &[f32; DIMS]) -> Option<Vector> {
    let peak = features.iter().fold(0f32, |m, c| m.max(c.abs()));
    if peak <= f32::EPSILON || !peak.is_finite() {
        return None;
    }
    let mut vector = [0i8; DIMS];
    for (q, c) in vector.iter_mut().zip(features) {
        *q = (c / peak * 127.0).round().clamp(-127.0, 127.0) as i8;
    }
    Some(vector)
}

/// The cells that stand out from the border's grey, as ratios of the image; the whole
/// image when nothing does.
fn bounding_box(grid: &[f32; GRID * GRID]) -> BoundingBox {
    let border: Vec<f32> = (0..GRID * GRID)
        .filter(|i| {
            let (x, y) = (i % GRID, i / GRID);
            x == 0 || y == 0 || x == GRID - 1 || y == GRID - 1
        })
        .map(|i| grid[i])
        .collect();
    let background = border.iter().sum::<f32>() / border.len() as f32;
    let deviation = |i: usize| (grid[i] - background).abs();
    let peak = (0..GRID * GRID).map(deviation).fold(0f32, f32::max);
    let (mut x0, mut y0, mut x1, mut y1) = (GRID, GRID, 0, 0);
    for i in (0..GRID * GRID).filter(|&i| deviation(i) > peak * 0.3) {
        let (x, y) = (i % GRID, i / GRID);
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x + 1), y1.max(y + 1));
    }
    if x1 <= x0 || y1 <= y0 {
        (x0, y0, x1, y1) = (0, 0, GRID, GRID);
    }
    let g = GRID as f32;
    BoundingBox {
        width: (x1 - x0) as f32 / g,
        height: (y1 - y0) as f32 / g,
        left: x0 as f32 / g,
        top: y0 as f32 / g,
    }
}

/// Σ a·b and the two norms' product, as integers and floats.
pub fn dot(a: &Vector, b: &Vector) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

pub fn norm(a: &Vector) -> f32 {
    (dot(a, a) as f32).sqrt()
}

/// Similarity 0-100 from a cosine.
pub fn similarity_of_cosine(cosine: f32) -> f32 {
    (cosine.clamp(0.0, 1.0).powi(STEEPNESS) * 100.0).min(100.0)
}

/// The cosine a similarity of `threshold` needs: the search compares dot products with it
/// instead of mapping every face's cosine.
pub fn cosine_of_similarity(threshold: f32) -> f32 {
    (threshold.clamp(0.0, 100.0) / 100.0).powf(1.0 / STEEPNESS as f32)
}

/// The similarity of two faces, 0 to 100.
#[cfg(test)]
pub fn similarity(a: &Vector, b: &Vector) -> f32 {
    let norms = norm(a) * norm(b);
    if norms <= 0.0 {
        return 0.0;
    }
    similarity_of_cosine(dot(a, b) as f32 / norms)
}

/// The mean direction of several faces (a user's), or `None` for none.
pub fn centroid<'a>(vectors: impl IntoIterator<Item = &'a Vector>) -> Option<Vector> {
    let mut sum = [0f32; DIMS];
    let mut any = false;
    for v in vectors {
        let n = norm(v);
        if n <= 0.0 {
            continue;
        }
        any = true;
        for (s, &c) in sum.iter_mut().zip(v) {
            *s += f32::from(c) / n;
        }
    }
    if any { quantise(&sum) } else { None }
}

/// Synthetic faces: a person is a random direction, each of their faces that direction
/// moved a little, so one person's faces are alike and unlike everyone else's.
pub mod synthetic {
    use super::{DIMS, Vector};

    /// How far a face may stray from its person, as a share of the person's length: two
    /// faces at most this far each keep a cosine above 0.995 (similarity above 92).
    const MAX_SPREAD: f32 = 0.07;
    const MIN_SPREAD: f32 = 0.005;

    /// A random direction from 8 draws of 64 bits, each byte one component.
    fn direction(mut next: impl FnMut() -> u64) -> [f32; DIMS] {
        let mut out = [0f32; DIMS];
        for chunk in out.chunks_mut(8) {
            let bits = next().to_le_bytes();
            for (c, b) in chunk.iter_mut().zip(bits) {
                *c = f32::from(b) - 127.5;
            }
        }
        out
    }

    /// A face of the person whose direction `person` draws, moved by `face`'s draws.
    pub fn face(person: impl FnMut() -> u64, mut face: impl FnMut() -> u64) -> Vector {
        let base = direction(person);
        let spread = MIN_SPREAD + (MAX_SPREAD - MIN_SPREAD) * unit(face());
        let noise = direction(&mut face);
        let length = |v: &[f32; DIMS]| v.iter().map(|c| c * c).sum::<f32>().sqrt();
        let (lb, ln) = (length(&base), length(&noise).max(1.0));
        let mut out = [0f32; DIMS];
        for ((o, b), n) in out.iter_mut().zip(base).zip(noise) {
            *o = b + n / ln * lb * spread;
        }
        let peak = out.iter().fold(1e-3f32, |m, c| m.max(c.abs()));
        let mut vector = [0i8; DIMS];
        for (q, c) in vector.iter_mut().zip(out) {
            *q = (c / peak * 127.0).round().clamp(-127.0, 127.0) as i8;
        }
        vector
    }

    fn unit(bits: u64) -> f32 {
        (bits >> 40) as f32 / (1u64 << 24) as f32
    }
}

#[cfg(test)]
mod tests;
