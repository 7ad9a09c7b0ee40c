//! ASCII mode's last pass over the finished frame: every cell that still holds a character
//! outside ASCII (a border, a marker, a literal in a widget) gets its one-column stand-in,
//! or `?`, so not one byte above 127 reaches a terminal that cannot show it. Data is
//! escaped before it is laid out (`text::to_ascii`, `text::escape_non_ascii`), where its
//! width can still grow; this pass is what makes the promise hold for everything else.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::text::ascii_symbol;

pub fn fold(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let Some(cell) = buf.cell_mut((x, y)) else {
                continue;
            };
            if cell.symbol().is_ascii() {
                continue;
            }
            let stand_in = cell
                .symbol()
                .chars()
                .next()
                .and_then(ascii_symbol)
                .and_then(|s| s.get(..1))
                .map_or("?", |s| {
                    if s == "." && cell.symbol() == "…" {
                        "~"
                    } else {
                        s
                    }
                });
            cell.set_symbol(stand_in);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::widgets::{Block, Widget};

    use super::*;

    #[test]
    fn a_bordered_block_with_symbols_becomes_ascii() {
        let area = Rect::new(0, 0, 12, 3);
        let mut buf = Buffer::empty(area);
        Block::bordered().title("é ▶ …").render(area, &mut buf);
        fold(&mut buf, area);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert!(text.is_ascii(), "{text}");
        assert_eq!(&text[..12], "+? > ~-----+");
        assert_eq!(&text[12..24], "|          |");
    }

    #[test]
    fn a_wide_character_leaves_no_hole() {
        let area = Rect::new(0, 0, 6, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "🔒 ab", ratatui::style::Style::new());
        fold(&mut buf, area);
        let text: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(text, "#  ab ");
    }
}
