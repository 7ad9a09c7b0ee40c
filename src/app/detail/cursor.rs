//! Where a list of the detail view is: its selected row and the first row on screen.

/// Where a list is: its selected row and the first row on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within `len`, keeping the selection among `rows` on screen.
    pub fn move_by(&mut self, delta: isize, len: usize, rows: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.fit(len, rows);
    }

    /// The selection on screen after the list changed under it.
    pub fn fit(&mut self, len: usize, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(len.saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        self.offset = self.offset.min(len.saturating_sub(rows));
    }

    /// Within two screens of the end of what is loaded: time for the next page.
    pub fn near_end(&self, len: usize, rows: usize) -> bool {
        self.selected + rows * 2 >= len
    }
}
