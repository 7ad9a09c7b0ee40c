//! What `rekog search` prints: a table per collection and the totals, or one JSON object
//! per face. Text that comes from the service is cleaned of control characters first.

use std::io::{self, Write};

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
