//! `REKOG_READ_ONLY=1`, as the manual writes it, starts the TUI read-only; an explicit
//! false does not. Before, clap took only `true` or `false`, and `1` stopped rekog with a
//! usage error before the TUI.

use crate::pty::Tui;

#[test]
fn rekog_read_only_1_starts_the_tui_read_only() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(
        &["--demo"],
        &[("REKOG_READ_ONLY", "1")],
        home.path(),
        (120, 40),
    );
    let screen = tui.wait_for("Collections (17)");
    assert!(screen.contains("READ-ONLY"), "{screen}");
    tui.send("d");
    tui.wait_for("rekog was started read-only");
    tui.send("\x1b");
    tui.wait_until("the notice closed", |s| !s.contains("started read-only"));
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);

    let mut tui = Tui::spawn(
        &["--demo"],
        &[("REKOG_READ_ONLY", "0")],
        home.path(),
        (120, 40),
    );
    let screen = tui.wait_for("Collections (17)");
    assert!(!screen.contains("READ-ONLY"), "{screen}");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
}
