//! `--mask`: every account id on screen becomes `************`, whatever widget drew it
//! (header, table, dialog, log pane), by a last pass over the finished frame.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// An AWS account id is exactly 12 digits.
const ACCOUNT_DIGITS: usize = 12;
/// The fewest digits of a cut run that are masked.
const CUT_DIGITS: usize = 4;

fn is_cut_mark(buf: &Buffer, x: u16, y: u16) -> bool {
    buf.cell((x, y)).is_some_and(|c| c.symbol() == "…")
}

/// Replaces each run of exactly 12 digit cells in a row with `*` cells, and each shorter
/// run of at least `CUT_DIGITS` that was cut (by the frame's right edge, or next to a
/// `…`): it may be part of an account id that a widget clipped. rekog's widgets cut before
/// a run of digits rather than inside one; this holds for any that does not. Shorter runs
/// are left: a page number before a `…` says more than it hides.
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
            let cut = x == area.right()
                || is_cut_mark(buf, x, y)
                || (run_start > area.left() && is_cut_mark(buf, run_start - 1, y));
            if run == ACCOUNT_DIGITS || ((CUT_DIGITS..ACCOUNT_DIGITS).contains(&run) && cut) {
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

    fn masked<const N: usize>(lines: [&str; N]) -> Buffer {
        let mut buf = Buffer::with_lines(lines);
        let area = buf.area;
        accounts(&mut buf, area);
        buf
    }

    #[test]
    fn only_twelve_digit_runs_are_masked() {
        assert_eq!(
            masked([
                "account 123456789012 ok",
                "arn:aws:iam::210987654321:user/x",
                "faces 1,284,311 ms 1714566896000",
            ]),
            Buffer::with_lines([
                "account ************ ok",
                "arn:aws:iam::************:user/x",
                "faces 1,284,311 ms 1714566896000",
            ])
        );
    }

    #[test]
    fn a_run_cut_short_is_masked() {
        assert_eq!(
            masked([
                "account 1234567890",
                "arn:aws:iam::2109…",
                "…56789012:role/x  ",
                "page 12… 7 of 9 xy",
            ]),
            Buffer::with_lines([
                "account **********",
                "arn:aws:iam::****…",
                "…********:role/x  ",
                "page 12… 7 of 9 xy",
            ])
        );
    }
}
