//! The `?` overlay's layout: every binding by section, in three columns on a wide terminal,
//! two where they fit, one otherwise, scrolled when even that is taller than the rows
//! between the header and the footer. `update` clamps the scroll and the ui draws from the
//! same numbers.

use crate::app::keys::{HelpLine, help_lines};

/// The overlay's width with two columns.
pub const WIDTH: u16 = 78;
/// Below this inner width a single column is used.
const TWO_COLUMNS: u16 = 72;
/// The overlay's width with three columns, used where the terminal has room for it, so
/// that every key fits between the header and the footer of a 120x40 terminal.
pub const WIDE: u16 = 3 * 38 + 2;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Help {
    /// Lines scrolled off the top.
    pub scroll: usize,
}

/// Where each help line goes on a screen of a given size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: u16,
    pub height: u16,
    /// The lines of each column, as ranges of [`help_lines`].
    pub columns: Vec<std::ops::Range<usize>>,
    /// Text rows inside the border.
    pub rows: usize,
    /// Rows of the tallest column.
    pub total: usize,
}

impl Layout {
    pub fn max_scroll(&self) -> usize {
        self.total.saturating_sub(self.rows)
    }
}

pub fn layout(area_width: u16, area_height: u16) -> Layout {
    let lines = help_lines();
    let room = area_width.saturating_sub(2);
    let width = if room >= WIDE { WIDE } else { room.min(WIDTH) };
    let inner = width.saturating_sub(2);
    let columns = if width == WIDE {
        let (a, b) = balanced_split3(&lines);
        vec![0..a, a..b, b..lines.len()]
    } else if inner >= TWO_COLUMNS {
        let split = balanced_split(&lines);
        vec![0..split, split..lines.len()]
    } else {
        std::iter::once(0..lines.len()).collect()
    };
    let total = columns.iter().map(|c| c.len()).max().unwrap_or(0);
    let want = u16::try_from(total).unwrap_or(u16::MAX).saturating_add(2);
    // The header and the footer stay in view.
    let height = want.min(crate::app::layout::body(area_height).1);
    Layout {
        width,
        height,
        columns,
        rows: usize::from(height.saturating_sub(2)),
        total,
    }
}

/// Where a section starts: the places a column may begin.
fn section_starts(lines: &[HelpLine]) -> Vec<usize> {
    (1..lines.len())
        .filter(|&i| matches!(lines[i], HelpLine::Section(_)))
        .collect()
}

/// The section boundary that makes the taller column shortest.
fn balanced_split(lines: &[HelpLine]) -> usize {
    section_starts(lines)
        .into_iter()
        .min_by_key(|&i| i.max(lines.len() - i))
        .unwrap_or(lines.len())
}

/// The two section boundaries that make the tallest of three columns shortest.
fn balanced_split3(lines: &[HelpLine]) -> (usize, usize) {
    let starts = section_starts(lines);
    let n = lines.len();
    let mut best = (n, n);
    let mut tallest = n;
    for (k, &a) in starts.iter().enumerate() {
        for &b in &starts[k + 1..] {
            let t = a.max(b - a).max(n - b);
            if t < tallest {
                (best, tallest) = ((a, b), t);
            }
        }
    }
    best
}

impl Help {
    /// Moves by `delta` lines, within what there is to see at this size.
    pub fn scroll_by(&mut self, delta: isize, width: u16, height: u16) {
        let max = layout(width, height).max_scroll();
        self.scroll = self.scroll.saturating_add_signed(delta).min(max);
    }

    pub fn clamp(&mut self, width: u16, height: u16) {
        self.scroll_by(0, width, height);
    }
}
