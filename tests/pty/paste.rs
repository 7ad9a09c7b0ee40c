//! A paste longer than crossterm reads at once (1 KiB) leaves the rest in the tty, readable
//! but unseen by crossterm until more input comes. The input thread must wait for that
//! without spinning, and the next key must bring the rest.

use std::thread;
use std::time::Duration;

use crate::e2e::{seed_file, start};
use crate::os::cpu_ticks;
use crate::pty::Server;

#[test]
fn a_paste_longer_than_crossterms_buffer_does_not_spin() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap()]);
    let mut tui = start(&server, home.path(), &[]);
    tui.wait_for("Collections (3)");
    tui.send("/");
    tui.wait_for("Esc clear");
    // One write: 1 KiB for crossterm's first read, 76 bytes left behind.
    tui.send(&"x".repeat(1100));
    tui.wait_for("No collection ID contains");

    let pid = tui.pid();
    let idle = Duration::from_secs(2);
    let before = cpu_ticks(pid).expect("rekog is running");
    thread::sleep(idle);
    let ticks = cpu_ticks(pid).expect("rekog is running") - before;
    println!("after a 1100-byte paste: {ticks} clock ticks of CPU in {idle:?}");
    assert!(ticks <= 20, "{ticks} clock ticks of CPU in {idle:?}");

    // Esc brings the 76 bytes and itself, and clears the filter.
    tui.send("\x1b");
    tui.wait_for("Collections (3)");
    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}
