//! The terminals of admin boxes: a C locale, `TERM=linux`, `TERM=vt100`, `NO_COLOR`. The
//! same tour of every screen runs under each, and what rekog wrote is read byte by byte,
//! not only as a screen scraper would show it.

use std::path::Path;

use crate::pty::Tui;

/// What the tour saw: every byte rekog wrote, and the reverse-video rows of the first
/// table, where the first row is selected.
struct Tour {
    raw: Vec<u8>,
    inverse_at_start: Vec<String>,
    first_screen: String,
}

fn gone(tui: &Tui, what: &str) {
    tui.wait_until(&format!("{what} to go"), |s| !s.contains(what));
}

/// Table, filter, delete dialog, detail with marks, face search, users, help, region
/// picker, fleet, log pane, quit. Every Esc waits for the screen to change before the next
/// key: an Esc followed at once by a key is read as Alt and that key.
fn tour(home: &Path, env: &[(&str, &str)]) -> Tour {
    let mut tui = Tui::spawn(&["--demo"], env, home, (120, 40));
    tui.wait_for("Collections (17)");
    let first_screen = tui.wait_for("contractor-onboarding");
    let inverse_at_start = tui.inverse_rows();

    tui.send("/");
    tui.type_keys("lobby");
    gone(&tui, "dev-sandbox");
    // The filter keeps its selection when it is cleared: lobby-cam from here on.
    tui.send("\x1b");
    tui.wait_for("dev-sandbox");

    tui.send("d");
    tui.wait_for("Type the collection ID to confirm");
    tui.send("\x1b");
    gone(&tui, "Type the collection ID to confirm");

    tui.send("\r");
    tui.wait_for("Collection lobby-cam");
    // The first face itself: "loaded)" and "Users 12" come with DescribeCollection, which
    // may answer before the first ListFaces page, and a Space before any face is shown has
    // no face to mark.
    tui.wait_for("img-000001.jpg");
    tui.send(" ");
    tui.wait_for("1 face marked");
    tui.send("j");
    tui.send(" ");
    tui.wait_for("2 faces marked");

    tui.send("/");
    tui.type_keys("img-00000");
    tui.send("\r");
    tui.wait_for("matches of 1,200 faces scanned");
    tui.send("\x1b");
    gone(&tui, "Search: ");

    tui.send("u");
    tui.wait_for("Users (12)");
    tui.send("u");
    gone(&tui, "Users (12)");
    tui.send("\x1b");
    tui.wait_for("Collections (17)");

    tui.send("?");
    tui.wait_for("close this help");
    tui.send("\x1b");
    gone(&tui, "close this help");

    tui.send("R");
    tui.wait_for("Switch region");
    tui.send("\x1b");
    gone(&tui, "Switch region");

    // The demo offers every region of rekog's table in its session's partition.
    let regions = rekog::aws::regions::offered(None, Some("us-east-1")).len();
    let fleet_done = format!("{regions}/{regions} regions done");
    tui.send("F");
    tui.wait_for(&fleet_done);
    tui.send("\x1b");
    gone(&tui, &fleet_done);

    tui.send("\t");
    tui.send("k");
    tui.send("\t");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0, "rekog did not quit cleanly");
    tui.assert_restored();
    Tour {
        raw: tui.raw_output(),
        inverse_at_start,
        first_screen,
    }
}

/// The parameter lists of every SGR sequence (`ESC [ ... m`) in `raw`.
fn sgr_params(raw: &[u8]) -> Vec<Vec<u16>> {
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < raw.len() {
        if raw[i] == 0x1b && raw[i + 1] == b'[' {
            let start = i + 2;
            let mut end = start;
            // Parameter and intermediate bytes, then the final byte.
            while end < raw.len() && (0x20..=0x3f).contains(&raw[end]) {
                end += 1;
            }
            if end < raw.len() && raw[end] == b'm' {
                let params = std::str::from_utf8(&raw[start..end]).expect("SGR is ASCII");
                found.push(
                    params
                        .split([';', ':'])
                        .map(|p| if p.is_empty() { 0 } else { p.parse().unwrap() })
                        .collect(),
                );
            }
            i = end;
        } else {
            i += 1;
        }
    }
    found
}

fn is_colour(param: u16) -> bool {
    matches!(param, 30..=39 | 40..=49 | 90..=97 | 100..=107)
}

