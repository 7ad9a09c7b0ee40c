//! Resizing the terminal redraws rekog at once with no key after it, also right after Esc
//! closed the help, the filter or the delete dialog. Each redraw is timed from the resize.

use std::thread;
use std::time::{Duration, Instant};

use crate::e2e::{seed_file, start};
use crate::os::cpu_ticks;
use crate::pty::{Server, Tui, patience};
use crate::screen_shape::misfit;

/// Visited in turn; each differs from the one before, so every step signals the app.
const SIZES: [(u16, u16); 5] = [(80, 24), (100, 30), (60, 15), (200, 50), (120, 40)];
const RESIZES: usize = 30;
/// From the resize to a screen that matches the new size.
const BOUND: Duration = Duration::from_millis(200);

/// What the operator did just before a resize.
#[derive(Debug, Clone, Copy)]
enum Before {
    Nothing,
    HelpClosed,
    FilterCleared,
    DialogCancelled,
}

fn before(step: usize) -> Before {
    match step % 4 {
        0 => Before::Nothing,
        1 => Before::HelpClosed,
        2 => Before::FilterCleared,
        _ => Before::DialogCancelled,
    }
}

/// Opens what `before` names and presses Esc, without waiting for it to close.
fn act(tui: &mut Tui, before: Before) {
    let (open, shown) = match before {
        Before::Nothing => return,
        Before::HelpClosed => ("?", " Keys "),
        Before::FilterCleared => ("/", "Collections (1/3)"),
        Before::DialogCancelled => ("d", "Delete collection"),
    };
    tui.send(open);
    if let Before::FilterCleared = before {
        tui.type_keys("lobby");
    }
    tui.wait_for(shown);
    tui.send("\x1b");
}

/// Resizes the terminal and times it until the screen is the whole table view at the new
/// size, with nothing left open.
fn resize_and_time(tui: &Tui, (width, height): (u16, u16)) -> Duration {
    let started = Instant::now();
    tui.resize(width, height);
    loop {
        let rows = tui.rows();
        let why = misfit(&rows, width, height).or_else(|| {
            (!rows[1].contains("Collections (3)")).then(|| "the filter is still on".to_owned())
        });
        let Some(why) = why else {
            return started.elapsed();
        };
        if started.elapsed() > patience() {
            panic!(
                "not redrawn at {width}x{height}: {why}; the screen:\n{}",
                rows.join("\n")
            );
        }
        thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn every_resize_is_drawn_at_once_even_right_after_esc() {
    let home = tempfile::tempdir().unwrap();
    let seed = seed_file(home.path());
    let server = Server::start(&["--seed", seed.to_str().unwrap()]);
    let mut tui = start(&server, home.path(), &[]);
    tui.wait_for("Collections (3)");

    let mut size = (120, 40);
    let mut times = Vec::new();
    let mut retried = Vec::new();
    for step in 0..RESIZES {
        let next = SIZES[step % SIZES.len()];
        act(&mut tui, before(step));
        let mut took = resize_and_time(&tui, next);
        if took > BOUND {
            // Once, in case the machine was busy: back to the old size, then again.
            retried.push(format!("{size:?}->{next:?} took {took:?}"));
            resize_and_time(&tui, size);
            took = resize_and_time(&tui, next);
        }
        times.push((step, before(step), size, next, took));
        size = next;
    }
    let worst = times.iter().max_by_key(|t| t.4).expect("resizes were made");
    println!(
        "{RESIZES} resizes: worst {:?} (step {}, {:?}, {:?} -> {:?}); retried {}: {retried:?}",
        worst.4,
        worst.0,
        worst.1,
        worst.2,
        worst.3,
        retried.len()
    );
    let slow: Vec<_> = times.iter().filter(|t| t.4 > BOUND).collect();
    assert!(slow.is_empty(), "slower than {BOUND:?}: {slow:?}");

    // Idle, the app sleeps: its input thread wakes twice a second and nothing else runs.
    let pid = tui.pid();
    let idle = Duration::from_secs(2);
    let ticks_before = cpu_ticks(pid).expect("rekog is running");
    thread::sleep(idle);
    let ticks = cpu_ticks(pid).expect("rekog is running") - ticks_before;
    println!("idle for {idle:?}: {ticks} clock ticks of CPU");
    assert!(ticks <= 20, "{ticks} clock ticks of CPU in {idle:?} idle");

    tui.send("q");
    assert_eq!(tui.wait_exit(), 0);
    tui.assert_restored();
}
