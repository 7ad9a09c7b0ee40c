//! `--mask`: every account id on screen becomes `************`, whatever widget drew it
//! (header, table, dialog, log pane), by a last pass over the finished frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// An AWS account id is exactly 12 digits.
const ACCOUNT_DIGITS: usize = 12;

/// Replaces each run of exactly 12 digit cells in a row with `*` cells.
pub fn accounts(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        let mut run_start = area.left();
        let mut run = 0usize;
        for x in area.left()..=area.right() {
            let digit = x < area.right()
                && buf.cell((x, y)).is_some_and(|c| {
                    c.symbol().len() == 1 && c.symbol().as_bytes()[0].is_ascii_digit()
                });
            if digit {
                if run == 0 {
                    run_start = x;
                }
                run += 1;
                continue;
            }
            if run == ACCOUNT_DIGITS {
                for mx in run_start..x {
                    if let Some(cell) = buf.cell_mut((mx, y)) {
                        cell.set_symbol("*");
                    }
                }
            }
            run = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_twelve_digit_runs_are_masked() {
        let mut buf = Buffer::with_lines([
            "account 123456789012 ok",
            "arn:aws:iam::210987654321:user/x",
            "faces 1,284,311 ms 1714566896000",
        ]);
        let area = buf.area;
        accounts(&mut buf, area);
        assert_eq!(
            buf,
            Buffer::with_lines([
                "account ************ ok",
                "arn:aws:iam::************:user/x",
                "faces 1,284,311 ms 1714566896000",
            ])
        );
    }
}
