//! What an admin installs beside the binary: `rekog completions SHELL` and `rekog man`.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_rekog");

const SUBCOMMANDS: &[&str] = &[
    "serve",
    "audit",
    "manifest",
    "erase",
    "doctor",
    "completions",
    "man",
];

fn run(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().expect("rekog runs");
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn every_shells_completions_name_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = run(&["completions", shell]);
        assert!(script.len() > 1000, "{shell}: {script}");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} lacks {sub}");
        }
        assert!(script.contains("endpoint-url"), "{shell} lacks the flags");
    }
    let out = Command::new(BIN)
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown shell is bad usage");
}

#[test]
fn the_man_page_is_roff_with_every_subcommand() {
    let page = run(&["man"]);
    // clap_mangen defines the apostrophe string first; the title comes right after.
    let head: Vec<&str> = page.lines().take(3).collect();
    assert!(head.iter().all(|l| l.starts_with('.')), "{head:?}");
    assert!(head[2].starts_with(".TH rekog 1"), "{head:?}");
    for sub in SUBCOMMANDS {
        let heading = format!(".SH \"REKOG {}\"", sub.to_uppercase());
        assert!(page.contains(&heading), "no section {heading}");
    }
    assert!(page.contains("\\-\\-deny"), "serve's options are in it");
    assert!(page.contains("\\-\\-json"), "doctor's options are in it");
}
