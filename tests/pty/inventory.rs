//! `rekog inventory` on a terminal: its progress line is rewritten in place, and a failure
//! is a line of its own above it, never run into it.

use crate::e2e::{aws_env, seed_file};
use crate::pty::{Server, Tui};

#[test]
fn a_failure_is_a_line_of_its_own_above_the_progress() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let seed = seed_file(home);
    let server = Server::start(&[
        "--seed",
        seed.to_str().unwrap(),
        "--deny",
        "DescribeCollection@eu-west-1",
    ]);
    std::fs::create_dir_all(home.join("config/rekog")).unwrap();
    std::fs::write(
        home.join("config/rekog/config.toml"),
        "regions = [\"us-east-1\", \"eu-west-1\"]\n",
    )
    .unwrap();
    let out = home.join("inventory.csv");
    let env = aws_env(&server.endpoint);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut run = Tui::spawn(
        // One pair at a time, us-east-1 first: its progress is on the line when
        // eu-west-1's failure comes.
        &[
            "inventory",
            "--all-regions",
            "--fleet-concurrency",
            "1",
            "--out",
            out.to_str().unwrap(),
        ],
        &env,
        home,
        (100, 12),
    );
    assert_eq!(run.wait_exit(), 1, "eu-archive's describe is denied");
    let screen = run.screen();
    let lines: Vec<&str> = screen.lines().map(str::trim_end).collect();
    let failure = lines
        .iter()
        .position(|l| l.contains("eu-archive"))
        .unwrap_or_else(|| panic!("no failure line:\n{screen}"));
    assert!(
        lines[failure].starts_with("rekog inventory: account 123456789012, eu-west-1"),
        "{screen}"
    );
    let progress = lines
        .iter()
        .position(|l| *l == "rekog inventory: 2/2 account-regions counted")
        .unwrap_or_else(|| panic!("no progress line of its own:\n{screen}"));
    assert!(failure < progress, "{screen}");
    assert!(!screen.contains("countedrekog"), "{screen}");
    assert!(screen.contains("3 collections, 32 faces"), "{screen}");
}
