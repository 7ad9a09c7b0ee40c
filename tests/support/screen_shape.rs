//! Whether a screen is rekog's table view drawn whole at one exact size, so resize tests can
//! tell a fresh frame from a stale or half-redrawn one.

#![allow(dead_code)]

const BORDERS: &str = "│┌┐└┘";

/// Why `rows` is not the table view (no overlay open) at `width` x `height`; `None` when it
/// is. A frame left over from another size shows as a border off the last column, a second
/// border inside a row, or the footer off the last row.
pub fn misfit(rows: &[String], width: u16, height: u16) -> Option<String> {
    let (w, h) = (usize::from(width), usize::from(height));
    if rows.len() != h {
        return Some(format!("{} rows, not {h}", rows.len()));
    }
    if let Some((y, row)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.chars().count() != w)
    {
        return Some(format!("row {y} is {} wide, not {w}", row.chars().count()));
    }
    if !rows[0].starts_with(" rekog") {
        return Some(format!("no header on the first row: {:?}", rows[0]));
    }
    if !rows[h - 1].contains("q quit") {
        return Some(format!("no footer on the last row: {:?}", rows[h - 1]));
    }
    for (y, left, right) in [(1, '┌', '┐'), (h - 2, '└', '┘')] {
        let row: Vec<char> = rows[y].chars().collect();
        if row[0] != left || row[w - 1] != right {
            return Some(format!(
                "row {y} is not a block edge {left}…{right}: {:?}",
                rows[y]
            ));
        }
    }
    for (y, row) in rows.iter().enumerate().take(h - 1).skip(1) {
        let at: Vec<usize> = row
            .chars()
            .enumerate()
            .filter(|(_, c)| BORDERS.contains(*c))
            .map(|(x, _)| x)
            .collect();
        if at != [0, w - 1] {
            return Some(format!("row {y} has borders at {at:?}: {row:?}"));
        }
    }
    None
}

/// `text` split into rows, for screens kept as one string with a newline after each row.
pub fn rows(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}