fn contains(raw: &[u8], needle: &str) -> bool {
    raw.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn assert_selected_row_reversed(tour: &Tour) {
    assert!(
        tour.inverse_at_start
            .iter()
            .any(|row| row.contains("contractor-onboarding")),
        "the selected row is not in reverse video; reversed rows: {:?}\n{}",
        tour.inverse_at_start,
        tour.first_screen
    );
}

fn assert_no_colour(tour: &Tour) {
    let sgr = sgr_params(&tour.raw);
    assert!(
        !sgr.is_empty(),
        "no SGR at all: bold and reverse are SGR too"
    );
    let coloured: Vec<_> = sgr
        .iter()
        .filter(|params| params.iter().any(|p| is_colour(*p)))
        .collect();
    assert!(coloured.is_empty(), "colour SGR sent: {coloured:?}");
}

#[test]
fn c_locale_sends_not_one_byte_above_127() {
    let home = tempfile::tempdir().unwrap();
    let tour = tour(home.path(), &[("LANG", "C")]);
    let high: Vec<(usize, u8)> = tour
        .raw
        .iter()
        .enumerate()
        .filter(|(_, b)| **b > 127)
        .map(|(i, b)| (i, *b))
        .collect();
    assert!(
        high.is_empty(),
        "{} bytes above 127 out of {}, the first at {:?}",
        high.len(),
        tour.raw.len(),
        high.first()
    );
    assert!(
        tour.first_screen.contains("+ Collections (17) -"),
        "no ASCII border:\n{}",
        tour.first_screen
    );
    // The terminal's colours stay: only the characters change.
    assert!(
        contains(&tour.raw, "38;5;"),
        "256 colours lost with the locale"
    );
}

#[test]
fn term_linux_gets_only_the_16_colours() {
    let home = tempfile::tempdir().unwrap();
    let tour = tour(home.path(), &[("TERM", "linux")]);
    for extended in ["38;5;", "48;5;", "38;2;", "48;2;"] {
        assert!(
            !contains(&tour.raw, extended),
            "{extended} sent to TERM=linux"
        );
    }
    let sgr = sgr_params(&tour.raw);
    assert!(
        sgr.iter()
            .flatten()
            .any(|p| matches!(p, 30..=37 | 90..=97 | 40..=47 | 100..=107)),
        "no colour at all: TERM=linux has 16"
    );
}

#[test]
fn term_vt100_gets_no_colour_and_a_reversed_selection() {
    let home = tempfile::tempdir().unwrap();
    let tour = tour(home.path(), &[("TERM", "vt100")]);
    assert_no_colour(&tour);
    assert_selected_row_reversed(&tour);
}

#[test]
fn no_color_gets_no_colour_and_a_reversed_selection() {
    let home = tempfile::tempdir().unwrap();
    let tour = tour(home.path(), &[("NO_COLOR", "1")]);
    assert_no_colour(&tour);
    assert_selected_row_reversed(&tour);
}

#[test]
fn sgr_parser_reads_what_a_terminal_reads() {
    let raw = b"a\x1b[1;38;5;12mb\x1b[mc\x1b[2J\x1b[7m";
    assert_eq!(sgr_params(raw), vec![vec![1, 38, 5, 12], vec![0], vec![7]]);
    assert!(is_colour(38) && is_colour(49) && !is_colour(7) && !is_colour(1));
}

/// Bytes written for each `j` at 200x50 once the table has settled, and while idle after.
fn redraw_bytes(env: &[(&str, &str)]) -> (usize, usize) {
    // From the first of the demo's 17 rows to the last: every press moves the selection.
    const PRESSES: usize = 16;
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(&["--demo"], env, home.path(), (200, 50));
    tui.wait_for("Collections (17)");
    // Every row described: no redraw is still owed to a DescribeCollection.
    tui.wait_until("every row described", |s| !s.contains("describing"));
    std::thread::sleep(std::time::Duration::from_millis(500));
    let before = tui.raw_output().len();
    // Each press waits for its frame, so that a busy machine cannot fold two presses into
    // one frame and make the figure smaller than it is.
    for _ in 0..PRESSES {
        let before = tui.screen();
        tui.send("j");
        tui.wait_until("the selection to move", |s| s != before);
    }
    tui.wait_until("the last row selected", |s| {
        s.lines()
            .any(|l| l.contains("warehouse-gate-b") && (l.contains("> ") || l.contains("▶ ")))
    });
    std::thread::sleep(std::time::Duration::from_millis(300));
    let moved = tui.raw_output().len();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let idle = tui.raw_output().len() - moved;
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    ((moved - before) / PRESSES, idle)
}

/// ASCII mode costs no more than Unicode per keypress (one byte a cell instead of three
/// for a border), and nothing is written while idle.
#[test]
fn ascii_redraws_stay_small() {
    let (ascii, ascii_idle) = redraw_bytes(&[("LANG", "C")]);
    let (unicode, unicode_idle) = redraw_bytes(&[]);
    eprintln!("bytes per j at 200x50: ASCII {ascii}, Unicode {unicode}");
    assert_eq!((ascii_idle, unicode_idle), (0, 0), "written while idle");
    assert!(ascii <= unicode, "ASCII {ascii} > Unicode {unicode} per j");
    assert!(ascii < 1_000, "{ascii} bytes per j in ASCII mode");
}
