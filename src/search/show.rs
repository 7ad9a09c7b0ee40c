//! What `rekog search` prints: a table per collection and the totals, or one JSON object
//! per face. Text that comes from the service is cleaned of control characters first.

use std::io::{self, IsTerminal, Write};

use serde_json::json;

use super::Hit;
use crate::text::{count, sanitize};

/// Per region and collection, the faces found (FaceId, ExternalImageId, UserId and, for a
/// search by likeness, the similarity), then the totals.
pub(super) fn text(out: &mut impl Write, hits: &[Hit], searched: usize) -> io::Result<()> {
    let cell = |v: Option<&str>| v.map_or_else(|| "-".to_owned(), sanitize);
    let likeness = hits.iter().any(|h| h.similarity.is_some());
    let mut places: Vec<(&str, &str)> = Vec::new();
    for h in hits {
        let place = (h.region.as_str(), h.collection.as_str());
        if !places.contains(&place) {
            places.push(place);
        }
    }
    for (region, collection) in &places {
        let here: Vec<&Hit> = (hits.iter())
            .filter(|h| (h.region.as_str(), h.collection.as_str()) == (*region, *collection))
            .collect();
        writeln!(
            out,
            "Collection {collection}  region {region}: {}",
            count(here.len() as u64, "face", "faces")
        )?;
        let rows: Vec<[String; 4]> = here
            .iter()
            .map(|h| {
                let similarity = match (h.similarity, h.searched) {
                    (_, true) => "searched face".to_owned(),
                    (Some(s), false) => format!("{s:.1}"),
                    (None, false) => String::new(),
                };
                [
                    sanitize(&h.face.face_id),
                    cell(h.face.external_image_id.as_deref()),
                    cell(h.face.user_id.as_deref()),
                    similarity,
                ]
            })
            .collect();
        let header = ["FACE ID", "EXTERNAL IMAGE ID", "USER ID", "SIMILARITY"].map(str::to_owned);
        let width = |i: usize| {
            let cells = rows.iter().chain([&header]).map(|r| r[i].chars().count());
            cells.max().unwrap_or(0)
        };
        let (w0, w1, w2) = (width(0), width(1), width(2));
        for [a, b, c, d] in std::iter::once(&header).chain(&rows) {
            let line = match likeness {
                true => format!("  {a:<w0$}  {b:<w1$}  {c:<w2$}  {d}"),
                false => format!("  {a:<w0$}  {b:<w1$}  {c}"),
            };
            writeln!(out, "{}", line.trim_end())?;
        }
    }
    writeln!(
        out,
        "Total: {} in {} of {} searched",
        count(hits.len() as u64, "face", "faces"),
        count(places.len() as u64, "collection", "collections"),
        thousands_of(searched)
    )
}

fn thousands_of(n: usize) -> String {
    crate::text::thousands(n as u64)
}

/// Which collection is being searched, on stderr: one line rewritten on a terminal, a
/// line each in a log.
pub(super) fn progress(region: &str, n: usize, of: usize, id: &crate::ids::CollectionId) {
    let mut err = io::stderr().lock();
    let line = format!("rekog: searching {region} collection {n} of {of}: {id}");
    let _ = match err.is_terminal() {
        true => write!(err, "\r{line}\x1b[K"),
        false => writeln!(err, "{line}"),
    };
    let _ = err.flush();
}

/// Ends the rewritten line of [`progress`], so what follows starts on its own.
pub(super) fn progress_done() {
    let err = io::stderr();
    if err.is_terminal() {
        let _ = writeln!(err.lock());
    }
}

/// One JSON object per face, one a line.
pub(super) fn json(out: &mut impl Write, hits: &[Hit]) -> io::Result<()> {
    for h in hits {
        let line = json!({
            "region": h.region,
            "collection": h.collection.as_str(),
            "face_id": h.face.face_id,
            "external_image_id": h.face.external_image_id,
            "user_id": h.face.user_id.as_deref(),
            "similarity": h.similarity,
            "searched": h.searched,
        });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::api::Face;

    fn hit(collection: &str, id: &str, user: Option<&str>, similarity: Option<f32>) -> Hit {
        Hit {
            region: "eu-west-1".into(),
            collection: collection.parse().unwrap(),
            face: Face {
                face_id: id.into(),
                image_id: None,
                external_image_id: Some(format!("{id}.jpg")),
                user_id: user.map(|u| u.parse().unwrap()),
                confidence: None,
                bounding_box: None,
                index_faces_model_version: None,
            },
            similarity,
            searched: false,
        }
    }

    #[test]
    fn faces_are_grouped_by_collection_with_their_similarity_and_totals() {
        let mut own = hit("lobby", "f1", None, Some(100.0));
        own.searched = true;
        let hits = [
            own,
            hit("lobby", "f2", Some("emp-1"), Some(96.25)),
            hit("archive", "f3", None, Some(91.0)),
        ];
        let mut out = Vec::new();
        text(&mut out, &hits, 14).unwrap();
        let shown = String::from_utf8(out).unwrap();
        let expected = "\
Collection lobby  region eu-west-1: 2 faces
  FACE ID  EXTERNAL IMAGE ID  USER ID  SIMILARITY
  f1       f1.jpg             -        searched face
  f2       f2.jpg             emp-1    96.2
Collection archive  region eu-west-1: 1 face
  FACE ID  EXTERNAL IMAGE ID  USER ID  SIMILARITY
  f3       f3.jpg             -        91.0
Total: 3 faces in 2 collections of 14 searched
";
        assert_eq!(shown, expected);
    }

    #[test]
    fn a_listing_search_has_no_similarity_and_json_says_null() {
        let hits = [hit("lobby", "f1", Some("emp-1"), None)];
        let mut out = Vec::new();
        text(&mut out, &hits, 1).unwrap();
        let shown = String::from_utf8(out).unwrap();
        assert!(!shown.contains("SIMILARITY"), "{shown}");
        let mut out = Vec::new();
        json(&mut out, &hits).unwrap();
        let line: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(line["similarity"], serde_json::Value::Null);
        assert_eq!(line["user_id"], "emp-1");
        assert_eq!(line["collection"], "lobby");
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
    }
}
