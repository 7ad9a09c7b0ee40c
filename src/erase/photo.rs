//! The arguments of a search by likeness: a photo (`--image FILE`, or `image:PATH` in the
//! detail view's search) read and checked once, before any call, and a similarity threshold
//! (`--threshold N`).

use std::io::Read;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::aws::api::MAX_IMAGE_BYTES;

/// A JPEG or PNG of at most [`MAX_IMAGE_BYTES`], as SearchFacesByImage takes it.
#[derive(Clone, PartialEq, Eq)]
pub struct Photo {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    /// Hex SHA-256 of the bytes: what records keep instead of the photo.
    pub sha256: String,
}

impl std::fmt::Debug for Photo {
    // A photo of a person is personal data: debug output names it, never dumps it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Photo({}, sha256 {})", self.path.display(), self.sha256)
    }
}

/// The default `--threshold`: stricter than the service's 80, since what it finds may be
/// erased.
pub const DEFAULT_THRESHOLD: f32 = 90.0;

pub(crate) fn threshold_arg(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(n) if (0.0..=100.0).contains(&n) => Ok(n),
        Ok(_) => Err(format!("--threshold {text}: a similarity is from 0 to 100")),
        Err(_) => Err(format!("--threshold {text:?} is not a number (0 to 100)")),
    }
}

/// Reads the photo of `--image PATH`; see [`read_photo`].
pub(crate) fn photo_arg(text: &str) -> Result<Photo, String> {
    read_photo("--image ", text)
}

/// Reads the photo at `text`, refusing (in words that start with `label` and the path) a
/// directory, a missing or unreadable file, one over 5 MB, and one that is neither a JPEG
/// nor a PNG by its first bytes.
pub(crate) fn read_photo(label: &str, text: &str) -> Result<Photo, String> {
    let path = PathBuf::from(text);
    let shown = format!("{label}{}", path.display());
    let meta = std::fs::metadata(&path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("{shown}: no such file"),
        _ => format!("{shown}: cannot read it: {e}"),
    })?;
    if meta.is_dir() {
        return Err(format!("{shown} is a directory, not a photo"));
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(too_large(&shown, meta.len()));
    }
    let file = std::fs::File::open(&path).map_err(|e| format!("{shown}: cannot read it: {e}"))?;
    let mut bytes = Vec::new();
    // One byte beyond the limit is enough to know a file that grew since is too large.
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{shown}: cannot read it: {e}"))?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(too_large(&shown, bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(format!("{shown} is empty"));
    }
    if kind(&bytes).is_none() {
        return Err(format!(
            "{shown} is neither a JPEG nor a PNG (the service takes only these)"
        ));
    }
    let sha256 = hex(&Sha256::digest(&bytes));
    Ok(Photo {
        path,
        bytes,
        sha256,
    })
}

fn too_large(shown: &str, len: u64) -> String {
    format!(
        "{shown} is {:.1} MB; the service takes photos of at most 5 MB",
        len as f64 / (1024.0 * 1024.0)
    )
}

/// `jpeg` or `png` by the file's magic bytes.
fn kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else {
        None
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a search by photo was refused because the photo shows no face: the service
/// says so with an InvalidParameterException.
pub(crate) fn no_face(e: &crate::aws::api::ApiError) -> bool {
    e.kind == crate::aws::api::ErrorKind::InvalidParameter
        && e.message.contains("no faces in the image")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_outside_0_to_100_and_words_are_refused() {
        assert_eq!(threshold_arg("90"), Ok(90.0));
        assert_eq!(threshold_arg("0"), Ok(0.0));
        assert_eq!(threshold_arg("100"), Ok(100.0));
        assert!(threshold_arg("100.5").unwrap_err().contains("0 to 100"));
        assert!(threshold_arg("-1").unwrap_err().contains("0 to 100"));
        assert!(threshold_arg("NaN").is_err());
        assert!(
            threshold_arg("ninety")
                .unwrap_err()
                .contains("not a number")
        );
    }

    #[test]
    fn photos_are_checked_before_any_call() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name).display().to_string();
        assert!(
            photo_arg(&at("none.jpg"))
                .unwrap_err()
                .contains("no such file")
        );
        assert!(
            photo_arg(&dir.path().display().to_string())
                .unwrap_err()
                .contains("directory")
        );
        std::fs::write(at("a.gif"), b"GIF89a....").unwrap();
        assert!(
            photo_arg(&at("a.gif"))
                .unwrap_err()
                .contains("neither a JPEG nor a PNG")
        );
        std::fs::write(at("empty.png"), b"").unwrap();
        assert!(photo_arg(&at("empty.png")).unwrap_err().contains("empty"));
        let mut big = vec![0xff, 0xd8, 0xff];
        big.resize(MAX_IMAGE_BYTES as usize + 1, 0);
        std::fs::write(at("big.jpg"), &big).unwrap();
        assert!(
            photo_arg(&at("big.jpg"))
                .unwrap_err()
                .contains("at most 5 MB")
        );
        std::fs::write(at("ok.png"), b"\x89PNG\r\n\x1a\nrest").unwrap();
        let photo = photo_arg(&at("ok.png")).unwrap();
        assert_eq!(photo.sha256.len(), 64);
        assert!(!format!("{photo:?}").contains("rest"));
    }
}
