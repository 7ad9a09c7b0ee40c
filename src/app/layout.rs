//! The screen's vertical split, shared by `update` (which rows are in view, how far the log
//! scrolls) and the ui (where to draw), so both agree on every terminal size.

/// Below this size only a "terminal too small" message is drawn.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The ARN column appears from this width on.
pub const ARN_WIDTH: u16 = 120;

/// Lines of the screen's parts, top to bottom: header, table, log pane, footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub header: u16,
    pub table: u16,
    pub log: u16,
    pub footer: u16,
}

pub fn split(height: u16) -> Split {
    let log = (height / 3).clamp(6, 12);
    Split {
        header: 1,
        table: height.saturating_sub(2 + log),
        log,
        footer: 1,
    }
}

/// The rows between the header and the footer, as (first row, rows): where an overlay that
/// leaves them in view is drawn (the footer says how to leave it).
pub fn body(height: u16) -> (u16, u16) {
    let split = split(height);
    (
        split.header,
        height.saturating_sub(split.header + split.footer),
    )
}

pub fn too_small(width: u16, height: u16) -> bool {
    width < MIN_WIDTH || height < MIN_HEIGHT
}

/// Data rows the table shows: its block minus two borders and the column header.
pub fn table_rows(height: u16) -> usize {
    usize::from(split(height).table.saturating_sub(3))
}

/// Text lines inside the log pane's border.
pub fn log_rows(height: u16) -> usize {
    usize::from(split(height).log.saturating_sub(2))
}

/// Text columns inside the log pane's border.
pub fn log_cols(width: u16) -> usize {
    usize::from(width.saturating_sub(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_fill_the_screen() {
        for h in MIN_HEIGHT..200 {
            let s = split(h);
            assert_eq!(s.header + s.table + s.log + s.footer, h, "height {h}");
            assert!(table_rows(h) >= 1, "height {h}");
        }
    }

    #[test]
    fn standard_sizes() {
        assert_eq!((table_rows(24), log_rows(24)), (11, 6));
        assert_eq!((table_rows(40), log_rows(40)), (23, 10));
    }
}
